"""Encodings, Markdown, Word numbering, the other numbering families, language, the CLI."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
import yaml

from codecheck.documents.language import detect_language
from codecheck.documents.read import read_document

CODE_NL = (
    "Voorbeeldcode 2099\n"
    "Principe 1. De vennootschap kiest een structuur.\n"
    "1.1 De raad beschrijft de structuur in het charter.\n"
    "1.2 Het charter vermeldt de rol van de commissies en de bevoegdheden van de CEO.\n"
    "Principe 2. De raad handelt in het belang van de vennootschap.\n"
    "2.1 De raad vergadert ten minste vier keer per jaar.\n"
)
IDS_NL = ["1", "1.1", "1.2", "2", "2.1"]

CODE_FR = (
    "Code exemple 2099\n"
    "Principe 1. La société opte pour une structure de gouvernance.\n"
    "1.1 Le conseil décrit la structure dans la charte de gouvernance.\n"
    "1.2 La charte précise le rôle des comités et les pouvoirs du président élu.\n"
    "Principe 2. Le conseil agit dans l'intérêt de la société.\n"
    "2.1 Le conseil se réunit au moins quatre fois par an, à l'hôtel de ville.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_encodings(tmp_path, encoding, bom):
    data = bom + CODE_FR.encode(encoding)
    code = read_document(_write(tmp_path, "code-fr.txt", data))
    assert [p.id for p in code.provisions] == IDS_NL
    assert code.provisions[0].text == "La société opte pour une structure de gouvernance."
    assert "président élu" in code.provisions[2].text
    assert code.language == "fr"
    assert code.title == "Code exemple 2099"


def test_cp1252_specific_characters(tmp_path):
    text = CODE_NL.replace("CEO.", "CEO \u2013 \u201cde baas\u201d \u20ac5.")
    code = read_document(_write(tmp_path, "c.txt", text.encode("cp1252")))
    assert code.provisions[2].text.endswith("CEO \u2013 \u201cde baas\u201d \u20ac5.")


def test_crlf_and_nfc(tmp_path):
    decomposed = CODE_FR.replace("é", "e\u0301")
    code = read_document(_write(tmp_path, "c.txt", decomposed.replace("\n", "\r\n").encode("utf-8")))
    assert code.provisions[0].text == "La société opte pour une structure de gouvernance."


# -------------------------------------------------------------------------- markdown


def test_markdown_markup_is_stripped(tmp_path):
    md = (
        "# Sample **Code** 2099\n\n"
        "## Principle 1. The company shall use *clear* filler.\n\n"
        "1.1 The board should read the [charter](https://example.org) and `notes`:\n"
        "- the first item;\n"
        "* the second item.\n\n"
        "```\n1.9 not a provision inside a code block? it is text\n```\n"
        "1.2 The board should write **bold** filler.\n\n"
        "---\n\n"
        "## Glossary\n\n"
        "| term | meaning |\n|---|---|\n| filler | text |\n"
    )
    code = read_document(_write(tmp_path, "sample.md", md.encode()))
    assert code.title == "Sample Code 2099"
    assert [p.id for p in code.provisions] == ["1", "1.1", "1.2", "glossary"]
    p = {x.id: x for x in code.provisions}
    assert p["1"].heading == "The company shall use clear filler."
    assert p["1.1"].text.startswith("The board should read the charter and notes:\n- the first item;\n- the second item.")
    assert p["1.2"].text == "The board should write bold filler."
    assert p["glossary"].kind == "annex" and "filler text" in p["glossary"].text


# ----------------------------------------------------------------------------- docx


def _numbered_docx(path: Path) -> Path:
    """Word's automatic numbering: 'Principle %1.' at level 0, '%1.%2' at level 1, (a) at 2."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="77">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Principle %1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
        '</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {w} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))

    def para(text: str, level: int):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'
        ))

    d.add_paragraph("Numbered Draft 2099", style="Title")
    para("The company shall number its filler.", 0)
    para("The board should read it.", 1)
    para("The board should list:", 1)
    para("the first point;", 2)
    para("the second point.", 2)
    para("The board shall lead the filler.", 0)
    para("The board should meet.", 1)
    d.save(str(path))
    return path


