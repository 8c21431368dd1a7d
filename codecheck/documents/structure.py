"""Lines -> provisions, with the numbering grammar of `grammar.py`.

Every format reader (PDF, Word, text, Markdown) produces a list of `Line`s: the text of
one printed line, the page it is on, and whether the source marked it as a heading.
`build_provisions` then

1. drops the table of contents (dot leaders / page-number columns, whole TOC pages);
2. walks the lines once per numbering family of the grammar, opening a unit at every
   heading that fits the numbering so far (3.2 after 3.1, Principle 4 after Principle 3,
   not "2.5 million" wrapped to the start of a line), and appending every other line to
   the open unit; text before the first unit (cover, foreword) is front matter and is
   dropped;
3. keeps the family that recovers the most units (a family that ``requires`` a unit, such
   as the standards family its standards, scores nothing without one).

An annex of standards (the ESRS in Annex I of Delegated Regulation (EU) 2023/2772) is not
back matter: each standard opens a principle-like unit (``ESRS S1``), its "Objective" and
disclosure requirements provisions under it (``ESRS S1 / Objective``, ``ESRS S1 / S1-1``),
its numbered paragraphs provisions under the requirement they follow (``ESRS S1.17``; under
the standard before its first requirement) and
its application requirements provisions under the standard (``ESRS S1 AR 12``); see
`grammar` for the ids. Standards come in the order the grammar lists them, a few may be
skipped. A standard's own contents (entries numbered 1, 2, ... or disclosure-requirement
rows, none ending like a sentence) are dropped when the real numbering starts again at 1 or
the real heading of the same requirement comes; a requirement heading repeated in an
appendix is a heading, not text. An annex after the standards (``ANNEX II``, the glossary)
is back matter as usual.

Lines are joined with spaces; a line-end hyphen is removed when the two halves make a
word seen elsewhere in the document (or the first half is not a usual compound prefix),
and kept for real compounds (`long-term`, `raad-van-bestuur`). Sub-items (`(a)`, `i.`)
and bullets start a new line inside their provision's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DocumentError
from ..model import Provision
from . import grammar
from .hygiene import SOFT_HYPHEN, clean_line, strip_soft_hyphens

__all__ = ["Line", "Structure", "build_provisions", "join_lines"]


@dataclass
class Line:
    text: str
    page: int | None = None
    heading_level: int = 0  # > 0 when the source marks the line as a heading (md '#', docx style)
    toc: bool = False  # looks like a table-of-contents entry (set by `prepare`, on the raw text)
    size: float | None = None  # type size (PDF): a heading's title ends where the size changes
    bold: bool = False  # set in bold type (PDF)


@dataclass
class Structure:
    family: str
    provisions: tuple[Provision, ...]


@dataclass
class _Unit:
    id: str
    kind: str
    unit: str
    parent: str | None
    heading: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    title_mode: str = "none"
    title_open: bool = False
    title_size: float | None = None
    tentative: bool = False  # a "next"-mode title that the following line may turn into text


_BARE_HEADING = re.compile(  # "Article 4", "Hoofdstuk 3": a heading's number, not a page number
    r"^(?:Article|Artikel|Art\.|Principle|Principe|Beginsel|Chapter|Hoofdstuk|Chapitre|Annex|Annexe"
    r"|Appendix|Bijlage|Section|Afdeling|Titel|Title|Titre|Part|Deel|Partie|§)\s*\d{1,3}[a-z]?$",
    re.IGNORECASE,
)
_ENDS_WITH_PAGE = re.compile(r"[^\d\s.,;:/-]\s+\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?]['’”\")]?$")
_BOUNDARY_END = re.compile(r"[.:;!?)\]'’”\"]$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_WORD_RE = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def _roman(text: str) -> int | None:
    text = text.upper()
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v else v
    return total


def _top_number(num: str) -> int | None:
    return int(num) if num.isdigit() else _roman(num)


_ARTICLE_NUM = re.compile(r"(\d+)\s*([a-z]*)", re.IGNORECASE)
_LATIN = {"": 0, "bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6}


def _article_key(num: str) -> tuple[int, int]:
    m = _ARTICLE_NUM.match(num)
    if not m:
        return (0, 0)
    suffix = m.group(2).lower()
    if suffix in _LATIN:
        order = _LATIN[suffix]
    else:
        order = sum((ord(c) - 96) * 27 ** (len(suffix) - 1 - i) for i, c in enumerate(suffix))
    return int(m.group(1)), order


# ----------------------------------------------------------------------------- TOC


def _toc_skip(lines: list[Line]) -> set[int]:
    """Indices of lines that belong to a table of contents."""
    skip: set[int] = set()
    entry = [ln.toc for ln in lines]
    title = [bool(ln.text) and bool(grammar.TOC_TITLES.fullmatch(ln.text.strip())) for ln in lines]

    # whole pages that are mostly a table of contents
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.page is not None:
            by_page.setdefault(ln.page, []).append(i)
    for idxs in by_page.values():
        entries = sum(entry[i] for i in idxs)
        filled = [i for i in idxs if lines[i].text]
        titled = any(title[i] for i in filled[:3])
        # without leaders, extraction leaves "Principle 2. The board ... 8": many lines
        # of the page end with a bare page number
        numbered = sum(
            1 for i in filled if _ENDS_WITH_PAGE.search(lines[i].text) and not _BARE_HEADING.match(lines[i].text)
        )
        if (entries >= 3 or (entries >= 1 and any(title[i] for i in idxs)) or titled
                or (numbered >= 4 and numbered >= 0.4 * len(filled))):
            skip.update(idxs)

    # runs of entries in the flow (text files, or a TOC sharing a page)
    i, n = 0, len(lines)
    while i < n:
        if not entry[i] or i in skip:
            i += 1
            continue
        start = end = i
        count, gap, j = 1, 0, i + 1
        while j < n and gap <= 3:
            if entry[j]:
                count, gap, end = count + 1, 0, j
            elif lines[j].text:
                gap += 1
            j += 1
        if count >= 3:
            first = start
            for back in range(start - 1, max(-1, start - 7), -1):
                if title[back]:
                    first = back
                    break
            if first == start:  # a wrapped first entry: heading-like lines just above
                back, taken = start - 1, 0
                while back >= 0 and taken < 2 and lines[back].text and _any_heading(lines[back].text):
                    first, back, taken = back, back - 1, taken + 1
            skip.update(range(first, end + 1))
        i = end + 1
    for i, t in enumerate(title):  # a lone "Contents" line
        if t:
            skip.add(i)
    return skip


def _any_heading(text: str) -> bool:
    return any(grammar.match_heading(text, fam) for fam in grammar.FAMILIES)


# ---------------------------------------------------------------------------- quotes


def _quoted(lines: list[Line]) -> list[bool]:
    """True for lines inside a quoted passage (amending acts quote whole articles)."""
    out: list[bool] = []
    inside = False
    for ln in lines:
        t = ln.text.strip()
        opens = t.startswith(("‘", "“", "«"))
        if opens:
            inside = True
        out.append(inside)
        if inside and re.search(r"[’”»][.;,:]?$", t) and not (opens and len(t) < 3):
            # a line ending with a closing quote closes the passage, unless that quote
            # closes something opened on the same line
            opened_here = t.count("‘") + t.count("“") + t.count("«")
            closed_here = t.count("’") + t.count("”") + t.count("»")
            if closed_here > opened_here - (1 if opens else 0) or not opens:
                inside = False
    return out


# ----------------------------------------------------------------------------- walk


@dataclass
class _Layout:
    """What the source tells about headings: type sizes (PDF) or heading styles (docx, md)."""

    body_size: float | None = None
    styled: bool = False  # the source styles its numbered headings (then unstyled ones are not)

    @classmethod
    def of(cls, lines: list[Line]) -> "_Layout":
        weight: dict[float, int] = {}
        for ln in lines:
            if ln.size:
                weight[ln.size] = weight.get(ln.size, 0) + len(ln.text)
        body = max(weight, key=weight.get) if weight else None
        # the source styles its numbered headings: then an unstyled "2. Item" is a list item
        styled = any(ln.heading_level > 0 and _any_heading(ln.text) for ln in lines)
        return cls(body, styled)

    def emphasised(self, line: Line) -> bool:
        """Set as a heading: a heading style, larger type than the body, or bold."""
        return line.heading_level > 0 or line.bold or bool(
            self.body_size and line.size and line.size > self.body_size * 1.04
        )

    def stands_out(self, line: Line) -> bool:
        """Could this line be a bare heading ("3. Title")? Not when it looks like body text."""
        if line.heading_level > 0:
            return True
        if self.styled:
            return False
        if self.body_size and line.size:
            return line.size > self.body_size * 1.04 or line.bold
        return True


def _looks_like_title(text: str) -> bool:
    """A short line that names what follows ('Amendments to Directive 2013/34/EU')."""
    return (
        len(text) <= 120
        and not re.search(r"[.;:,]$", text)
        and not grammar.SUBITEM.match(text)
        and not grammar.BULLET.match(text)
        and not text[:1].isdigit()
        and not text[:1].islower()
    )


def _series(uid: str, top_id: str) -> int:
    """The number of a standard's own disclosure requirement ("ESRS S1 / S1-4": 4), else 0."""
    m = re.fullmatch(re.escape(top_id) + r" / " + re.escape(top_id.split()[-1]) + r"-(\d+)", uid)
    return int(m.group(1)) if m else 0


