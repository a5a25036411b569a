"""parse_claims against the ground truth of realistic generated exports (../shared/tools/gen_workbook.py)."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims import parse_claims

GENERATOR = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "gen_workbook.py"
ROWS = 400


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    if not GENERATOR.exists():
        pytest.skip("../shared/tools/gen_workbook.py is absent")
    folder = tmp_path_factory.mktemp("export")
    subprocess.run([sys.executable, str(GENERATOR), "--rows", str(ROWS), "--out", str(folder / "export.csv"),
                    "--csv", "--truth", str(folder / "truth.jsonl")], check=True, capture_output=True)
    with open(folder / "export.csv", encoding="utf-8-sig", newline="") as f:
        cells = [row["权利要求"] for row in csv.DictReader(f)]
    truth = [json.loads(line) for line in open(folder / "truth.jsonl", encoding="utf-8")]
    return list(zip(cells, truth))


def test_every_generated_cell_is_split_classified_and_linked_exactly(export):
    wrong = []
    for cell, truth in export:
        parsed = parse_claims(cell)
        got = (
            [c.number for c in parsed.claims],
            [c.number for c in parsed.claims if c.kind == "independent"],
            {str(c.number): list(c.refs) for c in parsed.claims if c.refs},
        )
        expected = (list(range(1, truth["n_claims"] + 1)), truth["independent"], truth["refs"])
        if got != expected:
            wrong.append(truth["row"])
    assert wrong == []


def test_bilingual_and_english_cells_choose_english_and_chinese_cells_chinese(export):
    expected = {"en": "en", "bi": "en", "zh": "zh", "empty": None, "junk": None}
    wrong = [t["row"] for cell, t in export if parse_claims(cell).language != expected[t["kind"]]]
    assert wrong == []
