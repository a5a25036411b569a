"""A same-length normalised copy of a cell, so patterns stay simple.

Full-width digits, brackets and odd spaces become ASCII, one character for
one, so a position in the copy is the same position in the original: the
engine finds boundaries in the copy and cuts the original.
"""
from __future__ import annotations

import html
import html.entities
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
# JSON string escapes left in a cell by an API-to-CSV export: '...polycarbonate.\\n2. The phone case'.
# Read left to right, so an escaped backslash ('\\\\neq') stays a backslash and its 'n' a letter.
_JSON_ESCAPE = re.compile(r'\\(r\\n|[nrt"\\/])')
_JSON_CHARS = {"r\\n": "\r\n", "n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "/": "/"}
# An escaped line break used as a separator: followed by the next claim's number ('\\n2.', '\\n【請求項2】',
# '\\nClaim 2'), or ending a sentence or a clause ('.\\n', ';\\n', 'comprising:\\n' but not 'C:\\new').
# Bounded repeats only: a run of escapes or spaces before the number would make the search quadratic.
_JSON_BREAK_BEFORE_CLAIM = re.compile(r"\\[rn][ ]{0,3}(?:\d{1,4}[ ]?[.)、:\-．）]|【|(?i:claims?)\b)")
_JSON_BREAK_AFTER_PUNCTUATION = re.compile(r"(?:[.;。；]|[^\W\d_]{2}[:：])\\[rn]")
_JSON_BREAKS_AFTER_PUNCTUATION = 3  # this many make a cell without claim numbers JSON-escaped
# HTML entities, named ('&nbsp;', '&amp;') or numbered ('&#8212;', '&#x2014;'); the semicolon is required.
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# An HTML tag's attributes, each with a value ('class="claim"'), so 'x<p and y>q' is no tag.
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))*\s*"""
# HTML block tags, left by exports that copy claims from a web page, are line breaks: '<p class="claim">',
# '</p>', '<BR/>', '<li>'.
_BLOCK = r"(?:p|div|li|ul|ol|br|h[1-6])"
_HTML_BLOCK_TAG = re.compile(rf"<(?:{_BLOCK}{_ATTRIBUTES}/?|/{_BLOCK}\s*)>", re.IGNORECASE)
# Inline tags ('<b>', '<sub>', '</span>') are dropped, in a cell that closes some tag: alone, '<I>' may be a
# formula's label.
_INLINE = r"(?:a|b|i|u|s|em|strong|span|sub|sup|font|small)"
_HTML_INLINE_TAG = re.compile(rf"<(?:{_INLINE}{_ATTRIBUTES}/?|/{_INLINE}\s*)>", re.IGNORECASE)


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
    """Return `text` with the escapes and markup exports leave made the characters they stand for.

    Excel's escaped line breaks and tabs ('_x000D_'); JSON escapes ('\\n', '\\r\\n', '\\"') in a cell
    without a real line break whose escaped breaks separate claims; HTML entities ('&amp;', '&#8212;');
    HTML block tags ('<p>', '</div>', '<br>') as line breaks, and inline tags ('<b>', '</sub>') dropped.
    The result may be shorter than `text`: claims are cut from it, not from `text`.
    """
    # One-character substring tests (memchr) are fast; a two-character one ('_x') is ten times slower.
    if "\\" in text and "\n" not in text and "\r" not in text and _json_escaped(text):
        text = _JSON_ESCAPE.sub(_json_char, text)
    if "_" in text and "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "&" in text:
        text = _HTML_ENTITY.sub(_entity, text)
    if "<" in text:
        text = _HTML_BLOCK_TAG.sub("\n", text)
        if "</" in text:
            text = _HTML_INLINE_TAG.sub("", text)
    return text


def _json_escaped(text: str) -> bool:
    """Whether the escaped line breaks in `text` (which has no real one) separate claims or clauses."""
    if _JSON_BREAK_BEFORE_CLAIM.search(text):
        return True
    found = 0
    for _ in _JSON_BREAK_AFTER_PUNCTUATION.finditer(text):
        found += 1
        if found == _JSON_BREAKS_AFTER_PUNCTUATION:
            return True
    return False


def _json_char(m: re.Match) -> str:
    return _JSON_CHARS[m.group(1)]


def _entity(m: re.Match) -> str:
    """The character an HTML entity stands for; an unknown name is left as it is."""
    entity = m.group()
    if entity[1] == "#":
        return html.unescape(entity)
    return html.entities.html5.get(entity[1:], entity)
