"""A streaming reader for xlsx sheets too big to hold in memory: expat (through ElementTree's iterparse)
over the sheet XML inside the zip, one row at a time, each row dropped once it is read.

Values come out as python-calamine gives them, so a sheet reads the same whichever reader is used:
text (shared, inline or formula results; `<t>` trimmed unless xml:space="preserve", `_xHHHH_` escapes
decoded), float for numbers, bool, '' for an error, and for numbers in a date or time number format a
date, datetime, time (below 1) or timedelta (durations such as [h]:mm), to the millisecond.
Rows run from row 1 to the last row holding a value, each padded to the width the sheet's dimension
declares. The shared-string table, where Excel keeps every text of a workbook it saved, is held in memory
when its XML is small, else spilled to an anonymous temporary file of UTF-8 bytes and read back by offset,
so that memory stays bounded whatever the size of the export.
"""
from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import tempfile
import zipfile
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, iterparse, parse

_MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # ISO strict
)
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_RELATIONSHIP = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DIGITS = "0123456789"
# Built-in number formats that show a date or time, and the one that shows a duration ([h]:mm:ss).
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_DURATION_FORMAT_IDS = frozenset([46])
DATE, DURATION = "date", "duration"
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1900_EARLY = dt.datetime(1899, 12, 31)  # serials below 60, before Excel's phantom 1900-02-29
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_MAX_SERIAL = 2958466  # 10000-01-01: beyond it a number stays a number
_MS_PER_DAY = 86_400_000
# Shared-string tables whose XML is larger are spilled to disk: ~2,000 rows of claims, from where the
# table's Python strings would cost more memory than the streamed sheet itself.
SHARED_IN_MEMORY_BYTES = 16 << 20


class XlsxError(Exception):
    """The workbook cannot be read as xlsx; the message says what is wrong in a few words."""


@dataclass(frozen=True)
class Book:
    """Where a workbook keeps its parts, and how its dates count."""

    sheets: tuple[tuple[str, str], ...]  # (sheet name, zip member of its XML), in workbook order
    shared_strings: str | None
    styles: str | None
    date1904: bool

    def sheet_part(self, sheet: str) -> str:
        """The zip member holding the sheet's XML."""
        for name, part in self.sheets:
            if name == sheet:
                return part
        raise XlsxError(f"no sheet named {sheet!r}")


def read_book(archive: zipfile.ZipFile) -> Book:
    """The workbook's sheets and parts, from its workbook XML and relationships."""
    workbook = _office_document(archive)
    folder = posixpath.dirname(workbook)
    rels = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets, kinds = {}, {}
    for rel in _parse_whole(archive, rels).iter(_PACKAGE_RELATIONSHIPS):
        if rel.get("TargetMode") == "External":
            continue
        part = _resolve(folder, rel.get("Target", ""))
        targets[rel.get("Id")] = part
        kinds.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], part)
    root = _parse_whole(archive, workbook)
    main = _namespace(root)
    sheets = []
    for sheet in root.iter(f"{{{main}}}sheet"):
        rid = sheet.get(f"{{{_RELATIONSHIP}}}id") or sheet.get(f"{{{_STRICT_RELATIONSHIP}}}id")
        if rid in targets:
            sheets.append((sheet.get("name", ""), targets[rid]))
    properties = root.find(f"{{{main}}}workbookPr")
    date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
    return Book(tuple(sheets), kinds.get("sharedStrings"), kinds.get("styles"), date1904)


def sheet_names(path: str | Path) -> tuple[str, ...]:
    """The names of the workbook's sheets, in order."""
    with zipfile.ZipFile(path) as archive, _guarded():
        return tuple(name for name, _ in read_book(archive).sheets)


