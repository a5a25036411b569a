"""What `inspect` tells about an input: its sheets with row counts, the chosen sheet's columns and
first rows, and the claims and publication-number columns detected, with the reasons."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claims.pipeline import Options, Plan, plan_source
from claims.sources import Limits, SheetInfo, count_rows, open_source

PREVIEW_ROWS = 5


@dataclass(frozen=True)
class Inspection:
    """An input described."""

    sheets: tuple[SheetInfo, ...]
    plan: Plan
    preview: tuple[tuple, ...]  # the first data rows of the chosen sheet

    def to_dict(self) -> dict:
        """JSON-ready (preview values as text)."""
        return {
            "sheets": [{"name": s.name, "rows": s.rows} for s in self.sheets],
            "plan": self.plan.to_dict(),
            "preview": [[None if v is None else str(v) for v in row] for row in self.preview],
        }


def inspect_input(input_path: str | Path, options: Options = Options(), limits: Limits = Limits()) -> Inspection:
    """Describe the input, reading the chosen sheet once; InputError when it cannot be processed."""
    source = open_source(input_path, limits)
    the_plan, table = plan_source(source, options)
    chosen_rows = the_plan.header_row + the_plan.rows_total  # what count_rows would give, known already
    sheets = tuple(
        SheetInfo(name, chosen_rows if name == the_plan.sheet else count_rows(source, name)) for name in source.sheets
    )
    return Inspection(sheets, the_plan, table.rows[:PREVIEW_ROWS])
