"""Every page of the Streamlit app through streamlit.testing's AppTest, against a real store and real files.

Jobs are processed by a real worker (in this process with once=True, or the one the page starts),
never faked; whatever the page starts is killed when the test ends.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from claims.jobs import cancel, get_job, list_jobs, open_store, submit
from claims.pipeline import Options
from claims.worker import live_workers, run_worker
from processes import kill_processes_using
from workbooks import write_encrypted, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
JOBS, TREE, QUICK = "pages/1_Jobs.py", "pages/2_Claim_tree.py", "pages/3_Quick_check.py"
WORKSPACE = "w" * 22
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIXTY_CLAIMS = "\n".join(
    ["1. A valve assembly comprising a housing and a seal ring."]
    + [f"{n}. The valve assembly of claim {1 if n < 30 else n - 1}, wherein part {n} is steel." for n in range(2, 31)]
    + ["31. A method of sealing a pipe, comprising fitting a valve assembly to the pipe."]
    + [f"{n}. The method of claim {31 if n % 2 else n - 1}, further comprising step {n}." for n in range(32, 61)]
)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(folder))
    monkeypatch.delenv("CLAIMS_PASSWORD", raising=False)
    yield folder
    kill_processes_using(folder)


@pytest.fixture
def paused_worker(data_dir: Path):
    """A real worker, stopped (SIGSTOP) once its heartbeat is live: jobs stay queued and no other worker starts."""
    store = open_store(data_dir)
    worker = subprocess.Popen([sys.executable, "-m", "claims", "worker", "--data-dir", str(data_dir)], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not live_workers(store) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGSTOP)
    yield worker
    worker.kill()
    worker.wait()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "export.xlsx")


def finished_job(data_dir: Path, export: Path, workspace: str = WORKSPACE):
    """A job processed to the end by a real worker running in this process."""
    store = open_store(data_dir)
    job = submit(store, export, Options(), workspace=workspace, filename="export.xlsx")
    run_worker(store, once=True)
    return get_job(store, job.id)


def app(page: str | None = None, **params: str) -> AppTest:
    """The app in a workspace (and on a page), run once."""
    test = AppTest.from_file(str(APP), default_timeout=30)
    test.query_params.update({"ws": WORKSPACE, **params})
    test.run()
    if page:
        test.switch_page(page).run()
    return test


def texts(test: AppTest) -> str:
    """Everything the page says in markdown, captions, alerts and titles, as one string."""
    parts = [*test.title, *test.markdown, *test.caption, *test.error, *test.warning, *test.info, *test.subheader]
    return "\n".join(str(part.value) for part in parts)


def chinese(test: AppTest) -> AppTest:
    """The page after choosing the Chinese interface in the sidebar."""
    test.sidebar.segmented_control[0].set_value("zh")
    return test.run()


def upload(test: AppTest, path: Path, name: str | None = None) -> AppTest:
    test.file_uploader[0].upload(name or path.name, path.read_bytes(), XLSX_MIME)
    return test.run()


# ---- front page -----------------------------------------------------------------------------------


def test_an_upload_is_saved_to_the_data_folder_and_the_uploader_is_cleared(data_dir, export):
    test = upload(app(), export)
    assert not test.exception
    saved = list((data_dir / "uploads").iterdir())
    assert len(saved) == 1 and saved[0].read_bytes() == export.read_bytes()
    assert not test.file_uploader  # the uploader is gone until "Another file" brings a fresh one back
    assert "export.xlsx" in texts(test)


def test_the_detected_sheet_and_columns_are_preselected_with_the_reason(data_dir, export):
    test = upload(app(), export)
    sheet, column, id_column = test.selectbox
    assert sheet.value == "Export"
    assert column.value == "权利要求" and id_column.value == "公开(公告)号"
    assert "Detected: column '权利要求'" in texts(test)


def test_a_cover_sheet_before_the_data_is_passed_over_for_the_first_sheet_with_claims(data_dir, export):
    book = openpyxl.load_workbook(export)
    book.create_sheet("检索式", 0).append(["检索式：(TI=电池) AND (PD>=2019)"])
    book.save(export)
    test = upload(app(), export)
    assert not test.error
    sheet, column, _ = test.selectbox
    assert sheet.value == "Export" and column.value == "权利要求"
    sheet.set_value("检索式").run()
    assert "sheet '检索式' has a header but no data rows" in test.error[0].value


def test_the_sheet_choice_lists_every_sheet_with_its_row_count(data_dir, export):
    sheet = upload(app(), export).selectbox[0]
    assert sheet.options == ["Export (4 rows)", "Notes (1 rows)"]


def test_the_preview_shows_how_the_first_cells_parse(data_dir, export):
    preview = upload(app(), export).dataframe[0].value
    assert list(preview["Publication number"]) == ["CN112345678A", "US10123456B2", "EP1234567B1"]
    assert list(preview["Claims"]) == [3, 3, 0]
    assert list(preview["Independent"]) == [1, 2, 0]


BAD_FILES = {  # how to make it, a word of its error in English and in Chinese
    "encrypted": (lambda folder, export: write_encrypted(folder / "locked.xlsx", export), "password", "密码"),
    "empty": (lambda folder, export: written(folder / "empty.xlsx", b""), "empty", "为空"),
    "not a spreadsheet": (lambda folder, export: written(folder / "notes.xlsx", b"just some notes"), "spreadsheet",
                          "不是电子表格"),
    "no data rows": (lambda folder, export: write_xlsx(folder / "header_only.xlsx", rows=()), "no data rows", "没有数据行"),
}


def written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_gets_a_one_line_error_naming_the_users_file(data_dir, export, tmp_path, kind):
    make, hint, _ = BAD_FILES[kind]
    test = upload(app(), make(tmp_path, export), "我的导出.xlsx")
    assert not test.exception
    [error] = test.error
    assert error.value.startswith("我的导出.xlsx:") and "\n" not in error.value
    assert hint in error.value.lower()
    assert [b.label for b in test.button] == ["Another file"]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_in_chinese_a_bad_file_gets_its_error_in_chinese(data_dir, export, tmp_path, kind):
    make, _, hint = BAD_FILES[kind]
    test = upload(chinese(app()), make(tmp_path, export), "我的导出.xlsx")
    [error] = test.error
    assert error.value.startswith("我的导出.xlsx：") and hint in error.value
    assert [b.label for b in test.button] == ["换一个文件"]


def test_in_chinese_the_detected_columns_are_explained_in_chinese(data_dir, export):
    page = texts(upload(chinese(app()), export))
    assert "自动识别：“权利要求”列（E）：列名与“权利要求”相符，且抽样的 2 个单元格中 100% 看似编号的权利要求" in page
    assert "自动识别：“公开(公告)号”列（A）：列名与“公开(公告)号”相符" in page
    assert "header matches" not in page


def test_process_submits_a_job_and_puts_its_id_in_the_url(data_dir, export):
    test = upload(app(), export)
    [process] = [b for b in test.button if b.label == "Process"]
    process.click().run()
    store = open_store(data_dir)
    [job] = list_jobs(store, workspace=WORKSPACE)
    assert test.query_params["job"] == job.id
    assert job.filename == "export.xlsx" and job.options["column"] == "权利要求"


def test_processing_the_same_file_again_returns_the_same_job(data_dir, export):
    ids = []
    for _ in range(2):
        test = upload(app(), export)
        [b for b in test.button if b.label == "Process"][0].click().run()
        ids.append(test.query_params["job"])
    assert ids[0] == ids[1]
    assert len(list_jobs(open_store(data_dir))) == 1


def test_an_active_job_shows_its_progress_and_can_be_canceled(data_dir, export, paused_worker):
    store = open_store(data_dir)
    job = submit(store, export, Options(), workspace=WORKSPACE, filename="export.xlsx")
    test = app(job=job.id)
    [progress] = test.get("progress")
    assert progress.proto.text.startswith("counting rows · waiting for the worker")
    [b for b in test.button if b.label == "Cancel"][0].click().run()
    assert get_job(store, job.id).state == "canceled"
    assert "The job was canceled." in texts(test)


def test_a_finished_job_shows_figures_downloads_charts_and_the_first_rows(data_dir, export):
    job = finished_job(data_dir, export)
    test = app(job=job.id)
    assert not test.exception
    metrics = {metric.label: metric.value for metric in test.metric}
    assert metrics["Patents"] == "2" and metrics["Claims"] == "6" and metrics["Independent"] == "3"
    assert metrics["Languages"] == "2"
    assert [button.label for button in test.get("download_button")] == [
        "Download workbook (xlsx)", "Download CSV", "Download JSON Lines"]
    assert len(test.get("vega_lite_chart")) == 3
    assert list(test.dataframe[0].value["Publication number"]) == ["CN112345678A", "US10123456B2", "EP1234567B1"]
    assert not (data_dir / "jobs" / job.id / "result.jsonl").exists()  # charts and first rows read no whole result


def test_in_chinese_a_finished_jobs_first_rows_say_their_status_in_chinese(data_dir, export):
    job = finished_job(data_dir, export)
    test = chinese(app(job=job.id))
    assert list(test.dataframe[0].value["状态"]) == ["正常", "正常", "单元格为空"]


def test_a_failed_job_shows_the_error_in_plain_words_and_can_be_retried(data_dir, export):
    store = open_store(data_dir)
    job = submit(store, export, Options(column="No such column"), workspace=WORKSPACE, filename="export.xlsx")
    run_worker(store, once=True)
    failed = get_job(store, job.id)
    assert failed.state == "failed"
    test = app(job=job.id)
    [error] = test.error
    assert error.value.startswith("The job failed:") and "No such column" in error.value
    [b for b in test.button if b.label == "Retry"][0].click().run()
    again = get_job(store, job.id)  # queued again; the worker the page started may have failed it anew
    assert again.state in ("queued", "running") or again.finished > failed.finished


def test_an_unknown_job_id_in_the_url_says_so(data_dir):
    test = app(job="not-a-job")
    assert "There is no such job" in test.error[0].value


# ---- for everyone: language, workspace, password -------------------------------------------------


def test_the_interface_switches_to_chinese_in_the_sidebar(data_dir):
    test = chinese(app())
    assert test.title[0].value == "专利权利要求分析"
    assert test.file_uploader[0].label == "专利导出文件"


def test_a_new_visitor_gets_an_unguessable_workspace_in_the_url(data_dir):
    test = AppTest.from_file(str(APP), default_timeout=30).run()
    token = test.query_params["ws"]
    assert len(token) >= 22 and token != AppTest.from_file(str(APP)).run().query_params["ws"]


def test_a_bookmarked_workspace_is_kept(data_dir):
    assert app().query_params["ws"] == WORKSPACE


@pytest.mark.parametrize("page", [None, JOBS, TREE, QUICK])
def test_with_a_password_set_every_page_shows_only_the_password_form(data_dir, monkeypatch, page):
    monkeypatch.setenv("CLAIMS_PASSWORD", "open sesame")
    test = AppTest.from_file(str(APP), default_timeout=30)
    test.run()
    if page:
        test.switch_page(page).run()
    assert [field.label for field in test.text_input] == ["Team password"]
    assert not test.file_uploader and not test.text_area and not test.selectbox


def test_the_right_password_opens_the_app_and_a_wrong_one_is_refused(data_dir):
    test = AppTest.from_file(str(APP), default_timeout=30)
    test.secrets["CLAIMS_PASSWORD"] = "open sesame"
    test.run()
    test.text_input[0].input("guess")
    test.button[0].click().run()
    assert "not right" in test.error[0].value and not test.file_uploader
    test.text_input[0].input("open sesame")
    test.button[0].click().run()
    assert test.file_uploader


# ---- Jobs page ------------------------------------------------------------------------------------


def test_the_jobs_page_lists_only_this_workspaces_jobs(data_dir, export, tmp_path):
    finished_job(data_dir, export)
    finished_job(data_dir, write_xlsx(tmp_path / "other.xlsx", rows=()), workspace="o" * 22)
    test = app(JOBS)
    page = texts(test)
    assert "**export.xlsx**" in page and "other.xlsx" not in page
    assert ":green-badge[done]" in page and "3 / 3 rows" in page


def test_a_job_can_be_deleted_from_the_jobs_page(data_dir, export):
    job = finished_job(data_dir, export)
    test = app(JOBS)
    [b for b in test.button if b.label == "Delete it"][0].click().run()
    assert get_job(open_store(data_dir), job.id) is None
    assert "No jobs in this workspace yet." in texts(test)


def test_the_jobs_page_refreshes_while_a_job_is_active_and_stops_when_none_is(data_dir, export, paused_worker):
    store = open_store(data_dir)
    job = submit(store, export, Options(), workspace=WORKSPACE, filename="export.xlsx")
    test = app(JOBS)
    assert ":gray-badge[queued]" in texts(test) and test.get("progress")
    assert test.session_state["jobs_refreshing"]
    cancel(store, job.id)
    test.run()
    assert ":orange-badge[canceled]" in texts(test) and not test.get("progress")
    assert not test.session_state["jobs_refreshing"]


def test_a_canceled_job_can_be_retried_from_the_jobs_page(data_dir, export):
    store = open_store(data_dir)
    job = submit(store, export, Options(), workspace=WORKSPACE, filename="export.xlsx")
    cancel(store, job.id)
    test = app(JOBS)
    [b for b in test.button if b.label == "Retry"][0].click().run()
    assert get_job(store, job.id).state in ("queued", "running", "done")


# ---- Claim tree page ------------------------------------------------------------------------------


def test_the_claim_tree_draws_the_chosen_patents_claims(data_dir, export):
    finished_job(data_dir, export)
    test = app(TREE)
    patent = test.selectbox[1]
    assert patent.options == ["CN112345678A · 3 claims", "US10123456B2 · 3 claims"]
    patent.set_value(1).run()
    [chart] = test.get("graphviz_chart")
    assert "1 -> 2;" in chart.proto.spec and "3 · method" in chart.proto.spec
    assert [e.label for e in test.expander][:3] == ["**1** · independent", "2 · dependent · Refers to 1",
                                                    "**3** · independent"]


def test_a_job_of_another_workspace_opens_in_the_claim_tree_through_its_link(data_dir, export):
    job = finished_job(data_dir, export, workspace="o" * 22)
    test = app(TREE, job=job.id)
    assert test.selectbox[0].value == job.id
    assert test.get("graphviz_chart")


def many_chunks_job(data_dir: Path, tmp_path: Path):
    """A 230-row job in 10-row chunks (23 checkpoints), processed by a real worker in this process."""
    rows = [(f"CN{200000 + i}A", "title", None, None, "1. A pump comprising a rotor.\n2. The pump of claim 1, wherein the rotor is steel.")
            for i in range(230)]
    store = open_store(data_dir)
    job = submit(store, write_xlsx(tmp_path / "many.xlsx", rows=rows), Options(), workspace=WORKSPACE,
                 filename="many.xlsx", chunk_rows=10)
    run_worker(store, once=True)
    return get_job(store, job.id)


def test_the_claim_tree_of_a_large_job_offers_its_first_patents_and_reads_no_whole_result(data_dir, tmp_path):
    job = many_chunks_job(data_dir, tmp_path)
    test = app(TREE)
    patent = test.selectbox[1]
    assert len(patent.options) == 200 and patent.options[0] == "CN200000A · 2 claims"
    assert "The first 200 of 230 patents" in texts(test)
    patent.set_value(150).run()
    assert "1 -> 2;" in test.get("graphviz_chart")[0].proto.spec
    assert not (data_dir / "jobs" / job.id / "result.jsonl").exists()


def test_the_claim_tree_finds_a_patent_by_its_number_or_row_in_a_large_job(data_dir, tmp_path):
    many_chunks_job(data_dir, tmp_path)
    test = app(TREE)
    test.text_input[0].set_value("cn 200 229").run()
    assert test.selectbox[1].options == ["CN200229A · 2 claims"]
    assert [e.label for e in test.expander][:2] == ["**1** · independent", "2 · dependent · Refers to 1"]
    test.text_input[0].set_value("#101").run()  # row 101: the 100th data row
    assert test.selectbox[1].options == ["CN200099A · 2 claims"]
    test.text_input[0].set_value("US999").run()
    assert "No patent matches “US999”" in texts(test) and not test.get("graphviz_chart")


def test_in_chinese_the_claim_tree_says_no_patent_matches_in_chinese(data_dir, export):
    finished_job(data_dir, export)
    test = chinese(app()).switch_page(TREE).run()
    test.text_input[0].set_value("US999").run()
    assert "没有与“US999”匹配的专利" in texts(test)


def test_the_claim_tree_asks_for_a_finished_job_first(data_dir):
    assert "No finished job yet" in texts(app(TREE))


# ---- Quick check page -----------------------------------------------------------------------------


def test_quick_check_shows_figures_table_and_tree_of_pasted_claims(data_dir):
    test = app(QUICK)
    test.text_area[0].input(SIXTY_CLAIMS).run()
    metrics = {metric.label: metric.value for metric in test.metric}
    assert metrics["Claims"] == "60" and metrics["Independent"] == "2" and metrics["Dependent"] == "58"
    table = test.dataframe[0].value
    assert len(table) == 60 and table.loc[30, "refs"] == "" and table.loc[31, "refs"] == "31"
    assert test.get("graphviz_chart")[0].proto.spec.count("->") == 58


def test_quick_check_says_when_the_text_holds_no_numbered_claims(data_dir):
    test = app(QUICK)
    test.text_area[0].input("no claims here, only prose").run()
    assert "No numbered claims" in test.warning[0].value


def test_in_chinese_quick_check_tells_why_no_claims_were_found_in_chinese(data_dir):
    test = chinese(app(QUICK))
    test.text_area[0].input("no claims here, only prose").run()
    assert test.warning[0].value == "文本中没有找到编号的权利要求。"
    assert "有文本但没有编号的权利要求" in [caption.value for caption in test.caption]


def test_in_chinese_a_job_that_failed_on_bad_input_says_why_in_chinese(data_dir, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    store = open_store(data_dir)
    job = submit(store, broken, Options(), workspace=WORKSPACE, filename="broken.xlsx")
    run_worker(store, once=True)
    failed = get_job(store, job.id)
    assert failed.state == "failed" and failed.error_code
    test = chinese(app(job=job.id))
    [error] = [e.value for e in test.error]
    assert "任务失败" in error and "broken.xlsx" in error and "corrupt" not in error