class SheetReader:
    """One sheet's rows, streamed: iterate it once. `dimension` is (last row, last column), 1-based,
    as the sheet declares them before its data, None when it does not. A shared-string table whose XML
    is over shared_in_memory_bytes is spilled to a temporary file, removed when the reader is closed."""

    def __init__(self, path: str | Path, sheet: str, shared_in_memory_bytes: int = SHARED_IN_MEMORY_BYTES) -> None:
        self._archive = self._stream = self._shared = None
        self.dimension: tuple[int, int] | None = None
        try:
            with _guarded():
                self._archive = zipfile.ZipFile(path)
                book = read_book(self._archive)
                part = book.sheet_part(sheet)
                self._shared = (_shared_strings(self._archive, book.shared_strings, shared_in_memory_bytes)
                                if book.shared_strings else [])
                self._formats = _style_formats(self._archive, book.styles) if book.styles else []
                self._epoch = _EPOCH_1904 if book.date1904 else None
                self._stream = self._archive.open(part)
                self._events = iterparse(self._stream, events=("start", "end"))
                _, root = next(self._events)
                self._tags = _Tags.of(_namespace(root))
                self._sheet_data = root
                for event, element in self._events:
                    if element.tag == self._tags.dimension and event == "start":
                        self.dimension = _dimension(element.get("ref", ""))
                    elif element.tag == self._tags.sheet_data:
                        self._sheet_data = element
                        break
        except BaseException:
            self.close()
            raise
        self._rows = self._read()

    def __iter__(self) -> Iterator[tuple]:
        return self._rows

    def close(self) -> None:
        """Release the file and any spilled shared strings (done by itself once every row is read)."""
        for handle in (self._stream, self._archive, self._shared):
            if hasattr(handle, "close"):
                handle.close()

    def _read(self) -> Iterator[tuple]:
        """Rows from row 1 to the last holding a value, padded to the declared width."""
        tags, sheet_data = self._tags, self._sheet_data
        width = self.dimension[1] if self.dimension else 0
        given = seen = 0  # row numbers of the last row given and of the last row read
        try:
            with _guarded():
                for event, element in self._events:
                    if event == "start" or element.tag != tags.row:
                        continue
                    reference = element.get("r")
                    seen = int(reference) if reference else seen + 1
                    values = _row_values(element, tags, self._shared, self._formats, self._epoch)
                    sheet_data.clear()
                    if not values:
                        continue
                    for _ in range(seen - given - 1):
                        yield (None,) * width
                    given = seen
                    yield tuple(values) + (None,) * (width - len(values))
        finally:
            self.close()


@dataclass(frozen=True)
class _Tags:
    """Qualified tag names in the sheet's namespace."""

    sheet_data: str
    dimension: str
    row: str
    v: str
    inline: str
    t: str
    run: str

    @classmethod
    def of(cls, namespace: str) -> _Tags:
        return cls(*(f"{{{namespace}}}{name}" for name in ("sheetData", "dimension", "row", "v", "is", "t", "r")))


def _row_values(row: Element, tags: _Tags, shared: Sequence[str], formats: list[str | None],
                epoch: dt.datetime | None) -> list:
    values: list = []
    column = -1
    for cell in row:
        reference = cell.get("r")
        column = _column(reference) if reference else column + 1
        kind = cell.get("t")
        if kind == "inlineStr":
            inline = cell.find(tags.inline)
            value = None if inline is None else _rich_text(inline, tags)
        else:
            v = cell.find(tags.v)
            text = None if v is None else v.text
            if text is None or kind == "e":  # no value, or an error such as #DIV/0!
                value = None
            elif kind is None or kind == "n":
                value = float(text)
                style = cell.get("s")
                if style is not None and (index := int(style)) < len(formats) and formats[index]:
                    value = _serial_value(value, formats[index], epoch)
            elif kind == "s":
                value = shared[int(text)]
            elif kind == "str":
                value = _unescape(text)
            elif kind == "b":
                value = text.strip() in ("1", "true")
            else:  # "d": an ISO 8601 date
                value = dt.datetime.fromisoformat(text.strip())
        if value is None:
            continue
        if column >= len(values):
            values.extend([None] * (column - len(values)))
            values.append(value)
        else:
            values[column] = value
    return values


def _rich_text(item: Element, tags: _Tags) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>; phonetic runs left out."""
    parts = []
    for child in item:
        if child.tag == tags.t:
            parts.append(_text(child))
        elif child.tag == tags.run:
            t = child.find(tags.t)
            if t is not None:
                parts.append(_text(t))
    return "".join(parts)


def _text(t: Element) -> str:
    text = t.text or ""
    if t.get(_XML_SPACE) != "preserve":
        text = text.strip(" \t\r\n")
    return _unescape(text)


def _unescape(text: str) -> str:
    """OOXML's _xHHHH_ escapes (control characters, and _x005F_ for a literal underscore) decoded."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


_COLUMNS: dict[str, int] = {}


def _column(reference: str) -> int:
    """0-based column of a cell reference such as 'AB12'."""
    letters = reference.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is None:
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        column = _COLUMNS[letters] = column - 1
    return column


def _dimension(ref: str) -> tuple[int, int] | None:
    last = ref.split(":")[-1].replace("$", "")
    letters = last.rstrip(_DIGITS)
    digits = last[len(letters):]
    if not letters.isalpha() or not digits:
        return None
    return int(digits), _column(letters) + 1


def _serial_value(serial: float, kind: str, epoch: dt.datetime | None) -> object:
    """A number in a date or duration format as the date, datetime, time or timedelta it shows."""
    if kind == DURATION:
        return dt.timedelta(milliseconds=round(serial * _MS_PER_DAY))
    if serial >= _MAX_SERIAL:
        return serial
    milliseconds = round(serial * _MS_PER_DAY)
    if serial < 1 and epoch is None:
        return (dt.datetime.min + dt.timedelta(milliseconds=milliseconds % _MS_PER_DAY)).time()
    if epoch is None:
        epoch = _EPOCH_1900 if serial >= 60 else _EPOCH_1900_EARLY
    moment = epoch + dt.timedelta(milliseconds=milliseconds)
    return moment.date() if moment.time() == dt.time(0) else moment


