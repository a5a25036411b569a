"""The pipeline end to end on real files: every output column, the chunked API, formats, failures."""
from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl
import pyarrow.parquet as pq
import pytest

from claims import claim_length
from claims.errors import InputError
from claims.pipeline import (
    ChunkResult,
    Options,
    Plan,
    analyse_and_write,
    analyse_chunk,
    iter_chunks,
    plan,
    Summary,
    process,
)
from claims.results import CLAIM_COLUMNS, FIGURE_COLUMNS, ISSUE_COLUMNS
from claims.sources import Limits
from workbooks import HEADER, ROWS, write_csv, write_xlsx


ZH2 = "根据权利要求1所述的电池，其特征在于，所述壳体为铝合金。"
ZH3 = "根据权利要求1或2所述的电池，其特征在于，还包括盖板。"
EN2 = "The battery of claim 1, wherein the housing is aluminium."
ZH1 = claim_length("一种电池，其特征在于，包括壳体。", "zh")
EN1 = claim_length("A battery comprising a housing.", "en")


def _sheets(path):
    book = openpyxl.load_workbook(path)
    return {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


@pytest.fixture
def workbook(tmp_path):
    return write_xlsx(tmp_path / "export.xlsx", titles=["Patent export"])


def test_the_data_sheet_keeps_the_source_and_adds_every_figure(workbook, tmp_path):
    process(workbook, tmp_path / "out.xlsx")
    data = _sheets(tmp_path / "out.xlsx")["data"]
    assert data[0][0] == "Patent export"
    assert data[1] == list(HEADER) + list(FIGURE_COLUMNS)
    cn, us, ep = data[2:]
    assert cn[:5] == ["CN112345678A", "一种电池", dt.datetime(2021, 3, 4), 3, ROWS[0][4]]
    assert cn[5:] == ["zh", "zh:3", 3, 1, 2, "1", "一种电池，其特征在于，包括壳体。", ZH1, ZH1, 1,
                      "1 > 2, 3; 2 > 3", "ok"]
    assert us[5:] == ["en", "en:3", 3, 2, 1, "1, 3", "A battery comprising a housing.", EN1, EN1, 0, "1 > 2", "ok"]
    assert ep[:2] == ["EP1234567B1", "=SUM(A1:A2)"]
    assert ep[5:] == [None, None, 0, 0, 0, None, None, None, None, 0, None, "The cell is empty."]


def test_the_claims_sheet_has_one_row_per_claim(workbook, tmp_path):
    process(workbook, tmp_path / "out.xlsx")
    claims = _sheets(tmp_path / "out.xlsx")["claims"]
    assert claims[0] == list(CLAIM_COLUMNS)
    assert claims[1:4] == [
        [3, "CN112345678A", 1, "independent", None, "product", ZH1, "zh", "一种电池，其特征在于，包括壳体。"],
        [3, "CN112345678A", 2, "dependent", "1", "product", claim_length(ZH2, "zh"), "zh", "根据权利要求1所述的电池，其特征在于，所述壳体为铝合金。"],
        [3, "CN112345678A", 3, "dependent", "1, 2", "product", claim_length(ZH3, "zh"), "zh", "根据权利要求1或2所述的电池，其特征在于，还包括盖板。"],
    ]
    assert [row[:4] for row in claims[4:]] == [
        [4, "US10123456B2", 1, "independent"], [4, "US10123456B2", 2, "dependent"], [4, "US10123456B2", 3, "independent"]
    ]


def test_the_issues_and_summary_sheets_report_the_run(workbook, tmp_path):
    process(workbook, tmp_path / "out.xlsx")
    sheets = _sheets(tmp_path / "out.xlsx")
    assert sheets["issues"] == [list(ISSUE_COLUMNS), [5, "EP1234567B1", "info", "The cell is empty."]]
    summary = dict(sheets["summary"][1:])
    assert summary["file"] == "export.xlsx" and summary["claims column"] == "权利要求"
    assert summary["rows"] == 3 and summary["claims"] == 6 and summary["language mix"] == "en: 1, none: 1, zh: 1"
    assert "time taken (s)" in summary and "tool version" in summary


def test_chinese_headers_on_request(workbook, tmp_path):
    process(workbook, tmp_path / "out.xlsx", Options(headers="zh"))
    sheets = _sheets(tmp_path / "out.xlsx")
    assert sheets["data"][1][5] == "权利要求语言" and sheets["claims"][0][0] == "行号"


def test_options_and_plans_round_trip_through_json(workbook):
    options = Options(sheet="Export", prefer=("zh", "en"), headers="zh")
    assert Options.from_dict(json.loads(json.dumps(options.to_dict()))) == options
    the_plan = plan(workbook, options)
    assert Plan.from_dict(json.loads(json.dumps(the_plan.to_dict()))) == the_plan
    assert (the_plan.header_row, the_plan.claims_column, the_plan.id_column, the_plan.rows_total) == (
        2, "权利要求", "公开(公告)号", 3)


def test_the_chunked_api_gives_what_process_gives(workbook, tmp_path):
    the_plan = plan(workbook, Options())
    chunks = list(iter_chunks(workbook, the_plan, chunk_rows=2))
    assert [(c.index, c.first_row, len(c.rows)) for c in chunks] == [(0, 3, 2), (1, 5, 1)]

    def analysed(chunks):
        return (ChunkResult.from_dict(json.loads(json.dumps(analyse_chunk(c, the_plan).to_dict()))) for c in chunks)

    analyse_and_write(workbook, the_plan, analysed, tmp_path / "chunked.xlsx", "xlsx", {"started": 0}, chunk_rows=2)
    process(workbook, tmp_path / "direct.xlsx")
    chunked, direct = _sheets(tmp_path / "chunked.xlsx"), _sheets(tmp_path / "direct.xlsx")
    for name in ("data", "claims", "issues"):
        assert chunked[name] == direct[name]


def test_a_process_pool_gives_the_same_output_as_one_process(tmp_path):
    rows = [(f"CN1{n:08d}A", f"t{n}", None, n, ROWS[n % 2][4]) for n in range(2500)]
    path = write_xlsx(tmp_path / "many.xlsx", rows=rows)
    one = process(path, tmp_path / "one.jsonl", fmt="jsonl", workers=1)
    two = process(path, tmp_path / "two.jsonl", fmt="jsonl", workers=2)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert one.rows == two.rows == 2500


def test_a_streamed_workbook_gives_the_same_output_as_a_loaded_one(workbook, tmp_path):
    process(workbook, tmp_path / "loaded.jsonl", fmt="jsonl")
    process(workbook, tmp_path / "streamed.jsonl", fmt="jsonl", limits=Limits(calamine_max_bytes=0))
    assert (tmp_path / "loaded.jsonl").read_bytes() == (tmp_path / "streamed.jsonl").read_bytes()


def test_json_lines_hold_one_record_per_row_with_claims_and_issues(workbook, tmp_path):
    process(workbook, tmp_path / "out.jsonl", fmt="jsonl")
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["row"] for r in records] == [3, 4, 5]
    us = records[1]
    assert us["patent"] == "US10123456B2" and us["source"]["申请日"] == "2019-01-02"
    assert us["claims"][1] == {"number": 2, "kind": "dependent", "refs": [1], "category": "product", "length": claim_length(EN2, "en"),
                               "language": "en", "text": "The battery of claim 1, wherein the housing is aluminium."}
    assert records[2]["issues"] == [{"severity": "info", "code": "empty", "message": "The cell is empty.",
                                     "claim": None}]


