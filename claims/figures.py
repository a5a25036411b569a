"""Per-patent figures from a parsed cell: counts, independent claims, lengths, depth and tree."""
from __future__ import annotations

from claims.model import INDEPENDENT, Figures, ParsedCell

CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})


def length_unit(language: str | None) -> str:
    """'characters' for CJK languages, 'words' for the rest."""
    return "characters" if language in CJK_LANGUAGES else "words"


def claim_length(text: str, language: str | None) -> int:
    """Length of a claim: words for Latin scripts, non-space characters for CJK."""
    if language in CJK_LANGUAGES:
        return len("".join(text.split()))
    return len(text.split())


def patent_figures(cell: ParsedCell) -> Figures:
    """The figures an analyst reads per patent, computed from one parsed cell."""
    active = [c for c in cell.claims if not c.canceled]
    numbers = {c.number for c in active}
    independents = [c for c in active if c.kind == INDEPENDENT]
    lengths = [claim_length(c.text, cell.language) for c in independents]
    tree: dict[int, list[int]] = {}
    depth: dict[int, int] = {}
    multiple = 0
    for c in active:
        deepest = 0
        for r in c.refs:
            if r < c.number and r in numbers:
                tree.setdefault(r, []).append(c.number)
                if depth[r] > deepest:
                    deepest = depth[r]
        depth[c.number] = deepest + 1
        if len(c.refs) >= 2:
            multiple += 1
    return Figures(
        claims_total=len(active),
        canceled_total=len(cell.claims) - len(active),
        independent_total=len(independents),
        dependent_total=len(active) - len(independents),
        independent_claims=tuple(c.number for c in independents),
        first_claim=independents[0].text if independents else "",
        first_claim_length=lengths[0] if lengths else 0,
        shortest_independent_length=min(lengths) if lengths else None,
        multiple_dependent_total=multiple,
        max_depth=max(depth.values(), default=0),
        length_unit=length_unit(cell.language),
        tree={parent: tuple(children) for parent, children in tree.items()},
        categories={c.number: c.category or "product" for c in independents},
    )
