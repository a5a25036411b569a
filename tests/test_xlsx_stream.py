"""The streaming xlsx writer: values keep their types, text never becomes a formula, limits hold."""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl

from claims.sources import iter_rows, open_source
from claims.xlsx_stream import CELL_LIMIT, XlsxStream


def _write(path, rows, max_rows=1_048_576):
    book = XlsxStream(path, max_rows=max_rows)
    sheet = book.sheet("data", freeze_rows=1)
    cuts = [sheet.append(row) for row in rows]
    book.close()
    return cuts


def test_numbers_dates_booleans_and_text_read_back_unchanged(tmp_path):
    row = ("text", 3, 2.5, True, dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5), None, "end")
    _write(tmp_path / "out.xlsx", [row])
    source = open_source(tmp_path / "out.xlsx")
    assert list(iter_rows(source, "data")) == [row]


def test_text_starting_like_a_formula_is_written_as_text(tmp_path):
    _write(tmp_path / "out.xlsx", [("=SUM(A1:A9)", "+1", "-x", "@cmd")])
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["data"]
    assert [c.data_type for c in sheet[1]] == ["s"] * 4
    assert sheet["A1"].value == "=SUM(A1:A9)"


def test_control_characters_and_markup_survive(tmp_path):
    text = "a<b>&c\x01d_x0041_e\r\nf"
    _write(tmp_path / "out.xlsx", [(text,)])
    assert list(iter_rows(open_source(tmp_path / "out.xlsx"), "data")) == [(text,)]


def test_a_cell_over_excels_limit_is_cut_and_reported(tmp_path):
    cuts = _write(tmp_path / "out.xlsx", [("short", "x" * (CELL_LIMIT + 10))])
    assert cuts == [(1,)]
    [(_, long)] = list(iter_rows(open_source(tmp_path / "out.xlsx"), "data"))
    assert len(long) == CELL_LIMIT


def test_a_sheet_past_the_row_limit_continues_in_a_second_sheet_with_the_header(tmp_path):
    book = XlsxStream(tmp_path / "out.xlsx", max_rows=3)
    sheet = book.sheet("claims")
    sheet.header(["n"])
    for n in range(5):
        sheet.append([n])
    book.close()
    source = open_source(tmp_path / "out.xlsx")
    assert source.sheets == ("claims", "claims (2)", "claims (3)")
    assert [list(iter_rows(source, s)) for s in source.sheets] == [
        [("n",), (0,), (1,)], [("n",), (2,), (3,)], [("n",), (4,)]
    ]


def test_the_zip_is_valid_and_byte_identical_for_equal_input(tmp_path):
    rows = [("a", 1, dt.date(2021, 1, 1))] * 1000
    _write(tmp_path / "one.xlsx", rows)
    _write(tmp_path / "two.xlsx", rows)
    assert zipfile.ZipFile(tmp_path / "one.xlsx").testzip() is None
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_temporary_parts_are_removed(tmp_path):
    _write(tmp_path / "out.xlsx", [("a",)])
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
