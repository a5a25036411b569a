"""Claim tree: one patent of a finished job, its claims drawn as a dependency tree, each claim's text at hand."""
from dataclasses import asdict

import streamlit as st

import ui
from claims import job_patents, jobs
from claims.results import FIGURE_COLUMNS
from claims.views import claim_rows, claim_tree_dot, claims_from_records

workspace = ui.begin_page("nav.tree")
t = ui.t
store = ui.store()

st.title(t("tree.title"))
st.caption(t("tree.lead"))

finished = [job for job in jobs.list_jobs(store, workspace=workspace) if job.state == jobs.DONE]
linked = jobs.get_job(store, st.query_params.get("job", ""))
if linked is not None and linked.state == jobs.DONE and all(job.id != linked.id for job in finished):
    finished.insert(0, linked)  # a job reached through its link, from another workspace
if not finished:
    st.info(t("tree.no_jobs"))
    st.page_link("app.py", label=t("nav.process"), icon=":material/upload_file:", query_params={ui.WORKSPACE_PARAM: workspace})
    st.stop()

by_id = {job.id: job for job in finished}
chosen_id = st.selectbox(
    t("tree.job"), list(by_id), index=list(by_id).index(linked.id) if linked is not None and linked.id in by_id else 0,
    format_func=lambda job_id: t("tree.job_label", filename=by_id[job_id].filename, finished=ui.job_times(by_id[job_id])),
)
job = by_id[chosen_id]
if not job.summary.get("patents", 1):
    st.info(t("tree.no_claims"))
    st.stop()

query = st.text_input(t("tree.search"), key=f"search-{chosen_id}", help=t("tree.search_help")).strip()
entries = ui.patents(store, job, query)
if not entries:
    st.info(t("tree.search_none", query=query) if query else t("tree.no_claims"))
    st.stop()
chosen = st.selectbox(
    t("tree.patent"), range(len(entries)),
    format_func=lambda i: t("tree.patent_label", patent=entries[i].label, claims=entries[i].claims),
    help=t("tree.patent_help"), key=f"patent-{chosen_id}",
)
total = job.summary.get("patents")
if query and len(entries) >= job_patents.LIST_LIMIT:
    st.caption(t("tree.matches_first", shown=f"{len(entries):,}"))
elif not query and total and total > len(entries):
    st.caption(t("tree.first_shown", shown=f"{len(entries):,}", total=f"{total:,}"))
result = ui.row_result(store, job, entries[chosen].row)
if result is None:
    st.warning(t("tree.unreadable"))
    st.stop()
record = dict(zip(FIGURE_COLUMNS, result.figures))
claims = claims_from_records(asdict(claim) for claim in result.claims)
language = record.get("claims_language")

counts = st.columns(4)
counts[0].metric(t("figure.claims"), record.get("claims_total") or 0)
counts[1].metric(t("figure.independent"), record.get("independent_total") or 0)
counts[2].metric(t("column.independent_claims"), record.get("independent_claims") or "—")
counts[3].metric(t("figure.language"), ui.language_label(language))

st.graphviz_chart(claim_tree_dot(claims, language, ui.category_name), width="content")
st.caption(t("tree.legend"))
st.subheader(t("tree.texts"))
with st.container(height=480):
    for claim in claims:
        marker = "**" if claim.kind == "independent" else ""
        refs = f" · {t('column.refs')} {', '.join(map(str, claim.refs))}" if claim.refs else ""
        kind = ui.kind_name("canceled" if claim.canceled else claim.kind)
        with st.expander(f"{marker}{claim.number}{marker} · {kind}{refs}"):
            st.text(claim.text)
with st.expander(t("tree.table")):
    ui.claims_table(claim_rows(claims, language))
