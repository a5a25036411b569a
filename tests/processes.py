"""The processes a test started through the app: workers run detached, so they are found by their data folder."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def processes_using(data_dir: Path) -> list[int]:
    """Ids of the processes whose command line names data_dir (a test's own folder: its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if str(data_dir).encode() in command:
                found.append(int(entry.name))
    return found


def kill_processes_using(data_dir: Path, settle_seconds: float = 0.3) -> None:
    """SIGKILL every process whose command line names data_dir, looking again until none has shown up
    for settle_seconds: a worker the app was starting may still have been between fork and exec."""
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < settle_seconds:
        pids = processes_using(data_dir)
        if pids:
            quiet_since = time.monotonic()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)
