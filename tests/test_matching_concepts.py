"""Concept sets (`codecheck/matching/concepts/<lang>.yaml`): a term's "@harm" alternative
stands for every phrase of the set, in each language, with no phrase combinations added."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.catalogue.validate import term_problem
from codecheck.matching import concepts
from codecheck.matching.concepts import concept_names, concept_sets
from codecheck.matching.terms import expand_term

from test_matching_mechanisms import catalogue, code, evidence, req
from test_matching_synonyms import data_file_error

ACTION = {"en": "monitor", "nl": "monitoren", "fr": "surveiller"}
TEXT = {"en": "The group will monitor {} at its sites.",
        "nl": "De groep zal {} op haar sites monitoren.",
        "fr": "Le groupe va surveiller {} sur ses sites."}


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_every_phrase_of_a_set_counts_for_the_set(lang):
    cat = catalogue(req("MON", {lang: [f"{ACTION[lang]} + human rights | @harm"]}))
    phrases = concept_sets(lang)["@harm"]
    missed = [p for p in phrases if not evidence(cat, code(lang, TEXT[lang].format(p)), "MON")]
    assert not missed
    # the set's name is no phrase of its own, and the other side is still needed
    assert not evidence(cat, code(lang, TEXT[lang].format("harm")), "MON")
    assert not evidence(cat, code(lang, TEXT[lang].replace(ACTION[lang], "x").format(phrases[0])), "MON")


def test_a_set_adds_no_phrase_combinations():
    assert len(expand_term("monitor + human rights | @harm")) == 2


def test_a_set_a_language_lacks_never_matches(monkeypatch):
    # (a term's side must not fall away: "monitor + @nowhere" is not "monitor")
    cat = catalogue(req("MON", {"en": ["monitor + @nowhere"]}))
    assert not evidence(cat, code("en", "The group will monitor everything."), "MON")


def test_validate_knows_the_sets():
    assert "@harm" in concept_names()
    assert term_problem("monitor + human rights | @harm") is None
    problem = term_problem("monitor + @hamr")
    assert problem is not None and "@harm" in problem


@pytest.mark.parametrize("content", ["concepts: [a]\n", "concepts:\n  Harm: [x]\n", "concepts:\n  harm: []\n",
                                     "concepts:\n  harm: ['@other']\n", "concepts: {\n"])
def test_a_malformed_concept_file_is_an_error(tmp_path, monkeypatch, content):
    error = data_file_error(tmp_path, monkeypatch, content, concepts, "CONCEPT_DIR", concept_sets)
    assert error.code == "E222"
