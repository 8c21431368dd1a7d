"""PDF hygiene cases beyond the layout fixtures: each one a small generated PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecheck.documents.read import read_document
from codecheck.documents.structure import Line, build_provisions
from parse_fixtures import dejavu_font


def _pdf(path: Path, pages: list[list[tuple[str, float]]], *, x_of=None) -> Path:
    """Pages of (text, size) lines; a line "A\\tB" puts B in a second column."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    font = dejavu_font()
    family = "helvetica"
    if font:
        pdf.add_font("body", "", font)
        family = "body"
    for lines in pages:
        pdf.add_page()
        y = 60.0
        for text, size in lines:
            pdf.set_font(family, size=size)
            if text.startswith("@top "):  # a running header in the top margin
                pdf.text(72, 30, text.removeprefix("@top "))
                continue
            if y > 780 or text.startswith("@bottom "):
                y = max(y, 790)
                text = text.removeprefix("@bottom ")
            if "\t" in text:
                a, b = text.split("\t", 1)
                pdf.text(72, y, a)
                pdf.text(170, y, b)
            else:
                pdf.text(72, y, text)
            y += size * 1.5
    pdf.output(str(path))
    return path


def test_glued_footnote_numbers(tmp_path):
    path = _pdf(tmp_path / "glued.pdf", [[
        ("Principle 1. The company shall use filler.", 11),
        ("1.1 The board should read the charter1 and", 11),
        ("the CO2 rules of 2 sectors.", 11),
        ("1.2 The board should meet.", 11),
        ("@bottom 1 A footnote with filler.", 8),
    ]])
    code = read_document(path)
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall use filler."),
        ("1.1", "The board should read the charter and the CO2 rules of 2 sectors."),
        ("1.2", "The board should meet."),
    ]


def test_numbers_in_their_own_column(tmp_path):
    path = _pdf(tmp_path / "columns.pdf", [[
        ("Principle 1.\tThe company shall use", 12),
        ("\tcolumns of filler.", 12),
        ("1.1\tThe board should read", 11),
        ("\tthe left column.", 11),
        ("1.2\tThe board should read the right one.", 11),
    ]])
    code = read_document(path)
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall use columns of filler."),
        ("1.1", "The board should read the left column."),
        ("1.2", "The board should read the right one."),
    ]


@pytest.mark.parametrize("footer", ["- {n} -", "Pagina {n} van 3", "{n}", "| {n}", "Page {n} of 3", "p. {n}"])
def test_page_number_styles(tmp_path, footer):
    pages = [
        [("Cover of the Filler Code", 20)],
        [("Principle 1. The company shall use filler.", 12), ("1.1 The board should read it.", 11),
         (f"@bottom {footer.format(n=2)}", 8)],
        [("1.2 The board should keep reading", 11), ("the filler text.", 11), (f"@bottom {footer.format(n=3)}", 8)],
    ]
    code = read_document(_pdf(tmp_path / "pages.pdf", pages))
    assert [(p.id, p.text, p.pages) for p in code.provisions] == [
        ("1", "The company shall use filler.", (2,)),
        ("1.1", "The board should read it.", (2,)),
        ("1.2", "The board should keep reading the filler text.", (3,)),
    ]


def test_toc_page_without_leaders(tmp_path):
    toc = [("Contents", 16)] + [
        (f"Principle {k}. The company shall apply filler rule {k} {k + 3}", 11) for k in range(1, 5)
    ]
    body = [("Principle 1. The company shall apply filler rule 1.", 12), ("1.1 The board should read.", 11),
            ("Principle 2. The company shall apply filler rule 2.", 12), ("2.1 The board should write.", 11)]
    code = read_document(_pdf(tmp_path / "toc.pdf", [[("Filler Code", 20)], toc, body]))
    assert [p.id for p in code.provisions] == ["1", "1.1", "2", "2.1"]
    assert code.provisions[0].pages == (3,)


