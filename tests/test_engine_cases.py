"""parse_claims against claims cells with exact ground truth.

Hand-written cells in tests/cases/ (one file per language, plus multi-version
cells) and the real USPTO corpus in ../shared/corpus. Scoring lives in
bench/score_engine.py, which prints the same figures as a table.
"""
from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

from claims import parse_claims

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
CORPUS = ROOT.parent / "shared" / "corpus" / "uspto_samples.jsonl"
GROUPS = ("zh", "en", "ja", "ko", "de", "fr", "es", "multi")
LANGUAGES = {"zh", "en", "ja", "ko", "de", "fr", "es", "it", "pt", "nl"}  # every language table
TARGETS = {"split": 0.98, "refs": 0.98, "kind": 0.98, "language": 0.95}
CORPUS_TARGET = 0.99


def _load_scorer():
    spec = importlib.util.spec_from_file_location("score_engine", ROOT / "bench" / "score_engine.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


scoring = _load_scorer()


@cache
def score_of(path: Path):
    return scoring.score_cases(scoring.load_cases(path), parse_claims)


def _failure(score, metric: str, target: float) -> str:
    return (
        f"{metric} {score.ratio(metric):.3f} < {target} "
        f"({score.right[metric]}/{score.total[metric]}); worst cells:\n{score.worst(metric)}"
    )


@pytest.mark.parametrize("group", GROUPS)
def test_every_language_has_a_case_file(group):
    assert (CASES / f"{group}.jsonl").is_file()


@pytest.mark.parametrize("group", GROUPS)
def test_case_files_follow_the_corpus_conventions(group):
    problems = []
    seen = set()
    for case in scoring.load_cases(CASES / f"{group}.jsonl"):
        if case.id in seen:
            problems.append(f"{case.id}: duplicate id")
        seen.add(case.id)
        numbers = [c["number"] for c in case.claims]
        if numbers != sorted(set(numbers)):
            problems.append(f"{case.id}: claim numbers not increasing")
        if (case.language is None) != (not case.claims):
            problems.append(f"{case.id}: language must be null exactly when there are no claims")
        if case.language is not None and case.language not in LANGUAGES:
            problems.append(f"{case.id}: unknown language {case.language}")
        for claim in case.claims:
            refs = claim["refs"]
            if refs != sorted(set(refs)):
                problems.append(f"{case.id} claim {claim['number']}: refs not sorted and unique")
            if claim.get("canceled") and refs:
                problems.append(f"{case.id} claim {claim['number']}: a canceled claim has no refs")
            if not claim.get("canceled") and claim["kind"] != ("dependent" if refs else "independent"):
                problems.append(f"{case.id} claim {claim['number']}: kind must be dependent exactly when refs")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("metric", tuple(TARGETS))
@pytest.mark.parametrize("group", GROUPS)
def test_hand_written_cases_reach_the_accuracy_target(group, metric):
    score = score_of(CASES / f"{group}.jsonl")
    assert score.ratio(metric) >= TARGETS[metric], _failure(score, metric, TARGETS[metric])


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus/uspto_samples.jsonl is absent")
@pytest.mark.parametrize("metric", ("split", "refs"))
def test_uspto_corpus_claims_are_split_and_referenced_exactly(metric):
    score = score_of(CORPUS)
    assert score.ratio(metric) >= CORPUS_TARGET, _failure(score, metric, CORPUS_TARGET)
