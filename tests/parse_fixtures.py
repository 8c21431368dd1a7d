"""Generators of test documents for the document reader (our own filler text).

`SPECS[lang]` describes a small code in the layout of the official 2020 Belgian Code PDFs:
a cover, a table of contents with dot leaders (one entry wrapped over two lines), a
foreword with its own numbered points, principles with a two-line title, provisions N.M,
a deeper level N.M.K, sub-items, a footnote, hyphenation at line ends (to undo) and real
compounds (to keep), ligatures, soft hyphens, non-breaking spaces, a provision running
over a page break, running headers and footers with page numbers (`Page 12`, `12 |`),
and a committee-composition list at the end.

Each provision is written twice: `printed` as the lines appear on the page (hyphens,
ligatures, page breaks), `text` as the reader must return it. Builders turn a spec into
a PDF (fpdf2), a .docx (python-docx), a .txt or a .md file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PAGEBREAK = "<<PAGEBREAK>>"
FOOTNOTE = "<<FN>>"  # in a printed line: a superscript footnote marker goes here

_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
)


def dejavu_font() -> str | None:
    for d in _FONT_DIRS:
        p = os.path.join(d, "DejaVuSans.ttf")
        if os.path.exists(p):
            return p
    try:
        import matplotlib

        p = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf", "DejaVuSans.ttf")
        if os.path.exists(p):
            return p
    except ImportError:
        pass
    return None


@dataclass
class Unit:
    id: str
    kind: str
    parent: str | None
    heading: str
    text: str
    printed: list[str]  # lines as printed (first line carries the number / keyword)
    footnote: str = ""  # footnote text printed at the foot of the page


@dataclass
class Spec:
    lang: str
    title: str
    running: str  # running header ("" for none)
    footer: str  # page-number style: "Page {n}", "{n} |", "{n} | {running}"
    committee: str
    foreword_heading: str
    foreword: list[str]
    toc_title: str
    toc: list[str]  # printed TOC lines (dot leaders added by the builder when "{dots}" present)
    units: list[Unit] = field(default_factory=list)
    section: str = ""  # a second running header naming the page's principle: "Principle {n} | Filler"

    @property
    def ids(self) -> list[str]:
        return [u.id for u in self.units]


def _en() -> Spec:
    units = [
        Unit("1", "principle", None,
             "The company shall choose a clear governance structure and explain it publicly.",
             "The company shall choose a clear governance structure and explain it publicly.",
             ["Principle 1.\tThe company shall choose a clear governance structure and",
              "explain it publicly."]),
        Unit("1.1", "provision", "1", "",
             "The board should describe the chosen structure in its governance charter and review it every year.",
             ["1.1 The board should describe the chosen structure in its govern-",
              "ance charter and review it every year."]),
        Unit("1.2", "provision", "1", "",
             "The governance charter should at least contain:\n(a) the long-term objectives of the company;\n"
             "(b) the financial and non-financial goals;\n(c) the rules for the board.",
             ["1.2 The governance charter should at least contain:",
              "(a) the long-",
              "term objectives of the company;",
              "(b) the \ufb01nancial and non-\ufb01nancial goals;",
              "(c) the rules for the board" + FOOTNOTE + "."],
             footnote="Filler note: the articles of association set these rules."),
        Unit("1.3", "provision", "1", "",
             "The company should publish the charter on its website within one month.",
             ["1.3 The company should publish the charter on its web-",
              "site within one month."]),
        Unit("1.4", "provision", "1", "",
             "The governance statement should report on the organisation of the board of directors.",
             ["1.4 The governance statement should report on the organ\u00ad",
              "isation of the board\u00a0of directors."]),
        Unit("2", "principle", None,
             "The board shall act in the long-term interest of the company.",
             "The board shall act in the long-term interest of the company.",
             [PAGEBREAK, "Principle 2.\tThe board shall act in the long-term interest of the company."]),
        Unit("2.1", "provision", "2", "",
             "The board should meet regularly and at least four times a year. It should keep minutes of "
             "every meeting and approve them at the next one. The chair should set the agenda in "
             "consultation with the chief executive.",
             ["2.1 The board should meet regularly and at least four times a year. It should",
              "keep minutes of every meeting and approve them at the next one.",
              PAGEBREAK,
              "The chair should set the agenda in consultation with the chief executive."]),
        Unit("2.2", "provision", "2", "",
             "Board members should devote enough time to their duties:",
             ["2.2 Board members should devote enough time to their duties:"]),
        Unit("2.2.1", "provision", "2.2", "",
             "Each member should limit the number of other board mandates to five.",
             ["2.2.1 Each member should limit the number of other board mandates",
              "to five."]),
        Unit("2.2.2", "provision", "2.2", "",
             "Each member should attend at least 75% of the meetings.",
             ["2.2.2 Each member should attend at least 75% of the meetings."]),
        Unit("2.3", "provision", "2", "",
             "The board should assess its own performance every three years with the help of an adviser, "
             "2.4 times as often when it changes its size.",
             ["2.3 The board should assess its own performance every three years with",
              "the help of an adviser,",
              "2.4 times as often when it changes its size."]),
        Unit("composition", "annex", None, "Composition of the Sample Governance Committee",
             "A. Filler, chair\nB. Example, member\nC. Placeholder, secretary",
             [PAGEBREAK, "Composition of the Sample Governance Committee",
              "A. Filler, chair", "B. Example, member", "C. Placeholder, secretary"]),
    ]
    return Spec(
        "en", "THE 2099 SAMPLE CODE ON GOOD GOVERNANCE", "SAMPLE CODE ON GOOD GOVERNANCE 2099", "Page {n}",
        "Sample Governance Committee", "FOREWORD",
        ["This filler foreword explains how the sample code came about.",
         "1. The code applies to listed companies.",
         "2. It follows the comply-or-explain approach.",
         "3.1 million readers are not expected, but 4.2 copies will be printed."],
        "Contents",
        ["Foreword{dots}3",
         "Principle 1. The company shall choose a clear governance structure and",
         "explain it publicly{dots}4",
         "Principle 2. The board shall act in the long-term interest of the company{dots}5",
         "Composition of the Sample Governance Committee{dots}7"],
        units,
        section="Principle {n} | Sample section",
    )


def _nl() -> Spec:
    units = [
        Unit("1", "principle", None,
             "De vennootschap kiest een duidelijke bestuursstructuur en legt die openbaar uit.",
             "De vennootschap kiest een duidelijke bestuursstructuur en legt die openbaar uit.",
             ["Principe 1.\tDe vennootschap kiest een duidelijke bestuursstructuur en",
              "legt die openbaar uit."]),
        Unit("1.1", "provision", "1", "",
             "De raad van bestuur beschrijft de gekozen structuur in het corporate governance charter van de vennootschap.",
             ["1.1 De raad van bestuur beschrijft de gekozen structuur in het corporate",
              "governance charter van de vennoot-",
              "schap."]),
        Unit("1.2", "provision", "1", "",
             "Het charter vermeldt ten minste:\na) de doelstellingen op lange termijn;\n"
             "b) de financiële en niet-financiële doelen;\nc) de regels voor de raad-van-bestuur-vergaderingen.",
             ["1.2 Het charter vermeldt ten minste:",
              "a) de doelstellingen op lange termijn;",
              "b) de \ufb01nanciële en niet-\ufb01nanciële doelen;",
              "c) de regels voor de raad-van-",
              "bestuur-vergaderingen" + FOOTNOTE + "."],
             footnote="Opvulnota: de statuten bepalen deze regels."),
        Unit("1.3", "provision", "1", "",
             "De vennootschap publiceert het charter binnen een maand op haar website.",
             ["1.3 De vennootschap publiceert het charter binnen een maand op haar web\u00ad",
              "site."]),
        Unit("2", "principle", None,
             "De raad van bestuur handelt in het belang van de vennootschap op lange termijn.",
             "De raad van bestuur handelt in het belang van de vennootschap op lange termijn.",
             [PAGEBREAK, "Principe 2.\tDe raad van bestuur handelt in het belang van de vennootschap op",
              "lange termijn."]),
        Unit("2.1", "provision", "2", "",
             "De raad vergadert regelmatig en ten minste vier keer per jaar. De voorzitter stelt de agenda op in overleg met de CEO.",
             ["2.1 De raad vergadert regelmatig en ten minste vier keer per jaar.",
              PAGEBREAK,
              "De voorzitter stelt de agenda op in overleg met de CEO."]),
        Unit("2.2", "provision", "2", "",
             "Elke bestuurder besteedt voldoende tijd aan zijn opdracht.",
             ["2.2 Elke bestuurder besteedt voldoende tijd aan zijn opdracht."]),
        Unit("2.2.1", "provision", "2.2", "",
             "Hij neemt niet meer dan vijf andere mandaten op.",
             ["2.2.1 Hij neemt niet meer dan vijf andere mandaten op."]),
        Unit("composition", "annex", None, "Samenstelling van de Voorbeeldcommissie Deugdelijk Bestuur",
             "A. Opvulling, voorzitter\nB. Voorbeeld, lid",
             [PAGEBREAK, "Samenstelling van de Voorbeeldcommissie Deugdelijk Bestuur",
              "A. Opvulling, voorzitter", "B. Voorbeeld, lid"]),
    ]
    return Spec(
        "nl", "BELGISCHE VOORBEELDCODE DEUGDELIJK BESTUUR 2099", "", "{n} | BELGISCHE VOORBEELDCODE 2099",
        "Voorbeeldcommissie", "WOORD VOORAF",
        ["Dit opvulwoord legt uit hoe de voorbeeldcode tot stand kwam.",
         "1. De code geldt voor genoteerde vennootschappen.",
         "2. Ze volgt het beginsel pas toe of leg uit."],
        "Inhoud",
        ["Woord vooraf{dots}3",
         "Principe 1. De vennootschap kiest een duidelijke bestuursstructuur en",
         "legt die openbaar uit{dots}4",
         "Principe 2. De raad van bestuur handelt in het belang van de vennootschap{dots}5",
         "Samenstelling van de Voorbeeldcommissie Deugdelijk Bestuur{dots}7"],
        units,
    )


def _fr() -> Spec:
    units = [
        Unit("1", "principle", None,
             "La société opte pour une structure de gouvernance claire et la rend publique.",
             "La société opte pour une structure de gouvernance claire et la rend publique.",
             ["Principe 1.\tLa société opte pour une structure de gouvernance claire et la",
              "rend publique."]),
        Unit("1.1", "provision", "1", "",
             "Le conseil d'administration décrit la structure choisie dans la charte de gouvernance.",
             ["1.1 Le conseil d'administration décrit la structure choisie dans la charte de gouver-",
              "nance."]),
        Unit("1.2", "provision", "1", "",
             "La charte doit au moins contenir :\ni. les objectifs à long terme ;\n"
             "ii. les objectifs financiers et non-financiers ;\niii. les règles du conseil.",
             ["1.2 La charte doit au moins contenir\u00a0:",
              "i. les objectifs à long terme\u00a0;",
              "ii. les objectifs \ufb01nanciers et non-",
              "\ufb01nanciers\u00a0;",
              "iii. les règles du conseil" + FOOTNOTE + "."],
             footnote="Note de remplissage : les statuts fixent ces règles."),
        Unit("2", "principle", None,
             "Le conseil agit dans l'intérêt à long terme de la société.",
             "Le conseil agit dans l'intérêt à long terme de la société.",
             [PAGEBREAK, "Principe 2.\tLe conseil agit dans l'intérêt à long terme de la société."]),
        Unit("2.1", "provision", "2", "",
             "Le conseil se réunit régulièrement et au moins quatre fois par an. Le président fixe l'ordre du jour.",
             ["2.1 Le conseil se réunit régulièrement et au moins quatre fois par an.",
              PAGEBREAK,
              "Le président \ufb01xe l'ordre du jour."]),
        Unit("2.2", "provision", "2", "",
             "Chaque administrateur consacre le temps nécessaire à sa mission.",
             ["2.2 Chaque administrateur consacre le temps nécessaire à sa mission."]),
        Unit("composition", "annex", None, "Composition de la Commission Exemple de Gouvernance",
             "A. Remplissage, président\nB. Exemple, membre",
             [PAGEBREAK, "Composition de la Commission Exemple de Gouvernance",
              "A. Remplissage, président", "B. Exemple, membre"]),
    ]
    return Spec(
        "fr", "CODE EXEMPLE DE GOUVERNANCE D'ENTREPRISE 2099", "CODE EXEMPLE DE GOUVERNANCE 2099", "{n} |",
        "Commission Exemple", "AVANT-PROPOS",
        ["Cet avant-propos de remplissage explique l'origine du code exemple.",
         "1. Le code s'applique aux sociétés cotées.",
         "2. Il suit le principe appliquer ou expliquer."],
        "Table des matières",
        ["Avant-propos{dots}3",
         "Principe 1. La société opte pour une structure de gouvernance claire et la",
         "rend publique{dots}4",
         "Principe 2. Le conseil agit dans l'intérêt à long terme de la société{dots}5",
         "Composition de la Commission Exemple de Gouvernance{dots}7"],
        units,
    )


SPECS = {"en": _en(), "nl": _nl(), "fr": _fr()}


# ------------------------------------------------------------------------------- PDF


class _PdfWriter:
    """Places printed lines on A4 pages with a running header, footer and footnotes."""

    def __init__(self, spec: Spec, font: str | None, body_size: float = 10.5):
        from fpdf import FPDF

        self.spec = spec
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_compression(False) if hasattr(self.pdf, "set_compression") else None
        if font:
            self.pdf.add_font("body", "", font)
            self.family = "body"
        else:
            self.family = "helvetica"
        self.size = body_size
        self.lead = body_size * 1.45
        self.y = 0.0
        self.footnotes: list[str] = []
        self.page_no = 0
        self.numbered = False  # header/footer only on body pages
        self.section = ""  # the current section's running title

    def font(self, size: float) -> None:
        self.pdf.set_font(self.family, size=size)

    def new_page(self, numbered: bool = True) -> None:
        if self.page_no:
            self.finish_page()
        self.pdf.add_page()
        self.page_no += 1
        self.numbered = numbered
        self.y = 90.0
        if numbered and self.spec.running:
            self.font(8)
            self.pdf.text(72, 40, self.spec.running)
        if numbered and self.section:
            self.font(8)
            self.pdf.text(72, 52, self.section)

    def finish_page(self) -> None:
        if self.footnotes:
            self.font(self.size * 0.75)
            y = 760.0 - self.lead * 0.8 * (len(self.footnotes) - 1)
            self.pdf.line(72, y - 12, 200, y - 12)
            for k, note in enumerate(self.footnotes, start=1):
                self.pdf.text(72, y, f"{k} {note}")
                y += self.lead * 0.8
            self.footnotes = []
        if self.numbered:
            self.font(8)
            self.pdf.text(72, 810, self.spec.footer.format(n=self.page_no, running=self.spec.running))

    def line(self, text: str, footnote: str = "", size: float | None = None) -> None:
        size = size or self.size
        if self.y > 700:
            self.new_page()
        self.font(size)
        x = 72.0
        if "\t" in text:
            head, tail = text.split("\t", 1)
            self.pdf.text(x, self.y, head)
            x += 70.0
            text = tail
        if FOOTNOTE in text:
            before, after = text.split(FOOTNOTE, 1)
            self.pdf.text(x, self.y, before)
            x += self.pdf.get_string_width(before)
            self.footnotes.append(footnote)
            self.font(size * 0.55)
            mark = str(len(self.footnotes))
            self.pdf.text(x + 0.5, self.y - size * 0.35, mark)
            x += self.pdf.get_string_width(mark) + 1
            self.font(size)
            self.pdf.text(x, self.y, after)
        else:
            self.pdf.text(x, self.y, text)
        self.y += self.lead * (size / self.size)

    def output(self, path: Path) -> None:
        self.finish_page()
        self.page_no = 0
        self.pdf.output(str(path))


def build_pdf(spec: Spec, path: Path, *, font: str | None = None) -> Path:
    """The spec as an official-layout PDF; `font` a TTF (DejaVu) for ligatures and NBSP."""
    font = font or dejavu_font()
    w = _PdfWriter(spec, font)
    # cover
    w.new_page(numbered=False)
    w.y = 300
    w.line(spec.title, size=22)
    w.line(spec.committee, size=14)
    # table of contents
    w.new_page(numbered=False)
    w.line(spec.toc_title, size=16)
    for entry in spec.toc:
        if "{dots}" in entry:
            label, page = entry.split("{dots}")
            w.font(w.size)
            room = 420 - w.pdf.get_string_width(label)
            dots = " ." * max(3, int(room / w.pdf.get_string_width(" .")))
            w.line(f"{label}{dots} {page}")
        else:
            w.line(entry)
    # foreword
    w.new_page()
    w.line(spec.foreword_heading, size=14)
    for ln in spec.foreword:
        w.line(ln)
    # body
    first = spec.units[0]
    w.section = spec.section.format(n=first.id) if spec.section else ""
    w.new_page()
    for unit in spec.units:
        for k, ln in enumerate(unit.printed):
            if ln == PAGEBREAK:
                if k == 0 and spec.section:
                    w.section = spec.section.format(n=unit.id) if unit.kind == "principle" else ""
                w.new_page()
                continue
            is_top = unit.kind == "principle" or (unit.kind == "annex" and (k == 0 or unit.printed[k - 1] == PAGEBREAK))
            w.line(ln, footnote=unit.footnote, size=w.size * 1.15 if is_top else None)
    w.output(path)
    return path


# ---------------------------------------------------------------------- docx, txt, md


def _logical_lines(unit: Unit) -> list[str]:
    """A unit's text as paragraphs the way a word processor would hold it."""
    first = unit.printed[1] if unit.printed[0] == PAGEBREAK else unit.printed[0]
    if unit.kind == "principle":
        word = first.split("\t")[0]
        return [f"{word}\t{unit.heading}"]
    if unit.kind == "annex":
        return [unit.heading] + [p for p in unit.printed if p not in (PAGEBREAK, unit.heading)]
    paras = unit.text.split("\n")
    return [f"{unit.id} {paras[0]}"] + paras[1:]


