"""The mechanisms that let one term cover many phrasings: alternatives (`A | B + C`),
gaps inside phrases, and the suffix-stripping fallback for unknown inflected forms.

Requirements are built here (not read from rules/), so a catalogue change cannot hide a
broken mechanism.
"""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.catalogue.validate import term_problem
from codecheck.matching.scan import strip_suffixes
from codecheck.matching.terms import expand_term, term_alternatives

from test_matching_mechanisms import catalogue, code, evidence, req


def test_expand_term_alternatives_per_side():
    assert term_alternatives("human rights | labour rights + identify | assess") == (
        ("human rights", "labour rights"), ("identify", "assess"))
    assert expand_term("a | b + c | d") == [("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")]
    assert expand_term("human rights policy") == [("human rights policy",)]
    assert expand_term(" a  |  b ") == [("a",), ("b",)]


@pytest.mark.parametrize("term", ["remedy |", "| remedy", "a | | b + c", "a + b | ..."])
def test_validator_refuses_empty_alternatives(term):
    assert term_problem(term) is not None


@pytest.mark.parametrize("term", ["a | b", "human rights | labour rights + identify | assess | map"])
def test_validator_accepts_alternatives(term):
    assert term_problem(term) is None


ALT = req(
    "ALT",
    {
        "en": ["human rights | labour rights + identify | assess | map"],
        "nl": ["mensenrechten | arbeidsrechten + identificeren | beoordelen | in kaart brengen"],
        "fr": ["droits de l'homme | droits du travail + identifier | évaluer | cartographier"],
    },
    themes=("impact-assessment",),
)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company maps risks to labour rights in its operations."),
        ("en", "Human rights risks are assessed every year."),
        ("nl", "De onderneming brengt de risico's voor arbeidsrechten in kaart."),
        ("fr", "La société évalue les risques pour les droits de l'homme."),
    ],
)
def test_any_combination_of_alternatives_matches(lang, text):
    ev = evidence(catalogue(ALT), code(lang, text), "ALT")
    assert len(ev) == 1
    assert ev[0].terms == (ALT.terms[lang][0],)  # the term as written in the catalogue


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company maps its logistics costs."),
        ("en", "Human rights are respected."),
        ("fr", "La société évalue ses coûts logistiques."),
    ],
)
def test_one_side_alone_does_not_match(lang, text):
    assert evidence(catalogue(ALT), code(lang, text), "ALT") == ()


GAP = req(
    "GAP",
    {"en": ["adverse impacts"], "nl": ["nadelige gevolgen"], "fr": ["incidences négatives"]},
    themes=("impact-assessment",),
)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company assesses adverse impacts."),
        ("en", "The company assesses adverse human rights impacts."),
        ("en", "The company assesses adverse human-rights impacts."),
        ("nl", "De onderneming beoordeelt nadelige maatschappelijke gevolgen."),
    ],
)
def test_a_phrase_matches_with_up_to_two_words_inside(lang, text):
    assert len(evidence(catalogue(GAP), code(lang, text), "GAP")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The company assesses adverse and serious human rights impacts.",  # three words inside
        "The company reports adverse weather, impacts on prices and costs.",  # a comma inside
        "The outlook is adverse. Impacts follow.",  # two sentences
        "The company assesses impacts that are adverse.",  # other order
    ],
)
def test_a_gap_is_bounded_and_stays_in_the_clause(text):
    assert evidence(catalogue(GAP), code("en", text), "GAP") == ()


def test_strip_suffixes_candidates():
    assert "klachtenprocedure" in strip_suffixes("klachtenprocedures", "nl")
    assert "proces" in strip_suffixes("processen", "nl")
    assert "bedrijf" in strip_suffixes("bedrijven", "nl")
    assert "approuver" in strip_suffixes("approuvées", "fr")
    assert "principal" in strip_suffixes("principaux", "fr")
    assert "policy" in strip_suffixes("policies", "en")
    assert strip_suffixes("ab", "fr") == []


