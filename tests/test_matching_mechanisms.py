"""Each matching mechanism on its own, in English, Dutch and French.

The requirements here are built in the test (not read from rules/), so a change of the
catalogue cannot hide a broken mechanism.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("spacy")

from codecheck.matching import assess, coverage_index, instrument_indices, provision_themes, theme_indices
from codecheck.model import (
    Catalogue,
    Citation,
    Code,
    CoverageLevel,
    Element,
    Instrument,
    Provision,
    Requirement,
    Strength,
)


def req(rid, terms, *, elements=(), exclude=None, themes=("policy-commitment",), weight=3, instrument="T"):
    return Requirement(
        id=rid,
        instrument=instrument,
        title=rid,
        citation=Citation(instrument, "1", "2024"),
        summary="",
        addressee="company",
        obligation="policy",
        legal_status={},
        themes=tuple(themes),
        weight=weight,
        elements=tuple(elements),
        terms=terms,
        exclude=exclude or {},
    )


def catalogue(*reqs):
    instruments = tuple(
        Instrument(i, i, "1", "2024-01-01", "https://example.org", "soft-law")
        for i in sorted({r.instrument for r in reqs})
    )
    return Catalogue(instruments=instruments, requirements=tuple(reqs))


def code(lang, *texts, cid=None, provisions=None):
    provs = provisions or tuple(Provision(id=str(i + 1), text=t) for i, t in enumerate(texts))
    return Code(cid or f"c-{lang}", "t", "1", lang, "file", "test", tuple(provs))


POLICY = req(
    "HR-POLICY",
    {
        "en": ["human rights policy", "human rights + policy commitment"],
        "nl": ["mensenrechtenbeleid", "mensenrechten + beleid"],
        "fr": ["politique des droits de l'homme", "droits de l'homme + politique"],
    },
    elements=(
        Element(
            "board-approval",
            "Approved by the board",
            "board-oversight",
            {
                "en": ["board + approve"],
                "nl": ["raad van bestuur + goedkeuren"],
                "fr": ["conseil d'administration + approuver"],
            },
        ),
    ),
    exclude={"en": ["human resources"], "nl": ["human resources"], "fr": ["ressources humaines"]},
)
DD = req(
    "HRDD",
    {
        "en": ["human rights due diligence", "due diligence + adverse impacts"],
        "nl": ["passende zorgvuldigheid", "zorgvuldigheid + mensenrechten"],
        "fr": ["devoir de vigilance", "diligence raisonnable + droits de l'homme"],
    },
    exclude={
        "en": ["financial due diligence", "acquisition"],
        "nl": ["financiële due diligence", "overname"],
        "fr": ["due diligence financière", "acquisition"],
    },
    themes=("due-diligence",),
)
CAT = catalogue(POLICY, DD)


def evidence(cat, c, rid):
    return assess([c], cat)[(rid, c.id)].evidence


# --------------------------------------------------------------------------- lemmas


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company publishes its Human Rights Policies."),
        ("nl", "De vennootschap publiceert haar mensenrechtenbeleid."),
        ("fr", "La société publie ses politiques des droits de l'homme."),
    ],
)
def test_lemma_and_case_variants_match(lang, text):
    ev = evidence(CAT, code(lang, text), "HR-POLICY")
    assert len(ev) == 1 and ev[0].element is None


def test_lemma_of_inflected_verb_in_cooccurrence():
    # "approved" -> approve, "approuvé" -> approuver
    en = evidence(CAT, code("en", "The board approved the human rights policy."), "HR-POLICY")
    assert {e.element for e in en} == {None, "board-approval"}
    fr = evidence(
        CAT,
        code("fr", "Le conseil d'administration a approuvé la politique des droits de l'homme."),
        "HR-POLICY",
    )
    assert {e.element for e in fr} == {None, "board-approval"}


def test_unrelated_text_gives_no_evidence():
    for lang, text in [
        ("en", "The board meets at least four times a year."),
        ("nl", "De raad van bestuur vergadert ten minste vier keer per jaar."),
        ("fr", "Le conseil d'administration se réunit au moins quatre fois par an."),
    ]:
        cov = assess([code(lang, text)], CAT)
        assert all(c.level is CoverageLevel.NONE and not c.evidence for c in cov.values())


# --------------------------------------------------------------------------- co-occurrence


@pytest.mark.parametrize(
    "lang,both,one",
    [
        (
            "en",
            "Due diligence shall cover the adverse impacts of the company.",
            "Due diligence shall cover the accounts. Adverse impacts are listed elsewhere.",
        ),
        (
            "nl",
            "De vennootschap past zorgvuldigheid toe op het gebied van mensenrechten.",
            "De vennootschap past zorgvuldigheid toe. Mensenrechten worden elders behandeld.",
        ),
        (
            "fr",
            "La société exerce une diligence raisonnable en matière de droits de l'homme.",
            "La société exerce une diligence raisonnable. Les droits de l'homme sont traités ailleurs.",
        ),
    ],
)
def test_cooccurrence_needs_both_parts_in_one_sentence(lang, both, one):
    assert evidence(CAT, code(lang, both), "HRDD")
    assert not evidence(CAT, code(lang, one), "HRDD")


# --------------------------------------------------------------------------- exclusion


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Financial due diligence on adverse impacts is carried out before each acquisition."),
        ("nl", "Bij elke overname voert de vennootschap zorgvuldigheid uit op het gebied van mensenrechten."),
        ("fr", "Avant toute acquisition, la société exerce une diligence raisonnable sur les droits de l'homme."),
    ],
)
def test_exclusion_term_cancels_the_sentence(lang, text):
    assert not evidence(CAT, code(lang, text), "HRDD")


def test_exclusion_is_per_sentence_and_per_requirement():
    c = code(
        "en",
        "Human resources follow the human rights policy. The company has a human rights policy.",
    )
    ev = evidence(CAT, c, "HR-POLICY")
    assert [e.text for e in ev] == ["The company has a human rights policy."]
    # the exclusion of HR-POLICY does not affect HRDD
    c2 = code("en", "Human resources staff carry out human rights due diligence.")
    assert evidence(CAT, c2, "HRDD")


# --------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    "lang,negated,plain",
    [
        (
            "en",
            "The company is not required to adopt a human rights policy.",
            "The company is required to adopt a human rights policy.",
        ),
        (
            "en",
            "No human rights policy is needed.",
            "A human rights policy is needed.",
        ),
        (
            "nl",
            "De vennootschap heeft geen mensenrechtenbeleid.",
            "De vennootschap heeft een mensenrechtenbeleid.",
        ),
        (
            "nl",
            "De vennootschap publiceert haar mensenrechtenbeleid niet.",
            "De vennootschap publiceert haar mensenrechtenbeleid.",
        ),
        (
            "fr",
            "La société n'adopte pas de politique des droits de l'homme.",
            "La société adopte une politique des droits de l'homme.",
        ),
        (
            "fr",
            "Aucune politique des droits de l'homme n'est requise.",
            "Une politique des droits de l'homme est requise.",
        ),
    ],
)
def test_negation_in_the_clause_cancels_a_hit(lang, negated, plain):
    assert not evidence(CAT, code(lang, negated), "HR-POLICY")
    assert evidence(CAT, code(lang, plain), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Although not required by law, the company adopts a human rights policy."),
        ("en", "The company adopts not only a human rights policy but also a supplier code."),
        ("en", "The non-executive directors review the human rights policy."),
        ("nl", "De niet-uitvoerende bestuurders bespreken het mensenrechtenbeleid."),
        ("nl", "De vennootschap heeft niet alleen een mensenrechtenbeleid."),
        ("fr", "La société adopte non seulement une politique des droits de l'homme."),
        ("fr", "La société n'adopte que sa politique des droits de l'homme."),
    ],
)
def test_negation_does_not_cross_clauses_or_fire_on_fixed_phrases(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


def test_negation_in_a_conditional_clause_does_not_cancel():
    c = code("en", "Where the company cannot address all adverse impacts at once, its due diligence shall rank them.")
    assert evidence(CAT, c, "HRDD")
    c = code("nl", "Wanneer de vennootschap niet alle mensenrechten kan dekken, past zij zorgvuldigheid toe.")
    assert evidence(CAT, c, "HRDD")


# --------------------------------------------------------------------------- strength


@pytest.mark.parametrize(
    "lang,text,level",
    [
        ("en", "The company shall adopt a human rights policy.", Strength.MANDATORY),
        ("en", "The company must adopt a human rights policy.", Strength.MANDATORY),
        ("en", "The company should adopt a human rights policy.", Strength.RECOMMENDED),
        ("en", "The company may adopt a human rights policy.", Strength.OPTIONAL),
        ("en", "Companies are encouraged to adopt a human rights policy.", Strength.OPTIONAL),
        ("en", "The company adopts a human rights policy.", Strength.MANDATORY),
        ("nl", "De vennootschap moet een mensenrechtenbeleid aannemen.", Strength.MANDATORY),
        ("nl", "De vennootschap zou een mensenrechtenbeleid moeten aannemen.", Strength.RECOMMENDED),
        ("nl", "De vennootschap dient een mensenrechtenbeleid aan te nemen.", Strength.RECOMMENDED),
        ("nl", "De vennootschap kan een mensenrechtenbeleid aannemen.", Strength.OPTIONAL),
        ("fr", "La société doit adopter une politique des droits de l'homme.", Strength.MANDATORY),
        ("fr", "La société devrait adopter une politique des droits de l'homme.", Strength.RECOMMENDED),
        ("fr", "La société peut adopter une politique des droits de l'homme.", Strength.OPTIONAL),
    ],
)
def test_strength(lang, text, level):
    ev = evidence(CAT, code(lang, text), "HR-POLICY")
    assert [e.strength for e in ev] == [level]


def test_optional_strength_makes_coverage_partial_and_lowers_score():
    cat = catalogue(req("ONLY-CORE", {"en": ["human rights policy"]}))
    shall = assess([code("en", "The company shall adopt a human rights policy.")], cat)
    may = assess([code("en", "The company may adopt a human rights policy.")], cat)
    s, m = shall[("ONLY-CORE", "c-en")], may[("ONLY-CORE", "c-en")]
    assert s.level is CoverageLevel.FULL and m.level is CoverageLevel.PARTIAL
    assert s.score == 1.0 and 0 < m.score < s.score


# --------------------------------------------------------------------------- addressee


@pytest.mark.parametrize(
    "lang,text,who",
    [
        ("en", "The board of directors shall approve the human rights policy.", "board"),
        ("en", "The audit committee reviews the human rights policy.", "board"),
        ("en", "Executive management implements the human rights policy.", "management"),
        ("en", "The company publishes its human rights policy.", "company"),
        ("nl", "De raad van bestuur keurt het mensenrechtenbeleid goed.", "board"),
        ("nl", "Het directiecomité voert het mensenrechtenbeleid uit.", "management"),
        ("nl", "De vennootschap publiceert haar mensenrechtenbeleid.", "company"),
        ("fr", "Le conseil d'administration approuve la politique des droits de l'homme.", "board"),
        ("fr", "La direction met en œuvre la politique des droits de l'homme.", "management"),
        ("fr", "La société publie sa politique des droits de l'homme.", "company"),
    ],
)
def test_addressee(lang, text, who):
    ev = evidence(CAT, code(lang, text), "HR-POLICY")
    assert ev and ev[0].addressee == who


# --------------------------------------------------------------------------- spelling, hyphens, compounds


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company shall carry out human rights due dilligence."),
        ("en", "The company shall carry out human-rights due-diligence."),
        ("nl", "De vennootschap past passende zorgvuldigeid toe."),
        ("fr", "La société établit un devoir de vigillance."),
    ],
)
def test_spelling_variants_and_hyphens(lang, text):
    assert evidence(CAT, code(lang, text), "HRDD")


@pytest.mark.parametrize("word", ["diligent", "diligently"])
def test_real_words_are_not_fuzzy_matched(word):
    # "diligent" is a real English word near "diligence": never corrected
    assert not evidence(CAT, code("en", f"The company acts {word} on human rights."), "HRDD")


def test_fuzzy_threshold_separates_slips_from_other_words():
    from rapidfuzz import fuzz

    from codecheck.matching.scan import FUZZY_THRESHOLD

    slips = [("dilligence", "diligence"), ("stakeholdres", "stakeholders"), ("vigillance", "vigilance")]
    others = [("remuneration", "remediation"), ("engagement", "management"), ("diligent", "diligence")]
    assert all(fuzz.ratio(a, b) >= FUZZY_THRESHOLD for a, b in slips)
    assert all(fuzz.ratio(a, b) < FUZZY_THRESHOLD for a, b in others)


def test_dutch_compound_holds_a_term():
    cat = catalogue(req("COC", {"nl": ["gedragscode"]}, themes=("code-of-conduct",)))
    ev = evidence(cat, code("nl", "De vennootschap legt een leveranciersgedragscode op."), "COC")
    assert ev and ev[0].terms == ("gedragscode",)


def test_dutch_separable_verb_and_verb_final_phrase():
    cat = catalogue(
        req("APPROVE", {"nl": ["raad van bestuur + goedkeuren"]}),
        req("MAP", {"nl": ["risico's in kaart brengen"]}, themes=("impact-assessment",)),
    )
    c = code("nl", "De raad van bestuur keurt het beleid goed.", "De vennootschap brengt de risico's in kaart.")
    cov = assess([c], cat)
    assert cov[("APPROVE", "c-nl")].evidence[0].provision == "1"
    assert cov[("MAP", "c-nl")].evidence[0].provision == "2"


# --------------------------------------------------------------------------- spans, order


def test_evidence_span_points_at_the_sentence_in_full_text():
    p = Provision(
        id="4.2",
        heading="Human rights",
        text="The board meets often. The company shall adopt a human rights policy. It is reviewed.",
    )
    c = code("en", provisions=(Provision(id="1", text="Nothing here."), p))
    ev = evidence(CAT, c, "HR-POLICY")
    assert len(ev) == 1
    e = ev[0]
    assert e.provision == "4.2"
    assert p.full_text[e.span[0] : e.span[1]] == e.text == "The company shall adopt a human rights policy."


@pytest.mark.parametrize(
    "lang,text,sentence",
    [
        ("nl", "Inleiding. De vennootschap heeft een mensenrechtenbeleid. Slot.", "De vennootschap heeft een mensenrechtenbeleid."),
        ("fr", "Introduction. La société a une politique des droits de l'homme. Fin.", "La société a une politique des droits de l'homme."),
    ],
)
def test_spans_in_other_languages(lang, text, sentence):
    ev = evidence(CAT, code(lang, text), "HR-POLICY")
    assert [text[e.span[0] : e.span[1]] for e in ev] == [sentence]


def test_evidence_sorted_by_provision_order_then_span():
    c = code(
        "en",
        "The board shall approve the human rights policy.",
        "Human rights policy. The board approves it. The human rights policy is public.",
    )
    ev = evidence(CAT, c, "HR-POLICY")
    keys = [(int(e.provision), e.span) for e in ev]
    assert keys == sorted(keys)
    assert {e.provision for e in ev} == {"1", "2"}


def test_annexes_are_not_matched():
    c = code("en", provisions=(Provision(id="A", kind="annex", text="The company has a human rights policy."),))
    assert assess([c], CAT)[("HR-POLICY", c.id)].level is CoverageLevel.NONE


# --------------------------------------------------------------------------- coverage


def test_levels_none_partial_full():
    none = code("en", "The board shall approve the budget.", cid="none")  # element words only
    partial = code("en", "The company shall adopt a human rights policy.", cid="partial")
    full = code("en", "The board shall approve the human rights policy.", cid="full")
    cov = assess([none, partial, full], CAT)
    assert cov[("HR-POLICY", "none")].level is CoverageLevel.NONE
    assert cov[("HR-POLICY", "none")].score == 0.0
    assert cov[("HR-POLICY", "partial")].level is CoverageLevel.PARTIAL
    assert cov[("HR-POLICY", "partial")].missing_elements == ("board-approval",)
    assert cov[("HR-POLICY", "full")].level is CoverageLevel.FULL
    assert cov[("HR-POLICY", "full")].missing_elements == ()
    assert 0 < cov[("HR-POLICY", "partial")].score < cov[("HR-POLICY", "full")].score <= 1


def test_element_evidence_needs_the_core_in_the_same_provision_family():
    c = code(
        "en",
        provisions=(
            Provision(id="1", text="The company shall adopt a human rights policy."),
            Provision(id="1.1", parent="1", text="The board shall approve it."),
            Provision(id="9", text="The board shall approve the budget."),
        ),
    )
    ev = evidence(CAT, c, "HR-POLICY")
    assert [(e.provision, e.element) for e in ev] == [("1", None), ("1.1", "board-approval")]


def test_one_entry_for_every_pair_and_themes():
    c1 = code("en", "The company has a human rights policy.", cid="a")
    c2 = code("fr", "Rien.", cid="b")
    cov = assess([c1, c2], CAT)
    assert set(cov) == {(r, c) for r in ("HR-POLICY", "HRDD") for c in ("a", "b")}
    assert provision_themes(cov, "a") == {"1": {"policy-commitment"}}
    assert provision_themes(cov, "b") == {}


def test_indices():
    cat = catalogue(
        req("A-1", {"en": ["human rights policy"]}, weight=3, instrument="A"),
        req("B-1", {"en": ["grievance mechanism"]}, weight=1, instrument="B", themes=("grievance-mechanism",)),
    )
    c = code("en", "The company shall adopt a human rights policy.")
    cov = assess([c], cat)
    assert coverage_index(cat, cov, c.id) == pytest.approx(0.75)
    assert coverage_index(cat, cov, c.id, ["B-1"]) == 0.0
    assert instrument_indices(cat, cov, c.id) == {"A": 1.0, "B": 0.0}
    assert theme_indices(cat, cov, c.id) == {"grievance-mechanism": 0.0, "policy-commitment": 1.0}


def test_shared_core_term_goes_to_the_corroborated_requirement():
    shared = {"en": ["human rights due diligence"]}
    a = req("A", shared, themes=("due-diligence",),
            elements=(Element("e", "e", "monitoring", {"en": ["effectiveness"]}),))
    b = req("B", shared, themes=("reporting", "due-diligence"))
    cat = catalogue(a, b)
    plain = assess([code("en", "The company carries out human rights due diligence.")], cat)
    assert plain[("A", "c-en")].evidence and not plain[("B", "c-en")].evidence  # fewest themes
    c = code("en", "The company checks the effectiveness of its human rights due diligence.")
    cov = assess([c], cat)
    assert cov[("A", "c-en")].evidence and not cov[("B", "c-en")].evidence


def test_unsupported_language_is_a_usage_error():
    from codecheck.errors import UsageError

    with pytest.raises(UsageError) as info:
        assess([code("de", "Menschenrechte.")], CAT)
    assert info.value.code == "E051"


def test_results_are_deterministic():
    c = code("en", "The board shall approve the human rights policy and human rights due diligence.")
    assert assess([c], CAT) == assess([c], CAT)


# --------------------------------------------------------------------------- extraction noise


@pytest.mark.parametrize(
    "lang,text,rid",
    [
        ("en", "The company shall adopt a human\nrights policy.", "HR-POLICY"),
        ("en", "The company shall adopt a human  rights   policy.", "HR-POLICY"),
        ("en", "The company shall adopt a HUMAN RIGHTS POLICY.", "HR-POLICY"),
        ("en", "The company shall carry out human rights due dili-\ngence.", "HRDD"),
        ("en", "The company shall carry out human rights due dili\u00adgence.", "HRDD"),
        ("en", "The company shall apply duediligence to adverse impacts.", "HRDD"),
        ("en", "The company shall apply duedilligence to adverse impacts.", "HRDD"),
        ("fr", "La société adopte une politique des droits de l\u2019homme.", "HR-POLICY"),
        ("fr", "La société adopte une politique des droits de l'homme, conﬁrmée chaque année.", "HR-POLICY"),
        ("nl", "De vennootschap past passende zorgvuldig-\nheid toe.", "HRDD"),
    ],
)
def test_extraction_noise(lang, text, rid):
    ev = evidence(CAT, code(lang, text), rid)
    assert ev, text
    # the span still points at the original characters
    assert text[ev[0].span[0] : ev[0].span[1]] == ev[0].text
    assert ev[0].text.startswith(("The", "La", "De"))


def test_spans_with_noise_before_the_sentence():
    text = "Intro  line\none.  The company shall adopt a human\nrights policy."
    ev = evidence(CAT, code("en", text), "HR-POLICY")
    assert [e.text for e in ev] == ["The company shall adopt a human\nrights policy."]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company may end the relationship where its human rights due diligence cannot prevent harm."),
        ("nl", "De vennootschap beëindigt de relatie indien passende zorgvuldigheid schade niet kan voorkomen."),
        ("fr", "La société met fin à la relation lorsqu'un devoir de vigilance ne peut pas prévenir le dommage."),
    ],
)
def test_negation_inside_a_conditional_clause_mid_sentence(lang, text):
    assert evidence(CAT, code(lang, text), "HRDD")
    # while the same negation in a main clause does cancel
    main = {
        "en": "The company does not carry out human rights due diligence.",
        "nl": "De vennootschap past geen passende zorgvuldigheid toe.",
        "fr": "La société n'exerce pas de devoir de vigilance.",
    }[lang]
    assert not evidence(CAT, code(lang, main), "HRDD")


def test_two_codes_with_one_id_are_a_usage_error():
    from codecheck.errors import UsageError

    with pytest.raises(UsageError) as info:
        assess([code("en", "x", cid="same"), code("nl", "y", cid="same")], CAT)
    assert info.value.code == "E055"


def test_repeated_sentence_gives_evidence_in_each_provision():
    sentence = "The company shall adopt a human rights policy."
    c = code("en", sentence, "Intro. " + sentence, sentence)
    ev = evidence(CAT, c, "HR-POLICY")
    assert [(e.provision, e.span) for e in ev] == [("1", (0, 46)), ("2", (7, 53)), ("3", (0, 46))]


def test_lemma_database_equals_the_table_in_memory(tmp_path, monkeypatch):
    from codecheck.matching.nlp import LemmaTable

    words = ["policies", "approved", "approve", "diligence", "stakeholders", "nonexistentword"]
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CODECHECK_NO_CACHE", raising=False)
    on_disk = LemmaTable("en")
    assert list(tmp_path.glob("lemmas/en-*.sqlite"))
    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")
    in_memory = LemmaTable("en")
    assert on_disk.lemmas(words) == in_memory.lemmas(words)
    assert on_disk.lemmas(words)["policies"] == "policy"
    assert on_disk.forms_of(["approve"]) == in_memory.forms_of(["approve"])
    assert {"approved", "approves"} <= set(on_disk.forms_of(["approve"]))
    assert on_disk.known(["approve", "nonexistentword"]) == {"approve"}


# -------------------------------------------------------------------- lexeme attributes

_TOKEN_ATTRIBUTES = re.compile(
    r"\.(like_num|like_url|like_email|is_digit|shape_|is_punct|prefix_|suffix_|is_stop|is_title|is_upper"
    r"|is_lower|is_ascii|is_bracket|is_quote|is_currency|is_left_punct|is_right_punct)\b"
)


def test_codecheck_reads_only_the_lexeme_attributes_its_pipelines_work_out():
    """The pipelines compute only `LEXEME_ATTRIBUTES` for new words (`nlp._read_attributes_only`);
    a word's other attributes read as empty, so no code may read them."""
    from pathlib import Path

    from codecheck.matching import nlp

    root = Path(nlp.__file__).resolve().parent.parent
    readers = [f"{path.relative_to(root)}: {m.group(0)}" for path in sorted(root.rglob("*.py"))
               for m in _TOKEN_ATTRIBUTES.finditer(path.read_text(encoding="utf-8"))]
    assert not readers
    imported = {name.strip() for path in sorted(root.rglob("*.py"))
                for m in re.finditer(r"from spacy\.attrs import ([\w, ]+)", path.read_text(encoding="utf-8"))
                for name in m.group(1).split(",")}
    assert imported <= set(nlp.LEXEME_ATTRIBUTES) | {"ORTH", "IDX", "LENGTH"}  # the last three are no lexeme getters


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_new_words_get_the_attributes_codecheck_reads(lang):
    from codecheck.matching.nlp import pipeline

    doc = pipeline(lang)("Zqxwords 73519 zqxwords\n")
    assert [t.is_alpha for t in doc][:3] == [True, False, True]
    assert doc[0].lower_ == "zqxwords" and doc[0].norm_ == "zqxwords" and doc[-1].is_space
    assert not doc[1].like_num  # not worked out (spaCy's own getter says True)


