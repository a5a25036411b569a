"""What every page of the app shares: password gate, language, workspace, navigation, the job store.

Streamlit-specific and thin: processing lives in the `claims` package.
"""
from __future__ import annotations

import hmac
import os
import re
import secrets
from datetime import datetime
from pathlib import Path, PurePath

import pandas as pd
import streamlit as st

from claims import i18n, job_patents
from claims.engine import DEFAULT_PREFER
from claims.checkpoints import read_checkpoint
from claims.job_patents import PatentEntry
from claims.jobs import Job, chunks_dir, open_store, result_path
from claims.languages import TABLES
from claims.model import Figures, Finding, ParsedCell
from claims.pipeline import ChunkResult
from claims.results import FIGURE_COLUMNS, IssueRow, RowResult
from claims.store import DiskStore, resolve_data_dir

PASSWORD_ENV = "CLAIMS_PASSWORD"
WORKSPACE_PARAM = "ws"
LANGUAGE_KEY = "lang"
_WORKSPACE_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")

PAGES = (
    ("app.py", "nav.process", ":material/upload_file:"),
    ("pages/1_Jobs.py", "nav.jobs", ":material/list_alt:"),
    ("pages/2_Claim_tree.py", "nav.tree", ":material/account_tree:"),
    ("pages/3_Quick_check.py", "nav.quick", ":material/bolt:"),
)


def t(key: str, **values: object) -> str:
    """The interface string key in the language the user chose."""
    return i18n.text(key, language(), **values)


def language() -> str:
    """The interface language of this session."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in i18n.LANGUAGES else _browser_language()


def _browser_language() -> str:
    locale = st.context.locale or ""
    return "zh" if locale.lower().startswith("zh") else "en"


@st.cache_resource
def _open_store(data_dir: str) -> DiskStore:
    return open_store(data_dir)


def store() -> DiskStore:
    """The job store under $CLAIMS_DATA_DIR (or ./data), shared by every session of this server."""
    return _open_store(str(resolve_data_dir()))


def begin_page(title_key: str) -> str:
    """Set up a page: title, password gate, sidebar; returns the workspace token."""
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.name')}", page_icon=":material/gavel:", layout="wide")
    _require_password()
    workspace = current_workspace()
    _sidebar(workspace)
    return workspace


def _configured_password() -> str | None:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    try:
        return st.secrets.get(PASSWORD_ENV) or None
    except FileNotFoundError:  # no secrets.toml anywhere
        return None


def _require_password() -> None:
    """Stop the page until the session has given the team password, when one is set."""
    expected = _configured_password()
    if expected is None or st.session_state.get("authenticated"):
        return
    st.title(t("app.name"))
    with st.form("password"):
        given = st.text_input(t("gate.password"), type="password")
        if st.form_submit_button(t("gate.enter"), type="primary"):
            if hmac.compare_digest(given.encode(), str(expected).encode()):
                st.session_state["authenticated"] = True
                st.rerun()
            st.error(t("gate.wrong"))
    st.stop()


def current_workspace() -> str:
    """This user's workspace token: from the URL (a bookmark), else this session's, else a new one."""
    from_url = st.query_params.get(WORKSPACE_PARAM, "")
    if _WORKSPACE_PATTERN.fullmatch(from_url):
        workspace = from_url
    else:
        workspace = st.session_state.get(WORKSPACE_PARAM) or secrets.token_urlsafe(16)
    st.session_state[WORKSPACE_PARAM] = workspace
    if from_url != workspace:
        st.query_params[WORKSPACE_PARAM] = workspace
    return workspace


def _sidebar(workspace: str) -> None:
    with st.sidebar:
        st.segmented_control(
            t("sidebar.language"),
            i18n.LANGUAGES,
            default=_browser_language(),
            format_func=i18n.language_name,
            key=LANGUAGE_KEY,
            required=True,
            persist_state="session",
        )
        for path, key, icon in PAGES:
            st.page_link(path, label=t(key), icon=icon, query_params={WORKSPACE_PARAM: workspace})
        st.divider()
        st.caption(t("sidebar.workspace", token=workspace[:6]))


def job_link(job_id: str, workspace: str, label: str) -> None:
    """A link that opens a job on the front page."""
    st.page_link("app.py", label=label, icon=":material/open_in_new:", query_params={"job": job_id, WORKSPACE_PARAM: workspace})


def category_name(category: str) -> str:
    """A claim category ('method', ...) in the interface language."""
    return t(f"category.{category}") if i18n.has(f"category.{category}") else category


def kind_name(kind: str) -> str:
    """'independent' or 'dependent' in the interface language."""
    return t(f"kind.{kind}")


def language_preference(key: str) -> tuple[str, ...]:
    """The language versions to keep, in order of preference (the order the user picks them in)."""
    chosen = st.multiselect(
        t("options.prefer"),
        tuple(TABLES),
        default=list(DEFAULT_PREFER),
        format_func=language_label,
        help=t("options.prefer_help"),
        key=key,
    )
    return tuple(chosen) or DEFAULT_PREFER


def figure_metrics(cell: ParsedCell, figures: Figures) -> None:
    """Headline figures of one patent, as metrics in a row."""
    columns = st.columns(6)
    columns[0].metric(t("figure.claims"), figures.claims_total)
    columns[1].metric(t("figure.independent"), figures.independent_total)
    columns[2].metric(t("figure.dependent"), figures.dependent_total)
    columns[3].metric(t("figure.depth"), figures.max_depth, help=t("figure.depth_help"))
    columns[4].metric(t("figure.first_length"), figures.first_claim_length, help=t(f"unit.{figures.length_unit}"))
    versions = " + ".join(language_label(v.language) for v in cell.versions)
    columns[5].metric(t("figure.language"), language_label(cell.language), help=t("figure.versions", versions=versions))


def finding_text(finding: Finding) -> str:
    """A finding in the interface language: the engine's own sentence in English, a translation in Chinese."""
    key = f"finding.{finding.code}"
    if language() == "en" or not i18n.has(key):
        return finding.message
    return t(key) + (t("finding.at_claim", claim=finding.claim) if finding.claim is not None else "")


