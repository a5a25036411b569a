"""The interface strings: complete in both languages, and every key the pages ask for exists."""
import re
import string
from pathlib import Path

import pytest

from claims import i18n

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
