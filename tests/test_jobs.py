"""Jobs: submit with de-duplication, look-ups, cancel, retry, delete, results; and their commands."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.jobs import (
    CANCELED, DONE, QUEUED, JobNotFound, cancel, chunks_dir, delete, get_job, job_dir, list_jobs, require_job,
    result_path, retry, save_upload, submit,
)
from claims.pipeline import Options, process
from claims.store import open_store
from tests.workbooks import write_xlsx

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_xlsx(tmp_path / "export.xlsx")


def claims_command(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claims", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_submitting_the_same_content_and_options_twice_gives_one_job(store, workbook):
    first = submit(store, workbook, Options())
    again = submit(store, save_upload(store, "copy.xlsx", workbook.read_bytes()), Options())
    assert again.id == first.id
    assert len(list_jobs(store)) == 1


def test_other_options_make_another_job(store, workbook):
    assert submit(store, workbook, Options()).id != submit(store, workbook, Options(headers="zh")).id


def test_a_canceled_job_does_not_absorb_a_new_submission(store, workbook):
    first = submit(store, workbook, Options())
    cancel(store, first.id)
    assert submit(store, workbook, Options()).id != first.id


def test_a_file_outside_the_data_folder_is_copied_in_so_later_edits_do_not_reach_the_job(store, workbook):
    job = submit(store, workbook, Options())
    original = workbook.read_bytes()
    workbook.write_bytes(b"changed")
    assert Path(job.input_path).parent == store.data_dir / "uploads"
    assert Path(job.input_path).read_bytes() == original
    assert job.filename == "export.xlsx"


def test_an_upload_is_named_by_its_content_whether_given_as_bytes_or_a_stream(store, workbook):
    with open(workbook, "rb") as stream:
        streamed = save_upload(store, "a.XLSX", stream)
    assert save_upload(store, "b.xlsx", workbook.read_bytes()) == streamed
    assert streamed.suffix == ".xlsx"


def test_job_ids_are_long_random_tokens(store, workbook):
    ids = {submit(store, workbook, Options(), workspace=str(n)).id for n in range(5)}
    assert len(ids) == 5 and all(len(job_id) >= 22 for job_id in ids)


def test_an_unknown_job_id_gives_none_or_a_one_line_error(store):
    assert get_job(store, "nope") is None
    with pytest.raises(JobNotFound) as raised:
        require_job(store, "nope")
    assert "\n" not in str(raised.value) and "nope" in str(raised.value)


def test_jobs_are_listed_newest_first_and_by_workspace(store, workbook):
    older = submit(store, workbook, Options(), workspace="a")
    newer = submit(store, workbook, Options(), workspace="b")
    assert [j.id for j in list_jobs(store)] == [newer.id, older.id]
    assert [j.id for j in list_jobs(store, workspace="a")] == [older.id]


def test_a_queued_job_cannot_be_retried(store, workbook):
    job = submit(store, workbook, Options())
    with pytest.raises(InputError):
        retry(store, job.id)


def test_a_canceled_job_is_queued_again_by_retry(store, workbook):
    job = submit(store, workbook, Options())
    cancel(store, job.id)
    assert get_job(store, job.id).state == CANCELED
    assert retry(store, job.id).state == QUEUED


def test_delete_removes_the_job_and_its_files(store, workbook):
    job = submit(store, workbook, Options())
    chunks_dir(store, job.id).mkdir(parents=True)
    delete(store, job.id)
    assert get_job(store, job.id) is None
    assert not job_dir(store, job.id).exists()


def test_a_result_is_refused_before_the_job_is_done(store, workbook):
    with pytest.raises(InputError):
        result_path(store, submit(store, workbook, Options()))


def test_progress_is_the_fraction_of_rows_done(store, workbook):
    job = submit(store, workbook, Options())
    assert job.progress == 0.0
    assert type(job)(**{**job.to_dict(), "rows_done": 1, "rows_total": 4}).progress == 0.25


def test_a_csv_result_is_made_from_the_checkpoints_even_when_one_is_damaged(store, workbook, tmp_path):
    job = submit(store, workbook, Options(), chunk_rows=1)
    assert claims_command("worker", "--once", "--data-dir", str(store.data_dir)).returncode == 0
    checkpoint = sorted(chunks_dir(store, job.id).glob("*.ckpt"))[1]
    checkpoint.write_bytes(checkpoint.read_bytes()[:-3])
    process(workbook, tmp_path / "reference.csv", fmt="csv")
    made = result_path(store, get_job(store, job.id), "csv")
    assert made.read_text(encoding="utf-8-sig") == (tmp_path / "reference.csv").read_text(encoding="utf-8-sig")


def test_the_job_commands_submit_wait_and_fetch_a_result(workbook, tmp_path):
    data = str(tmp_path / "data")
    submitted = claims_command("submit", str(workbook), "--data-dir", data, "--no-worker")
    job_id = submitted.stdout.splitlines()[-1]
    status = json.loads(claims_command("status", job_id, "--json", "--data-dir", data).stdout)
    assert (status["state"], status["rows_done"], status["rows_total"]) == (QUEUED, 0, 3)
    assert claims_command("worker", "--once", "--data-dir", data).returncode == 0
    assert claims_command("wait", job_id, "--data-dir", data).returncode == 0
    out = tmp_path / "result.xlsx"
    assert claims_command("result", job_id, "-o", str(out), "--data-dir", data).returncode == 0
    assert out.stat().st_size > 0
    assert json.loads(claims_command("status", job_id, "--json", "--data-dir", data).stdout)["state"] == DONE


@pytest.mark.parametrize("command", ["status", "wait", "cancel", "retry", "result"])
def test_a_bad_job_id_gives_one_line_and_exit_code_2(command, tmp_path):
    ran = claims_command(command, "no-such-job", "--data-dir", str(tmp_path / "data"))
    assert ran.returncode == 2
    assert len(ran.stderr.strip().splitlines()) == 1 and "no-such-job" in ran.stderr


def test_submitting_a_file_that_is_not_a_workbook_gives_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    ran = claims_command("submit", str(bad), "--data-dir", str(tmp_path / "data"), "--no-worker")
    assert ran.returncode == 2 and len(ran.stderr.strip().splitlines()) == 1