def say(message: str) -> str:
    """A message of the claims package in the interface language, by its code; English text as it is."""
    code = getattr(message, "code", None)
    if code is None or not i18n.has(f"message.{code}"):
        return str(message)
    fields = message.fields
    said = t(f"message.{code}", **fields)
    return t("message.file", file=fields["file"], message=said) if "file" in fields else said


def status_text(status: str | None, issues: tuple[IssueRow, ...]) -> str:
    """A row's claims_status in the interface language: 'ok', or the finding it repeats."""
    if status == "ok":
        return t("status.ok")
    for issue in issues:
        if issue.message == status:
            return finding_text(Finding(issue.code, issue.message, issue.severity, issue.claim))
    return status or ""


def findings(cell: ParsedCell) -> None:
    """The issues the engine found in a cell, collapsed under one line."""
    if not cell.issues:
        return
    with st.expander(t("quick.issues", count=len(cell.issues)), icon=":material/report:"):
        for finding in cell.issues:
            st.markdown(f"- {finding_text(finding)}")


def claims_table(rows: list[dict]) -> None:
    """The claims of one patent as a table: number, kind, references, category, length, text."""
    shown = [
        {**row, "kind": kind_name(row["kind"]), "category": category_name(row["category"]) if row["category"] else ""}
        for row in rows
    ]
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_order=("number", "kind", "refs", "category", "length", "text"),
        column_config={
            "number": st.column_config.NumberColumn(t("column.number"), width="small"),
            "kind": st.column_config.TextColumn(t("column.kind"), width="small"),
            "refs": st.column_config.TextColumn(t("column.refs"), width="small"),
            "category": st.column_config.TextColumn(t("column.category"), width="small"),
            "length": st.column_config.NumberColumn(t("column.length"), width="small"),
            "text": st.column_config.TextColumn(t("column.text"), width="large"),
        },
    )


_STATE_COLOURS = {"queued": "gray", "running": "blue", "done": "green", "failed": "red", "canceled": "orange"}
_MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "jsonl": "application/jsonl",
}


def state_badge(state: str) -> str:
    """A job state as a coloured badge (Markdown)."""
    return f":{_STATE_COLOURS.get(state, 'gray')}-badge[{t(f'state.{state}')}]"


def _clock(moment: float | None) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def job_times(job: Job) -> str:
    """When a job was submitted, started and finished, on one line."""
    return t("jobs.times", created=_clock(job.created), started=_clock(job.started), finished=_clock(job.finished))


def rows_text(job: Job) -> str:
    """Rows done of total, e.g. '1,200 / 2,000 rows'."""
    if job.rows_total is None:
        return t("job.rows_unknown")
    return t("job.rows", done=f"{job.rows_done:,}", total=f"{job.rows_total:,}")


