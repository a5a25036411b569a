"""The streaming xlsx reader: the same values as python-calamine on real workbooks, bounded memory,
and damaged files refused with one line."""
from __future__ import annotations

import datetime as dt
import os
import tracemalloc
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from claims.errors import InputError
from claims.sources import Limits, iter_rows, open_source
from claims.xlsx_read import DATE, DURATION, SheetReader, XlsxError, date_format_kind
from workbooks import STRICT, write_parts, write_shared_xlsx

def both_readers(path, sheet="Export"):
    """The sheet's rows as python-calamine gives them and as the streaming reader gives them."""
    whole = open_source(path)
    streamed = open_source(path, Limits(calamine_max_bytes=0))
    assert streamed.streamed and not whole.streamed
    return list(iter_rows(whole, sheet)), list(iter_rows(streamed, sheet))


def test_dates_times_durations_and_typed_values_read_as_calamine_reads_them(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(["date", "datetime", "time", "duration", "bool", "formula", "rich", "escaped", "float",
                  "whole", "huge", "early", "midnight"])
    sheet.append([dt.date(2021, 3, 4), dt.datetime(2021, 3, 4, 13, 45, 10, 500000), dt.time(13, 45),
                  dt.timedelta(hours=30, minutes=5), True, "=1/0",
                  CellRichText([TextBlock(InlineFont(b=True), "bold "), "plain"]),
                  "line\r\nbreak _x000D_ x", 2.5, 3.0, 12345678901234567890, dt.datetime(1900, 1, 1),
                  dt.datetime(2020, 1, 1)])
    sheet["M2"].number_format = "yyyy-mm-dd hh:mm"
    sheet.append([45000, 45000, 45000.5, 45000])
    for cell, code in zip(sheet[3], ('0.00" days"', "[$-409]mmmm d, yyyy", "[Red]0.00", "[h]:mm")):
        cell.number_format = code
    sheet["D6"] = "  spaced  "
    book.save(tmp_path / "typed.xlsx")
    whole, streamed = both_readers(tmp_path / "typed.xlsx")
    assert streamed == whole
    assert streamed[1][:5] == (dt.date(2021, 3, 4), dt.datetime(2021, 3, 4, 13, 45, 10, 500000), dt.time(13, 45),
                               dt.timedelta(hours=30, minutes=5), True)


def test_shared_strings_inline_strings_and_cells_without_references_read_as_calamine_reads_them(tmp_path):
    shared = ('<si><t>plain</t></si>'
              '<si><r><t xml:space="preserve">rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
              '<si><t>a_x005F_x000D_b_x000A_c</t></si><si><t> trimmed </t></si>')
    sheet = ('<dimension ref="A1:G3"/><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
             '<c r="D1" t="s"><v>3</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1" t="str"><f>A1</f><v>formula</v></c>'
             '<c r="G1" t="b"><v>0</v></c></row>'
             '<row><c><v>7</v></c><c t="inlineStr"><is><t xml:space="preserve"> kept </t></is></c>'
             '<c t="inlineStr"><is><t>x &amp; y&#13;z</t></is></c><c t="d"><v>2021-03-04T10:11:12</v></c></row>'
             '<row r="3"><c r="A3" s="1"><v>44259</v></c><c r="C3" t="inlineStr"><is><t>   </t></is></c></row>'
             '<row r="5"><c r="A5" s="1"/></row>'
             '</sheetData>')
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
    whole, streamed = both_readers(write_parts(tmp_path / "parts.xlsx", sheet, shared, styles))
    assert streamed == whole
    assert streamed[0][:4] == ("plain", "rich text", "a_x000D_b\nc", "trimmed")
    assert streamed[1][:3] == (7, " kept ", "x & y\rz")
    assert len(streamed) == 3


def test_a_sheet_starting_below_the_first_row_keeps_its_row_numbers(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Export"
    book.active["C3"] = "header"
    book.active["A5"] = "value"
    book.save(tmp_path / "low.xlsx")
    whole, streamed = both_readers(tmp_path / "low.xlsx")
    assert streamed == whole == [(None,) * 3, (None,) * 3, (None, None, "header"), (None,) * 3, ("value", None, None)]


def test_dates_count_from_1904_when_the_workbook_says_so(tmp_path):
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
    sheet = '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData>'
    whole, streamed = both_readers(write_parts(tmp_path / "mac.xlsx", sheet, styles=styles, date1904=True))
    assert streamed == whole == [(dt.date(1904, 1, 2),)]


def test_a_strict_ooxml_sheet_is_read(tmp_path):
    sheet = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>strict</t></is></c><c r="B1"><v>2</v></c></row></sheetData>'
    path = write_parts(tmp_path / "strict.xlsx", sheet, namespace=STRICT)
    assert list(SheetReader(path, "Export")) == [("strict", 2.0)]


def test_the_declared_dimension_gives_the_row_count_before_reading(tmp_path):
    sheet = '<dimension ref="A1:B40"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    reader = SheetReader(write_parts(tmp_path / "dim.xlsx", sheet), "Export")
    assert reader.dimension == (40, 2)
    assert list(reader) == [(1.0, None)]


def test_memory_stays_bounded_on_a_sheet_far_bigger_than_it(tmp_path):
    text = "1. A battery comprising a housing. 2. The battery of claim 1. " * 20
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text}</t></is></c></row>' for n in range(1, 20001))
    path = write_parts(tmp_path / "big.xlsx", f"<sheetData>{rows}</sheetData>")
    tracemalloc.start()
    try:
        count = sum(1 for _ in SheetReader(path, "Export"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20000
    assert peak < len(rows) / 10  # the sheet XML is ~25 MB


RICH_SHARED = ('<si><t>plain</t></si>'
               '<si><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>text</t></r>'
               '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>'
               '<si><t>a_x005F_x000D_b_x000A_c _xD800_</t></si><si><t> trimmed </t></si><si><t/></si>'
               '<si><t>一种电池，其特征在于 🔋</t></si>')
RICH_SHEET = ('<dimension ref="A1:F2"/><sheetData><row r="1">'
              + "".join(f'<c r="{c}1" t="s"><v>{n}</v></c>' for n, c in enumerate("ABCDEF"))
              + '</row><row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>1</v></c></row></sheetData>')


def open_open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_shared_strings_read_the_same_from_memory_and_spilled_to_disk(tmp_path):
    for path in (write_shared_xlsx(tmp_path / "excel.xlsx"), write_parts(tmp_path / "rich.xlsx", RICH_SHEET, RICH_SHARED)):
        assert "xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist()
        in_memory = list(SheetReader(path, "Export"))
        spilled = list(SheetReader(path, "Export", shared_in_memory_bytes=0))
        assert spilled == in_memory
    assert spilled == [("plain", "rich text", "a_x000D_b\nc \ud800", "trimmed", "", "一种电池，其特征在于 🔋"),
                       ("一种电池，其特征在于 🔋", "rich text", None, None, None, None)]


def test_spilled_shared_strings_keep_memory_bounded(tmp_path):
    text = "1. A battery comprising a housing. 2. The battery of claim 1. " * 20
    shared = "".join(f"<si><t>{n} {text}</t></si>" for n in range(5000))
    rows = "".join(f'<row r="{n + 1}"><c r="A{n + 1}" t="s"><v>{n}</v></c></row>' for n in range(5000))
    path = write_parts(tmp_path / "shared.xlsx", f"<sheetData>{rows}</sheetData>", shared)
    tracemalloc.start()
    try:
        count = sum(1 for _ in SheetReader(path, "Export", shared_in_memory_bytes=0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 5000
    assert peak < len(shared) / 10  # the shared-string XML is ~6 MB


def test_the_spilled_table_is_freed_when_the_reader_is_closed_or_fails(tmp_path):
    before = open_open_files()
    reader = SheetReader(write_parts(tmp_path / "rich.xlsx", RICH_SHEET, RICH_SHARED), "Export", shared_in_memory_bytes=0)
    assert open_open_files() > before
    next(iter(reader))
    reader.close()
    assert open_open_files() == before
    damaged = write_parts(tmp_path / "damaged.xlsx", RICH_SHEET, RICH_SHARED + "<si><t>cut")
    with pytest.raises(XlsxError):
        SheetReader(damaged, "Export", shared_in_memory_bytes=0)
    assert open_open_files() == before


@pytest.mark.parametrize("code, kind", [
    ("yyyy-mm-dd", DATE), ("H:MM:SS;@", DATE), ('m"M"d"D";@', DATE), ("[$-404]e/m/d", DATE), ("hh:mm AM/PM", DATE),
    ("[h]:mm:ss", DURATION), ("[mm]", DURATION), ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm", DURATION),
    ("0.00", None), ('0.00" days"', None), ("[Red]0.00", None), ("\\Y000000", None), ("General", None),
    ('"$"#,##0_);[Red]("$"#,##0)', None), ("0.0;[Red]yyyy", None),
])
def test_number_formats_are_told_apart_as_dates_durations_or_numbers(code, kind):
    assert date_format_kind(code) == kind


def test_a_damaged_sheet_is_refused_in_one_line(tmp_path):
    text = "claims text " * 200
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text} {n}</t></is></c></row>' for n in range(1, 3001))
    data = bytearray(write_parts(tmp_path / "whole.xlsx", f"<sheetData>{rows}</sheetData>").read_bytes())
    middle = len(data) // 2  # inside the sheet's deflated XML; the zip directory stays whole
    data[middle : middle + 64] = bytes(64)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(data)
    source = open_source(path, Limits(calamine_max_bytes=0))
    with pytest.raises(InputError, match="corrupt or truncated") as caught:
        list(iter_rows(source, "Export"))
    assert "\n" not in str(caught.value) and "damaged.xlsx" in str(caught.value)
