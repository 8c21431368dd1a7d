"""The codes codecheck ships: our digests, or the official text once it is in the cache.

`corpora/manifest.yaml` lists the bundled codes, in the order reports use, with the
official source of each language; `corpora/<code id>.<lang>.yaml` are our digests (in
our own words; see `corpus.py` for the format). When the user has fetched or added
the official document (`codecheck corpora fetch|add`), `load_bundled` parses it
instead, so every analysis uses the real text.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import yaml

from codecheck.errors import DocumentError
from codecheck.model import Code

MANIFEST = "manifest.yaml"

E_UNKNOWN_CODE = "E150"  # an id that is not a bundled code
E_UNKNOWN_LANG = "E151"  # a language the bundled code does not have
E_MANIFEST = "E152"  # the manifest is missing or malformed
E_DIGEST = "E153"  # a digest file is missing or does not match its manifest entry
E_OFFICIAL = "E154"  # the cached official text cannot be read


def corpora_root(root: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the bundled corpora (`root` overrides it, for tests)."""
    if root is not None:
        return Path(root)
    from codecheck.paths import corpora_dir

    try:
        return corpora_dir()
    except FileNotFoundError as exc:
        raise DocumentError(E_MANIFEST, f"{exc}") from None


_MANIFEST_CACHE: dict[tuple[str, int], dict[str, Any]] = {}


