"""Spreadsheet input: recognise the format from the bytes, refuse bad files, list sheets, stream rows.

Formats: xlsx/xlsm/xlsb, xls and ods (python-calamine; claims.xlsx_read streams xlsx sheets too big to
hold in memory), csv/tsv (encoding detected). Every refusal is an InputError with one line that
names the file and says what to do. Cell values come out the same whichever reader is used: None for
an empty cell, int for a whole number, date for a midnight datetime.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from claims.errors import InputError
from claims.xlsx_read import SheetReader, XlsxError, sheet_names

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
SAMPLE_BYTES = 1 << 20
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Limits:
    """How big an input may be; a zip that inflates far beyond its size (a zip bomb) is refused."""

    max_file_bytes: int = 1 << 30
    max_uncompressed_bytes: int = 8 << 30
    max_ratio: float = 100.0  # uncompressed / compressed, checked once the content passes ratio_floor_bytes
    ratio_floor_bytes: int = 64 << 20
    # xlsx sheets whose XML is larger are streamed by claims.xlsx_read instead of loaded whole by
    # python-calamine: about 2,000 rows of claims, from where holding the sheet costs more (memory,
    # and time before the first row: ~870 MB and 4 s for 100k rows) than calamine's faster reading saves.
    calamine_max_bytes: int = 16 << 20


@dataclass(frozen=True)
class Source:
    """An input file that passed the checks: its format, how to read it and its sheet names."""

    path: Path
    kind: str  # 'xlsx', 'xlsb', 'xls', 'ods' or 'csv'
    sheets: tuple[str, ...]
    encoding: str | None = None  # csv only
    delimiter: str | None = None  # csv only
    streamed: bool = False  # xlsx read with claims.xlsx_read's streaming reader


@dataclass(frozen=True)
class SheetInfo:
    """A sheet and how many rows it has (header and title rows included)."""

    name: str
    rows: int


def open_source(path: str | Path, limits: Limits = Limits()) -> Source:
    """Check the file and tell what it is; raise InputError when it cannot be read as a spreadsheet."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError(f"{name}: no such file; check the path.", "no-file", file=name)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{name}: the file is empty; export the workbook again.", "empty-file", file=name)
    if size > limits.max_file_bytes:
        size_mb, limit_mb = size / 2**20, limits.max_file_bytes / 2**20
        raise InputError(
            f"{name}: the file is {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit; split it into smaller workbooks.",
            "too-big", file=name, size_mb=size_mb, limit_mb=limit_mb,
        )
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if head.startswith(ZIP_MAGIC):
        return _open_zip(path, size, limits)
    if head.startswith(OLE2_MAGIC):
        return _open_ole2(path)
    if head.startswith(b"%PDF"):
        raise InputError(f"{name}: this is a PDF, not a spreadsheet; export the data as .xlsx or .csv.", "pdf",
                         file=name)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _open_text(path, head)
    raise InputError(
        f"{name}: not a spreadsheet (expected .xlsx, .xlsm, .xls, .ods, .csv or .tsv); "
        "export the data in one of these formats.",
        "not-spreadsheet", file=name,
    )


def count_rows(source: Source, sheet: str) -> int:
    """Rows in the sheet, from row 1 to the last row holding a value (an xlsx sheet's dimension when
    it is streamed and declares one)."""
    rows = iter_rows(source, sheet)
    if rows.declared is not None:
        rows.close()
        return rows.declared
    return sum(1 for _ in rows)


class Rows(Iterator[tuple]):
    """A sheet's rows, streamed once; `declared` is the sheet's row count when known before reading
    every row (python-calamine's range, a streamed xlsx sheet's dimension), else None."""

    def __init__(self, rows: Iterator[tuple], declared: int | None = None,
                 close: Callable[[], None] | None = None) -> None:
        self._rows = rows
        self.declared = declared
        self._close = close

    def __next__(self) -> tuple:
        return next(self._rows)

    def close(self) -> None:
        """Stop reading and release the file."""
        if hasattr(self._rows, "close"):
            self._rows.close()
        if self._close is not None:
            self._close()


def iter_rows(source: Source, sheet: str) -> Rows:
    """Stream the sheet's rows from row 1 (empty rows included), values normalised."""
    if sheet not in source.sheets:
        name, sheets = source.path.name, ", ".join(map(repr, source.sheets))
        raise InputError(f"{name}: no sheet named {sheet!r}; the sheets are {sheets}.", "no-sheet",
                         file=name, sheet=sheet, sheets=sheets)
    if source.kind == "csv":
        return Rows(_csv_rows(source))
    if source.streamed:
        return _streamed_rows(source, sheet)
    return _calamine_rows(source, sheet)


