"""A finished job's patents, read from its chunk checkpoints: the first ones, a search, one patent's row.

The Claim tree page needs a handful of a job's 100,000 rows, so it reads the checkpoint of the chunk
that holds a row (chunk_rows rows each, a few milliseconds to read) instead of the whole result.
A search by publication number reads the checkpoints in order, one at a time, and stops at the
first matches; a chunk is only parsed in full when one of its publication numbers matches.
A missing or damaged checkpoint is analysed again from the input and checkpointed, as the results do.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import orjson

from claims import pipeline
from claims.checkpoints import read_checkpoint_json
from claims.errors import InputError
from claims.jobs import Job, analyse_and_checkpoint, chunks_dir
from claims.results import RowResult
from claims.store import Store

LIST_LIMIT = 200  # patents offered at a time
# Each row's number and publication number in a checkpoint's JSON, as RowResult.to_dict writes them
# (a '{"row":' cannot occur inside a JSON string, whose quotes are escaped).
_ROW_AND_PATENT = re.compile(rb'\{"row":(\d+),"patent":("(?:[^"\\]|\\.)*"|null)')
_ROW_QUERY = re.compile(r"#?\s*(\d+)")


@dataclass(frozen=True)
class PatentEntry:
    """A row with claims: its source row number, publication number (None when there is none) and claim count."""

    row: int
    patent: str | None
    claims: int

    @property
    def label(self) -> str:
        """The publication number, or '#row' for a row without one."""
        return self.patent or f"#{self.row}"


def _rows_total(job: Job) -> int:
    return job.rows_total if job.rows_total is not None else pipeline.Plan.from_dict(job.plan).rows_total


def chunk_count(job: Job) -> int:
    """How many chunks (and checkpoints) the job's rows make."""
    return -(-_rows_total(job) // job.chunk_rows)


def chunk_of_row(job: Job, row: int) -> int | None:
    """The index of the chunk holding source row number row; None when no data row has that number."""
    first = pipeline.Plan.from_dict(job.plan).header_row + 1
    if not first <= row < first + _rows_total(job):
        return None
    return (row - first) // job.chunk_rows


def _chunk_json(store: Store, job: Job, index: int) -> bytes | None:
    """The JSON text of a chunk's checkpoint; a missing or damaged one is analysed again (None if it cannot be)."""
    directory = chunks_dir(store, job.id)
    text = read_checkpoint_json(directory, index)
    if text is not None:
        return text
    plan = pipeline.Plan.from_dict(job.plan)
    try:
        chunk = next(itertools.islice(pipeline.iter_chunks(job.input_path, plan, job.chunk_rows), index, None), None)
        if chunk is None:
            return None
        directory.mkdir(parents=True, exist_ok=True)
        analyse_and_checkpoint(chunk, plan, directory)
    except (InputError, OSError):  # the input is gone or unreadable
        return None
    return read_checkpoint_json(directory, index)


def chunk_results(store: Store, job: Job, index: int) -> tuple[RowResult, ...]:
    """The results of one chunk of a finished job, in row order (none when it cannot be read)."""
    text = _chunk_json(store, job, index)
    return () if text is None else pipeline.ChunkResult.from_dict(orjson.loads(text)).rows


def row_result(store: Store, job: Job, row: int) -> RowResult | None:
    """The result of source row number row, read from its chunk's checkpoint."""
    index = chunk_of_row(job, row)
    if index is None:
        return None
    return next((result for result in chunk_results(store, job, index) if result.row == row), None)


def _entries(results: tuple[RowResult, ...]) -> Iterator[PatentEntry]:
    return (PatentEntry(r.row, r.patent, len(r.claims)) for r in results if r.claims)


def first_patents(store: Store, job: Job, limit: int = LIST_LIMIT) -> tuple[PatentEntry, ...]:
    """The job's first patents (rows with claims), at most limit, reading only the chunks that hold them."""
    found: list[PatentEntry] = []
    for index in range(chunk_count(job)):
        found.extend(itertools.islice(_entries(chunk_results(store, job, index)), limit - len(found)))
        if len(found) >= limit:
            break
    return tuple(found)


def normalized(number: str) -> str:
    """A publication number as searched: letters and digits only, upper case ('us 10,123,456 b2' -> 'US10123456B2')."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


def _numbers(text: bytes) -> list[tuple[int, str | None]]:
    """Each row's number and publication number in a checkpoint's JSON text, without parsing its claims."""
    found = [(int(row), None if patent == b"null" else orjson.loads(patent)) for row, patent in _ROW_AND_PATENT.findall(text)]
    if found:
        return found
    return [(r.row, r.patent) for r in pipeline.ChunkResult.from_dict(orjson.loads(text)).rows]  # another layout


def search_patents(store: Store, job: Job, query: str, limit: int = LIST_LIMIT) -> tuple[PatentEntry, ...]:
    """Patents whose publication number contains the query (spaces and punctuation aside), in row order,
    at most limit; a query that is a row number gives that row first ('1234'), or only that row ('#1234')."""
    found: list[PatentEntry] = []
    row_query = _ROW_QUERY.fullmatch(query.strip())
    if row_query:
        result = row_result(store, job, int(row_query.group(1)))
        if result is not None and result.claims:
            found.append(PatentEntry(result.row, result.patent, len(result.claims)))
    wanted = normalized(query)
    if not wanted or query.strip().startswith("#"):  # '#1234' is a row only
        return tuple(found)
    for index in range(chunk_count(job)):
        if len(found) >= limit:
            break
        text = _chunk_json(store, job, index)
        if text is None:
            continue
        rows = {row for row, patent in _numbers(text) if patent is not None and wanted in normalized(patent)}
        rows -= {entry.row for entry in found}
        if rows:
            results = pipeline.ChunkResult.from_dict(orjson.loads(text)).rows
            matches = (entry for entry in _entries(results) if entry.row in rows)
            found.extend(itertools.islice(matches, limit - len(found)))
    return tuple(found)
