"""Which claims a claim refers to: claims.refs, in every language analysts meet."""
import pytest

from claims.normalize import normalize
from claims.refs import find_refs


def refs(text: str, number: int = 9) -> tuple[int, ...]:
    return find_refs(normalize(text), number)


@pytest.mark.parametrize("text, expected", [
    ("The device of claim 1, wherein", (1,)),
    ("The device according to claim 1 or 2", (1, 2)),
    ("as claimed in any one of claims 1 to 4", (1, 2, 3, 4)),
    ("The device of any of claims 2-5", (2, 3, 4, 5)),
    ("The device of claims 2–4", (2, 3, 4)),
    ("according to claim 1, 2 or 5", (1, 2, 5)),
    ("The device of claim 1 or claim 3", (1, 3)),
    ("The method of claims 1 through 3", (1, 2, 3)),
    ("A method of manufacturing the device of claim 1", (1,)),
])
def test_english_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("根据权利要求1所述的装置", (1,)),
    ("如权利要求1或2所述的装置", (1, 2)),
    ("根据权利要求1-3中任一项所述的装置", (1, 2, 3)),
    ("权利要求1至3任一项所述的装置", (1, 2, 3)),
    ("根据权利要求1、2或4所述的装置", (1, 2, 4)),
    ("如权利要求1～3任一项所述的装置", (1, 2, 3)),
    ("如請求項1所述之裝置", (1,)),
    ("如申請專利範圍第1至3項中任一項所述之裝置", (1, 2, 3)),
])
def test_chinese_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("請求項1に記載の装置", (1,)),
    ("請求項1から3のいずれか一項に記載の装置", (1, 2, 3)),
    ("請求項1又は2に記載の装置", (1, 2)),
    ("請求項１～３のいずれかに記載の装置", (1, 2, 3)),
])
def test_japanese_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("청구항 1에 있어서,", (1,)),
    ("제1항 내지 제3항 중 어느 한 항에 있어서,", (1, 2, 3)),
    ("청구항 1 또는 청구항 2에 있어서,", (1, 2)),
    ("제2항에 있어서, 제1 전극 및 제2 전극을 포함하는", (2,)),
])
def test_korean_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Vorrichtung nach Anspruch 1", (1,)),
    ("Vorrichtung nach einem der Ansprüche 1 bis 3", (1, 2, 3)),
    ("Vorrichtung gemäß Anspruch 1 oder 2", (1, 2)),
    ("Verfahren nach einem der vorhergehenden Ansprüche", tuple(range(1, 9))),
])
def test_german_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Dispositif selon la revendication 1", (1,)),
    ("selon l'une quelconque des revendications 1 à 3", (1, 2, 3)),
    ("selon l'une des revendications précédentes", tuple(range(1, 9))),
    ("selon la revendication 1 ou 2", (1, 2)),
])
def test_french_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("según la reivindicación 1", (1,)),
    ("según cualquiera de las reivindicaciones 1 a 3", (1, 2, 3)),
    ("según una cualquiera de las reivindicaciones anteriores", tuple(range(1, 9))),
])
def test_spanish_references_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text", [
    "The method of any preceding claim", "according to any one of the preceding claims",
    "as claimed in any of the previous claims", "如前述任一项权利要求所述的装置", "根据前述权利要求中任一项所述的装置",
    "根据前述权利要求之一所述的装置", "根据前述权利要求中至少一项所述的装置", "先行するいずれかの請求項に記載の装置",
    "前記各請求項のいずれかに記載の装置", "Vorrichtung nach einem der vorangegangenen Ansprüche",
    "Vorrichtung nach einem der vorgenannten Ansprüche", "according to any one of the above-mentioned claims",
    "根据前述各权利要求中任一项所述的装置", "Gartenschlauchkupplung nach einem der vorhergehenden Schutzansprüche",
])
def test_any_preceding_claim_means_every_lower_number(text):
    assert refs(text, 4) == (1, 2, 3)


def test_the_preceding_claim_means_the_one_just_before():
    assert refs("The device according to the preceding claim", 4) == (3,)


