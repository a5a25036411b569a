"""The background worker: a separate process that claims jobs and runs them chunk by chunk.

Each chunk's result is checkpointed (atomic file, checksum) before it counts as done, so a worker
killed at any moment loses at most the chunks in hand: the next worker to claim the job, or this one
after a restart, resumes from the checkpoints. Workers announce themselves with heartbeats; a job
whose worker has no live heartbeat is taken over. The analysis processes live as long as the worker.
SIGTERM hands the job back once the chunks in hand are done; a cancel is noticed within about a
second. Old jobs are swept after the retention time.
"""
from __future__ import annotations

import ctypes
import errno
import multiprocessing
import os
import signal
import socket
import threading
import time
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from claims import pipeline
from claims.checkpoints import remove_stray_temporaries
from claims.errors import InputError, Message
from claims.jobs import (
    CANCELED,
    DONE,
    FAILED,
    FINISHED,
    QUEUED,
    RUNNING,
    Job,
    analyse_and_checkpoint,
    chunks_dir,
    delete,
    job_dir,
    job_key,
    list_jobs,
    plan_input,
    remove_job_files,
    restored_result,
    uploads_dir,
)
from claims.store import Store

HOST = socket.gethostname()
MAX_CRASHES = 20  # a job whose worker died this many times is failed, not retaken forever
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
# Analysis processes are spawned (not forked from this threaded process) and die with it.
_SPAWN = multiprocessing.get_context("spawn")
_PR_SET_PDEATHSIG = 1
DISK_FULL_MESSAGE = Message("the disk holding the data folder is full; free some space and retry the job", "disk-full")


@dataclass(frozen=True)
class WorkerSettings:
    """Timings of a worker; the defaults suit production, tests shorten the lease."""

    heartbeat_seconds: float = 0.5  # also how often a cancel is looked for
    lease_seconds: float = 10.0  # a heartbeat older than this has lapsed
    poll_seconds: float = 0.2  # idle wait between looks for a queued job
    progress_seconds: float = 0.25  # at most this often progress is written
    retention_seconds: float = 7 * 86400
    sweep_seconds: float = 600.0  # how often old jobs are looked for


class Interrupted(Exception):
    """The chunk in hand was abandoned: SIGTERM, a cancel, or the job was taken over."""


def _die_with(parent: int) -> None:
    """Make this analysis process end when its worker does, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # no prctl: the process ends after its current chunk instead
        pass
    if os.getppid() != parent:
        os._exit(0)


# ---- liveness -------------------------------------------------------------------------------


def process_start(pid: int) -> str | None:
    """The kernel's start time of a live, non-zombie process, or None when there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def process_alive(pid: int, start: str | None) -> bool:
    """Whether the process pid that began at start still runs (pid reuse is told apart)."""
    if Path("/proc/self/stat").exists():
        return start is not None and process_start(pid) == start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_alive(record: dict[str, Any] | None, lease_seconds: float, now: float | None = None) -> bool:
    """Whether a worker record shows a live worker: fresh heartbeat and, on this host, its process."""
    if record is None or record.get("stopped"):
        return False
    if (now or time.time()) - record["beat"] > lease_seconds:
        return False
    return record["host"] != HOST or process_alive(record["pid"], record["start"])


def live_workers(store: Store, lease_seconds: float = WorkerSettings.lease_seconds) -> list[dict[str, Any]]:
    """The records of workers whose heartbeat is live."""
    records = (store.get(key) for key in list(store.keys("worker:")))
    return [r for r in records if worker_alive(r, lease_seconds)]


def beat(store: Store, worker_id: str, job_id: str | None = None, stopped: bool = False) -> None:
    """Record that worker_id, this process, is alive now (and which job it holds)."""
    store.put(f"worker:{worker_id}", {
        "id": worker_id, "pid": os.getpid(), "host": HOST, "start": process_start(os.getpid()),
        "beat": time.time(), "job": job_id, "stopped": stopped,
    })


# ---- claiming -------------------------------------------------------------------------------


def _claimable(store: Store, job: Job, lease_seconds: float) -> bool:
    if job.state == QUEUED:
        return True
    if job.state != RUNNING:
        return False
    return not worker_alive(store.get(f"worker:{job.owner}"), lease_seconds)


