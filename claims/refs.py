"""Read the claims a claim refers to: 'of claim 1', '根据权利要求1-3中任一项', 'nach einem der Ansprüche 1 bis 3'.

One scanner built from every language table: a claim noun ('claim',
'权利要求', '청구항', ...) followed by a list of numbers joined by list words
('or', '或', 'oder') and range words ('to', '至', 'bis'), plus the phrases
that mean 'any preceding claim' (every lower number) or 'the preceding
claim' (the one before).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, combinations
from operator import methodcaller
from typing import NamedTuple

from claims.languages import KO_CLAIM, LATIN, TABLES
from claims.model import new_record


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


def _wrappable(word: str) -> str:
    """A word pattern whose CJK characters may be split by a line break, as text wrapped at a fixed
    width is ('权利\n要求1', '請求項１又\nは２'). Character sets ('[~～〜]') are left as they are."""
    return word if "[" in word else _BETWEEN_CJK.sub(r"\\n?", word)


_BETWEEN_CJK = re.compile(r"(?<=[^\x00-\u2e7f])(?=[^\x00-\u2e7f])")


def _word_pattern(attr: str) -> str:
    parts = []
    for table in TABLES.values():
        for word in getattr(table, attr):
            parts.append(rf"{word}(?![^\W\d_])" if table.script == LATIN and word[-1].isalpha() else _wrappable(word))
    return _alternation(parts)


def _stem(pattern: str) -> str:
    """The literal text every match of a claim-noun pattern starts with: 'claim' for 'claims?'."""
    stem = ""
    for ch in pattern:
        if ch in "?*{":
            return stem[:-1]
        if ch in "([\\|.+^$":
            return stem
        stem += ch
    return stem


_NOUN_LIST = sorted({n for t in TABLES.values() for n in t.claim_nouns}, key=len, reverse=True)
_NOUNS = _alternation(_NOUN_LIST)


def _probes(nouns: list[str]) -> dict[str, tuple[str, ...]]:
    """Substrings to look for before scanning, each with the nouns that cannot match without it: a
    noun's stem, or a shorter stem inside it ('anspruch' for 'patentanspruchs?'), so fewer are tried."""
    stems = {noun: _stem(noun) for noun in nouns}
    probes: dict[str, tuple[str, ...]] = {}
    for noun, stem in stems.items():
        probe = min((s for s in stems.values() if s in stem), key=len)
        probes[probe] = (*probes.get(probe, ()), noun)
    return probes


_NOUN_PROBES = _probes(_NOUN_LIST)


def _guards(probes: list[str]) -> dict[str, tuple[str, ...]]:
    """The probes grouped under the shortest substring of three or more characters that two of them
    share ('ndica' for 'reivindica', 'revendication', 'rivendicazion'; 'anspr' for the German ones): a
    cell without it, as most are, is scanned once for the group, not once per probe."""
    shared = set()
    for a, b in combinations(probes, 2):
        m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        if m.size >= 3:
            shared.add(a[m.a:m.a + m.size])
    groups: dict[str, tuple[str, ...]] = {}
    for probe in probes:
        guard = min((s for s in shared if s in probe), key=len, default=probe)
        groups[guard] = (*groups.get(guard, ()), probe)
    return groups


_GUARDED_PROBES = _guards(list(_NOUN_PROBES))
_LATIN_NOUN_START = frozenset(n[0] for t in TABLES.values() if t.script == LATIN for n in t.claim_nouns)
_PLURALS = frozenset(n for t in TABLES.values() for n in t.plural_nouns)
_START = methodcaller("start")


@lru_cache(maxsize=None)
def _trigger(nouns: tuple[str, ...]) -> re.Pattern:
    """A scanner for the claim nouns of one probe, case-sensitive on lower-cased text. They share a
    literal (the probe), which the regex engine finds several times faster than a set of first letters."""
    return re.compile("|".join(map(_wrappable, nouns)))


def _noun_matches(low: str) -> list[re.Match] | Iterator[re.Match]:
    """Every claim noun in the lower-cased cell, in text order: each probe the cell holds is scanned
    on its own, since one alternation of different nouns ('claims?|权利要求') scans much slower.
    Nouns of different probes never overlap."""
    groups = [_NOUN_PROBES[probe] for guard, probes in _GUARDED_PROBES.items() if guard in low
              for probe in probes if probe == guard or probe in low]
    if len(groups) == 1:
        return _trigger(groups[0]).finditer(low)
    found = [matches for nouns in groups if (matches := list(_trigger(nouns).finditer(low)))]
    return found[0] if len(found) == 1 else sorted(chain.from_iterable(found), key=_START)


