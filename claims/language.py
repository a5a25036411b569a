"""Decide the language of one claim set from its script and claim vocabulary.

No statistical detector: Hangul means Korean, kana means Japanese, Han
without kana means Chinese; Latin text is told apart by counting the
frequent claim words of each language table. A few Latin acronyms (LED,
USB) inside CJK text do not change the answer.
"""
from __future__ import annotations

import re
import string

from claims.languages import LATIN_TABLES

_SAMPLE = 600
_SCRIPT_SAMPLE = 300  # enough CJK characters to tell Chinese, Japanese and Korean apart; scans are slow
# Runs, not single characters: summing run lengths is about twice as fast as counting matches.
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_KANA_OR_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
# Words are what is left between spaces once digits and punctuation are spaces: translate and split
# are several times faster than a word regex.
_NOT_LETTERS = str.maketrans(dict.fromkeys(string.punctuation + string.digits + "\n’‘“”«»–—・", " "))
_VOCABULARY = tuple((t.code, t.vocabulary) for t in LATIN_TABLES)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a claim set's language, or None when it has no letters."""
    sample = text[:_SAMPLE]
    cjk_at = None if sample.isascii() else _CJK.search(sample)
    if cjk_at is None:  # no CJK at all: skip the script counts
        return _latin_language(sample)
    head = sample[:cjk_at.start() + _SCRIPT_SAMPLE]
    if _KANA_OR_HANGUL.search(head):  # one scan where most CJK text, Chinese, has neither
        hangul = sum(map(len, _HANGUL.findall(head)))
        kana = sum(map(len, _KANA.findall(head)))
    else:
        hangul = kana = 0
    han = sum(map(len, _HAN.findall(head)))
    cjk = hangul + kana + han
    # One CJK character carries about as much as one Latin word.
    if cjk >= len(_ASCII_WORD.findall(head)) / 2:
        if hangul >= max(kana, han / 4):
            return "ko"
        if kana and kana * 30 >= han:  # Chinese text all but never holds kana
            return "ja"
        return "zh"
    return _latin_language(_CJK.sub(" ", sample))


def _latin_language(sample: str) -> str | None:
    """The Latin-script language of whose claim vocabulary the sample holds the most words; English
    on a tie; None when it has no words."""
    words = set(sample.lower().translate(_NOT_LETTERS).split())
    if not any(map(str.isalpha, words)):
        return None
    best, best_hits = "en", -1
    for code, vocabulary in _VOCABULARY:
        hits = len(vocabulary.intersection(words))
        if hits > best_hits:
            best, best_hits = code, hits
    return best
