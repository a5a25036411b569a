"""Jobs: the records of background processing runs and what a user can do with them.

The API the app and the command line use:

    store = open_store(data_dir=None)                 # --data-dir, else $CLAIMS_DATA_DIR, else ./data
    path = save_upload(store, filename, fileobj_or_bytes)   # streams an upload into the data folder
    job = submit(store, input_path, options, workspace=None, filename=None)
                                                      # same content + options -> the existing job
    get_job(store, job_id) -> Job | None              # require_job(...) raises JobNotFound instead
    list_jobs(store, workspace=None) -> list[Job]     # newest first
    cancel(store, job_id); retry(store, job_id); delete(store, job_id)
    result_path(store, job, fmt="xlsx") -> Path       # xlsx from the worker; csv/jsonl/parquet on demand
    ensure_worker(data_dir=None, store=None) -> bool  # in claims.supervisor; pass the store you hold

A job's states: queued -> running -> done | failed | canceled; failed and canceled jobs can be
retried. Where things live under the data folder: store/ (the job records, diskcache with JSON
values), uploads/<sha256><suffix> (input files, one per content), jobs/<id>/ (chunk checkpoints
and result files). Bad job ids raise JobNotFound, an InputError with a one-line message.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import IO, Any, Iterator, Mapping

from claims import pipeline
from claims.checkpoints import read_checkpoint, write_checkpoint
from claims.errors import InputError, Message
from claims.sources import Limits
from claims.store import Store, open_store, update
from claims.writing import FORMATS

__all__ = [
    "Job",
    "JobNotFound",
    "cancel",
    "delete",
    "get_job",
    "list_jobs",
    "open_store",
    "require_job",
    "result_path",
    "retry",
    "save_upload",
    "submit",
]

QUEUED, RUNNING, DONE, FAILED, CANCELED = "queued", "running", "done", "failed", "canceled"
ACTIVE = (QUEUED, RUNNING)
FINISHED = (DONE, FAILED, CANCELED)
_COPY_BLOCK = 1 << 20


class JobNotFound(InputError):
    """A job id that names no job."""


@dataclass(frozen=True)
class Job:
    """One processing run of one input file with one set of options, as stored."""

    id: str
    state: str
    filename: str  # the name the user gave the file
    input_path: str  # the copy under the data folder
    sha256: str
    options: dict[str, Any]  # pipeline.Options.to_dict()
    workspace: str | None = None
    chunk_rows: int = pipeline.CHUNK_ROWS  # as `process` chunks: the first rows show sooner, the end is shorter
    rows_done: int = 0
    rows_total: int | None = None
    stage: str = "queued"
    rate: float | None = None  # rows per second
    eta_seconds: float | None = None
    created: float = 0.0  # Unix times
    started: float | None = None
    finished: float | None = None
    updated: float | None = None
    error: str | None = None  # one English line
    error_code: str | None = None  # with its fields, lets the app say the error in its own language
    error_fields: dict[str, Any] = field(default_factory=dict)
    results: dict[str, str] = field(default_factory=dict)  # format -> file
    summary: dict[str, Any] = field(default_factory=dict)  # headline figures when done
    plan: dict[str, Any] | None = None  # pipeline.Plan.to_dict() once the worker planned it
    owner: str | None = None  # the worker holding the job
    crashes: int = 0  # times a worker died holding the job

    @property
    def error_message(self) -> Message | None:
        """The error as a claims.errors.Message, which the app can say in the interface language."""
        return None if self.error is None else Message(self.error, self.error_code, **self.error_fields)

    @property
    def progress(self) -> float:
        """Fraction of rows done, 0.0 to 1.0."""
        if self.state == DONE:
            return 1.0
        if not self.rows_total:
            return 0.0
        return min(1.0, self.rows_done / self.rows_total)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Job:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def job_key(job_id: str) -> str:
    return f"job:{job_id}"


def job_dir(store: Store, job_id: str) -> Path:
    """The folder holding a job's checkpoints and results."""
    return store.data_dir / "jobs" / job_id


def chunks_dir(store: Store, job_id: str) -> Path:
    return job_dir(store, job_id) / "chunks"


def uploads_dir(store: Store) -> Path:
    return store.data_dir / "uploads"