def date_format_kind(code: str) -> str | None:
    """DATE when a custom number format shows a date or time, DURATION for elapsed time ([h], [mm], [ss]),
    else None; only the first section counts, quoted and escaped text and [colours] are skipped."""
    escaped = quoted = after_a = False
    brackets = 0
    previous = " "
    elapsed = False
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return None
        elif char == "[":
            brackets += 1
        elif char == "]":
            if brackets == 1 and elapsed:
                return DURATION
            brackets = max(brackets - 1, 0)
        elif brackets == 0 and not after_a and char in "aA":
            after_a = True
        elif brackets == 0 and after_a and char in "pmPM/":
            return DATE
        elif brackets == 0 and not after_a and char in "dmhysDMHYS":
            return DATE
        elif not (elapsed and char.lower() == previous.lower()):
            elapsed = previous == "[" and char in "mhsMHS"
        previous = char
    return None


def _style_formats(archive: zipfile.ZipFile, part: str) -> list[str | None]:
    """For each cell style (the s attribute), DATE, DURATION or None."""
    root = _parse_whole(archive, part)
    main = _namespace(root)
    custom = {}
    for number_format in root.iter(f"{{{main}}}numFmt"):
        custom[number_format.get("numFmtId")] = date_format_kind(number_format.get("formatCode", ""))
    cell_xfs = root.find(f"{{{main}}}cellXfs")
    kinds: list[str | None] = []
    for xf in () if cell_xfs is None else cell_xfs.iter(f"{{{main}}}xf"):
        format_id = xf.get("numFmtId", "0")
        if format_id in custom:
            kinds.append(custom[format_id])
        elif format_id.isdigit() and int(format_id) in _DATE_FORMAT_IDS:
            kinds.append(DATE)
        elif format_id.isdigit() and int(format_id) in _DURATION_FORMAT_IDS:
            kinds.append(DURATION)
        else:
            kinds.append(None)
    return kinds


def _shared_strings(archive: zipfile.ZipFile, part: str, in_memory_bytes: int) -> Sequence[str]:
    """The shared-string table: a list when its XML is at most in_memory_bytes, else spilled to disk."""
    if archive.getinfo(part).file_size <= in_memory_bytes:
        return list(_iter_shared_strings(archive, part))
    spilled = SpilledStrings()
    try:
        spilled.extend(_iter_shared_strings(archive, part))
    except BaseException:
        spilled.close()
        raise
    return spilled


def _iter_shared_strings(archive: zipfile.ZipFile, part: str) -> Iterator[str]:
    with archive.open(part) as stream:
        events = iterparse(stream, events=("start", "end"))
        _, root = next(events)
        tags = _Tags.of(_namespace(root))
        item = f"{{{_namespace(root)}}}si"
        for event, element in events:
            if event == "end" and element.tag == item:
                yield _rich_text(element, tags)
                root.clear()


class SpilledStrings(Sequence[str]):
    """Strings kept in an anonymous temporary file as UTF-8 bytes, found by an array of offsets (8 bytes a
    string in memory). The file has no name on disk; closing the table (or its collection) frees it."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self._offsets = array("Q", [0])

    def extend(self, strings: Iterator[str]) -> None:
        """Append the strings at the end of the table."""
        offsets, write = self._offsets, self._file.write
        end = offsets[-1]
        for text in strings:
            end += write(text.encode("utf-8", "surrogatepass"))
            offsets.append(end)
        self._file.flush()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < len(self._offsets) - 1:
            raise IndexError(f"shared string {index} out of range")
        start = self._offsets[index]
        return os.pread(self._file.fileno(), self._offsets[index + 1] - start, start).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        """Free the temporary file."""
        self._file.close()


def _office_document(archive: zipfile.ZipFile) -> str:
    """The workbook part named by the package relationships (xl/workbook.xml as a rule)."""
    try:
        rels = _parse_whole(archive, "_rels/.rels")
    except XlsxError:
        return "xl/workbook.xml"
    for rel in rels.iter(_PACKAGE_RELATIONSHIPS):
        if rel.get("Type", "").endswith("/officeDocument"):
            return _resolve("", rel.get("Target", ""))
    return "xl/workbook.xml"


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _parse_whole(archive: zipfile.ZipFile, part: str) -> Element:
    """A small part (workbook, relationships, styles) parsed whole."""
    with _guarded(), archive.open(part) as stream:
        return parse(stream).getroot()


def _namespace(root: Element) -> str:
    namespace = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
    if namespace not in _MAIN_NAMESPACES:
        raise XlsxError(f"unexpected XML namespace {namespace!r}")
    return namespace


class _guarded:
    """Turns what a damaged zip or XML raises into XlsxError."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None or isinstance(error, (XlsxError, GeneratorExit)):
            return False
        if isinstance(error, KeyError):
            raise XlsxError(f"missing part {error.args[0]}") from None
        if isinstance(error, (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                              IndexError, OverflowError)):
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise XlsxError(detail) from None
        return False
