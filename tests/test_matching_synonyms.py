"""Synonym classes (`codecheck/matching/synonyms/<lang>.yaml`): a term written with one
word of a class matches the other words of the class, in every form the lemma table knows.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from codecheck.errors import CatalogueError
from codecheck.matching import assess, nlp
from codecheck.matching.nlp import lemmatizer, synonyms

from test_matching_mechanisms import catalogue, code, req

ROOT = Path(__file__).resolve().parents[1]
LANGS = [lang for lang in ("en", "nl", "fr") if synonyms(lang).members]


def _themes(lang, term, text):
    cat = catalogue(req("SYN", {lang: [term]}))
    cov = assess(code(lang, text), cat)
    return [e.provision for c in cov.values() for e in c.evidence]


@pytest.mark.parametrize("lang", LANGS)
def test_every_member_as_written_takes_its_class_head(lang):
    syn = synonyms(lang)
    lem = lemmatizer(lang)
    lem.ensure(syn.members)  # as a compiled catalogue whose terms use the heads would
    wrong = {m: lem.lemma(m) for h, ms in syn.members.items() for m in ms if lem.lemma(m) != h}
    assert not wrong


@pytest.mark.parametrize("lang", LANGS)
def test_a_term_with_the_head_matches_a_member_and_back(lang):
    sentences = {"en": "The company will {} it.", "nl": "De vennootschap zal het {}.", "fr": "La société va {} cela."}
    classes = [ms for ms in synonyms(lang).members.values() if all(w.isalpha() for w in ms)]
    head, member = classes[0][0], classes[0][1]
    assert _themes(lang, head, sentences[lang].format(member)) == ["1"]
    assert _themes(lang, member, sentences[lang].format(head)) == ["1"]
    assert _themes(lang, head, sentences[lang].format("zzqx")) == []


def test_inflected_members_match_in_context():
    # "prevent" and "adverse impact" are written in the term; the text uses other words of
    # their classes, inflected
    term = "prevent + adverse impact"
    assert _themes("en", term, "Suppliers must avert damaging repercussions on workers.") == ["1"]
    assert _themes("en", term, "Suppliers must report damaging repercussions on workers.") == []


def data_file_error(tmp_path, monkeypatch, content, module, folder, reader) -> CatalogueError:
    """The error `reader("en")` raises when `module.<folder>` holds `content` as en.yaml
    (for the matcher's data files: synonym classes, concept sets)."""
    (tmp_path / "en.yaml").write_text(content, encoding="utf-8")
    monkeypatch.setattr(module, folder, tmp_path)
    reader.cache_clear()
    try:
        with pytest.raises(CatalogueError) as info:
            reader("en")
    finally:
        monkeypatch.undo()
        reader.cache_clear()
    return info.value


def _bad(tmp_path, monkeypatch, content):
    error = data_file_error(tmp_path, monkeypatch, content, nlp, "SYNONYM_DIR", synonyms)
    assert error.code == "E221"
    return error.message


def test_a_word_in_two_classes_is_an_error(tmp_path, monkeypatch):
    msg = _bad(tmp_path, monkeypatch, "classes:\n  - [prevent, avert]\n  - [avoid, avert]\n")
    assert "avert" in msg and "two synonym classes" in msg


@pytest.mark.parametrize("content", ["classes:\n  - [prevent]\n", "classes:\n  - [prevent, ward off]\n",
                                     "classes: 3\n", "classes: [\n"])
def test_a_malformed_file_is_an_error(tmp_path, monkeypatch, content):
    assert _bad(tmp_path, monkeypatch, content)


def test_dutch_separable_verbs_keep_their_grammar_inside_a_class(tmp_path):
    # "nagaan" in a class with "controleren": the term "nagaan" still matches the split
    # form "gaat ... na" (the word-order variants use the true lemma), and "controleert"
    (tmp_path / "nl.yaml").write_text("classes:\n  - [controleren, nagaan]\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from codecheck.matching import nlp
        nlp.SYNONYM_DIR = Path({str(tmp_path)!r})
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from test_matching_mechanisms import catalogue, code, req
        from codecheck.matching import assess
        cat = catalogue(req("SYN", {{"nl": ["nagaan + mensenrechten"]}}))
        for text in ("De raad gaat na of de mensenrechten worden nageleefd.",
                     "De raad controleert de naleving van de mensenrechten.",
                     "De raad bespreekt de mensenrechten."):
            cov = assess(code("nl", text), cat)
            print(sum(len(c.evidence) for c in cov.values()))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "0"]


def test_a_class_word_inside_a_dutch_compound_counts_for_every_word_of_its_class():
    # the words of a class share one lemma, but each requirement's term keeps the word it
    # was written with: a compound holding one of them ("...rapporteringsstandaarden")
    # must count for a term written with any word of the class, not only for one of them
    first = req("RAP", {"nl": ["duurzaamheidsrapportering"]})
    second = req("VER", {"nl": ["duurzaamheidsverslaggeving"]})
    cat = catalogue(first, second)
    for text in ("De groep volgt de duurzaamheidsrapporteringsstandaarden.",
                 "De groep volgt de duurzaamheidsverslaggevingsstandaarden.",
                 "Het duurzaamheidsrapportagebeleid is goedgekeurd."):
        cov = assess(code("nl", text), cat)
        found = sorted(req_id for (req_id, _), c in cov.items() if c.evidence)
        assert found == ["RAP", "VER"], text
    cov = assess(code("nl", "De groep volgt de boekhoudstandaarden."), cat)
    assert not any(c.evidence for c in cov.values())
