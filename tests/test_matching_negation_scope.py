"""Negation scope: a withdrawn or deleted duty cancels its hits, a negation inside a
relative clause describes the referent (it cancels nothing), and a commitment
to refrain ("committed to not ...") is not a negation of the commitment.

The requirement is built in the test (not read from rules/), in en, nl and fr.
"""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.matching import context
from test_matching_mechanisms import CAT, code, evidence


@pytest.mark.parametrize(
    "lang,withdrawn,plain",
    [
        (
            "en",
            "Provision 4.6: the duty to adopt a human rights policy is deleted.",
            "Provision 4.6: the duty to adopt a human rights policy is confirmed.",
        ),
        (
            "en",
            "The requirement to keep a human rights policy was withdrawn.",
            "The requirement to keep a human rights policy was extended.",
        ),
        (
            "nl",
            "De verplichting om een mensenrechtenbeleid vast te stellen wordt geschrapt.",
            "De verplichting om een mensenrechtenbeleid vast te stellen wordt bevestigd.",
        ),
        (
            "nl",
            "De verplichting inzake het mensenrechtenbeleid vervalt.",
            "De verplichting inzake het mensenrechtenbeleid blijft.",
        ),
        (
            "fr",
            "L'obligation d'adopter une politique des droits de l'homme est supprimée.",
            "L'obligation d'adopter une politique des droits de l'homme est confirmée.",
        ),
        (
            "en",
            "The duty to adopt a human rights policy ceases to apply from 2027.",
            "The duty to adopt a human rights policy applies from 2027.",
        ),
        (
            "fr",
            "L'obligation relative à la politique des droits de l'homme cesse de s'appliquer.",
            "L'obligation relative à la politique des droits de l'homme s'applique.",
        ),
        (
            "fr",
            "L'exigence relative à la politique des droits de l'homme est abrogée.",
            "L'exigence relative à la politique des droits de l'homme est maintenue.",
        ),
    ],
)
def test_a_withdrawn_duty_cancels_its_hits(lang, withdrawn, plain):
    assert not evidence(CAT, code(lang, withdrawn), "HR-POLICY")
    assert evidence(CAT, code(lang, plain), "HR-POLICY")


def test_withdrawal_stays_in_its_clause():
    # the deletion of another duty, in another clause, leaves this one standing
    text = "The company keeps its human rights policy; the separate annual letter is deleted."
    assert evidence(CAT, code("en", text), "HR-POLICY")


def test_a_participle_without_auxiliary_is_not_a_withdrawal():
    words = "the deleted paragraph of the human rights policy".split()
    assert not context._withdrawn(words, "en", 0, len(words))
    words = "the paragraph is deleted".split()
    assert context._withdrawn(words, "en", 0, len(words))


@pytest.mark.parametrize(
    "lang,refrain,negated",
    [
        (
            "en",
            "The company is committed to not sourcing from suppliers that breach its human rights policy.",
            "The company is not committed to its human rights policy.",
        ),
        (
            "nl",
            "De vennootschap verbindt zich ertoe geen goederen te kopen die haar mensenrechtenbeleid schenden.",
            "De vennootschap heeft geen mensenrechtenbeleid.",
        ),
        (
            "fr",
            "La société s'engage à ne pas enfreindre sa politique des droits de l'homme.",
            "La société n'adopte pas de politique des droits de l'homme.",
        ),
    ],
)
def test_a_commitment_to_refrain_is_not_a_negation(lang, refrain, negated):
    assert evidence(CAT, code(lang, refrain), "HR-POLICY")
    assert not evidence(CAT, code(lang, negated), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,relative,main",
    [
        (
            "en",
            "The company reviews its human rights policy with suppliers who do not meet it.",
            "The company does not review its human rights policy with suppliers.",
        ),
        (
            "nl",
            "De vennootschap bespreekt haar mensenrechtenbeleid met leveranciers die het niet naleven.",
            "De vennootschap bespreekt haar mensenrechtenbeleid niet met leveranciers.",
        ),
        (
            "fr",
            "La société revoit sa politique des droits de l'homme avec les fournisseurs qui ne la respectent pas.",
            "La société ne revoit pas sa politique des droits de l'homme.",
        ),
    ],
)
def test_a_negation_in_a_relative_clause_describes_the_referent(lang, relative, main):
    assert evidence(CAT, code(lang, relative), "HR-POLICY")
    assert not evidence(CAT, code(lang, main), "HR-POLICY")


