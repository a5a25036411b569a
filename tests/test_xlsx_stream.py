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


def _sheet_xml(path):
    return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_tricky_cells_are_written_as_exactly_this_xml(tmp_path):
    book = XlsxStream(tmp_path / "out.xlsx")
    sheet = book.sheet("data")
    sheet.header(["name", 7])
    tricky = (
        "a\x01b\r\n", "_x0041_", "a&b<c>d", "=1+1", 3, -2.5, True, False, dt.date(2020, 1, 2),
        dt.datetime(2020, 1, 2, 3, 4, 5), dt.time(12, 0), None, dt.timedelta(hours=6), "y" * (CELL_LIMIT + 5),
        float("nan"), "\ufffe",
    )
    cut = sheet.append(tricky + (None,) * 10 + ("z",))
    book.close()
    text = '" t="inlineStr"><is><t xml:space="preserve">'
    assert cut == (13,)
    assert _sheet_xml(tmp_path / "out.xlsx").endswith(
        '<sheetData><row r="1">'
        '<c r="A1" s="5" t="inlineStr"><is><t xml:space="preserve">name</t></is></c><c r="B1" s="5"><v>7</v></c></row>'
        f'<row r="2"><c r="A2{text}a_x0001_b_x000D_\n</t></is></c>'
        f'<c r="B2{text}_x005F_x0041_</t></is></c>'
        f'<c r="C2{text}a&amp;b&lt;c&gt;d</t></is></c>'
        f'<c r="D2{text}=1+1</t></is></c>'
        '<c r="E2"><v>3</v></c><c r="F2"><v>-2.5</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="b"><v>0</v></c>'
        '<c r="I2" s="1"><v>43832.0</v></c><c r="J2" s="2"><v>43832.12783564815</v></c>'
        '<c r="K2" s="3"><v>0.5</v></c><c r="M2" s="4"><v>0.25</v></c>'
        f'<c r="N2{text}{"y" * CELL_LIMIT}</t></is></c>'
        f'<c r="O2{text}nan</t></is></c>'
        f'<c r="P2{text}_xFFFE_</t></is></c>'
        f'<c r="AA2{text}z</t></is></c></row></sheetData></worksheet>'
    )
    values = [c.value for c in openpyxl.load_workbook(tmp_path / "out.xlsx")["data"][2]]
    assert values[2:] == [
        "a&b<c>d", "=1+1", 3, -2.5, True, False, dt.datetime(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5),
        dt.time(12, 0), None, dt.timedelta(hours=6), "y" * CELL_LIMIT, "nan", "_xFFFE_", *[None] * 10, "z",
    ]
    [_, row] = iter_rows(open_source(tmp_path / "out.xlsx"), "data")
    assert row[:2] == ("a\x01b\r\n", "_x0041_")


def test_temporary_parts_are_removed(tmp_path):
    _write(tmp_path / "out.xlsx", [("a",)])
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
