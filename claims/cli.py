"""The command line: `python -m claims COMMAND ...`. Each command is a small function calling one
library function; add a command by writing its `add_*` and `run_*` functions and listing it in COMMANDS.

Errors a user can fix (InputError) print one line on stderr and exit with code 2.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.errors import InputError
from claims.inspection import inspect_input
from claims.jobs import (
    DONE, FINISHED, Job, cancel, list_jobs, open_store, plan_input, require_job, result_path, retry, submit,
)
from claims.pipeline import Options, process
from claims.progress import ProgressBar
from claims.sources import Limits
from claims.supervisor import ensure_worker
from claims.tables import column_letter
from claims.writing import FORMATS
from claims.worker import WorkerSettings, run_worker

EXIT_INPUT = 2


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, argument setup and what it runs."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """INPUT and the options that choose what to read (shared by inspect, process and submit)."""
    parser.add_argument("input", metavar="INPUT", type=Path, help="workbook: .xlsx .xlsm .xls .ods .csv .tsv")
    parser.add_argument("--sheet", help="sheet name (default: the first sheet)")
    parser.add_argument("--column", help="claims column, by header name or letter (default: detected)")
    parser.add_argument("--id-column", help="publication-number column (default: detected)")
    parser.add_argument("--prefer", default="en,zh", help="preferred claims languages, in order (default: en,zh)")
    parser.add_argument("--headers", choices=("en", "zh"), default="en", help="output header language")
    parser.add_argument("--max-mb", type=float, default=Limits.max_file_bytes / 2**20,
                        help="refuse input files larger than this (MB)")
    parser.add_argument("--max-inflate-mb", type=float, default=Limits.max_uncompressed_bytes / 2**20,
                        help="refuse workbooks that inflate beyond this (MB; zip bomb guard)")


def options_from(args: argparse.Namespace) -> Options:
    """Options from parsed arguments."""
    prefer = tuple(code.strip() for code in args.prefer.split(",") if code.strip())
    return Options(sheet=args.sheet, column=args.column, id_column=args.id_column, prefer=prefer,
                   headers=args.headers)


def limits_from(args: argparse.Namespace) -> Limits:
    """Limits from parsed arguments."""
    return Limits(max_file_bytes=int(args.max_mb * 2**20), max_uncompressed_bytes=int(args.max_inflate_mb * 2**20))


def add_inspect(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run_inspect(args: argparse.Namespace) -> int:
    found = inspect_input(args.input, options_from(args), limits_from(args))
    if args.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return 0
    plan = found.plan
    print(f"{plan.input_name} ({plan.kind})")
    for sheet in found.sheets:
        print(f"  sheet {sheet.name!r}: {sheet.rows:,} rows{'  <- chosen' if sheet.name == plan.sheet else ''}")
    print(f"header row {plan.header_row}, {plan.rows_total:,} data rows, columns:")
    for index, name in enumerate(plan.columns):
        print(f"  {column_letter(index):>3}  {name}")
    print(f"claims column: {plan.claims_reason}")
    print(f"publication-number column: {plan.id_reason or 'none found (use --id-column)'}")
    return 0


def add_process(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument("-o", "--output", type=Path, help="output file (default: INPUT.processed.FORMAT beside it)")
    parser.add_argument("--format", choices=FORMATS, default="xlsx", help="output format (default: xlsx)")
    parser.add_argument("--workers", type=int, help="processes for analysis (default: every core for large inputs)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run_process(args: argparse.Namespace) -> int:
    output = args.output or args.input.with_name(f"{args.input.stem}.processed.{args.format}")
    bar = None if args.quiet else ProgressBar()
    try:
        summary = process(args.input, output, options_from(args), args.format, bar, args.workers, limits_from(args))
    finally:
        if bar is not None:
            bar.close()
    print(
        f"{output}: {summary.rows:,} rows, {summary.claims:,} claims ({summary.independent:,} independent) "
        f"in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """--data-dir, shared by the job commands."""
    parser.add_argument("--data-dir", type=Path,
                        help="where jobs are kept (default: $CLAIMS_DATA_DIR, else ./data)")


def add_job_id(parser: argparse.ArgumentParser) -> None:
    add_data_dir(parser)
    parser.add_argument("job", metavar="JOB", help="job id, as printed by submit")


def add_submit(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    add_data_dir(parser)
    parser.add_argument("--no-worker", action="store_true",
                        help="do not start a background worker when none is running")


def run_submit(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    options = options_from(args)
    plan = plan_input(args.input, options, args.input.name, limits_from(args))
    job = submit(store, args.input, options, plan=plan)
    if not args.no_worker:
        ensure_worker(store=store)
    print(f"{job.filename}: {job.rows_total:,} rows, job {job.state}", file=sys.stderr)
    print(job.id)
    return 0


def add_status(parser: argparse.ArgumentParser) -> None:
    add_data_dir(parser)
    parser.add_argument("job", metavar="JOB", nargs="?", help="job id (default: list every job)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _job_json(job: Job) -> dict:
    return {**{k: v for k, v in job.to_dict().items() if k != "plan"}, "progress": job.progress}


def _job_line(job: Job) -> str:
    total = "?" if job.rows_total is None else f"{job.rows_total:,}"
    line = f"{job.id}  {job.state:<8} {job.progress:4.0%}  {job.rows_done:,}/{total} rows  {job.filename}"
    return f"{line}  ({job.error})" if job.error else line


def run_status(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    jobs = [require_job(store, args.job)] if args.job else list_jobs(store)
    if args.json:
        found = [_job_json(job) for job in jobs]
        print(json.dumps(found[0] if args.job else found, ensure_ascii=False, indent=2))
    elif not jobs:
        print("no jobs; `python -m claims submit INPUT` queues one", file=sys.stderr)
    for job in [] if args.json else jobs:
        print(_job_line(job))
    return 0


def add_wait(parser: argparse.ArgumentParser) -> None:
    add_job_id(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run_wait(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    bar = None if args.quiet else ProgressBar()
    job = require_job(store, args.job)
    try:
        while job.state not in FINISHED:
            if bar is not None:
                bar(job.rows_done, job.rows_total or 0, job.stage, job.rate, job.eta_seconds)
            time.sleep(0.2)
            job = require_job(store, args.job)
        if bar is not None:
            bar(job.rows_done, job.rows_total or 0, job.state)
    finally:
        if bar is not None:
            bar.close()
    if job.state != DONE:
        print(f"job {job.id} {job.state}{': ' + job.error if job.error else ''}", file=sys.stderr)
        return 1
    return 0


def add_result(parser: argparse.ArgumentParser) -> None:
    add_job_id(parser)
    parser.add_argument("-o", "--output", type=Path, help="where to copy the result "
                        "(default: the input's name with .processed.FORMAT, in this folder)")
    parser.add_argument("--format", choices=FORMATS, default="xlsx", help="output format (default: xlsx)")


def run_result(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    job = require_job(store, args.job)
    source = result_path(store, job, args.format)
    output = args.output or Path(f"{Path(job.filename).stem}.processed.{args.format}")
    partial = output.with_name(f".{output.name}.partial")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    print(output)
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    job = cancel(open_store(args.data_dir), args.job)
    print(f"job {job.id} {job.state}")
    return 0


def add_retry(parser: argparse.ArgumentParser) -> None:
    add_job_id(parser)
    parser.add_argument("--no-worker", action="store_true",
                        help="do not start a background worker when none is running")


def run_retry(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    job = retry(store, args.job)
    if not args.no_worker:
        ensure_worker(store=store)
    print(f"job {job.id} {job.state}")
    return 0


def add_worker(parser: argparse.ArgumentParser) -> None:
    add_data_dir(parser)
    parser.add_argument("--once", action="store_true", help="exit when no job is left instead of waiting")
    parser.add_argument("--retention-days", type=float, default=7.0,
                        help="delete finished jobs and their files after this many days (default: 7)")
    parser.add_argument("--lease", type=float, default=WorkerSettings.lease_seconds,
                        help="seconds without a heartbeat after which another worker takes a job over")


def run_worker_command(args: argparse.Namespace) -> int:
    run_worker(open_store(args.data_dir), args.once, args.retention_days, args.lease)
    return 0


COMMANDS: list[Command] = [
    Command("inspect", "show sheets, columns and the detected claims and publication-number columns",
            add_inspect, run_inspect),
    Command("process", "split every claims cell and write the processed workbook", add_process, run_process),
    Command("submit", "queue INPUT for the background worker; prints the job id last", add_submit, run_submit),
    Command("status", "show one job, or list every job", add_status, run_status),
    Command("wait", "show a job's progress until it ends", add_wait, run_wait),
    Command("result", "copy a done job's result to a file", add_result, run_result),
    Command("cancel", "stop a queued or running job and remove its partial files", add_job_id, run_cancel),
    Command("retry", "queue a failed or canceled job again", add_retry, run_retry),
    Command("worker", "run a background worker that processes queued jobs", add_worker, run_worker_command),
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with a subcommand for each entry of COMMANDS."""
    parser = argparse.ArgumentParser(prog="python -m claims", description="Patent claims analysis.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; InputError and OS errors become one line on stderr and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}; check the path and permissions.",
              file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; nothing was written.", file=sys.stderr)
        return 130