def test_spelling_scan_picks_what_extract_one_picks():
    # the scan compares all new words with the term words in one batch (`_closest`); it
    # must choose as rapidfuzz's extractOne would: the first of equal best scores, none
    # under the threshold
    from rapidfuzz import fuzz, process

    from codecheck.matching.scan import FUZZY_THRESHOLD, _closest

    choices = sorted(["diligence", "diligences", "stakeholders", "stakeholder", "vigilance",
                      "grievance", "grievances", "remediation", "subcontractor", "subcontractors"])
    texts = ["dilligence", "diligencee", "stakeholdres", "stakeholdr", "vigillance", "grievancse",
             "remediations", "remuneration", "subcontracter", "subcontractorss", "unrelated", "diligencs"]
    expected = [(found[0] if found else None) for found in
                (process.extractOne(t, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD) for t in texts)]
    assert [word for word, _ in _closest(choices, texts)] == expected
    # of two equally near choices the first wins, in either order
    tied = ["diligences", "diligenced"]
    assert fuzz.ratio("diligence", tied[0]) == fuzz.ratio("diligence", tied[1]) >= FUZZY_THRESHOLD
    assert _closest(tied, ["diligence"])[0][0] == tied[0]
    assert _closest(tied[::-1], ["diligence"])[0][0] == tied[1]
    assert expected.count(None) >= 2


def test_nearest_term_word_after_edits_equals_a_comparison_with_all_words():
    # the scan remembers each word's nearest term word and, after an edit of the words,
    # compares it only with the words added (from scratch when its nearest is gone)
    from codecheck.matching.scan import ScanState, _closest, _nearest

    texts = ["dilligence", "stakeholdres", "grievancse", "remediatoin", "diligencee", "unrelated"]
    editions = [
        ["diligence", "stakeholders", "grievances"],
        ["diligence", "stakeholders", "grievances", "diligences", "remediation"],  # nearer words added
        ["stakeholders", "grievance", "remediation", "diligences"],  # a nearest word gone
        ["diligenced", "diligences", "stakeholders"],  # a tie: the first in sorted order
        [],
    ]
    state = ScanState()
    for n, words in enumerate(editions):
        vocabulary = {w: w for w in words}
        expected = [word for word, _ in _closest(sorted(vocabulary), texts)]
        assert _nearest(state, vocabulary, texts) == expected, n
    assert state.nearest  # remembered, not worked out again each time
