"""Errors a user can fix, and sentences for the user that the app can say in its own language.

The command line prints `str(error)`, one English line naming the file, and exits with code 2. A
message with a code also carries the fields it was made from, so the app says it in the interface
language from claims.i18n (`message.<code>`); one without a code is shown as it is.
"""
from __future__ import annotations


class Message(str):
    """An English sentence with the code and the fields it was made from."""

    code: str | None
    fields: dict[str, object]

    def __new__(cls, text: str, code: str | None = None, **fields: object) -> Message:
        message = super().__new__(cls, text)
        message.code = code
        message.fields = fields
        return message


class InputError(Exception):
    """Bad input (not a spreadsheet, corrupt, encrypted, empty, unknown sheet or column, too big)."""

    def __init__(self, message: str, code: str | None = None, **fields: object) -> None:
        super().__init__(" ".join(message.split()))
        self.message = Message(str(self), code, **fields)

    def about(self, file: str) -> InputError:
        """The same error, put as concerning the named file."""
        return InputError(f"{file}: {self}", self.message.code, **{**self.message.fields, "file": file})

    def naming(self, stored: str, known: str) -> InputError:
        """The same error naming the file as the user knows it rather than as it is stored."""
        fields = {key: known if value == stored else value for key, value in self.message.fields.items()}
        return InputError(str(self).replace(stored, known), self.message.code, **fields)