def test_a_relative_clause_is_a_clause_of_its_own():
    words = "the supplier who does not remedy abuses".split()
    assert context.clauses(words, "en") == [(0, 2), (2, 7)]
    assert not context.negated(words, "en", 2, 7)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company keeps its human rights policy under review until no breach remains."),
        ("nl", "De vennootschap handhaaft haar mensenrechtenbeleid zolang de risico's niet verholpen zijn."),
        ("fr", "La société maintient sa politique des droits de l'homme tant que les risques ne sont pas maîtrisés."),
    ],
)
def test_a_negation_in_a_time_limit_clause_does_not_cancel(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The board keeps the matter open until the next review and has adopted no human rights policy."),
        ("nl", "Het bestuur wacht totdat de evaluatie klaar is en heeft geen mensenrechtenbeleid aangenomen."),
        ("fr", "Le conseil attend jusqu'à la prochaine revue et n'a pas adopté de politique des droits de l'homme."),
    ],
)
def test_and_with_a_finite_verb_ends_a_time_limit(lang, text):
    # session 23: "and has / en heeft / et n'a" brings back the main clause's subject with a
    # verb of its own (context.FINITE_AFTER_AND): the negation after it is the board's
    assert not evidence(CAT, code(lang, text), "HR-POLICY")


def test_and_with_a_finite_verb_splits_only_a_time_limit():
    words = "the board waits until the review and has adopted no policy".split()
    assert context.clauses(words, "en") == [(0, 3), (3, 6), (6, 11)]
    # outside a time limit "and has" joins two predicates of one clause, as before
    plain = "the board has reviewed the policy and has adopted it".split()
    assert context.clauses(plain, "en") == [(0, len(plain))]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The board keeps the matter open until the next review and therefore adopts no human rights policy."),
        ("nl", "Het bestuur wacht zolang de evaluatie loopt en daarom heeft de vennootschap geen mensenrechtenbeleid."),
        ("fr", "Le conseil attend tant que la revue est en cours et donc la société n'a pas de politique des "
               "droits de l'homme."),
    ],
)
def test_and_therefore_ends_a_time_limit_or_relative_clause(lang, text):
    # round 25: "and therefore" opens a main clause of its own (context.CONSEQUENCE), so a
    # negation after it cancels the hit instead of being read as part of the condition
    assert not evidence(CAT, code(lang, text), "HR-POLICY")


