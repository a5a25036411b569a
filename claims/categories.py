"""The category of a claim from its preamble: product, method, use, composition or medium."""
from __future__ import annotations

import re
from functools import lru_cache

from claims.languages import EN, PRODUCT, TABLES, LanguageTable

_PREAMBLE_MAX = 200
# The preamble ends at the first punctuation mark or the first word that closes it ('comprising').
_PUNCTUATION = re.compile(r"[,;:\n，；：。]")
_DIGITS = re.compile(r"[0-9]+")


def _compile(table: LanguageTable) -> tuple[re.Pattern, re.Pattern]:
    # Both run on lower-cased text: case-sensitive patterns scan several times faster than IGNORECASE.
    end = re.compile("|".join(table.preamble_end))
    # One pattern, a named group per category: one scan finds which category is named where.
    kinds = re.compile("|".join(f"(?P<{cat}>{p})" for cat, p in table.categories))
    return end, kinds


_COMPILED = {code: _compile(table) for code, table in TABLES.items()}


def category(text: str, language: str | None) -> str | None:
    """The category named by a claim's preamble; None when the preamble names none."""
    m = _PUNCTUATION.search(text, 1, _PREAMBLE_MAX)
    return _opening_category(text[:m.start() if m else _PREAMBLE_MAX], language if language in TABLES else EN.code)


@lru_cache(maxsize=16384)
def _opening_category(opening: str, code: str) -> str | None:
    """The category of an opening as written. Cached: dependent claims repeat their openings."""
    # No category word holds a digit, so the claim cited does not matter: 'The device of claim #'.
    return _named_category(_DIGITS.sub("#", opening), code)


@lru_cache(maxsize=16384)
def _named_category(opening: str, code: str) -> str | None:
    """The category named in a claim's opening up to its first punctuation mark."""
    end, kinds = _COMPILED[code]
    head = opening.lower()
    m = end.search(head, 1)
    if m:
        head = head[:m.start()]
    if not TABLES[code].head_final:
        m = kinds.search(head)
        return m.lastgroup if m else None
    # Head-final languages name the claimed thing last ('装置的制备方法' is a method).
    last = None
    for last in kinds.finditer(head):
        pass
    return last.lastgroup if last else None


def independent_category(text: str, language: str | None) -> str:
    """Category of an independent claim: a product when its preamble names no other."""
    return category(text, language) or PRODUCT
