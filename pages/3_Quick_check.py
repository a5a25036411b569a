"""Quick check: paste one patent's claims and see at once how they split, link and count."""
import streamlit as st

import ui
from claims import parse_claims, patent_figures
from claims.views import claim_rows, claim_tree_dot

ui.begin_page("nav.quick")
t = ui.t

st.title(t("quick.title"))
st.caption(t("quick.lead"))

text = st.text_area(t("quick.input"), height=220, placeholder=t("quick.placeholder"), key="quick_text")
prefer = ui.language_preference("quick_prefer")

if not text.strip():
    st.info(t("quick.empty"))
    st.stop()

cell = parse_claims(text, prefer=prefer)
if not cell.claims:
    st.warning(t("quick.none"))
    for finding in cell.issues:
        st.caption(ui.finding_text(finding))
    st.stop()

figures = patent_figures(cell)
ui.figure_metrics(cell, figures)
ui.findings(cell)

table, tree = st.tabs([t("quick.table"), t("quick.tree")])
with table:
    ui.claims_table(claim_rows(cell.claims, cell.language))
with tree:
    st.graphviz_chart(claim_tree_dot(cell.claims, cell.language, ui.category_name), width="content")
    st.caption(t("tree.legend"))