def test_and_therefore_splits_the_clauses():
    words = "the board waits until the review and therefore adopts no policy".split()
    assert context.clauses(words, "en") == [(0, 3), (3, 6), (6, 11)]
    assert context.negated(words, "en", 6, 11) and not context.negated(words, "en", 3, 6)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company expects its suppliers not to breach its human rights policy."),
        ("nl", "De vennootschap verwacht dat leveranciers haar mensenrechtenbeleid niet schenden."),
        ("fr", "La société exige que ses fournisseurs ne violent pas sa politique des droits de l'homme."),
    ],
)
def test_an_expectation_to_refrain_is_not_a_negation(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The company does not tolerate any breach of its human rights policy."),
        ("nl", "De vennootschap tolereert geen inbreuken op haar mensenrechtenbeleid."),
        ("fr", "La société ne tolère aucune violation de sa politique des droits de l'homme."),
    ],
)
def test_a_prohibition_states_a_standard(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


def test_other_negations_still_cancel_after_the_prohibition_cues():
    assert not evidence(CAT, code("fr", "La société n'a pas de politique des droits de l'homme."), "HR-POLICY")
    assert not evidence(CAT, code("nl", "De vennootschap heeft geen mensenrechtenbeleid."), "HR-POLICY")


def test_english_contracted_negation_cancels():
    # the tokenizer keeps "n't" whole ("does", "n't"); the cue must too
    assert not evidence(CAT, code("en", "The company doesn't have a human rights policy."), "HR-POLICY")
    assert evidence(CAT, code("en", "The company does have a human rights policy."), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,withdrawn,kept",
    [
        ("en", "Provision 6.4 (the human rights policy of the company) is deleted.",
         "Provision 6.4 (the human rights policy of the company) is confirmed."),
        ("en", "Provision 3.12, which asked for a human rights policy, is deleted, since a law now applies.",
         "Provision 3.12, which asks for a human rights policy, is confirmed, since no law applies."),
        ("nl", "Bepaling 5.7, die een mensenrechtenbeleid vroeg, wordt geschrapt.",
         "Bepaling 5.7, die een mensenrechtenbeleid vraagt, wordt behouden."),
        ("nl", "Bepaling 7.12 (mensenrechtenbeleid) vervalt.",
         "Bepaling 7.12 (mensenrechtenbeleid) blijft."),
        ("fr", "La disposition 4.9, qui demandait une politique des droits de l'homme, est supprimée.",
         "La disposition 4.9, qui demande une politique des droits de l'homme, est maintenue."),
    ],
)
def test_a_withdrawn_provision_cancels_every_clause(lang, withdrawn, kept):
    """Deleting a provision: its content stands in brackets or a relative clause, apart from
    the clause that deletes it, and is withdrawn all the same."""
    assert not evidence(CAT, code(lang, withdrawn), "HR-POLICY")
    assert evidence(CAT, code(lang, kept), "HR-POLICY")


def test_a_withdrawn_provision_needs_a_provision_word_before_the_deletion():
    words = "the company keeps its policy ; the annual letter is deleted".split()
    assert not context.provision_withdrawn(words, "en")
    words = "the annual letter is deleted ; provision 4 keeps the policy".split()
    assert not context.provision_withdrawn(words, "en")
    words = "provision 4 ( the policy ) is deleted".split()
    assert context.provision_withdrawn(words, "en")


@pytest.mark.parametrize(
    "lang,postponed,plain",
    [
        ("en", "The adoption of the human rights policy is postponed.",
         "The adoption of the human rights policy is planned."),
        ("nl", "De vaststelling van het mensenrechtenbeleid wordt uitgesteld.",
         "De vaststelling van het mensenrechtenbeleid wordt gepland."),
        ("fr", "L'adoption de la politique des droits de l'homme a été reportée.",
         "L'adoption de la politique des droits de l'homme a été planifiée."),
    ],
)
def test_a_postponed_duty_cancels_its_hits(lang, postponed, plain):
    assert not evidence(CAT, code(lang, postponed), "HR-POLICY")
    assert evidence(CAT, code(lang, plain), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,withdrawn,kept",
    [
        ("en", "The proposal to adopt a human rights policy was rejected by the general meeting.",
         "The proposal to adopt a human rights policy was approved by the general meeting."),
        ("en", "The draft provision requiring a human rights policy has been withdrawn from the revised code.",
         "The draft provision requiring a human rights policy has been moved to the revised code."),
        ("en", "The board studied the recommendation on a human rights policy but decided not to adopt it.",
         "The board studied the recommendation on a human rights policy and decided to adopt it."),
        ("en", "The board has postponed the adoption of the human rights policy.",
         "The board has completed the adoption of the human rights policy."),
        ("nl", "Het voorstel om een mensenrechtenbeleid in te voeren, werd door de algemene vergadering verworpen.",
         "Het voorstel om een mensenrechtenbeleid in te voeren, werd door de algemene vergadering aangenomen."),
        ("nl", "Bepaling 4.2 over het mensenrechtenbeleid is door de directie opgeschort.",
         "Bepaling 4.2 over het mensenrechtenbeleid is door de directie bevestigd."),
        ("nl", "De raad heeft de aanbeveling over een mensenrechtenbeleid onderzocht, maar besloten die niet over te nemen.",
         "De raad heeft de aanbeveling over een mensenrechtenbeleid onderzocht en besloten die over te nemen."),
        ("fr", "Amendement n° 3. Supprimer l'article 5 relatif à la politique des droits de l'homme.",
         "Amendement n° 3. Compléter l'article 5 relatif à la politique des droits de l'homme."),
        ("fr", "La proposition d'adopter une politique des droits de l'homme a été rejetée.",
         "La proposition d'adopter une politique des droits de l'homme a été acceptée."),
        # the passive decline, and a clause of a contract (not only of a code)
        ("en", "The proposal to adopt a human rights policy was discussed by the committee but not adopted.",
         "The proposal to adopt a human rights policy was discussed by the committee and adopted."),
        ("nl", "Het voorstel om een mensenrechtenbeleid in te voeren, werd niet aangenomen.",
         "Het voorstel om een mensenrechtenbeleid in te voeren, werd unaniem aangenomen."),
        ("fr", "La proposition d'adopter une politique des droits de l'homme n'a pas été adoptée.",
         "La proposition d'adopter une politique des droits de l'homme a été adoptée."),
        ("fr", "La clause relative à la politique des droits de l'homme a été retirée du contrat-cadre lors de la négociation.",
         "La clause relative à la politique des droits de l'homme a été ajoutée au contrat-cadre lors de la négociation."),
        ("nl", "De clausule over het mensenrechtenbeleid is uit het raamcontract geschrapt.",
         "De clausule over het mensenrechtenbeleid is in het raamcontract opgenomen."),
        # a shareholder resolution voted down
        ("en", "The general meeting rejected the resolution asking the company to adopt a human rights policy.",
         "The general meeting approved the resolution asking the company to adopt a human rights policy."),
        ("nl", "De algemene vergadering verwierp de resolutie over een mensenrechtenbeleid.",
         "De algemene vergadering keurde de resolutie over een mensenrechtenbeleid goed."),
        ("fr", "L'assemblée générale a rejeté la résolution demandant une politique des droits de l'homme.",
         "L'assemblée générale a approuvé la résolution demandant une politique des droits de l'homme."),
        # ... or defeated by a vote before it is named
        ("en", "Shareholders voted down resolution 14, which would have required a human rights policy.",
         "Shareholders voted for resolution 14, which requires a human rights policy."),
        # round 18d: a vote that fell short, and the counterfactual "which would have required"
        ("en", "Proposal 6, on a human rights policy, did not obtain the required majority at the meeting.",
         "Proposal 6, on a human rights policy, obtained the required majority at the meeting."),
        ("en", "The proposal for a human rights policy has therefore not been adopted.",
         "The proposal for a human rights policy has therefore been adopted."),
        ("en", "Proposal 9, which would have required a human rights policy, was put to the members in May.",
         "Proposal 9, which requires a human rights policy, was put to the members in May."),
        ("nl", "Het voorstel over een mensenrechtenbeleid haalde de vereiste meerderheid niet.",
         "Het voorstel over een mensenrechtenbeleid haalde ruim de vereiste meerderheid."),
        ("fr", "La résolution sur une politique des droits de l'homme n'a pas obtenu la majorité requise.",
         "La résolution sur une politique des droits de l'homme a obtenu la majorité requise."),
        ("fr", "La proposition 7, qui aurait imposé une politique des droits de l'homme, a été soumise au vote.",
         "La proposition 7, qui impose une politique des droits de l'homme, a été soumise au vote."),
        # a duty named before its auxiliary, in the perfect
        ("en", "The adoption of the human rights policy, announced for 2025, has been postponed.",
         "The adoption of the human rights policy, announced for 2025, has been completed."),
        # round 25: a measure considered, then its decision put off under another name
        ("en", "The board considered a human rights policy but decided to postpone the matter until 2027.",
         "The board considered a human rights policy and decided to adopt it in 2027."),
        ("en", "The directors discussed the draft human rights policy but decided to defer its adoption.",
         "The directors discussed the draft human rights policy and decided to approve it."),
        ("nl", "Het bestuur besprak een mensenrechtenbeleid maar besloot de zaak uit te stellen.",
         "Het bestuur besprak een mensenrechtenbeleid en besloot het goed te keuren."),
        ("fr", "Le conseil a examiné une politique des droits de l'homme mais a décidé de reporter la question.",
         "Le conseil a examiné une politique des droits de l'homme et a décidé de l'adopter."),
    ],
)
def test_a_rejected_suspended_or_declined_provision_or_proposal_asks_nothing(lang, withdrawn, kept):
    assert not evidence(CAT, code(lang, withdrawn), "HR-POLICY")
    assert evidence(CAT, code(lang, kept), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Contracts of suppliers that breach the human rights policy are suspended."),
        ("nl", "Contracten van leveranciers die het mensenrechtenbeleid schenden, worden opgeschort."),
        ("fr", "Les contrats des fournisseurs qui enfreignent la politique des droits de l'homme sont suspendus."),
        ("en", "Children found working are withdrawn from work, as our human rights policy requires."),
    ],
)
def test_a_suspension_or_removal_without_a_provision_word_is_a_measure(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Our human rights policy does not stop at the factory gate."),
        ("nl", "Ons mensenrechtenbeleid houdt niet op bij de fabriekspoort."),
        ("fr", "Notre politique des droits de l'homme ne s'arrête pas aux portes de l'usine."),
    ],
)
def test_an_extension_of_scope_is_not_a_negation(lang, text):
    assert evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Draft provision 4.2: the board adopts a human rights policy. This provision was withdrawn after the consultation."),
        ("nl", "Ontwerpbepaling 4.2: het bestuur stelt een mensenrechtenbeleid vast. Deze bepaling is na de consultatie geschrapt."),
        ("fr", "Projet de recommandation 4.2 : le conseil adopte une politique des droits de l'homme. Cette proposition a été retirée après la consultation."),
        ("nl", "Na de consultatie is voorgestelde bepaling 1.6, die om een mensenrechtenbeleid vroeg, geschrapt."),
    ],
)
def test_a_provision_that_withdraws_itself_asks_nothing(lang, text):
    assert not evidence(CAT, code(lang, text), "HR-POLICY")