def claim(store: Store, worker_id: str, lease_seconds: float) -> Job | None:
    """Atomically take the oldest queued job, or a running one whose worker died; None if none."""
    candidates = sorted(
        (j for j in list_jobs(store) if _claimable(store, j, lease_seconds)), key=lambda j: j.created
    )
    for candidate in candidates:
        with store.transaction():
            record = store.get(job_key(candidate.id))
            if record is None:
                continue
            job = Job.from_dict(record)
            if not _claimable(store, job, lease_seconds):
                continue
            crashes = job.crashes + (job.state == RUNNING)
            now = time.time()
            if crashes >= MAX_CRASHES:
                record.update(state=FAILED, stage="failed", finished=now, owner=None, updated=now,
                              error=f"the worker died {crashes} times on this job; retry it")
                store.put(job_key(job.id), record)
                continue
            record.update(state=RUNNING, owner=worker_id, crashes=crashes, updated=now,
                          started=job.started or now, stage="starting")
            store.put(job_key(job.id), record)
            return Job.from_dict(record)
    return None


def _owned_update(store: Store, worker_id: str, job_id: str, **values: Any) -> Job:
    """Write fields of a job this worker still holds; Interrupted when it no longer does."""
    with store.transaction():
        record = store.get(job_key(job_id))
        if record is None or record["state"] != RUNNING or record["owner"] != worker_id:
            raise Interrupted("the job was canceled, deleted or taken over")
        record.update(values, updated=time.time())
        store.put(job_key(job_id), record)
    return Job.from_dict(record)


# ---- retention ------------------------------------------------------------------------------


def sweep(store: Store, retention_seconds: float, lease_seconds: float = WorkerSettings.lease_seconds,
          now: float | None = None) -> list[str]:
    """Delete finished jobs and unused uploads older than the retention time, and the records of
    dead workers; returns the ids of the jobs deleted."""
    cutoff = (now or time.time()) - retention_seconds
    removed = []
    in_use = set()
    for job in list_jobs(store):
        if job.state in FINISHED and (job.finished or job.created) < cutoff:
            delete(store, job.id)
            removed.append(job.id)
        else:
            in_use.add(job.input_path)
    for key in list(store.keys("worker:")):
        if not worker_alive(store.get(key), lease_seconds):
            store.delete(key)
    folder = uploads_dir(store)
    for upload in folder.iterdir() if folder.is_dir() else ():
        if str(upload) not in in_use and upload.stat().st_mtime < cutoff:
            upload.unlink(missing_ok=True)
    return removed


# ---- the worker -----------------------------------------------------------------------------