@pytest.mark.parametrize("text", [
    "an insurance claim is filed", "the claimed invention", "der beanspruchten Vorrichtung",
    "the device as reclaimed 1 time",
])
def test_claim_in_another_sense_is_no_reference(text):
    assert refs(text) == ()


def test_a_quantity_after_a_reference_is_not_another_reference():
    assert refs("The device of claim 1 and 2 mm thick") == (1,)


def test_a_bare_comma_after_a_singular_claim_ends_the_list():
    assert refs("The device of claim 1, 5 layers being stacked") == (1,)


@pytest.mark.parametrize("text, expected", [
    ("Dispositivo secondo la rivendicazione 1 o 2", (1, 2)),
    ("Dispositivo de acordo com qualquer uma das reivindicações 1 a 3", (1, 2, 3)),
    ("Inrichting volgens een der conclusies 1 tot en met 3", (1, 2, 3)),
])
def test_italian_portuguese_and_dutch_references_are_read(text, expected):
    assert refs(text) == expected


def test_a_noun_repeated_inside_a_list_is_read_once():
    assert refs("of claim 1 or claim 2 or claim 3") == (1, 2, 3)


def test_the_spanish_word_a_after_a_range_is_not_read_as_amperes():
    assert refs("Uso según cualquiera de las reivindicaciones 1 a 3 a un paciente") == (1, 2, 3)


def test_german_claims_written_without_umlaut_are_read():
    assert refs("Vorrichtung nach einem der Ansprueche 1 bis 3") == (1, 2, 3)


def test_utility_model_claims_schutzanspruch_are_claim_nouns():
    assert refs("Kupplung nach einem der Schutzansprüche 1 bis 3") == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "Staubsauger nach einem beliebigen vorhergehenden Anspruch, wobei",
    "Staubsauger nach irgendeinem vorhergehenden Anspruch, mit",
    "Staubsauger nach jedem vorhergehenden Anspruch, wobei",
])
def test_german_any_preceding_claim_in_the_singular_cites_every_earlier_claim(text):
    assert refs(text, 4) == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "Duschkopf nach einem der vorstehend genannten Ansprüche, dadurch gekennzeichnet",
    "Duschkopf nach einem der zuvor genannten Ansprüche, dadurch gekennzeichnet",
    "Duschkopf nach einem der oben genannten Ansprüche, gekennzeichnet durch",
])
def test_german_claims_named_above_in_two_words_are_every_earlier_claim(text):
    assert refs(text, 4) == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "Gießkanne nach dem unmittelbar vorhergehenden Anspruch, wobei",
    "Gießkanne nach vorstehendem Anspruch, wobei",
])
def test_german_immediately_preceding_or_article_less_preceding_claim_is_the_one_before(text):
    assert refs(text, 4) == (3,)


@pytest.mark.parametrize("text", [
    "Bouilloire selon toute revendication précédente, dans laquelle",
    "Bouilloire selon n'importe quelle revendication précédente, dans laquelle",
])
def test_french_any_preceding_claim_in_the_singular_cites_every_earlier_claim(text):
    assert refs(text, 4) == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "La freidora según cualquier reivindicación anterior, en la que",
    "La freidora según cualquier reivindicación precedente, que comprende",
])
def test_spanish_any_preceding_claim_in_the_singular_cites_every_earlier_claim(text):
    assert refs(text, 4) == (1, 2, 3)


def test_french_immediately_preceding_claim_is_the_one_before():
    assert refs("Tondeuse selon la revendication immédiatement précédente, dans laquelle", 4) == (3,)


def test_french_claims_mentioned_above_are_every_earlier_claim():
    assert refs("Tondeuse selon l'une quelconque des revendications susmentionnées, comprenant", 4) == (1, 2, 3)


def test_mexican_spanish_claims_that_precede_are_every_earlier_claim():
    text = "El envase de conformidad con cualquiera de las reivindicaciones que anteceden, caracterizado"
    assert refs(text, 4) == (1, 2, 3)