def build_docx(spec: Spec, path: Path, *, word_numbering: bool = False) -> Path:
    """The spec as a Word document with a running header and footer and a TOC."""
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = spec.running or spec.title
    section.footer.paragraphs[0].text = spec.footer.format(n=1, running=spec.running)
    d.add_paragraph(spec.title, style="Title")
    d.add_paragraph(spec.toc_title)
    for entry in spec.toc:
        d.add_paragraph(entry.replace("{dots}", "\t"))
    d.add_heading(spec.foreword_heading, 1)
    for ln in spec.foreword:
        d.add_paragraph(ln)
    for unit in spec.units:
        lines = _logical_lines(unit)
        if unit.kind in ("principle", "annex"):
            d.add_heading(lines[0], 1)
            for ln in lines[1:]:
                d.add_paragraph(ln)
            continue
        for ln in lines:
            d.add_paragraph(ln)
    d.save(str(path))
    return path


def build_text(spec: Spec, *, markdown: bool = False) -> str:
    """The spec as a plain text (or Markdown) file, with its TOC and foreword."""
    out = [("# " if markdown else "") + spec.title, "", spec.toc_title]
    for entry in spec.toc:
        out.append(entry.replace("{dots}", " " + "." * 12 + " "))
    out += ["", ("## " if markdown else "") + spec.foreword_heading]
    out += spec.foreword + [""]
    for unit in spec.units:
        printed = [ln.replace(FOOTNOTE, "") for ln in unit.printed if ln != PAGEBREAK]
        if markdown and unit.kind in ("principle", "annex"):
            if unit.kind == "principle":
                printed = ["## " + " ".join(printed).replace("\t", " ")]
            else:
                printed = ["## " + printed[0]] + printed[1:]
        out += printed
        if markdown:
            out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- long / bad