def test_docx_word_numbering(tmp_path):
    code = read_document(_numbered_docx(tmp_path / "draft.docx"))
    assert code.title == "Numbered Draft 2099"
    assert [p.id for p in code.provisions] == ["1", "1.1", "1.2", "2", "2.1"]
    p = {x.id: x for x in code.provisions}
    assert p["1"].heading == "The company shall number its filler."
    assert p["1.2"].text == "The board should list:\n(a) the first point;\n(b) the second point."
    assert p["2.1"].parent == "2"


def test_docx_header_footer_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "RUNNING HEADER 2099"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    d.add_paragraph("Principle 1. The company shall keep tables.")
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "1.1 The board should read the first cell."
    table.cell(1, 0).text = "1.2 The board should read the second cell."
    d.add_paragraph("1.3 The board should read after the table.")
    path = tmp_path / "tables.docx"
    d.save(str(path))
    code = read_document(path)
    assert [p.id for p in code.provisions] == ["1", "1.1", "1.2", "1.3"]
    assert all("RUNNING" not in p.text and "Page 1" not in p.text for p in code.provisions)
    assert code.provisions[2].text == "The board should read the second cell."


# ------------------------------------------------------------------ other families


def test_chapters_and_recommendations_nl(tmp_path):
    text = (
        "VOORBEELDCODE IV\n"
        "Inhoud\n"
        "Hoofdstuk 1 Inleiding .......... 3\n"
        "Hoofdstuk 2 Deugdelijk ondernemen .......... 5\n"
        "Hoofdstuk 3 Maatschappelijk verantwoord ondernemen .......... 7\n"
        "\n"
        "Hoofdstuk 1 – Inleiding\n"
        "Deze opvultekst leidt de code in.\n"
        "Aanbeveling 1.1 De onderneming kiest een heldere missie.\n"
        "Aanbeveling 1.2 Ze legt die vast in een charter.\n"
        "Hoofdstuk 2 – Deugdelijk ondernemen\n"
        "Aanbeveling 2.1 De onderneming betaalt haar leveranciers op tijd.\n"
        "Hoofdstuk 3 – Maatschappelijk verantwoord ondernemen\n"
        "Aanbeveling 3.1 De onderneming brengt haar stakeholders in kaart.\n"
        "3.1.1 Ook in de waardeketen.\n"
        "Bijlage A – Woordenlijst\n"
        "Stakeholder: belanghebbende.\n"
    )
    code = read_document(_write(tmp_path, "buysse.txt", text.encode()))
    assert [p.id for p in code.provisions] == ["1", "1.1", "1.2", "2", "2.1", "3", "3.1", "3.1.1", "annex-A"]
    p = {x.id: x for x in code.provisions}
    assert p["1"].kind == "principle" and p["1"].heading == "Inleiding"
    assert p["1"].text == "Inleiding\nDeze opvultekst leidt de code in."
    assert p["3.1.1"].parent == "3.1"
    assert p["annex-A"].kind == "annex" and p["annex-A"].text == "Stakeholder: belanghebbende."
    assert code.language == "nl"


def test_numbered_chapters_fr(tmp_path):
    text = (
        "Code exemple\n"
        "Chapitre 1 Introduction\n"
        "Ce texte de remplissage introduit le code.\n"
        "Recommandation 1.1 L'entreprise définit sa mission.\n"
        "Chapitre 2 La responsabilité sociale de l'entreprise\n"
        "Recommandation 2.1 L'entreprise identifie ses parties prenantes.\n"
        "Recommandation 2.2 Elle évalue son impact sur elles.\n"
    )
    code = read_document(_write(tmp_path, "buysse-fr.txt", text.encode()))
    assert [p.id for p in code.provisions] == ["1", "1.1", "2", "2.1", "2.2"]
    assert code.provisions[2].heading == "La responsabilité sociale de l'entreprise"


