"""The one exception family of rodiff.

Every error a user can meet carries an Italian message that says what went wrong and what
to do. The CLI prints ``str(error)`` and exits non-zero; no traceback unless ``--debug``.
Anomalies *inside* a document are not exceptions: they are diagnostics (see ``model``).
"""

from __future__ import annotations


class RodiffError(Exception):
    """Base class: ``message`` is in Italian and is shown to the user as it is."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(RodiffError):
    """An input file cannot be read as a regulation (missing, empty, binary, corrupt...)."""


class OutputError(RodiffError):
    """An output cannot be written where asked (exists, is an input, folder missing...)."""
