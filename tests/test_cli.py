"""`python -m claims inspect|process` as a user runs it: exit codes, one-line errors, nothing half-written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from workbooks import write_encrypted, write_xlsx, write_zip_bomb

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claims", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_inspect_shows_sheets_and_detected_columns(tmp_path):
    done = run("inspect", write_xlsx(tmp_path / "export.xlsx"))
    assert done.returncode == 0
    assert "sheet 'Export': 4 rows  <- chosen" in done.stdout and "sheet 'Notes': 1 rows" in done.stdout
    assert "claims column: column '权利要求' (E)" in done.stdout
    assert "publication-number column: column '公开(公告)号' (A)" in done.stdout


def test_process_writes_the_workbook_and_draws_progress(tmp_path):
    out = tmp_path / "out.xlsx"
    done = run("process", write_xlsx(tmp_path / "export.xlsx"), "-o", out, "--headers", "zh")
    assert done.returncode == 0, done.stderr
    assert "3/3 rows" in done.stderr and "6 claims" in done.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["data", "claims", "summary", "issues"]


def _bad(tmp_path):
    pdf = tmp_path / "report.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    good = write_xlsx(tmp_path / "good.xlsx")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:900])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = write_xlsx(tmp_path / "header.xlsx", rows=())
    return {
        "pdf": (pdf, []),
        "truncated": (cut, []),
        "encrypted": (write_encrypted(tmp_path / "locked.xlsx", good), []),
        "empty": (empty, []),
        "no sheet": (good, ["--sheet", "Sheet9"]),
        "no column": (good, ["--column", "Claims"]),
        "header only": (header_only, []),
        "too big": (good, ["--max-mb", "0.001"]),
        "zip bomb": (write_zip_bomb(tmp_path / "bomb.xlsx", 80 << 20), ["--max-inflate-mb", "64"]),
    }


@pytest.mark.parametrize(
    "case", ["pdf", "truncated", "encrypted", "empty", "no sheet", "no column", "header only", "too big", "zip bomb"]
)
def test_bad_input_gets_one_line_exit_2_and_no_output(tmp_path, case):
    path, extra = _bad(tmp_path)[case]
    out = tmp_path / "result.xlsx"
    done = run("process", path, "-o", out, *extra)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and path.name in lines[0]
    assert "Traceback" not in done.stderr
    assert not out.exists() and not list(tmp_path.glob(".result.xlsx*"))
