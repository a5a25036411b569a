"""Accuracy of parse_claims on claims cells with exact ground truth, per case group.

Reads JSON Lines files in the corpus schema (../shared/corpus/README.md: id, text,
language, claims [{number, kind, refs, canceled?}], optional prefer) and scores
each claim: split (its number found once), refs (exact), kind (independent or
dependent; for canceled claims, flagged canceled) and each cell's language.
tests/test_engine_cases.py asserts on these scores; this script prints them.

    python bench/score_engine.py tests/cases/*.jsonl ../shared/corpus/uspto_samples.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

METRICS = ("split", "refs", "kind", "language")


@dataclass(frozen=True)
class Case:
    """One claims cell and the truth for the version its preference picks."""

    id: str
    group: str  # the case file's name without suffix: 'zh', 'multi', 'uspto_samples', ...
    text: str
    language: str | None
    claims: tuple[dict, ...]
    prefer: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Miss:
    """One wrong answer: which cell, which claim (None for the cell), what was expected and got."""

    case_id: str
    metric: str
    claim: int | None
    expected: object
    got: object

    def __str__(self) -> str:
        where = self.case_id if self.claim is None else f"{self.case_id} claim {self.claim}"
        return f"{where}: {self.metric} expected {self.expected!r}, got {self.got!r}"


@dataclass
class Score:
    """Right answers and totals for each metric, with every miss kept for reporting."""

    cells: int = 0
    claims: int = 0
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def ratio(self, metric: str) -> float:
        """Share of right answers; 1.0 when there was nothing to score."""
        return self.right[metric] / self.total[metric] if self.total[metric] else 1.0

    def add(self, other: Score) -> None:
        self.cells += other.cells
        self.claims += other.claims
        self.right.update(other.right)
        self.total.update(other.total)
        self.misses.extend(other.misses)

    def worst(self, metric: str, cells: int = 12, per_cell: int = 3) -> str:
        """The cells with most misses on `metric`, a few misses each, one per line."""
        by_cell: dict[str, list[Miss]] = {}
        for miss in self.misses:
            if miss.metric == metric:
                by_cell.setdefault(miss.case_id, []).append(miss)
        ranked = sorted(by_cell.values(), key=len, reverse=True)[:cells]
        lines = []
        for misses in ranked:
            lines += [f"  {m}" for m in misses[:per_cell]]
            if len(misses) > per_cell:
                lines.append(f"  {misses[0].case_id}: ... {len(misses) - per_cell} more")
        return "\n".join(lines)


def load_cases(path: Path) -> list[Case]:
    """Every case of one JSON Lines file, grouped under the file's stem."""
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                prefer = record.get("prefer")
                cases.append(
                    Case(
                        id=record["id"],
                        group=path.stem,
                        text=record["text"],
                        language=record["language"],
                        claims=tuple(record["claims"]),
                        prefer=tuple(prefer) if prefer else None,
                    )
                )
    return cases


def score_case(case: Case, parse: Callable) -> Score:
    """Score one cell: claims are matched by number; extra parsed claims count as wrong."""
    cell = parse(case.text, prefer=case.prefer) if case.prefer else parse(case.text)
    score = Score(cells=1, claims=len(case.claims))
    got_numbers = Counter(c.number for c in cell.claims)
    got_by_number = {c.number: c for c in cell.claims}
    expected_numbers = [c["number"] for c in case.claims]
    extras = sum(n for number, n in got_numbers.items() if number not in set(expected_numbers))
    extras += sum(got_numbers[number] - 1 for number in expected_numbers if got_numbers[number] > 1)
    for metric in ("split", "refs", "kind"):
        score.total[metric] = len(case.claims) + extras
    if [c.number for c in cell.claims] != expected_numbers:
        score.misses.append(Miss(case.id, "split", None, _runs(expected_numbers), _runs([c.number for c in cell.claims])))
    for truth in case.claims:
        number = truth["number"]
        got = got_by_number.get(number) if got_numbers[number] == 1 else None
        if got is None:
            for metric in ("split", "refs", "kind"):
                score.misses.append(Miss(case.id, metric, number, "one claim", f"{got_numbers[number]} claims"))
            continue
        score.right["split"] += 1
        if list(got.refs) == truth["refs"]:
            score.right["refs"] += 1
        else:
            score.misses.append(Miss(case.id, "refs", number, truth["refs"], list(got.refs)))
        expected_kind = "canceled" if truth.get("canceled") else truth["kind"]
        got_kind = "canceled" if got.canceled else got.kind
        if got_kind == expected_kind:
            score.right["kind"] += 1
        else:
            score.misses.append(Miss(case.id, "kind", number, expected_kind, got_kind))
    score.total["language"] = 1
    if cell.language == case.language:
        score.right["language"] = 1
    else:
        score.misses.append(Miss(case.id, "language", None, case.language, cell.language))
    return score


def score_cases(cases: Iterable[Case], parse: Callable) -> Score:
    """The summed score of many cells."""
    total = Score()
    for case in cases:
        total.add(score_case(case, parse))
    return total


def table(scores: dict[str, Score]) -> str:
    """A plain-text table: one row per group and a total row."""
    total = Score()
    for score in scores.values():
        total.add(score)
    rows = [("group", "cells", "claims", *METRICS)]
    for name, score in [*scores.items(), ("total", total)]:
        rows.append((name, str(score.cells), str(score.claims), *(f"{score.ratio(m):.3f}" for m in METRICS)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows)


def _runs(numbers: list[int]) -> str:
    """'1-10, 12, 14-15': claim numbers in a short readable form."""
    parts: list[list[int]] = []
    for n in numbers:
        if parts and n == parts[-1][-1] + 1:
            parts[-1].append(n)
        else:
            parts.append([n])
    return ", ".join(str(p[0]) if len(p) == 1 else f"{p[0]}-{p[-1]}" for p in parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSON Lines case files")
    parser.add_argument("--misses", action="store_true", help="also list every miss")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from claims import parse_claims

    scores = {}
    for path in args.files:
        if not path.is_file():
            parser.error(f"{path} is not a file; give JSON Lines case files such as tests/cases/en.jsonl")
        scores[path.stem] = score_cases(load_cases(path), parse_claims)
    print(table(scores))
    if args.misses:
        for name, score in scores.items():
            for miss in score.misses:
                print(f"{name}\t{miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
