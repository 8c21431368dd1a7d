"""Round-4 mechanisms: "@evidence" terms (a theme that qualifies another requirement's
evidence, such as business partners as the scope of a measure) and measures put off
("decided to postpone the introduction of ...", "uit te stellen", "reporter")."""

from __future__ import annotations

import pytest

from codecheck.catalogue.validate import term_problem
from codecheck.matching import assess, provision_themes
from codecheck.matching.terms import EVIDENCE_SIDE, is_facet

from test_matching_mechanisms import CAT, DD, POLICY, catalogue, code, evidence, req

PARTNERS = req(
    "PARTNERS",
    {
        "en": ["supplier | subcontractor + @evidence"],
        "nl": ["leverancier | onderaannemer + @evidence"],
        "fr": ["fournisseur | sous-traitant + @evidence"],
    },
    themes=("value-chain",),
)
# a requirement of the scope's own theme: its evidence must not count as the partner
OTHER_CHAIN = req(
    "CHAIN",
    {"en": ["supply chain + mapping"], "nl": ["keten + in kaart"], "fr": ["chaîne + cartographie"]},
    themes=("value-chain",),
)
SCOPED = catalogue(POLICY, DD, PARTNERS, OTHER_CHAIN)


def themes_of(cat, c):
    return provision_themes(assess([c], cat), c.id).get("1", set())


@pytest.mark.parametrize(
    "lang,with_measure,alone",
    [
        (
            "en",
            "Human rights due diligence covers adverse impacts at our suppliers.",
            "The company pays its suppliers within thirty days.",
        ),
        (
            "nl",
            "De passende zorgvuldigheid geldt ook voor onze leveranciers.",
            "De vennootschap betaalt haar leveranciers binnen dertig dagen.",
        ),
        (
            "fr",
            "Le devoir de vigilance s'étend à nos fournisseurs.",
            "La société paie ses fournisseurs à trente jours.",
        ),
    ],
)
def test_evidence_side_needs_another_requirements_evidence(lang, with_measure, alone):
    found = evidence(SCOPED, code(lang, with_measure), "PARTNERS")
    assert found and all(EVIDENCE_SIDE in t for e in found for t in e.terms)
    assert "value-chain" in themes_of(SCOPED, code(lang, with_measure))
    assert not evidence(SCOPED, code(lang, alone), "PARTNERS")
    assert themes_of(SCOPED, code(lang, alone)) == set()


def test_evidence_side_counts_anywhere_in_the_provision_family_but_not_in_a_sibling():
    from codecheck.model import Provision

    provisions = (
        Provision(id="4", kind="principle", text="Principle four."),
        Provision(id="4.1", parent="4", text="The company carries out human rights due diligence."),
        Provision(id="4.1.a", parent="4.1", kind="item", text="This includes its suppliers."),
        Provision(id="4.2", parent="4", text="Invoices of suppliers are paid on time."),
    )
    c = code("en", provisions=provisions)
    cited = {e.provision for e in evidence(SCOPED, c, "PARTNERS")}
    assert cited == {"4.1.a"}


def test_evidence_of_the_same_theme_does_not_satisfy_the_side():
    c = code("en", "Our supply chain mapping lists every supplier.")
    assert evidence(SCOPED, c, "CHAIN")
    assert not evidence(SCOPED, c, "PARTNERS")


SPEAK_UP = req("SPEAKUP", {"en": ["speak-up line"]}, themes=("whistleblowing",))
GRIEVANCE = req("GRIEVANCE", {"en": ["grievance line"]}, themes=("grievance-mechanism",))


def test_a_speak_up_line_open_to_contractors_does_not_make_them_the_scope():
    cat = catalogue(PARTNERS, SPEAK_UP, GRIEVANCE)
    speak_up = code("en", "Employees and subcontractors may use the speak-up line.")
    assert evidence(cat, speak_up, "SPEAKUP")
    assert not evidence(cat, speak_up, "PARTNERS")
    # a grievance channel for the same people does
    grievance = code("en", "Employees and subcontractors may use the grievance line.")
    assert evidence(cat, grievance, "PARTNERS")


PAY = req("PAY", {"en": ["bonus"]}, themes=("incentives",))
ASSESS = req("ASSESS", {"en": ["assess + human rights"]}, themes=("impact-assessment",))


def test_an_assessment_a_bonus_counts_is_no_impact_assessment():
    cat = catalogue(PAY, ASSESS)
    counted = code("en", "The bonus depends on the share of suppliers whose human rights risks were assessed.")
    assert evidence(cat, counted, "PAY") and not evidence(cat, counted, "ASSESS")
    # in a sentence of its own the assessment counts
    apart = code("en", "The company will assess its human rights risks. The bonus depends on sales.")
    assert evidence(cat, apart, "PAY") and evidence(cat, apart, "ASSESS")


def test_a_negated_measure_does_not_satisfy_the_side():
    c = code("en", "The company does not apply human rights due diligence; its suppliers are paid on time.")
    assert not evidence(SCOPED, c, "HRDD")
    assert not evidence(SCOPED, c, "PARTNERS")


def test_evidence_side_is_a_valid_term_and_never_a_phrase():
    assert term_problem("supplier | subcontractor + @evidence") is None
    assert is_facet("supplier + @evidence") and not is_facet("supplier + human rights")
    from codecheck.matching.terms import compile_terms

    compiled = compile_terms(SCOPED, "en")
    assert not any("evidence" in k for k in compiled.phrases if "@" in k)
    assert "@ evidence" not in compiled.phrases and EVIDENCE_SIDE not in compiled.phrases


