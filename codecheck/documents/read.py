"""`read_document`: any supported file -> `Code`.

Dispatches on the extension: `.pdf` (pypdf, with the clean-up in `pdf.py`), `.docx`
(python-docx), `.txt` / `.text` (any common encoding), `.md` / `.markdown`, and
`.yaml` / `.yml` (our corpus format, read by `corpus.read_corpus`). Every problem with
the file becomes a `DocumentError` with an E1xx code and one sentence; no library
exception escapes.

The `Code` has `kind="file"`, `id` the slug of the file name (`Code Buysse IV.pdf` ->
`code-buysse-iv`), `title` the document's first heading (Markdown `#`, a Word Title or
Heading style, the largest type on a PDF's cover) or its first line or file name,
`edition` the year in the title ("" when there is none), `language` the one given or
detected, `source` the path. Provisions come from `structure.build_provisions`.

Error codes raised here: E101 file not found, E102 a folder, E104 empty file,
E105 content is not what the extension says, E106 unsupported extension, E107 corrupt
or truncated PDF, E108 encrypted PDF, E109 PDF without a text layer, E110 no numbering
found, E111 corrupt .docx, E112 file cannot be read (permissions, I/O), E113 unknown
language.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CodecheckError, DocumentError
from ..model import LANGUAGES, Code
from .hygiene import clean_line, slug
from .language import detect_language
from .structure import Line, build_provisions

__all__ = ["read_document", "read_lines", "SUPPORTED"]

SUPPORTED = (".pdf", ".docx", ".txt", ".text", ".md", ".markdown", ".yaml", ".yml")

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def read_document(path: str | Path, lang: str | None = None) -> Code:
    """The `Code` in a PDF, Word, text, Markdown or YAML-corpus file."""
    path, suffix, lang = _checked(path, lang)
    if suffix in (".yaml", ".yml"):
        from .corpus import read_corpus

        return read_corpus(path, lang=lang) if lang else read_corpus(path)
    return _guarded(path, suffix, lambda data: _read(path, suffix, data, lang))


def read_lines(path: str | Path) -> tuple[list[Line], str]:
    """The lines and title of a PDF, Word, text or Markdown file, cleaned as for parsing
    (running headers, footnotes and hyphenation dealt with), with the errors of
    `read_document`. For tools that need the text itself, such as the recitals of an act."""
    path, suffix, _ = _checked(path, None)
    if suffix in (".yaml", ".yml"):
        raise DocumentError("E106", f"{path.name}: a corpus file holds provisions, not a document's lines; "
                                    "give the document itself")
    return _guarded(path, suffix, lambda data: _lines(path, suffix, data))


def _checked(path: str | Path, lang: str | None) -> tuple[Path, str, str | None]:
    """The path, its lower-case suffix and the language, once they pass E113/E101/E102/E106."""
    path = Path(path).expanduser()
    if lang is not None:
        lang = str(lang).lower().strip()
        if lang not in LANGUAGES:
            raise DocumentError(
                "E113", f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}"
            )
    if not path.exists():
        raise DocumentError("E101", f"file not found: {path}")
    if path.is_dir():
        raise DocumentError("E102", f"{path} is a folder; name a code file inside it")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            "E106",
            f"{path.name}: unsupported file type '{suffix or '(none)'}'; "
            f"give a {', '.join(SUPPORTED)} file",
        )
    return path, suffix, lang


def _guarded(path: Path, suffix: str, read):
    """`read(data)` on the file's bytes, every problem an E1xx `DocumentError` (no library
    exception escapes)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            "E112", f"cannot read {path}: {exc.strerror or exc}; check the path and its permissions"
        ) from None
    if not data.strip():
        raise DocumentError("E104", f"{path} is empty; give a file with the code's text")
    try:
        return read(data)
    except CodecheckError:
        raise
    except RecursionError:
        raise DocumentError(
            "E107", f"{path} is too deeply nested to read; re-save or re-export it"
        ) from None
    except Exception as exc:  # noqa: BLE001 - a library choked on the file: say so, cleanly
        kind = "PDF" if suffix == ".pdf" else "Word document" if suffix == ".docx" else "file"
        code = "E107" if suffix == ".pdf" else "E111" if suffix == ".docx" else "E105"
        raise DocumentError(
            code,
            f"{path} could not be read as a {kind} ({type(exc).__name__}: "
            f"{str(exc)[:120] or 'no detail'}); re-save or re-export it",
        ) from None


def _lines(path: Path, suffix: str, data: bytes) -> tuple[list[Line], str]:
    """The document's lines and the title its format gives ("" when none)."""
    title = ""
    if suffix == ".pdf":
        from .pdf import pdf_lines

        lines, title = pdf_lines(path, data)
    elif suffix == ".docx":
        from .docx import docx_lines

        lines, title = docx_lines(path, data)
    else:
        from .textfile import decode_text, markdown_lines, text_lines

        text = decode_text(data, path)
        if not text.strip():
            raise DocumentError("E104", f"{path} holds no text; give a file with the code's text")
        if suffix in (".md", ".markdown"):
            lines = markdown_lines(text)
            title = next((ln.text for ln in lines if ln.heading_level == 1 and ln.text.strip()), "")
        else:
            lines = text_lines(text)
    if not any(ln.text.strip() for ln in lines):
        raise DocumentError("E104", f"{path} holds no text; give a file with the code's text")
    return lines, title


def _read(path: Path, suffix: str, data: bytes, lang: str | None) -> Code:
    lines, title = _lines(path, suffix, data)
    sample = "\n".join(ln.text for ln in lines[:4000])
    language = lang or detect_language(sample)
    structure = build_provisions(lines, language, source=path.name)
    title = clean_line(title or _first_line(lines) or path.stem)
    year = _YEAR.search(title)
    return Code(
        id=slug(path.stem),
        title=title,
        edition=year.group(1) if year else "",
        language=language,
        kind="file",
        source=str(path),
        provisions=structure.provisions,
    )


def _first_line(lines: list[Line]) -> str:
    """The first line, when it reads like a title (short, not a numbered heading)."""
    from .structure import _any_heading

    for ln in lines[:200]:
        text = clean_line(ln.text)
        if text:
            return text if len(text) <= 150 and not _any_heading(text) else ""
    return ""
