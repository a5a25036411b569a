"""ensure_worker: one detached worker, started once however many page runs race, outliving the app."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claims.jobs import DONE, get_job, submit
from claims.pipeline import Options
from claims.store import open_store
from claims.supervisor import ensure_worker
from claims.worker import live_workers
from tests.workbooks import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
APP = "import sys; from claims.supervisor import ensure_worker; print(ensure_worker(sys.argv[1]))"


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"still waiting after {timeout} s")


@pytest.fixture
def data(tmp_path):
    """A data folder; the workers started in it get SIGTERM afterwards."""
    folder = tmp_path / "data"
    yield folder
    for record in live_workers(open_store(folder)):
        os.kill(record["pid"], signal.SIGTERM)


def test_a_worker_is_started_in_its_own_session_when_none_is_alive(data):
    assert ensure_worker(data) is True
    (worker,) = wait_for(lambda: live_workers(open_store(data)))
    assert os.getsid(worker["pid"]) != os.getsid(0)


def test_a_live_worker_is_not_doubled(data):
    ensure_worker(data)
    wait_for(lambda: live_workers(open_store(data)))
    assert ensure_worker(data) is False
    assert ensure_worker(store=open_store(data)) is False


def test_page_runs_racing_start_one_worker(data):
    apps = [subprocess.Popen([sys.executable, "-c", APP, str(data)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
            for _ in range(4)]
    answers = sorted(app.communicate(timeout=30)[0].strip() for app in apps)
    assert answers == ["False", "False", "False", "True"]
    time.sleep(1.5)
    assert len(live_workers(open_store(data))) == 1


def test_jobs_go_on_when_the_app_stops_and_a_restarted_app_reattaches(data, tmp_path):
    store = open_store(data)
    job = submit(store, write_xlsx(tmp_path / "export.xlsx"), Options())
    app = subprocess.Popen([sys.executable, "-c", APP + "; import time; time.sleep(60)", str(data)], cwd=ROOT,
                           stdout=subprocess.DEVNULL, start_new_session=True)
    wait_for(lambda: live_workers(store))
    os.killpg(app.pid, signal.SIGKILL)
    app.wait()
    assert wait_for(lambda: get_job(store, job.id).state == DONE)
    restarted = subprocess.run([sys.executable, "-c", APP, str(data)], cwd=ROOT, capture_output=True, text=True)
    assert restarted.stdout.strip() == "False"
