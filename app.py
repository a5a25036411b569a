"""Front page: upload an export, check the detected sheet and column, process it, follow it, download.

The page holds no processing: it calls the `claims` package, and a background worker does the work,
so the job (named in the URL as ?job=...) survives a refresh, a new tab or a restart.
"""
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from claims import jobs, parse_claims, patent_figures
from claims.errors import InputError, Message
from claims.inspection import Inspection, inspect_input
from claims.pipeline import Options
from claims.sources import open_source
from claims.supervisor import ensure_worker
from claims.views import excerpt, summary_distributions

UPLOAD_TYPES = ("xlsx", "xlsm", "xls", "ods", "csv")
JOB_PARAM = "job"

workspace = ui.begin_page("nav.process")
t = ui.t
store = ui.store()


# ---- choosing a file -------------------------------------------------------------------------


def receive_upload() -> None:
    """Save an upload to the data folder at once, then clear the uploader so no copy stays in memory."""
    round_ = st.session_state.setdefault("upload_round", 0)
    uploaded = st.file_uploader(t("upload.label"), type=UPLOAD_TYPES, key=f"upload-{round_}", help=t("upload.help"))
    if uploaded is None:
        return
    with st.spinner(t("upload.saving")):
        path = jobs.save_upload(store, uploaded.name, uploaded)
    st.session_state["input"] = {"path": str(path), "filename": uploaded.name}
    st.session_state["upload_round"] = round_ + 1
    st.rerun()


@st.cache_data(max_entries=32, show_spinner=False)
def inspect(path: str, sheet: str | None, column: str | None, id_column: str | None) -> Inspection | Message:
    """The input described for these choices, or the one-line reason it cannot be processed."""
    try:
        return inspect_input(path, Options(sheet=sheet, column=column, id_column=id_column))
    except InputError as error:
        return error.message


@st.cache_data(max_entries=32, show_spinner=False)
def detect(path: str) -> Inspection | Message:
    """The first sheet that can be processed, described (an export may open with a cover sheet), or
    why the first sheet cannot be when no sheet can."""
    first = inspect(path, None, None, None)
    if isinstance(first, Inspection) or "sheet" not in first.fields:
        return first
    for sheet in open_source(path).sheets[1:]:
        found = inspect(path, sheet, None, None)
        if isinstance(found, Inspection):
            return found
    return first


def shown_error(message: Message, filename: str, path: str) -> str:
    """An input error in the interface language, naming the user's file rather than its stored copy."""
    return ui.say(message).replace(Path(path).name, filename)


def forget_input() -> None:
    st.session_state.pop("input", None)


