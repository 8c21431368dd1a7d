"""Word (.docx) documents, read with python-docx.

The body is read in order (paragraphs and table cells). Running headers, footers and
footnotes live in other parts of the package, so they never reach the text. Word's
automatic numbering is not in the paragraph text; it is rebuilt here from the numbering
definitions (`%1.%2` level texts, decimal / letter / roman formats, bullets), so a draft
numbered by Word parses like one numbered by hand. Heading styles (`Heading 1`, `Kop 1`,
`Titre 1`, `Title`) mark heading lines. Tracked changes read as accepted (insertions
in, deletions out). Page numbers come from the page breaks Word recorded when it last
laid the document out (`w:lastRenderedPageBreak`), else from explicit page breaks; a
document with neither has no page numbers.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import DocumentError
from .structure import Line

__all__ = ["docx_lines"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|kop|titre|überschrift|titel)\s*(\d)$", re.IGNORECASE)


def _roman(n: int) -> str:
    vals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class _Numbering:
    """Word's list numbering: numId -> abstract definition -> level text and format."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.num_to_abs: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in root.findall(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId")
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in absn.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt_el = lvl.find(f"{_W}numFmt")
                text_el = lvl.find(f"{_W}lvlText")
                start_el = lvl.find(f"{_W}start")
                fmt = fmt_el.get(f"{_W}val") if fmt_el is not None else "decimal"
                text = text_el.get(f"{_W}val") if text_el is not None else ""
                start = int(start_el.get(f"{_W}val", "1")) if start_el is not None else 1
                levels[ilvl] = (fmt or "decimal", text or "", start)
            self.levels[aid] = levels
        for num in root.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.num_to_abs[nid] = ref.get(f"{_W}val")

    def label(self, num_id: str, ilvl: int) -> str:
        aid = self.num_to_abs.get(num_id)
        levels = self.levels.get(aid or "", {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, [0] * 10)
        for k in range(10):
            if counters[k] == 0 and k < ilvl:
                counters[k] = levels.get(k, ("decimal", "", 1))[2]
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for k in range(ilvl + 1, 10):
            counters[k] = 0
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kfmt = levels.get(k, ("decimal", "", 1))[0]
            return _format(counters[k] or 1, "decimal" if kfmt == "bullet" else kfmt)

        return re.sub(r"%(\d)", repl, text)


def _num_pr(paragraph) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr
    candidates = []
    if ppr is not None and ppr.numPr is not None:
        candidates.append(ppr.numPr)
    else:
        style = paragraph.style
        depth = 0
        while style is not None and depth < 5:
            sppr = style.element.pPr
            if sppr is not None and sppr.numPr is not None:
                candidates.append(sppr.numPr)
                break
            style, depth = style.base_style, depth + 1
    for num_pr in candidates:
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        if num_id is not None and str(num_id) != "0":
            return str(num_id), int(ilvl)
    return None


_TOC_STYLE = re.compile(r"^(?:toc|inhopg|tm|table of contents|inhoudsopgave)\b", re.IGNORECASE)


def _is_toc_style(paragraph) -> bool:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        return False
    return bool(name and _TOC_STYLE.match(name.strip()))


def _heading_level(paragraph) -> int:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        name = ""
    if not name:
        return 0
    if name.lower() in ("title", "titel", "titre"):
        return 1
    m = _HEADING_STYLE.match(name.strip())
    return int(m.group(1)) if m else 0


def docx_lines(path: Path, data: bytes) -> tuple[list[Line], str]:
    if not data.startswith(b"PK"):
        raise DocumentError(
            "E105", f"{path} is not a Word .docx file (not a zip package); give it the right extension"
        )
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad packages
        raise DocumentError(
            "E111",
            f"{path} is not a readable Word .docx file ({type(exc).__name__}); re-save it from Word as .docx",
        ) from None
    numbering = _Numbering(document)
    lines: list[Line] = []
    title = ""
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:  # noqa: BLE001 - core properties are optional
        title = ""

    # pages: Word records where pages broke when it last laid the document out
    # (w:lastRenderedPageBreak); without those, explicit page breaks are all we know
    body_el = document.element.body
    rendered = next(body_el.iter(f"{_W}lastRenderedPageBreak"), None) is not None
    explicit = any(el.get(f"{_W}type") == "page" for el in body_el.iter(f"{_W}br")) or (
        next(body_el.iter(f"{_W}pageBreakBefore"), None) is not None
    )
    page = 1 if (rendered or explicit) else None

    def add_paragraph(p: Paragraph) -> None:
        nonlocal title, page
        text = _paragraph_text(p, rendered)
        if _is_toc_style(p):  # Word's table of contents ("TOC 1", "Inhopg 1", "TM 1")
            page = None if page is None else page + text.count(_PAGE)
            return
        level = _heading_level(p)
        num = _num_pr(p)
        if num is not None:
            label = numbering.label(*num)
            if label:
                body = text.lstrip(_PAGE + " \t")
                lead = _PAGE * text[: len(text) - len(body)].count(_PAGE)  # page breaks stay first
                text = f"{lead}{label} {body}" if label != "-" else f"{lead}- {body}"
        if level and not title and text.replace(_PAGE, "").strip():
            title = text.replace(_PAGE, "").strip()
        first = True
        for part in text.split("\n"):
            segments = part.split(_PAGE)
            for k, segment in enumerate(segments):
                if k > 0 and page is not None:
                    page += 1  # the text after a page break is on the next page
                if segment.strip() or (k == 0 and len(segments) == 1):
                    lines.append(Line(segment, page, level if first else 0))
                    first = False
        if level == 0:
            lines.append(Line("", page))

    def walk(parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                add_paragraph(Paragraph(child, document))
            elif tag == f"{_W}tbl":
                table = Table(child, document)
                seen: set[int] = set()
                for row in table.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                            continue
                        seen.add(id(cell._tc))
                        walk(cell._tc)
            elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
                walk(child)  # content controls, tracked insertions of whole paragraphs

    walk(document.element.body)
    return lines, title


_PAGE = "\ue000"  # a page break inside a paragraph's text (private use; removed once counted)


def _paragraph_text(p, rendered: bool = False) -> str:
    """The paragraph as it reads with tracked changes accepted: insertions in, deletions out.

    Page breaks come out as `_PAGE` marks: Word's last rendered breaks when the document
    has them (`rendered`), else explicit page breaks.
    """
    parts: list[str] = []
    for el in p._p.iter():
        tag = el.tag
        if rendered and tag == f"{_W}lastRenderedPageBreak":
            parts.append(_PAGE)
        elif not rendered and (
            (tag == f"{_W}br" and el.get(f"{_W}type") == "page")
            or (tag == f"{_W}pageBreakBefore" and el.get(f"{_W}val") not in ("0", "false"))
        ):
            parts.append(_PAGE)
        elif tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab" and el.getparent() is not None and el.getparent().tag == f"{_W}r":
            parts.append("\t")  # not the tab stops of the paragraph's properties
        elif tag in (f"{_W}br", f"{_W}cr") and el.get(f"{_W}type") not in ("page", "column"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}softHyphen":
            parts.append("\u00ad")
    return "".join(parts)