# --------------------------------------------------------------------------- put off


@pytest.mark.parametrize(
    "lang,postponed,adopted",
    [
        (
            "en",
            "In 2025 the board decided to postpone the adoption of a human rights policy until the law is known.",
            "In 2025 the board decided to adopt a human rights policy.",
        ),
        (
            "en",
            "The company defers its human rights policy to next year.",
            "The company publishes its human rights policy next year.",
        ),
        (
            "nl",
            "De raad van bestuur heeft beslist de invoering van een mensenrechtenbeleid uit te stellen tot 2027.",
            "De raad van bestuur heeft beslist een mensenrechtenbeleid in te voeren in 2027.",
        ),
        (
            "fr",
            "Le conseil a décidé de reporter à 2027 l'adoption d'une politique des droits de l'homme.",
            "Le conseil a décidé d'adopter en 2027 une politique des droits de l'homme.",
        ),
    ],
)
def test_a_measure_put_off_asks_nothing(lang, postponed, adopted):
    assert not evidence(CAT, code(lang, postponed), "HR-POLICY")
    assert evidence(CAT, code(lang, adopted), "HR-POLICY")


def test_dutch_deletion_with_the_participle_last():
    text = "Bepaling 5.4 van het ontwerp (mensenrechtenbeleid) wordt in de definitieve versie geschrapt."
    assert not evidence(CAT, code("nl", text), "HR-POLICY")
    kept = "Bepaling 5.4 van het ontwerp (mensenrechtenbeleid) wordt in de definitieve versie behouden."
    assert evidence(CAT, code("nl", kept), "HR-POLICY")


@pytest.mark.parametrize(
    "term,why",
    [
        ("supplier + @evidnce", "the '@' alternatives are"),
        ("supplier + @evidence | human rights", "side of its own"),
        ("@evidence", "needs a side of words"),
        ("@evidence + @evidence", "needs a side of words"),
    ],
)
def test_validate_refuses_a_misused_evidence_side(term, why):
    problem = term_problem(term)
    assert problem is not None and why in problem


# --------------------------------------------------------------------------- footers


@pytest.mark.parametrize(
    "lang,text,footer",
    [
        ("en", "Suppliers are paid on time.", "Human rights policy 2025 | p. 18"),
        ("nl", "Leveranciers worden tijdig betaald.", "Mensenrechtenbeleid 2025    p. 18"),
        ("fr", "Les fournisseurs sont payés à temps.", "Politique des droits de l'homme 2025 | 112"),
    ],
)
def test_a_running_footer_after_the_last_sentence_is_no_evidence(lang, text, footer):
    assert not evidence(CAT, code(lang, f"{text}\n{footer}"), "HR-POLICY")
    # the same words as a sentence of the provision still count
    assert evidence(CAT, code(lang, f"{footer}. {text}"), "HR-POLICY")


# --------------------------------------------------------------------------- results secured


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Its due diligence ensures that adverse impacts do not recur."),
        ("nl", "De passende zorgvuldigheid waarborgt dat mensenrechten niet geschonden worden."),
        ("fr", "Le devoir de vigilance garantit que les droits de l'homme ne sont pas bafoués."),
    ],
)
def test_a_negation_in_the_result_secured_does_not_cancel(lang, text):
    assert evidence(CAT, code(lang, text), "HRDD")


@pytest.mark.parametrize(
    "lang,removed,deleted",
    [
        (
            "en",
            "Child workers are withdrawn from work under the human rights policy.",
            "The human rights policy is withdrawn.",
        ),
        (
            "fr",
            "Les enfants sont retirés du travail en application de la politique des droits de l'homme.",
            "La politique des droits de l'homme est retirée.",
        ),
    ],
)
def test_people_withdrawn_from_work_are_not_a_withdrawn_duty(lang, removed, deleted):
    assert evidence(CAT, code(lang, removed), "HR-POLICY")
    assert not evidence(CAT, code(lang, deleted), "HR-POLICY")
    assert not evidence(CAT, code("en", "Provision 6.3 (human rights policy) has been deleted from the final text."), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Amendment 41 deletes paragraph 7, which required a human rights policy."),
        ("nl", "Het amendement schrapt bepaling 5.4, die een mensenrechtenbeleid vroeg."),
        ("fr", "L'amendement n° 41 supprime l'alinéa 7, qui prévoyait une politique des droits de l'homme."),
    ],
)
def test_an_amendment_deleting_a_provision_asks_nothing(lang, text):
    assert not evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,postponed,kept",
    [
        (
            "en",
            "The entry into force of the human rights policy, first planned for 2026, is postponed indefinitely.",
            "The entry into force of the human rights policy, first planned for 2026, is confirmed.",
        ),
        (
            "nl",
            "De inwerkingtreding van het mensenrechtenbeleid, gepland voor 2026, wordt uitgesteld.",
            "De inwerkingtreding van het mensenrechtenbeleid, gepland voor 2026, wordt bevestigd.",
        ),
        (
            "fr",
            "L'entrée en vigueur de la politique des droits de l'homme, prévue en 2026, est reportée sine die.",
            "L'entrée en vigueur de la politique des droits de l'homme, prévue en 2026, est confirmée.",
        ),
    ],
)
def test_a_clause_opening_with_its_auxiliary_withdraws_the_subject_before_it(lang, postponed, kept):
    assert not evidence(CAT, code(lang, postponed), "HR-POLICY")
    assert evidence(CAT, code(lang, kept), "HR-POLICY")
