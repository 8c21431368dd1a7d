"""Character-level clean-up shared by every format.

Ligatures (ﬁ ﬂ …) become letters, non-breaking and other odd spaces become spaces,
zero-width characters and stray control characters go, and the text is NFC-normalised.
Soft hyphens are kept here (as U+00AD) because a soft hyphen at the end of a line tells
the line joiner to glue the two halves of a word; `strip_soft_hyphens` removes the rest.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_line", "strip_soft_hyphens", "SOFT_HYPHEN", "slug"]

SOFT_HYPHEN = "\u00ad"

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}
_SPACES = {c: " " for c in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t"}
_DROP = {c: None for c in "\u200b\u200c\u200d\u2060\ufeff\ufffe"}
_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # typographic hyphen, non-breaking hyphen
# bullets drawn from Symbol/Wingdings fonts come out as private-use characters
_BULLETS = {c: "\u2022" for c in "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\uf02d"}
_TABLE = str.maketrans({**_LIGATURES, **_SPACES, **_DROP, **_HYPHENS, **_BULLETS})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MULTISPACE = re.compile(r" {2,}")


def clean_line(text: str, keep_tabs: bool = False) -> str:
    """One line made plain: ligatures, spaces, invisible characters, NFC."""
    if keep_tabs:
        text = text.replace("\t", "\x00TAB\x00")
    text = text.translate(_TABLE)
    text = _CONTROL.sub("", text.replace("\x00TAB\x00", "\t") if keep_tabs else text)
    text = unicodedata.normalize("NFC", text)
    return _MULTISPACE.sub(" ", text).strip(" ")


def strip_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")


def slug(text: str) -> str:
    """A lower-case ASCII id: 'Code Buysse IV (NL)' -> 'code-buysse-iv-nl'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out or "document"
