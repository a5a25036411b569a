"""Find where numbered claims start, and where one language version ends and the next begins.

Every place that could start a claim ('1.', '2、', '【請求項3】', 'Claim 4:') is a
candidate with a quality (line start beats mid-line, a capital or CJK letter
after it beats lower case). The claims are the best-scoring chain of
candidates whose numbers run 1, 2, 3, ...; a chain that starts again at 1 is a
new language version. Choosing a chain rather than taking every match is what
keeps 'heated to 120. 5 degrees' or 'FIG. 3. The' from being read as claims.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter
from typing import NamedTuple

from claims.language import detect_language
from claims.languages import DASH, NOT_CLAIM_PREFIXES, TABLES
from claims.model import new_record
from claims.refs import Citations


def _cased(words: list[str]) -> str:
    """Each marker word as written, lower case, capitalised and upper case: the scan stays case-sensitive and fast."""
    forms = {f for w in words for f in (w, w.lower(), w[0].upper() + w[1:], w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_WORDS = _cased([w for t in TABLES.values() for w in t.marker_words])
_TERMINATORS = ".。;；:：)]】」!?|"  # a claim marker mid-line follows one of these ('|' joins claims in some exports)
_BULLETS = "•·▪◦"  # a web page's list bullets before a line's marker: '• 1. A ...'
_HEADINGS = "|".join(w for t in TABLES.values() for w in t.headings)
# A heading that may title the claims after it: 'CNA', 'EPB1', 'Claims', '权利要求书', 'What is claimed is:'.
_TITLE = rf"[ ]*(?:(?-i:[A-Z]{{2,4}}\d?)|(?:{_HEADINGS})(?:[ ]*\([A-Za-z]{{2}}\))?)[ ]*[:：]?[ ]*"
# Separate patterns, each led by a literal or a few characters the regex engine finds fast; one
# combined pattern is several times slower. A plain '1.' can only start a claim at the start of the
# text or of a line, after a sentence or after a title, so only those places are scanned.
# ASCII digits only (normalize made full-width ones ASCII); the possessive run never backtracks.
# A range of canceled claims: '1-10.', '1.-10.', '2 to 5.', '2. bis 4.'.
# French INPI numbering '1 - Dispositif' has a dash before a word. A digit after the marker is a decimal
# ('120.5'), unless it starts a chemical name: '4.1,4-丁二醇', '6.2-Methyl...'.
# Older and translated numbering: '(1)', '[1]' (the closer is the marker's punctuation), French '1°)', '1/',
# '1°', Spanish '1ª.-'; and OCR's number alone on its line, the dot starting the next ('1\n. A ...').
_RANGE_WORDS = "|".join(sorted({w for t in TABLES.values() for w in t.range_words if w != DASH}, key=len, reverse=True))
_NUMBERED = (
    rf"(?P<open>[(\[](?!0))?(?P<num>[0-9]{{1,4}}+)"
    rf"(?:(?:\.?[ ]*{DASH}[ ]*|\.?[ ](?:{_RANGE_WORDS})[ ])(?P<end>[0-9]{{1,4}}))?(?:[ ]?|[ ]*\n[ ]*(?=\.(?![0-9])))"
    r"(?P<p>(?(open)[)\]]|(?:[.)、/]|°\)?|ª\.?-?|[-–](?=[ ][^\W\d_]))))"
    r"(?![0-9](?![0-9]*(?:,[0-9]+)*-[^\W\d_]))"
)
_PLAIN = re.compile(_NUMBERED)
_LINE_START = re.compile(rf"\n[ {_BULLETS}]*(?={_NUMBERED})")
# After a sentence, maybe with a heading (capitalised) where an export joined the versions on one line
# ('... dépassés. Patentansprüche 1. ...'). A character-set scan: the slow one.
_MID_LINE = re.compile(
    rf"[{re.escape(_TERMINATORS)}][ ]*(?:(?=[^\W\d_a-z])(?i:{_HEADINGS})[ ]*[:：]?[ ]*)?(?={_NUMBERED})"
)
_ENDS_HEADING = re.compile(rf"[.。][ ]*(?:{_HEADINGS})[ ]*[:：]?[ ]*$", re.IGNORECASE)
_HEADING_REACH = 40  # how far back from a marker a heading after a sentence is looked for
_TITLED = re.compile(rf"\n(?=[ ]*[^\W\d_]){_TITLE}(?<![0-9])(?=[0-9])", re.IGNORECASE)  # (a title starts with a letter)
_TITLE_START = re.compile(rf"{_TITLE}(?<![0-9])(?=[0-9])", re.IGNORECASE)
_TITLE_LINE = re.compile(rf"{_TITLE}$", re.IGNORECASE)  # a line that only titles what follows
# '【請求項1】', '【청구항 1】', '【1】', Taiwan's '【第1項】', and '[Claim 1]'; not a description's '【0001】'.
_BRACKETED = re.compile(
    rf"【[ ]*(?:{_WORDS})?[ ]*第?[ ]*(?P<num>[1-9]\d{{0,3}})[ ]*項?[ ]*】|\[[ ]*(?:{_WORDS})[ ]*(?P<num2>\d{{1,4}})[ ]*\]"
)
_WORDED = re.compile(
    rf"(?:{_WORDS})[ ]*(?P<num>\d{{1,4}})(?:(?:[ ]*{DASH}[ ]*|[ ]+(?:through|to)[ ]+)(?P<end>\d{{1,4}}))?[ ]*(?:[.:：)、]|(?=\s))"
)
# How a claim's text opens: canceled ('(Canceled)', '删除'), or as an independent claim does ('A ...',
# '一种'). One pattern, run on the lower-cased cell (Citations.low): faster than two, or IGNORECASE.
_CANCELED_WORDS = "|".join(w for t in TABLES.values() for w in t.canceled)
_OPENING = re.compile(
    rf"(?P<canceled>[\s(\[]{{0,3}}(?:{_CANCELED_WORDS})(?![a-z]))"
    "|(?P<opens>" + "|".join(o for t in TABLES.values() for o in t.openers) + ")"
)
# A canceled claim's text ends without a full stop, so the next marker follows a word:
# '2. Anulada 3. La ...', '【청구항 4】 삭제 【청구항 5】'.
_MARKER_AFTER = re.compile(rf"[)\]）】.]?[ ]*{_NUMBERED}")
_ENDS_CANCELED = re.compile(rf"(?<![a-z])(?:{_CANCELED_WORDS})[)\]）】.]?[ ]*$")
_PREFIX_WORD = re.compile(r"([^\W\d_]+)$")
_NOT_CLAIM_PREFIX = frozenset(NOT_CLAIM_PREFIXES)


_TEXT_START = " \"'“‘" + _BULLETS  # what may stand before claim 1: spaces, bullets, and a CSV export's quote
_SPACE_OR_BULLET = frozenset(" " + _BULLETS)
_LINE, _INLINE = 3, 1  # quality of a marker at a line start, and after a sentence mid-line
_CLAIMLIKE = 4  # bonus when the text opens like a claim: 'A ...', '一种', or cites a claim
_MID_LINE_BEST = _INLINE + 1 + _CLAIMLIKE  # the best a plain '1.' after a sentence mid-line scores
_STYLE_CHANGE = 4  # cost of a chain switching between '1.', '1、', '1)', '【1】' styles
_RESTART_COST = 14  # cost of a new version starting at 1, before the evidence for one
_GAP_MAX = 20  # the most numbers a chain may skip (claims missing from an export)
_WINDOW = 80  # how far into a claim a citation still counts as its opening
_TITLE_MAX = 60  # the longest heading a claim may follow on its line
_LANGUAGE_WINDOW = 300  # how much text either side of a restart tells its language


class Segment(NamedTuple):
    """One claim found in the text: its number(s) and where its text lies."""

    first: int  # its number; a canceled range '1-10.' spans first..last
    last: int
    start: int  # offset of the claim text, after the number
    end: int  # offset just past the claim text
    version: int  # 0 for the first language version, 1 for the next, ...
    canceled: bool
    gap: bool  # numbers are missing right before this claim
    claimlike: bool  # its text opens like a claim: 'A device', '一种', or 'The device of claim 1'
    repeated: bool = False  # its number starts another claim-like line inside its text: a duplicate


class _Candidate(NamedTuple):
    first: int
    last: int
    at: int  # where the marker starts
    start: int  # where the claim text starts
    quality: int
    line: bool
    canceled: bool
    style: str  # '.', ')', '、' or 'word' for 'Claim 1' and '【請求項1】'
    opens: bool  # the text opens as an independent claim does ('A ...', '一种')
    claimlike: bool  # it opens so, or cites a claim


def split_claims(norm: str, citations: Citations) -> list[Segment]:
    """Segments of the claims in a normalised cell, in text order; [] when none is numbered."""
    candidates = _candidates(norm, citations, _markers(norm, citations))
    runs = _runs(candidates)
    if not _mid_line_cannot_matter(norm, candidates, runs):
        seen = {c.at for c in candidates}
        candidates += [c for c in _candidates(norm, citations, _mid_line_markers(norm)) if c.at not in seen]
        candidates.sort(key=attrgetter("at"))
        runs = _runs(candidates)
    if not candidates:
        return []
    chain = _chained_runs(candidates, runs) or _best_chain(norm, candidates)
    skipped = len(chain) < len(candidates)  # else no candidate lies inside a claim's text
    starts = [c.at for c in candidates]
    segments: list[Segment] = []
    version = 0
    for k, (cand, step) in enumerate(chain):
        if step == "restart":
            version += 1
        end = chain[k + 1][0].at if k + 1 < len(chain) else len(norm)
        repeated = skipped and any(
            c.first == cand.first and c.line and c.claimlike
            for c in candidates[bisect_right(starts, cand.start):bisect_left(starts, end)]
        )
        segments.append(new_record(Segment, (
            cand.first, cand.last, cand.start, _trim_end(norm, cand.start, end),
            version, cand.canceled, step == "gap", cand.claimlike, repeated,
        )))
    if segments[0].first == 2 and (first := _unnumbered_first(norm, citations, chain[0][0], segments[0].end)):
        segments.insert(0, first)
    return segments


def _unnumbered_first(norm: str, citations: Citations, second: _Candidate, second_end: int) -> Segment | None:
    """Claim 1 printed without its number before '2.' (its number lost in an export), when the text
    there, past any heading lines, opens as an independent claim does ('What is claimed is:\nA ...'),
    or claim 2 cites claim 1."""
    start = 0
    while (line_end := norm.find("\n", start, second.at)) >= 0 and (
        not norm[start:line_end].strip() or _TITLE_LINE.match(norm, start, line_end)
    ):
        start = line_end + 1
    start += len(norm[start:second.at]) - len(norm[start:second.at].lstrip())
    if start >= second.at:
        return None
    opening = _OPENING.match(citations.low, start)
    if not (opening is not None and opening.lastgroup == "opens" or 1 in citations.refs(second.start, second_end, 2)):
        return None
    return new_record(Segment, (1, 1, start, _trim_end(norm, start, second.at), 0, False, False, True, False))


# A marker: where its number (or '【', 'Claim') starts, where the marker ends, its match (groups num and p
# for a plain '1.', '1)', '1、'; num or num2 otherwise), and whether it is plain. A bare tuple: a cell has
# dozens, and a NamedTuple's constructor is Python code.
_Marker = tuple[int, int, re.Match, bool]


def _mid_line_cannot_matter(norm: str, candidates: list[_Candidate], starts: list[int] | None) -> bool:
    """True when the claims found at line starts number 1, 2, 3, ... in one style per language version
    and each opens like a claim, as in most cells, and no number follows a sentence in the last claim
    of a version. A '1.' after a sentence mid-line then cannot change the chain (it scores less than
    the line-start claim with its number), and the slow scan for those is skipped. `starts` are the
    candidates' _runs."""
    if not starts or not all(c.quality > _MID_LINE_BEST for c in candidates):
        return False
    lasts = [candidates[i - 1] for i in starts[1:]] + [candidates[-1]]
    limits = [candidates[i].at for i in starts[1:]] + [len(norm)]
    return all(_MID_LINE.search(norm, last.start, limit) is None for last, limit in zip(lasts, limits))


