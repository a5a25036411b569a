"""Processing a workbook in chunks: the pieces `process` is built from, shared with the job worker.

    opts = Options(sheet=None, column=None, id_column=None, prefer=("en", "zh"), headers="en")
    p = plan(input_path, opts)                        # open + validate (InputError), sheet, columns, rows_total
    for chunk in iter_chunks(input_path, p, 1000):    # Chunk(index, first_row, rows=((row, patent, text), ...))
        result = analyse_chunk(chunk, p)              # ChunkResult; pure, deterministic
    summary = analyse_and_write(input_path, p, analyse, output_path, fmt, run_info)  # one read: chunks -> analyse -> output
    summary = process(input_path, output_path, opts, fmt="xlsx", progress=None, workers=None)

Options, Plan, ChunkResult and Summary round-trip through to_dict()/from_dict() (JSON-ready).
progress(rows_done, rows_total, stage) is called with stage 'planning', 'processing' and 'done'.
run_info: {"started": epoch seconds, ...}; only the `summary` sheet depends on it, so equal input
and options give equal output files otherwise. Chunk indexes count from 0.
"""
from __future__ import annotations

import collections
import concurrent.futures
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import claims
from claims.columns import choose_column, detect_claims_column, detect_id_column
from claims.errors import InputError
from claims.results import RowResult, analyse_cell
from claims.sources import Limits, Source, iter_rows, open_source
from claims.tables import Table, read_table
from claims.writing import FORMATS, open_sink

# Small chunks keep both cores busy to the end: the last chunk's analysis and writing are all that
# is left once the sheet is read (bench/bench_pipeline.py).
CHUNK_ROWS = 250
# Chunks in flight per pool process: enough to keep it busy while the writer catches up.
CHUNKS_IN_FLIGHT = 4
# Below this many rows a process pool costs more than it saves (bench/bench_pipeline.py).
POOL_MIN_ROWS = 2000

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Options:
    """What the user chose; None means detect."""

    sheet: str | None = None
    column: str | None = None
    id_column: str | None = None
    prefer: tuple[str, ...] = ("en", "zh")
    headers: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefer", tuple(self.prefer))
        if self.headers not in ("en", "zh"):
            raise InputError(f"headers must be 'en' or 'zh', not {self.headers!r}.")

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {**asdict(self), "prefer": list(self.prefer)}

    @classmethod
    def from_dict(cls, data: Mapping) -> Options:
        """The inverse of to_dict."""
        return cls(**{**data, "prefer": tuple(data.get("prefer", ("en", "zh")))})


@dataclass(frozen=True)
class Plan:
    """How to read one input: format, sheet, header row, columns and the row count."""

    input_name: str
    kind: str
    encoding: str | None
    delimiter: str | None
    streamed: bool
    sheet: str
    header_row: int
    columns: tuple[str, ...]
    claims_index: int
    claims_reason: str
    id_index: int | None
    id_reason: str | None
    rows_total: int
    options: Options = field(default_factory=Options)

    @property
    def claims_column(self) -> str:
        """Name of the claims column."""
        return self.columns[self.claims_index]

    @property
    def id_column(self) -> str | None:
        """Name of the publication-number column, None when there is none."""
        return None if self.id_index is None else self.columns[self.id_index]

    def source(self, input_path: str | Path) -> Source:
        """The input as this plan reads it."""
        return Source(Path(input_path), self.kind, (self.sheet,), self.encoding, self.delimiter, self.streamed)

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {**asdict(self), "columns": list(self.columns), "options": self.options.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping) -> Plan:
        """The inverse of to_dict."""
        return cls(**{**data, "columns": tuple(data["columns"]), "options": Options.from_dict(data["options"])})


@dataclass(frozen=True)
class Chunk:
    """Up to chunk_rows data rows: (source row number, publication number, claims cell)."""

    index: int
    first_row: int
    rows: tuple[tuple[int, str | None, object], ...]


@dataclass(frozen=True)
class ChunkResult:
    """The results of one chunk, in row order."""

    index: int
    rows: tuple[RowResult, ...]

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"index": self.index, "rows": [r.to_dict() for r in self.rows]}

    @classmethod
    def from_dict(cls, data: Mapping) -> ChunkResult:
        """The inverse of to_dict."""
        return cls(data["index"], tuple(RowResult.from_dict(r) for r in data["rows"]))


@dataclass(frozen=True)
class Summary:
    """Headline figures of a finished run."""

    rows: int
    patents: int  # rows with at least one claim
    claims: int
    independent: int
    dependent: int
    languages: dict[str, int]  # rows per claims language ('none' when no claims)
    issues: dict[str, int]  # findings per severity
    seconds: float
    output: str
    format: str
    # patents (rows with claims not canceled) per claim count and per independent-claim count, e.g. {"3": 120}
    claims_per_patent: dict[str, int] = field(default_factory=dict)
    independent_per_patent: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Summary:
        """The inverse of to_dict."""
        return cls(**data)


def plan(input_path: str | Path, options: Options = Options(), limits: Limits = Limits()) -> Plan:
    """Open and check the input, choose the sheet and the columns; InputError when it cannot be processed."""
    return plan_source(open_source(input_path, limits), options)[0]