def progress_text(job: Job) -> str:
    """Rows done of total, stage, rate and time left, for the progress bar."""
    parts = [rows_text(job), t(f"stage.{job.stage}") if i18n.has(f"stage.{job.stage}") else job.stage]
    if job.rate:
        parts.append(t("job.rate", rate=f"{job.rate:,.0f}"))
    if job.eta_seconds is not None and job.state == "running":
        parts.append(t("job.eta", left=i18n.duration(job.eta_seconds, language())))
    return " · ".join(parts)


def result_name(job: Job, fmt: str) -> str:
    """The download's file name: the input's name with '_claims' and the format's suffix."""
    return f"{PurePath(job.filename).stem}_claims.{fmt}"


def download_button(store: DiskStore, job: Job, fmt: str, key: str, primary: bool = False) -> None:
    """A button that downloads a finished job's result; csv and jsonl are made when first asked for."""
    st.download_button(
        t(f"download.{fmt}"),
        data=lambda: result_path(store, job, fmt).read_bytes(),
        file_name=result_name(job, fmt),
        mime=_MIME[fmt],
        key=key,
        icon=":material/download:",
        type="primary" if primary else "secondary",
        on_click="ignore",
    )


def language_label(code: str | None) -> str:
    """A claims language code as a name in the interface language ('—' when there is none)."""
    if code is None or code == "none":
        return t("language.none")
    return t(f"language.{code}") if i18n.has(f"language.{code}") else code


PREVIEW_ROWS = 20


@st.cache_data(max_entries=8, show_spinner=False)
def _first_results(directory: str, finished: float | None) -> tuple[RowResult, ...]:
    payload = read_checkpoint(Path(directory), 0)
    return () if payload is None else ChunkResult.from_dict(payload).rows[:PREVIEW_ROWS]


def first_results(store: DiskStore, job: Job) -> tuple[RowResult, ...]:
    """A finished job's first rows, from its first checkpoint rather than its whole result."""
    return _first_results(str(chunks_dir(store, job.id)), job.finished)


@st.cache_data(max_entries=32, show_spinner=False)
def _patents(_store: DiskStore, _job: Job, job_id: str, finished: float | None, query: str) -> tuple[PatentEntry, ...]:
    return job_patents.search_patents(_store, _job, query) if query else job_patents.first_patents(_store, _job)


def patents(store: DiskStore, job: Job, query: str = "") -> tuple[PatentEntry, ...]:
    """A finished job's patents that match the search (its first ones without one), read from its checkpoints."""
    with st.spinner(t("tree.searching")):
        return _patents(store, job, job.id, job.finished, query.strip())


@st.cache_data(max_entries=64, show_spinner=False)
def _row_result(_store: DiskStore, _job: Job, job_id: str, finished: float | None, row: int) -> RowResult | None:
    return job_patents.row_result(_store, _job, row)


def row_result(store: DiskStore, job: Job, row: int) -> RowResult | None:
    """One row of a finished job's results, from the checkpoint of its chunk."""
    return _row_result(store, job, job.id, job.finished, row)


def count_chart(title: str, counts: dict[int, int], x_label: str, y_label: str) -> None:
    """A bar chart of patents per count (claims, independent claims); nothing when there are none."""
    if not counts:
        return
    st.markdown(f"**{title}**")
    frame = pd.DataFrame({x_label: list(counts), y_label: list(counts.values())})
    st.bar_chart(frame, x=x_label, y=y_label, height=220, color="#1f5fbf")


def language_chart(languages: dict[str, int]) -> None:
    """A horizontal bar chart of patents per claims language; nothing when there are none."""
    if not languages:
        return
    st.markdown(f"**{t('chart.languages')}**")
    frame = pd.DataFrame({t("chart.language"): [language_label(c) for c in languages], t("chart.patents"): list(languages.values())})
    st.bar_chart(frame, x=t("chart.language"), y=t("chart.patents"), horizontal=True, height=220, color="#2e9e6a")


def result_preview(rows: tuple[RowResult, ...]) -> None:
    """The first result rows: the publication number with its main figures."""
    shown = []
    for result in rows:
        figures = dict(zip(FIGURE_COLUMNS, result.figures))
        shown.append({
            t("column.row"): result.row,
            t("column.patent"): result.patent or "",
            t("column.language"): language_label(figures["claims_language"]),
            t("figure.claims"): figures["claims_total"] or 0,
            t("figure.independent"): figures["independent_total"] or 0,
            t("column.independent_claims"): figures["independent_claims"] or "",
            t("figure.first_length"): figures["first_claim_length"],
            t("column.status"): status_text(figures["claims_status"], result.issues),
            t("column.tree"): figures["claim_tree"] or "",  # last: long, and the status stays in sight
        })
    st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")