def _markers(norm: str, citations: Citations) -> list[_Marker]:
    """Every number that looks like a claim marker where a claim may start, but for those after a
    sentence mid-line, in text order."""
    text_start = len(norm) - len(norm.lstrip(_TEXT_START))
    found = [(m.start(), m.end(), m, True) for m in (_PLAIN.match(norm, text_start),) if m]
    found += [(m.end(), m.end("p"), m, True) for m in _LINE_START.finditer(norm)]
    in_order = len(found)
    # After a title on its line: 'Claims 1. A ...', 'CNA 1.一种'.
    heads = [m.end() for m in _TITLED.finditer(norm)]
    if (m := _TITLE_START.match(norm)) is not None:
        heads.append(m.end())
    seen = {marker[0] for marker in found} if heads else set()
    found += [(m.start(), m.end(), m, True) for head in heads
              if (m := _PLAIN.match(norm, head)) is not None and m.start() not in seen]
    if "【" in norm or "[" in norm:
        found += [(m.start(), m.end(), m, False) for m in _BRACKETED.finditer(norm)]
    # 'Claim 1:' starts with a claim noun, and the citation scan has found every one of those.
    # A noun right after a letter or digit ('根据权利要求1', 'reclaim') is inside a sentence, where no claim starts.
    found += [(m.start(), m.end(), m, False) for start in citations.nouns
              if not (start and norm[start - 1].isalnum()) and (m := _WORDED.match(norm, start))]
    if len(found) > in_order:
        found.sort(key=itemgetter(0))  # by position
    return found


