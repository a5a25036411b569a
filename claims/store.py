"""The job store: a small key-value interface with a diskcache backend on disk.

Values are JSON, never pickles (write access to the folder must not mean code execution), and
eviction is off (diskcache's default policy silently drops entries past 1 GB). Uploaded files,
checkpoints and results are plain files beside the store, under the same data folder.
"""
from __future__ import annotations

import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

import diskcache

DATA_DIR_ENV = "CLAIMS_DATA_DIR"
DEFAULT_DATA_DIR = "data"


class Store(Protocol):
    """What the jobs, the worker and the supervisor need from a store."""

    data_dir: Path

    def get(self, key: str) -> Any | None:
        """The JSON value under key, or None."""

    def put(self, key: str, value: Any) -> None:
        """Store a JSON value under key."""

    def delete(self, key: str) -> None:
        """Remove key if present."""

    def keys(self, prefix: str) -> Iterator[str]:
        """Every key starting with prefix."""

    def transaction(self) -> AbstractContextManager[None]:
        """Serialise a read-modify-write against every other process using the store."""


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument, else $CLAIMS_DATA_DIR, else ./data."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    return Path(chosen).expanduser().resolve()


def make_private_dir(path: Path) -> Path:
    """Create path (and parents) readable by the owner only; an existing folder is left as is."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)  # mkdir's mode is filtered through the umask
    return path


class DiskStore:
    """Store backed by diskcache (SQLite) in <data_dir>/store, safe across processes."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = make_private_dir(data_dir)
        self._cache = diskcache.Cache(
            str(make_private_dir(data_dir / "store")),
            disk=diskcache.JSONDisk,
            eviction_policy="none",
            timeout=60,
        )

    def get(self, key: str) -> Any | None:
        return self._cache.get(key, retry=True)

    def put(self, key: str, value: Any) -> None:
        self._cache.set(key, value, retry=True)

    def delete(self, key: str) -> None:
        self._cache.delete(key, retry=True)

    def keys(self, prefix: str) -> Iterator[str]:
        return (key for key in self._cache.iterkeys() if key.startswith(prefix))

    def transaction(self) -> AbstractContextManager[None]:
        return self._cache.transact(retry=True)

    def close(self) -> None:
        self._cache.close()


def update(store: Store, key: str, change: Callable[[Any | None], Any | None]) -> Any | None:
    """Atomically replace the value under key by change(value); None from change deletes it."""
    with store.transaction():
        value = change(store.get(key))
        if value is None:
            store.delete(key)
        else:
            store.put(key, value)
    return value


def open_store(data_dir: str | os.PathLike[str] | None = None) -> DiskStore:
    """Open (creating when needed) the store under the data folder."""
    return DiskStore(resolve_data_dir(data_dir))