def preview_cells(inspection: Inspection, column: int, id_column: int | None, prefer: tuple[str, ...]) -> None:
    """A few cells of the chosen column and how they parse."""
    rows = []
    for values in inspection.preview:
        text = values[column] if column < len(values) else None
        cell = parse_claims(text, prefer=prefer)
        figures = patent_figures(cell)
        rows.append({
            t("column.patent"): "" if id_column is None or id_column >= len(values) else str(values[id_column] or ""),
            t("column.cell"): excerpt(str(text or ""), 90),
            t("column.language"): ui.language_label(cell.language),
            t("figure.claims"): figures.claims_total,
            t("figure.independent"): figures.independent_total,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def choose_and_process(chosen: dict) -> None:
    """Sheet, columns and options for the saved upload, a preview, and the Process button."""
    path, filename = chosen["path"], chosen["filename"]
    top, change = st.columns([5, 1], vertical_alignment="center")
    top.markdown(t("upload.file", filename=filename))
    change.button(t("upload.another"), on_click=forget_input, width="stretch")

    detected = detect(path)
    if isinstance(detected, Message):
        st.error(shown_error(detected, filename, path), icon=":material/error:")
        return
    sheets = {info.name: info.rows for info in detected.sheets}
    key = Path(path).stem[:16]
    sheet = st.selectbox(
        t("choose.sheet"), list(sheets), index=list(sheets).index(detected.plan.sheet),
        format_func=lambda name: t("choose.sheet_rows", sheet=name, rows=f"{sheets[name]:,}"), key=f"sheet-{key}",
    )
    on_sheet = detected if sheet == detected.plan.sheet else inspect(path, sheet, None, None)
    if isinstance(on_sheet, Message):
        st.error(shown_error(on_sheet, filename, path), icon=":material/error:")
        return
    plan = on_sheet.plan
    left, right = st.columns(2)
    column = left.selectbox(
        t("choose.column"), plan.columns, index=plan.claims_index, key=f"column-{key}-{sheet}"
    )
    left.caption(t("choose.detected", reason=ui.say(plan.claims_reason)))
    id_options = [None, *plan.columns]
    id_column = right.selectbox(
        t("choose.id_column"), id_options, index=0 if plan.id_index is None else plan.id_index + 1,
        format_func=lambda name: t("choose.no_id") if name is None else name, key=f"id-{key}-{sheet}",
    )
    right.caption(t("choose.detected", reason=ui.say(plan.id_reason)) if plan.id_reason else t("choose.no_id_found"))

    options_left, options_right = st.columns(2)
    with options_left:
        prefer = ui.language_preference(f"prefer-{key}")
    with options_right:
        headers = st.radio(
            t("options.headers"), ("en", "zh"), index=0 if ui.language() == "en" else 1,
            format_func=ui.language_label, horizontal=True, key=f"headers-{key}",
        )

    st.subheader(t("choose.preview"))
    preview_cells(on_sheet, plan.columns.index(column), None if id_column is None else plan.columns.index(id_column), prefer)

    if st.button(t("process.button"), type="primary", icon=":material/play_arrow:"):
        options = Options(sheet=sheet, column=column, id_column=id_column, prefer=prefer, headers=headers)
        try:
            job = jobs.submit(store, path, options, workspace=workspace, filename=filename)
        except InputError as error:
            st.error(shown_error(error.message, filename, path), icon=":material/error:")
            return
        ensure_worker(store=store)
        st.query_params[JOB_PARAM] = job.id
        st.rerun()


# ---- following a job -------------------------------------------------------------------------


def open_new_file() -> None:
    del st.query_params[JOB_PARAM]
    forget_input()


def job_progress(job_id: str) -> None:
    """Progress from the job store, re-read on every fragment run; the page itself does no work."""
    job = jobs.get_job(store, job_id)
    if job is None or job.state not in jobs.ACTIVE:
        st.rerun()
    ensure_worker(store=store)
    st.progress(job.progress, text=ui.progress_text(job))
    if st.button(t("job.cancel"), icon=":material/stop:"):
        jobs.cancel(store, job_id)
        st.rerun()


def job_results(job: jobs.Job) -> None:
    """Headline figures, downloads, charts and the first rows of a finished job."""
    summary = job.summary
    spread = summary_distributions(summary)
    figures = st.columns(5)
    figures[0].metric(t("result.patents"), f"{summary.get('patents', 0):,}", help=t("result.rows", rows=f"{summary.get('rows', 0):,}"))
    figures[1].metric(t("figure.claims"), f"{summary.get('claims', 0):,}")
    figures[2].metric(t("figure.independent"), f"{summary.get('independent', 0):,}")
    figures[3].metric(t("result.languages"), len(spread.languages),
                      help=", ".join(f"{ui.language_label(c)}: {n:,}" for c, n in spread.languages.items()))
    figures[4].metric(t("result.issues"), f"{sum(summary.get('issues', {}).values()):,}",
                      help=", ".join(f"{t(f'severity.{s}')}: {n:,}" for s, n in summary.get("issues", {}).items()))

    downloads = st.columns(3)
    for place, fmt in zip(downloads, ("xlsx", "csv", "jsonl")):
        with place:
            ui.download_button(store, job, fmt, key=f"download-{fmt}", primary=fmt == "xlsx")

    charts = st.columns(3)
    with charts[0]:
        ui.count_chart(t("chart.claims_per_patent"), spread.claims_per_patent, t("chart.claims"), t("chart.patents"))
    with charts[1]:
        ui.count_chart(t("chart.independent_per_patent"), spread.independent_per_patent, t("chart.independent"), t("chart.patents"))
    with charts[2]:
        ui.language_chart(spread.languages)

    st.subheader(t("result.preview"))
    ui.result_preview(ui.first_results(store, job))
    st.page_link("pages/2_Claim_tree.py", label=t("result.to_tree"), icon=":material/account_tree:",
                 query_params={ui.WORKSPACE_PARAM: workspace, JOB_PARAM: job.id})


def show_job(job_id: str) -> None:
    """A job as it stands: progress while it runs, results when done, the reason when it failed."""
    job = jobs.get_job(store, job_id)
    if job is None:
        st.error(t("job.not_found"), icon=":material/search_off:")
        st.button(t("job.new"), on_click=open_new_file, icon=":material/upload_file:")
        return
    title, new = st.columns([5, 1], vertical_alignment="center")
    title.markdown(f"### {job.filename} &nbsp; {ui.state_badge(job.state)}")
    title.caption(ui.job_times(job))
    new.button(t("job.new"), on_click=open_new_file, icon=":material/upload_file:", width="stretch")

    if job.state in jobs.ACTIVE:
        st.fragment(job_progress, run_every=1)(job.id)
    elif job.state == jobs.DONE:
        job_results(job)
    else:
        if job.state == jobs.FAILED:
            st.error(t("job.failed", error=ui.say(job.error_message) if job.error else ""), icon=":material/error:")
        else:
            st.warning(t("job.canceled"), icon=":material/cancel:")
        if st.button(t("job.retry"), type="primary", icon=":material/replay:"):
            jobs.retry(store, job.id)
            ensure_worker(store=store)
            st.rerun()


# ---- the page --------------------------------------------------------------------------------

st.title(t("app.name"))
if job_id := st.query_params.get(JOB_PARAM):
    show_job(job_id)
else:
    st.caption(t("app.lead"))
    if chosen := st.session_state.get("input"):
        choose_and_process(chosen)
    else:
        receive_upload()
