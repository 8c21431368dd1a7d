"""The official-layout test codes (EN/NL/FR) read from PDF, .docx, .txt and .md.

Each generated document reproduces a layout feature of the issue (cover, TOC with dot
leaders and a wrapped entry, running header/footer with `Page 12` / `12 |`, footnotes,
hyphenation, ligatures, soft hyphens, NBSP, a provision over a page break, committee
composition back matter); the reader must return the exact ids and texts of the spec.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codecheck.documents.read import read_document
from parse_fixtures import FOOTNOTE, PAGEBREAK, SPECS, build_docx, build_pdf, build_text

LANGS = ("en", "nl", "fr")
FORMATS = ("pdf", "docx", "txt", "md")


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[tuple[str, str], Path]:
    root = tmp_path_factory.mktemp("layouts")
    out: dict[tuple[str, str], Path] = {}
    for lang in LANGS:
        spec = SPECS[lang]
        stem = f"sample-code-{lang}"
        out[(lang, "pdf")] = build_pdf(spec, root / f"{stem}.pdf")
        out[(lang, "docx")] = build_docx(spec, root / f"{stem}.docx")
        (root / f"{stem}.txt").write_text(build_text(spec), encoding="utf-8")
        out[(lang, "txt")] = root / f"{stem}.txt"
        (root / f"{stem}.md").write_text(build_text(spec, markdown=True), encoding="utf-8")
        out[(lang, "md")] = root / f"{stem}.md"
    return out


@pytest.fixture(scope="module")
def codes(documents):
    return {key: read_document(path) for key, path in documents.items()}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_exact_ids(codes, lang, fmt):
    code = codes[(lang, fmt)]
    assert [p.id for p in code.provisions] == SPECS[lang].ids


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_exact_provisions(codes, lang, fmt):
    code = codes[(lang, fmt)]
    got = {p.id: p for p in code.provisions}
    for unit in SPECS[lang].units:
        p = got[unit.id]
        assert (p.kind, p.parent, p.heading) == (unit.kind, unit.parent, unit.heading), unit.id
        assert p.text == unit.text, unit.id


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_code_fields(codes, documents, lang, fmt):
    code = codes[(lang, fmt)]
    assert code.kind == "file"
    assert code.id == f"sample-code-{lang}"
    assert code.language == lang  # detected: no lang given
    assert code.title == SPECS[lang].title
    assert code.edition == "2099"
    assert code.source == str(documents[(lang, fmt)])


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_pages(codes, lang):
    code = codes[(lang, "pdf")]
    pages = {p.id: p.pages for p in code.provisions}
    # cover 1, TOC 2, foreword 3, principle 1 on 4, principle 2 on 5, page break in 2.1
    assert pages["1"] == (4,)
    assert pages["1.1"] == (4,)
    assert pages["2"] == (5,)
    assert pages["2.1"] == (5, 6)
    assert pages["composition"] == (7,)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_leaks(codes, lang, fmt):
    """No running header, footer, page number, footnote or TOC text in any provision."""
    spec = SPECS[lang]
    code = codes[(lang, fmt)]
    texts = [p.text + " " + p.heading for p in code.provisions]
    blob = "\n".join(texts)
    if spec.running:
        assert spec.running not in blob
    if spec.section:
        assert spec.section.split("|")[1].strip() not in blob
    for unit in spec.units:
        if unit.footnote:
            assert unit.footnote[:20] not in blob
    for bad in ("Page 4", "Page 5", "4 |", "5 |", "6 |", ". . .", "\u00ad", "\u00a0", "\ufb01", "\ufb02", "\x01"):
        assert bad not in blob, bad
    assert spec.foreword[0] not in blob  # front matter is not a provision
    # the TOC never doubles a principle
    assert [p.id for p in code.provisions].count("1") == 1


def test_footnote_marker_removed_from_body(codes):
    text = {p.id: p.text for p in codes[("en", "pdf")].provisions}["1.2"]
    assert text.endswith("(c) the rules for the board.")


def test_hyphenation_and_compounds(codes):
    en = {p.id: p.text for p in codes[("en", "pdf")].provisions}
    assert "governance charter" in en["1.1"]  # govern-/ance joined
    assert "long-term objectives" in en["1.2"]  # real compound kept
    assert "website" in en["1.3"]
    assert "organisation" in en["1.4"]  # soft hyphen at the line end
    nl = {p.id: p.text for p in codes[("nl", "pdf")].provisions}
    assert "raad-van-bestuur-vergaderingen" in nl["1.2"]
    assert "vennootschap." in nl["1.1"]
    fr = {p.id: p.text for p in codes[("fr", "pdf")].provisions}
    assert "gouvernance." in fr["1.1"]
    assert "non-financiers" in fr["1.2"]


def test_spec_is_not_trivial():
    """The printed lines really differ from the expected texts (the reader has work to do)."""
    for spec in SPECS.values():
        printed = "\n".join(ln for u in spec.units for ln in u.printed if ln != PAGEBREAK)
        assert FOOTNOTE in printed
        assert "\ufb01" in printed
        assert any(ln.endswith("-") for u in spec.units for ln in u.printed)
        assert any(PAGEBREAK in u.printed[1:] for u in spec.units)


def test_lang_given_overrides_detection(documents):
    code = read_document(documents[("nl", "txt")], lang="fr")
    assert code.language == "fr"
    assert [p.id for p in code.provisions] == SPECS["nl"].ids


def test_cli_json_shape(documents, capsys):
    from codecheck.cli import main

    rc = main(["parse", str(documents[("en", "pdf")]), "--format", "json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["code", "provisions"]
    assert data["code"]["id"] == "sample-code-en"
    assert [p["id"] for p in data["provisions"]] == SPECS["en"].ids
    first = data["provisions"][0]
    assert list(first) == ["id", "kind", "parent", "heading", "text", "pages"]
    assert first["kind"] == "principle" and first["heading"] == first["text"]
    assert data["provisions"][6]["pages"] == [5, 6]