@pytest.mark.parametrize(
    "lang,declined,done",
    [
        ("en", "The board considered adopting a human rights policy but decided not to do so.",
         "The board considered adopting a human rights policy and decided to do so."),
        ("nl", "De raad overwoog een mensenrechtenbeleid vast te stellen, maar zag daarvan af.",
         "De raad overwoog een mensenrechtenbeleid vast te stellen en deed dat ook."),
        ("fr", "Le conseil a envisagé d'adopter une politique des droits de l'homme, mais y a renoncé.",
         "Le conseil a envisagé d'adopter une politique des droits de l'homme, puis l'a adoptée."),
        # round 20a: a decline with its own object pronoun or after a contrast, and a
        # decision to put the decision off
        ("en", "The board weighed a human rights policy for the group, but decided not to adopt one this year.",
         "The board weighed a human rights policy for the group, and decided to adopt one this year."),
        ("en", "The committee looked at a human rights policy for the shops but decided not to introduce it.",
         "The committee looked at a human rights policy for the shops and decided to introduce it."),
        ("nl", "De directie besprak een mensenrechtenbeleid en besloot de beslissing uit te stellen tot 2027.",
         "De directie besprak een mensenrechtenbeleid en besloot het in te voeren in 2027."),
        ("fr", "Le conseil a examiné une politique des droits de l'homme et a reporté sa décision à 2027.",
         "Le conseil a examiné une politique des droits de l'homme et l'a adoptée pour 2027."),
    ],
)
def test_a_sentence_that_declines_what_it_names_asks_nothing(lang, declined, done):
    assert not evidence(CAT, code(lang, declined), "HR-POLICY")
    assert evidence(CAT, code(lang, done), "HR-POLICY")


