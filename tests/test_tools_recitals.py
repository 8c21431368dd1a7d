"""tools/recitals.py: the recitals of an EU act as a corpus file, read back by codecheck.
The acts here are made up (our own words), in the three languages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import recitals  # noqa: E402

ACTS = {
    "en": (
        "DIRECTIVE OF THE MADE-UP COUNCIL\non reporting by imaginary firms\n"
        "Having regard to the proposal ( 1 ),\nWhereas:\n"
        "(1) Imaginary firms should report on the effects of their work on people ( 2 ).\n"
        "(2) Such reports should\ncover the supply chain, see point (3) of Annex I.\n"
        "(3) This act respects fundamental rights.\n"
        "HAVE ADOPTED THIS DIRECTIVE:\nArticle 1\nFirms shall report.\n"
    ),
    "nl": (
        "RICHTLIJN VAN DE VERZONNEN RAAD\nOverwegende hetgeen volgt:\n"
        "(1) Verzonnen ondernemingen moeten verslag uitbrengen over hun gevolgen voor mensen.\n"
        "(2) Dat verslag omvat ook de toeleveringsketen ( 4 ).\n"
        "HEBBEN DE VOLGENDE RICHTLIJN VASTGESTELD:\nArtikel 1\nOndernemingen brengen verslag uit.\n"
    ),
    "fr": (
        "DIRECTIVE DU CONSEIL IMAGINAIRE\nconsidérant ce qui suit :\n"
        "(1) Les entreprises imaginaires devraient rendre compte de leurs effets sur les personnes.\n"
        "(2) Ce rapport devrait couvrir la chaîne d'approvisionnement.\n"
        "ONT ADOPTÉ LA PRÉSENTE DIRECTIVE:\nArticle premier\nLes entreprises rendent compte.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(ACTS))
def test_recitals_become_provisions_codecheck_reads(tmp_path, lang):
    from codecheck.documents import load_code

    act = tmp_path / f"act-{lang}.txt"
    act.write_text(ACTS[lang], encoding="utf8")
    out = tmp_path / "recitals.yaml"
    assert recitals.main([str(act), str(out), "--lang", lang]) == 0
    code = load_code(str(out))
    assert code.language == lang
    ids = [p.id for p in code.provisions]
    assert ids == [f"Recital {n}" for n in range(1, len(ids) + 1)] and len(ids) >= 2
    texts = [p.text for p in code.provisions]
    assert not any("(" in t and ")" in t and any(c.isdigit() for c in t.split("(")[1][:3]) for t in texts[:1])
    assert all("\n" not in t and "  " not in t for t in texts)
    assert not any("Article" in t or "Artikel" in t for t in texts)  # the articles are left out


def test_footnote_calls_go_and_references_stay():
    found = recitals.recitals(ACTS["en"], "en")
    assert found[1] == "Imaginary firms should report on the effects of their work on people."
    assert found[2] == "Such reports should cover the supply chain, see point (3) of Annex I."
    assert sorted(found) == [1, 2, 3]


def test_the_language_is_detected_when_not_given(tmp_path):
    act = tmp_path / "act.txt"
    act.write_text(ACTS["nl"] * 3, encoding="utf8")
    out = tmp_path / "r.yaml"
    assert recitals.main([str(act), str(out)]) == 0
    assert "language: nl" in out.read_text(encoding="utf8")


@pytest.mark.parametrize("text, words", [
    ("Article 1\nFirms shall report.\n", "no opening formula"),
    ("Whereas:\n(1) Firms should report.\nArticle 1\n", "no enacting formula"),
    ("Whereas:\nFirms should report.\nHAVE ADOPTED THIS DIRECTIVE:\n", "no recital (1)"),
    ("Whereas:\n(1) Firms should report.\n(3) They should do it.\nHAVE ADOPTED THIS DIRECTIVE:\n",
     "recital (2) is missing"),
])
def test_a_document_without_recitals_is_a_clear_error(tmp_path, capsys, text, words):
    act = tmp_path / "act.txt"
    act.write_text(text, encoding="utf8")
    assert recitals.main([str(act), str(tmp_path / "r.yaml"), "--lang", "en"]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "r.yaml").exists()


def test_a_missing_document_is_a_clear_error(tmp_path, capsys):
    assert recitals.main([str(tmp_path / "gone.pdf"), str(tmp_path / "r.yaml")]) == 2
    assert "not a file" in capsys.readouterr().err


@pytest.mark.parametrize("name, data, code", [
    ("empty.txt", b"", "E104"),
    ("broken.pdf", b"%PDF-1.7 this is not a PDF", "E107"),
    ("act.yaml", b"code: {id: x}\nprovisions: []\n", "E106"),
])
def test_an_unreadable_document_is_one_line_and_exit_2(tmp_path, capsys, name, data, code):
    act = tmp_path / name
    act.write_bytes(data)
    assert recitals.main([str(act), str(tmp_path / "r.yaml"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert code in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "r.yaml").exists()
