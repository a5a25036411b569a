"""Jobs: this workspace's recent jobs, with their progress, and what can be done with each."""
import streamlit as st

import ui
from claims import jobs
from claims.supervisor import ensure_worker

workspace = ui.begin_page("nav.jobs")
t = ui.t
store = ui.store()
REFRESHING = "jobs_refreshing"  # whether the list refreshes itself: some job was active when last listed

st.title(t("jobs.title"))
st.caption(t("jobs.lead"))


def job_row(job: jobs.Job) -> None:
    """One job: name and times, state and progress, and its actions."""
    with st.container(border=True):
        name, state, actions = st.columns([4, 3, 5], vertical_alignment="center")
        name.markdown(f"**{job.filename}**")
        name.caption(ui.job_times(job))
        state.markdown(ui.state_badge(job.state))
        if job.state in jobs.ACTIVE:
            state.progress(job.progress, text=ui.rows_text(job))
        else:
            state.caption(ui.rows_text(job))
        with actions.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
            ui.job_link(job.id, workspace, t("jobs.open"))
            if job.state in jobs.ACTIVE and st.button(t("job.cancel"), key=f"cancel-{job.id}", icon=":material/stop:"):
                jobs.cancel(store, job.id)
                st.rerun()
            if job.state in (jobs.FAILED, jobs.CANCELED) and st.button(t("job.retry"), key=f"retry-{job.id}", icon=":material/replay:"):
                jobs.retry(store, job.id)
                ensure_worker(store=store)
                st.rerun()
            if job.state == jobs.DONE:
                ui.download_button(store, job, "xlsx", key=f"download-{job.id}")
            with st.popover(t("jobs.delete"), icon=":material/delete:"):
                st.caption(t("jobs.delete_confirm", filename=job.filename))
                if st.button(t("jobs.delete_yes"), key=f"delete-{job.id}", type="primary"):
                    jobs.delete(store, job.id)
                    st.rerun()


def job_list() -> None:
    """Every job of the workspace, newest first, listed once per run; refreshed while any of them runs."""
    listed = jobs.list_jobs(store, workspace=workspace)
    active = any(job.state in jobs.ACTIVE for job in listed)
    if active != st.session_state.get(REFRESHING, False):
        st.session_state[REFRESHING] = active
        st.rerun()  # the whole page, so that the list starts or stops refreshing itself
    if not listed:
        st.info(t("jobs.none"))
        st.page_link("app.py", label=t("nav.process"), icon=":material/upload_file:", query_params={ui.WORKSPACE_PARAM: workspace})
        return
    if active:
        ensure_worker(store=store)
    for job in listed:
        job_row(job)


st.fragment(job_list, run_every=2 if st.session_state.get(REFRESHING) else None)()