def test_dutch_present_tense_the_table_lacks():
    # "stam + t": doubled consonant, long vowel written once, "-n" infinitives
    assert "stellen" in strip_suffixes("stelt", "nl")
    assert "beperken" in strip_suffixes("beperkt", "nl")
    assert "gaan" in strip_suffixes("gaat", "nl")
    assert "dragen" in strip_suffixes("draagt", "nl")
    assert "meten" in strip_suffixes("meet", "nl")
    assert "stellen" not in strip_suffixes("stelt", "en")


def test_separable_verb_in_the_present_tense_matches():
    # "stelt ... vast" for "vaststellen", although the lookup table lacks "stelt"
    vast = req("VAST", {"nl": ["vaststellen + mensenrechtenbeleid"]})
    cat = catalogue(vast)
    assert evidence(cat, code("nl", "De raad stelt het mensenrechtenbeleid vast."), "VAST")
    assert not evidence(cat, code("nl", "De raad bespreekt het mensenrechtenbeleid."), "VAST")


def test_separable_verb_ending_in_aan_matches():
    # "gaat ... na" for "nagaan": infinitives in -aan split like those in -en
    na = req("NA", {"nl": ["nagaan + mensenrechten"]})
    cat = catalogue(na)
    assert evidence(cat, code("nl", "De vennootschap gaat na welke mensenrechten geraakt worden."), "NA")
    assert not evidence(cat, code("nl", "De vennootschap gaat over mensenrechten."), "NA")


STEM = req(
    "STEM",
    {
        "nl": ["klachtenprocedure"],
        "fr": ["dispositif d'alerte"],
        "en": ["grievance mechanism"],
    },
    themes=("grievance-mechanism",),
)


def test_unknown_plural_gets_the_term_word_as_lemma(monkeypatch):
    from codecheck.matching import scan

    monkeypatch.setattr(scan, "FUZZY_THRESHOLD", 100.0)  # no spelling-variant rescue
    cat = catalogue(req("STEM2", {"nl": ["rechthebbendenoverleg"], "fr": ["concertation"], "en": ["x"]},
                        themes=("stakeholder-engagement",)))
    # neither form is in the Dutch lookup table
    ev = evidence(cat, code("nl", "De onderneming voert rechthebbendenoverleggen."), "STEM2")
    assert len(ev) == 1
    monkeypatch.setattr(scan, "STEM_MIN_LENGTH", 99)  # the fallback off: no match
    cat = catalogue(req("STEM3", {"nl": ["rechthebbendenberaad"], "fr": ["concertation"], "en": ["x"]},
                        themes=("stakeholder-engagement",)))
    assert evidence(cat, code("nl", "De onderneming voert rechthebbendenberaden."), "STEM3") == ()


def test_known_words_are_not_stemmed_into_term_words():
    # "procedure" is a real word in the table: a term word "klachtenprocedure" stays unmatched
    assert evidence(catalogue(STEM), code("nl", "De procedures zijn openbaar."), "STEM") == ()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("plan de vigi- lance", "plan de vigilance"),
        ("the sustain- ability statement", "the sustainability statement"),
        ("human- and labour rights", "human- and labour rights"),  # suspended compound
        ("mensen- en arbeidsrechten", "mensen- en arbeidsrechten"),
        ("droits pré- et post-contractuels", "droits pré- et post contractuels"),
        ("a - b", "a - b"),
    ],
)
def test_line_end_hyphen_left_as_a_space_is_joined(text, expected):
    from codecheck.matching.nlp import normalise_with_map

    out, omap = normalise_with_map(text)
    assert out == expected
    if omap is not None:
        assert len(omap) == len(out) + 1 and all(text[omap[i]] == c or c == " " for i, c in enumerate(out))