def test_articles_paragraphs_and_quotes(tmp_path):
    text = (
        "Voorbeeldwet van 1 januari 2099\n"
        "Hoofdstuk I. Algemene bepalingen\n"
        "Art. 1. Deze wet regelt een opvulonderwerp.\n"
        "Art. 2. § 1. De raad van bestuur stelt een beleid op.\n"
        "§ 2. Het beleid wordt jaarlijks herzien, zoals bepaald in\n"
        "artikel 7 van de voorbeeldwet.\n"
        "Art. 2bis. Een ingevoegd artikel.\n"
        "Hoofdstuk II. Wijzigingen\n"
        "Art. 3. In artikel 5 wordt het volgende ingevoegd:\n"
        "‘Artikel 5a\n"
        "De onderneming meldt dit.\n"
        "Artikel 5b\n"
        "De onderneming meldt dat.’.\n"
        "Art. 4. Deze wet treedt in werking op de dag van publicatie.\n"
    )
    code = read_document(_write(tmp_path, "wet.txt", text.encode()))
    assert [p.id for p in code.provisions] == ["Art. 1", "Art. 2", "Art. 2 §1", "Art. 2 §2", "Art. 2bis", "Art. 3", "Art. 4"]
    p = {x.id: x for x in code.provisions}
    assert p["Art. 2 §1"].parent == "Art. 2"
    assert p["Art. 2 §2"].text == "Het beleid wordt jaarlijks herzien, zoals bepaald in artikel 7 van de voorbeeldwet."
    assert "Artikel 5b" in p["Art. 3"].text  # a quoted article is text of the amending one
    assert "Hoofdstuk II" not in p["Art. 2bis"].text  # dividers are dropped


def test_articles_with_titles_en(tmp_path):
    text = (
        "Sample Act 2099\n\nArticle 1\nSubject matter\nThis act lays down filler rules.\n\n"
        "Article 2\nDefinitions\nFor the purposes of this act:\n(a) 'filler' means text;\n(b) 'sample' means example.\n\n"
        "Article 3\n1. Member States shall apply filler.\n2. They shall report on it.\n"
    )
    code = read_document(_write(tmp_path, "act.txt", text.encode()))
    assert [(p.id, p.heading) for p in code.provisions] == [
        ("Art. 1", "Subject matter"), ("Art. 2", "Definitions"), ("Art. 3", "")]
    assert code.provisions[1].text == "For the purposes of this act:\n(a) 'filler' means text;\n(b) 'sample' means example."


def test_numbered_without_principles(tmp_path):
    text = "Draft\n1.1 The board should do one thing.\n1.2 And another.\n2.1 A new part starts.\n2.2 It goes on.\n"
    code = read_document(_write(tmp_path, "draft.txt", text.encode()))
    assert [(p.id, p.parent) for p in code.provisions] == [("1.1", None), ("1.2", None), ("2.1", None), ("2.2", None)]


def test_beginsel_keyword(tmp_path):
    text = CODE_NL.replace("Principe", "Beginsel")
    code = read_document(_write(tmp_path, "c.txt", text.encode()))
    assert [p.id for p in code.provisions] == IDS_NL


def test_wrapped_numbers_are_not_provisions(tmp_path):
    text = (
        "Principle 1. The company shall count.\n"
        "1.1 The board should meet at least\n"
        "1.2 times a month on average and\n"
        "2.5 million filler items should be read.\n"
        "1.2 The board should count again.\n"
    )
    code = read_document(_write(tmp_path, "c.txt", text.encode()))
    assert [p.id for p in code.provisions] == ["1", "1.1", "1.2"]
    assert code.provisions[1].text == (
        "The board should meet at least 1.2 times a month on average and 2.5 million filler items should be read."
    )


# -------------------------------------------------------------------------- language


