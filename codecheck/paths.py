"""Where the bundled data lives, and where codecheck may keep caches.

In a checkout `rules/` and `corpora/` sit beside the package; in an installed wheel
they are copied into `codecheck/_data/`. Both layouts are looked up here, and only here.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The bundled folder `name` ("rules" or "corpora")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"codecheck's bundled '{name}' folder is missing; reinstall codecheck"
    )


def rules_dir() -> Path:
    return data_dir("rules")


def catalogue_dir() -> Path:
    """The bundled requirement files, one YAML file per instrument."""
    return rules_dir() / "catalogue"


def burden_params_path() -> Path:
    return rules_dir() / "burden.yaml"


def baseline_path() -> Path:
    """The committed results `codecheck check` compares against."""
    return rules_dir() / "baseline.json"


def corpora_dir() -> Path:
    return data_dir("corpora")


def cache_root() -> Path | None:
    """The folder for caches that only save time (lemma tables, compiled templates):
    `$CODECHECK_CACHE_DIR` or `$CODECHECK_CACHE`, else the user cache folder; None with
    `$CODECHECK_NO_CACHE`."""
    if os.environ.get("CODECHECK_NO_CACHE"):
        return None
    env = os.environ.get("CODECHECK_CACHE_DIR") or os.environ.get("CODECHECK_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("codecheck"))


def write_cache_file(path: Path, data: bytes | str, keep: int | None = None, pattern: str = "*") -> bool:
    """Write a file of a cache atomically: into a temporary file beside `path` (one per
    process, ending in `.tmp`, so that no `pattern` of the cache's own files takes it), then
    moved into place, so a reader never sees half a file. With `keep`, only the newest
    `keep` files matching `pattern` stay in the folder.
    False, and nothing left behind, when the folder cannot be written (a cache only saves
    time)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
        if keep is not None:
            files = sorted(path.parent.glob(pattern), key=lambda f: f.stat().st_mtime, reverse=True)
            for old in files[keep:]:
                old.unlink(missing_ok=True)
        return True
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False
