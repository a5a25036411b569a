"""The worker, with real worker processes on real workbooks: crashes, races, signals, cancel, retention."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from claims.jobs import CANCELED, DONE, FAILED, QUEUED, chunks_dir, get_job, job_dir, retry, save_upload, submit
from claims.jobs import cancel as cancel_job
from claims.pipeline import POOL_MIN_ROWS, Options, process
from claims.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "tools" / "gen_workbook.py"
pytestmark = pytest.mark.skipif(not GENERATOR.exists(), reason="../shared/tools/gen_workbook.py is absent")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "xl/_rels/workbook.xml.rels"


def generate(folder: Path, rows: int) -> Path:
    out = folder / f"claims_{rows}.xlsx"
    subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows), "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def big(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("big"), 20_000)


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("small"), 800)


@pytest.fixture(scope="session")
def small_reference(small, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "small.xlsx"
    process(small, out)
    return out


@pytest.fixture(scope="session")
def medium(tmp_path_factory) -> Path:
    """Large enough (POOL_MIN_ROWS) for the worker to analyse it in its pool of processes."""
    return generate(tmp_path_factory.mktemp("medium"), POOL_MIN_ROWS + 500)


@pytest.fixture(scope="session")
def medium_reference(medium, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "medium.xlsx"
    process(medium, out)
    return out


@pytest.fixture
def workers(tmp_path):
    """Start `python -m claims worker` processes; any still running are killed afterwards."""
    started: list[subprocess.Popen] = []

    def start(*args: str) -> subprocess.Popen:
        log = open(tmp_path / "worker.log", "ab")
        worker = subprocess.Popen(
            [sys.executable, "-m", "claims", "worker", "--data-dir", str(tmp_path / "data"), *args],
            cwd=ROOT, stdout=log, stderr=log,
        )
        log.close()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.wait()


def wait_for(condition, timeout: float = 60.0, every: float = 0.02):
    """Poll condition until it gives something true; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"still waiting after {timeout} s")


def workers_idle_since(store, moment: float) -> bool:
    """Whether every worker has beaten its heart since moment, holding no job."""
    return all(r["job"] is None and r["beat"] > moment for r in map(store.get, store.keys("worker:")))


def sheets(path: Path) -> dict[str, str]:
    """The sha256 of every sheet's XML except `summary`'s, the one that records run times: equal
    digests are byte-equal sheets (reading 20k-row workbooks' values took seconds)."""
    with zipfile.ZipFile(path) as book:
        targets = {rel.get("Id"): rel.get("Target") for rel in ElementTree.fromstring(book.read(RELS))}
        return {
            sheet.get("name"): hashlib.sha256(book.read(f"xl/{targets[sheet.get(REL_ID)]}")).hexdigest()
            for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{{{MAIN}}}sheet")
            if sheet.get("name") != "summary"
        }


def result_file(store, job_id: str) -> Path:
    return Path(get_job(store, job_id).results["xlsx"])


