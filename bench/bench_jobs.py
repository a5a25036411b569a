"""Background jobs against `process`: submit-to-done time of a job on a generated 10k-row export and
the time `python -m claims process` takes on the same file in the same run, their ratio (goal: at
most 1.10), and the time from submit until the job shows progress (goal: under 1 s).

A worker is started first and waits, as one kept alive by the app would. The machines are shared
and noisy, so only the ratio is comparable across runs.

    python bench/bench_jobs.py [--rows 10000] [--repeat 1]
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.jobs import DONE, FINISHED, RUNNING, get_job, plan_input, submit  # noqa: E402
from claims.pipeline import Options  # noqa: E402
from claims.store import open_store  # noqa: E402
from claims.worker import live_workers  # noqa: E402

GENERATOR = ROOT.parent / "shared" / "tools" / "gen_workbook.py"


def time_process(workbook: Path, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claims", "process", str(workbook), "-o", str(folder / "process.xlsx"),
                    "--quiet"], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def time_job(workbook: Path, data: Path, workspace: str) -> tuple[float, float, float]:
    """Seconds from submit to: running with a row count, first rows done, done."""
    store = open_store(data)
    started = time.perf_counter()
    options = Options()
    job = submit(store, workbook, options, workspace=workspace, plan=plan_input(workbook, options, workbook.name))
    running = first_rows = None
    while True:
        job = get_job(store, job.id)
        now = time.perf_counter() - started
        if running is None and job.state == RUNNING and job.rows_total:
            running = now
        if first_rows is None and job.rows_done:
            first_rows = now
        if job.state in FINISHED:
            assert job.state == DONE, job.error
            return running or now, first_rows or now, now
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = folder / f"claims_{args.rows}.xlsx"
        subprocess.run([sys.executable, str(GENERATOR), "--rows", str(args.rows), "--out", str(workbook)],
                       check=True, capture_output=True)
        data = folder / "data"
        worker = subprocess.Popen([sys.executable, "-m", "claims", "worker", "--data-dir", str(data)], cwd=ROOT,
                                  stderr=subprocess.DEVNULL)
        try:
            while not live_workers(open_store(data)):
                time.sleep(0.05)
            process_times, job_times = [], []
            for round_ in range(args.repeat):
                process_times.append(time_process(workbook, folder))
                job_times.append(time_job(workbook, data, workspace=str(round_)))
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait()
    best_process = min(process_times)
    running, first_rows, done = min(job_times, key=lambda t: t[2])
    print(f"rows: {args.rows:,}")
    print(f"process:             {best_process:7.2f} s")
    print(f"job submit-to-done:  {done:7.2f} s   ratio {done / best_process:.2f} (goal <= 1.10)")
    print(f"job running, rows known after {running:.2f} s (goal < 1 s); first rows done after {first_rows:.2f} s")


if __name__ == "__main__":
    main()