def test_an_active_not_adopted_is_a_condition_not_a_withdrawal():
    text = ("The board adopts a human rights policy (see provision 4.2); a company that has "
            "not adopted such a policy explains why.")
    assert evidence(CAT, code("en", text), "HR-POLICY")


def test_a_withdrawal_of_another_text_keeps_the_rest_of_the_provision():
    text = ("The board adopts a human rights policy. The proposal to extend it to contractors "
            "was rejected.")
    assert evidence(CAT, code("en", text), "HR-POLICY")


# round 20a: a sentence that names nothing itself and declines ("It decided not to do so")
# declines the sentence before it too
@pytest.mark.parametrize(
    "lang,named,declined,other",
    [
        ("en", "In May the directors discussed whether the group needs a human rights policy.",
         "They decided not to do so for the time being.", "They approved the annual accounts."),
        ("nl", "In mei besprak het bestuur of de groep een mensenrechtenbeleid nodig heeft.",
         "Het besloot de beslissing uit te stellen tot volgend jaar.", "Het keurde de jaarrekening goed."),
        ("fr", "En mai, le conseil s'est demandé si le groupe avait besoin d'une politique des droits de l'homme.",
         "Il a décidé de ne pas y donner suite pour l'instant.", "Il a approuvé les comptes annuels."),
    ],
)
def test_a_sentence_that_names_nothing_and_declines_declines_the_one_before(lang, named, declined, other):
    assert not evidence(CAT, code(lang, f"{named} {declined}"), "HR-POLICY")
    assert evidence(CAT, code(lang, f"{named} {other}"), "HR-POLICY")
    # only the sentence just before: a policy named two sentences earlier stands
    assert evidence(CAT, code(lang, f"{named} {other} {declined}"), "HR-POLICY")


