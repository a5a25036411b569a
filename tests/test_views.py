"""The app's pure view helpers: claim-tree DOT, table rows, a job's distributions."""
from claims import claim_length, parse_claims
from claims.views import (
    Distributions,
    claim_rows,
    claim_tree_dot,
    claims_from_records,
    excerpt,
    summary_distributions,
)

CELL = (
    '1. A device comprising a "smart" housing.\n'
    "2. The device of claim 1, wherein the housing is metal.\n"
    "3. The device of claim 1 or 2, further comprising a lid.\n"
    "4. A method of making the housing, comprising casting."
)


def test_the_tree_has_an_edge_from_each_claim_to_each_claim_that_refers_to_it():
    dot = claim_tree_dot(parse_claims(CELL).claims, "en")
    edges = sorted(line.strip() for line in dot.splitlines() if "->" in line)
    assert edges == ["1 -> 2;", "1 -> 3;", "2 -> 3;"]


def test_independent_claims_are_filled_dark_and_show_their_category():
    dot = claim_tree_dot(parse_claims(CELL).claims, "en", category_name=str.upper)
    [first] = [line for line in dot.splitlines() if line.strip().startswith("1 [")]
    assert 'label="1 · PRODUCT' in first and 'fontcolor="white"' in first
    [second] = [line for line in dot.splitlines() if line.strip().startswith("2 [")]
    assert "fontcolor" not in second


def test_claim_text_is_quoted_safely_and_kept_whole_in_the_tooltip():
    dot = claim_tree_dot(parse_claims(CELL).claims, "en")
    assert 'tooltip="A device comprising a \\"smart\\" housing."' in dot


def test_references_to_claims_not_in_the_set_draw_no_edge():
    claims = claims_from_records([{"number": 2, "kind": "dependent", "refs": [1], "text": "The device of claim 1."}])
    assert "->" not in claim_tree_dot(claims)


def test_canceled_claims_from_the_json_result_are_drawn_dashed():
    claims = claims_from_records([
        {"number": 1, "kind": "independent", "refs": [], "text": "A device."},
        {"number": 2, "kind": "canceled", "refs": [], "text": "(Canceled)"},
    ])
    assert claims[1].canceled and claims[1].kind == "independent"
    assert "dashed" in [line for line in claim_tree_dot(claims).splitlines() if line.strip().startswith("2 [")][0]


def test_table_rows_carry_refs_as_text_and_the_length_in_the_languages_unit():
    cell = parse_claims("1. 一种装置，包括壳体。\n2. 根据权利要求1所述的装置，其中壳体为金属。")
    rows = claim_rows(cell.claims, cell.language)
    assert [(r["number"], r["kind"], r["refs"]) for r in rows] == [(1, "independent", ""), (2, "dependent", "1")]
    assert rows[0]["length"] == claim_length("一种装置，包括壳体。", "zh")


def test_distributions_come_from_a_jobs_summary_as_stored_and_leave_out_rows_without_claims():
    summary = {
        "claims_per_patent": {"3": 2, "10": 1},
        "independent_per_patent": {"1": 2, "2": 1},
        "languages": {"en": 2, "none": 4, "zh": 1},
    }
    result = summary_distributions(summary)
    assert result.claims_per_patent == {3: 2, 10: 1}
    assert result.independent_per_patent == {1: 2, 2: 1}
    assert list(result.languages.items()) == [("en", 2), ("zh", 1)]


def test_a_summary_without_distributions_gives_empty_ones():
    assert summary_distributions({"languages": {"none": 3}}) == Distributions()


def test_an_excerpt_is_one_line_and_ends_with_an_ellipsis_when_cut():
    assert excerpt("a  b\nc", 10) == "a b c"
    assert excerpt("abcdefghijkl", 6) == "abcde…"


def test_a_narrow_tree_is_drawn_top_down_and_a_wide_one_left_to_right():
    narrow = parse_claims(CELL).claims
    wide = claims_from_records(
        [{"number": 1, "kind": "independent", "refs": [], "text": "A device."}]
        + [{"number": n, "kind": "dependent", "refs": [1], "text": f"The device of claim 1, part {n}."} for n in range(2, 30)]
    )
    assert "rankdir=TB" in claim_tree_dot(narrow) and "rankdir=LR" in claim_tree_dot(wide)
