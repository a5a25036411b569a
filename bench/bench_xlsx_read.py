"""Benchmark the streaming xlsx reader (claims/xlsx_read.py) against openpyxl's streaming reader, the
one it replaced, and python-calamine, measured in the same run on the same workbooks.

Each reader streams every row of the sheet through claims.sources.normalise in its own process:
wall time, rows/s and peak memory (PSS of the process).

    python bench/bench_xlsx_read.py [--sizes 10000,100000] [--calamine-max 100000]

Workbooks come from ../shared/tools/gen_workbook.py and are kept in bench/out/ (as bench_pipeline.py does).
"""
from __future__ import annotations

import argparse
import sys

from bench_pipeline import GENERATOR, OUT, measure, workbook

READERS = {  # openpyxl first: the others are compared with it
    "openpyxl": (
        "import openpyxl\n"
        "from claims.sources import normalise\n"
        "book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)\n"
        "rows = (tuple(map(normalise, row)) for row in book.worksheets[0].iter_rows(values_only=True))\n"
    ),
    "xlsx_read": (
        "from claims.sources import Limits, iter_rows, open_source\n"
        "source = open_source(path, Limits(calamine_max_bytes=0))\n"
        "rows = iter_rows(source, source.sheets[0])\n"
    ),
    "calamine": (
        "from claims.sources import Limits, iter_rows, open_source\n"
        "source = open_source(path, Limits(calamine_max_bytes=1 << 40))\n"
        "rows = iter_rows(source, source.sheets[0])\n"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--calamine-max", type=int, default=100000,
                        help="read with python-calamine up to this many rows (it holds the whole sheet)")
    args = parser.parse_args()
    if not GENERATOR.exists():
        raise SystemExit(f"{GENERATOR} not found: the benchmark needs ../shared")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'rows':>7} {'reader':>10} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} | vs openpyxl")
    for rows in map(int, args.sizes.split(",")):
        path = workbook(rows)
        reference = None
        for name, setup in READERS.items():
            if name == "calamine" and rows > args.calamine_max:
                continue
            script = f"import sys\npath = sys.argv[1]\n{setup}print(sum(1 for _ in rows))\n"
            seconds, peak, output = measure([sys.executable, "-c", script, str(path)])
            reference = reference or seconds
            print(f"{rows:>7} {name:>10} {seconds:>8.2f} {int(output) / seconds:>8.0f} {peak / 2**20:>8.0f} |"
                  f" {reference / seconds:.2f}x", flush=True)

if __name__ == "__main__":
    main()
