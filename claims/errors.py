"""Errors a user can fix: one line that names the file and says what to do.

The command line prints `str(error)` and exits with code 2; the app shows the same line.
"""
from __future__ import annotations


class InputError(Exception):
    """Bad input (not a spreadsheet, corrupt, encrypted, empty, unknown sheet or column, too big)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)
