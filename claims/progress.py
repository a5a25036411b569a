"""A progress bar on stderr: rows done of total, rate, time left. Shared by `process` and `wait`."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def format_duration(seconds: float) -> str:
    """'1:05' for 65 seconds, '1:01:05' past an hour."""
    seconds = max(int(seconds + 0.5), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render(done: int, total: int, stage: str, rate: float | None, eta: float | None, width: int = 30) -> str:
    """One line: '[#####-----]  5,000/10,000 rows  1,234 rows/s  0:04 left  processing'."""
    fraction = done / total if total else 0.0
    filled = int(width * min(fraction, 1.0))
    parts = [f"[{'#' * filled}{'-' * (width - filled)}] {fraction:4.0%}", f"{done:,}/{total:,} rows"]
    if rate:
        parts.append(f"{rate:,.0f} rows/s")
    if eta is not None:
        parts.append(f"{format_duration(eta)} left")
    parts.append(stage)
    return "  ".join(parts)


class ProgressBar:
    """Callable as progress(rows_done, rows_total, stage); redraws at most every `interval` seconds."""

    def __init__(self, stream: TextIO = sys.stderr, interval: float = 0.2) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if self.tty else max(interval, 5.0)
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int, stage: str, rate: float | None = None, eta: float | None = None) -> None:
        now = time.monotonic()
        final = stage in ("done", "failed", "canceled")
        if not final and (not total or now - self.last < self.interval):
            return
        self.last = now
        elapsed = now - self.started
        if rate is None and done and elapsed > 0:
            rate = done / elapsed
        if eta is None and rate and total >= done:
            eta = (total - done) / rate
        line = render(done, total, stage, rate, None if final else eta)
        if self.tty:
            self.stream.write(f"\r{line}\x1b[K{chr(10) if final else ''}")
            self.shown = not final
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the line if a bar is still drawn (after an error, say)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
