"""Chunk checkpoints: atomic files whose checksum catches any damage."""
from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

from claims.checkpoints import checkpoint_path, read_checkpoint, remove_stray_temporaries, write_checkpoint

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = {"index": 3, "rows": [{"claims": 12, "text": "一种装置"}] * 50}


def test_a_written_checkpoint_reads_back_equal(tmp_path):
    write_checkpoint(tmp_path, 3, PAYLOAD)
    assert read_checkpoint(tmp_path, 3) == PAYLOAD


def test_a_missing_checkpoint_reads_as_none(tmp_path):
    assert read_checkpoint(tmp_path, 0) is None


def test_a_checkpoint_with_one_changed_byte_reads_as_none(tmp_path):
    path = write_checkpoint(tmp_path, 0, PAYLOAD)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    assert read_checkpoint(tmp_path, 0) is None


def test_a_truncated_checkpoint_reads_as_none(tmp_path):
    path = write_checkpoint(tmp_path, 0, PAYLOAD)
    path.write_bytes(path.read_bytes()[:-10])
    assert read_checkpoint(tmp_path, 0) is None


def test_a_file_without_the_header_reads_as_none(tmp_path):
    checkpoint_path(tmp_path, 0).write_text('{"index": 0}')
    assert read_checkpoint(tmp_path, 0) is None


def test_a_checkpoint_of_format_1_json_and_zlib_reads_as_none(tmp_path):
    body = zlib.compress(json.dumps(PAYLOAD).encode(), 1)
    header = b"claims-checkpoint 1 %s %d\n" % (hashlib.sha256(body).hexdigest().encode(), len(body))
    checkpoint_path(tmp_path, 0).write_bytes(header + body)
    assert read_checkpoint(tmp_path, 0) is None


def test_writing_leaves_no_temporary_files(tmp_path):
    write_checkpoint(tmp_path, 0, PAYLOAD)
    assert [p.name for p in tmp_path.iterdir()] == [checkpoint_path(tmp_path, 0).name]


def test_stray_temporaries_are_removed_and_checkpoints_kept(tmp_path):
    write_checkpoint(tmp_path, 0, PAYLOAD)
    (tmp_path / ".000001.ckpt.123.abcd.tmp").write_bytes(b"partial")
    remove_stray_temporaries(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [checkpoint_path(tmp_path, 0).name]


def test_a_writer_killed_midway_leaves_a_whole_checkpoint_or_none(tmp_path):
    script = (
        "import sys; from pathlib import Path; from claims.checkpoints import write_checkpoint\n"
        "payload = {'rows': ['x' * 200] * 20000}\n"
        "i = 0\n"
        "while True:\n"
        "    write_checkpoint(Path(sys.argv[1]), i % 3, payload); i += 1\n"
    )
    for delay in (0.3, 0.45, 0.6):
        writer = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT)
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for index in range(3):
            assert read_checkpoint(tmp_path, index) in (None, {"rows": ["x" * 200] * 20000})
