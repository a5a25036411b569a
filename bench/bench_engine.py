"""Engine speed: cells per second of parse_claims + patent_figures on a generated 10k-row export.

Prints our rate and the rate of a two-regex reference split (number markers,
then 'claim N' references) measured in the same run, and their ratio: the
machines are shared and noisy, so only the ratio is comparable across runs.
Rates are in CPU time of one process, taking the best of several rounds.

    python bench/bench_engine.py [--rows 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_calamine import CalamineWorkbook  # noqa: E402

from claims import parse_claims, patent_figures  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "tools" / "gen_workbook.py"
_REF_SPLIT = re.compile(r"(?:^|\n|(?<=[.。]) )(\d+)\s*[.、]")
_REF_REFS = re.compile(r"(?:claims?|权利要求)\s*(\d+)")


def reference(text: object) -> int:
    """The two-regex baseline: split at number markers, then read 'claim N' in each piece."""
    if not isinstance(text, str):
        return 0
    starts = [m.start() for m in _REF_SPLIT.finditer(text)] + [len(text)]
    return sum(len(_REF_REFS.findall(text, a, b)) for a, b in zip(starts, starts[1:]))


def ours(text: object) -> int:
    return patent_figures(parse_claims(text)).claims_total


def cells_of(rows: int) -> list[object]:
    path = Path(tempfile.gettempdir()) / f"claims_bench_{rows}.xlsx"
    if not path.exists():
        subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows), "--out", str(path)], check=True)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    column = sheet[0].index("权利要求")
    return [row[column] if row[column] != "" else None for row in sheet[1:]]


def rates(funcs: list, cells: list[object], repeat: int) -> list[float]:
    """Best cells per second of each function over `repeat` rounds. The functions take turns within a
    round, and CPU time of this process is counted, so load from other processes skews them less."""
    best = [float("inf")] * len(funcs)
    for _ in range(repeat):
        for i, func in enumerate(funcs):
            start = time.process_time()
            for cell in cells:
                func(cell)
            best[i] = min(best[i], time.process_time() - start)
    return [len(cells) / seconds for seconds in best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not GENERATOR.exists():
        sys.exit(f"bench_engine: {GENERATOR} is missing; it needs ../shared/tools/gen_workbook.py")
    cells = cells_of(args.rows)
    text_cells = [c for c in cells if isinstance(c, str)]
    big = [c for c in text_cells if 6500 <= len(c.encode()) <= 7500] or text_cells
    ref, our = rates([reference, ours], cells, args.repeat)
    (big_rate,) = rates([ours], big, args.repeat)
    mean_kb = sum(len(c.encode()) for c in text_cells) / len(text_cells) / 1024
    print(f"cells: {len(cells)} ({mean_kb:.1f} KB mean)")
    print(f"two-regex reference: {ref:8.0f} cells/s")
    print(f"parse_claims+figures:{our:8.0f} cells/s   (goal >= 2000)")
    print(f"7 KB cell:           {1000 / big_rate:8.3f} ms      (goal < 0.5 ms, {len(big)} cells)")
    print(f"ratio reference/ours:{ref / our:8.2f}x       (goal <= 2x)")


if __name__ == "__main__":
    main()
