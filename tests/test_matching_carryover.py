"""Carry-over: a term's context side may be named in an earlier sentence of the provision
(one of the two before) or in the next one.

Drafters set the human-rights context in one sentence and state the action in the next
("The company maps where it could harm human rights. Where such risks are found, it adopts
an action plan."). The action side must be in the sentence that becomes the evidence;
negation, exclusion and strength stay per sentence. The requirements are built here (not
read from rules/), with enough themes pairing "human rights" for it to be an anchor.
"""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.matching import assess
from codecheck.matching.matcher import ANCHOR_MIN_THEMES, anchor_phrases
from codecheck.matching.terms import compile_terms
from codecheck.model import Provision, Strength

from test_matching_mechanisms import catalogue, code, req

CONTEXT = {
    "en": "human rights | adverse impacts",
    "nl": "mensenrechten | nadelige gevolgen",
    "fr": "droits humains | incidences négatives",
}
ACTIONS = {  # requirement -> (theme, action side per language)
    "PREVENT": ("prevention-mitigation", {"en": "prevent | action plan", "nl": "voorkomen | actieplan",
                                          "fr": "prévenir | plan d'action"}),
    "REMEDY": ("remediation", {"en": "remedy | compensate", "nl": "herstellen | vergoeden",
                               "fr": "réparer | indemniser"}),
    "PUBLISH": ("reporting", {"en": "publish | annual report", "nl": "publiceren | jaarverslag",
                              "fr": "publier | rapport annuel"}),
    "ASSESS": ("impact-assessment", {"en": "identify | assess", "nl": "identificeren | beoordelen",
                                     "fr": "identifier | évaluer"}),
    "MONITOR": ("monitoring", {"en": "monitor | track", "nl": "monitoren | opvolgen",
                               "fr": "surveiller | suivre"}),
    "ENGAGE": ("stakeholder-engagement", {"en": "consult", "nl": "raadplegen", "fr": "consulter"}),
    "BOARD": ("board-oversight", {"en": "board", "nl": "raad", "fr": "conseil"}),
}
EXCLUDE = {"en": ["cyber security"], "nl": ["cyberbeveiliging"], "fr": ["cybersécurité"]}
CAT = catalogue(*(
    req(rid, {lang: [f"{side} + {CONTEXT[lang]}"] for lang, side in sides.items()},
        themes=(theme,), exclude=EXCLUDE)
    for rid, (theme, sides) in ACTIONS.items()
))
assert len(ACTIONS) >= ANCHOR_MIN_THEMES

TWO_SENTENCES = {
    "en": ("The company maps where its operations could harm human rights.",
           "Where such risks are found, it adopts an action plan."),
    "nl": ("De onderneming brengt in kaart waar haar activiteiten de mensenrechten kunnen schaden.",
           "Waar zulke risico's worden vastgesteld, stelt zij een actieplan op."),
    "fr": ("L'entreprise recense les situations où ses activités peuvent porter atteinte aux droits humains.",
           "Lorsque de tels risques sont constatés, elle adopte un plan d'action."),
}


def _evidence(lang, *texts, provisions=None, rid="PREVENT"):
    c = code(lang, *texts, provisions=provisions)
    return assess([c], CAT)[(rid, c.id)].evidence


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_anchor_phrases_are_the_context_words_many_themes_pair(lang):
    anchors = anchor_phrases(compile_terms(CAT, lang))
    context = {a.strip().lower() for a in CONTEXT[lang].split("|")}
    assert anchors == context


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_action_sentence_takes_the_context_of_an_earlier_sentence(lang):
    first, second = TWO_SENTENCES[lang]
    found = _evidence(lang, f"{first} {second}")
    assert [e.text for e in found] == [second]  # the action's sentence is the evidence
    assert found[0].element is None and found[0].themes == ("prevention-mitigation",)
    # each sentence alone is no evidence
    assert _evidence(lang, first) == () and _evidence(lang, second) == ()


MIDDLE = {
    "en": "The matter is discussed every year.",
    "nl": "Dit wordt elk jaar besproken.",
    "fr": "La question est examinée chaque année.",
}


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_context_of_the_next_sentence_counts_but_not_of_a_later_one(lang):
    # "The supplier code applies to all suppliers. It covers forced labour ...": the
    # instrument first, what it is about next
    first, second = TWO_SENTENCES[lang]
    found = _evidence(lang, f"{second} {first}")
    assert [e.text for e in found] == [second]
    assert _evidence(lang, f"{second} {MIDDLE[lang]} {first}") == ()
    # with CARRY_NEXT = 0 the next sentence gives nothing
    from codecheck.matching import matcher

    old = matcher.CARRY_NEXT
    matcher.CARRY_NEXT = 0
    try:
        assert _evidence(lang, f"{second} {MIDDLE[lang]} {first}".replace(MIDDLE[lang] + " ", "")) == ()
    finally:
        matcher.CARRY_NEXT = old


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_no_carry_over_between_provisions(lang):
    first, second = TWO_SENTENCES[lang]
    assert _evidence(lang, first, second) == ()


