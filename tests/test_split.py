"""Where claims start: claims.split."""
from claims.normalize import normalize
from claims.refs import Citations
from claims.split import split_claims as split_segments


def split_claims(norm: str):
    return split_segments(norm, Citations(norm))


def numbers(text: str) -> list[tuple[int, int]]:
    return [(s.first, s.version) for s in split_claims(normalize(text))]


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_claims(normalize(text))]


def test_claims_one_per_line_are_split():
    assert numbers("1. A device.\n2. The device of claim 1.\n3. The device of claim 2.") == [(1, 0), (2, 0), (3, 0)]


def test_claims_run_together_on_one_line_are_split():
    assert texts("1. A device. 2. The device of claim 1. 3. The device of claim 2.") == [
        "A device.", "The device of claim 1.", "The device of claim 2."]


def test_a_number_glued_to_the_claim_text_still_starts_a_claim():
    assert texts("1.A method.\n2.The method of claim 1.") == ["A method.", "The method of claim 1."]


def test_chinese_enumeration_comma_and_full_width_period_start_claims():
    assert numbers("1、一种装置。\n2、根据权利要求1所述的装置。") == [(1, 0), (2, 0)]
    assert numbers("１．一种装置。２．根据权利要求１所述的装置。") == [(1, 0), (2, 0)]


def test_bracketed_japanese_and_korean_markers_start_claims():
    assert numbers("【請求項１】\n装置。\n【請求項２】\n請求項１に記載の装置。") == [(1, 0), (2, 0)]
    assert numbers("【청구항 1】\n장치.\n【청구항 2】\n청구항 1에 있어서, 장치.") == [(1, 0), (2, 0)]


def test_claim_word_markers_start_claims():
    assert numbers("Claim 1: A device.\nClaim 2: The device of claim 1.\n[Claim 3] The device.") == [
        (1, 0), (2, 0), (3, 0)]


def test_decimal_and_figure_numbers_inside_a_claim_do_not_start_claims():
    text = "1. A device heated to 120. 5 degrees as in FIG. 2. The device. 2. The device of claim 1."
    assert texts(text) == ["A device heated to 120. 5 degrees as in FIG. 2. The device.", "The device of claim 1."]


def test_a_lower_case_word_after_a_number_mid_line_does_not_start_a_claim():
    assert texts("1. A method after step 2. the end. 2. The method of claim 1.") == [
        "A method after step 2. the end.", "The method of claim 1."]


def test_sub_steps_numbered_inside_a_claim_stay_in_it():
    text = "1. 一种方法，包括：\n1、加热；\n2、冷却。\n2. 根据权利要求1所述的方法。\n3. 根据权利要求2所述的方法。"
    assert [s.first for s in split_claims(normalize(text))] == [1, 2, 3]


def test_numbering_restarting_at_one_in_another_script_opens_a_new_version():
    assert numbers("1. 一种装置。\n2. 根据权利要求1所述的装置。\n1. A device.\n2. The device of claim 1.") == [
        (1, 0), (2, 0), (1, 1), (2, 1)]


def test_a_marker_line_between_versions_is_not_part_of_the_last_claim():
    assert texts("1. 一种装置。\n2. 所述装置。\nCNA\n1. A device.\n2. The device.")[1] == "所述装置。"


def test_a_canceled_range_is_one_segment_spanning_its_numbers():
    (first, second) = split_claims(normalize("1-3. (Canceled)\n4. A device."))
    assert (first.first, first.last, first.canceled) == (1, 3, True)
    assert (second.first, second.canceled) == (4, False)


def test_a_missing_number_is_bridged_and_marked_as_a_gap():
    segments = split_claims(normalize("1. A device.\n2. The device of claim 1.\n4. The device of claim 2."))
    assert [(s.first, s.gap) for s in segments] == [(1, False), (2, False), (4, True)]


def test_text_without_numbered_claims_has_no_segments():
    assert split_claims(normalize("See original document (2 pages).")) == []


