"""Reading every supported format, and refusing bad files with one line that says what to do."""
from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from claims.errors import InputError
from claims.sources import Limits, detect_encoding, count_rows, iter_rows, open_source
from workbooks import (
    HEADER, ROWS, write_csv, write_encrypted, write_ods, write_shared_xlsx, write_xls, write_xlsx, write_zip_bomb,
)

EXPECTED = [HEADER] + [tuple(row) for row in ROWS]


@pytest.mark.parametrize("writer", [write_xlsx, write_xls, write_ods], ids=["xlsx", "xls", "ods"])
def test_workbook_formats_give_the_same_typed_values(tmp_path, writer):
    suffix = {"write_xlsx": ".xlsx", "write_xls": ".xls", "write_ods": ".ods"}[writer.__name__]
    source = open_source(writer(tmp_path / f"in{suffix}"))
    rows = list(iter_rows(source, "Export"))
    assert [row[: len(HEADER)] + (None,) * (len(HEADER) - len(row)) for row in rows] == EXPECTED
    assert isinstance(rows[1][2], dt.date) and isinstance(rows[1][3], int)


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx").rename(tmp_path / "in.xlsm")
    assert open_source(path).kind == "xlsx"


def test_streamed_xlsx_reads_the_same_rows_as_calamine(tmp_path):  # more cases in test_xlsx_read.py
    path = write_xlsx(tmp_path / "in.xlsx")
    whole = open_source(path)
    streamed = open_source(path, Limits(calamine_max_bytes=0))
    assert streamed.streamed and not whole.streamed
    assert list(iter_rows(streamed, "Export")) == list(iter_rows(whole, "Export"))


def test_a_streamed_sheet_reads_its_row_count_from_its_dimension(tmp_path):
    source = open_source(write_xlsx(tmp_path / "in.xlsx", titles=["Patent export"]), Limits(calamine_max_bytes=0))
    rows = iter_rows(source, "Export")
    assert rows.declared == 5
    assert len(list(rows)) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    source = open_source(write_csv(tmp_path / "in.csv", encoding))
    rows = list(iter_rows(source, source.sheets[0]))
    assert rows[0] == HEADER
    assert rows[1][4] == ROWS[0][4]


def test_tsv_is_split_on_tabs(tmp_path):
    source = open_source(write_csv(tmp_path / "in.tsv", "utf-8", delimiter="\t"))
    assert next(iter_rows(source, source.sheets[0])) == HEADER


def test_utf16_without_bom_is_detected():
    assert detect_encoding("权利要求,a\n".encode("utf-16-le")) == "utf-16-le"


def test_sheets_are_listed_and_their_rows_counted(tmp_path):
    source = open_source(write_xlsx(tmp_path / "in.xlsx", titles=["Patent export"]))
    assert [(sheet, count_rows(source, sheet)) for sheet in source.sheets] == [("Export", 5), ("Notes", 1)]


def _refusal(path, limits=Limits()) -> str:
    with pytest.raises(InputError) as caught:
        open_source(path, limits)
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    return message


def test_a_pdf_renamed_xlsx_is_refused(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert "PDF" in _refusal(path)


def test_a_truncated_workbook_is_refused(tmp_path):
    data = write_xlsx(tmp_path / "full.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "corrupt or truncated" in _refusal(path)


def test_an_encrypted_workbook_is_refused(tmp_path):
    path = write_encrypted(tmp_path / "locked.xlsx", write_xlsx(tmp_path / "plain.xlsx"))
    assert "password" in _refusal(path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "empty" in _refusal(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "big.xlsx")
    assert "limit" in _refusal(path, Limits(max_file_bytes=1000))


def test_a_zip_bomb_is_refused(tmp_path):
    path = write_zip_bomb(tmp_path / "bomb.xlsx", 32 << 20)
    assert "zip bomb" in _refusal(path, Limits(ratio_floor_bytes=1 << 20))


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "not a workbook" in _refusal(path)


def test_an_unknown_sheet_lists_the_sheets(tmp_path):
    source = open_source(write_xlsx(tmp_path / "in.xlsx"))
    with pytest.raises(InputError, match="'Export', 'Notes'"):
        iter_rows(source, "Sheet9")


def test_a_large_shared_strings_table_sends_the_workbook_to_the_streaming_reader(tmp_path):
    path = write_shared_xlsx(tmp_path / "excel.xlsx", rows=[("CN1A", "1. " + "一种装置。" * 400)] * 40,
                             header=("pub", "claims"))
    with zipfile.ZipFile(path) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    sheet, shared = sizes["xl/worksheets/sheet1.xml"], sizes["xl/sharedStrings.xml"]
    assert sheet < shared
    limit = Limits(calamine_max_bytes=sheet + shared // 2)
    assert open_source(path, limit).streamed
    assert not open_source(path, Limits(calamine_max_bytes=sheet + shared + 1)).streamed