def test_parquet_holds_the_same_records(workbook, tmp_path):
    process(workbook, tmp_path / "out.parquet", fmt="parquet")
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["claims_total"] for r in table] == [3, 3, 0]
    assert table[0]["claims"][2]["refs"] == [1, 2]


def test_csv_output_is_utf8_with_bom_and_escapes_formulas(workbook, tmp_path):
    process(workbook, tmp_path / "out.csv", fmt="csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[4][1] == "'=SUM(A1:A2)"
    claims = list(csv.reader((tmp_path / "out.claims.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(claims) == 7


def test_the_summary_counts_patents_per_claim_count_and_survives_json(workbook, tmp_path):
    summary = process(workbook, tmp_path / "out.xlsx")
    assert summary.claims_per_patent == {"3": 2}  # the empty row is no patent
    assert summary.independent_per_patent == {"1": 1, "2": 1}
    assert Summary.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary


def test_a_gbk_csv_is_processed(tmp_path):
    path = write_csv(tmp_path / "export.csv", "gbk")
    summary = process(path, tmp_path / "out.xlsx")
    assert summary.claims == 6


def test_a_failed_run_leaves_nothing_at_the_output_path(workbook, tmp_path):
    the_plan = plan(workbook, Options())
    with pytest.raises(InputError, match="do not match"):
        analyse_and_write(workbook, the_plan, lambda chunks: [analyse_chunk(next(chunks), the_plan)],
                          tmp_path / "out.xlsx", "xlsx", {}, chunk_rows=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.xlsx"]


def test_a_sheet_with_only_a_header_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "head.xlsx", rows=())
    with pytest.raises(InputError, match="no data rows"):
        plan(path, Options())


def test_an_unknown_column_is_refused_with_the_columns_listed(workbook):
    with pytest.raises(InputError, match="'标题'"):
        plan(workbook, Options(column="Claims"))
