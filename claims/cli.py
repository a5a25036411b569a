"""The command line: `python -m claims COMMAND ...`. Each command is a small function calling one
library function; add a command by writing its `add_*` and `run_*` functions and listing it in COMMANDS.

Errors a user can fix (InputError) print one line on stderr and exit with code 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.errors import InputError
from claims.inspection import inspect_input
from claims.pipeline import Options, process
from claims.progress import ProgressBar
from claims.sources import Limits
from claims.tables import column_letter
from claims.writing import FORMATS

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


COMMANDS: list[Command] = [
    Command("inspect", "show sheets, columns and the detected claims and publication-number columns",
            add_inspect, run_inspect),
    Command("process", "split every claims cell and write the processed workbook", add_process, run_process),
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
