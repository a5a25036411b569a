"""parse_claims: from one spreadsheet cell to numbered, classified, linked claims.

Pure and deterministic: the same text always gives the same result, and no
input makes it raise.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from claims import checks
from claims.categories import category, independent_category
from claims.language import detect_language
from claims.languages import TABLES
from claims.model import DEPENDENT, INDEPENDENT, Claim, Finding, ParsedCell, Version, new_record
from claims.normalize import normalize, unescape_breaks
from claims.refs import Citations
from claims.split import Segment, split_claims

DEFAULT_PREFER = ("en", "zh")
_SINGLE_CLAIM = {
    code: re.compile(t.single_claim, re.IGNORECASE) for code, t in TABLES.items() if t.single_claim
}
_HEADING = re.compile(
    r"\s*(?:" + "|".join(w for t in TABLES.values() for w in t.headings) + r")[ ]*(?:[:：]\s*|\n)",
    re.IGNORECASE,
)


def parse_claims(text: object, prefer: Sequence[str] = DEFAULT_PREFER) -> ParsedCell:
    """Split a claims cell into claims of the preferred language version, with kinds and references."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        if text is None or (isinstance(text, float) and math.isnan(text)):
            return ParsedCell(None, (), (), (checks.empty_finding(),))
        return ParsedCell(None, (), (), (checks.not_text_finding(text),))
    text = unescape_breaks(text)
    if not text.strip():
        return ParsedCell(None, (), (), (checks.empty_finding(),))
    norm = normalize(text)
    citations = Citations(norm)
    segments = split_claims(norm, citations)
    if not segments:
        return _unnumbered(text, norm)
    versions = _versions(segments)
    languages = [detect_language(norm[v[0].start:v[-1].end][:3000]) for v in versions]
    versions, languages = _merge_sublists(versions, languages)
    chosen = _choose(languages, prefer)
    language = languages[chosen]
    claims = _claims(text, citations, versions[chosen], language)
    chosen_segments = versions[chosen]
    findings = checks.check_claims(
        claims, tuple(s.first for s in chosen_segments if s.gap), tuple(s.first for s in chosen_segments if s.repeated)
    )
    if languages.count(language) > 1:
        findings.append(checks.duplicate_version_finding(language))
    return ParsedCell(
        language=language,
        versions=tuple(Version(lang, sum(s.last - s.first + 1 for s in v)) for lang, v in zip(languages, versions)),
        claims=claims,
        issues=tuple(findings),
    )


def _versions(segments: list[Segment]) -> list[list[Segment]]:
    versions: list[list[Segment]] = []
    for s in segments:
        if s.version == len(versions):
            versions.append([])
        versions[-1].append(s)
    return versions


def _merge_sublists(
    versions: list[list[Segment]], languages: list[str | None]
) -> tuple[list[list[Segment]], list[str | None]]:
    """Fold a run restarting at 1 in the same language back into the claim before it.

    'A composition comprising: 1. water; 2. salt' inside the last claim is a list, not a second
    version: it is short, or none of its items opens or cites like a claim.
    """
    kept_versions, kept_languages = [versions[0]], [languages[0]]
    for version, language in zip(versions[1:], languages[1:]):
        previous = kept_versions[-1]
        listlike = 2 * len(version) < len(previous) or not any(s.claimlike for s in version)
        if language == kept_languages[-1] and listlike:
            previous[-1] = previous[-1]._replace(end=version[-1].end)
        else:
            kept_versions.append(version)
            kept_languages.append(language)
    return kept_versions, kept_languages


def _choose(languages: list[str | None], prefer: Sequence[str]) -> int:
    """Index of the version to use: the first preferred language present, then English, then Chinese,
    else the first version."""
    for code in (*prefer, *DEFAULT_PREFER):
        if code in languages:
            return languages.index(code)
    return 0


def _claims(text: str, citations: Citations, segments: list[Segment], language: str | None) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    categories: dict[int, str | None] = {}
    for s in segments:
        body = text[s.start:s.end].strip()
        for number in range(s.first, s.last + 1):
            if s.canceled:
                claims.append(new_record(Claim, (number, INDEPENDENT, (), body, True, None)))
                continue
            refs = citations.refs(s.start, s.end, number)
            if refs:
                own = category(body, language)
                cat = own or next((categories[r] for r in refs if categories.get(r)), None)
                claims.append(new_record(Claim, (number, DEPENDENT, refs, body, False, cat)))
            else:
                cat = independent_category(body, language)
                claims.append(new_record(Claim, (number, INDEPENDENT, (), body, False, cat)))
            categories[number] = cat
    return tuple(claims)


def _unnumbered(text: str, norm: str) -> ParsedCell:
    """A cell without numbered claims: one whole claim (design patents) or no claims at all."""
    body_start = 0
    while (m := _HEADING.match(norm, body_start)) is not None:
        body_start = m.end()
    body = text[body_start:].strip()
    language = detect_language(norm[:3000])
    pattern = _SINGLE_CLAIM.get(language or "")
    if pattern is None or not pattern.match(normalize(body)):
        return ParsedCell(None, (), (), (checks.no_claims_finding(),))
    claim = Claim(1, INDEPENDENT, (), body, category=independent_category(body, language))
    return ParsedCell(language, (Version(language, 1),), (claim,), (checks.unnumbered_finding(),))