class Worker:
    """One worker process: claims jobs, runs them, beats its heart, obeys SIGTERM and cancels."""

    def __init__(self, store: Store, settings: WorkerSettings = WorkerSettings()) -> None:
        self.store = store
        self.settings = settings
        self.id = f"{HOST}-{os.getpid()}-{time.time_ns()}"
        self.job_id: str | None = None
        self.stopping = threading.Event()
        self.abandon = threading.Event()  # the job in hand must be dropped
        self.interruptible = False
        self._last_sweep = 0.0
        self._pool: ProcessPoolExecutor | None = None

    # signals and the heartbeat thread

    def _on_signal(self, signum: int, _frame: Any) -> None:
        if signum == signal.SIGTERM:
            self.stopping.set()
            self.abandon.set()
        if self.interruptible and self.abandon.is_set():
            self.interruptible = False
            raise Interrupted(signal.Signals(signum).name)

    @contextmanager
    def _interruptible(self) -> Iterator[None]:
        """A stretch of pure computation that a signal may cut short."""
        if self.abandon.is_set():
            raise Interrupted("abandoned")
        self.interruptible = True
        try:
            yield
        finally:
            self.interruptible = False

    def _beat(self) -> None:
        beat(self.store, self.id, self.job_id, self.stopping.is_set())

    def _heartbeat_loop(self) -> None:
        while not self.stopping.wait(self.settings.heartbeat_seconds):
            try:
                self._beat()
                job_id = self.job_id
                if job_id is not None and not self.abandon.is_set():
                    record = self.store.get(job_key(job_id))
                    if record is None or record["state"] != RUNNING or record["owner"] != self.id:
                        self.abandon.set()
                        os.kill(os.getpid(), signal.SIGUSR1)
            except Exception:  # a missed beat is retried next time; the lease allows for several
                traceback.print_exc()

    # the main loop

    def run(self, once: bool = False) -> None:
        """Work until SIGTERM; with once, until no job is left to claim."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGUSR1, self._on_signal)
        self._beat()
        if not once:
            self._warm_pool()
        beater = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        beater.start()
        try:
            while not self.stopping.is_set():
                self._maybe_sweep()
                job = claim(self.store, self.id, self.settings.lease_seconds)
                if job is None:
                    if once:
                        break
                    self.stopping.wait(self.settings.poll_seconds)
                    continue
                self.run_job(job)
        finally:
            self.stopping.set()
            beater.join()
            self._drop_pool()
            self.store.delete(f"worker:{self.id}")

    def _maybe_sweep(self) -> None:
        if time.monotonic() - self._last_sweep >= self.settings.sweep_seconds or not self._last_sweep:
            self._last_sweep = time.monotonic()
            sweep(self.store, self.settings.retention_seconds, self.settings.lease_seconds)

    def run_job(self, job: Job) -> None:
        """Run one claimed job to its end, or until it is abandoned; never raises for the job's sake."""
        self.job_id = job.id
        self.abandon.clear()
        try:
            self._process(job)
        except Interrupted:
            self._after_interruption(job.id)
        except InputError as error:
            self._fail(job.id, error.message)
        except BrokenProcessPool as error:  # an analysis process died (out of memory?): start new ones
            self._drop_pool()
            self._fail(job.id, f"an analysis process died; retry the job ({error})")
        except OSError as error:
            if error.errno in DISK_FULL:
                remove_stray_temporaries(chunks_dir(self.store, job.id))
                self._fail(job.id, DISK_FULL_MESSAGE)
            else:
                traceback.print_exc()
                self._fail(job.id, f"{type(error).__name__}: {error}")
        except Exception as error:
            traceback.print_exc()
            self._fail(job.id, f"{type(error).__name__}: {error}")
        finally:
            self.job_id = None

    def _after_interruption(self, job_id: str) -> None:
        record = self.store.get(job_key(job_id))
        if record is None or record["state"] == CANCELED:
            remove_job_files(self.store, job_id)
        elif record["state"] == RUNNING and record["owner"] == self.id:
            self._release(job_id)  # SIGTERM: hand the job back, resumable

    def _release(self, job_id: str) -> None:
        try:
            _owned_update(self.store, self.id, job_id, state=QUEUED, owner=None, stage="queued",
                          rate=None, eta_seconds=None)
        except Interrupted:
            pass

    def _fail(self, job_id: str, message: str) -> None:
        """Fail the job with a one-line message; a claims.errors.Message keeps its code and fields."""
        fields = {k: v if isinstance(v, (str, int, float)) else str(v) for k, v in getattr(message, "fields", {}).items()}
        try:
            _owned_update(self.store, self.id, job_id, state=FAILED, stage="failed", owner=None,
                          error=message.splitlines()[0] if message else "failed",
                          error_code=getattr(message, "code", None), error_fields=fields,
                          finished=time.time(), rate=None, eta_seconds=None)
        except Interrupted:
            self._after_interruption(job_id)

    def _process(self, job: Job) -> None:
        store = self.store
        chunks_dir(store, job.id).mkdir(parents=True, exist_ok=True)
        if job.plan is None:
            options = pipeline.Options.from_dict(job.options)
            with self._interruptible():
                plan = plan_input(Path(job.input_path), options, job.filename)
            job = _owned_update(store, self.id, job.id, plan=plan.to_dict(), rows_total=plan.rows_total,
                                stage="processing")
        else:
            plan = pipeline.Plan.from_dict(job.plan)
            job = _owned_update(store, self.id, job.id, stage="processing")
        workers = pipeline.default_workers(plan.rows_total)
        output = job_dir(store, job.id) / "result.xlsx"
        progress = _Progress(plan.rows_total, self.settings.progress_seconds)
        # One pass: each chunk is restored from its verified checkpoint (a resumed job) or analysed.
        run_info = {"started": job.started or time.time(), "job": job.id, "workers": workers}
        summary = pipeline.analyse_and_write(
            job.input_path, plan, lambda chunks: self._checkpointed(job, plan, chunks, workers, progress),
            output, "xlsx", run_info, chunk_rows=job.chunk_rows,
        )
        remove_stray_temporaries(chunks_dir(store, job.id))
        _owned_update(store, self.id, job.id, state=DONE, stage="done", owner=None,
                      results={"xlsx": str(output)}, summary=summary.to_dict(), finished=time.time(),
                      rows_done=summary.rows, eta_seconds=0.0)

    def _analysis_pool(self, workers: int) -> ProcessPoolExecutor:
        """The worker's analysis processes: started for the first job that needs them, kept for the next."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(workers, mp_context=_SPAWN, initializer=_die_with,
                                             initargs=(os.getpid(),))
        return self._pool

    def _warm_pool(self) -> None:
        """Start the analysis processes while idle, so that the first large job need not wait for them."""
        workers = pipeline.default_workers(pipeline.POOL_MIN_ROWS)
        if workers > 1:
            pool = self._analysis_pool(workers)
            for _ in range(workers):
                pool.submit(int)  # each submit starts one more process, up to `workers`

    def _drop_pool(self) -> None:
        """Let the analysis processes go without waiting for them; a later job starts new ones."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _settle_abandoned(self, results: Iterable[object]) -> None:
        """Cancel the abandoned chunks not yet started and wait for those in hand, so that none is
        checkpointed after the job's files are removed; a chunk that never ends costs the pool."""
        started = [result for result in results if isinstance(result, Future) and not result.cancel()]
        if wait(started, timeout=self.settings.lease_seconds).not_done:
            self._drop_pool()

    def _checkpointed(self, job: Job, plan: pipeline.Plan, chunks: Iterator[pipeline.Chunk], workers: int,
                      progress: _Progress) -> Iterator[pipeline.ChunkResult]:
        """The job's chunk results in order: restored from verified checkpoints, else analysed (in
        the pool when there are several workers) and checkpointed before they count as done."""
        directory = chunks_dir(self.store, job.id)
        pool = self._analysis_pool(workers) if workers > 1 else None
        depth = pipeline.chunks_in_flight(workers)
        pending: deque[tuple[pipeline.Chunk, Any, bool]] = deque()  # chunk, result or future, fresh

        def settle() -> pipeline.ChunkResult:
            chunk, result, fresh = pending[0]
            if isinstance(result, Future):
                with self._interruptible():
                    result.result()
                result = restored_result(directory, chunk)
                if result is None:
                    raise RuntimeError(f"the checkpoint of chunk {chunk.index} was gone or damaged once written")
            pending.popleft()
            if fresh:
                progress.computed(len(chunk.rows))
            else:
                progress.restored(len(chunk.rows))
            if progress.due():
                _owned_update(self.store, self.id, job.id, **progress.fields())
            return result

        try:
            for chunk in chunks:
                if self.abandon.is_set():
                    raise Interrupted("abandoned")
                restored = restored_result(directory, chunk)
                if restored is not None:
                    pending.append((chunk, restored, False))
                elif pool is not None:
                    pending.append((chunk, pool.submit(checkpoint, chunk, plan, directory), True))
                else:
                    with self._interruptible():
                        pending.append((chunk, analyse_and_checkpoint(chunk, plan, directory), True))
                while pending and (len(pending) >= depth or not isinstance(pending[0][1], Future)):
                    yield settle()
            while pending:
                yield settle()
        finally:
            self._settle_abandoned(result for _, result, _ in pending)
        _owned_update(self.store, self.id, job.id, **progress.fields(), stage="writing")


