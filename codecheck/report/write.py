"""Writing a report folder without ever leaving a half-written report behind.

Every file is rendered first, then written into a fresh temporary folder beside the
target; only when all of them are on disk do they replace the old report (one rename for
a new folder, one `os.replace` per file for an existing one, so other files a user keeps
in that folder are left alone).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import OutputError, UsageError

FILE_NAMES = {"json": "report.json", "html": "report.html", "md": "report.md", "csv": "coverage.csv"}


def parse_formats(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """`"json,html"` or a sequence of names -> validated, de-duplicated, in given order."""
    names = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    unknown = [f for f in formats if f not in FILE_NAMES]
    if unknown or not formats:
        raise UsageError(
            "E002",
            f"unknown report format {', '.join(repr(u) for u in unknown) or '(none)'}: "
            f"choose from {','.join(FILE_NAMES)}",
        )
    return formats


def write_report(report, out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    formats = parse_formats(formats)
    rendered = {FILE_NAMES[f]: _render(report, f) for f in formats}
    out_dir = out_dir.expanduser()
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("E401", f"--out {out_dir} is a file, not a folder; choose a folder")
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".codecheck-", dir=parent))
    except OSError as exc:
        raise OutputError("E402", f"cannot write the report under {parent}: {exc.strerror}; choose another --out") from None
    try:
        for name, text in rendered.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        if not out_dir.exists():
            staging.rename(out_dir)
        else:
            for name in rendered:
                os.replace(staging / name, out_dir / name)
            for stale in set(FILE_NAMES.values()) - set(rendered):
                (out_dir / stale).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError("E403", f"cannot write the report into {out_dir}: {exc.strerror}; choose another --out") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in rendered]


def _render(report, fmt: str) -> str:
    return {
        "json": report.to_json,
        "html": report.to_html,
        "md": report.to_markdown,
        "csv": report.to_csv,
    }[fmt]()