def build_long_pdf(path: Path, pages: int = 60, lang: str = "en") -> Path:
    """A long code (for the benchmark): about `pages` body pages of principles and provisions."""
    font = dejavu_font()
    spec = SPECS[lang]
    w = _PdfWriter(spec, font)
    w.new_page(numbered=False)
    w.line(spec.title, size=22)
    w.new_page()
    p = 0
    filler = ("The board should consider this filler sentence about governance, oversight and "
              "reporting, and explain any deviation in its statement.")
    while w.page_no < pages:
        p += 1
        w.line(f"Principle {p}.\tThe company shall apply filler principle number {p}.", size=w.size * 1.15)
        cut = filler.rindex(" ", 0, 70)
        for q in range(1, 9):
            w.line(f"{p}.{q} {filler[:cut]}")
            w.line(filler[cut + 1:] + " It should also re-")
            w.line("port on it every year.")
    w.output(path)
    return path


def build_encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(20, 20, "Principle 1. Filler text under lock.")
    pdf.output(str(path))
    return path


def build_image_only_pdf(path: Path) -> Path:
    """Pages with drawings and no text layer (like a scan)."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.set_fill_color(90, 90, 90)
        for k in range(20):
            pdf.rect(20, 20 + 12 * k, 150, 6, style="F")
    pdf.output(str(path))
    return path


def build_plain_pdf(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    y = 20
    for ln in lines:
        pdf.text(20, y, ln)
        y += 7
    pdf.output(str(path))
    return path