def _mid_line_markers(norm: str) -> list[_Marker]:
    """The numbers that look like a claim marker after a sentence mid-line: '... claim 1. 3. The ...'."""
    return [(m.end(), m.end("p"), m, True) for m in _MID_LINE.finditer(norm)]


def _candidates(norm: str, citations: Citations, markers: list[_Marker]) -> list[_Candidate]:
    """The markers that may start a claim, each with the quality the chain search weighs."""
    out = []
    size, low = len(norm), citations.low
    for k, (at, end, m, plain) in enumerate(markers):
        line = True if at == 0 or norm[at - 1] == "\n" else _place(norm, at)
        if line is None:
            # '【請求項3】' and '[Claim 3]' are markers wherever they stand, and so is a number after a
            # canceled claim's text or a heading; others are inside a word, number or sentence: 'S1、'.
            after_word = (plain or m.re is _WORDED) and (
                _ENDS_CANCELED.search(norm[max(0, at - 30):at].lower()) or _heading_ends_at(norm, at)
            )
            if not (m.re is _BRACKETED or after_word):
                continue
            line = False
        if not line and plain and _after_abbreviation(norm, at):
            continue
        start = end
        while start < size and norm[start] in " \n":
            start += 1
        if start >= size or (norm[start].isdigit() and not _names_something(norm, start)):
            continue  # '120. 5 degrees', '1. 2. 3.': a number, not a claim text
        follow = norm[start]
        opening = _OPENING.match(low, start)
        canceled = opening if opening is not None and opening.lastgroup == "canceled" else None
        if canceled and (after := _MARKER_AFTER.match(norm, canceled.end())):
            # A canceled claim has no full stop to end it: '2. Anulada 3. La ...'. The scan missed the
            # marker after it; the loop visits it next.
            if k + 1 == len(markers) or markers[k + 1][0] != after.start("num"):
                markers.insert(k + 1, (after.start("num"), after.end("p"), after, True))
        first = int(m["num"] or m["num2"]) if not plain else int(m["num"])
        last = int(m["end"]) if m.re is not _BRACKETED and m["end"] else first
        if first == 0 or (last != first and (not canceled or not first < last <= first + 500)):
            continue
        quality = _LINE if line else _INLINE
        if follow.islower():
            if not line and not canceled:
                continue
            quality -= 1
        else:
            quality += 1
        style = m.group("p") if plain else "word"
        if style == "word":
            quality += 1
        elif style == ")":
            quality -= 1
        opens = opening is not None and opening.lastgroup == "opens" and not follow.islower()  # not '1. a frame'
        # A citation on the next line, or after the next '2.', is another claim's.
        window_end = start + _WINDOW
        if k + 1 < len(markers) and markers[k + 1][3]:
            window_end = min(window_end, markers[k + 1][0])
        line_end = norm.find("\n", start, window_end)
        claimlike = opens or citations.cites(start, window_end if line_end < 0 else line_end)
        if canceled:
            quality += 1
        elif claimlike:
            quality += _CLAIMLIKE
        out.append(new_record(_Candidate, (first, last, at, start, quality, line, canceled is not None, style, opens,
                                           claimlike)))
    return out


