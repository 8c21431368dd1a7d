"""Reading corporate governance codes: files of the user's, or the bundled codes.

`load_code` is the one entry point: a path is read as a document (PDF, Word, text,
Markdown or our YAML corpus format); anything else is looked up among the bundled codes,
which come from the official text when it has been fetched and from our digest otherwise.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..model import Code

__all__ = ["load_code", "read_document", "bundled_ids"]


def read_document(path: str | Path, lang: str | None = None) -> Code:
    from .read import read_document as _read

    return _read(path, lang=lang)


def bundled_ids() -> list[str]:
    from .bundled import bundled_ids as _ids

    return _ids()


def load_code(path_or_id: str | Path | Code, lang: str | None = None) -> Code:
    """A `Code` from a file path, a bundled code id (`be-cg-2020`), or a `Code` as is."""
    if isinstance(path_or_id, Code):
        return path_or_id
    target = str(path_or_id)
    if not target.strip():
        raise DocumentError("E100", "no code given: name a file or a bundled code id")
    path = Path(target).expanduser()
    if path.is_file():
        return read_document(path, lang=lang)
    if path.is_dir():
        raise DocumentError("E102", f"{target} is a folder; name a code file inside it")
    known = bundled_ids()
    if target in known:
        from .bundled import load_bundled

        return load_bundled(target, lang=lang)
    looks_like_path = any(sep in target for sep in ("/", "\\")) or path.suffix != ""
    if looks_like_path:
        raise DocumentError("E101", f"file not found: {target}")
    raise DocumentError(
        "E103",
        f"unknown code '{target}': give a file path or one of the bundled ids "
        f"({', '.join(known)}); `codecheck corpora list` shows them",
    )