# Claim numbers written as words ('primera'), and what may stand before a number ('de la 1 a la 3').
_WORD_NUMBERS = {w: i for t in TABLES.values() for i, w in enumerate(t.number_words, 1)}
_ARTICLES = _alternation([a for t in TABLES.values() for a in t.number_articles])
# A match of _FIRST or _NEXT ends with _NUMBER, whose group is the last to close: m[m.lastindex].
_NUMBER = (
    rf"(?:제\s*(?P<ko>\d{{1,4}})\s*(?:{KO_CLAIM})|第\s*(?P<th>\d{{1,4}})\s*[項项]?|"
    rf"(?P<n>\d{{1,4}})(?!\d|\.\d|,\d{{3}}(?!\d))(?:\s*[項项항]|[ªº])?|(?P<w>{_alternation(list(_WORD_NUMBERS))})(?![^\W\d_]))"
)
_FIRST = re.compile(rf"[ \n]*(?:(?:no|nos|nr)\.?[ ]*|(?:{_ARTICLES})[ ]+)?" + _NUMBER)
_NEXT = re.compile(
    r"[ \n]*(?:(?P<comma>[,，、])[ \n]*)?"
    rf"(?:(?P<range>{_word_pattern('range_words')})|(?P<list>{_word_pattern('list_words')}))?[ \n]*"
    rf"(?:(?:[^\W\d_]{{1,4}}[ ]+){{0,2}}(?:{_NOUNS})[ \n]*)?"  # 'or claim 2', 'ou la revendication 2'
    rf"(?:(?:{_ARTICLES})[ ]+)?" + _NUMBER
)
# A number followed by a unit is a quantity, not a claim: 'claim 1 and 2 mm'. Not 'a' (amperes): it is
# a word in Spanish, Italian and Portuguese ('de 1 a 3 a un paciente').
_UNIT = re.compile(
    r"[ ]*(?:(?:mm|cm|nm|µm|μm|um|km|kg|mg|wt|mol|ml|sec|min|rpm|mv|kv|ma|kw|hz|khz|mhz|ghz|bar|kpa|mpa|"
    r"times|parts|percent|weight|degrees?|phr|ppm|ppb|vol|gew|gewichtsteile|teile|gewichtsprozent|prozent|"
    r"parties|partes|parti|"
    r"m|g|l|s|h|v|w|pa)(?![^\W\d_])|%|°|[个種种根条條片层層只件台块塊次倍度])"
)
# After a claim number, a list goes on only with a comma, a list or range word, or a claim noun. Two
# quick tests spare the full pattern most citations: a CJK character that starts none of those words
# ('权利要求1所述'), and a comma before a longer word that does not start like one ('claim 1, wherein').
_CONNECTORS = [w for t in TABLES.values() for w in (*t.list_words, *t.range_words)]
_CJK_GOES_ON = frozenset("、，").union(*(
    w[1:w.index("]")] if w.startswith("[") else w[0] for t in TABLES.values() if t.script != LATIN
    for w in (*t.list_words, *t.range_words)
))
_LONG_STARTS = frozenset(s[:5] for s in map(_stem, (*_CONNECTORS, *_NOUN_LIST)) if len(s) >= 5)
# What ends a list of bare commas: a comma or a word for 'among' ('claim 1, 2, characterized', '2, 3 중').
_LIST_END = re.compile(r"[ ]*(?:[,，]|중|中|among\b)")
_ALL_PRECEDING = re.compile(_alternation([p for t in TABLES.values() for p in t.all_preceding]), re.IGNORECASE)
_PREVIOUS_ONE = re.compile(_alternation([p for t in TABLES.values() for p in t.previous_one]), re.IGNORECASE)
_PHRASE_BEFORE, _PHRASE_AFTER = 90, 30  # how far from a claim noun its phrase may reach
_MAX_RANGE = 500


class _Citation(NamedTuple):
    start: int  # where the claim noun starts
    end: int  # where it ends
    numbers: tuple[int, ...]  # the numbers cited after it; () for 'the preceding claims'