def test_results_after_an_edit_equal_a_fresh_compile():
    """Compiling after a few requirements changed reuses the last merge (`merging.merge`);
    the evidence must be the same as compiling everything from scratch."""
    import dataclasses

    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess, merging, terms

    cat = load_catalogue()
    texts = {
        "en": ["The board approves the human rights policy and oversees adverse impacts in the supply chain.",
               "Workers may file complaints through a grievance mechanism; victims receive remedy."],
        "nl": ["De raad van bestuur keurt het mensenrechtenbeleid goed en ziet toe op nadelige gevolgen."],
        "fr": ["Le conseil d'administration approuve le plan de vigilance et les mesures de réparation."],
    }
    codes = [code(lang, *t, cid=f"edit-{lang}") for lang, t in texts.items()]
    assess(codes, cat)
    reqs = list(cat.requirements)
    for i in (0, 5):
        r = reqs[i]
        reqs[i] = dataclasses.replace(r, terms={l: tuple(v) + ("human rights | labour rights + approve",)
                                                for l, v in r.terms.items()})
    edited = dataclasses.replace(cat, requirements=tuple(reqs))
    after_edit = assess(codes, edited)
    merging.reset()
    terms._COMPILED.clear()
    fresh = assess(codes, edited)
    assert after_edit == fresh
    assert any(c.evidence for c in fresh.values())


def test_superlatives_keep_their_degree():
    # the lookup table folds "more"/"most" into "much" and "ernstigste" into "ernstig";
    # ranking the most severe impacts must not match any mention of severe ones
    rank = req("RANK", {"en": ["most severe + human rights"], "nl": ["ernstigste + mensenrechten"]})
    cat = catalogue(rank)
    assert evidence(cat, code("en", "The most severe human rights risks come first."), "RANK")
    assert not evidence(cat, code("en", "Ending it could cause more severe human rights harm."), "RANK")
    assert evidence(cat, code("nl", "De ernstigste risico's voor mensenrechten gaan voor."), "RANK")
    assert not evidence(cat, code("nl", "Ernstige risico's voor mensenrechten blijven bestaan."), "RANK")


def test_dutch_compound_modifier_counts_for_each_reading():
    """"mensenrechtendoelstellingen" begins with "mensenrechten" and with "mensenrecht" +
    linking "en": a term listing either must see it (both words are terms here)."""
    plural = req("PAY", {"nl": ["bonus + mensenrechten"]}, themes=("incentives",))
    singular = req("POL", {"nl": ["mensenrecht + beleid"]})
    cat = catalogue(plural, singular)
    text = "De bonus hangt af van de mensenrechtendoelstellingen van de groep."
    assert evidence(cat, code("nl", text), "PAY")
    # the singular reading still counts for the term that lists it
    assert evidence(cat, code("nl", "Het beleid steunt op mensenrechtenverdragen."), "POL")


@pytest.mark.parametrize("text", [
    "Het beleid dekt de mensenrechten- en milieurisico's van de groep.",
    "Het beleid dekt de veiligheids- en milieurisico's van de groep.",
])
def test_dutch_suspended_compound_part_is_its_word(text):
    """"mensenrechten- en milieurisico's" names mensenrechten(risico's): the first part of
    a suspended compound counts as the word it is (a linking s dropped)."""
    cat = catalogue(req("POL", {"nl": ["beleid + mensenrechten | veiligheid"]}))
    assert evidence(cat, code("nl", text), "POL")
    assert not evidence(cat, code("nl", "Het beleid dekt de milieurisico's van de groep."), "POL")


@pytest.mark.parametrize(
    "line",
    [
        "Televora plc   Annual Report 2025   87",
        "Telmaro N.V.  |  Jaarverslag 2025  |  62",
        "Groupe Hélvane  —  Document d'enregistrement universel 2025  —  143",
        "Rapport annuel 2025  –  Gouvernance  –  p. 58",
        "Jaarverslag 2025 - Havenbedrijf Oostmaas NV - pagina 47",
    ],
)
def test_a_running_header_or_footer_between_sentences_is_dropped(line):
    from codecheck.matching.nlp import normalise_with_map

    text = f"The board approved the policy.\n\n{line}\n\nThe review drew on an assess-\nment."
    out, omap = normalise_with_map(text)
    assert out == "The board approved the policy. The review drew on an assessment."
    assert len(omap) == len(out) + 1
    assert all(text[omap[i]] == c or c == " " for i, c in enumerate(out))


