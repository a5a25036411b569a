"""Detecting the claims and publication-number columns, with reasons, and the user's override."""
from __future__ import annotations

import pytest

from claims.columns import (
    choose_column,
    detect_claims_column,
    detect_id_column,
    looks_like_claims,
    looks_like_publication,
)
from claims.errors import InputError
from claims.tables import Table

CLAIMS_EN = "1. A device comprising a housing.\n2. The device of claim 1, wherein the housing is steel."
CLAIMS_ZH = "1.一种装置，包括壳体。\n2.根据权利要求1所述的装置，其中壳体为钢。"


def _table(columns, rows):
    return Table("Sheet1", 1, tuple(columns), tuple(tuple(r) for r in rows), len(rows))


@pytest.mark.parametrize("header", ["权利要求", "Claims", "請求の範囲", "청구범위", "Patentansprüche", "Revendications"])
def test_claims_header_names_in_six_languages_are_recognised(header):
    table = _table(["Title", header], [["t", None]] * 3)
    choice = detect_claims_column(table)
    assert choice.index == 1 and "header matches" in choice.reason


def test_the_claims_column_is_found_by_its_content_alone():
    table = _table(["A", "B", "C"], [["x", CLAIMS_EN, "y"], ["x", CLAIMS_ZH, "y"], ["x", None, "y"]])
    choice = detect_claims_column(table)
    assert choice.index == 1 and "100% of 2 sampled cells look like numbered claims" in choice.reason


def test_content_outweighs_a_misleading_header():
    table = _table(["claims (count)", "text"], [[12, CLAIMS_EN], [9, CLAIMS_ZH]])
    assert detect_claims_column(table).index == 1


def test_no_claims_column_is_an_input_error_listing_the_columns():
    with pytest.raises(InputError, match="--column"):
        detect_claims_column(_table(["a", "b"], [["x", "y"]]))


@pytest.mark.parametrize(
    "number", ["CN112345678A", "CN 212345678 U", "US2020123456A1", "US10123456B2", "EP1234567B1",
               "WO2020123456A1", "JP2020123456A", "KR1020200012345A"],
)
def test_publication_numbers_of_the_main_offices_are_recognised(number):
    assert looks_like_publication(number)


def test_plain_text_is_no_publication_number():
    assert not looks_like_publication("Battery pack") and not looks_like_publication(12345)


def test_numbered_claims_need_a_claim_one_and_a_claim_two():
    assert looks_like_claims(CLAIMS_EN) and not looks_like_claims("1. A device comprising a housing.")


def test_the_publication_number_column_is_found_with_a_reason():
    table = _table(["公开(公告)号", "Claims"], [["CN112345678A", CLAIMS_ZH], ["US10123456B2", CLAIMS_EN]])
    choice = detect_id_column(table, exclude=1)
    assert choice.index == 0 and "publication numbers" in choice.reason


def test_no_publication_number_column_gives_none():
    assert detect_id_column(_table(["a", "b"], [["x", CLAIMS_EN]]), exclude=1) is None


def test_the_user_names_a_column_by_name_or_letter():
    table = _table(["Title", "Text"], [["x", "y"]])
    assert choose_column(table, "Text", "claims").index == 1
    assert choose_column(table, "b", "claims").index == 1


def test_an_unknown_column_name_lists_the_columns():
    with pytest.raises(InputError, match="'Title', 'Text'"):
        choose_column(_table(["Title", "Text"], [["x", "y"]]), "Claims", "claims")