def test_korean_ieonui_preceding_claims_are_every_earlier_claim():
    assert refs("이전의 청구항들 중 어느 한 항에 있어서, 상기 몸체는", 4) == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "根据前一项权利要求所述的雨刮器",
    "根據前一項權利要求所述的雨刮器",
    "根据上一项权利要求所述的雨刮器",
    "如前一項申請專利範圍所述之螺絲起子",
    "如上一项申请专利范围所述的螺丝刀",
])
def test_chinese_previous_claim_is_the_one_before(text):
    assert refs(text, 4) == (3,)


@pytest.mark.parametrize("text", [
    "如前述申請專利範圍中任一項所述之螺絲起子",
    "如前述申请专利范围中任一项所述的螺丝刀",
])
def test_taiwanese_any_preceding_claim_of_the_patent_scope_cites_every_earlier_claim(text):
    assert refs(text, 4) == (1, 2, 3)


def test_a_range_written_with_the_minus_sign_is_read_as_a_range():
    assert refs("The dental implant of any of claims 1\u22123, wherein") == (1, 2, 3)


def test_korean_words_that_start_with_hang_are_not_claim_citations():
    assert refs("제1 항체 및 제2 항원, 제1 항목을 포함하는 키트.") == ()


def test_korean_claim_citations_with_their_particles_are_read():
    assert refs("제1항 또는 제2항에 있어서, 제3항의 키트.") == (1, 2, 3)


def test_a_range_word_after_a_comma_is_not_a_range():
    assert refs("Moteur selon la revendication 2, à 16 soupapes.") == (2,)


@pytest.mark.parametrize("text, number, expected", [
    ("Tischkreissäge gemäß den vorhergehenden Ansprüchen, wobei", 3, (1, 2)),
    ("Tischkreissäge nach allen vorangehenden Ansprüchen, wobei", 5, (1, 2, 3, 4)),
    ("Tischkreissäge nach den vorstehenden Ansprüchen mit einem Spaltkeil.", 6, (1, 2, 3, 4, 5)),
])
def test_german_dative_preceding_claims_are_every_earlier_claim(text, number, expected):
    assert refs(text, number) == expected


@pytest.mark.parametrize("text, expected", [
    ("第1項에 있어서, 上記 蓋體(2)는", (1,)),
    ("第1項 또는 第2項에 있어서, 上記 內筒(3)은", (1, 2)),
    ("第1項 내지 第3項中 어느 한 項에 있어서, 上記 眞空層(5)에는", (1, 2, 3)),
])
def test_old_korean_claims_written_in_hanja_are_read(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("根据权力要求1所述的保温杯", (1,)),
    ("根據權力要求1或2所述的保溫杯", (1, 2)),
])
def test_chinese_quanli_typo_for_claim_is_still_a_claim_noun(text, expected):
    assert refs(text) == expected


def test_french_une_quelconque_preceding_claim_is_every_earlier_claim_not_the_previous_one():
    assert refs("Bouilloire selon une quelconque revendication précédente, comprenant un filtre", 3) == (1, 2)


@pytest.mark.parametrize("text, expected", [
    ("根据权利要求1,2或3所述的装置", (1, 2, 3)),
    ("according to any one of claims 1-3,4, wherein", (1, 2, 3, 4)),
    ("請求項１，２に記載の空気清浄機", (1, 2)),
])
def test_numbers_joined_by_a_comma_without_a_space_or_a_full_width_comma_are_a_list(text, expected):
    assert refs(text) == expected


def test_a_decimal_after_a_list_word_is_not_a_claim():
    assert refs("nach einem der Ansprüche 1 bis 3 und 0,5 Gew.-% eines Vernetzers", 4) == (1, 2, 3)


def test_spanish_ordinal_claim_numbers_are_read():
    assert refs("Envase según reivindicaciones 1ª y 2ª, caracterizado") == (1, 2)


@pytest.mark.parametrize("text, expected", [
    ("the copolymer of claim 1 and 5 to 30 parts by weight of a filler", (1,)),
    ("nach Anspruch 1 oder 2 und 5 bis 30 Gewichtsteile Füllstoff", (1, 2)),
    ("the compound of claim 2 or 3 and 1 to 3 weight percent of a blowing agent", (2, 3)),
    ("the compound of claim 1 and 50 to 200 ppm of an antioxidant", (1,)),
])
def test_an_amount_after_a_cited_claim_is_not_a_claim(text, expected):
    assert refs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The compressor according to claim 1, 2, characterized in that", (1, 2)),
    ("청구항 2, 3, 5 중 어느 한 항에 있어서", (2, 3, 5)),
])
def test_numbers_after_bare_commas_ending_in_a_comma_or_among_are_a_list(text, expected):
    assert refs(text) == expected


