"""Which column holds the claims and which the publication number, from header names in seven
languages and from the content, with a reason the user can read (and overrule).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.errors import InputError, Message
from claims.tables import Table, column_letter

CLAIMS_HEADERS = (
    "权利要求", "權利要求", "权利要求书", "主权项", "claims", "claim", "claims text", "請求の範囲",
    "特許請求の範囲", "請求項", "청구범위", "청구항", "특허청구범위", "ansprüche", "patentansprüche",
    "anspruch", "revendications", "revendication",
)
ID_HEADERS = (
    "公开(公告)号", "公开号", "公告号", "公开公告号", "公開番号", "公告號", "公開號", "publication number",
    "publication no", "publication", "patent number", "patent no", "pub no", "number", "공개번호",
    "등록번호", "veröffentlichungsnummer", "numéro de publication", "公報番号", "专利号",
)
# The first claim at the start of the cell ('1. A device', '1、一种', '【請求項1】', 'Claim 1:') and a later one.
FIRST_CLAIM = re.compile(r"^\s*(?:1\s*[.．、:：)]|[\[【(（]?\s*(?:請求項|청구항|claim|权利要求)\s*1\b)", re.I)
LATER_CLAIM = re.compile(r"(?:^|\n|\s)\s*(?:2\s*[.．、:：)]|[\[【(（]?\s*(?:請求項|청구항|claim|权利要求)\s*2\b)", re.I)
PUBLICATION = re.compile(
    r"^(?:CN|US|EP|WO|JP|KR|DE|FR|GB|TW|AU|CA|RU|IN)[\s-]?\d[\d/,-]{4,14}\s?[A-Z]?\d?$", re.I
)


@dataclass(frozen=True)
class ColumnChoice:
    """A chosen column and why."""

    index: int
    name: str
    reason: Message


def _header_key(name: str) -> str:
    return re.sub(r"[\s_:：]+", " ", name.replace("（", "(").replace("）", ")")).strip().lower()


def _matches(name: str, vocabulary: Sequence[str]) -> str | None:
    key = _header_key(name)
    for word in vocabulary:
        if key == word or key.startswith(word + " ") or key.rstrip("s") == word:
            return word
    for word in vocabulary:
        if len(word) >= 3 and word in key:
            return word
    return None


def looks_like_claims(value: object) -> bool:
    """True when a cell reads as numbered claims: a claim 1 at the start and a claim 2 later."""
    if not isinstance(value, str) or len(value) < 10:
        return False
    return bool(FIRST_CLAIM.match(value)) and bool(LATER_CLAIM.search(value, 2))


def looks_like_publication(value: object) -> bool:
    """True when a cell reads as a publication number (CN...A, US...B2, EP...B1, WO..., JP..., KR...)."""
    return isinstance(value, str) and bool(PUBLICATION.match(value.strip()))


def _column(table: Table, index: int) -> list[object]:
    return [row[index] for row in table.rows if row[index] is not None]


def _choice(table: Table, index: int, why: str, code: str, **fields: object) -> ColumnChoice:
    """Column index of the table, with the reason it was chosen (`column 'Claims' (F): why`)."""
    name, letter = table.columns[index], column_letter(index)
    return ColumnChoice(index, name, Message(f"column {name!r} ({letter}): {why}", code, column=name, letter=letter, **fields))


def _detected(table: Table, index: int, role: str, looks_like: str, word: str | None, share: float,
              sampled: int) -> ColumnChoice:
    """A detected column with its reason: the header word it matches, the share of sampled cells that
    look like looks_like, or both; role ('claims' or 'id') starts the reason's code."""
    header = f"header matches {word!r}"
    content = f"{share:.0%} of {sampled} sampled cells look like {looks_like}"
    if not sampled:
        why, found = header, "header"
    elif word:
        why, found = f"{header} and {content}", "header-content"
    else:
        why, found = content, "content"
    return _choice(table, index, why, f"{role}-{found}", word=word, share=share, sampled=sampled)


def detect_claims_column(table: Table) -> ColumnChoice:
    """The column most likely to hold claims; raise InputError when none does."""
    best: tuple[float, int, str | None, float, int] | None = None
    for index, name in enumerate(table.columns):
        values = _column(table, index)
        share = sum(map(looks_like_claims, values)) / len(values) if values else 0.0
        word = _matches(name, CLAIMS_HEADERS)
        score = share + (0.5 if word else 0.0)
        if score > 0 and (best is None or score > best[0]):
            best = (score, index, word, share, len(values))
    if best is None or best[0] < 0.2:
        columns = ", ".join(map(repr, table.columns))
        raise InputError(
            f"sheet {table.sheet!r}: no column looks like claims; name it with --column (columns: {columns}).",
            "no-claims-column", sheet=table.sheet, columns=columns,
        )
    _, index, word, share, sampled = best
    return _detected(table, index, "claims", "numbered claims", word, share, sampled)


def detect_id_column(table: Table, exclude: int | None = None) -> ColumnChoice | None:
    """The column most likely to hold publication numbers, or None when no column does."""
    best: tuple[float, int, str | None, float, int] | None = None
    for index, name in enumerate(table.columns):
        if index == exclude:
            continue
        values = _column(table, index)
        share = sum(map(looks_like_publication, values)) / len(values) if values else 0.0
        word = _matches(name, ID_HEADERS)
        score = share + (0.3 if word else 0.0)
        if (share >= 0.5 or (word and share > 0)) and (best is None or score > best[0]):
            best = (score, index, word, share, len(values))
    if best is None:
        return None
    _, index, word, share, sampled = best
    return _detected(table, index, "id", "publication numbers", word, share, sampled)


def choose_column(table: Table, name: str, role: str) -> ColumnChoice:
    """The column the user named (exact name, or a letter such as F) as the role ('claims' or
    'publication-number') column; InputError listing the columns."""
    letters = [column_letter(i) for i in range(len(table.columns))]
    if name in table.columns:
        index = table.columns.index(name)
    elif name.isalpha() and name.upper() in letters:
        index = letters.index(name.upper())
    else:
        columns = ", ".join(map(repr, table.columns))
        raise InputError(
            f"sheet {table.sheet!r}: no column named {name!r}; the columns are {columns}.",
            "no-column", sheet=table.sheet, column=name, columns=columns,
        )
    return _choice(table, index, f"chosen as the {role} column", f"chosen-{role}")
