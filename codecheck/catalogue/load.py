"""Build the `Catalogue` of frozen dataclasses from rule files.

`load_catalogue` runs every check `codecheck validate` runs and raises a
`CatalogueError` naming the first problem; it never returns a half-valid catalogue.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from codecheck.catalogue.validate import check_files, display_path, rule_files
from codecheck.errors import CatalogueError
from codecheck.model import (
    LANGUAGES,
    Activity,
    Catalogue,
    Citation,
    Element,
    Instrument,
    Requirement,
)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The catalogue in `path`: a folder of rule files, one rule file, or None (bundled).

    Requirements come in file-name order, then in the order of each file.
    Raises `CatalogueError` (E2xx) naming the first problem as `path:line:col: message`.
    """
    if path is None:
        from codecheck.paths import catalogue_dir

        path = catalogue_dir()
    path = Path(path)
    files, problems = rule_files([path])
    source = display_path(path)
    key = None if problems else _cache_key(files, source)
    if key is not None:
        hit = _MEMORY.get(key)
        if hit is not None:
            return hit
        documents = _read_disk_cache(key)
        if documents is not None:
            catalogue = _build(documents, source)
            _remember(key, catalogue)
            return catalogue
    parsed, more = check_files(files)
    problems = sorted(problems + more)
    if problems:
        first = problems[0]
        others = len(problems) - 1
        also = f" (and {others} more problem{'s' if others != 1 else ''})" if others else ""
        raise CatalogueError(
            first.code,
            f"{first}{also}; run `codecheck validate {source}` to see every problem",
        )
    documents = [(pf.name, pf.data) for pf in parsed]
    catalogue = _build(documents, source)
    if key is not None:
        _remember(key, catalogue)
        _write_disk_cache(key, documents)
    return catalogue


def _build(documents: list[tuple[str, Any]], source: str) -> Catalogue:
    instruments: list[Instrument] = []
    requirements: list[Requirement] = []
    for name, data in documents:
        inst, reqs = _built(name, data)
        instruments.append(inst)
        requirements.extend(reqs)
    return Catalogue(tuple(instruments), tuple(requirements), source=source)


# What is made of each rule file, by its parsed data (the same object while its text is
# unchanged: `validate._PARSED`): after an edit of one file in a notebook, the other files'
# requirements are the same objects, which matching then finds by identity, and their
# entries of the disk cache are not made into JSON again.
_PER_FILE: dict[int, dict] = {}  # id(data) -> {"data", "name", "model", "json"}


def _per_file(name: str, data: Any) -> dict:
    found = _PER_FILE.get(id(data))
    if found is None or found["data"] is not data or found["name"] != name:
        if len(_PER_FILE) >= 64:
            _PER_FILE.clear()
        found = _PER_FILE[id(data)] = {"data": data, "name": name}
    return found


def _built(name: str, data: Any) -> tuple[Instrument, tuple[Requirement, ...]]:
    entry = _per_file(name, data)
    if "model" not in entry:
        inst = _instrument(data["instrument"], name)
        entry["model"] = (inst, tuple(_requirement(r, inst.id, name) for r in data["requirements"]))
    return entry["model"]


# ------------------------------------------------------------------ cache
#
# Parsing and validating YAML costs ~0.3 ms per kB, so a validated catalogue is kept
# in memory and, as JSON, in the user cache folder, keyed by the SHA-256 of the rule
# files (names and bytes), the schema and this package's code: any edit misses the cache.

_MEMORY: dict[str, Catalogue] = {}
_CODE_FILES = ("load.py", "validate.py", "yamlsafe.py", "schema.json")


def _remember(key: str, catalogue: Catalogue) -> None:
    while len(_MEMORY) >= 8:  # a few catalogues at most (tests load many small ones)
        del _MEMORY[next(iter(_MEMORY))]
    _MEMORY[key] = catalogue


def _cache_key(files: list[Path], source: str) -> str | None:
    h = hashlib.sha256(b"codecheck-catalogue-1\0" + source.encode() + b"\0")
    try:
        here = Path(__file__).parent
        for name in _CODE_FILES:
            h.update((here / name).read_bytes())
        h.update((here.parent / "model.py").read_bytes())
        for f in files:
            h.update(display_path(f).encode() + b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")
    except OSError:
        return None
    return h.hexdigest()


def _cache_dir() -> Path | None:
    """The `catalogue` subfolder of `paths.cache_root()`; None with `$CODECHECK_NO_CACHE`."""
    from ..paths import cache_root

    root = cache_root()
    return None if root is None else root / "catalogue"


def _read_disk_cache(key: str) -> list[tuple[str, Any]] | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{key}.json").open(encoding="utf-8") as fh:
            documents = json.load(fh)
        return [(name, data) for name, data in documents]
    except (OSError, ValueError, TypeError):
        return None


def _write_disk_cache(key: str, documents: list[tuple[str, Any]]) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    from ..paths import write_cache_file

    text = "[" + ", ".join(_json_of(name, data) for name, data in documents) + "]"
    write_cache_file(folder / f"{key}.json", text, keep=16, pattern="*.json")  # the folder stays small


def _json_of(name: str, data: Any) -> str:
    """One rule file's entry of the disk cache, as JSON, written once per parsed file (the
    same text `json.dumps` gives for the whole list, one file at a time)."""
    entry = _per_file(name, data)
    if "json" not in entry:
        entry["json"] = json.dumps([name, data], ensure_ascii=False)
    return entry["json"]


def _terms(mapping: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(mapping, dict):
        return {}
    langs = [lang for lang in LANGUAGES if lang in mapping]
    return {lang: tuple(t.strip() for t in mapping[lang]) for lang in langs}


def _instrument(d: dict, source: str) -> Instrument:
    return Instrument(
        id=d["id"],
        title=d["title"],
        edition=d["edition"],
        date=d["date"],
        url=d["url"],
        legal_status=d["legal_status"],
        source_file=source,
    )


def _requirement(r: dict, instrument_id: str, source: str) -> Requirement:
    c = r["citation"]
    burden = r.get("burden") or {}
    return Requirement(
        id=r["id"],
        instrument=instrument_id,
        title=r["title"],
        citation=Citation(c["instrument"], c["reference"], c["edition"], c.get("url")),
        summary=" ".join(r["summary"].split()),
        addressee=r["addressee"],
        obligation=r["obligation"],
        legal_status=dict(r["legal_status"]),
        themes=tuple(r["themes"]),
        weight=float(r["weight"]),
        elements=tuple(
            Element(id=e["id"], title=e["title"], theme=e["theme"], terms=_terms(e["terms"]))
            for e in r["elements"]
        ),
        terms=_terms(r["terms"]),
        exclude=_terms(r.get("exclude")),
        verified=r["verified"],
        suggested_provision={k: r["suggested_provision"][k].strip() for k in LANGUAGES},
        burden=tuple(_activity(a) for a in burden.get("activities") or ()),
        source_file=source,
    )


def _activity(a: dict) -> Activity:
    m = a["minutes"]
    return Activity(
        activity=a["activity"],
        staff=a["staff"],
        minutes_low=float(m["low"]),
        minutes_central=float(m["central"]),
        minutes_high=float(m["high"]),
        frequency=float(a["frequency"]),
        one_off=bool(a.get("one_off", False)),
        element=a.get("element"),
    )