def normalise(value: object) -> object:
    """One cell value as both readers give it: None for empty, int for whole numbers, date for midnight."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    return value


def _open_zip(path: Path, size: int, limits: Limits) -> Source:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InputError(f"{name}: the file is corrupt or truncated ({error}); export or download it again.",
                         "corrupt-file", file=name, detail=str(error)) from None
    inflated = sum(info.file_size for info in infos)
    ratio = inflated / max(size, 1)
    if inflated > limits.max_uncompressed_bytes or (
        inflated > limits.ratio_floor_bytes and ratio > limits.max_ratio
    ):
        inflated_mb, size_mb = inflated / 2**20, size / 2**20
        raise InputError(
            f"{name}: the workbook inflates to {inflated_mb:.0f} MB from {size_mb:.1f} MB ({ratio:.0f}x), "
            "beyond the limits for a real export (zip bomb?); refused, check where it came from.",
            "zip-bomb", file=name, inflated_mb=inflated_mb, size_mb=size_mb, ratio=ratio,
        )
    if "xl/workbook.xml" in names:
        kind = "xlsx"
    elif "xl/workbook.bin" in names:
        kind = "xlsb"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet") or "content.xml" in names:
        kind = "ods"
    else:
        raise InputError(f"{name}: a zip archive but not a workbook; export the data as .xlsx or .csv.",
                         "zip-not-workbook", file=name)
    biggest_sheet = max(
        (info.file_size for info in infos if info.filename.startswith("xl/worksheets/")), default=0
    )
    # Text saved by Excel sits in the shared-strings table, which calamine would hold whole too.
    shared = sum(info.file_size for info in infos if info.filename == "xl/sharedStrings.xml")
    source = Source(
        path, kind, (), streamed=kind == "xlsx" and biggest_sheet + shared > limits.calamine_max_bytes
    )
    if source.streamed:
        try:
            sheets = sheet_names(path)
        except XlsxError as error:
            raise _corrupt(source, str(error)) from None
    else:
        with _calamine(source) as workbook:
            sheets = tuple(workbook.sheet_names)
    return Source(path, kind, sheets, streamed=source.streamed)


def _open_ole2(path: Path) -> Source:
    with open(path, "rb") as handle:
        if ENCRYPTED_PACKAGE in handle.read():
            raise InputError(
                f"{path.name}: the workbook is encrypted with a password; save an unprotected copy and use that.",
                "encrypted", file=path.name,
            )
    source = Source(path, "xls", ())
    with _calamine(source) as workbook:
        return Source(path, "xls", tuple(workbook.sheet_names))


def _open_text(path: Path, head: bytes) -> Source:
    encoding = detect_encoding(head)
    if encoding is None:
        raise InputError(
            f"{path.name}: not readable as text in UTF-8, UTF-16 or GB18030; save it as CSV UTF-8 and try again.",
            "not-text", file=path.name,
        )
    sample = head.decode(encoding, errors="ignore")
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        lines = sample.splitlines()[:20]
        counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return Source(path, "csv", (path.stem,), encoding=encoding, delimiter=delimiter)


def detect_encoding(head: bytes) -> str | None:
    """The text encoding of a file from its first bytes: BOM, UTF-8, UTF-16 without BOM, GB18030, or a guess."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head[:4096]:
        even, odd = head[0:4096:2].count(0), head[1:4096:2].count(0)
        return "utf-16-le" if odd > even else "utf-16-be"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best.encoding if best is not None else None


def _csv_rows(source: Source) -> Iterator[tuple]:
    with open(source.path, encoding=source.encoding, newline="") as handle:
        try:
            for row in csv.reader(handle, delimiter=source.delimiter or ","):
                yield tuple(normalise(value) for value in row)
        except UnicodeDecodeError:
            raise InputError(
                f"{source.path.name}: not valid {source.encoding} text further in the file; "
                "save it as CSV UTF-8 and try again.",
                "bad-text", file=source.path.name, encoding=source.encoding,
            ) from None
        except csv.Error as error:
            raise InputError(f"{source.path.name}: malformed CSV ({error}); check the file.", "bad-csv",
                             file=source.path.name, detail=str(error)) from None


class _calamine:
    """python-calamine workbook as a context manager whose errors become InputError."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def __enter__(self) -> python_calamine.CalamineWorkbook:
        try:
            self.workbook = python_calamine.CalamineWorkbook.from_path(str(self.source.path))
        except Exception as error:  # calamine raises several unrelated types for bad files
            raise _calamine_error(self.source, error) from None
        return self.workbook

    def __exit__(self, *exc: object) -> None:
        self.workbook.close()


def _calamine_error(source: Source, error: Exception) -> InputError:
    name = source.path.name
    if isinstance(error, python_calamine.PasswordError):
        return InputError(f"{name}: the workbook is protected with a password; save an unprotected copy and use that.",
                          "protected", file=name)
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return _corrupt(source, detail)


def _calamine_sheet(source: Source, workbook: python_calamine.CalamineWorkbook, sheet: str):
    try:
        return workbook.get_sheet_by_name(sheet)
    except Exception as error:
        raise _calamine_error(source, error) from None


def _calamine_rows(source: Source, sheet: str) -> Rows:
    """The sheet loaded whole; python-calamine's rows start at row 1 and at its range's first column."""
    with _calamine(source) as workbook:
        data = _calamine_sheet(source, workbook, sheet)
    if data.start is None:
        return Rows(iter(()), 0)
    pad = (None,) * data.start[1]
    return Rows((pad + tuple(map(normalise, row)) for row in data.iter_rows()), data.end[0] + 1)


def _streamed_rows(source: Source, sheet: str) -> Rows:
    try:
        reader = SheetReader(source.path, sheet)
    except XlsxError as error:
        raise _corrupt(source, str(error)) from None
    declared = None if reader.dimension is None else reader.dimension[0]
    return Rows(_guarded_rows(source, reader), declared, reader.close)


def _guarded_rows(source: Source, reader: SheetReader) -> Iterator[tuple]:
    try:
        for row in reader:
            yield tuple(map(normalise, row))
    except XlsxError as error:
        raise _corrupt(source, str(error)) from None


def _corrupt(source: Source, detail: str) -> InputError:
    name = source.path.name
    return InputError(f"{name}: the {source.kind} file is corrupt or truncated ({detail}); export it again.",
                      "corrupt-workbook", file=name, kind=source.kind, detail=detail)
