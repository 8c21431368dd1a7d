"""The local cache of official code documents (`codecheck corpora fetch|add`).

This is the only module of codecheck that touches the network, and only when the
user asks for it (`codecheck corpora fetch`). Official documents go to
`<cache>/official/<code id>.<lang>.<ext>`, where `<cache>` is `$CODECHECK_CACHE` or
the platform's user cache folder (`platformdirs.user_cache_dir("codecheck")`).

Integrity:
- when the manifest pins a sha256 the download must match it;
- otherwise the sha256 of the first download is recorded in `<cache>/checksums.json`
  (the bundled manifest may be read-only) and later downloads must match it
  (`force=True` accepts a changed file and records its new checksum);
- a download is written to a temporary file and moved into place with `os.replace`
  only once it is complete and verified, so a good cached file is never replaced by a
  bad or partial one.

`CODECHECK_MIRROR` (or the `mirror` argument) replaces the scheme and host of every
download URL, e.g. for an internal mirror or the tests' local server.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import http.client
import json
import os
import shutil
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from codecheck.documents.corpus import _usual_permissions
from codecheck.errors import DocumentError

CACHE_ENV = "CODECHECK_CACHE"
MIRROR_ENV = "CODECHECK_MIRROR"
CHECKSUMS = "checksums.json"
OFFICIAL = "official"
# What codecheck's document reader understands.
SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".text", ".md", ".markdown", ".yaml", ".yml")
_MAGIC = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",)}
_CHUNK = 1 << 16

E_ADD_FILE = "E160"  # the file to add is missing, empty or unreadable
E_ADD_TYPE = "E161"  # the file to add is of a type codecheck cannot read
E_CACHE = "E162"  # the cache folder cannot be written
E_MIRROR = "E163"  # a malformed mirror URL


@dataclass(frozen=True)
class FetchResult:
    """What happened to one (code, language) in `fetch`."""

    code_id: str
    lang: str
    status: str  # downloaded | cached | skipped | failed
    message: str
    path: Path | None = None
    sha256: str | None = None
    url: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass(frozen=True)
class AddResult:
    """A file registered by hand with `add`; `warning` when its checksum is not the pinned one."""

    code_id: str
    lang: str
    path: Path
    sha256: str
    expected_sha256: str | None = None
    warning: str | None = None

    @property
    def verified(self) -> bool:
        return self.expected_sha256 is not None and self.expected_sha256 == self.sha256


# ------------------------------------------------------------------- locations


def cache_dir() -> Path:
    """Where official documents are kept: `$CODECHECK_CACHE`, else the platform's user cache."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("codecheck"))


def official_dir() -> Path:
    return cache_dir() / OFFICIAL


def cached_path(code_id: str, lang: str) -> Path | None:
    """The cached official document of a code in one language, or None."""
    files = _cached_files(code_id, lang)
    return files[0] if files else None


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def read_checksums() -> dict[str, dict[str, Any]]:
    """The checksums recorded in the cache, `{"<id>.<lang>": {sha256, origin, url, ...}}`."""
    path = cache_dir() / CHECKSUMS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {k: v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}


# ------------------------------------------------------------------- fetch


def fetch(
    code_ids: Iterable[str] | None = None,
    langs: Iterable[str] | None = None,
    progress: bool = False,
    *,
    force: bool = False,
    mirror: str | None = None,
    timeout: float = 60.0,
    root: str | os.PathLike[str] | None = None,
) -> list[FetchResult]:
    """Download the official documents of bundled codes into the cache.

    `code_ids` None means every bundled code; `langs` None every language a code has.
    Unknown ids (or, for ids named explicitly, languages) raise `DocumentError`;
    network and checksum problems are reported in the results, one per (code, lang).
    """
    from codecheck.documents import bundled

    explicit = code_ids is not None
    ids = list(code_ids) if code_ids is not None else bundled.bundled_ids(root)
    for code_id in ids:
        bundled.code_entry(code_id, root)  # unknown id: DocumentError listing the known ones
    wanted = [lang.lower() for lang in langs] if langs is not None else None
    if mirror is None:
        mirror = os.environ.get(MIRROR_ENV) or None
    if mirror is not None:
        _check_mirror(mirror)

    results: list[FetchResult] = []
    for code_id in dict.fromkeys(ids):
        entry = bundled.code_entry(code_id, root)
        available = list(entry["languages"])
        if wanted is None:
            targets = available
        else:
            targets = []
            for lang in wanted:
                if lang in available:
                    targets.append(lang)
                elif explicit:
                    bundled.resolve_language(code_id, lang, root)  # raises, listing its languages
                else:
                    results.append(
                        FetchResult(code_id, lang, "skipped", f"{code_id} has no `{lang}` version")
                    )
        for lang in targets:
            results.append(
                _fetch_one(code_id, lang, entry, progress=progress, force=force, mirror=mirror, timeout=timeout)
            )
    return results