def test_overview_of_principles_before_the_code():
    """An introduction listing the principles (no page numbers) does not eat the code."""
    lines = [Line(t) for t in [
        "How to use this code",
        "Principle 1. The company shall be filler.",
        "Principle 2. The board shall be filler too.",
        "The principles follow.",
        "Principle 1. The company shall be filler.",
        "1.1 The board should read.",
        "Principle 2. The board shall be filler too.",
        "2.1 The board should write.",
    ]]
    structure = build_provisions(lines, "en")
    assert [(p.id, p.text) for p in structure.provisions] == [
        ("1", "The company shall be filler."), ("1.1", "The board should read."),
        ("2", "The board shall be filler too."), ("2.1", "The board should write."),
    ]


def test_running_header_on_some_pages_only(tmp_path):
    pages = [[("Filler Code Cover Page", 20)]]
    words = "board company charter policy review report committee filler".split()
    for k in range(1, 7):
        lines = [("@top FILLER CODE 2099", 8)] if k % 2 == 0 else []
        lines += [(f"Principle {k}. The company shall apply the {words[k]} rule.", 12)]
        lines += [(f"{k}.{q} The board should read the {words[(k + q) % 8]} text with care.", 11)
                  for q in range(1, 4)]
        pages.append(lines)
    code = read_document(_pdf(tmp_path / "odd.pdf", pages))
    assert len(code.provisions) == 24
    assert all("FILLER CODE" not in p.text and "FILLER CODE" not in p.heading for p in code.provisions)


def test_space_lost_after_the_number():
    lines = [Line(t) for t in ["Principle 1.The company shall use filler.", "1.1The board should read.",
                               "1.2 The board should write."]]
    structure = build_provisions(lines, "en")
    assert [(p.id, p.text) for p in structure.provisions] == [
        ("1", "The company shall use filler."), ("1.1", "The board should read."), ("1.2", "The board should write.")]


def test_toc_without_page_numbers_then_back_matter():
    """A TOC whose page numbers were lost lists the principles and the back matter."""
    lines = [Line(t, page=2) for t in [
        "WOORD VOORAF",
        "Principe 1. De vennootschap kiest een structuur",
        "Principe 2. De raad handelt in het belang van de vennootschap",
        "SAMENSTELLING VAN DE COMMISSIE CORPORATE GOVERNANCE",
    ]] + [Line(t, page=3) for t in [
        "WOORD VOORAF",
        "Dit is een opvulwoord vooraf.",
        "Het loopt over meerdere regels.",
        "En nog een regel.",
    ]] + [Line(t, page=4) for t in [
        "Principe 1. De vennootschap kiest een structuur",
        "1.1 De raad beschrijft de structuur.",
        "Principe 2. De raad handelt in het belang van de vennootschap",
        "2.1 De raad vergadert.",
        "SAMENSTELLING VAN DE COMMISSIE CORPORATE GOVERNANCE",
        "A. Opvulling, voorzitter",
    ]]
    structure = build_provisions(lines, "nl")
    assert [(p.id, p.pages) for p in structure.provisions] == [
        ("1", (4,)), ("1.1", (4,)), ("2", (4,)), ("2.1", (4,)), ("composition", (4,))]
    assert structure.provisions[0].heading == "De vennootschap kiest een structuur"


def test_title_without_full_stop_ends_with_its_type(tmp_path):
    """A principle title in heading type, without a final full stop, then an intro in body type."""
    path = _pdf(tmp_path / "intro.pdf", [[
        ("Principle 1. The company shall choose a structure", 13),
        ("and explain it", 13),
        ("This filler introduction explains the principle in body type", 11),
        ("over two lines.", 11),
        ("1.1 The board should read.", 11),
        ("Principle 2. The board shall lead", 13),
        ("2.1 The board should write.", 11),
    ]])
    code = read_document(path)
    assert [(p.id, p.heading, p.text) for p in code.provisions] == [
        ("1", "The company shall choose a structure and explain it",
         "The company shall choose a structure and explain it\n"
         "This filler introduction explains the principle in body type over two lines."),
        ("1.1", "", "The board should read."),
        ("2", "The board shall lead", "The board shall lead"),
        ("2.1", "", "The board should write."),
    ]


