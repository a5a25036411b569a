"""A finished job's patents read from its chunk checkpoints: the first ones, a search, one row's result."""
from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from claims import job_patents
from claims.checkpoints import checkpoint_path, read_checkpoint_json
from claims.job_patents import PatentEntry, chunk_count, first_patents, row_result, search_patents
from claims.jobs import chunks_dir, get_job, open_store, submit
from claims.pipeline import Options, Plan, analyse_chunk, iter_chunks
from claims.worker import run_worker
from workbooks import HEADER, write_xlsx

ROWS_TOTAL = 30
CHUNK_ROWS = 4
FIRST_ROW = 3  # a title line, then the header


def patent_number(i: int) -> str | None:
    if i == 7:
        return None  # a row without a publication number
    if i == 11:
        return 'WO "2021" \\ 11'  # quotes and a backslash, escaped in the checkpoint's JSON
    return f"CN{100000 + i}A"


def claims_cell(i: int) -> str | None:
    if i % 5 == 4:
        return None  # no claims
    return "\n".join([f"1. A device number {i} comprising a housing."]
                     + [f"{n}. The device of claim 1, wherein part {n} is steel." for n in range(2, 2 + i % 3)])


@pytest.fixture(scope="module")
def done(tmp_path_factory):
    """A 30-row job in 4-row chunks, processed by a real worker: (store, job)."""
    folder = tmp_path_factory.mktemp("job")
    rows = [(patent_number(i), "title", None, None, claims_cell(i)) for i in range(ROWS_TOTAL)]
    workbook = write_xlsx(folder / "export.xlsx", rows=rows, header=HEADER, titles=("Search results",))
    store = open_store(folder / "data")
    job = submit(store, workbook, Options(), chunk_rows=CHUNK_ROWS)
    run_worker(store, once=True)
    job = get_job(store, job.id)
    assert job.state == "done" and chunk_count(job) == 8
    return store, job


def expected(job) -> dict:
    """Every row's result as the pipeline computes it, by source row number."""
    plan = Plan.from_dict(job.plan)
    return {r.row: r for chunk in iter_chunks(job.input_path, plan, CHUNK_ROWS) for r in analyse_chunk(chunk, plan).rows}


def test_each_rows_result_is_read_from_its_chunks_checkpoint(done):
    store, job = done
    results = expected(job)
    assert sorted(results) == list(range(FIRST_ROW, FIRST_ROW + ROWS_TOTAL))
    assert all(row_result(store, job, row) == result for row, result in results.items())
    assert row_result(store, job, FIRST_ROW - 1) is None and row_result(store, job, FIRST_ROW + ROWS_TOTAL) is None


def test_the_first_patents_are_the_rows_with_claims_in_order_up_to_the_limit(done):
    store, job = done
    with_claims = [r for r in expected(job).values() if r.claims]
    entries = first_patents(store, job, limit=6)
    assert entries == tuple(PatentEntry(r.row, r.patent, len(r.claims)) for r in with_claims[:6])
    assert [e.label for e in entries][:3] == ["CN100000A", "CN100001A", "CN100002A"]
    assert len(first_patents(store, job)) == len(with_claims) == 24


def test_a_row_without_a_publication_number_is_labelled_by_its_row():
    assert PatentEntry(12, None, 2).label == "#12"


def test_a_search_matches_publication_numbers_whatever_the_spaces_punctuation_and_case(done):
    store, job = done
    assert [e.label for e in search_patents(store, job, "cn 100,021 a")] == ["CN100021A"]
    assert [e.label for e in search_patents(store, job, '"2021"')] == ['WO "2021" \\ 11']
    assert [e.label for e in search_patents(store, job, "CN10002")] == [
        "CN100020A", "CN100021A", "CN100022A", "CN100023A", "CN100025A", "CN100026A", "CN100027A", "CN100028A"]
    assert search_patents(store, job, "CN100024A") == ()  # a row without claims
    assert search_patents(store, job, "US") == ()


def test_a_search_stops_at_the_limit(done):
    store, job = done
    assert [e.label for e in search_patents(store, job, "CN1000", limit=3)] == ["CN100000A", "CN100001A", "CN100002A"]


def test_a_row_number_gives_that_row_first_and_with_a_hash_only_that_row(done):
    store, job = done
    assert [e.label for e in search_patents(store, job, "23")] == ["CN100020A", "CN100023A"]  # row 23, then numbers
    assert [e.label for e in search_patents(store, job, "#23")] == ["CN100020A"]
    assert search_patents(store, job, "#2") == ()  # the header row
    assert search_patents(store, job, "#7") == ()  # a row without claims


def test_a_damaged_checkpoint_is_analysed_again_from_the_input(done):
    store, job = done
    directory = chunks_dir(store, job.id)
    path = checkpoint_path(directory, 5)
    path.write_bytes(path.read_bytes()[:-10])
    assert read_checkpoint_json(directory, 5) is None
    row = FIRST_ROW + 5 * CHUNK_ROWS
    assert row_result(store, job, row) == expected(job)[row]
    assert read_checkpoint_json(directory, 5) is not None  # checkpointed again


def test_row_and_publication_numbers_are_read_from_a_checkpoint_without_parsing_it(done):
    store, job = done
    for index in (1, 2):  # a row without a publication number, one with quotes and a backslash
        text = read_checkpoint_json(chunks_dir(store, job.id), index)
        rows = [r for r in expected(job).values() if index * CHUNK_ROWS <= r.row - FIRST_ROW < (index + 1) * CHUNK_ROWS]
        assert job_patents._numbers(text) == [(r.row, r.patent) for r in rows]
        reordered = orjson.dumps(orjson.loads(text), option=orjson.OPT_SORT_KEYS)  # another layout: parsed instead
        assert job_patents._numbers(reordered) == [(r.row, r.patent) for r in rows]