def _fetch_one(
    code_id: str, lang: str, entry: dict[str, Any], *, progress: bool, force: bool, mirror: str | None, timeout: float
) -> FetchResult:
    lang_entry = entry["languages"][lang]
    url = lang_entry.get("url")
    landing = entry.get("landing_page")
    if not url:
        where = f" from {landing}" if landing else ""
        return FetchResult(
            code_id, lang, "skipped",
            f"no download URL is known for {code_id} ({lang}); download it by hand{where} and register it "
            f"with `codecheck corpora add {code_id} FILE --lang {lang}` (the digest is used meanwhile)",
        )
    url = str(url)
    pinned = lang_entry.get("sha256")
    key = f"{code_id}.{lang}"
    record = read_checksums().get(key, {})
    recorded = record.get("sha256") if record.get("origin") == "fetch" else None
    expected = pinned or (None if force else recorded)

    existing = cached_path(code_id, lang)
    if existing is not None and not force:
        sha = file_sha256(existing)
        if expected is None or sha == expected:
            how = "matches the manifest" if pinned else "matches the recorded checksum" if recorded else "not pinned"
            return FetchResult(
                code_id, lang, "cached", f"already in the cache ({existing.name}, sha256 {how})",
                path=existing, sha256=sha, url=url,
            )

    download_url = _mirrored(url, mirror)
    scheme = urllib.parse.urlsplit(download_url).scheme.lower()
    if scheme not in ("http", "https"):
        return FetchResult(code_id, lang, "failed", f"cannot download {download_url}: only http and https URLs are fetched", url=url)

    folder = official_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return FetchResult(code_id, lang, "failed", f"cannot create the cache folder {folder} ({exc.strerror or exc}); "
                           f"set {CACHE_ENV} to a writable folder", url=url)

    kept = " (the cached file was kept)" if existing is not None else ""
    try:
        tmp, sha, size, content_type = _download(
            download_url, folder, f".{key}.", progress=progress, timeout=timeout, landing=landing
        )
    except _DownloadError as exc:
        return FetchResult(code_id, lang, "failed", f"{exc}{kept}", url=url)

    try:
        suffix = _suffix_for(url, tmp, content_type)
        if suffix is None:
            return FetchResult(
                code_id, lang, "failed",
                f"{download_url} returned {content_type or 'a file'} that is not a document codecheck can read "
                f"(a web page instead of the PDF?); check {landing or 'the publisher site'}{kept}",
                url=url,
            )
        if expected is not None and sha != expected:
            if pinned:
                why = f"the manifest pins {pinned}"
                hint = "the download may be corrupted or the publisher changed the file; try again or report it"
            else:
                when = record.get("retrieved", "earlier")
                why = f"the first download ({when}) had {recorded}"
                hint = "if the publisher updated the document, run `codecheck corpora fetch --force`"
            return FetchResult(
                code_id, lang, "failed",
                f"checksum mismatch for {download_url}: got sha256 {sha}, but {why}; {hint}{kept}",
                sha256=sha, url=url,
            )
        final = folder / f"{key}{suffix}"
        _usual_permissions(tmp)
        os.replace(tmp, final)
        tmp = None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)

    _remove_others(code_id, lang, keep=final)
    _record(key, {
        "sha256": sha,
        "origin": "fetch",
        "url": url,
        "file": final.name,
        "size": size,
        "retrieved": _now(),
    })
    if pinned:
        how = "sha256 verified against the manifest"
    elif recorded and not force:
        how = "sha256 matches the first download"
    else:
        how = "sha256 recorded in the cache (the manifest pins none)"
    return FetchResult(code_id, lang, "downloaded", f"downloaded {size} bytes to {final} ({how})",
                       path=final, sha256=sha, url=url)