def _dedup_key(workspace: str | None, sha256: str, options: Mapping[str, Any]) -> str:
    canonical = json.dumps(options, sort_keys=True, separators=(",", ":"))
    return f"dedup:{workspace or ''}:{sha256}:{hashlib.sha256(canonical.encode()).hexdigest()}"


def _safe_suffix(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def save_upload(store: Store, filename: str, content: bytes | IO[bytes]) -> Path:
    """Stream an uploaded file into the data folder, named by its sha256; returns its path."""
    folder = uploads_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    tmp = folder / f".upload.{secrets.token_hex(8)}.tmp"
    try:
        with open(tmp, "wb") as out:
            if isinstance(content, (bytes, bytearray, memoryview)):
                digest.update(content)
                out.write(content)
            else:
                while block := content.read(_COPY_BLOCK):
                    digest.update(block)
                    out.write(block)
        target = folder / f"{digest.hexdigest()}{_safe_suffix(filename)}"
        if target.exists():
            tmp.unlink()
            os.utime(target)  # fresh again: retention must not sweep it before it is submitted
        else:
            tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def plan_input(input_path: Path, options: pipeline.Options, filename: str,
               limits: Limits = Limits()) -> pipeline.Plan:
    """The pipeline's plan for a job's input copy, naming the file as the user knows it."""
    try:
        return replace(pipeline.plan(input_path, options, limits), input_name=filename)
    except InputError as error:
        raise error.naming(input_path.name, filename) from None


def _saved_upload(store: Store, path: Path) -> bool:
    """Whether path is a file save_upload made, so that its name is its sha256."""
    in_uploads = path.parent.resolve() == uploads_dir(store).resolve()
    return in_uploads and re.fullmatch(r"[0-9a-f]{64}", path.stem) is not None


def submit(
    store: Store,
    input_path: str | Path,
    options: pipeline.Options,
    workspace: str | None = None,
    filename: str | None = None,
    chunk_rows: int = pipeline.CHUNK_ROWS,
    plan: pipeline.Plan | None = None,
) -> Job:
    """Queue a job for input_path; the same content with the same options gives the existing job.

    A file outside the data folder is first copied in, so later edits to it cannot change the job.
    A plan made beforehand (the command line checks the input that way) spares the worker making it.
    """
    source = Path(input_path)
    if not source.is_file():
        raise InputError(f"{source}: no such file; give the path of the exported workbook")
    if not _saved_upload(store, source):
        with open(source, "rb") as handle:
            source = save_upload(store, source.name, handle)
    sha256 = source.stem
    option_values = options.to_dict()
    key = _dedup_key(workspace, sha256, option_values)
    with store.transaction():
        existing = store.get(key)
        if existing is not None:
            record = store.get(job_key(existing))
            if record is not None and record["state"] in (QUEUED, RUNNING, DONE):
                return Job.from_dict(record)
        job = Job(
            id=secrets.token_urlsafe(16),
            state=QUEUED,
            filename=filename or Path(input_path).name,
            input_path=str(source),
            sha256=sha256,
            options=option_values,
            workspace=workspace,
            chunk_rows=chunk_rows,
            rows_total=plan.rows_total if plan else None,
            plan=plan.to_dict() if plan else None,
            created=time.time(),
        )
        store.put(job_key(job.id), job.to_dict())
        store.put(key, job.id)
    return job


def get_job(store: Store, job_id: str) -> Job | None:
    """The job with this id, or None."""
    record = store.get(job_key(job_id))
    return None if record is None else Job.from_dict(record)


def require_job(store: Store, job_id: str) -> Job:
    """The job with this id; raises JobNotFound with a one-line message otherwise."""
    job = get_job(store, job_id)
    if job is None:
        raise JobNotFound(f"no job {job_id!r}; `python -m claims status` lists the jobs")
    return job


def list_jobs(store: Store, workspace: str | None = None) -> list[Job]:
    """All jobs (of one workspace when given), newest first."""
    jobs = (get_job(store, key.removeprefix("job:")) for key in list(store.keys("job:")))
    chosen = [j for j in jobs if j is not None and (workspace is None or j.workspace == workspace)]
    return sorted(chosen, key=lambda j: j.created, reverse=True)


def change_job(store: Store, job_id: str, **values: Any) -> Job:
    """Atomically set fields of a job record; raises JobNotFound when it is gone."""

    def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
        if record is None:
            return None
        return {**record, **values, "updated": time.time()}

    record = update(store, job_key(job_id), apply)
    if record is None:
        raise JobNotFound(f"no job {job_id!r}; it was deleted")
    return Job.from_dict(record)


def remove_job_files(store: Store, job_id: str) -> None:
    """Delete a job's checkpoints and results (not its input, which other jobs may share)."""
    shutil.rmtree(job_dir(store, job_id), ignore_errors=True)


def cancel(store: Store, job_id: str) -> Job:
    """Stop a queued or running job and remove its partial files; a finished job is left as is."""
    with store.transaction():
        job = require_job(store, job_id)
        if job.state not in ACTIVE:
            return job
        job = change_job(store, job_id, state=CANCELED, stage="canceled", finished=time.time())
    remove_job_files(store, job_id)  # the worker removes what it writes after this, too
    return job


def retry(store: Store, job_id: str) -> Job:
    """Queue a failed or canceled job again; it resumes from any checkpoints it still has."""
    with store.transaction():
        job = require_job(store, job_id)
        if job.state not in (FAILED, CANCELED):
            raise InputError(f"job {job_id} is {job.state}; only a failed or canceled job can be retried")
        job = change_job(
            store, job_id, state=QUEUED, stage="queued", error=None, error_code=None, error_fields={},
            started=None, finished=None, owner=None, rows_done=0, rate=None, eta_seconds=None, crashes=0,
        )
        key = _dedup_key(job.workspace, job.sha256, job.options)
        current = store.get(key)
        current_job = get_job(store, current) if current else None
        if current_job is None or current_job.state not in (QUEUED, RUNNING, DONE):
            store.put(key, job_id)
    return job


def delete(store: Store, job_id: str) -> None:
    """Remove a job, its record and its files; a running job stops at its next check."""
    with store.transaction():
        job = require_job(store, job_id)
        store.delete(job_key(job_id))
        key = _dedup_key(job.workspace, job.sha256, job.options)
        if store.get(key) == job_id:
            store.delete(key)
    remove_job_files(store, job_id)


def restored_result(directory: Path, chunk: pipeline.Chunk) -> pipeline.ChunkResult | None:
    """The chunk's result from its verified checkpoint in directory; None when there is none."""
    payload = read_checkpoint(directory, chunk.index)
    return None if payload is None else pipeline.ChunkResult.from_dict(payload)


def analyse_and_checkpoint(chunk: pipeline.Chunk, plan: pipeline.Plan, directory: Path) -> pipeline.ChunkResult:
    """Analyse a chunk and checkpoint its result in directory before handing it back. The worker runs
    it in its analysis processes, so the checkpoints' JSON and compression are spread over the cores too."""
    result = pipeline.analyse_chunk(chunk, plan)
    write_checkpoint(directory, chunk.index, result.to_dict())
    return result


def _restored_or_analysed(directory: Path, plan: pipeline.Plan,
                          chunks: Iterator[pipeline.Chunk]) -> Iterator[pipeline.ChunkResult]:
    """Each chunk's result from its checkpoint, or analysed (and checkpointed) when that is missing or damaged."""
    for chunk in chunks:
        yield restored_result(directory, chunk) or analyse_and_checkpoint(chunk, plan, directory)


def result_path(store: Store, job: Job, fmt: str = "xlsx") -> Path:
    """The job's result in format fmt; formats other than the worker's are made once, on demand."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    job = require_job(store, job.id)
    if job.state != DONE:
        raise InputError(f"job {job.id} is {job.state}; results exist once it is done")
    if fmt in job.results and Path(job.results[fmt]).is_file():
        return Path(job.results[fmt])
    target = job_dir(store, job.id) / f"result.{fmt}"
    if not target.is_file():
        plan = pipeline.Plan.from_dict(job.plan)
        directory = chunks_dir(store, job.id)
        directory.mkdir(parents=True, exist_ok=True)
        pipeline.analyse_and_write(
            job.input_path, plan, lambda chunks: _restored_or_analysed(directory, plan, chunks), target, fmt,
            {"started": job.started or job.created, "job": job.id}, chunk_rows=job.chunk_rows,
        )
    return target