def checkpoint(chunk: pipeline.Chunk, plan: pipeline.Plan, directory: Path) -> None:
    """Analyse and checkpoint a chunk in a pool process, handing back nothing: the worker reads the
    checkpoint. A pool process killed while handing back a large result leaves the pool's result pipe
    half-written, and the pool waits on it forever; a reply this small is written whole."""
    analyse_and_checkpoint(chunk, plan, directory)


class _Progress:
    """Rows done, rate and time left, and when it is time to write them again."""

    def __init__(self, total: int, interval: float) -> None:
        self.total, self.interval = total, interval
        self.done = 0
        self.computed_rows = 0
        self.began = time.monotonic()
        self.last_write = 0.0

    def computed(self, rows: int) -> None:
        self.done += rows
        self.computed_rows += rows

    def restored(self, rows: int) -> None:
        self.done += rows

    def due(self) -> bool:
        return time.monotonic() - self.last_write >= self.interval

    def fields(self) -> dict[str, Any]:
        self.last_write = time.monotonic()
        elapsed = max(self.last_write - self.began, 1e-6)
        rate = self.computed_rows / elapsed if self.computed_rows else None
        left = max(self.total - self.done, 0)
        return {"rows_done": self.done, "rate": rate, "eta_seconds": left / rate if rate else None}


def run_worker(store: Store, once: bool = False, retention_days: float = 7.0,
               lease_seconds: float = WorkerSettings.lease_seconds) -> None:
    """Run a worker in this process until SIGTERM (or, with once, until no job is left)."""
    settings = WorkerSettings(retention_seconds=retention_days * 86400, lease_seconds=lease_seconds)
    Worker(store, settings).run(once=once)
