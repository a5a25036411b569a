"""What `inspect` tells about an input: its sheets with row counts, the chosen sheet's columns and
first rows, and the claims and publication-number columns detected, with the reasons."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claims.pipeline import Options, Plan, plan
from claims.sources import Limits, SheetInfo, list_sheets, open_source
from claims.tables import read_table

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
    """Describe the input; InputError when it cannot be processed."""
    the_plan = plan(input_path, options, limits)
    table = read_table(the_plan.source(input_path), the_plan.sheet, sample_rows=PREVIEW_ROWS)
    return Inspection(list_sheets(open_source(input_path, limits)), the_plan, table.rows)