class _Walker:
    def __init__(self, fam: grammar.Family, lines: list[Line], skip: set[int], quoted: list[bool],
                 layout: _Layout | None = None):
        self.fam = fam
        self.lines = lines
        self.skip = skip
        self.quoted = quoted
        self.layout = layout or _Layout()
        self.units: list[_Unit] = []
        self.ids: set[str] = set()
        self.top: _Unit | None = None
        self.top_num = 0
        self.article: _Unit | None = None
        self.article_key: tuple[int, int] | None = None
        self.last_child: dict[str | None, int] = {}
        self.last_dotted_top = 0
        self.open_at_depth: dict[int, str] = {}  # depth -> id of the dotted unit open there
        self.in_annex = False
        self.requirement: _Unit | None = None  # the open disclosure requirement of a standard
        self.prev_text = ""
        self.prev_page: int | None = None
        self.prev_heading = True
        self.divided = False

    @property
    def current(self) -> _Unit | None:
        return self.units[-1] if self.units else None

    def boundary(self, line: Line) -> bool:
        return (
            self.prev_heading
            or not self.prev_text
            or line.heading_level > 0
            or (line.page is not None and line.page != self.prev_page)
            or bool(_BOUNDARY_END.search(self.prev_text))
            or self.layout.emphasised(line)
        )

    def run(self) -> list[_Unit]:
        for i, line in enumerate(self.lines):
            if i in self.skip:
                continue
            self.feed(line, self.quoted[i] if self.fam.skip_quotes else False)
        return self.units

    def feed(self, line: Line, quoted: bool) -> None:
        text = line.text
        cur = self.current
        if not text:
            if cur is not None:
                if cur.title_open and cur.heading:
                    cur.title_open = False
                cur.body.append(line)
            self.prev_text, self.prev_heading = "", False
            return
        opened = False
        if not quoted:
            found = grammar.match_heading(text, self.fam)
            if found is not None:
                opened = self.open(found[0], found[1], line)
        if not opened:
            cur = self.current
            if cur is not None and cur.tentative:
                cur.tentative = False
                if (text[:1].islower() or re.match(r"\d+(?![.)\d])", text)) and not cur.body:
                    # "Member States shall" + "apply ...": the title was the text's first line
                    cur.body.extend(Line(h, line.page) for h in cur.heading)
                    cur.heading = []
            if cur is not None:
                if (cur.title_open and cur.heading and cur.title_size and line.size
                        and abs(line.size - cur.title_size) > 0.05 * cur.title_size):
                    cur.title_open = False  # the title's type ends: the body starts
                if cur.title_open and cur.title_mode == "next" and not _looks_like_title(text):
                    cur.title_open = False
                if cur.title_open:
                    cur.heading.append(text)
                    if line.page is not None:
                        cur.pages.add(line.page)
                    joined = join_lines(cur.heading)
                    if cur.title_mode != "sentence" or _SENTENCE_END.search(joined) or len(cur.heading) >= 6:
                        cur.title_open = False
                    cur.tentative = cur.title_mode == "next"
                else:
                    cur.body.append(line)
                    if line.page is not None:
                        cur.pages.add(line.page)
            self.prev_heading = line.heading_level > 0
        else:
            cur = self.current
            self.prev_heading = self.divided or (cur is not None and not any(b.text for b in cur.body))
            self.divided = False
        self.prev_text = text
        self.prev_page = line.page

    # -- opening units ------------------------------------------------------------
    def open(self, h: grammar.Heading, m: re.Match[str], line: Line) -> bool:
        g = m.groupdict()
        if self.in_annex and h.kind != "annex" and not (h.unit == "standard" and self.top is None):
            # back matter ends the code, unless all before it was an overview (a TOC
            # without page numbers lists the principles and then the back matter), or
            # the annex holds the act's standards (Annex I of the ESRS regulation)
            if not (h.unit in ("principle", "chapter") and _top_number((g.get("num") or "").strip()) == 1
                    and self._only_tops()):
                return False
        num = (g.get("num") or "").strip()
        rest = (g.get("rest") or g.get("glued") or "").strip()
        cap = (g.get("cap") or "").strip()
        if rest[:1].islower():
            return False  # "3.5 of the Code", "Principle 3 of ...": a reference, not a heading
        if h.names:  # a title standing for its number ("GENERAL DISCLOSURES": ESRS 2)
            num = dict(h.names).get(re.sub(r"\s+", " ", rest.lower()).replace("–", "-"), "")
        boundary = self.boundary(line)
        if h.unit in ("principle", "chapter", "standard"):
            return self._open_top(h, num, rest, line, boundary)
        if h.unit in ("requirement", "section"):
            return self._open_requirement(h, num, rest, line, boundary)
        if h.unit == "numbered":
            return self._open_numbered(h, num, rest, line, boundary)
        if h.unit in ("provision", "recommendation"):
            return self._open_dotted(h, num, rest, line, boundary)
        if h.unit == "article":
            return self._open_article(h, num, rest, cap, line, boundary)
        if h.unit == "paragraph":
            return self._open_paragraph(h, num, rest, line, boundary)
        if h.unit == "annex":
            return self._open_annex(h, num, rest or cap, line, boundary)
        if h.unit == "divider":
            self.divided = boundary  # a chapter/section title of a legal act: not part of any text
            return boundary
        return False

    def _new(self, uid: str, h: grammar.Heading, parent: str | None, line: Line,
             heading: str = "", body: str = "", title_mode: str = "none") -> _Unit:
        unit = _Unit(uid, h.kind, h.unit, parent, title_mode=title_mode)
        if heading:
            unit.heading.append(heading)
        if body:
            unit.body.append(Line(body, line.page))
        if line.page is not None:
            unit.pages.add(line.page)
        unit.title_size = line.size
        self.units.append(unit)
        self.ids.add(uid)
        return unit

    def _open_top(self, h, num, rest, line, boundary) -> bool:
        n = (h.order.index(num) + 1 if num in h.order else None) if h.order else _top_number(num)
        if n is None:
            return False
        if h.name == "chapter-number" and not (boundary and self.layout.stands_out(line)):
            return False  # "4. Samenstelling" in a numbered list is not chapter 4
        if n == 1 and (self.top_num >= 1 or self.in_annex) and boundary and self._only_tops():
            # "Principle 1" again, and nothing but bare headings so far: those were an
            # overview (a TOC without page numbers, an introduction listing the
            # principles); the code starts here
            self.__init__(self.fam, self.lines, self.skip, self.quoted, self.layout)
        if h.unit == "standard" and self.layout.styled and not self.layout.emphasised(line):
            return False  # the source styles its headings: an unstyled "ESRS E1 Climate change" is a list
        if h.unit == "standard" and n == 1 and self.top_num >= 1 and boundary:
            # "ESRS 1" again after a list of the standards (the act's overview): drop the list
            listed = [u for u in self.units if u.unit == "standard"]
            if all(self._thin(u) for u in listed) and not any(u.parent for u in self.units):
                self._drop(listed)
                self.top, self.top_num = None, 0
        if n <= self.top_num:
            return False
        if n > self.top_num + 1 and not (boundary and n <= self.top_num + 3):
            return False
        uid = h.id.format(num=num)
        if uid in self.ids:
            return False
        mode = h.title
        unit = self._new(uid, h, None, line, heading=rest, title_mode=mode)
        if mode == "sentence":
            unit.title_open = not (rest and _SENTENCE_END.search(rest))
        elif mode == "line":
            unit.title_open = not rest
        self.top, self.top_num = unit, n
        self.last_child[uid] = 0
        self.article = None
        self.requirement = None
        self.in_annex = False
        return True

    def _only_tops(self) -> bool:
        """Nothing but an overview so far: headings with (almost) no text under them."""
        units = [u for u in self.units if u.kind != "annex"]
        tops = [u for u in units if u.unit in ("principle", "chapter")]
        # the last one takes in whatever front matter follows the overview
        return bool(tops) and all(
            sum(1 for b in u.body if b.text) <= (2 if u in tops else 1) for u in units[:-1]
        )

    def _open_dotted(self, h, num, rest, line, boundary) -> bool:
        parts = grammar.dotted_parts(num)
        top = self.top
        if h.unit == "recommendation" and len(parts) == 1:
            if top is None:
                return False
            parts = (self.top_num, parts[0])
        if len(parts) < 2:
            return False
        if self.fam.dotted_under_top:
            if top is not None:
                if parts[0] != self.top_num:
                    return False
            elif self.fam.name == "principles":
                return False
        parent_id = ".".join(str(p) for p in parts[:-1])
        uid = ".".join(str(p) for p in parts)
        if uid in self.ids:
            return False
        if len(parts) >= 3:
            if self.open_at_depth.get(len(parts) - 1) != parent_id:
                return False  # 2.2.1 only while 2.2 is the open provision
            parent: str | None = parent_id
        else:
            parent = top.id if top is not None and top.id == parent_id else None
            if top is None:  # no headings above: the first number must not go back
                if parts[0] < self.last_dotted_top or parts[0] > self.last_dotted_top + 2:
                    return False
                if parts[0] > self.last_dotted_top + 1 and not boundary:
                    return False
        key = parent_id
        last = self.last_child.get(key, 0)
        k = parts[-1]
        if k <= last:
            return False
        if k > last + 1 and not (boundary and k <= last + 3):
            return False
        if not boundary and rest and not rest[:1].isupper() and rest[:1] not in "(‘“\"'":
            return False  # "2.5 %" wrapped to the start of a line
        if len(parts) == 2 and top is None and parts[0] != self.last_dotted_top:
            # a new top number without a heading: its first child must be small
            if k > 2:
                return False
        self.last_child[key] = k
        self.last_child.setdefault(uid, 0)
        if len(parts) == 2:
            self.last_dotted_top = parts[0]
        self.open_at_depth = {d: i for d, i in self.open_at_depth.items() if d < len(parts)}
        self.open_at_depth[len(parts)] = uid
        self._new(uid, h, parent, line, body=rest)
        return True

    def _open_article(self, h, num, rest, cap, line, boundary) -> bool:
        num = re.sub(r"\s+", " ", num)
        key = _article_key(num)
        last = self.article_key
        if last is None:
            if key[0] > 3 and not boundary:
                return False
        else:
            same = key[0] == last[0] and key[1] > last[1]
            nxt = key[0] == last[0] + 1
            jump = last[0] + 1 < key[0] <= last[0] + 3 and boundary
            if not (same or nxt or jump):
                return False
        uid = h.id.format(num=num.replace(" ", ""))
        if uid in self.ids:
            return False
        heading, body, mode = "", "", "none"
        if cap:
            heading = cap
        elif rest:
            para = grammar.match_heading(rest, grammar.family("articles"))
            if para is not None and para[0].unit == "paragraph":
                body = ""
            elif len(rest) <= 80 and not re.search(r"[.;:,]$", rest) and rest[:1].isupper() and " " not in rest[:2]:
                heading = rest if len(rest.split()) <= 10 else ""
                body = "" if heading else rest
            else:
                body = rest
        else:
            mode = "next"
        unit = self._new(uid, h, None, line, heading=heading, body=body, title_mode=mode)
        unit.title_open = mode == "next"
        self.article, self.article_key = unit, key
        self.last_child[uid] = 0
        if rest and not body and not heading:
            # "Art. 5. § 1. text": the paragraph opens on the same line
            found = grammar.match_heading(rest, self.fam)
            if found is not None:
                self.open(found[0], found[1], Line(rest, line.page))
        return True

    def _open_paragraph(self, h, num, rest, line, boundary) -> bool:
        art = self.article
        if art is None or not num.isdigit():
            return False
        k = int(num)
        last = self.last_child.get(art.id, 0)
        if k <= last or (k > last + 1 and not (boundary and k <= last + 3)):
            return False
        uid = h.id.format(parent=art.id, num=num)
        if uid in self.ids:
            return False
        self.last_child[art.id] = k
        self._new(uid, h, art.id, line, body=rest)
        return True

    # -- standards (an annex of ESRS-like standards; see grammar's module docstring) ----
    @staticmethod
    def _thin(unit: _Unit) -> bool:
        """A heading with at most a few title-like lines under it: a contents entry."""
        texts = [b.text for b in unit.body if b.text]
        return len(texts) <= 40 and not any(re.search(r"[.;:!?]['’”\"]?$", t) for t in texts)

    def _drop(self, units: list[_Unit]) -> None:
        gone = {id(u) for u in units}
        self.units = [u for u in self.units if id(u) not in gone]
        for u in units:
            self.ids.discard(u.id)
            self.last_child.pop(u.id, None)
        if self.requirement is not None and id(self.requirement) in gone:
            self.requirement = None

    def _open_requirement(self, h, num, rest, line, boundary) -> bool:
        top = self.top
        if top is None or top.unit != "standard" or not boundary:
            return False
        num = re.sub(r"\s*[-–—]\s*", "-", num)
        uid = h.id.format(top=top.id, num=num, rest=rest.title())
        if uid in self.ids:
            old = next(u for u in self.units if u.id == uid)
            children = [u for u in self.units if u.parent == uid]
            if not self._thin(old) or not all(self._thin(u) for u in children):
                self.divided = boundary  # repeated (an appendix's heading for the same
                return boundary  # requirement): a heading, not text
            # the earlier one was a contents entry; so were the entries after it in the
            # standard's own series ("S1-17" before "S1-1") still without text of their own
            later = [u for u in self.units[self.units.index(old) + 1:]
                     if u.unit == "requirement" and u.parent == top.id
                     and _series(u.id, top.id) > _series(uid, top.id) > 0 and self._thin(u)]
            for u in self.units:
                if any(u.parent == x.id for x in later):
                    u.parent = top.id
            self._drop([old, *children, *later])
        heading = "" if h.unit == "section" else rest
        self.requirement = self._new(uid, h, top.id, line, heading=heading, title_mode=h.title)
        self.requirement.title_open = h.title != "none" and not heading
        return True

    def _open_numbered(self, h, num, rest, line, boundary) -> bool:
        top = self.top
        if top is None or top.unit != "standard" or not num.isdigit():
            return False
        k = int(num)
        key = f"{top.id} {h.name}"
        last = self.last_child.get(key, 0)
        if k == 1 and last >= 1 and boundary:
            # numbering starts again: what came before was the standard's contents
            start = next(i for i, u in enumerate(self.units) if u is top)
            mine = [u for u in self.units[start + 1:] if u.unit in ("numbered", "requirement")]
            if all(self._thin(u) for u in mine):  # (none left: a dropped contents' entries)
                self._drop(mine)
                last = 0
        if k <= last:
            return False
        if k > last + 1 and not (boundary and k <= last + 20):
            return False
        uid = h.id.format(top=top.id, num=num)
        if uid in self.ids:
            return False
        self.last_child[key] = k
        req = self.requirement  # paragraphs follow their disclosure requirement, ARs the standard
        parent = req.id if req is not None and req.unit == "requirement" and h.name == "standard-paragraph" else top.id
        self._new(uid, h, parent, line, body=rest)
        return True

    def _open_annex(self, h, num, rest, line, boundary) -> bool:
        if not boundary:
            return False
        if not self.units:  # back matter needs a body before it
            return False
        uid = h.id.format(num=num) if "{num}" in h.id else h.id
        base, k = uid, 2
        while uid in self.ids:
            uid, k = f"{base}-{k}", k + 1
        unit = self._new(uid, h, None, line, heading=rest or line.text, title_mode=h.title)
        if h.name in ("annex", "act-annex"):
            unit.heading = [line.text.strip()]
            unit.title_open = False
        self.in_annex = True
        self.top = None
        return True


