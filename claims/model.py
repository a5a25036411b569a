"""The engine's records: what parsing a claims cell gives back.

All are immutable (frozen dataclasses, and a NamedTuple for the claim, which a
cell makes dozens of and which builds five times faster), so a parsed cell can
be shared between threads, cached and compared without surprises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# Builds a NamedTuple from the tuple of its fields, in C. Calling the class runs the __new__ that
# NamedTuple generates in Python, several times slower: it shows in the engine's per-claim loops.
new_record = tuple.__new__

INDEPENDENT = "independent"
DEPENDENT = "dependent"

# Severity of a finding, from least to most serious.
INFO = "info"
WARNING = "warning"
ERROR = "error"


class Claim(NamedTuple):
    """One numbered claim of one language version."""

    number: int
    kind: str  # INDEPENDENT or DEPENDENT
    refs: tuple[int, ...]  # sorted, unique claim numbers this claim refers to
    text: str  # the claim without its leading number
    canceled: bool = False
    category: str | None = None  # see claims.categories; None when unknown


@dataclass(frozen=True)
class Version:
    """One language version found in a cell."""

    language: str | None  # ISO 639-1 code, None when undecidable
    claim_count: int


@dataclass(frozen=True)
class Finding:
    """Something worth telling the analyst about a cell."""

    code: str  # stable machine-readable code, e.g. 'numbering-gap'
    message: str  # one readable English sentence
    severity: str = WARNING
    claim: int | None = None  # the claim it concerns, when there is one


@dataclass(frozen=True)
class ParsedCell:
    """The result of parsing one claims cell."""

    language: str | None  # language of the chosen version; None when no claims
    versions: tuple[Version, ...]
    claims: tuple[Claim, ...]  # claims of the chosen version, in order
    issues: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Figures:
    """Per-patent figures computed from a parsed cell."""

    claims_total: int  # claims that are not canceled
    canceled_total: int
    independent_total: int
    dependent_total: int
    independent_claims: tuple[int, ...]
    first_claim: str  # text of the first independent claim ('' when none)
    first_claim_length: int  # words for Latin scripts, characters for CJK
    shortest_independent_length: int | None
    multiple_dependent_total: int  # claims referring to two or more claims
    max_depth: int  # longest dependency chain, an independent claim alone is 1
    length_unit: str  # 'words' or 'characters'
    tree: dict[int, tuple[int, ...]] = field(default_factory=dict)  # claim -> children
    categories: dict[int, str] = field(default_factory=dict)  # independent claim -> category

    @property
    def tree_text(self) -> str:
        """The claim tree on one line, e.g. '1 > 2, 3; 3 > 4; 9 > 10'."""
        return "; ".join(
            f"{parent} > {', '.join(map(str, children))}"
            for parent, children in sorted(self.tree.items())
            if children
        )