def plan_source(source: Source, options: Options = Options()) -> tuple[Plan, Table]:
    """The plan for an opened input, with the table read to make it (the sheet's header and first rows)."""
    name = source.path.name
    sheet = options.sheet if options.sheet is not None else source.sheets[0] if source.sheets else None
    table = read_table(source, sheet)  # an unknown sheet is refused by iter_rows, naming the sheets
    if not table.columns:
        raise InputError(f"{name}: sheet {sheet!r} is empty; choose another sheet with --sheet.", "empty-sheet",
                         file=name, sheet=sheet)
    if table.rows_total == 0:
        raise InputError(f"{name}: sheet {sheet!r} has a header but no data rows; nothing to process.",
                         "no-data-rows", file=name, sheet=sheet)
    try:
        claims_choice = (
            choose_column(table, options.column, "claims") if options.column else detect_claims_column(table)
        )
        id_choice = (
            choose_column(table, options.id_column, "publication-number")
            if options.id_column
            else detect_id_column(table, exclude=claims_choice.index)
        )
    except InputError as error:
        raise error.about(name) from None
    return Plan(
        input_name=name,
        kind=source.kind,
        encoding=source.encoding,
        delimiter=source.delimiter,
        streamed=source.streamed,
        sheet=sheet,
        header_row=table.header_row,
        columns=table.columns,
        claims_index=claims_choice.index,
        claims_reason=claims_choice.reason,
        id_index=id_choice.index if id_choice else None,
        id_reason=id_choice.reason if id_choice else None,
        rows_total=table.rows_total,
        options=options,
    ), table


def _cell(values: tuple, index: int | None) -> object:
    return values[index] if index is not None and index < len(values) else None


