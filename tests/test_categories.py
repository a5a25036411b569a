"""What a claim claims: claims.categories."""
import pytest

from claims.categories import category, independent_category


@pytest.mark.parametrize("text, language, expected", [
    ("A device comprising a housing.", "en", "product"),
    ("A method for controlling a motor, comprising:", "en", "method"),
    ("Use of the compound of claim 1 as a dye.", "en", "use"),
    ("A pharmaceutical composition comprising:", "en", "composition"),
    ("A non-transitory computer-readable storage medium storing instructions that, when executed:", "en", "medium"),
    ("A process chamber comprising a lid.", "en", "product"),
    ("一种装置，其特征在于，包括：", "zh", "product"),
    ("根据权利要求1所述的装置的制备方法，其特征在于，包括：", "zh", "method"),
    ("一种计算机可读存储介质，其上存储有计算机程序", "zh", "medium"),
    ("請求項1に記載の装置の製造方法。", "ja", "method"),
    ("제1항에 따른 장치의 제조 방법.", "ko", "method"),
    ("Verwendung einer Vorrichtung nach Anspruch 1.", "de", "use"),
    ("Verfahren zur Herstellung eines Bauteils, umfassend:", "de", "method"),
    ("Procédé de fabrication d'un dispositif selon la revendication 1.", "fr", "method"),
    ("Composición farmacéutica que comprende", "es", "composition"),
])
def test_the_category_is_read_from_the_preamble(text, language, expected):
    assert independent_category(text, language) == expected


def test_a_claim_naming_no_category_has_none():
    assert category("The device of claim 1, wherein the lid is red.", "en") is None


def test_an_upper_case_preamble_is_read_like_a_lower_case_one():
    assert independent_category("VERFAHREN ZUR HERSTELLUNG EINES BAUTEILS", "de") == "method"
