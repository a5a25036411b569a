"""Finding the header row below title lines and naming blank or repeated columns."""
from __future__ import annotations

from claims.sources import open_source
from claims.tables import column_letter, column_names, find_header_row, read_table
from workbooks import HEADER, write_xlsx


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
