"""A same-length normalised copy of a cell, so patterns stay simple.

Full-width digits, brackets and odd spaces become ASCII, one character for
one, so a position in the copy is the same position in the original: the
engine finds boundaries in the copy and cuts the original.
"""
from __future__ import annotations

import re

_PAIRS = {
    **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits
    "．": ".", "）": ")", "（": "(", "［": "[", "］": "]",
    "\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": " ",
    "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
}
_TABLE = str.maketrans(_PAIRS)
_ANY = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_ASCII_KEYS = tuple(ch for ch in _PAIRS if ch.isascii())  # tab, carriage return, ...
# Excel's escapes of line breaks and tabs, which some exports leave in the text: '_x000D_'.
_EXCEL_ESCAPE = re.compile(r"_x(000[DdAa9])_")
# HTML line breaks, left by exports that copy claims from a web page: '<br>', '<BR/>'.
_HTML_BREAK = re.compile(r"<br[ ]*/?>", re.IGNORECASE)


def normalize(text: str) -> str:
    """Return `text` with look-alike characters unified; same length as `text`."""
    # Substring tests are several times faster than a character-class scan, and most cells need no
    # change. translate() is fast on ASCII text but looks up every character of other text (a 4,500-
    # character Chinese cell: 235 us), where replacing only the few look-alikes found takes 15 us.
    if text.isascii():
        return text.translate(_TABLE) if any(ch in text for ch in _ASCII_KEYS) else text
    if not any(ch in text for ch in _PAIRS):
        return text
    return _ANY.sub(_unified, text)


def _unified(m: re.Match) -> str:
    return _PAIRS[m.group()]


def unescape_breaks(text: str) -> str:
    """Return `text` with Excel's escaped line breaks and tabs ('_x000D_') and HTML '<br>' made the
    characters they stand for."""
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "<" in text:
        text = _HTML_BREAK.sub("\n", text)
    return text