def test_a_heading_on_the_same_line_as_claim_one_does_not_hide_it():
    assert numbers("Claims 1. A device. 2. The device of claim 1.") == [(1, 0), (2, 0)]
    assert numbers("特許請求の範囲【請求項1】装置。【請求項2】請求項1の装置。") == [(1, 0), (2, 0)]


def test_a_marker_line_of_letters_and_a_digit_before_a_number_does_not_split_the_number():
    assert numbers("EPB1\nAB12. Unrelated text.\n1. A device.\n2. The device of claim 1.") == [(1, 0), (2, 0)]


def test_claims_after_a_heading_line_at_the_very_start_are_split():
    assert texts("What is claimed is 1. A device. 2. The device of claim 1.") == [
        "A device.", "The device of claim 1."]


def test_a_claim_text_starting_with_a_chemical_name_or_3d_starts_a_claim():
    assert numbers("1. 2-Amino-4-methylpyridine.\n2. 3D-Drucker nach Anspruch 1.") == [(1, 0), (2, 0)]


def test_a_number_after_a_marker_is_not_a_claim_text():
    assert numbers("1. A device heated to 120.\n2. 5 degrees.\n2. The device of claim 1.") == [(1, 0), (2, 0)]


def test_canceled_ranges_written_with_a_dot_or_the_word_claims_span_their_numbers():
    assert [(s.first, s.last, s.canceled) for s in split_claims(normalize(
        "1.-10. (Canceled)\n11. A device.\n12. The device of claim 11."))] == [(1, 10, True), (11, 11, False), (12, 12, False)]
    assert [(s.first, s.last, s.canceled) for s in split_claims(normalize(
        "Claims 1-5 (Cancelled).\n6. A device.\n7. The device of claim 6."))] == [(1, 5, True), (6, 6, False), (7, 7, False)]


def test_claims_joined_by_a_pipe_are_split():
    assert numbers("1. A device. | 2. The device of claim 1. | 3. The device of claim 2.") == [(1, 0), (2, 0), (3, 0)]


def test_a_canceled_range_written_claims_n_through_m_spans_its_numbers():
    assert [(s.first, s.last, s.canceled) for s in split_claims(normalize(
        "Claims 1 through 10 (Canceled).\n11. A device.\n12. The device of claim 11."))][0] == (1, 10, True)


def test_a_canceled_claim_without_a_full_stop_ends_before_the_next_marker_on_its_line():
    assert numbers("1. A board. 2. Anulada 3. La tabla según la reivindicación 1.")[-1] == (3, 0)
    assert numbers("1.一种收纳盒。 2.删除 3.根据权利要求1所述的收纳盒。")[-1] == (3, 0)
    assert numbers("1. Türschließer. 2. entfällt 3. Türschließer nach Anspruch 1.")[-1] == (3, 0)


def test_a_bracketed_marker_starts_a_claim_even_after_a_word():
    assert numbers("【청구항 1】 히터. 【청구항 2】 삭제 【청구항 3】 제1항에 있어서, 히터.") == [(1, 0), (2, 0), (3, 0)]


def test_a_numbered_step_list_inside_claim_1_longer_than_the_claims_after_it_stays_in_claim_1():
    text = ("1. A method of brewing beer, comprising the following steps:\n1. Milling malt;\n2. Mashing;\n"
            "3. Boiling;\n4. Fermenting.\n2. The method of claim 1, wherein the malt is barley.\n"
            "3. The method of claim 2, wherein the wort is boiled.")
    assert numbers(text) == [(1, 0), (2, 0), (3, 0)]


def test_chinese_steps_whose_next_line_cites_a_claim_do_not_look_like_claims():
    text = ("1.一种奶茶的制备方法，包括以下步骤：\n1.将红茶用90℃热水冲泡；\n2.加入牛奶和白糖；\n3.加入珍珠。\n"
            "2.根据权利要求1所述的制备方法，其特征在于，红茶为祁门红茶。\n3.根据权利要求2所述的制备方法，其特征在于，白糖为蔗糖。\n"
            "4.根据权利要求1所述的制备方法，其特征在于，珍珠为木薯珍珠。\n5.根据权利要求1所述的制备方法，其特征在于，牛奶为全脂牛奶。")
    assert numbers(text) == [(n, 0) for n in range(1, 6)]


