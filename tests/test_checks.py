"""Findings about a cell: claims.checks, seen through parse_claims."""
from claims import parse_claims


def codes(text: str) -> list[str]:
    return [f.code for f in parse_claims(text).issues]


def test_a_gap_in_numbering_is_reported():
    assert codes("1. A device.\n2. The device of claim 1.\n4. The device of claim 2.") == ["numbering-gap"]


def test_a_reference_to_a_later_claim_is_reported():
    assert codes("1. A device.\n2. The device of claim 3.\n3. The device of claim 1.") == ["later-reference"]


def test_a_reference_to_a_missing_claim_is_reported():
    assert "missing-reference" in codes("2. The device.\n3. The device of claim 1.")


def test_a_reference_to_a_canceled_claim_is_reported():
    assert codes("1. A device.\n2. (canceled)\n3. The device of claim 2.") == ["canceled-reference"]


def test_a_multiple_dependent_claim_on_a_multiple_dependent_claim_is_reported_once():
    text = "1. A device.\n2. The device of claim 1.\n3. The device of claim 1 or 2.\n4. The device of any of claims 1 to 3."
    assert codes(text) == ["multiple-on-multiple"]


def test_a_clean_claim_set_has_no_findings():
    assert codes("1. A device.\n2. The device of claim 1.") == []


def test_a_claim_number_used_twice_is_reported():
    text = "1. A device.\n2. The device of claim 1.\n2. The device of claim 1, wherein.\n3. The device of claim 2."
    assert codes(text) == ["duplicate-number"]
