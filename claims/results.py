"""Per-row results of the pipeline as plain records: the figures appended to the `data` sheet, the
rows of the `claims` and `issues` sheets. Pure and JSON round-trippable, so a job can checkpoint them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claims import claim_length, parse_claims, patent_figures
from claims.model import ERROR, ParsedCell

FIGURE_COLUMNS = (
    "claims_language",
    "claims_versions",
    "claims_total",
    "independent_total",
    "dependent_total",
    "independent_claims",
    "first_claim",
    "first_claim_length",
    "shortest_independent_length",
    "multiple_dependent_total",
    "claim_tree",
    "claims_status",
)
CLAIM_COLUMNS = ("row", "patent", "number", "kind", "refs", "category", "length", "language", "text")
ISSUE_COLUMNS = ("row", "patent", "severity", "message")
CANCELED = "canceled"


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the `claims` sheet shows it; kind is 'canceled' for a canceled claim."""

    number: int
    kind: str
    refs: tuple[int, ...]
    category: str | None
    length: int
    language: str | None
    text: str


@dataclass(frozen=True)
class IssueRow:
    """One finding about a row."""

    severity: str
    code: str
    message: str
    claim: int | None = None


@dataclass(frozen=True)
class RowResult:
    """Everything computed for one source row."""

    row: int  # 1-based row number in the source sheet
    patent: str | None
    figures: tuple  # values in FIGURE_COLUMNS order
    claims: tuple[ClaimRow, ...]
    issues: tuple[IssueRow, ...]

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "row": self.row,
            "patent": self.patent,
            "figures": list(self.figures),
            "claims": [
                [c.number, c.kind, list(c.refs), c.category, c.length, c.language, c.text] for c in self.claims
            ],
            "issues": [[i.severity, i.code, i.message, i.claim] for i in self.issues],
        }

    @classmethod
    def from_dict(cls, data: dict) -> RowResult:
        """The inverse of to_dict."""
        return cls(
            row=data["row"],
            patent=data["patent"],
            figures=tuple(data["figures"]),
            claims=tuple(
                ClaimRow(number, kind, tuple(refs), category, length, language, text)
                for number, kind, refs, category, length, language, text in data["claims"]
            ),
            issues=tuple(IssueRow(*issue) for issue in data["issues"]),
        )


def analyse_cell(row: int, patent: str | None, text: object, prefer: Sequence[str]) -> RowResult:
    """Parse one claims cell and compute its figures, claim rows and findings."""
    cell = parse_claims(text, prefer=tuple(prefer))
    issues = tuple(IssueRow(f.severity, f.code, f.message, f.claim) for f in cell.issues)
    claims = tuple(
        ClaimRow(
            c.number,
            CANCELED if c.canceled else c.kind,
            c.refs,
            c.category,
            claim_length(c.text, cell.language),
            cell.language,
            c.text,
        )
        for c in cell.claims
    )
    return RowResult(row, patent, _figures(cell, issues), claims, issues)


def _status(cell: ParsedCell, issues: tuple[IssueRow, ...]) -> str:
    errors = [i.message for i in issues if i.severity == ERROR]
    if not cell.claims:
        return issues[0].message if issues else "No claims found."
    return errors[0] if errors else "ok"


def _figures(cell: ParsedCell, issues: tuple[IssueRow, ...]) -> tuple:
    versions = ", ".join(f"{v.language or '?'}:{v.claim_count}" for v in cell.versions)
    status = _status(cell, issues)
    if not cell.claims:
        return (None, versions or None, 0, 0, 0, None, None, None, None, 0, None, status)
    fig = patent_figures(cell)
    return (
        cell.language,
        versions,
        fig.claims_total,
        fig.independent_total,
        fig.dependent_total,
        ", ".join(map(str, fig.independent_claims)),
        fig.first_claim,
        fig.first_claim_length,
        fig.shortest_independent_length,
        fig.multiple_dependent_total,
        fig.tree_text,
        status,
    )
