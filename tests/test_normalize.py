"""Look-alike characters and the escapes and markup exports leave: claims.normalize."""
import time

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


def test_json_escaped_line_breaks_before_claim_numbers_become_line_breaks():
    assert unescape_breaks(r"1. A case.\n2. The case of claim 1.\r\n3. The case of claim 2.") == (
        "1. A case.\n2. The case of claim 1.\r\n3. The case of claim 2.")


def test_json_escaped_quotes_and_backslashes_in_such_a_cell_become_the_characters():
    assert unescape_breaks(r'1. A \"smart\" lock.\n2. The lock of claim 1, wherein a \\neq b.') == (
        '1. A "smart" lock.\n2. The lock of claim 1, wherein a \\neq b.')


def test_json_escaped_breaks_closing_three_clauses_become_line_breaks_without_claim_numbers():
    assert unescape_breaks(r"A device comprising:\na housing;\na lid;\na base.") == (
        "A device comprising:\na housing;\na lid;\na base.")


def test_a_backslash_in_a_path_is_left_alone():
    text = r"1. A method of writing a file to C:\new\data and C:\temp. 2. The method of claim 1."
    assert unescape_breaks(text) == text


def test_latex_commands_are_left_alone():
    text = r"1. A filter wherein a \neq b; c \neq d; e \neq f. 2. The filter of claim 1, wherein \nabla g = 0."
    assert unescape_breaks(text) == text


def test_a_cell_with_real_line_breaks_keeps_its_backslashes():
    text = "1. A method of writing to C:\\new.\n2. The method of claim 1, to D:\\n2. folder."
    assert unescape_breaks(text) == text


def test_html_block_tags_with_attributes_and_any_case_become_line_breaks():
    assert unescape_breaks('<p class="claim">1. A nozzle.</p><P>2. The nozzle of claim 1.</P>') == (
        "\n1. A nozzle.\n\n2. The nozzle of claim 1.\n")
    assert unescape_breaks("<div><ul><li>1. A</li><li id='c2'>2. B</li></ul></div>") == "\n\n\n1. A\n\n2. B\n\n\n"


def test_inline_html_tags_are_dropped_in_a_cell_that_closes_tags():
    assert unescape_breaks("1. A <b>bold</b> claim of H<sub>2</sub>O <span style='x'>here</span>.") == (
        "1. A bold claim of H2O here.")


def test_angle_brackets_that_are_not_tags_are_left_alone():
    text = "1. A wafer with <110> face, Min-20 nm<t<Max and x<p and y>q, of formula <I>."
    assert unescape_breaks(text) == text


def test_html_entities_become_the_characters():
    assert unescape_breaks("A &amp; B &lt;5&gt;&nbsp;mm &#8212; &#x2014; &quot;x&quot;") == (
        'A & B <5>\u00a0mm \u2014 \u2014 "x"')


def test_text_that_only_looks_like_an_entity_is_left_alone():
    text = "R&D; AT&T; &notit; &amp &unknown;"
    assert unescape_breaks(text) == text


def test_escaped_tags_become_tags_and_then_line_breaks():
    assert unescape_breaks("&lt;p&gt;1. A device.&lt;/p&gt;") == "\n1. A device.\n"


def test_long_runs_of_escapes_and_tag_like_text_take_linear_time():
    for text in ["\\n" * 50_000, "\\n " * 30_000 + "x", "<p" + " a=b" * 20_000 + "x", "&" * 100_000 + ";"]:
        start = time.process_time()
        unescape_breaks(text)
        assert time.process_time() - start < 0.5