def _place(norm: str, at: int) -> bool | None:
    """Where a marker at `at` stands: True at the start of a line (or after a title on it), False
    after a sentence mid-line, None anywhere else (inside a word, a number or a sentence)."""
    before = at
    while before > 0 and norm[before - 1] in _SPACE_OR_BULLET:
        before -= 1
    if before == 0 or norm[before - 1] == "\n" or (before < 4 and not norm[:before].lstrip(_TEXT_START)):
        return True
    if _after_title(norm, before):
        return True
    return False if norm[before - 1] in _TERMINATORS else None


def _after_abbreviation(norm: str, at: int) -> bool:
    """True when the number at `at` follows a word such as 'FIG.', 'No.' or 'step': not a claim."""
    tail = norm[max(0, at - 16):at].rstrip()
    if tail[-1:] in (".", ":"):
        tail = tail[:-1]
    if not (tail[-1:].isascii() and tail[-1:].isalpha()):  # the words are Latin; most cells end a sentence here
        return False
    word = _PREFIX_WORD.search(tail)
    return word is not None and word.group(1).lower() in _NOT_CLAIM_PREFIX


def _names_something(norm: str, start: int) -> bool:
    """True when the text at `start`, which begins with a digit, is a name rather than a number:
    '3D-Drucker', '2-Amino-4-methylpyridine', '4-(4-Methylpiperazin-1-yl)...'."""
    word = norm[start:start + 40].split(None, 1)[0]
    return any(ch.isalpha() for ch in word)


