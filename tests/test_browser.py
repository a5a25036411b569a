"""End to end in a real browser: Debian's Chromium, driven by Playwright, against `streamlit run app.py`.

One analyst's session: upload a 2,000-row export, accept the detected column, process, watch the
progress move, reload mid-job, have the worker killed mid-job, see the job finish anyway, download
the workbook and check its sheets. The finished page is saved as a screenshot; `make screenshot`
keeps it as docs/screenshot.png for the README (CLAIMS_SCREENSHOT names the file).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from claims.jobs import get_job, open_store
from claims.worker import live_workers
from processes import kill_processes_using

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
ROWS = 2000

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
    pytest.mark.skipif(not (SHARED / "tools" / "gen_workbook.py").exists(), reason="../shared is absent"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str, every: float = 0.05):
    """Poll condition until it returns something truthy; fail naming what was awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    out = tmp_path / "patents_2000.xlsx"
    subprocess.run(
        [sys.executable, str(SHARED / "tools" / "gen_workbook.py"), "--rows", str(ROWS), "--out", str(out)],
        check=True, capture_output=True,
    )
    return out


@pytest.fixture
def server(tmp_path: Path):
    """`streamlit run app.py` on a free port with its own data folder; everything it started is killed after."""
    data_dir = tmp_path / "data"
    port = free_port()
    env = {**os.environ, "CLAIMS_DATA_DIR": str(data_dir)}
    env.pop("CLAIMS_PASSWORD", None)
    log = open(tmp_path / "streamlit.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                return response.status == 200
        except OSError:
            assert process.poll() is None, (tmp_path / "streamlit.log").read_text()
            return False

    try:
        wait_until(healthy, 30, "/_stcore/health", every=0.2)
        yield f"http://127.0.0.1:{port}", data_dir
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        kill_processes_using(data_dir)  # workers run in their own sessions
        log.close()


def test_an_analyst_processes_a_workbook_that_survives_a_reload_and_a_killed_worker(server, workbook, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, data_dir = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000},
                                       accept_downloads=True).new_page()
            page.set_default_timeout(30_000)
            page.goto(url)
            page.locator("input[type=file]").set_input_files(workbook)

            # The detected claims column is preselected, with the reason; accept it.
            expect(page.get_by_text("Detected: column '权利要求'")).to_be_visible()
            expect(page.get_by_test_id("stDataFrame")).to_be_visible()  # the preview of parsed cells
            page.get_by_role("button", name="Process", exact=True).click()
            page.wait_for_url("**job=*")
            job_id = page.url.split("job=")[1].split("&")[0]
            progress = page.get_by_test_id("stProgress")
            expect(progress).to_be_visible()
            first_seen = progress.inner_text()

            # Freeze the worker halfway, so what follows happens mid-job for sure.
            store = open_store(data_dir)
            wait_until(lambda: (job := get_job(store, job_id)) and job.state == "running" and job.rows_done > 0,
                       60, "the worker's first chunk")
            worker_pid = live_workers(store)[0]["pid"]
            os.kill(worker_pid, signal.SIGSTOP)
            done_rows = get_job(store, job_id).rows_done
            expect(progress).to_contain_text(f"{done_rows:,} / {ROWS:,} rows")
            assert progress.inner_text() != first_seen, "the progress bar did not move"

            page.reload()
            assert job_id in page.url
            expect(page.get_by_test_id("stProgress")).to_contain_text(f"{done_rows:,} / {ROWS:,} rows")
            expect(page.get_by_text(workbook.name).first).to_be_visible()

            os.kill(worker_pid, signal.SIGKILL)
            expect(page.get_by_text("done", exact=True).first).to_be_visible(timeout=60_000)
            assert get_job(store, job_id).state == "done"
            assert all(worker["pid"] != worker_pid for worker in live_workers(store))
            expect(page.get_by_text("Claims per patent", exact=True)).to_be_visible()

            with page.expect_download() as download:
                page.get_by_role("button", name="Download workbook (xlsx)").click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            page.wait_for_timeout(800)  # let the charts finish drawing
            screenshot = Path(os.environ.get("CLAIMS_SCREENSHOT", tmp_path / "screenshot.png"))
            screenshot.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()

    assert saved.name == "patents_2000_claims.xlsx"
    result = openpyxl.load_workbook(saved, read_only=True)
    try:
        assert {"data", "claims"} <= set(result.sheetnames)
        data_rows = list(result["data"].iter_rows(values_only=True))
        assert "claims_total" in data_rows[0] and len(data_rows) == ROWS + 1
        claims_header, *claim_rows = result["claims"].iter_rows(values_only=True)
        assert {"patent", "number", "kind", "refs"} <= set(claims_header)
        assert len(claim_rows) > ROWS  # every patent has several claims
    finally:
        result.close()