def analysis_processes(worker: subprocess.Popen) -> list[int]:
    """The pids of a worker's pool processes (spawned children, not its resource tracker)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            stat, command = (entry / "stat").read_text(), (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[1]) == worker.pid and b"spawn_main" in command:
            pids.append(int(entry.name))
    return pids


def test_a_job_killed_ten_times_at_random_moments_ends_with_the_output_of_process(big, tmp_path, workers):
    reference = subprocess.Popen(
        [sys.executable, "-m", "claims", "process", str(big), "-o", str(tmp_path / "reference.xlsx"), "--quiet"],
        cwd=ROOT, stderr=subprocess.DEVNULL,
    )
    store = open_store(tmp_path / "data")
    job = submit(store, big, Options(), chunk_rows=100)
    seed = random.randrange(1 << 30)
    moments = random.Random(seed)
    for _ in range(10):
        done_before = get_job(store, job.id).rows_done
        worker = workers()
        # Killed at a random moment once this life has got past what the last one recorded, so while
        # it works: analysing, checkpointing, restoring, writing the output or recording progress.
        wait_for(lambda: get_job(store, job.id).rows_done > done_before)
        time.sleep(moments.uniform(0.0, 0.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert get_job(store, job.id).state != DONE, f"the job ended before ten kills (seed {seed})"
    last = workers("--once")
    assert reference.wait(timeout=120) == 0
    expected = sheets(tmp_path / "reference.xlsx")  # while the last worker runs
    assert last.wait(timeout=120) == 0
    done = get_job(store, job.id)
    assert (done.state, done.rows_done, done.rows_total) == (DONE, 20_000, 20_000)
    assert sheets(result_file(store, job.id)) == expected, f"seed {seed}"


def test_a_worker_killed_while_writing_a_checkpoint_resumes_to_the_same_output(
    small, small_reference, tmp_path, workers
):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=10)  # 80 writes, each open for a millisecond or so
    folder = chunks_dir(store, job.id)
    worker = workers()
    wait_for(lambda: folder.is_dir() and any(folder.glob(".*.tmp")), every=0.002)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert workers("--once").wait(timeout=60) == 0
    assert get_job(store, job.id).state == DONE
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_two_workers_racing_for_one_job_give_one_correct_output(small, small_reference, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=100)
    racers = [workers("--once"), workers("--once")]
    assert [racer.wait(timeout=60) for racer in racers] == [0, 0]
    done = get_job(store, job.id)
    assert (done.state, done.crashes) == (DONE, 0)
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_processes_claiming_at_once_never_claim_one_job_twice(small, tmp_path):
    store = open_store(tmp_path / "data")
    for workspace in range(12):
        submit(store, small, Options(), workspace=str(workspace))
    # Each claimer stays alive until all are done: a claimer that exited would rightly have its
    # running jobs taken over by the others.
    script = (
        "import sys; from claims.store import open_store; from claims.worker import beat, claim\n"
        "store = open_store(sys.argv[1]); beat(store, sys.argv[2])\n"
        "while (job := claim(store, sys.argv[2], 60.0)) is not None: print(job.id)\n"
        "print('END', flush=True); sys.stdin.read()\n"
    )
    claimers = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "data"), f"racer-{n}"],
                         cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for n in range(3)
    ]
    claimed = []
    for claimer in claimers:
        for line in claimer.stdout:
            if line == "END\n":
                break
            claimed.append(line.strip())
    for claimer in claimers:
        claimer.communicate(timeout=60)
    assert len(claimed) == len(set(claimed)) == 12


def test_sigterm_hands_the_job_back_and_a_new_worker_finishes_it(small, small_reference, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=100)
    worker = workers()
    wait_for(lambda: get_job(store, job.id).rows_done > 0)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=5) == 0
    handed_back = get_job(store, job.id)
    assert (handed_back.state, handed_back.owner) == (QUEUED, None)
    assert workers("--once").wait(timeout=60) == 0
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_a_job_whose_worker_stopped_beating_is_taken_over(small, small_reference, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=100)
    frozen = workers()
    wait_for(lambda: get_job(store, job.id).rows_done > 0)
    frozen.send_signal(signal.SIGSTOP)
    time.sleep(1.5)  # its last heartbeat lapses after the 1 s lease
    try:
        assert workers("--once", "--lease", "1").wait(timeout=60) == 0
    finally:
        frozen.send_signal(signal.SIGCONT)
    done = get_job(store, job.id)
    assert (done.state, done.crashes) == (DONE, 1)
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_a_corrupted_chunk_file_is_computed_again(small, small_reference, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=100)
    worker = workers()
    wait_for(lambda: get_job(store, job.id).rows_done >= 200)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=5)
    damaged = sorted(chunks_dir(store, job.id).glob("*.ckpt"))[1]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert workers("--once").wait(timeout=60) == 0
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_cancel_stops_a_running_job_within_two_seconds_and_removes_its_files(small, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=100)
    worker = workers()
    wait_for(lambda: get_job(store, job.id).rows_done > 0)
    canceled_at = time.time()
    cancel_job(store, job.id)
    wait_for(lambda: workers_idle_since(store, canceled_at), timeout=5)
    assert time.time() - canceled_at < 2.0
    assert get_job(store, job.id).state == CANCELED
    assert not job_dir(store, job.id).exists()
    assert worker.poll() is None  # the worker lives on for the next job


def test_a_canceled_pool_job_stops_within_two_seconds_and_its_files_stay_removed(
    medium, medium_reference, tmp_path, workers
):
    store = open_store(tmp_path / "data")
    job = submit(store, medium, Options(), chunk_rows=100)
    worker = workers()
    wait_for(lambda: get_job(store, job.id).rows_done > 0)
    canceled_at = time.time()
    cancel_job(store, job.id)
    wait_for(lambda: workers_idle_since(store, canceled_at), timeout=5)
    assert time.time() - canceled_at < 2.0
    time.sleep(1.0)  # chunks that were in hand must not write into the removed folder afterwards
    assert not job_dir(store, job.id).exists()
    again = submit(store, medium, Options(), workspace="again", chunk_rows=100)
    wait_for(lambda: get_job(store, again.id).state == DONE)  # on the same analysis processes
    assert sheets(result_file(store, again.id)) == sheets(medium_reference)
    assert worker.poll() is None


def test_a_dead_analysis_process_fails_its_job_and_the_next_job_gets_new_ones(
    medium, medium_reference, tmp_path, workers
):
    store = open_store(tmp_path / "data")
    job = submit(store, medium, Options(), chunk_rows=100)
    worker = workers()
    wait_for(lambda: get_job(store, job.id).rows_done > 0)
    os.kill(analysis_processes(worker)[0], signal.SIGKILL)
    failed = wait_for(lambda: (j := get_job(store, job.id)).state == FAILED and j)
    assert "analysis process died" in failed.error
    retry(store, job.id)
    wait_for(lambda: get_job(store, job.id).state == DONE)
    assert sheets(result_file(store, job.id)) == sheets(medium_reference)
    assert worker.poll() is None


def test_a_failed_job_can_be_retried_once_its_input_is_back(small, small_reference, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options())
    Path(job.input_path).unlink()
    assert workers("--once").wait(timeout=60) == 0
    failed = get_job(store, job.id)
    assert failed.state == FAILED and "no such file" in failed.error
    save_upload(store, small.name, small.read_bytes())
    retry(store, job.id)
    assert workers("--once").wait(timeout=60) == 0
    assert sheets(result_file(store, job.id)) == sheets(small_reference)


def test_finished_jobs_past_the_retention_time_are_removed_with_their_files(small, tmp_path, workers):
    store = open_store(tmp_path / "data")
    job = submit(store, small, Options(), chunk_rows=800)
    assert workers("--once").wait(timeout=60) == 0
    assert workers("--once").wait(timeout=60) == 0  # the default 7 days keep it
    assert get_job(store, job.id).state == DONE
    assert workers("--once", "--retention-days", "0").wait(timeout=60) == 0
    assert get_job(store, job.id) is None
    assert not job_dir(store, job.id).exists()
    assert not Path(job.input_path).exists()


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs mounted in tmp_path; skips where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_job_with_a_clear_message_and_a_usable_store(small, small_disk):
    data = small_disk / "data"
    store = open_store(data)
    job = submit(store, small, Options(), chunk_rows=100)
    worker = subprocess.Popen([sys.executable, "-m", "claims", "worker", "--once", "--data-dir", str(data)],
                              cwd=ROOT, stderr=subprocess.DEVNULL)
    assert worker.wait(timeout=60) == 0
    failed = get_job(store, job.id)
    assert failed.state == FAILED and "disk" in failed.error and "full" in failed.error
    assert not list(chunks_dir(store, job.id).glob(".*.tmp"))
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    retry(store, job.id)
    worker = subprocess.Popen([sys.executable, "-m", "claims", "worker", "--once", "--data-dir", str(data)],
                              cwd=ROOT, stderr=subprocess.DEVNULL)
    assert worker.wait(timeout=60) == 0
    assert get_job(store, job.id).state == DONE