@pytest.mark.parametrize(
    "line",
    ["Principle 6", "Article 5", "Provision 9.2", "Target 2030: 42", "The board meets 4 times a year in 2025.",
     "Scope of the code and its application to listed companies in Belgium in 2025 and 2026 47"],
)
def test_headings_and_sentences_on_their_own_line_stay(line):
    from codecheck.matching.nlp import normalise_with_map

    text = f"{line}\nThe board adopts a human rights policy."
    assert normalise_with_map(text)[0].startswith(line.split()[0])


def test_a_document_name_in_a_footer_is_no_evidence():
    # "Annual Report" in a footer between two sentences names the document the text is
    # in; it states no reporting
    rep = req("REP", {"en": ["annual report + human rights"]})
    cat = catalogue(rep)
    # (a page break in the middle of a sentence, as PDF text has them)
    text = "The board approved the human rights\n\nTelevora plc   Annual Report 2025   87\n\npolicy and its annex."
    assert not evidence(cat, code("en", text), "REP")
    assert evidence(cat, code("en", text.replace("\n\nTelevora plc   Annual Report 2025   87\n\n", " policy in the annual report, ")), "REP")


@pytest.mark.parametrize("text, expected", [
    ("consumers and end-users", "consumers and end_users"),
    ("End-user data", "End_user data"),
    ("an end-user-facing app", "an end_user facing app"),
    ("the spend-users report", "the spend users report"),  # only the whole word "end"
    ("d-user", "d user"),  # a hyphen near the start of the text
    ("human-rights and end-of-life", "human rights and end of life"),
])
def test_end_user_is_kept_whole(text, expected):
    """"end-users" is one word: read as "end" + "users", a term such as "human rights + end"
    (ending an impact) found it in every sentence about consumers and end-users."""
    from codecheck.matching.nlp import normalise, normalise_with_map

    assert normalise(text) == expected
    assert len(normalise_with_map(text + "\n  x")[0]) <= len(text) + 3  # the slow path too
    assert normalise_with_map(text + "\n  x")[0].startswith(expected)
    end = req("END", {"en": ["human rights + end"]})
    cat = catalogue(end)
    assert not evidence(cat, code("en", "The company respects the human rights of its end-users."), "END")
    assert evidence(cat, code("en", "The company will end any abuse of human rights it finds."), "END")
    # a term written with the compound still finds it
    eu = req("EU", {"en": ["end-users + human rights"]})
    assert evidence(catalogue(eu), code("en", "The company respects the human rights of its end-users."), "EU")


@pytest.mark.parametrize("lang,text,term,found", [
    # legal drafting marks an optional plural or feminine ending in brackets; the English
    # tokenizer kept "auditor(s" as one word, so neither "statutory auditor" nor "suppliers"
    # was found there (round 14, parallel CSRD articles)
    ("en", "The statutory auditor(s) of the group sign the report.", "statutory auditor", True),
    ("en", "The audit firm(s) and the supplier(s) of the group.", "suppliers + audit firm", True),
    ("fr", "Les salarié(e)s du fournisseur sont consultés.", "salariés + fournisseur", True),
    ("nl", "De leverancier(s) van de groep.", "leveranciers", True),
    ("en", "The statutory audit of the group.", "statutory auditor", False),
])
def test_an_optional_ending_in_brackets_is_read_away(lang, text, term, found):
    from codecheck.matching.nlp import normalise_with_map

    cat = catalogue(req("OPT", {lang: [term]}))
    items = evidence(cat, code(lang, text), "OPT")
    assert bool(items) is found
    out, omap = normalise_with_map(text)
    assert "(" not in out and (omap is None or len(omap) == len(out) + 1)
    for e in items:  # the evidence is a span of the text as written
        assert text[e.span[0]:e.span[1]] == e.text
    # a bracket of its own is left alone
    assert normalise_with_map("as in point (s) above")[0] == "as in point (s) above"