def _after_title(norm: str, pos: int) -> bool:
    """True when the line up to `pos` is only a heading: 'Claims 1. A ...', '权利要求书 1.一种...'."""
    line_start = norm.rfind("\n", max(0, pos - _TITLE_MAX), pos) + 1
    if line_start == 0 and pos > _TITLE_MAX:
        return False
    return _TITLE_LINE.match(norm, line_start, pos) is not None


def _best_chain(norm: str, cands: list[_Candidate]) -> list[tuple[_Candidate, str]]:
    """The highest-scoring chain of candidates with consecutive numbers (dynamic programming)."""
    cands = _unshadowed(cands)
    score: list[float] = []
    back: list[tuple[int, str]] = []
    best_end: dict[int, dict[str, int]] = {}  # last number -> style -> best chain ending there
    best_any = -1
    for c in cands:
        # The best way to reach this candidate; on equal scores the first option listed wins.
        base, j, step = float("-inf"), -1, ""
        if c.first == 1 or c.line or c.quality >= _INLINE + 1 + _CLAIMLIKE:
            base, step = (0.0 if c.first == 1 else -3.0), "start"
        before = best_end.get(c.first - 1)
        if before:
            for style, k in before.items():
                value = score[k] - (style != c.style) * _STYLE_CHANGE
                if value > base:
                    base, j, step = value, k, "next"
        elif c.line and c.claimlike:  # a jump in numbering only to a claim, where nothing continues directly
            for gap in range(2, min(_GAP_MAX, c.first - 1) + 1):
                for style, k in best_end.get(c.first - gap, {}).items():
                    value = score[k] - 2.0 * (gap - 1) - 1.0 - (style != c.style) * _STYLE_CHANGE
                    if value > base:
                        base, j, step = value, k, "gap"
        if c.first == 1 and best_any >= 0:
            value = score[best_any] - _restart_cost(norm, c)
            if value > base:
                base, j, step = value, best_any, "restart"
        if not step:  # a mid-line number that continues nothing cannot start the claims
            score.append(float("-inf"))
            back.append((-1, "none"))
            continue
        i = len(score)
        score.append(base + c.quality)
        back.append((j, step))
        ends = best_end.setdefault(c.last, {})
        if c.style not in ends or score[i] > score[ends[c.style]]:  # the first of equals: a repeat is a duplicate
            ends[c.style] = i
        if best_any < 0 or score[i] > score[best_any]:
            best_any = i
    chain = []
    i = best_any
    while i >= 0:
        j, step = back[i]
        chain.append((cands[i], step))
        i = j
    chain.reverse()
    return chain


