"""codecheck: how far do Belgium's corporate governance codes integrate human-rights due
diligence, and what would it cost to close each gap?

    >>> import codecheck
    >>> report = codecheck.analyse()            # bundled codes, catalogue and parameters
    >>> report.to_frame()                       # one row per requirement × code

The stages are usable on their own: `load_code`, `load_catalogue`, `codecheck.matching`,
`codecheck.burden`, and `Report` with its writers.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import analyse
from .errors import CodecheckError
from .model import (
    Catalogue,
    Code,
    Coverage,
    CoverageLevel,
    Element,
    Evidence,
    Provision,
    Requirement,
)

__all__ = [
    "__version__",
    "analyse",
    "load_code",
    "load_catalogue",
    "Report",
    "Code",
    "Provision",
    "Catalogue",
    "Requirement",
    "Element",
    "Evidence",
    "Coverage",
    "CoverageLevel",
    "CodecheckError",
]


def load_code(path_or_id, lang: str | None = None) -> Code:
    """A code from a file (PDF, Word, text, Markdown, YAML corpus) or a bundled id."""
    from .documents import load_code as _load_code

    return _load_code(path_or_id, lang=lang)


def load_catalogue(path=None) -> Catalogue:
    """The requirements catalogue: the bundled one, or rule files at `path`."""
    from .catalogue import load_catalogue as _load_catalogue

    return _load_catalogue(path)


def __getattr__(name: str):
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(f"module 'codecheck' has no attribute {name!r}")
