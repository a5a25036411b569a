"""What `inspect` tells about an input: sheets with row counts, the plan and the first data rows."""
from __future__ import annotations

import pytest

from claims.inspection import PREVIEW_ROWS, inspect_input
from claims.sources import Limits, count_rows, open_source
from workbooks import ROWS, write_csv, write_xlsx

STREAMED = Limits(calamine_max_bytes=0)
MANY_ROWS = ROWS * 3


@pytest.mark.parametrize("limits", [Limits(), STREAMED], ids=["calamine", "streamed"])
def test_every_sheet_is_listed_with_the_row_count_a_count_of_its_rows_gives(tmp_path, limits):
    path = write_xlsx(tmp_path / "in.xlsx", rows=MANY_ROWS, titles=["Patent export", "2024-05-01"])
    found = inspect_input(path, limits=limits)
    source = open_source(path, limits)
    assert source.streamed == (limits is STREAMED)
    assert [(s.name, s.rows) for s in found.sheets] == [(name, count_rows(source, name)) for name in source.sheets]
    assert [(s.name, s.rows) for s in found.sheets] == [("Export", 3 + len(MANY_ROWS)), ("Notes", 1)]


def test_the_preview_is_the_first_data_rows_below_the_header(tmp_path):
    found = inspect_input(write_xlsx(tmp_path / "in.xlsx", rows=MANY_ROWS, titles=["Patent export"]))
    assert found.plan.header_row == 2
    assert [row[0] for row in found.preview] == [row[0] for row in MANY_ROWS[:PREVIEW_ROWS]]
    assert {len(row) for row in found.preview} == {len(found.plan.columns)}


def test_a_csv_is_one_sheet_named_after_the_file(tmp_path):
    found = inspect_input(write_csv(tmp_path / "export.csv", "utf-8", rows=MANY_ROWS))
    assert [(s.name, s.rows) for s in found.sheets] == [("export", 1 + len(MANY_ROWS))]
    assert found.plan.claims_column == "权利要求" and len(found.preview) == PREVIEW_ROWS