# --------------------------------------------------------------------------- joining


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words seen inside lines (not at their end): plain words and hyphenated compounds."""
    plain: set[str] = set()
    hyphenated: set[str] = set()
    for ln in lines:
        words = _WORD_RE.findall(ln.text.lower())
        if ln.text.rstrip().endswith("-") and words:
            words = words[:-1]
        for w in words:
            w = w.strip("-'")
            if "-" in w:
                hyphenated.add(w)
                plain.update(p for p in w.split("-") if p)
            else:
                plain.add(w)
    return plain, hyphenated


class _Joiner:
    def __init__(self, lang: str, vocab: tuple[set[str], set[str]]):
        self.prefixes = grammar.COMPOUND_PREFIXES.get(lang, frozenset())
        self.plain, self.hyphenated = vocab

    def keep_hyphen(self, before: str, after: str) -> bool:
        b, a = before.lower(), after.lower()
        if "-" in b:  # raad-van-\nbestuur
            return True
        if f"{b}-{a}" in self.hyphenated:
            return True
        if (b + a) in self.plain:
            return False
        if b.split("-")[-1] in self.prefixes:
            return True
        if a[:1].isupper() or a[:1].isdigit():
            return True
        return False

    def join(self, parts: list[str]) -> str:
        out = ""
        for part in parts:
            part = part.strip()
            if not part:
                continue
            if not out:
                out = part
                continue
            if out.endswith(SOFT_HYPHEN):
                out = out[:-1] + part
                continue
            if len(out) >= 2 and out[-1] == "-" and out[-2].isalpha() and part[:1].isalpha():
                mb = re.search(r"([\w'-]+)-$", out)
                ma = re.match(r"[\w'-]+", part)
                before = mb.group(1) if mb else ""
                after = ma.group(0) if ma else part
                if after.lower() in _CONJUNCTIONS:
                    out = out + " " + part  # "short- and long-term", "informatie- en ..."
                elif part[:1].islower() and not self.keep_hyphen(before, after):
                    out = out[:-1] + part
                else:
                    out = out + part
                continue
            out = out + " " + part
        return out


_LONE_BULLETS = frozenset("\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013-*")
_CONJUNCTIONS = frozenset("and or to en of tot et ou à".split())
_DEFAULT_JOINER = _Joiner("en", (set(), set()))


def join_lines(parts: list[str], joiner: _Joiner | None = None) -> str:
    return strip_soft_hyphens((joiner or _DEFAULT_JOINER).join(parts))


def _paragraphs(lines: list[Line], joiner: _Joiner) -> str:
    paras: list[list[str]] = [[]]
    for ln in lines:
        t = ln.text
        if not t or ln.heading_level > 0:
            if paras[-1]:
                paras.append([])
            if t:
                paras[-1].append(t)
                paras.append([])
            continue
        if (grammar.SUBITEM.match(t) or grammar.BULLET.match(t)) and paras[-1]:
            paras.append([])
        paras[-1].append(t)
    texts = [strip_soft_hyphens(joiner.join(p)) for p in paras if p]
    return "\n".join(re.sub(r"\s{2,}", " ", t).strip() for t in texts if t.strip())


# ----------------------------------------------------------------------------- main


def _to_provisions(units: list[_Unit], joiner: _Joiner) -> tuple[Provision, ...]:
    out: list[Provision] = []
    for u in units:
        heading = re.sub(r"\s{2,}", " ", join_lines(u.heading, joiner)).strip()
        body = _paragraphs(u.body, joiner)
        if u.kind == "principle":
            text = heading if not body else (f"{heading}\n{body}" if heading else body)
        elif u.kind == "annex":
            text = body
        else:
            text = body
        out.append(
            Provision(
                id=u.id,
                kind=u.kind,
                text=text,
                heading=heading,
                parent=u.parent,
                pages=tuple(sorted(u.pages)),
            )
        )
    return tuple(out)


def prepare(lines: list[Line]) -> list[Line]:
    """Clean every line (ligatures, spaces, NFC) and drop trailing blank noise."""
    out = [
        Line(clean_line(ln.text), ln.page, ln.heading_level, grammar.is_toc_entry(ln.text.rstrip()),
             ln.size, ln.bold)
        for ln in lines
    ]
    # a bullet extracted on a line of its own belongs to the next line
    merged: list[Line] = []
    for ln in out:
        if merged and merged[-1].text in _LONE_BULLETS and ln.text:
            ln.text = f"{merged[-1].text} {ln.text}"
            merged[-1] = ln
        else:
            merged.append(ln)
    return merged


def build_provisions(lines: list[Line], lang: str, source: str = "the document") -> Structure:
    """The provisions of a document, with the numbering family that fits it best."""
    lines = prepare(lines)
    skip = _toc_skip(lines)
    quoted = _quoted(lines)
    joiner = _Joiner(lang, _vocabulary(lines))
    layout = _Layout.of(lines)
    best: tuple[int, grammar.Family, list[_Unit]] | None = None
    for fam in grammar.FAMILIES:
        units = _Walker(fam, lines, skip, quoted, layout).run()
        score = sum(1 for u in units if u.kind != "annex")
        if fam.requires and not any(u.unit in fam.requires for u in units):
            score = 0
        if best is None or score > best[0]:
            best = (score, fam, units)
    assert best is not None
    if best[0] == 0:
        tried = "; ".join(f.description for f in grammar.FAMILIES)
        raise DocumentError(
            "E110",
            f"no provision numbering found in {source} (tried: {tried}); "
            "check that it is a code with numbered provisions, or convert it to our YAML corpus format",
        )
    return Structure(best[1].name, _to_provisions(best[2], joiner))