def iter_chunks(input_path: str | Path, plan: Plan, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """Stream the sheet once, in chunks of chunk_rows data rows holding what analysis needs."""
    return _chunks(iter_rows(plan.source(input_path), plan.sheet), plan, chunk_rows)


def _chunks(rows: Iterator[tuple], plan: Plan, chunk_rows: int) -> Iterator[Chunk]:
    """The sheet's rows, from row 1, as chunks of the data rows below the header."""
    numbered = enumerate(itertools.islice(rows, plan.header_row, None), plan.header_row + 1)
    for index in itertools.count():
        batch = tuple(
            (number, None if (patent := _cell(values, plan.id_index)) is None else str(patent),
             _cell(values, plan.claims_index))
            for number, values in itertools.islice(numbered, chunk_rows)
        )
        if not batch:
            return
        yield Chunk(index, batch[0][0], batch)


def analyse_chunk(chunk: Chunk, plan: Plan) -> ChunkResult:
    """Parse every claims cell of the chunk; pure and deterministic."""
    prefer = plan.options.prefer
    return ChunkResult(chunk.index, tuple(analyse_cell(row, patent, text, prefer) for row, patent, text in chunk.rows))


def analyse_and_write(
    input_path: str | Path,
    plan: Plan,
    analyse: Callable[[Iterator[Chunk]], Iterable[ChunkResult]],
    output_path: str | Path,
    fmt: str = "xlsx",
    run_info: Mapping[str, object] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Summary:
    """Read the sheet once: its chunks go through `analyse`, whose results are written beside the rows.

    The analysis side reads ahead by the chunks in flight, which tee keeps until they are written.
    """
    _check_output(input_path, output_path, fmt)
    rows = iter_rows(plan.source(input_path), plan.sheet)
    try:
        for_writing, for_analysis = itertools.tee(rows)
        results = analyse(_chunks(for_analysis, plan, chunk_rows))
        return _write(plan, for_writing, results, Path(output_path), fmt, run_info)
    finally:
        rows.close()


def _check_output(input_path: str | Path, output_path: str | Path, fmt: str) -> None:
    """Refuse an unknown format or an output that would overwrite the input, before any work."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if Path(output_path).resolve() == Path(input_path).resolve():
        raise InputError(f"{Path(output_path).name}: the output would overwrite the input; choose another -o path.")


def _write(
    plan: Plan,
    rows: Iterator[tuple],
    results: Iterable[ChunkResult],
    output_path: Path,
    fmt: str,
    run_info: Mapping[str, object] | None,
) -> Summary:
    """The sheet's rows, from row 1, and their results into the output file."""
    run_info = dict(run_info or {})
    started = float(run_info.get("started", time.time()))
    sink = open_sink(fmt, output_path, plan.columns, plan.options.headers, plan.header_row)
    try:
        tally = _Tally()
        for values in itertools.islice(rows, plan.header_row - 1):
            sink.title(values)
        header = next(rows, ())
        sink.header(header)
        results_rows = (row for result in results for row in result.rows)
        for numbered, result in itertools.zip_longest(enumerate(rows, plan.header_row + 1), results_rows):
            number, values = numbered or (None, ())
            if result is None or result.row != number:
                raise InputError(
                    f"{plan.input_name}: the results do not match the file's rows (near row {number}); "
                    "the file may have changed since it was planned: process it again."
                )
            tally.add(result)
            sink.row(values, result)
        seconds = time.time() - started
        summary = tally.summary(seconds, str(output_path), fmt)
        sink.finish(_summary_rows(plan, summary, run_info, fmt))
        return summary
    except BaseException:
        sink.discard()
        raise


class _Tally:
    """Running counts for the summary."""

    def __init__(self) -> None:
        self.rows = self.patents = self.claims = self.independent = self.dependent = 0
        self.languages: collections.Counter[str] = collections.Counter()
        self.issues: collections.Counter[str] = collections.Counter()
        self.claims_per_patent: collections.Counter[int] = collections.Counter()
        self.independent_per_patent: collections.Counter[int] = collections.Counter()

    def add(self, result: RowResult) -> None:
        self.rows += 1
        self.patents += bool(result.claims)
        self.claims += result.figures[2] or 0
        self.independent += result.figures[3] or 0
        self.dependent += result.figures[4] or 0
        self.languages[result.figures[0] or "none"] += 1
        self.issues.update(issue.severity for issue in result.issues)
        if result.figures[2]:
            self.claims_per_patent[result.figures[2]] += 1
            self.independent_per_patent[result.figures[3]] += 1

    def summary(self, seconds: float, output: str, fmt: str) -> Summary:
        return Summary(
            self.rows, self.patents, self.claims, self.independent, self.dependent,
            dict(sorted(self.languages.items())), dict(sorted(self.issues.items())), round(seconds, 3), output, fmt,
            _by_count(self.claims_per_patent), _by_count(self.independent_per_patent),
        )


def _by_count(counts: collections.Counter[int]) -> dict[str, int]:
    """Counts keyed by their number as text (JSON keys), in numeric order."""
    return {str(number): counts[number] for number in sorted(counts)}


def _summary_rows(plan: Plan, summary: Summary, run_info: Mapping[str, object], fmt: str) -> list[tuple[str, object]]:
    options = plan.options
    rows: list[tuple[str, object]] = [
        ("file", plan.input_name),
        ("sheet", plan.sheet),
        ("header row", plan.header_row),
        ("claims column", plan.claims_column),
        ("why this claims column", plan.claims_reason),
        ("publication-number column", plan.id_column or "(none)"),
        ("why this publication-number column", plan.id_reason or "no column looks like publication numbers"),
        ("preferred languages", ", ".join(options.prefer)),
        ("headers", options.headers),
        ("rows", summary.rows),
        ("rows with claims", summary.patents),
        ("claims", summary.claims),
        ("independent claims", summary.independent),
        ("dependent claims", summary.dependent),
        ("language mix", ", ".join(f"{k}: {v}" for k, v in summary.languages.items())),
        ("findings", ", ".join(f"{k}: {v}" for k, v in summary.issues.items()) or "none"),
        ("time taken (s)", summary.seconds),
        ("tool version", claims.__version__),
    ]
    rows += [(str(k), v if isinstance(v, (int, float, str)) else str(v)) for k, v in run_info.items() if k != "started"]
    return rows


def _analysed(chunks: Iterator[Chunk], plan: Plan, workers: int) -> Iterator[ChunkResult]:
    """analyse_chunk over the chunks, in order; in a process pool when workers > 1."""
    if workers <= 1:
        yield from (analyse_chunk(chunk, plan) for chunk in chunks)
        return
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        pending: collections.deque = collections.deque()
        for chunk in chunks:
            pending.append(pool.submit(analyse_chunk, chunk, plan))
            if len(pending) >= chunks_in_flight(workers):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def chunks_in_flight(workers: int) -> int:
    """How many chunks to keep submitted to a pool of this many processes."""
    return CHUNKS_IN_FLIGHT * workers


def default_workers(rows_total: int) -> int:
    """Every core for large inputs; one below POOL_MIN_ROWS, where a pool costs more than it saves."""
    return (os.cpu_count() or 1) if rows_total >= POOL_MIN_ROWS else 1


def process(
    input_path: str | Path,
    output_path: str | Path,
    options: Options = Options(),
    fmt: str = "xlsx",
    progress: Progress | None = None,
    workers: int | None = None,
    limits: Limits = Limits(),
) -> Summary:
    """Plan, analyse every chunk (on every core for large inputs) and write the output atomically."""
    started = time.time()
    _check_output(input_path, output_path, fmt)
    report = progress or (lambda done, total, stage: None)
    report(0, 0, "planning")
    the_plan = plan(input_path, options, limits)
    total = the_plan.rows_total
    if workers is None:
        workers = default_workers(total)
    report(0, total, "processing")

    def counted(results: Iterator[ChunkResult]) -> Iterator[ChunkResult]:
        done = 0
        for result in results:
            yield result
            done += len(result.rows)
            report(min(done, total), total, "processing")

    summary = analyse_and_write(
        input_path, the_plan, lambda chunks: counted(_analysed(chunks, the_plan, workers)), output_path, fmt,
        {"started": started, "workers": workers},
    )
    report(summary.rows, summary.rows, "done")
    return summary
