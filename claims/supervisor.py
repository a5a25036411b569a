"""Keep a worker alive: the app calls ensure_worker on each page run.

A worker it starts runs detached from the app (its own session, its own process group), so stopping
or restarting the app never stops jobs. A file lock makes two page loads that race start one worker,
and a recorded launch covers the moment before the new worker's first heartbeat.
"""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from claims.store import Store, open_store
from claims.worker import HOST, process_start, live_workers, process_alive

LAUNCH_GRACE_SECONDS = 15.0  # a launched worker must beat within this long
_launched: list[subprocess.Popen[bytes]] = []  # kept only to reap them when they exit


def _launch_pending(store: Store) -> bool:
    launch = store.get("launch")
    return (
        launch is not None
        and launch["host"] == HOST
        and time.time() - launch["at"] < LAUNCH_GRACE_SECONDS
        and process_alive(launch["pid"], launch["start"])
    )


def start_worker(data_dir: Path) -> subprocess.Popen[bytes]:
    """Start `python -m claims worker` in its own session, logging to <data_dir>/worker.log."""
    with open(data_dir / "worker.log", "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "claims", "worker", "--data-dir", str(data_dir)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            cwd=Path(__file__).resolve().parents[1], close_fds=True,
        )


def ensure_worker(data_dir: str | os.PathLike[str] | None = None, store: Store | None = None) -> bool:
    """Start a detached worker unless one has a live heartbeat; True when one was started.

    A caller that holds the store passes it, sparing a store opened and closed on every page run.
    """
    if store is None:
        opened = open_store(data_dir)
        try:
            return ensure_worker(store=opened)
        finally:
            opened.close()
    for process in list(_launched):
        if process.poll() is not None:
            _launched.remove(process)
    with open(store.data_dir / "supervisor.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released by the kernel even if we die holding it
        if live_workers(store) or _launch_pending(store):
            return False
        process = start_worker(store.data_dir)
        _launched.append(process)
        store.put("launch", {"pid": process.pid, "host": HOST, "at": time.time(),
                             "start": process_start(process.pid)})
        return True