class _DownloadError(Exception):
    pass


def _download(
    url: str, folder: Path, prefix: str, *, progress: bool, timeout: float, landing: str | None = None
) -> tuple[Path, str, int, str]:
    """Stream `url` into a temporary file in `folder`; (path, sha256, size, content type)."""
    from codecheck import __version__

    host = urllib.parse.urlsplit(url).netloc or url
    request = urllib.request.Request(url, headers={"User-Agent": f"codecheck/{__version__} (corpora fetch)"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) checked above
    except urllib.error.HTTPError as exc:
        reason = f" ({exc.reason})" if exc.reason else ""
        raise _DownloadError(
            f"the server answered HTTP {exc.code}{reason} for {url}; the document may have moved: "
            f"check {landing or 'the publisher site'} and register a copy with `codecheck corpora add`"
        ) from None
    except urllib.error.URLError as exc:
        raise _DownloadError(_offline_message(host, exc.reason)) from None
    except (TimeoutError, socket.timeout) as exc:
        raise _DownloadError(_offline_message(host, exc)) from None
    except (OSError, http.client.HTTPException) as exc:
        raise _DownloadError(f"could not download {url} ({exc}); try again later") from None

    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    tmp = Path(name)
    bar = None
    try:
        with response, os.fdopen(fd, "wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if progress:
                try:
                    from tqdm import tqdm

                    bar = tqdm(total=total, unit="B", unit_scale=True, desc=Path(urllib.parse.urlsplit(url).path).name or host,
                               file=sys.stderr, leave=False)
                except ImportError:  # pragma: no cover - tqdm is a dependency
                    bar = None
            while True:
                try:
                    block = response.read(_CHUNK)
                except http.client.IncompleteRead as exc:
                    size += len(exc.partial)
                    raise _DownloadError(_interrupted(url, size, total)) from None
                except (TimeoutError, socket.timeout):
                    raise _DownloadError(f"the download of {url} stalled for {timeout:g} s after {size} bytes; try again") from None
                except (OSError, http.client.HTTPException):
                    raise _DownloadError(_interrupted(url, size, total)) from None
                if not block:
                    break
                out.write(block)
                digest.update(block)
                size += len(block)
                if bar is not None:
                    bar.update(len(block))
        if total is not None and size != total:
            raise _DownloadError(_interrupted(url, size, total))
        if size == 0:
            raise _DownloadError(f"{url} returned an empty file; try again later or register a copy with `codecheck corpora add`")
    except _DownloadError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _DownloadError(f"could not write to the cache folder {folder} ({exc.strerror or exc}); "
                             f"free some space or set {CACHE_ENV}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if bar is not None:
            bar.close()
    return tmp, digest.hexdigest(), size, content_type


def _interrupted(url: str, size: int, total: int | None) -> str:
    of = f" of {total}" if total is not None else ""
    return f"the download of {url} was interrupted after {size}{of} bytes; try again"


def _offline_message(host: str, reason: object) -> str:
    import ssl

    if isinstance(reason, ssl.SSLError):
        return (
            f"the secure connection to {host} failed ({getattr(reason, 'reason', None) or reason}); check the "
            "system's certificates or proxy, or register a copy with `codecheck corpora add`"
        )
    text = getattr(reason, "strerror", None) or str(reason)
    return (
        f"could not reach {host} ({text}); are you offline? codecheck keeps working with its bundled "
        "digests; fetch again when connected, or register a copy with `codecheck corpora add`"
    )


def _mirrored(url: str, mirror: str | None) -> str:
    if not mirror:
        return url
    parts = urllib.parse.urlsplit(url)
    base = mirror.rstrip("/")
    return base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _check_mirror(mirror: str) -> None:
    parts = urllib.parse.urlsplit(mirror)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DocumentError(E_MIRROR, f"the mirror `{mirror}` is not an http(s) URL; set {MIRROR_ENV} to e.g. http://host:port")


def _suffix_for(url: str, path: Path, content_type: str) -> str | None:
    """The file suffix of a download, checked against its first bytes; None if unreadable."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = ""
    if not suffix:
        if head.startswith(b"%PDF-") or content_type == "application/pdf":
            suffix = ".pdf"
        elif head.startswith(b"PK\x03\x04"):
            suffix = ".docx"
        elif content_type in ("text/plain",):
            suffix = ".txt"
        elif content_type in ("text/markdown",):
            suffix = ".md"
        else:
            return None
    magic = _MAGIC.get(suffix)
    if magic and not head.startswith(magic):
        return None
    if suffix not in _MAGIC and content_type == "text/html":
        return None
    return suffix


# ------------------------------------------------------------------- add


def add(
    code_id: str,
    file: str | os.PathLike[str],
    lang: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
) -> AddResult:
    """Register a file the user downloaded by hand as the official text of a bundled code.

    The file is copied into the cache. A checksum that differs from the one the manifest
    pins (or from the first download) is a warning in the result, not an error: it may be
    another print of the same edition.
    """
    from codecheck.documents import bundled

    lang = bundled.resolve_language(code_id, lang, root)
    source = Path(file).expanduser()
    if not source.is_file():
        raise DocumentError(E_ADD_FILE, f"{source}: no such file; give the path of the downloaded document")
    suffix = source.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            E_ADD_TYPE,
            f"{source}: codecheck reads {', '.join(SUPPORTED_SUFFIXES)} files, not `{suffix or 'no extension'}`; "
            "save the document in one of those formats",
        )
    try:
        with open(source, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise DocumentError(E_ADD_FILE, f"{source}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    if not head:
        raise DocumentError(E_ADD_FILE, f"{source}: the file is empty; download it again")
    magic = _MAGIC.get(suffix)
    if magic and not head.startswith(magic):
        raise DocumentError(
            E_ADD_TYPE, f"{source}: does not look like a {suffix} file (a saved web page?); download the document again"
        )

    folder = official_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{code_id}.{lang}.", suffix=".part", dir=folder)
        os.close(fd)
        tmp = Path(name)
        try:
            shutil.copyfile(source, tmp)
            sha = file_sha256(tmp)
            final = folder / f"{code_id}.{lang}{suffix}"
            _usual_permissions(tmp)
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise DocumentError(
            E_CACHE, f"cannot copy {source} into the cache {folder} ({exc.strerror or exc}); set {CACHE_ENV} to a writable folder"
        ) from None
    _remove_others(code_id, lang, keep=final)

    key = f"{code_id}.{lang}"
    entry = bundled.language_entry(code_id, lang, root)
    pinned = entry.get("sha256")
    record = read_checksums().get(key, {})
    expected = pinned or (record.get("sha256") if record.get("origin") == "fetch" else None)
    warning = None
    if expected is not None and expected != sha:
        against = "the checksum pinned in the manifest" if pinned else "the document downloaded earlier"
        warning = (
            f"{source.name} has sha256 {sha}, not {against} ({expected}); it may be another edition or print "
            "of the code: codecheck will use it, but check that it is the right document"
        )
    _record(key, {"sha256": sha, "origin": "add", "file": final.name, "added_from": str(source), "retrieved": _now()})
    return AddResult(code_id, lang, final, sha, expected, warning)


# ------------------------------------------------------------------- internals


def _cached_files(code_id: str, lang: str) -> list[Path]:
    folder = official_dir()
    if not folder.is_dir():
        return []
    prefix = f"{code_id}.{lang}"
    return [
        path
        for path in sorted(folder.iterdir())
        if path.name.startswith(prefix)
        and path.name[len(prefix):] in SUPPORTED_SUFFIXES
        and path.is_file()
    ]


def _remove_others(code_id: str, lang: str, keep: Path) -> None:
    """Other cached copies of the same (code, lang) with another extension."""
    for path in _cached_files(code_id, lang):
        if path != keep:
            path.unlink(missing_ok=True)


def _record(key: str, value: dict[str, Any]) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CHECKSUMS
    data = {"version": 1, "files": read_checksums()}
    data["files"][key] = value
    fd, name = tempfile.mkstemp(prefix=f".{CHECKSUMS}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.write("\n")
        _usual_permissions(name)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
