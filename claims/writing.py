"""Output sinks for the processed workbook: xlsx (sheets data, claims, summary, issues), csv (UTF-8 with
BOM: the data table, and the claims table next to it as NAME.claims.csv), JSON Lines and Parquet (one
record per source row with its claims and issues, full text). Every sink writes temporary files and
renames them over the output only in finish(): a failed run leaves nothing at the output path.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from claims.results import CLAIM_COLUMNS, FIGURE_COLUMNS, ISSUE_COLUMNS, IssueRow, RowResult
from claims.tables import pad
from claims.xlsx_stream import CELL_LIMIT, XlsxStream

FORMATS = ("xlsx", "csv", "jsonl", "parquet")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ZH_LABELS = {
    "claims_language": "权利要求语言", "claims_versions": "语言版本", "claims_total": "权利要求总数",
    "independent_total": "独立权利要求数", "dependent_total": "从属权利要求数",
    "independent_claims": "独立权利要求", "first_claim": "首项权利要求", "first_claim_length": "首项权利要求长度",
    "shortest_independent_length": "最短独立权利要求长度", "multiple_dependent_total": "多项从属权利要求数",
    "claim_tree": "引用关系树", "claims_status": "处理状态", "row": "行号", "patent": "公开号", "number": "序号",
    "kind": "类型", "refs": "引用", "category": "类别", "length": "长度", "language": "语言", "text": "内容",
    "severity": "级别", "message": "说明", "item": "项目", "value": "值",
}


def label(name: str, headers: str) -> str:
    """A column name in the chosen header language ('en' or 'zh')."""
    return ZH_LABELS.get(name, name) if headers == "zh" else name


def temp_path(path: Path) -> Path:
    """A hidden temporary file beside path, renamed over it when the output is complete."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def csv_text(value: object) -> str:
    """A value as CSV text; text that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def json_value(value: object) -> object:
    """A cell value as JSON: dates and times as ISO text."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _refs(refs: tuple[int, ...]) -> str | None:
    return ", ".join(map(str, refs)) or None


class Sink:
    """Where processed rows go; finish() publishes the output, discard() drops it."""

    def __init__(self, path: Path, columns: Sequence[str], headers: str) -> None:
        self.path = path
        self.columns = tuple(columns)
        self.headers = headers
        self.temps: dict[Path, Path] = {}

    def _temp(self, final: Path) -> Path:
        self.temps[final] = temp_path(final)
        return self.temps[final]

    def title(self, values: tuple) -> None:
        """A row above the header (a title line of the export)."""

    def header(self, values: tuple) -> None:
        """The header row of the source sheet."""

    def row(self, values: tuple, result: RowResult) -> None:
        """One data row and its result."""
        raise NotImplementedError

    def close(self, summary: Sequence[tuple[str, object]]) -> None:
        """Write what is still buffered (the summary among it) into the temporary files."""

    def finish(self, summary: Sequence[tuple[str, object]]) -> None:
        """Complete the output and rename it into place."""
        self.close(summary)
        for final, temp in self.temps.items():
            os.replace(temp, final)
        self.temps.clear()

    def discard(self) -> None:
        """Remove every temporary file."""
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()


class XlsxSink(Sink):
    """Sheets data (source + figures), claims, summary and issues, streamed."""

    def __init__(self, path: Path, columns: Sequence[str], headers: str, header_row: int) -> None:
        super().__init__(path, columns, headers)
        self.book = XlsxStream(self._temp(path))
        self.data = self.book.sheet("data", freeze_rows=header_row)
        self.claims = self.book.sheet("claims", widths=(7, 18, 7, 11, 10, 12, 7, 8, 100), freeze_rows=1)
        self.summary = self.book.sheet("summary", widths=(28, 80))
        self.issues = self.book.sheet("issues", widths=(7, 18, 9, 100), freeze_rows=1)
        self.claims.header([label(c, headers) for c in CLAIM_COLUMNS])
        self.issues.header([label(c, headers) for c in ISSUE_COLUMNS])
        self.width = len(self.columns)

    def title(self, values: tuple) -> None:
        self._cut_notes(0, None, self.data.append(values))

    def header(self, values: tuple) -> None:
        padded = pad(values, self.width)
        self.data.append(padded + tuple(label(c, self.headers) for c in FIGURE_COLUMNS))

    def row(self, values: tuple, result: RowResult) -> None:
        padded = pad(values, self.width)
        cut = self.data.append(padded + result.figures + values[self.width :])
        for issue in result.issues:
            self.issues.append((result.row, result.patent, issue.severity, issue.message))
        self._cut_notes(result.row, result.patent, cut)
        for claim in result.claims:
            if self.claims.append(
                (result.row, result.patent, claim.number, claim.kind, _refs(claim.refs), claim.category,
                 claim.length, claim.language, claim.text)
            ):
                self._note(result.row, result.patent, f"Claim {claim.number}")

    def _cut_notes(self, row: int, patent: str | None, cut: tuple[int, ...]) -> None:
        names = self.columns + FIGURE_COLUMNS
        for index in cut:
            column = names[index] if index < len(names) else f"column {index + 1}"
            self._note(row, patent, f"Column {column!r}")

    def _note(self, row: int, patent: str | None, what: str) -> None:
        self.issues.append(
            (row, patent, "warning",
             f"{what} is longer than Excel's {CELL_LIMIT:,} characters per cell and was cut in the xlsx; "
             "the full text is in the JSON Lines and Parquet outputs.")
        )

    def close(self, summary: Sequence[tuple[str, object]]) -> None:
        self.summary.header([label("item", self.headers), label("value", self.headers)])
        for item in summary:
            self.summary.append(item)
        self.book.close()

    def discard(self) -> None:
        self.book.discard()
        super().discard()


