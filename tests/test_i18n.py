"""The interface strings: complete in both languages, every key the pages ask for exists, and every
refusal and column reason of the claims package can be said in both."""
import re
import string
from pathlib import Path

import pytest

from claims import i18n
from claims.errors import InputError
from claims.inspection import inspect_input
from claims.pipeline import Options
from claims.sources import Limits
from workbooks import write_encrypted, write_xlsx, write_zip_bomb

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", ROOT / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_exists_in_chinese_and_english():
    incomplete = [key for key, entry in i18n.STRINGS.items() if set(entry) != set(i18n.LANGUAGES) or not all(entry.values())]
    assert incomplete == []


def test_both_languages_of_a_string_fill_the_same_fields():
    assert [key for key, entry in i18n.STRINGS.items() if fields(entry["en"]) != fields(entry["zh"])] == []


def test_every_key_the_pages_ask_for_is_in_the_table():
    used = {key for source in SOURCES for key in re.findall(r'\bt\("([a-z_.\-]+)"', source.read_text())}
    assert used and used - set(i18n.STRINGS) == set()


def test_fields_are_filled_in_the_chosen_language():
    assert i18n.text("job.rows", "zh", done="5", total="9") == "5 / 9 行"
    assert i18n.text("job.rows", "en", done="5", total="9") == "5 / 9 rows"


def test_an_unknown_interface_language_falls_back_to_english():
    assert i18n.text("jobs.title", "fr") == "Jobs"


@pytest.mark.parametrize(
    ("seconds", "en", "zh"),
    [(4.4, "4 s", "4 秒"), (65, "1 min 05 s", "1 分 05 秒"), (7322, "2 h 02 min", "2 小时 02 分"), (-3, "0 s", "0 秒")],
)
def test_durations_read_as_a_person_would_say_them(seconds, en, zh):
    assert (i18n.duration(seconds, "en"), i18n.duration(seconds, "zh")) == (en, zh)


def test_the_language_switch_names_each_language_in_its_own_words():
    assert [i18n.language_name(code) for code in i18n.LANGUAGES] == ["中文", "English"]


def refusal(path: Path, options: Options = Options(), limits: Limits = Limits()) -> InputError:
    with pytest.raises(InputError) as caught:
        inspect_input(path, options, limits)
    return caught.value


REFUSALS = {
    "no-file": lambda folder: refusal(folder / "gone.xlsx"),
    "empty-file": lambda folder: refusal(written(folder / "empty.xlsx", b"")),
    "too-big": lambda folder: refusal(write_xlsx(folder / "big.xlsx"), limits=Limits(max_file_bytes=1000)),
    "pdf": lambda folder: refusal(written(folder / "scan.xlsx", b"%PDF-1.7 ...")),
    "not-spreadsheet": lambda folder: refusal(written(folder / "notes.xlsx", b"just some notes")),
    "corrupt-file": lambda folder: refusal(written(folder / "cut.xlsx", write_xlsx(folder / "whole.xlsx").read_bytes()[:900])),
    "zip-bomb": lambda folder: refusal(write_zip_bomb(folder / "bomb.xlsx", 32 << 20), limits=Limits(ratio_floor_bytes=1 << 20)),
    "encrypted": lambda folder: refusal(write_encrypted(folder / "locked.xlsx", write_xlsx(folder / "plain.xlsx"))),
    "not-text": lambda folder: refusal(written(folder / "odd.csv", bytes(range(128, 256)) * 8)),
    "no-sheet": lambda folder: refusal(write_xlsx(folder / "in.xlsx"), Options(sheet="Sheet9")),
    "empty-sheet": lambda folder: refusal(write_xlsx(folder / "in.xlsx", rows=(), header=())),
    "no-data-rows": lambda folder: refusal(write_xlsx(folder / "in.xlsx", rows=())),
    "no-claims-column": lambda folder: refusal(write_xlsx(folder / "in.xlsx", rows=[("CN1A", "x")], header=("a", "b"))),
    "no-column": lambda folder: refusal(write_xlsx(folder / "in.xlsx"), Options(column="Claims")),
}


def written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("code", REFUSALS)
def test_every_refusal_a_user_meets_is_said_in_both_languages_with_the_file_named(tmp_path, code):
    message = REFUSALS[code](tmp_path).message
    assert message.code == code and message.fields["file"] in message
    for language in i18n.LANGUAGES:
        said = i18n.text(f"message.{code}", language, **message.fields)
        assert said and "{" not in said
    assert re.search(r"[\u4e00-\u9fff]", i18n.text(f"message.{code}", "zh", **message.fields))


def test_every_column_reason_reads_in_english_as_the_command_line_prints_it(tmp_path):
    inputs = [
        (write_xlsx(tmp_path / "in.xlsx"), Options()),
        (write_xlsx(tmp_path / "plain.xlsx", header=("p", "a", "b", "c", "t")), Options()),
        (write_xlsx(tmp_path / "bare.xlsx", rows=[("CN112345678A", None)], header=("p", "Claims")), Options()),
        (write_xlsx(tmp_path / "in.xlsx"), Options(column="E", id_column="A")),
    ]
    codes = set()
    for path, options in inputs:
        plan = inspect_input(path, options).plan
        for reason in (plan.claims_reason, plan.id_reason):
            assert i18n.text(f"message.{reason.code}", "en", **reason.fields) == reason
            assert "“" in i18n.text(f"message.{reason.code}", "zh", **reason.fields)
            codes.add(reason.code)
    assert codes == {"claims-header", "claims-header-content", "claims-content", "id-header-content", "id-content",
                     "chosen-claims", "chosen-publication-number"}