def test_a_lower_case_list_item_does_not_open_like_a_claim():
    text = ("1. Rasenmäher, umfassend:\n1. ein Chassis,\n2. ein Schneidmesser,\n3. einen Motor.\n"
            "2. Rasenmäher nach Anspruch 1, wobei der Akku 36 V hat.\n3. Rasenmäher nach Anspruch 1 oder 2.")
    assert numbers(text) == [(1, 0), (2, 0), (3, 0)]


def test_french_inpi_numbering_with_a_dash_is_split():
    assert texts("REVENDICATIONS\n1 - Dispositif de fixation.\n2 - Dispositif selon la revendication 1.") == [
        "Dispositif de fixation.", "Dispositif selon la revendication 1."]


def test_a_claim_number_glued_to_a_chemical_name_starts_a_claim():
    assert numbers("1.一种方法。\n2.根据权利要求1所述的方法。\n3.1,4-丁二醇，采用权利要求1所述的方法制备。") == [(1, 0), (2, 0), (3, 0)]


def test_a_decimal_number_is_not_a_claim_marker():
    assert numbers("1. A device heated to 120.5 degrees.\n2. The device of claim 1.") == [(1, 0), (2, 0)]


def test_claim_1_after_the_quote_a_csv_export_left_is_split():
    assert numbers('"1. A bottle opener.\n2. The bottle opener of claim 1.') == [(1, 0), (2, 0)]


def test_a_numbered_list_inside_a_middle_claim_does_not_swallow_the_claims_after_it():
    items = "".join(f"{n}. N-(4-Fluorophenyl)-{n}-methylbenzamide;\n" for n in range(1, 10))
    text = ("1. A compound.\n2. The compound of claim 1, in crystalline form.\n"
            f"3. The compound according to claim 1, selected from:\n{items}"
            "4. A composition comprising the compound of claim 3.\n5. The composition of claim 4.")
    assert [n for n, _ in numbers(text)] == [1, 2, 3, 4, 5]


def test_a_step_list_inside_a_later_claim_is_not_a_second_version():
    steps = "".join(f"{n}.将原料{n}加入反应釜；\n" for n in range(1, 8))
    text = ("1.一种口罩。\n2.根据权利要求1所述的口罩。\n3.根据权利要求2所述的口罩。\n4.根据权利要求1所述的口罩。\n"
            "5.根据权利要求4所述的口罩。\n6.一种口罩的制备方法，包括以下步骤：\n" + steps +
            "7.根据权利要求6所述的制备方法。\n8.根据权利要求7所述的制备方法。")
    assert numbers(text) == [(n, 0) for n in range(1, 9)]


def test_claims_numbered_in_parentheses_or_brackets_are_split():
    assert numbers("(1) A vacuum flask.\n(2) The vacuum flask according to claim 1.") == [(1, 0), (2, 0)]
    assert numbers("[1] A cable tie.\n[2] The cable tie of claim 1.") == [(1, 0), (2, 0)]


def test_french_degree_and_spanish_ordinal_numbering_is_split():
    assert numbers("1°) Dispositif de fermeture.\n2°) Dispositif selon la revendication 1.") == [(1, 0), (2, 0)]
    assert numbers("1ª.- Envase para alimentos.\n2ª.- Envase según la reivindicación 1.") == [(1, 0), (2, 0)]


def test_a_canceled_range_written_with_a_range_word_spans_its_numbers():
    for text in ("1. (Original) A truck.\n2 to 5. (Canceled)\n6. The truck of claim 1.",
                 "1. Un cepillo.\n2 a 5. (Anuladas)\n6. El cepillo según la reivindicación 1."):
        assert [(s.first, s.last, s.canceled) for s in split_claims(normalize(text))] == [
            (1, 1, False), (2, 5, True), (6, 6, False)]