# "names nothing" means no whole term: a declining sentence that shares only a word with
# the catalogue's terms ("human rights" without "policy commitment") still declines the one
# before it; one with a whole term of its own keeps that term
@pytest.mark.parametrize(
    "lang,named,declined,own",
    [
        ("en", "In May the directors discussed whether the group needs a human rights policy.",
         "They decided not to do so until the new law on human rights is adopted.",
         "They decided not to do so, as a human rights policy already exists."),
        ("nl", "In mei besprak het bestuur of de groep een mensenrechtenbeleid nodig heeft.",
         "Het besloot de beslissing uit te stellen tot de nieuwe wet op de mensenrechten er is.",
         "Het besloot de beslissing uit te stellen, want er is al een mensenrechtenbeleid."),
        ("fr", "En mai, le conseil s'est demandé si le groupe avait besoin d'une politique des droits de l'homme.",
         "Il a décidé de ne pas y donner suite avant la nouvelle loi sur les droits de l'homme.",
         "Il a décidé de ne pas y donner suite, car une politique des droits de l'homme existe déjà."),
    ],
)
def test_a_word_shared_with_a_term_does_not_stop_a_decline(lang, named, declined, own):
    assert not evidence(CAT, code(lang, f"{named} {declined}"), "HR-POLICY")
    assert evidence(CAT, code(lang, f"{named} {own}"), "HR-POLICY")
