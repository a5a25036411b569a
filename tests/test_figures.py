"""Per-patent figures: claims.figures."""
from claims import claim_length, parse_claims, patent_figures

TEXT = (
    "1. A device comprising a housing and a lid.\n"
    "2. The device of claim 1, wherein the lid is red.\n"
    "3. The device of claim 1 or 2, wherein the housing is steel.\n"
    "4. (canceled)\n"
    "5. A method comprising molding.\n"
    "6. The method of claim 5, comprising cooling.\n"
)


def figures():
    return patent_figures(parse_claims(TEXT))


def test_counts_leave_canceled_claims_out():
    f = figures()
    assert (f.claims_total, f.canceled_total, f.independent_total, f.dependent_total) == (5, 1, 2, 3)


def test_independent_claims_and_their_categories_are_listed():
    f = figures()
    assert f.independent_claims == (1, 5)
    assert f.categories == {1: "product", 5: "method"}


def test_first_and_shortest_independent_lengths_are_in_words_for_english():
    f = figures()
    assert (f.first_claim, f.first_claim_length, f.length_unit) == ("A device comprising a housing and a lid.", 8, "words")
    assert f.shortest_independent_length == 4


def test_lengths_are_in_characters_for_chinese():
    assert claim_length("一种 装置，包括壳体。", "zh") == 10


def test_the_tree_lists_each_claims_children_and_the_deepest_chain():
    f = figures()
    assert f.tree == {1: (2, 3), 2: (3,), 5: (6,)}
    assert f.max_depth == 3
    assert f.tree_text == "1 > 2, 3; 2 > 3; 5 > 6"


def test_claims_referring_to_two_or_more_claims_are_multiple_dependent():
    assert figures().multiple_dependent_total == 1


def test_an_empty_cell_has_zero_figures():
    f = patent_figures(parse_claims(None))
    assert (f.claims_total, f.independent_claims, f.first_claim, f.max_depth) == (0, (), "", 0)
