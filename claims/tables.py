"""The table inside a sheet: which row is the header (exports often put title lines above it) and
usable, stable column names (blank names become `column_C`, repeats become `name (2)`).
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from claims.sources import Source, iter_rows

HEADER_SCAN_ROWS = 30
SAMPLE_ROWS = 200


@dataclass(frozen=True)
class Table:
    """A sheet's header and its first data rows."""

    sheet: str
    header_row: int  # 1-based row number of the header in the sheet
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]  # the first data rows, padded to len(columns)
    rows_total: int  # data rows below the header


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def find_header_row(rows: Sequence[tuple]) -> int:
    """0-based index of the header: the first row whose text cells span most of the table below it."""
    filled = [sum(1 for value in row if value is not None) for row in rows]
    width = max(filled, default=0)
    for index, row in enumerate(rows):
        texts = sum(1 for value in row if isinstance(value, str) and value.strip())
        if texts >= max(1, min(2, width)) and texts >= 0.6 * width:
            return index
    return next((index for index, count in enumerate(filled) if count), 0)


def column_names(header: tuple, width: int) -> tuple[str, ...]:
    """Usable names for a header row: trimmed text, `column_C` for blanks, `name (2)` for repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for index in range(width):
        value = header[index] if index < len(header) else None
        name = " ".join(str(value).split()) if value is not None else ""
        name = name or f"column_{column_letter(index)}"
        unique, copy = name, 2
        while unique in seen:
            unique, copy = f"{name} ({copy})", copy + 1
        seen.add(unique)
        names.append(unique)
    return tuple(names)


def read_table(source: Source, sheet: str, sample_rows: int = SAMPLE_ROWS) -> Table:
    """Find the header of the sheet and read the first sample_rows rows below it, in one pass: the row
    count is the one the sheet declares when it covers the rows read, else the rest is counted."""
    rows = iter_rows(source, sheet)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS + sample_rows))
    if len(head) < HEADER_SCAN_ROWS + sample_rows:
        total = len(head)
    elif rows.declared is not None and rows.declared >= len(head):
        total = rows.declared
    else:
        total = len(head) + sum(1 for _ in rows)
    rows.close()
    header_index = find_header_row(head[:HEADER_SCAN_ROWS])
    body = head[header_index + 1 :]
    width = max((len(row) for row in head[header_index:]), default=0)
    while width and all(len(row) < width or row[width - 1] is None for row in head[header_index:]):
        width -= 1
    header = head[header_index] if head else ()
    columns = column_names(header, width)
    rows_sample = tuple(pad(row, width) for row in body[:sample_rows])
    return Table(sheet, header_index + 1, columns, rows_sample, max(total - header_index - 1, 0))


def pad(row: tuple, width: int) -> tuple:
    """The row cut or filled with None to exactly `width` cells."""
    return row[:width] + (None,) * (width - len(row))
