"""Benchmark the streaming xlsx writer (claims/xlsx_stream.py) against openpyxl write-only, same run.

Writes the `data` and `claims` sheets of a real processed workbook (a generated export, analysed by the
pipeline's analyse_cell, rows built as claims/writing.py's XlsxSink builds them) with both writers and
prints source rows/s, sheet rows/s, the writer thread's CPU seconds and the ratio to openpyxl.

    python bench/bench_xlsx_write.py [--rows 5000] [--repeat 3]

The export comes from ../shared/tools/gen_workbook.py and is kept in bench/out/ (as bench_pipeline.py does).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_pipeline import ROOT, workbook

sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from claims.results import FIGURE_COLUMNS, analyse_cell  # noqa: E402
from claims.sources import iter_rows, open_source  # noqa: E402
from claims.xlsx_stream import XlsxStream  # noqa: E402

CLAIMS_INDEX, ID_INDEX = 5, 0  # the generator's 权利要求 and 公开(公告)号 columns


def sheets(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The data rows (source + figures, header first) and claims rows of the processed workbook."""
    source = open_source(path)
    header, *body = list(iter_rows(source, source.sheets[0]))
    width = len(header)
    data = [tuple(header) + FIGURE_COLUMNS]
    claims: list[tuple] = []
    for number, values in enumerate(body, 2):
        values = tuple(values)
        patent = values[ID_INDEX] if isinstance(values[ID_INDEX], str) else None
        result = analyse_cell(number, patent, values[CLAIMS_INDEX], ("en", "zh"))
        padded = values[:width] + (None,) * (width - len(values))
        data.append(padded + result.figures + values[width:])
        claims.extend(
            (result.row, result.patent, c.number, c.kind, ", ".join(map(str, c.refs)) or None, c.category,
             c.length, c.language, c.text)
            for c in result.claims
        )
    return data, claims


def write_stream(target: Path, data: list[tuple], claims: list[tuple]) -> float:
    """Writes with XlsxStream; returns the calling thread's CPU seconds."""
    started = time.thread_time()
    book = XlsxStream(target)
    data_sheet = book.sheet("data", freeze_rows=1)
    claims_sheet = book.sheet("claims", widths=(7, 18, 7, 11, 10, 12, 7, 8, 100), freeze_rows=1)
    for row in data:
        data_sheet.append(row)
    for row in claims:
        claims_sheet.append(row)
    book.close()
    return time.thread_time() - started


def write_openpyxl(target: Path, data: list[tuple], claims: list[tuple]) -> float:
    """Writes with openpyxl write-only; returns the calling thread's CPU seconds."""
    started = time.thread_time()
    book = openpyxl.Workbook(write_only=True)
    data_sheet, claims_sheet = book.create_sheet("data"), book.create_sheet("claims")
    for row in data:
        data_sheet.append(row)
    for row in claims:
        claims_sheet.append(row)
    book.save(target)
    return time.thread_time() - started


def best(write, target: Path, data: list[tuple], claims: list[tuple], repeat: int) -> tuple[float, float]:
    """Fastest wall seconds of repeat runs and the CPU seconds of that run."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        cpu = write(target, data, claims)
        runs.append((time.perf_counter() - started, cpu))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data, claims = sheets(workbook(args.rows))
    total = len(data) + len(claims)
    print(f"{len(data) - 1} source rows: data {len(data)} rows, claims {len(claims)} rows")
    with tempfile.TemporaryDirectory() as directory:
        stream = best(write_stream, Path(directory) / "stream.xlsx", data, claims, args.repeat)
        reference = best(write_openpyxl, Path(directory) / "openpyxl.xlsx", data, claims, args.repeat)
    for name, (wall, cpu) in (("xlsx_stream", stream), ("openpyxl write-only", reference)):
        print(f"{name:20} {wall:6.2f} s wall ({cpu:5.2f} s writer-thread CPU): "
              f"{(len(data) - 1) / wall:9,.0f} source rows/s, {total / wall:9,.0f} sheet rows/s")
    print(f"ratio openpyxl / xlsx_stream: {reference[0] / stream[0]:.2f}x wall, {reference[1] / stream[1]:.2f}x CPU")


if __name__ == "__main__":
    main()