def manifest(root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The bundled manifest, `{"codes": {id: {..., "languages": {lang: {...}}}}}`.

    Without `manifest.yaml` (a checkout where only digests exist) the codes are those
    of the `<id>.<lang>.yaml` files, in alphabetical order.
    """
    folder = corpora_root(root)
    path = folder / MANIFEST
    if not path.is_file():
        return _manifest_from_files(folder)
    key = (str(path.resolve()), path.stat().st_mtime_ns)
    if key not in _MANIFEST_CACHE:
        _MANIFEST_CACHE.clear()
        _MANIFEST_CACHE[key] = _read_manifest(path)
    return _MANIFEST_CACHE[key]


def bundled_ids(root: str | os.PathLike[str] | None = None) -> list[str]:
    """The ids of the bundled codes, in the order reports use."""
    return list(manifest(root)["codes"])


def code_entry(code_id: str, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The manifest entry of one code; `DocumentError` listing the known ids otherwise."""
    codes = manifest(root)["codes"]
    if code_id not in codes:
        known = ", ".join(codes) or "none"
        raise DocumentError(
            E_UNKNOWN_CODE, f"unknown bundled code `{code_id}`; the bundled codes are: {known}"
        )
    return codes[code_id]


def resolve_language(code_id: str, lang: str | None, root: str | os.PathLike[str] | None = None) -> str:
    """`lang`, checked against the code's languages, or the code's default language."""
    entry = code_entry(code_id, root)
    languages = entry["languages"]
    if lang is None:
        lang = entry.get("default_language") or next(iter(languages))
    lang = lang.lower()
    if lang not in languages:
        raise DocumentError(
            E_UNKNOWN_LANG,
            f"bundled code `{code_id}` has no language `{lang}`; its languages are: {', '.join(languages)}",
        )
    return lang


def digest_path(code_id: str, lang: str | None = None, root: str | os.PathLike[str] | None = None) -> Path:
    """The digest file of a bundled code in one language."""
    lang = resolve_language(code_id, lang, root)
    entry = code_entry(code_id, root)
    name = entry["languages"][lang].get("digest") or f"{code_id}.{lang}.yaml"
    return corpora_root(root) / name


def load_digest(code_id: str, lang: str | None = None, root: str | os.PathLike[str] | None = None) -> Code:
    """Our digest of a bundled code, always (even when the official text is cached)."""
    from codecheck.documents.corpus import read_corpus

    lang = resolve_language(code_id, lang, root)
    path = digest_path(code_id, lang, root)
    if not path.is_file():
        raise DocumentError(
            E_DIGEST,
            f"bundled code `{code_id}` has no digest in `{lang}` ({path.name} is missing); "
            f"fetch the official text with `codecheck corpora fetch {code_id} --lang {lang}`",
        )
    code = read_corpus(path)
    if code.id != code_id or code.language != lang:
        raise DocumentError(
            E_DIGEST,
            f"{path}: declares code `{code.id}` in `{code.language}` but the manifest expects "
            f"`{code_id}` in `{lang}`; fix `code.id`/`code.language` in that file",
        )
    entry = code_entry(code_id, root)
    return dataclasses.replace(
        code,
        kind="digest",
        title=code.title or _title(entry, lang),
        edition=code.edition or str(entry.get("edition") or ""),
        publisher=code.publisher or str(entry.get("publisher") or ""),
    )


def load_bundled(
    code_id: str,
    lang: str | None = None,
    *,
    prefer_official: bool = True,
    root: str | os.PathLike[str] | None = None,
) -> Code:
    """A bundled code: the cached official text when present, else our digest.

    The official file is parsed with `codecheck.documents.read.read_document` and
    returned with `kind="official"`, the bundled id, title and edition, and a `source`
    naming the cached file and the official URL.
    """
    lang = resolve_language(code_id, lang, root)
    if prefer_official:
        from codecheck.documents import cache

        cached = cache.cached_path(code_id, lang)
        if cached is not None:
            return _load_official(code_id, lang, cached, root)
    return load_digest(code_id, lang, root)


def language_entry(code_id: str, lang: str, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    return code_entry(code_id, root)["languages"][resolve_language(code_id, lang, root)]


# --------------------------------------------------------------------- internals


def _title(entry: dict[str, Any], lang: str) -> str:
    lang_entry = entry["languages"].get(lang) or {}
    return str(lang_entry.get("title") or entry.get("title") or "")


def _load_official(code_id: str, lang: str, path: Path, root: str | os.PathLike[str] | None) -> Code:
    from codecheck.documents.read import read_document  # the parser (another module)
    from codecheck.documents import cache

    entry = code_entry(code_id, root)
    url = entry["languages"][lang].get("url")
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, lang, read_document)
    if key in _OFFICIAL_CACHE:
        return _OFFICIAL_CACHE[key]
    try:
        parsed = read_document(path, lang)
    except DocumentError as exc:
        raise DocumentError(
            E_OFFICIAL,
            f"the cached official text of `{code_id}` ({lang}) at {path} cannot be read ({exc.message}); "
            "delete that file to use the bundled digest, or add a readable copy with `codecheck corpora add`",
        ) from None
    source = f"{path} (official text from {url})" if url else f"{path} (official text added by hand)"
    code = dataclasses.replace(
        parsed,
        id=code_id,
        title=_title(entry, lang) or parsed.title,
        edition=str(entry.get("edition") or parsed.edition or ""),
        language=lang,
        kind="official",
        source=source,
        publisher=str(entry.get("publisher") or parsed.publisher or ""),
        sha256=cache.file_sha256(path),
    )
    if len(_OFFICIAL_CACHE) >= 16:
        _OFFICIAL_CACHE.clear()
    _OFFICIAL_CACHE[key] = code
    return code


# Parsing a PDF takes a while: parsed official texts are kept while their file is unchanged.
_OFFICIAL_CACHE: dict[tuple[Any, ...], Code] = {}


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise DocumentError(E_MANIFEST, f"{path}{line}: invalid YAML in the corpora manifest; fix its syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(E_MANIFEST, f"{path}: cannot be read ({exc}); reinstall codecheck") from None
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict) or not data["codes"]:
        raise DocumentError(E_MANIFEST, f"{path}: the manifest needs a non-empty `codes:` mapping")
    codes: dict[str, Any] = {}
    for code_id, entry in data["codes"].items():
        code_id = str(code_id)
        if not isinstance(entry, dict):
            raise DocumentError(E_MANIFEST, f"{path}: the entry of `{code_id}` must be a mapping")
        languages = entry.get("languages")
        if not isinstance(languages, dict) or not languages:
            raise DocumentError(E_MANIFEST, f"{path}: code `{code_id}` needs a non-empty `languages:` mapping")
        langs: dict[str, dict[str, Any]] = {}
        for lang, lang_entry in languages.items():
            lang_entry = dict(lang_entry or {})
            lang_entry.setdefault("digest", f"{code_id}.{lang}.yaml")
            lang_entry.setdefault("url", None)
            lang_entry.setdefault("sha256", None)
            sha = lang_entry["sha256"]
            if sha is not None:
                if not isinstance(sha, str) or not _is_sha256(sha.strip().lower()):
                    raise DocumentError(
                        E_MANIFEST,
                        f"{path}: the sha256 of `{code_id}` ({lang}) must be 64 hexadecimal digits in quotes, or null",
                    )
                lang_entry["sha256"] = sha.strip().lower()
            if lang_entry["url"] is not None and not isinstance(lang_entry["url"], str):
                raise DocumentError(E_MANIFEST, f"{path}: the url of `{code_id}` ({lang}) must be a string or null")
            langs[str(lang).lower()] = lang_entry
        entry = dict(entry)
        entry["languages"] = langs
        if entry.get("edition") is not None:
            entry["edition"] = str(entry["edition"])
        default = entry.get("default_language")
        if default is not None and str(default).lower() not in langs:
            raise DocumentError(
                E_MANIFEST, f"{path}: default_language `{default}` of `{code_id}` is not one of its languages"
            )
        codes[code_id] = entry
    return {**data, "codes": codes}


def _is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _manifest_from_files(folder: Path) -> dict[str, Any]:
    codes: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        parts = path.name.rsplit(".", 2)
        if len(parts) != 3:
            continue
        code_id, lang, _ = parts
        entry = codes.setdefault(code_id, {"languages": {}})
        entry["languages"][lang] = {"digest": path.name, "url": None, "sha256": None}
    for entry in codes.values():
        entry["default_language"] = "en" if "en" in entry["languages"] else next(iter(entry["languages"]))
    return {"codes": codes}
