"""Dutch forms the lookup table lacks or reads as something else: past participles,
participles it lists only as an adjective's lemma, compounds that are terms themselves."""

from __future__ import annotations

from codecheck.matching.scan import strip_suffixes

from test_matching_mechanisms import catalogue, code, evidence, req


def test_weak_participles_reduce_to_the_infinitive():
    assert "monitoren" in strip_suffixes("gemonitord", "nl")
    assert "maken" in strip_suffixes("gemaakt", "nl")  # long vowel written once
    assert "evalueren" in strip_suffixes("geëvalueerd", "nl")
    assert "stoppen" in strip_suffixes("gestopt", "nl")  # doubled consonant
    assert "bekendmaken" in strip_suffixes("bekendgemaakt", "nl")  # particle before ge-
    assert "monitoren" in strip_suffixes("gemonitorde", "nl")  # inflected participle
    assert "monitoren" not in strip_suffixes("gemonitord", "en")


def test_strong_participles_reduce_to_the_infinitive():
    assert "meten" in strip_suffixes("gemeten", "nl")
    assert "beschrijven" in strip_suffixes("beschreven", "nl")
    assert "betrekken" in strip_suffixes("betrokken", "nl")
    assert "afspreken" in strip_suffixes("afgesproken", "nl")
    assert "treffen" in strip_suffixes("getroffen", "nl")


def test_participle_the_table_lacks_matches_its_verb():
    mon = req("MON", {"nl": ["monitoren + negatieve effecten"]})
    cat = catalogue(mon)
    assert evidence(cat, code("nl", "De negatieve effecten worden jaarlijks gemonitord."), "MON")
    assert not evidence(cat, code("nl", "De negatieve effecten worden jaarlijks besproken."), "MON")


def test_verb_form_known_only_as_an_adjective_lemma_matches():
    # the table lists "beperkt" and "gemaakt" only as the lemmas of "beperkte", "gemaakte"
    lim = req("LIM", {"nl": ["beperken + negatieve effecten", "openbaar maken + mensenrechten"]})
    cat = catalogue(lim)
    assert evidence(cat, code("nl", "De vennootschap beperkt de negatieve effecten."), "LIM")
    assert evidence(cat, code("nl", "De negatieve effecten worden beperkt."), "LIM")
    assert evidence(cat, code("nl", "Het verslag over de mensenrechten wordt openbaar gemaakt."), "LIM")
    # a form the table knows as another word's form keeps its lemma
    assert not evidence(cat, code("nl", "De vennootschap bespreekt de negatieve effecten."), "LIM")


def test_compound_term_also_counts_for_its_long_modifier():
    # "mensenrechtenschendingen" is a term of one list and holds "mensenrechten" of another
    terms = {"nl": ["vermijden + mensenrechten", "mensenrechtenschendingen", "raad + mensenrechten",
                    "raadplegen", "ondernemingsraad"]}
    cat = catalogue(req("AV", terms))
    assert any("vermijden + mensenrechten" in e.terms for e in evidence(
        cat, code("nl", "De vennootschap vermijdt mensenrechtenschendingen."), "AV"))


def test_compound_term_does_not_count_for_a_short_part():
    # "ondernemingsraad" (works council) is no "raad" (board); "raadplegen" (consult) holds none
    board = req("BRD", {"nl": ["raad + mensenrechten"]})
    other = req("OTH", {"nl": ["ondernemingsraad", "raadplegen"]})
    cat = catalogue(board, other)
    for text in ("De vennootschap overlegt met de ondernemingsraad over de mensenrechten.",
                 "De vennootschap raadpleegt vakbonden over de mensenrechten."):
        assert not evidence(cat, code("nl", text), "BRD"), text


def test_hyphen_after_a_digit_separates_the_words():
    # "CO2-uitstoot" is "CO2" + "uitstoot", like "human-rights"; a range of years stays whole
    from codecheck.matching.nlp import normalise

    assert normalise("de CO2-uitstoot") == "de CO2 uitstoot"
    assert normalise("2024-2025") == "2024-2025"
    inc = req("INC", {"nl": ["variabele vergoeding + uitstoot"]})
    cat = catalogue(inc)
    assert evidence(cat, code("nl", "De variabele vergoeding hangt af van de daling van de CO2-uitstoot."), "INC")
    assert not evidence(cat, code("nl", "De variabele vergoeding hangt af van de omzet."), "INC")