class Citations:
    """Every claim noun in a cell ('claim 1', '权利要求1-3'), found in one scan and looked up by position."""

    def __init__(self, norm: str) -> None:
        low = norm.lower()
        if len(low) != len(norm):  # a few characters lower-case to two ('İ'): keep offsets aligned
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in norm)
        self.low = low  # the cell lower-cased, same offsets: case-insensitive matching without IGNORECASE
        self._hits: list[_Citation] = []
        self.nouns: list[int] = []  # where every claim noun starts, for the splitter's 'Claim 1:' markers
        listed = 0  # a noun inside an earlier list ('claim 1 or claim 2') is already read
        size = len(low)
        for m in _noun_matches(low):
            start, end = m.span()
            noun = m.group()
            if noun[0] in _LATIN_NOUN_START and (
                (start and low[start - 1].isalpha()) or (end < size and low[end].isalpha())
            ):
                continue  # 'reclaimed', 'claimed', 'beanspruchten'
            self.nouns.append(start)
            if start < listed or (start and low[start - 1] == "【"):
                continue  # read already, or a marker: a duplicated '【청구항 2】' inside claim 2
            numbers, listed = _number_list(low, end, noun in _PLURALS)
            cited = (numbers[0],) if len(numbers) == 1 else tuple(sorted(set(numbers)))
            self._hits.append(new_record(_Citation, (start, end, cited)))
        self._starts = [h.start for h in self._hits]

    def cites(self, start: int, end: int) -> bool:
        """True when the text between the offsets cites a claim, by number or as 'any preceding claim':
        a dependent claim's opening."""
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def refs(self, start: int, end: int, number: int) -> tuple[int, ...]:
        """The claims that claim `number`, whose text lies between the offsets, refers to. Never itself:
        'an independent claim such as claim 1' in claim 1 speaks of claims, it does not depend."""
        hits = self._hits[bisect_left(self._starts, start):bisect_left(self._starts, end)]
        if len(hits) == 1 and hits[0].numbers and hits[0].numbers[0] and number not in hits[0].numbers:
            return hits[0].numbers  # most claims: one citation by number
        found: set[int] = set()
        every = previous = False
        for h in hits:
            if h.numbers:
                found.update(h.numbers)
                continue
            window = (max(start, h.start - _PHRASE_BEFORE), min(end, h.end + _PHRASE_AFTER))
            every = every or _ALL_PRECEDING.search(self.low, *window) is not None
            previous = previous or _PREVIOUS_ONE.search(self.low, *window) is not None
        if every:
            found.update(range(1, number))
        elif previous and number > 1:
            found.add(number - 1)
        found.discard(0)
        found.discard(number)
        return tuple(sorted(found))


def find_refs(norm: str, number: int) -> tuple[int, ...]:
    """The claims that claim `number`, whose whole normalised text is `norm`, refers to."""
    return Citations(norm).refs(0, len(norm), number)


def _number_value(text: str) -> int:
    return _WORD_NUMBERS.get(text) or int(text)


def _number_list(norm: str, pos: int, plural: bool) -> tuple[list[int], int]:
    """Numbers of the list at `pos` ('1', '1 or 2', '1 to 3', '1, 2 and 5', '1-3 or 7') and where it ends."""
    m = _FIRST.match(norm, pos)
    if m is None:
        return [], pos
    numbers = [_number_value(m[m.lastindex])]
    accepted, end = 1, m.end()  # numbers[:accepted] are certain; a bare ', 5' waits for an 'or'/'and'
    before_last = (1, m.end())  # accepted and end before the last single number was taken
    pos = m.end()
    if (norm[pos:pos + 1] > "\u2e7f" and norm[pos] not in _CJK_GOES_ON) or (
        norm.startswith(", ", pos) and norm[pos + 2:pos + 7].isalpha() and norm[pos + 2:pos + 7] not in _LONG_STARTS
    ):
        return numbers, end
    while True:
        m = _NEXT.match(norm, pos)
        if m is None:
            break
        if _UNIT.match(norm, m.end()):
            if m.group("range") and len(numbers) > 1:
                accepted, end = before_last  # 'claim 1 and 5 to 30 parts': the 5 is an amount too
            break
        value = _number_value(m[m.lastindex])
        if value == 0:
            break  # no claim 0: a decimal, 'und 0,5 Gew.-%'
        if m.group("range") and m.group("comma"):
            break  # 'revendication 2, à 16 soupapes': a range does not follow a comma
        if m.group("range"):
            low = numbers[-1]
            if not low < value <= low + _MAX_RANGE:
                break
            numbers.extend(range(low + 1, value + 1))
        elif m.group("list") or m.group("comma"):
            before_last = (accepted, end)
            numbers.append(value)
        else:
            break
        pos = m.end()
        comma = m.group("comma")
        # A bare ', 5' waits for an 'or'; '、', '，' and a comma with no space ('1,2') list claims as they are.
        if m.group("range") or m.group("list") or plural or comma in ("、", "，") or (
            comma and m.end("comma") == m.start(m.lastindex)
        ):
            accepted, end = len(numbers), pos
    if accepted < len(numbers) and _LIST_END.match(norm, pos):
        accepted, end = len(numbers), pos  # 'claim 1, 2, characterized', '청구항 2, 3, 5 중'
    return numbers if accepted == len(numbers) else numbers[:accepted], end