@pytest.mark.parametrize("lang,heading,text", [
    ("en", "Human rights", "Where risks are found, the company adopts an action plan."),
    ("nl", "Mensenrechten", "Waar risico's worden vastgesteld, stelt de onderneming een actieplan op."),
    ("fr", "Droits humains", "Lorsque des risques sont constatés, l'entreprise adopte un plan d'action."),
])
def test_the_heading_sets_the_context(lang, heading, text):
    found = _evidence(lang, provisions=(Provision("1", text=text, heading=heading),))
    assert [e.text for e in found] == [text]


@pytest.mark.parametrize("lang,texts", [
    ("en", ("The policy covers human rights.", "The company does not adopt an action plan.")),
    ("en", ("The policy does not cover human rights.", "The company adopts an action plan.")),
    ("nl", ("Het beleid dekt de mensenrechten.", "De onderneming stelt geen actieplan op.")),
    ("nl", ("Het beleid dekt de mensenrechten niet.", "De onderneming stelt een actieplan op.")),
    ("fr", ("La politique couvre les droits humains.", "L'entreprise n'adopte pas de plan d'action.")),
    ("fr", ("La politique ne couvre pas les droits humains.", "L'entreprise adopte un plan d'action.")),
])
def test_negation_stays_in_its_sentence(lang, texts):
    assert _evidence(lang, " ".join(texts)) == ()
    # without the negation, the same two sentences are evidence
    plain = {
        "en": ("The policy covers human rights.", "The company adopts an action plan."),
        "nl": ("Het beleid dekt de mensenrechten.", "De onderneming stelt een actieplan op."),
        "fr": ("La politique couvre les droits humains.", "L'entreprise adopte un plan d'action."),
    }[lang]
    assert len(_evidence(lang, " ".join(plain))) == 1


@pytest.mark.parametrize("lang,context,action,excluded", [
    ("en", "The policy covers human rights.", "The company adopts an action plan.", "cyber security"),
    ("nl", "Het beleid dekt de mensenrechten.", "De onderneming stelt een actieplan op.", "cyberbeveiliging"),
    ("fr", "La politique couvre les droits humains.", "L'entreprise adopte un plan d'action.", "cybersécurité"),
])
def test_exclusion_in_either_sentence_holds(lang, context, action, excluded):
    assert len(_evidence(lang, f"{context} {action}")) == 1
    # an excluded action sentence, or an excluded context sentence, gives nothing
    assert _evidence(lang, f"{context} {action[:-1]} ({excluded}).") == ()
    assert _evidence(lang, f"{context[:-1]} ({excluded}). {action}") == ()


def test_strength_is_the_evidence_sentences():
    found = _evidence("en", "The company shall respect human rights. It may adopt an action plan.")
    assert [e.strength for e in found] == [Strength.OPTIONAL]
    found = _evidence("en", "The company may respect human rights. It adopts an action plan.")
    assert [e.strength for e in found] == [Strength.MANDATORY]  # plain indicative


@pytest.mark.parametrize("lang,text", [
    ("en", "The board reviews the human rights risks twice a year. Annual Report 2025 | 87"),
    ("nl", "De raad bespreekt de mensenrechten twee keer per jaar. Jaarverslag 2025 | 87"),
    ("fr", "Le conseil examine les droits humains deux fois par an. Rapport annuel 2025 | 87"),
])
def test_a_fragment_without_sentence_end_takes_no_context(lang, text):
    """A running footer after the last sentence names a report, it does not publish one."""
    assert _evidence(lang, text, rid="PUBLISH") == ()
    assert len(_evidence(lang, text + ".", rid="PUBLISH")) == 1  # a real sentence does


def test_one_evidence_per_sentence_and_requirement():
    """A sentence that makes up the term on its own is not counted twice."""
    found = _evidence("en", "Human rights matter. The company adopts an action plan to prevent "
                            "adverse impacts.")
    assert len(found) == 1
    assert found[0].terms == (f"{ACTIONS['PREVENT'][1]['en']} + {CONTEXT['en']}",)


def test_several_actions_take_one_context():
    text = ("The company maps where its operations could harm human rights. It adopts an action "
            "plan and tracks its implementation. It publishes the results.")
    c = code("en", text)
    cov = assess([c], CAT)
    themes = {t for (rid, _), v in cov.items() for e in v.evidence for t in e.themes}
    assert themes == {"prevention-mitigation", "monitoring", "reporting"}


def test_the_context_reaches_only_the_next_sentences():
    """A long text parsed as one provision (no paragraphs found) must not pair an action
    with any context of the whole document: the context reaches CARRY_WINDOW sentences."""
    from codecheck.matching.matcher import CARRY_WINDOW

    context, action = "The policy covers human rights.", "The company adopts an action plan."
    filler = "The meeting took place in Brussels."
    near = " ".join([context] + [filler] * (CARRY_WINDOW - 1) + [action])
    far = " ".join([context] + [filler] * CARRY_WINDOW + [action])
    assert [e.text for e in _evidence("en", near)] == [action]
    assert _evidence("en", far) == ()