class CsvSink(Sink):
    """The data table at the output path and the claims table beside it, UTF-8 with BOM."""

    def __init__(self, path: Path, columns: Sequence[str], headers: str) -> None:
        super().__init__(path, columns, headers)
        claims_path = path.with_name(f"{path.stem}.claims{path.suffix or '.csv'}")
        self.files = [open(self._temp(p), "w", encoding="utf-8-sig", newline="") for p in (path, claims_path)]
        self.data, self.claims = (csv.writer(f) for f in self.files)
        self.claims.writerow([label(c, headers) for c in CLAIM_COLUMNS])
        self.width = len(self.columns)

    def title(self, values: tuple) -> None:
        self.data.writerow(map(csv_text, values))

    def header(self, values: tuple) -> None:
        padded = pad(values, self.width)
        self.data.writerow([csv_text(v) for v in padded] + [label(c, self.headers) for c in FIGURE_COLUMNS])

    def row(self, values: tuple, result: RowResult) -> None:
        padded = pad(values, self.width)
        self.data.writerow(map(csv_text, padded + result.figures + values[self.width :]))
        for c in result.claims:
            self.claims.writerow(
                map(csv_text, (result.row, result.patent, c.number, c.kind, _refs(c.refs), c.category, c.length,
                               c.language, c.text))
            )

    def close(self, summary: Sequence[tuple[str, object]]) -> None:
        for handle in self.files:
            handle.close()

    def discard(self) -> None:
        for handle in self.files:
            handle.close()
        super().discard()


def row_record(columns: Sequence[str], values: tuple, result: RowResult) -> dict:
    """One source row with its figures, claims and issues, as JSON Lines and Parquet hold it."""
    record: dict = {"row": result.row, "patent": result.patent}
    record["source"] = {name: json_value(values[i]) if i < len(values) else None for i, name in enumerate(columns)}
    record.update(zip(FIGURE_COLUMNS, result.figures))
    record["claims"] = [
        {"number": c.number, "kind": c.kind, "refs": list(c.refs), "category": c.category, "length": c.length,
         "language": c.language, "text": c.text}
        for c in result.claims
    ]
    record["issues"] = [_issue(i) for i in result.issues]
    return record


def _issue(issue: IssueRow) -> dict:
    return {"severity": issue.severity, "code": issue.code, "message": issue.message, "claim": issue.claim}


class JsonlSink(Sink):
    """One JSON object per source data row."""

    def __init__(self, path: Path, columns: Sequence[str], headers: str) -> None:
        super().__init__(path, columns, headers)
        self.file = open(self._temp(path), "w", encoding="utf-8")

    def row(self, values: tuple, result: RowResult) -> None:
        record = row_record(self.columns, values, result)
        self.file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def close(self, summary: Sequence[tuple[str, object]]) -> None:
        self.file.close()

    def discard(self) -> None:
        self.file.close()
        super().discard()


class ParquetSink(Sink):
    """The JSON Lines records as a Parquet table (source values as text), written in batches."""

    BATCH = 2000

    def __init__(self, path: Path, columns: Sequence[str], headers: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        super().__init__(path, columns, headers)
        integer, text = pa.int64(), pa.string()
        figure_types = {
            "claims_total": integer, "independent_total": integer, "dependent_total": integer,
            "first_claim_length": integer, "shortest_independent_length": integer,
            "multiple_dependent_total": integer,
        }
        claim = pa.struct([("number", integer), ("kind", text), ("refs", pa.list_(integer)), ("category", text),
                           ("length", integer), ("language", text), ("text", text)])
        issue = pa.struct([("severity", text), ("code", text), ("message", text), ("claim", integer)])
        self.schema = pa.schema(
            [("row", integer), ("patent", text), ("source", pa.struct([(c, text) for c in self.columns]))]
            + [(c, figure_types.get(c, text)) for c in FIGURE_COLUMNS]
            + [("claims", pa.list_(claim)), ("issues", pa.list_(issue))]
        )
        self.pa = pa
        self.writer = pq.ParquetWriter(self._temp(path), self.schema, compression="zstd")
        self.batch: list[dict] = []

    def row(self, values: tuple, result: RowResult) -> None:
        record = row_record(self.columns, values, result)
        record["source"] = {k: None if v is None else str(v) for k, v in record["source"].items()}
        self.batch.append(record)
        if len(self.batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.writer.write_table(self.pa.Table.from_pylist(self.batch, schema=self.schema))
            self.batch = []

    def close(self, summary: Sequence[tuple[str, object]]) -> None:
        self._flush()
        self.writer.close()

    def discard(self) -> None:
        self.writer.close()
        super().discard()


def open_sink(fmt: str, path: Path, columns: Sequence[str], headers: str, header_row: int) -> Sink:
    """The sink for an output format."""
    if fmt == "xlsx":
        return XlsxSink(path, columns, headers, header_row)
    if fmt == "csv":
        return CsvSink(path, columns, headers)
    if fmt == "jsonl":
        return JsonlSink(path, columns, headers)
    if fmt == "parquet":
        return ParquetSink(path, columns, headers)
    raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
