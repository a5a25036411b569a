"""The per-language pattern tables: claims.languages."""
import re

import pytest

from claims.languages import TABLES

# Fields whose patterns run on the lower-cased cell, case-sensitively (faster than IGNORECASE).
LOWER_CASE_FIELDS = ("claim_nouns", "canceled", "openers", "preamble_end")


@pytest.mark.parametrize("code", sorted(TABLES))
def test_patterns_run_on_lower_cased_text_are_lower_case(code):
    table = TABLES[code]
    patterns = [p for field in LOWER_CASE_FIELDS for p in getattr(table, field)]
    patterns += [p for _, p in table.categories]
    for pattern in patterns:
        letters = re.sub(r"\\[A-Za-z]", "", pattern)
        assert letters == letters.lower(), pattern