@pytest.mark.parametrize("text, lang", [
    (CODE_NL, "nl"), (CODE_FR, "fr"),
    ("The board should meet and the company shall report on its governance.", "en"),
    ("", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# ------------------------------------------------------------------------------- CLI


def test_cli_yaml_and_text(tmp_path, capsys):
    from codecheck.cli import main

    path = _write(tmp_path, "code-nl.txt", CODE_NL.encode())
    assert main(["parse", str(path), "--format", "yaml"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert [p["id"] for p in data["provisions"]] == IDS_NL
    assert data["code"]["language"] == "nl"
    assert main(["parse", str(path), "--format", "text", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "  1.1  De raad beschrijft de structuur in het charter." in out
    assert out.splitlines()[0].startswith("Voorbeeldcode 2099 (code-nl; nl;")


def test_cli_json_is_stable(tmp_path, capsys):
    from codecheck.cli import main

    path = _write(tmp_path, "code-fr.txt", CODE_FR.encode())
    main(["parse", str(path)])
    first = capsys.readouterr().out
    main(["parse", str(path), "--format", "json"])
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["provisions"][1]["parent"] == "1"
    assert "é" in first  # ensure_ascii=False


def test_slugged_id(tmp_path):
    path = _write(tmp_path, "Code Buysse IV (Version définitive).txt", CODE_NL.encode())
    assert read_document(path).id == "code-buysse-iv-version-definitive"


def test_docx_tracked_changes_and_content_controls(tmp_path):
    """Insertions read, deletions dropped, content controls entered, tab stops ignored."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("Principle 1. The company shall track filler.")
    body = d.element.body
    sect = body[-1]
    sect.addprevious(parse_xml(
        f'<w:p {w}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:t xml:space="preserve">1.1 The board should </w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>never </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
        '<w:r><w:t>read it.</w:t></w:r></w:p>'
    ))
    sect.addprevious(parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>1.2 The board should fill the control.</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    ))
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall track filler."),
        ("1.1", "The board should always read it."),
        ("1.2", "The board should fill the control."),
    ]


def test_collapsed_line_breaks_are_reflowed(tmp_path):
    filler = "Filler recital text that goes on. " * 120  # a one-line file longer than 3000 characters
    text = (
        f"Sample act. {filler}HAVE ADOPTED THIS ACT: Article 1 Scope This act applies to filler. "
        "It amends the sample act as follows: ‘Article 2 Inserted This quoted article is text.’; "
        "Article 2 Entry into force This act enters into force today. "
        "Article 3 Addressees This act is addressed to the Member States."
    )
    code = read_document(_write(tmp_path, "collapsed.txt", text.encode()))
    assert [p.id for p in code.provisions] == ["Art. 1", "Art. 2", "Art. 3"]
    assert "Article 2 Inserted" in code.provisions[0].text
    assert code.provisions[2].text == "Addressees This act is addressed to the Member States."


def test_references_at_a_line_start_are_text(tmp_path):
    text = (
        "Principle 1. The company shall refer.\n"
        "1.1 The board should read this sentence.\n"
        "1.2 of the Code and Principle 2 of the Code are references.\n"
        "1.2 The board should write.\n"
    )
    code = read_document(_write(tmp_path, "refs.txt", text.encode()))
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall refer."),
        ("1.1", "The board should read this sentence. 1.2 of the Code and Principle 2 of the Code are references."),
        ("1.2", "The board should write."),
    ]


def test_yaml_corpus_is_dispatched_to_read_corpus():
    from codecheck.documents.corpus import read_corpus

    path = Path(__file__).resolve().parents[1] / "corpora" / "be-cg-2020.en.yaml"
    if not path.is_file():
        pytest.skip("the bundled digest is not in this checkout")
    assert read_document(path) == read_corpus(path)
    assert read_document(path, lang="en").provisions == read_corpus(path).provisions


def test_bullets_of_every_kind(tmp_path):
    text = (
        "Principle 1. The company shall list filler.\n"
        "1.1 The board should consider:\n"
        "\u2022 the first point;\n"
        "\uf0b7 the second point (a Symbol-font bullet);\n"
        "\u2022\n"
        "the third point, its bullet on a line of its own;\n"
        "\u2013 the fourth point.\n"
    )
    code = read_document(_write(tmp_path, "bullets.txt", text.encode()))
    assert code.provisions[1].text == (
        "The board should consider:\n\u2022 the first point;\n\u2022 the second point (a Symbol-font bullet);\n"
        "\u2022 the third point, its bullet on a line of its own;\n\u2013 the fourth point."
    )


def test_docx_pages_from_page_breaks(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph("Principle 1. The company shall paginate filler.")
    d.add_paragraph("1.1 The board should read page one.")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("1.2 The board should read page two.")
    p = d.add_paragraph("1.3 The board should start on page two")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("and end on page three.")
    path = tmp_path / "pages.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(x.id, x.text, x.pages) for x in code.provisions] == [
        ("1", "The company shall paginate filler.", (1,)),
        ("1.1", "The board should read page one.", (1,)),
        ("1.2", "The board should read page two.", (2,)),
        ("1.3", "The board should start on page two and end on page three.", (2, 3)),
    ]


def test_docx_pages_from_last_rendered_breaks(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    d.add_paragraph("Principle 1. The company shall paginate filler.")
    sect = d.element.body[-1]
    sect.addprevious(parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">1.1 The board should read </w:t></w:r>'
        '<w:r><w:lastRenderedPageBreak/><w:t>across the break.</w:t></w:r></w:p>'
    ))
    path = tmp_path / "rendered.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(x.id, x.text, x.pages) for x in code.provisions] == [
        ("1", "The company shall paginate filler.", (1,)),
        ("1.1", "The board should read across the break.", (1, 2)),
    ]


def test_docx_page_break_before_a_numbered_heading(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Principle 1. The company shall paginate filler.")
    d.add_paragraph("1.1 The board should read page one.")
    p = d.add_paragraph("Principle 2. The board shall turn the page.")
    p.paragraph_format.page_break_before = True
    d.add_paragraph("2.1 The board should read page two.")
    path = tmp_path / "before.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(x.id, x.pages) for x in code.provisions] == [("1", (1,)), ("1.1", (1,)), ("2", (2,)), ("2.1", (2,))]


def test_title_falls_back_to_the_file_name(tmp_path):
    path = _write(tmp_path, "draft code v2.txt", b"Principle 1. The company shall start at once.\n1.1 The board should read.\n")
    code = read_document(path)
    assert (code.title, code.id, code.edition) == ("draft code v2", "draft-code-v2", "")


def test_typed_chapter_numbers_in_a_docx_with_only_a_title_style(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Sample Buysse Code", style="Title")
    d.add_paragraph("1. Introduction")
    d.add_paragraph("The filler code introduces itself.")
    d.add_paragraph("2. Sound business practice")
    d.add_paragraph("The company pays its suppliers on time.")
    path = tmp_path / "typed.docx"
    d.save(str(path))
    code = read_document(path)
    assert code.title == "Sample Buysse Code"
    assert [(p.id, p.heading) for p in code.provisions] == [("1", "Introduction"), ("2", "Sound business practice")]


def test_deeper_levels_only_under_the_open_provision(tmp_path):
    text = (
        "Principle 1. The company shall nest filler.\n"
        "1.1 The board should read.\n"
        "1.1.1 Every page.\n"
        "1.2 The board should write.\n"
        "1.1.2 Was what the previous section called this rule.\n"
        "1.2.1 Every line.\n"
    )
    code = read_document(_write(tmp_path, "nested.txt", text.encode()))
    assert [(p.id, p.parent) for p in code.provisions] == [
        ("1", None), ("1.1", "1"), ("1.1.1", "1.1"), ("1.2", "1"), ("1.2.1", "1.2")]
    assert code.provisions[3].text == "The board should write. 1.1.2 Was what the previous section called this rule."


def test_docx_toc_styles_are_skipped(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    toc = d.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Principle 1. The company shall skip the contents", style=toc)  # no page number
    d.add_paragraph("1.1 Reading", style=toc)
    d.add_paragraph("Principle 2. The board shall read on", style=toc)
    d.add_paragraph("Principle 1. The company shall skip the contents.")
    d.add_paragraph("1.1 The board should read.")
    d.add_paragraph("Principle 2. The board shall read on.")
    path = tmp_path / "toc.docx"
    d.save(str(path))
    code = read_document(path)
    assert [(p.id, p.text) for p in code.provisions] == [
        ("1", "The company shall skip the contents."), ("1.1", "The board should read."),
        ("2", "The board shall read on.")]
