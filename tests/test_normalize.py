"""Look-alike characters and Excel escapes: claims.normalize."""
from claims.normalize import normalize, unescape_breaks


def test_full_width_digits_and_odd_spaces_become_ascii_one_for_one():
    text = "１．一种装置\u3000包括\t壳体\r\n"
    assert normalize(text) == "1.一种装置 包括 壳体\n\n"
    assert len(normalize(text)) == len(text)


def test_excel_escaped_line_breaks_and_tabs_become_the_characters():
    assert unescape_breaks("1. A device._x000D_\n2. The device of claim 1._x000A_") == (
        "1. A device.\r\n2. The device of claim 1.\n")
    assert unescape_breaks("a_x0009_b") == "a\tb"


def test_other_text_with_underscores_is_left_alone():
    assert unescape_breaks("SEQ_ID_x1_ and _x0041_") == "SEQ_ID_x1_ and _x0041_"


def test_html_line_breaks_become_line_breaks():
    assert unescape_breaks("1. A device.<br>2. The device of claim 1.<BR />3. x") == (
        "1. A device.\n2. The device of claim 1.\n3. x")


def test_an_ascii_cell_with_tabs_and_carriage_returns_is_normalised_too():
    assert normalize("1.\tA device.\r\n2. x") == "1. A device.\n\n2. x"


def test_a_cell_needing_nothing_is_returned_as_it_is():
    text = "1. A device.\n2. The device of claim 1."
    assert normalize(text) is text