def test_a_bare_comma_number_before_a_word_waits_for_an_or():
    assert refs("The device of claim 1, 2 layers being bonded") == (1,)


def test_german_bzw_joins_claim_numbers():
    assert refs("Vorrichtung nach Anspruch 1 bzw. 2, wobei") == (1, 2)


def test_japanese_the_immediately_preceding_claim_is_the_one_before():
    assert refs("直前の請求項に記載の装置", 4) == (3,)


def test_a_duplicated_bracketed_marker_inside_a_claim_is_not_a_citation():
    assert refs("제1항에 있어서, 알루미늄 재질인 유모차.\n【청구항 2】\n제1항에 있어서, 유모차.", 2) == (1,)


def test_japanese_and_or_joins_claim_numbers():
    assert refs("請求項２及び／又は３に記載の粘着テープ", 4) == (2, 3)


def test_a_claim_never_refers_to_itself():
    assert refs("mapping a claim element of an independent claim such as claim 1 first", 1) == ()
    assert refs("the device of claim 2 or claim 3", 3) == (2,)


def test_a_five_digit_number_after_claim_is_not_a_claim_number():
    assert refs("a warranty claim No. 48213 is filed") == ()


@pytest.mark.parametrize("text, number, expected", [
    ("선행하는 청구항에 있어서, 히터.", 3, (2,)),
    ("根据前一权利要求所述的装置", 3, (2,)),
    ("the device of claims 2 & 3", 4, (2, 3)),
    ("nach einem der Ansprüche 1 bis einschließlich 3", 4, (1, 2, 3)),
])
def test_more_preceding_claim_and_list_phrasings_are_read(text, number, expected):
    assert refs(text, number) == expected


def test_every_list_word_range_word_and_claim_noun_starts_with_a_literal_or_a_character_set():
    # The quick test that ends a list before 'claim 1, wherein' knows words by their literal start.
    from claims.refs import _CONNECTORS, _NOUN_LIST, _stem
    assert [p for p in (*_CONNECTORS, *_NOUN_LIST) if not _stem(p) and not p.startswith("[")] == []


def test_a_longer_word_after_a_comma_ends_the_list_unless_it_continues_it():
    assert refs("The device of claim 1, wherein the frame") == (1,)
    assert refs("The device of claim 1, through 3, wherein") == (1,)  # a range after a comma is not one
    assert refs("according to claims 1, claim 2 being") == (1, 2)


@pytest.mark.parametrize("text, number, expected", [
    ("La composición según la reivindicación primera, caracterizada", 2, (1,)),
    ("conforme a la reivindicación segunda, en la que", 5, (2,)),
    ("según cualquiera de las reivindicaciones de la 1 a la 3", 4, (1, 2, 3)),
    ("de acuerdo con cualquiera de las reivindicaciones de 1 a 4, en donde", 5, (1, 2, 3, 4)),
])
def test_spanish_claim_numbers_as_words_and_after_articles_are_read(text, number, expected):
    assert refs(text, number) == expected


def test_german_patentansprueche_written_without_the_umlaut_is_a_claim_noun():
    assert refs("das Verfahren gemaess einem der Patentansprueche 1-6 durchfuehrt", 7) == (1, 2, 3, 4, 5, 6)


def test_a_chinese_claim_noun_broken_by_a_wrapped_line_is_read():
    text = "根据权利要求1所述的方法，其特征在于，处理器执行时实现权利\n要求1-3中任意一项所述的方法"
    assert refs(text, 4) == (1, 2, 3)


def test_spanish_ordinal_words_past_ten_are_read():
    assert refs("Artículo recubierto según reivindicación duodécima, caracterizado", 13) == (12,)


def test_a_japanese_list_word_split_by_a_wrapped_line_is_read():
    assert refs("請求項１又\nは２に記載の装置", 3) == (1, 2)