def _runs(cands: list[_Candidate]) -> list[int] | None:
    """Where each run of candidates numbered 1, 2, 3, ... in one style starts, as in most cells (one
    run a language version); None when the candidates are not such runs."""
    starts = []
    for i, c in enumerate(cands):
        if c.first == 1:
            starts.append(i)
        elif i == 0 or c.first != cands[i - 1].last + 1 or c.style != cands[i - 1].style:
            return None
    return starts


def _chained_runs(
    cands: list[_Candidate], starts: list[int] | None
) -> list[tuple[_Candidate, str]] | None:
    """The best chain without the search, when the candidates are runs numbered 1, 2, 3, ... starting
    at `starts` (their _runs): every candidate scores above 0, so one run is chained whole, and so are
    several of two or more claims each when the first run outscores any restart's cost. None otherwise."""
    if not starts:
        return None
    if len(starts) > 1:
        sizes = [b - a for a, b in zip(starts, [*starts[1:], len(cands)])]
        if min(sizes) < 2 or sum(c.quality for c in cands[:starts[1]]) <= _RESTART_COST:
            return None
        if not all(cands[i].claimlike for i in starts[1:]):
            return None  # a list inside a claim, '包括以下步骤：\n1.将...', or a version the search must weigh
    restarts = set(starts[1:])
    return [(c, "start" if i == 0 else "restart" if i in restarts else "next") for i, c in enumerate(cands)]


def _unshadowed(cands: list[_Candidate]) -> list[_Candidate]:
    """The candidates but for list items numbered like the claims: a plain number that does not look like
    a claim, when the same number starts a claim-like text further on in the same version
    ('3. ... selected from:\n1. ...\n4. N-...;\n...\n4. A composition ...'). Claim 1 is never dropped."""
    kept, claimlike_after = [], set()
    for c in reversed(cands):
        if c.first > 1 and c.first in claimlike_after and not (c.claimlike or c.canceled or c.style == "word"):
            continue
        kept.append(c)
        if c.claimlike:
            claimlike_after.add(c.first)
        if c.first == 1:
            claimlike_after.clear()  # a new version, or a list, starts here
    kept.reverse()
    return kept


def _restart_cost(norm: str, cand: _Candidate) -> float:
    """How unlikely a claim 1 is to open a new language version rather than a list inside a claim.

    A version needs evidence: a marker, heading or blank line before it, a change of language, or
    a first claim that opens as an independent claim does.
    """
    cost = float(_RESTART_COST)
    line_start = norm.rfind("\n", 0, cand.at)
    prev_line = norm[norm.rfind("\n", 0, line_start) + 1:line_start] if line_start > 0 else None
    if (prev_line is not None and (not prev_line.strip() or _TITLE_LINE.match(prev_line))) or _heading_ends_at(
        norm, cand.at
    ):
        cost -= 6
    before = norm[max(0, cand.at - _LANGUAGE_WINDOW):cand.at]
    after = norm[cand.start:cand.start + _LANGUAGE_WINDOW]
    if detect_language(before) != detect_language(after):
        cost -= 6
    if cand.opens:
        cost -= 5
    if cost == _RESTART_COST and not cand.claimlike:
        return float("inf")  # no evidence at all: a list inside a claim ('包括以下步骤：\n1.将...')
    return max(cost, 1.0)


def _heading_ends_at(norm: str, pos: int, start: int = 0) -> re.Match | None:
    """A heading after a sentence that ends at `pos` ('... is red. Revendications'), not before `start`."""
    return _ENDS_HEADING.search(norm, max(start, pos - _HEADING_REACH), pos)


def _trim_end(norm: str, start: int, end: int) -> int:
    """End of a claim's text, leaving out trailing blank, marker ('CNA') and heading lines, and a heading
    that ends the line: '... is red. Revendications' before the next version's '1.' on one line."""
    while True:
        while end > start and norm[end - 1] in " \n":
            end -= 1
        line_start = norm.rfind("\n", start, end) + 1
        if line_start <= start or end - line_start > _TITLE_MAX or not _TITLE_LINE.match(norm, line_start, end):
            break
        end = line_start
    if end > start and (norm[end - 1].isalpha() or norm[end - 1] in ":：") and (
        heading := _heading_ends_at(norm, end, start)
    ):
        return heading.start() + 1  # most claims end with a full stop: no heading to look for
    return end
