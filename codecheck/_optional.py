"""Optional dependencies, imported only when a feature needs them."""

from __future__ import annotations

import importlib

from .errors import UsageError

_EXTRAS = {"pandas": "notebook", "matplotlib": "notebook"}


def require(module: str):
    """Import `module`, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module, "notebook")
        raise UsageError(
            "E010",
            f"this needs {module}, which is not installed: pip install 'codecheck[{extra}]'",
        ) from None
