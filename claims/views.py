"""Pure helpers that turn parsed claims into what the app shows: table rows and a claim-tree graph.

No Streamlit here, so the command line and tests can use them as they are.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from claims.figures import claim_length
from claims.model import DEPENDENT, INDEPENDENT, Claim
from claims.results import CANCELED

_CJK_LANGUAGES = ("zh", "ja", "ko")
_INDEPENDENT_FILL = "#1f5fbf"
_DEPENDENT_FILL = "#eef3fb"
_CANCELED_FILL = "#f2f2f2"


@dataclass(frozen=True)
class Distributions:
    """How a finished job's patents spread: patents per claim count, per independent-claim count, per language."""

    claims_per_patent: dict[int, int] = field(default_factory=dict)
    independent_per_patent: dict[int, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)  # patents per claims language


def summary_distributions(summary: Mapping[str, Any]) -> Distributions:
    """A finished job's distributions from its summary as stored (counts keyed by text); rows without
    claims are left out of the languages, which come most frequent first."""
    languages = Counter({code: n for code, n in summary.get("languages", {}).items() if code != "none"})
    return Distributions(
        _by_number(summary.get("claims_per_patent", {})),
        _by_number(summary.get("independent_per_patent", {})),
        dict(languages.most_common()),
    )


def _by_number(counts: Mapping[str, int]) -> dict[int, int]:
    return {int(number): n for number, n in counts.items()}


def claims_from_records(records: Iterable[Mapping[str, Any]]) -> tuple[Claim, ...]:
    """Claims back from their JSON form (the JSON Lines result), where kind 'canceled' marks a canceled claim."""
    claims = []
    for record in records:
        refs = tuple(int(ref) for ref in record.get("refs") or ())
        canceled = record["kind"] == CANCELED
        kind = (DEPENDENT if refs else INDEPENDENT) if canceled else str(record["kind"])
        claims.append(Claim(int(record["number"]), kind, refs, str(record.get("text") or ""), canceled, record.get("category")))
    return tuple(claims)


def excerpt(text: str, limit: int) -> str:
    """text on one line, cut to at most limit characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def claim_rows(claims: Sequence[Claim], language: str | None) -> list[dict[str, Any]]:
    """One table row per claim: number, kind, refs, category, length, text."""
    return [
        {
            "number": claim.number,
            "kind": claim.kind,
            "refs": ", ".join(map(str, claim.refs)),
            "category": claim.category or "",
            "length": claim_length(claim.text, language),
            "canceled": claim.canceled,
            "text": claim.text,
        }
        for claim in claims
    ]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


_TOP_DOWN_MAX_BREADTH = 6  # wider levels than this are laid out left to right instead


def _levels(claims: Sequence[Claim]) -> dict[int, int]:
    """Each claim's depth in the tree: 1 for a claim that refers to no earlier claim in the set."""
    levels: dict[int, int] = {}
    for claim in sorted(claims, key=lambda c: c.number):
        parents = [levels[ref] for ref in claim.refs if ref in levels]
        levels[claim.number] = 1 + max(parents, default=0)
    return levels


def claim_tree_dot(
    claims: Sequence[Claim],
    language: str | None = None,
    category_name: Callable[[str], str] = str,
) -> str:
    """A Graphviz DOT digraph of the claims: an edge from each claim to the claims that refer to it.

    Top down while every level is narrow; a set with a wide level (many claims on claim 1) is laid out
    left to right, so it grows downwards and stays readable at 60 claims. Independent claims are
    filled dark with their category, canceled ones dashed; each node shows a short excerpt and has
    the whole text as its tooltip.
    """
    width = 12 if language in _CJK_LANGUAGES else 24
    numbers = {claim.number for claim in claims}
    breadth = max(Counter(_levels(claims).values()).values(), default=0)
    direction = "TB" if breadth <= _TOP_DOWN_MAX_BREADTH else "LR"
    lines = [
        "digraph claims {",
        f'  graph [rankdir={direction}, nodesep=0.12, ranksep=0.3, bgcolor="transparent"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, '
        f'margin="0.08,0.03", height=0.25, color="#8a9bb5", fillcolor="{_DEPENDENT_FILL}"];',
        '  edge [color="#8a9bb5", arrowsize=0.5];',
    ]
    for claim in claims:
        head = str(claim.number)
        if claim.kind == INDEPENDENT and claim.category:
            head += f" · {category_name(claim.category)}"
        attributes = [
            f"label={_quote(head + '  ' + excerpt(claim.text, width))}",
            f"tooltip={_quote(excerpt(claim.text, 600))}",
        ]
        if claim.canceled:
            attributes.append(f'style="rounded,filled,dashed", fillcolor="{_CANCELED_FILL}", fontcolor="#777777"')
        elif claim.kind == INDEPENDENT:
            attributes.append(f'fillcolor="{_INDEPENDENT_FILL}", fontcolor="white", penwidth=2')
        lines.append(f"  {claim.number} [{', '.join(attributes)}];")
    for claim in claims:
        for ref in claim.refs:
            if ref in numbers and ref != claim.number:
                lines.append(f"  {ref} -> {claim.number};")
    lines.append("}")
    return "\n".join(lines)
