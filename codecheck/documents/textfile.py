"""Text and Markdown files: decode any common encoding, strip Markdown markup.

Encodings: a byte-order mark decides first (UTF-8, UTF-16, UTF-32); then UTF-16 without
a mark (NULs on every other byte); then strict UTF-8; then, of cp1252, charset-normalizer's
best guess and latin-1 (which decodes every byte), the one whose characters are most
plausible for an English, Dutch or French text (the detector alone misreads short cp1252
files). A file
with NUL bytes and no UTF-16/32 mark, or one that starts like a PDF, a zip (docx) or
another binary format, is refused: it is not the text its extension promises.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import DocumentError
from .structure import Line

__all__ = ["decode_text", "text_lines", "markdown_lines", "sniff_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive (a Word .docx?)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF file"),
)


def sniff_binary(data: bytes) -> str | None:
    """What a file really is, when its first bytes say so (else None)."""
    head = data[:8].lstrip()
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def decode_text(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    "E105", f"{path} starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({exc.reason} at byte {exc.start}); re-save it as UTF-8",
                ) from None
    what = sniff_binary(data)
    if what:
        raise DocumentError(
            "E105", f"{path} is {what}, not a text file; give it the right extension"
        )
    if b"\x00" in data[:4096]:
        utf16 = _guess_utf16(data)
        if utf16:
            return utf16
        raise DocumentError(
            "E105", f"{path} contains binary data, not text; give a .txt/.md file in a text encoding"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _best_single_byte(data)


# characters a Western-European (EN/NL/FR) text plausibly holds
_PLAUSIBLE = frozenset(
    "\t\n\r" + "".join(chr(c) for c in range(32, 127))
    + "éèêëàâäáçôöóûùüúîïíñÉÈÊËÀÂÄÇÔÖÛÙÜÎÏœŒæÆ«»–—‘’“”„€…°§·•\u00a0\u00ad"
)


def _best_single_byte(data: bytes) -> str:
    """cp1252, latin-1 or charset-normalizer's guess: whichever reads most plausibly."""
    candidates: list[str] = []
    try:
        candidates.append(data.decode("cp1252"))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            candidates.append(data.decode(best.encoding, errors="replace"))
    except Exception:  # noqa: BLE001 - the detector is a guess; the others always work
        pass
    candidates.append(data.decode("latin-1"))

    def score(text: str) -> float:
        sample = text[:100_000]
        return sum(c in _PLAUSIBLE for c in sample) / max(1, len(sample))

    return max(candidates, key=score)  # max keeps the first of equals: cp1252 first


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a mark: NULs on every other byte of mostly-ASCII text."""
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    for nuls, encoding in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if nuls > 0.3 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in text.splitlines():
        if len(raw) > _LONG:
            lines.extend(Line(part) for part in reflow(raw).split("\n"))
        else:
            lines.append(Line(raw))
    return lines


_LONG = 3000  # a "line" this long is a whole document with its line breaks collapsed
_KEYWORDS = (
    r"(?:Article|Artikel|Art\.|Principle|Principe|Beginsel|Hoofdstuk|Chapitre|Chapter"
    r"|Aanbeveling|Recommandation|Recommendation)"
)
_NUMBER = r"\d{1,3}(?:[a-z]{1,2}\b|\s(?:bis|ter|quater|quinquies|sexies)\b)?\.?"
# a heading keyword after a sentence end (or an opening quote), followed by a capital
_INLINE_HEADING = re.compile(
    r"(?:(?<=[.:;!?”’»)])|(?<=^))\s+(?P<q>[“‘„«]?)(?P<h>" + _KEYWORDS + r"\s" + _NUMBER + r")\s+(?=[A-ZÀ-Ý(])"
)
_INLINE_DOTTED = re.compile(r"(?<=[.:;!?])\s+(?=\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-ZÀ-Ý])")
_QUOTE_CLOSE = re.compile(r"(?<=[”»][.;,])\s+")


def reflow(line: str) -> str:
    """Line breaks for a text whose breaks were collapsed: headings on lines of their own.

    A heading keyword with its number ("Artikel 5", "Principle 3.") after a sentence end
    starts a line and stands alone on it; dotted numbers after a sentence end start a
    line; a closing quote with its punctuation ends one (so quoted passages close).
    """
    line = line.replace("\u00a0", " ").replace("\u202f", " ")
    line = _INLINE_HEADING.sub(lambda m: "\n" + m.group("q") + m.group("h") + "\n", line)
    line = _INLINE_DOTTED.sub("\n", line)
    line = _QUOTE_CLOSE.sub("\n", line)
    return line


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\3(?![\w*])")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_HTML = re.compile(r"<[^>\n]{1,200}>")
_MD_LIST = re.compile(r"^\s{0,6}[*+-]\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    for _ in range(2):
        text = _MD_EMPH.sub(lambda m: m.group(2) or m.group(4) or "", text)
    text = _MD_HTML.sub("", text)
    return text.replace("\\", "") if "\\" in text else text


def markdown_lines(text: str) -> list[Line]:
    """Markdown reduced to plain lines; '#' headings marked as such."""
    out: list[Line] = []
    in_fence = False
    for raw in text.splitlines():
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(Line(raw))
            continue
        if _MD_RULE.match(raw) or _MD_TABLE_SEP.match(raw):
            out.append(Line(""))
            continue
        m = _MD_HEADING.match(raw)
        if m:
            out.append(Line(_inline(m.group(2)), heading_level=len(m.group(1))))
            continue
        line = _MD_QUOTE.sub("", raw)
        if _MD_LIST.match(line):
            line = "- " + _MD_LIST.sub("", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(Line(_inline(line)))
    return out
