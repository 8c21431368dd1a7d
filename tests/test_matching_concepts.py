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


@pytest.mark.parametrize("lang,name", [(lang, name) for lang in ("en", "nl", "fr")
                                       for name in ("@harm", "@engage", "@stakeholders", "@measures")])
def test_every_phrase_of_a_set_counts_for_the_set(lang, name):
    cat = catalogue(req("MON", {lang: [f"{ACTION[lang]} + human rights | {name}"]}))
    phrases = concept_sets(lang)[name]
    missed = [p for p in phrases if not evidence(cat, code(lang, TEXT[lang].format(p)), "MON")]
    assert not missed


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_the_harm_set_needs_its_partner_side(lang):
    cat = catalogue(req("MON", {lang: [f"{ACTION[lang]} + human rights | @harm"]}))
    phrases = concept_sets(lang)["@harm"]
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


# the bundled catalogue pairs sets with each other: engagement with the affected people or
# their representatives, and measures against a concrete harm (none of these sentences
# names a theme's textbook words)
BUNDLED = [
    ("en", "The complaints procedure was designed together with the three village councils.",
     "stakeholder-engagement"),
    ("nl", "Het klachtenkanaal is samen met de huurdersverenigingen en de buurtcomités opgezet.",
     "stakeholder-engagement"),
    ("fr", "Le dispositif a été élaboré avec les associations de riverains et les comités de quartier.",
     "stakeholder-engagement"),
    ("en", "The group introduced measures against heavy lifting and noise exposure in its warehouses.",
     "prevention-mitigation"),
    ("nl", "De groep voerde maatregelen tegen tilbelasting en geluidsoverlast in de magazijnen in.",
     "prevention-mitigation"),
    ("fr", "Le groupe a pris des mesures de prévention contre les troubles musculo-squelettiques "
           "dans ses entrepôts.", "prevention-mitigation"),
]


def _bundled_themes(lang: str, text: str) -> set[str]:
    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess

    found = assess([code(lang, text)], load_catalogue())
    return {t for cov in found.values() for ev in cov.evidence for t in ev.themes}


@pytest.mark.parametrize("lang,text,theme", BUNDLED)
def test_the_bundled_catalogue_pairs_sets(lang, text, theme):
    assert theme in _bundled_themes(lang, text)


def test_a_prohibition_in_a_code_is_no_measure():
    # "ban on" / "verbod op" states a standard in a code of conduct; it is not in @measures
    text = "The supplier code of conduct includes a ban on recruitment fees and forced labour."
    assert "prevention-mitigation" not in _bundled_themes("en", text)