def test_phrase_opening_with_a_finite_verb_follows_inversion():
    # "rapporteert publiekelijk": after a fronted phrase the subject and more stand between
    rep = req("REP", {"nl": ["rapporteert publiekelijk + mensenrechten"]})
    cat = catalogue(rep)
    text = "Sinds 2024 rapporteert de groep ieder jaar publiekelijk over de mensenrechten."
    assert evidence(cat, code("nl", text), "REP")
    assert not evidence(cat, code("nl", "Sinds 2024 rapporteert de groep ieder jaar over de mensenrechten."), "REP")


def test_suspended_compound_part_takes_the_next_words_head():
    # "arbeids- en woonomstandigheden" holds "arbeidsomstandigheden"
    grv = req("GRV", {"nl": ["klacht + arbeidsomstandigheden"]})
    cat = catalogue(grv)
    assert evidence(cat, code("nl", "Men kan een klacht indienen over de arbeids- en woonomstandigheden."), "GRV")
    assert not evidence(cat, code("nl", "Men kan een klacht indienen over de arbeids- en woonkosten."), "GRV")


def test_compound_term_counts_for_its_long_head():
    # "ketenwerknemers" (a term) still holds "werknemers"
    cat = catalogue(req("KW", {"nl": ["klachten + werknemers", "ketenwerknemers"]}))
    assert any("klachten + werknemers" in e.terms for e in evidence(
        cat, code("nl", "Het verslag vermeldt het aantal klachten van ketenwerknemers."), "KW"))


def test_bundled_catalogue_keeps_separable_verbs_working():
    """A catalogue term holding a finite verb form the lemma table lacks ("gaat na of")
    makes that form a term word, which is then never reduced to its infinitive, so every
    "gaat ... na" (nagaan) stopped matching; terms use the infinitive or the particle."""
    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess, provision_themes

    cat = load_catalogue()
    c = code("nl", "De vennootschap gaat de negatieve effecten op werknemers na.")
    assert "impact-assessment" in provision_themes(assess([c], cat), c.id).get("1", set())


def test_inseparable_verbs_are_not_split():
    prevent = req("PREVENT", {"nl": ["voorkomen + mensenrechten"]}, themes=("prevention-mitigation",))
    cat = catalogue(prevent)
    assert evidence(cat, code("nl", "De groep wil schendingen van mensenrechten voorkomen."), "PREVENT")
    # "komen ... voor" is another verb (to occur): no prevention
    text = "Voor het eerst kwamen schendingen van mensenrechten aan het licht."
    assert not evidence(cat, code("nl", text), "PREVENT")


def test_word_order_variants_never_make_a_part_of_function_words_alone():
    """"de betrokkenen" (a plural the table lacks looks like an infinitive) and "controleert
    of" must not become "de" + ... or "of" + ...: such a part hits nearly every sentence."""
    from codecheck.matching.nlp import lemmatizer
    from codecheck.matching.terms import NL_FUNCTION_WORDS, _nl_alternatives

    lem = lemmatizer("nl")
    for phrase in (["de", "betrokkenen"], ["controleert", "of"], ["worden", "betrokken"]):
        lem.ensure(phrase)
        for alternative in _nl_alternatives(phrase, lem, lem.table):
            assert not any(part in NL_FUNCTION_WORDS for part in alternative), (phrase, alternative)
    # a real separable verb still splits
    lem.ensure(["goedkeuren"])
    assert ("keuren", "goed") in _nl_alternatives(["goedkeuren"], lem, lem.table)


def test_a_multi_word_term_glued_to_a_noun_counts_for_the_term():
    # Dutch writes "due-diligencebeleid", "due-diligenceproces": the hyphen joins the
    # English words, the noun is glued on
    dd = req("DD", {"nl": ["due diligence + mensenrechten"]})
    cat = catalogue(dd)
    for text in ("De raad keurt het due-diligencebeleid inzake mensenrechten goed.",
                 "Het due-diligenceproces voor mensenrechten wordt jaarlijks herzien."):
        assert evidence(cat, code("nl", text), "DD"), text
    # the word the phrase ends with must start the compound, and a noun follow it
    for text in ("Het due-diligenceabc voor mensenrechten wordt herzien.",
                 "Het due-procesdiligence voor mensenrechten wordt herzien."):
        assert not evidence(cat, code("nl", text), "DD"), text