def test_repeated_body_lines_at_page_tops_are_kept(tmp_path):
    """A repetitive code whose pages start with the same body line loses none of it."""
    pages = [[("Filler Code Cover Page", 20)]]
    for k in range(1, 7):
        pages.append([
            ("@top FILLER CODE 2099", 8),
            ("and explain any deviation in the statement.", 11),  # the end of the previous provision
            (f"Principle {k}. The company shall apply the rule.", 12),
            (f"{k}.1 The board should read the rule with care", 11),
        ])
    code = read_document(_pdf(tmp_path / "repetitive.pdf", pages))
    texts = {p.id: p.text for p in code.provisions}
    assert texts["1.1"] == "The board should read the rule with care and explain any deviation in the statement."
    assert texts["6.1"] == "The board should read the rule with care"
    assert all("FILLER CODE" not in t for t in texts.values())


def test_numbered_chapters_stand_out_from_numbered_lists(tmp_path):
    """Code Buysse style: '3. Title' chapters in heading type; a '2. Item' list in body type."""
    page = [
        ("1. Inleiding en algemene principes", 14),
        ("De raad let op twee punten:", 11),
        ("1. Samenstelling", 11),
        ("2. Werking", 11),
        ("2. Deugdelijk ondernemen", 14),
        ("De onderneming betaalt haar leveranciers op tijd.", 11),
        ("3. Maatschappelijk verantwoord ondernemen", 14),
        ("De onderneming brengt haar stakeholders in kaart.", 11),
    ]
    code = read_document(_pdf(tmp_path / "buysse.pdf", [[("VOORBEELDCODE BUYSSE", 22)], page]))
    assert [(p.id, p.heading, p.text) for p in code.provisions] == [
        ("1", "Inleiding en algemene principes",
         "Inleiding en algemene principes\nDe raad let op twee punten:\n1. Samenstelling\n2. Werking"),
        ("2", "Deugdelijk ondernemen", "Deugdelijk ondernemen\nDe onderneming betaalt haar leveranciers op tijd."),
        ("3", "Maatschappelijk verantwoord ondernemen",
         "Maatschappelijk verantwoord ondernemen\nDe onderneming brengt haar stakeholders in kaart."),
    ]
    assert code.language == "nl"


def test_numbered_chapters_in_word_heading_styles(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("1. Introduction", 1)
    d.add_paragraph("The filler code introduces itself.")
    d.add_paragraph("2. A list item in body text")
    d.add_heading("2. Sound business practice", 1)
    d.add_paragraph("The company pays its suppliers on time.")
    path = tmp_path / "chapters.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(p.id, p.heading) for p in code.provisions] == [("1", "Introduction"), ("2", "Sound business practice")]
    assert code.provisions[0].text == "Introduction\nThe filler code introduces itself.\n2. A list item in body text"


def test_a_page_of_short_articles_is_not_a_toc(tmp_path):
    page = []
    for k in range(1, 7):
        page += [(f"Article {k}", 11), (f"Filler rule number {k} applies.", 11)]
    code = read_document(_pdf(tmp_path / "articles.pdf", [[("Sample Act of 2099", 18)], page]))
    assert [p.id for p in code.provisions] == [f"Art. {k}" for k in range(1, 7)]


def test_overview_listing_provisions_too():
    """A TOC without page numbers that lists principles and provisions."""
    lines = [Line(t) for t in [
        "Principle 1. Structure", "1.1 Charter", "1.2 Statement", "Principle 2. Board", "2.1 Meetings",
        "Foreword text ends here.",
        "Principle 1. The company shall choose a structure.",
        "1.1 The board should write a charter explaining it in full.",
        "1.2 The board should publish a statement.",
        "Principle 2. The board shall lead.",
        "2.1 The board should meet often.",
    ]]
    structure = build_provisions(lines, "en")
    assert [(p.id, p.text) for p in structure.provisions] == [
        ("1", "The company shall choose a structure."),
        ("1.1", "The board should write a charter explaining it in full."),
        ("1.2", "The board should publish a statement."),
        ("2", "The board shall lead."),
        ("2.1", "The board should meet often."),
    ]


def test_fake_bold_overprint_is_read_once(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for dx in (0, 0.4):  # a heading drawn twice, a hair apart, to look bold
        pdf.text(72 + dx, 100, "Principle 1. The company shall look bold.")
    pdf.set_font("helvetica", size=11)
    pdf.text(72, 120, "1.1 The board should read it once.")
    path = tmp_path / "fakebold.pdf"
    pdf.output(str(path))
    code = read_document(path)
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall look bold."), ("1.1", "The board should read it once.")]
