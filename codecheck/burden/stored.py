"""Priced codes kept on disk, so that a new process does not price them again.

Pricing one code (its Monte Carlo draws and its frontier of amendment packages) takes
about 0.2 s, and a report run again on the same inputs gives the same figures. Each priced
code is kept in `<cache>/burden/` (`paths.cache_root()`; nothing is kept with
`$CODECHECK_NO_CACHE`), one file per code, named by a digest of everything pricing reads.
That is what `assessment._CodeInputs` compares in memory: the parameters, the code id,
whether packages were asked for, the catalogue's requirements apart from their terms, and
the code's coverage of each. The digest also covers the source of the burden model and of
the coverage index it uses, and numpy's version, so a changed model never reads old
figures. A file that cannot be read is priced again and written anew; the folder keeps
the newest `KEPT` files. The files are pickles, written and read only by codecheck in
the user's own cache folder, so that every figure comes back exactly as it was priced.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import json
import pickle
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..paths import write_cache_file

FORMAT = b"codecheck-burden-1"
KEPT = 64  # files kept in the folder, newest first


def folder() -> Path | None:
    """The `burden` subfolder of `paths.cache_root()`; None with `$CODECHECK_NO_CACHE`."""
    from ..paths import cache_root

    root = cache_root()
    return None if root is None else root / "burden"


def digest(value: Any) -> str:
    """A digest of a value made of dataclasses, mappings, sequences and plain values, as
    they compare: dataclass fields that take no part in equality are left out."""
    text = json.dumps(_canonical(value), sort_keys=True, separators=(",", ":"), default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key(*parts: str) -> str | None:
    """The file name for a code priced from these digests (and this burden model); None
    when the model's source cannot be read (nothing is then kept or read back)."""
    model = _model_digest()
    if not model:
        return None
    h = hashlib.sha256(FORMAT + b"\0" + model.encode())
    for part in parts:
        h.update(b"\0" + part.encode("utf-8"))
    return h.hexdigest()[:40]


def load(name: str | None) -> Any | None:
    """What `save` kept under `name`, or None (nothing kept, or a file that cannot be read)."""
    where = folder()
    if where is None or name is None:
        return None
    try:
        with (where / f"{name}.pickle").open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file: price again
        return None


def save(name: str | None, value: Any) -> None:
    """Keep `value` under `name` (`paths.write_cache_file`); a folder that cannot be written,
    or a value that cannot be pickled, keeps nothing."""
    where = folder()
    if where is None or name is None:
        return
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError):  # a value that cannot be kept
        return
    write_cache_file(where / f"{name}.pickle", buffer.getvalue(), keep=KEPT, pattern="*.pickle")


class _Pickler(pickle.Pickler):
    """Pickles read-only mappings (`MappingProxyType`, as the parameters hand them out) as
    read-only mappings again."""

    dispatch_table = {**copyreg.dispatch_table, MappingProxyType: lambda m: (read_only, (dict(m),))}


def read_only(mapping: dict) -> MappingProxyType:
    """A read-only view of `mapping` (how `_Pickler` rebuilds one)."""
    return MappingProxyType(mapping)


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, float) and value != value:
        return "nan"
    return value


def _plain(value: Any) -> str:
    """Any other value (a date a YAML file gave, a path) by its type and text."""
    return f"{type(value).__name__}:{value}"


@lru_cache(maxsize=1)
def _model_digest() -> str:
    """The burden model's own source, the coverage index's and the data model's, with numpy's
    version: what the figures are computed by."""
    import numpy

    here = Path(__file__).parent
    h = hashlib.sha256(numpy.__version__.encode())
    try:
        sources = sorted(here.glob("*.py"))
        if not sources:
            return ""
        for path in (*sources, here.parent / "model.py", here.parent / "matching" / "coverage.py"):
            h.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    except OSError:  # a package without its sources: keep nothing rather than guess
        return ""
    return h.hexdigest()
