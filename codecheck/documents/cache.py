"""The local cache of official code documents (`codecheck corpora fetch|add`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_ENV = "CODECHECK_CACHE"
_SKIP_SUFFIXES = (".part", ".tmp")


def cache_dir() -> Path:
    """Where official documents are kept: `$CODECHECK_CACHE`, else the platform's user cache."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("codecheck"))


def cached_path(code_id: str, lang: str) -> Path | None:
    """The cached official document of a code in one language, or None."""
    folder = cache_dir() / "official"
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"{code_id}.{lang}.*")):
        if path.is_file() and not path.name.startswith(".") and path.suffix not in _SKIP_SUFFIXES:
            return path
    return None


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