def test_a_heading_mid_line_starts_the_next_version_of_a_one_line_cell():
    text = ("Patentansprüche 1. Induktionskochfeld mit einer Glaskeramikplatte. 2. Induktionskochfeld nach "
            "Anspruch 1. Revendications 1. Table de cuisson à induction comprenant une plaque. 2. Table de "
            "cuisson selon la revendication 1.")
    assert numbers(text) == [(1, 0), (2, 0), (1, 1), (2, 1)]


def test_taiwanese_bracketed_claim_markers_are_split():
    assert numbers("【第1項】一種杯子。\n【第2項】如申請專利範圍第1項所述之杯子。") == [(1, 0), (2, 0)]


def test_a_canceled_range_with_dots_and_a_range_word_spans_its_numbers():
    assert [(s.first, s.last, s.canceled) for s in split_claims(normalize(
        "1. Vorrichtung.\n2. bis 4. (gestrichen)\n5. Vorrichtung nach Anspruch 1."))] == [
        (1, 1, False), (2, 4, True), (5, 5, False)]


def test_a_number_alone_on_its_line_with_the_dot_on_the_next_starts_a_claim():
    assert numbers("1\n. A vacuum cleaner.\n2\n. The vacuum cleaner according to claim 1.") == [(1, 0), (2, 0)]
    assert numbers("1\n.一种晾衣架。\n2\n.根据权利要求1所述的晾衣架。") == [(1, 0), (2, 0)]


def test_a_descriptions_paragraph_numbers_after_the_claims_are_not_claims():
    text = "【請求項1】\n本体を備えるフライパン。\n【請求項2】\n請求項1に記載のフライパン。\n【書類名】明細書\n【0001】\n本発明は、フライパンに関する。"
    assert [n for n, _ in numbers(text)] == [1, 2]


def test_bracketed_paragraph_numbers_are_not_claims():
    assert [n for n, _ in numbers("1. 히터.\n2. 제1항에 있어서, 히터.\n[0001] 본 발명은 히터에 관한 것이다.")] == [1, 2]


def test_claim_1_printed_without_its_number_is_claim_1():
    assert texts("What is claimed is:\nA portable blender.\n2. The portable blender of claim 1.") == [
        "A portable blender.", "The portable blender of claim 1."]


def test_text_before_claim_2_is_claim_1_when_claim_2_cites_it():
    assert texts("Beschichtungszusammensetzung aus Acrylharz.\n2. Beschichtungszusammensetzung nach Anspruch 1.") == [
        "Beschichtungszusammensetzung aus Acrylharz.", "Beschichtungszusammensetzung nach Anspruch 1."]


def test_text_before_claim_2_that_neither_opens_like_a_claim_nor_is_cited_is_not_claim_1():
    assert numbers("Some export note\n2. A portable blender.")[0][0] == 2


def test_bulleted_and_slash_numbered_claims_are_split():
    assert numbers("• 1. A cat litter box.\n• 2. The cat litter box of claim 1.") == [(1, 0), (2, 0)]
    assert numbers("1/ Procédé de fabrication.\n2/ Procédé selon la revendication 1.") == [(1, 0), (2, 0)]


def test_a_heading_that_ends_a_claim_line_is_left_out_of_its_text():
    text = "1. A valve. 2. The valve of claim 1, wherein it is red. Revendications 1. Vanne. 2. Vanne selon la revendication 1."
    segments = split_claims(normalize(text))
    assert text[segments[1].start:segments[1].end] == "The valve of claim 1, wherein it is red."


def test_a_step_list_numbered_like_the_claims_inside_a_later_claim_is_not_a_second_version():
    text = ("1. A method.\n2. The method of claim 1.\n3. A method of coating, comprising the steps of:\n"
            "1. mixing the resin;\n2. adding the pigment;\n3. applying the coating.\n"
            "4. The method of claim 3.\n5. The method of claim 4.")
    assert numbers(text) == [(n, 0) for n in range(1, 6)]


def test_a_claim_marker_word_after_an_inline_heading_starts_the_next_version():
    text = "1.一种阀门。 2.根据权利要求1所述的阀门。 CLAIMS Claim 1: A valve. Claim 2: The valve of claim 1."
    assert [v for _, v in numbers(text)] == [0, 0, 1, 1]
