"""Which language a claim set is in: claims.language."""
import pytest

from claims.language import detect_language


@pytest.mark.parametrize("text, code", [
    ("1. A device comprising a housing, wherein the housing is made of steel.", "en"),
    ("1. 一种装置，其特征在于，包括壳体，所述壳体为LED和USB接口提供支撑。", "zh"),
    ("1. 一種裝置，包括殼體。2. 如請求項1所述之裝置。", "zh"),
    ("【請求項1】基板と、前記基板上に設けられたLEDとを備える装置。", "ja"),
    ("【청구항 1】 기판; 및 상기 기판 상의 LED를 포함하는 장치.", "ko"),
    ("1. Vorrichtung mit einem Gehäuse, dadurch gekennzeichnet, dass das Gehäuse aus Stahl ist.", "de"),
    ("1. Dispositif comprenant un boîtier, caractérisé en ce que le boîtier est en acier.", "fr"),
    ("1. Un dispositivo que comprende una carcasa, caracterizado porque la carcasa es de acero.", "es"),
])
def test_the_language_is_told_by_script_and_claim_words(text, code):
    assert detect_language(text) == code


def test_acronyms_in_chinese_text_do_not_make_it_english():
    assert detect_language("一种装置，包括LED、USB、DMA、CPU和GPS模块。") == "zh"


def test_text_without_letters_has_no_language():
    assert detect_language("1. 2. 3. --- 42") is None


@pytest.mark.parametrize("text, code", [
    ("1. Dispositivo comprendente un alloggiamento, caratterizzato dal fatto che l'alloggiamento è di acciaio.", "it"),
    ("1. Dispositivo que compreende um invólucro, caracterizado pelo fato de que o invólucro é de aço.", "pt"),
    ("1. Inrichting omvattende een behuizing, met het kenmerk dat de behuizing van staal is.", "nl"),
])
def test_italian_portuguese_and_dutch_are_told_apart_too(text, code):
    assert detect_language(text) == code


def test_text_of_symbols_and_digits_only_has_no_language():
    assert detect_language("★★★ 123, 456.") is None


def test_accented_latin_text_is_told_apart_by_its_vocabulary():
    assert detect_language("1. Procédé selon la revendication 1, caractérisé en ce que le dispositif") == "fr"
