"""Findings about a cell's claims: numbering gaps, references to missing or later claims, and the like."""
from __future__ import annotations

from claims.model import ERROR, INFO, WARNING, Claim, Finding


def check_claims(claims: tuple[Claim, ...], gaps: tuple[int, ...], repeated: tuple[int, ...] = ()) -> list[Finding]:
    """Findings about one version's claims; `gaps` are the claims preceded by missing numbers,
    `repeated` the numbers that start a second claim (kept in the text of the first)."""
    findings: list[Finding] = []
    by_number = {c.number: c for c in claims}
    if claims and claims[0].number != 1:
        findings.append(Finding("numbering-start", f"The claims start at {claims[0].number}, not at 1.",
                                WARNING, claims[0].number))
    previous = {c.number: p.number for p, c in zip(claims, claims[1:])} if gaps else {}
    for number in gaps:
        low, high = previous[number] + 1, number - 1
        missing = str(low) if low == high else f"{low} to {high}"
        findings.append(Finding("numbering-gap", f"Claim {missing} is missing: the numbering jumps to {number}.",
                                WARNING, number))
    for number in repeated:
        findings.append(Finding("duplicate-number", f"Claim number {number} is used twice; the second claim "
                                f"{number} is kept in the text of the first.", WARNING, number))
    for c in claims:
        for r in c.refs:
            target = by_number.get(r)
            if r >= c.number:
                findings.append(Finding("later-reference", f"Claim {c.number} refers to claim {r}, "
                                        "which is not an earlier claim.", ERROR, c.number))
            elif target is None:
                findings.append(Finding("missing-reference", f"Claim {c.number} refers to claim {r}, "
                                        "which is not in the text.", ERROR, c.number))
            elif target.canceled:
                findings.append(Finding("canceled-reference", f"Claim {c.number} refers to canceled "
                                        f"claim {r}.", WARNING, c.number))
        if len(c.refs) >= 2:
            bases = [r for r in c.refs if r in by_number and len(by_number[r].refs) >= 2]
            if bases:
                findings.append(Finding("multiple-on-multiple", f"Claim {c.number} is a multiple dependent claim "
                                        f"that refers to multiple dependent claim {_list(bases)}.", WARNING, c.number))
    return findings


def _list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def empty_finding() -> Finding:
    return Finding("empty", "The cell is empty.", INFO)


def not_text_finding(value: object) -> Finding:
    return Finding("not-text", f"The cell holds {type(value).__name__} {value!r}, not claims text.", WARNING)


def no_claims_finding() -> Finding:
    return Finding("no-claims", "The cell has text but no numbered claims.", WARNING)


def unnumbered_finding() -> Finding:
    return Finding("unnumbered", "The cell holds one unnumbered claim, read as claim 1.", INFO, 1)


def duplicate_version_finding(language: str | None) -> Finding:
    return Finding("duplicate-version", f"The cell holds the {language or 'same'} claims more than once; "
                   "the first set is used.", INFO)
