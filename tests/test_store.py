"""The job store: JSON values on a real diskcache folder, eviction off, private folder."""
from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import zlib
import json
from pathlib import Path

from claims.store import DiskStore, open_store, resolve_data_dir, update

ROOT = Path(__file__).resolve().parents[1]


def test_values_come_back_equal_after_reopening(tmp_path):
    store = open_store(tmp_path / "data")
    store.put("job:a", {"state": "queued", "rows": [1, 2], "name": "专利"})
    store.close()
    assert open_store(tmp_path / "data").get("job:a") == {"state": "queued", "rows": [1, 2], "name": "专利"}


def test_values_are_stored_as_json_never_as_pickles(tmp_path):
    store = open_store(tmp_path)
    store.put("job:a", {"state": "queued"})
    store.close()
    with sqlite3.connect(tmp_path / "store" / "cache.db") as db:
        (raw,) = db.execute("SELECT value FROM Cache").fetchone()
    assert json.loads(zlib.decompress(raw)) == {"state": "queued"}


def test_eviction_is_off(tmp_path):
    open_store(tmp_path).close()
    with sqlite3.connect(tmp_path / "store" / "cache.db") as db:
        (policy,) = db.execute("SELECT value FROM Settings WHERE key = 'eviction_policy'").fetchone()
    assert policy == "none"


def test_a_new_data_folder_is_readable_by_its_owner_only(tmp_path):
    open_store(tmp_path / "new" / "data").close()
    assert stat.S_IMODE((tmp_path / "new" / "data").stat().st_mode) == 0o700


def test_the_data_folder_comes_from_the_environment_when_not_given(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir() == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"


def test_the_data_folder_defaults_to_data_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMS_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir() == tmp_path / "data"


def test_keys_lists_the_keys_with_a_prefix(tmp_path):
    store = DiskStore(tmp_path)
    for key in ("job:1", "job:2", "worker:1"):
        store.put(key, True)
    assert sorted(store.keys("job:")) == ["job:1", "job:2"]


def test_update_deletes_the_key_when_the_change_gives_none(tmp_path):
    store = DiskStore(tmp_path)
    store.put("k", 1)
    update(store, "k", lambda value: None)
    assert store.get("k") is None


def test_updates_from_several_processes_are_never_lost(tmp_path):
    script = (
        "import sys; from claims.store import open_store, update\n"
        "store = open_store(sys.argv[1])\n"
        "for _ in range(50): update(store, 'count', lambda v: (v or 0) + 1)\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT) for _ in range(4)
    ]
    assert [p.wait(timeout=60) for p in processes] == [0, 0, 0, 0]
    assert open_store(tmp_path).get("count") == 200
