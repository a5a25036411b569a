"""Finding the header row below title lines and naming blank or repeated columns."""
from __future__ import annotations

from claims.sources import Limits, open_source
from claims.tables import column_letter, column_names, find_header_row, read_table
from workbooks import HEADER, write_parts, write_xlsx


def test_title_lines_above_the_header_are_skipped():
    rows = [("Patent export 2024",), (), ("No.", "Title", "Claims"), (1, "a", "1. A"), (2, "b", "1. B")]
    assert find_header_row(rows) == 2


def test_a_plain_sheet_has_its_header_on_the_first_row():
    assert find_header_row([("a", "b"), (1, 2)]) == 0


def test_blank_header_names_are_named_by_column_letter():
    assert column_names(("a", None, " "), 4) == ("a", "column_B", "column_C", "column_D")


def test_repeated_header_names_are_numbered():
    assert column_names(("Claims", "Claims", "Claims"), 3) == ("Claims", "Claims (2)", "Claims (3)")


def test_column_letters_follow_excel():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_read_table_finds_header_columns_and_row_count(tmp_path):
    source = open_source(write_xlsx(tmp_path / "in.xlsx", titles=["Export of 2024-06-01", None]))
    table = read_table(source, "Export")
    assert (table.header_row, table.columns, table.rows_total) == (3, HEADER, 3)
    assert table.rows[0][0] == "CN112345678A"


def test_a_streamed_sheet_counts_its_rows_as_calamine_does(tmp_path):
    rows = [(f"CN{n:09d}A", "t", None, n, "1. A battery.") for n in range(300)]
    path = write_xlsx(tmp_path / "many.xlsx", rows=rows)
    whole = read_table(open_source(path), "Export")
    streamed = read_table(open_source(path, Limits(calamine_max_bytes=0)), "Export")
    assert whole.rows_total == streamed.rows_total == 300
    assert whole.rows == streamed.rows


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_counted(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>v{n}</t></is></c></row>' for n in range(1, 301))
    path = write_parts(tmp_path / "stale.xlsx", f'<dimension ref="A1"/><sheetData>{rows}</sheetData>')
    table = read_table(open_source(path, Limits(calamine_max_bytes=0)), "Export")
    assert table.rows_total == 299
