"""PDF text extraction (pypdf) and the clean-up that official PDFs need.

pypdf hands each run of text to a visitor with its font size and position; from these we
rebuild the printed lines of every page, each with its dominant font size. Then, page by
page:

- superscript runs (much smaller than the line, a few digits or a mark) are footnote
  markers: dropped from body lines, used to recognise footnotes;
- footnotes: the block of smaller-type lines at the foot of a page that starts with a
  marker is removed;
- running headers and footers: lines in a page's top or bottom margin (a small block set
  apart by a wide gap) that repeat on many pages (digits ignored, so `L 322/35` and
  `L 322/36` are the same line) are removed; a line that reads like a heading of the
  numbering grammar only when it repeats word for word or is in smaller type;
- page numbers at the top or bottom of a page (`12`, `12 |`, `| 12`, `Page 12`,
  `Pagina 12 van 30`, `- 12 -`) are removed.

Refusals: a file that is not a PDF (E105), one pypdf cannot open (E107), an encrypted
one that does not open with an empty password (E108), one without a text layer (E109).
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError
from . import grammar
from .hygiene import clean_line
from .structure import Line

__all__ = ["pdf_lines", "extract_pages", "PdfLine"]

_MARK = "\x01"  # wraps a superscript marker inside a line: \x01 34 \x01


@dataclass
class PdfLine:
    text: str
    size: float
    y: float | None = None
    markers: list[str] = field(default_factory=list)
    bold: bool = False


_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


_PAGE_NUMBER = re.compile(
    r"(?:[-–—|]?\s*\d{1,4}\s*[-–—|]?"
    r"|(?:page|pagina|blz\.?|p\.|pag\.)\s*\d{1,4}(?:\s*(?:of|/|van|sur|de|op)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|of|van|sur)\s*\d{1,4})",
    re.IGNORECASE,
)
_FOOTNOTE_START = re.compile(r"^(?:\(?\x01|\(?\d{1,3}\)|\d{1,3}[.)]?\s|\(?[*†‡]+\)?)")
_DIGITS = re.compile(r"\d+")


def _open(path: Path, data: bytes):
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    head = data[:1024]
    if b"%PDF" not in head:
        raise DocumentError(
            "E105", f"{path} is not a PDF (it does not start with %PDF); give it the right extension"
        )
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise DocumentError(
            "E107", f"{path} is a corrupt or truncated PDF ({str(exc)[:100]}); download or export it again"
        ) from None
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError, ValueError, KeyError):
            ok = 0
        if not ok:
            raise DocumentError(
                "E108",
                f"{path} is an encrypted PDF; decrypt it first (e.g. `qpdf --decrypt --password=... in.pdf out.pdf`) and read the decrypted copy",
            )
    try:
        n = len(reader.pages)
    except (FileNotDecryptedError,) as exc:  # pragma: no cover - defensive
        raise DocumentError("E108", f"{path} is an encrypted PDF ({exc}); decrypt it first") from None
    except Exception as exc:  # noqa: BLE001
        raise DocumentError(
            "E107", f"{path} is a corrupt or truncated PDF ({type(exc).__name__}); download or export it again"
        ) from None
    if n == 0:
        raise DocumentError("E107", f"{path} is a PDF without pages (corrupt or truncated); download or export it again")
    return reader


def _page_lines(page) -> list[PdfLine]:
    """The printed lines of one page, each with its dominant font size."""
    segments: list[list[tuple[str, float, float, bool, float]]] = [[]]

    def visit(text, cm, tm, font_dict, font_size):
        if not text:
            return
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        size = round(float(font_size) * scale, 2)
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        try:
            bold = bool(font_dict) and bool(_BOLD.search(str(font_dict.get("/BaseFont", ""))))
        except Exception:  # noqa: BLE001 - a font without a readable name is not bold
            bold = False
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k > 0:
                segments.append([])
            if piece:
                prev = segments[-1][-1] if segments[-1] else None
                if (k == 0 and prev is not None and prev[0].strip() == piece.strip() and piece.strip()
                        and abs(prev[4] - x) < 0.1 * size + 0.5 and abs(prev[2] - y) < 0.3 * size):
                    continue  # the same text drawn again in place ("fake bold")
                segments[-1].append((piece, size, y, bold, x))

    page.extract_text(visitor_text=visit)
    lines: list[PdfLine] = []
    for segs in segments:
        if not segs:
            continue
        weight: Counter[float] = Counter()
        bold_chars = 0
        for text, size, _, bold, _ in segs:
            weight[size] += len(text.strip())
            bold_chars += len(text.strip()) if bold else 0
        total = sum(weight.values())
        if not weight or total == 0:
            continue
        main = weight.most_common(1)[0][0]
        parts, markers = [], []
        for text, size, _, _, _ in segs:
            t = text.strip()
            if size < 0.75 * main and t and len(t) <= 4 and re.fullmatch(r"[\d*†‡a-z,]+", t):
                parts.append(f"{_MARK}{t}{_MARK}")
                markers.append(t)
            else:
                parts.append(text)
        y = next((yy for t, _, yy, _, _ in segs if t.strip()), None)
        line = PdfLine("".join(parts), main, y, markers, bold_chars * 2 > total)
        if lines and lines[-1].text.strip() == line.text.strip() and y is not None and lines[-1].y is not None \
                and abs(lines[-1].y - y) < 0.3 * main:
            continue  # the same text drawn twice in place ("fake bold")
        lines.append(line)
    return lines


def extract_pages(path: Path, data: bytes) -> tuple[list[list[PdfLine]], str]:
    reader = _open(path, data)
    pages: list[list[PdfLine]] = []
    for i, page in enumerate(reader.pages):
        try:
            pages.append(_page_lines(page))
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise DocumentError(
                "E107",
                f"{path}: page {i + 1} cannot be read ({type(exc).__name__}); the PDF is corrupt or truncated, "
                "download or export it again",
            ) from None
    title = ""
    try:
        meta = reader.metadata
        if meta is not None and meta.title:
            title = str(meta.title)
    except Exception:  # noqa: BLE001 - metadata is optional
        title = ""
    if title and re.search(r"microsoft|\.docx?$|\.pdf$|untitled|^\s*$", title, re.IGNORECASE):
        title = ""
    return pages, title


def _key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", " ", text.replace(_MARK, "")).strip().lower())


def _exact(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(_MARK, "")).strip().lower()


def _is_heading(text: str) -> bool:
    return any(grammar.match_heading(text, fam) for fam in grammar.FAMILIES)


def _clean_pages(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    n = len(pages)
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0

    # 1. footnotes: a trailing block of smaller type that starts with a marker
    out: list[list[PdfLine]] = []
    for page in pages:
        lines = [ln for ln in page if ln.text.strip()]
        lines = _drop_footnotes(lines, body)
        out.append(lines)

    # 2. running headers and footers: repeated edge lines (digits ignored). A line that
    #    reads like a heading is kept unless it repeats word for word (a section's
    #    running title "Principle 3 | The board" does; "Principle 3." at a page top does not).
    edge = 3
    counts: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    for lines in out:
        edges = lines[:edge] + lines[-edge:]
        counts.update({k for k in (_key(ln.text) for ln in edges) if k})
        exact.update({t for t in (_exact(ln.text) for ln in edges) if t})
    threshold = max(2, int(0.3 * n + 0.999))
    running = {k for k, c in counts.items() if c >= threshold} if n >= 2 else set()
    cleaned: list[list[PdfLine]] = []
    for lines in out:
        keep = []
        margin = _margin_flags(lines)
        for idx, ln in enumerate(lines):
            at_edge = idx < edge or idx >= len(lines) - edge
            text = clean_line(ln.text.replace(_MARK, " "))
            if at_edge and _PAGE_NUMBER.fullmatch(text):
                continue
            if at_edge and margin[idx]:
                verbatim = exact[_exact(ln.text)]
                furniture = verbatim >= 2 or ln.size < body * 0.98
                if _key(ln.text) in running and (furniture or not _is_heading(clean_line(_strip_markers(ln.text)))):
                    continue
                if verbatim >= 3 and len(text) <= 90:
                    continue
            keep.append(ln)
        # a page number left at the very top or bottom after the running lines went
        while keep and _PAGE_NUMBER.fullmatch(clean_line(keep[-1].text.replace(_MARK, " "))):
            keep.pop()
        while keep and _PAGE_NUMBER.fullmatch(clean_line(keep[0].text.replace(_MARK, " "))):
            keep.pop(0)
        cleaned.append(keep)
    return cleaned


def _margin_flags(lines: list[PdfLine]) -> list[bool]:
    """True for lines in a small block set apart at the top or bottom of the page.

    Lines are grouped into blocks where the vertical gap exceeds 1.6 times the page's
    line spacing (its smallest gap); the first and last blocks (by position) of at most
    three lines, unless they hold the most text, are the margins where running headers
    and footers live. Without positions, every
    line may be a margin line.
    """
    ys = [ln.y for ln in lines]
    if len(lines) < 3 or any(y is None for y in ys):
        return [True] * len(lines)
    order = sorted(range(len(lines)), key=lambda i: -ys[i])  # top of the page first
    gaps = [ys[order[k]] - ys[order[k + 1]] for k in range(len(order) - 1)]
    positive = [g for g in gaps if g > 2.0]
    if not positive:
        return [True] * len(lines)
    spacing = min(positive)  # the line spacing (a short page has few gaps to take a median of)
    blocks: list[list[int]] = [[order[0]]]
    for k, gap in enumerate(gaps):
        if gap > 1.6 * spacing:
            blocks.append([])
        blocks[-1].append(order[k + 1])
    flags = [False] * len(lines)
    if len(blocks) > 1:
        chars = [sum(len(lines[i].text) for i in b) for b in blocks]
        main = chars.index(max(chars))  # the body: the block with the most text
        for k in (0, len(blocks) - 1):
            if k != main and len(blocks[k]) <= 3:
                for i in blocks[k]:
                    flags[i] = True
    return flags


def _drop_footnotes(lines: list[PdfLine], body: float) -> list[PdfLine]:
    """Remove the footnote block at the foot of a page (smaller type, starts with a marker)."""
    if not lines:
        return lines
    small = [ln.size < body * 0.93 for ln in lines]
    # running footers can sit below the footnotes: allow a few body-size lines at the very end
    end = len(lines)
    tail = 0
    while end > 0 and not small[end - 1] and tail < 3:
        end -= 1
        tail += 1
    if end == 0 or not small[end - 1]:
        return lines
    start = end
    while start > 0 and small[start - 1]:
        start -= 1
    if start == 0:
        return lines  # a whole page in small type is not a footnote block
    # the block must start with a footnote marker; take the last marker line in it
    first = None
    for k in range(start, end):
        if _FOOTNOTE_START.match(lines[k].text.strip()):
            first = k
            break
    if first is None:
        return lines
    numbers = set()
    for ln in lines[first:end]:
        m = re.match(r"^\(?\x01?(\d{1,3})\x01?\)?\s", ln.text.strip() + " ")
        if m:
            numbers.add(m.group(1))
    kept = lines[:first] + lines[end:]
    if numbers:
        # markers raised with the same type size stay glued to a word: "board1."
        glued = re.compile(r"(?<=[a-zà-ÿ)’'\"”])(?:" + "|".join(sorted(numbers)) + r")(?=[\s.,;:)]|$)")
        for ln in kept[:first]:
            ln.text = glued.sub("", ln.text)
    return kept


def _strip_markers(text: str) -> str:
    """Body text without its superscript footnote markers (and the '()' left round them)."""
    text = re.sub(_MARK + r"[^" + _MARK + r"]*" + _MARK, "", text)
    text = re.sub(r"\s*\(\s*\)", "", text)
    return text


def pdf_lines(path: Path, data: bytes) -> tuple[list[Line], str]:
    pages, meta_title = extract_pages(path, data)
    per_page = [sum(len(ln.text.strip()) for ln in page) for page in pages]
    if sum(per_page) < 25 * len(pages):
        raise DocumentError(
            "E109",
            f"{path} has no text layer (scanned pages?); run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`",
        )
    blank = sum(1 for c in per_page if c < 10)
    if len(pages) >= 4 and blank > len(pages) / 2:
        raise DocumentError(
            "E109",
            f"{path}: {blank} of its {len(pages)} pages have no text layer (scanned pages?); "
            "run OCR on it first, e.g. `ocrmypdf --skip-text in.pdf out.pdf`",
        )
    cleaned = _clean_pages(pages)
    lines: list[Line] = []
    for number, page in enumerate(cleaned, start=1):
        for ln in page:
            lines.append(Line(_strip_markers(ln.text), page=number, size=ln.size, bold=ln.bold))
    title = _cover_title(pages) or meta_title
    return lines, title


def _cover_title(pages: list[list[PdfLine]]) -> str:
    """The largest type on the first page with text that reads like a title (3+ words)."""
    for page in pages[:3]:
        lines = [ln for ln in page if clean_line(_strip_markers(ln.text))]
        if not lines:
            continue
        for size in sorted({ln.size for ln in lines}, reverse=True)[:4]:
            parts: list[str] = []
            for ln in lines:
                if abs(ln.size - size) <= 0.02 * size:
                    parts.append(clean_line(_strip_markers(ln.text)))
                elif parts:
                    break
            title = " ".join(p for p in parts if p)
            if len(title.split()) >= 3:
                return title if len(title) <= 200 else title[:200].rsplit(" ", 1)[0]
        return ""
    return ""
