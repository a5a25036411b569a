"""Benchmark `python -m claims process` against a single-core ceiling measured in the same run.

For each size: wall time, rows/s and peak memory (PSS of the process tree) (the whole process tree, sampled) of `process`, and
the ceiling: a python-calamine read of the sheet, a two-regex split and an openpyxl write-only write of
the same `data` and `claims` sheets. Goals: 10k rows within 1.0x of the ceiling; 100k under 1 GB.

    python bench/bench_pipeline.py [--sizes 1000,10000,100000] [--ceiling-max 10000] [--workers N]

Workbooks come from ../shared/tools/gen_workbook.py and are kept in bench/out/ for the next run.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "tools" / "gen_workbook.py"
OUT = ROOT / "bench" / "out"

CEILING = r'''
import re, sys, time, python_calamine, openpyxl
source, target = sys.argv[1], sys.argv[2]
started = time.perf_counter()
rows = list(python_calamine.CalamineWorkbook.from_path(source).get_sheet_by_index(0).iter_rows())
read = time.perf_counter()
split = re.compile(r"(?m)^\s*(\d{1,3})\s*[.、．]\s*")
refs = re.compile(r"(?:claims?|权利要求)\s*(\d+)")
claims = []
for number, row in enumerate(rows[1:], 2):
    parts = split.split(row[5]) if isinstance(row[5], str) else []
    for i in range(1, len(parts) - 1, 2):
        text = parts[i + 1]
        found = refs.findall(text)
        claims.append([number, row[0], int(parts[i]), "dependent" if found else "independent",
                       ", ".join(found), None, len(text), None, text])
parsed = time.perf_counter()
book = openpyxl.Workbook(write_only=True)
data, sheet = book.create_sheet("data"), book.create_sheet("claims")
for row in rows:
    data.append(row)
for row in claims:
    sheet.append(row)
book.save(target)
print(read - started, parsed - read, time.perf_counter() - parsed)
'''


def tree_rss(pid: int) -> int:
    """Proportional resident bytes (PSS: shared pages split between sharers) of a process and its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"Pss:\s+(\d+)", status).group(1)) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def measure(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stdout of a command."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(0.05)
    output = child.stdout.read()
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return time.perf_counter() - started, peak, output


def workbook(rows: int) -> Path:
    """The generated workbook of this size, made once."""
    path = OUT / f"bench_{rows}.xlsx"
    if not path.exists():
        subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows), "--out", str(path)], check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--ceiling-max", type=int, default=10000, help="measure the ceiling up to this many rows")
    parser.add_argument("--workers", type=int, help="passed to process (default: its own choice)")
    args = parser.parse_args()
    if not GENERATOR.exists():
        raise SystemExit(f"{GENERATOR} not found: the benchmark needs ../shared")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'rows':>7} {'process s':>9} {'rows/s':>8} {'peak MB':>8} | {'ceiling s':>9} "
          f"{'(read/split/write)':>20} {'peak MB':>8} | ratio")
    for rows in map(int, args.sizes.split(",")):
        path = workbook(rows)
        command = [sys.executable, "-m", "claims", "process", str(path), "-o", str(OUT / f"out_{rows}.xlsx"),
                   "--quiet"] + (["--workers", str(args.workers)] if args.workers else [])
        seconds, peak, _ = measure(command)
        line = f"{rows:>7} {seconds:>9.2f} {rows / seconds:>8.0f} {peak / 2**20:>8.0f} |"
        if rows <= args.ceiling_max:
            ceiling, ceiling_peak, output = measure(
                [sys.executable, "-c", CEILING, str(path), str(OUT / f"ceiling_{rows}.xlsx")]
            )
            parts = "/".join(f"{float(x):.1f}" for x in output.split())
            line += f" {ceiling:>9.2f} {parts:>20} {ceiling_peak / 2**20:>8.0f} | {seconds / ceiling:.2f}x"
        else:
            line += f" {'-':>9} {'-':>20} {'-':>8} | -"
        print(line, flush=True)


if __name__ == "__main__":
    main()
