"""Decide the language of one claim set from its script and claim vocabulary.

No statistical detector: Hangul means Korean, kana means Japanese, Han
without kana means Chinese; Latin text is told apart by counting the
frequent claim words of each language table. A few Latin acronyms (LED,
USB) inside CJK text do not change the answer.
"""
from __future__ import annotations

import re

from claims.languages import LATIN_TABLES

_SAMPLE = 1000
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_VOCABULARY = tuple((t.code, t.vocabulary) for t in LATIN_TABLES)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a claim set's language, or None when it has no letters."""
    sample = text[:_SAMPLE]
    if not sample or max(sample) < "\u1100":  # no CJK at all: skip the script counts
        words = _LATIN_WORD.findall(sample)
        return _latin_language(words) if words else None
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    cjk = hangul + kana + han
    # One CJK character carries about as much as one Latin word.
    if cjk and cjk >= len(_ASCII_WORD.findall(sample)) / 2:
        if hangul >= max(kana, han / 4):
            return "ko"
        if kana and kana * 30 >= han:  # Chinese text all but never holds kana
            return "ja"
        return "zh"
    words = _LATIN_WORD.findall(_CJK.sub(" ", sample))
    return _latin_language(words) if words else None


def _latin_language(words: list[str]) -> str:
    """The Latin-script language whose claim vocabulary the words hit most; English on a tie."""
    lowered = [w.lower() for w in words[:600]]
    best, best_hits = "en", -1
    for code, vocabulary in _VOCABULARY:
        hits = sum(map(vocabulary.__contains__, lowered))
        if hits > best_hits:
            best, best_hits = code, hits
    return best
