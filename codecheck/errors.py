"""Errors a user can act on.

Every error codecheck raises on purpose is a `CodecheckError` with a short code
(like spaCy's E-codes) and one sentence that names the problem and what to do.
The CLI prints it on one line and exits 2; a notebook shows it as an exception.

Code ranges: E0xx usage, E1xx documents and corpora, E2xx catalogue,
E3xx burden parameters, E4xx reports and output.
"""

from __future__ import annotations


class CodecheckError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 2

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class UsageError(CodecheckError):
    """Bad command-line usage or API arguments."""


class DocumentError(CodecheckError):
    """A code document that cannot be read or structured."""


class CatalogueError(CodecheckError):
    """A catalogue that cannot be loaded (see `codecheck validate` for every problem)."""


class ParameterError(CodecheckError):
    """An unknown or malformed burden parameter."""


class OutputError(CodecheckError):
    """A report that cannot be written."""
