"""A proposal that was declined asks nothing (session 23, `context.provision_withdrawn`).

The team's hard negatives still read as due diligence when a proposal or draft was turned
down in a way the cue lists did not know: withdrawn by whoever made it ("the board withdrew
its proposal"), rejected as the second participle of a passive ("was discussed ... but
rejected"), defeated in a vote, taken out of the final text or off the agenda, not taken
over ("niet overgenomen"), rejected by a Dutch meeting in the perfect ("heeft het
aandeelhoudersvoorstel ... verworpen", a compound proposal word), or a draft ("projet",
"ontwerp") abandoned or adjourned. Each is shown here in a sentence of ours; the sentences
below them, which name the same words in a measure that stands, must keep their evidence."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from test_matching_disclosure import themes


@pytest.mark.parametrize("lang,text", [
    ("en", "At its spring meeting the board withdrew its proposal to adopt a human rights due diligence policy "
           "for its suppliers."),
    ("en", "A proposal to require human rights due diligence across the supply chain was discussed by the "
           "committee but rejected."),
    ("en", "The shareholder resolution calling for a human rights policy covering contractors was defeated at "
           "the general meeting."),
    ("en", "Draft principle 4.2 on human rights due diligence in the value chain has been removed from the "
           "final text."),
    ("en", "The draft human rights policy for the group's suppliers was dropped."),
    ("nl", "De algemene vergadering heeft het aandeelhoudersvoorstel om een mensenrechtenbeleid voor "
           "leveranciers aan te nemen verworpen."),
    ("nl", "Het voorstel om een bepaling over passende zorgvuldigheid in de toeleveringsketen op te nemen, is "
           "niet overgenomen."),
    ("nl", "Het bestuur trok het voorstel om een mensenrechtenbeleid voor leveranciers aan te nemen in."),
    ("nl", "Het ontwerp van mensenrechtenbeleid voor de leveranciers werd verworpen."),
    ("fr", "Le projet de plan de vigilance pour les fournisseurs a été retiré de l'ordre du jour du conseil."),
    ("fr", "Le projet de charte des droits humains pour les sous-traitants a été abandonné."),
    ("fr", "Le conseil retire sa proposition d'adopter une politique des droits humains pour ses fournisseurs."),
    ("fr", "Le projet de plan de transition climatique a été ajourné à une séance ultérieure."),
    ("fr", "La proposition d'instaurer un devoir de vigilance envers les fournisseurs a été examinée par le "
           "comité mais rejetée."),
])
def test_a_declined_proposal_asks_nothing(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text,expected", [
    # withdrawing from a supplier is a measure; the verb is far from the provision word
    ("en", "The company withdrew from two suppliers that used forced labour, as Principle 19 of its human "
           "rights policy requires.", {"value-chain"}),
    ("en", "The draft human rights policy for suppliers was approved by the board in March.",
     {"board-oversight", "policy-commitment", "value-chain"}),
    ("nl", "De raad keurde het ontwerp van mensenrechtenbeleid voor leveranciers goed.",
     {"board-oversight", "policy-commitment", "value-chain"}),
    ("fr", "Le projet de plan de vigilance pour les fournisseurs a été approuvé par le conseil.",
     {"board-oversight", "due-diligence", "value-chain"}),
    # a project suspended is a measure; only a draft of a text ("projet de charte") is a proposal
    ("fr", "Le projet minier a été suspendu jusqu'à ce que les communautés affectées aient été consultées "
           "sur les risques pour leurs droits humains.", {"prevention-mitigation", "stakeholder-engagement"}),
    # children removed from hazardous work: people moved, not a provision taken out of a text
    ("en", "Under provision 5.2, children found working at suppliers are removed from hazardous work and "
           "offered schooling.", {"remediation", "value-chain"}),
])
def test_a_measure_that_stands_keeps_its_evidence(lang, text, expected):
    assert expected <= themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("en", "At the general meeting a shareholder tabled a proposal asking the company to adopt a human rights "
           "policy for its suppliers. The proposal was defeated by 78% of the votes."),
    ("en", "The first draft of the charter contained a clause requiring human rights due diligence across the "
           "supply chain. After the consultation the board deleted that clause."),
    ("en", "Shareholders considered a resolution asking the company to adopt a human rights policy for its "
           "suppliers. It was rejected by a large majority."),
    ("nl", "Op de algemene vergadering werd een voorstel besproken om een mensenrechtenbeleid voor de "
           "leveranciers aan te nemen. Het voorstel werd met 78% van de stemmen verworpen."),
    ("nl", "Het ontwerp van de code bevatte een bepaling over passende zorgvuldigheid in de toeleveringsketen. "
           "Na de consultatie is die bepaling geschrapt."),
    ("fr", "Une résolution déposée par un actionnaire demandait l'adoption d'une politique des droits humains "
           "pour les fournisseurs. Elle a été rejetée à 71 % des voix."),
    ("fr", "Le projet de code contenait une disposition sur le devoir de vigilance envers les fournisseurs. "
           "Après la consultation, cette disposition a été supprimée."),
])
def test_a_proposal_withdrawn_in_the_next_sentence_asks_nothing(lang, text):
    """The next sentence points back at the proposal ("The proposal was defeated", "die
    bepaling", "Elle a été rejetée") and withdraws it (`context.withdraws_the_one_before`)."""
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    # another provision, named anew, is withdrawn: the first one stands
    ("en", "Provision 4.2 asks the board to adopt a human rights policy for the group's suppliers. The provision "
           "on board remuneration was deleted."),
    ("nl", "Bepaling 4.2 vraagt de raad een mensenrechtenbeleid voor de leveranciers aan te nemen. De bepaling "
           "over de vergoeding van de bestuurders is geschrapt."),
    ("fr", "La disposition 4.2 demande au conseil d'adopter une politique des droits humains pour les "
           "fournisseurs. La disposition relative à la rémunération des administrateurs a été supprimée."),
    # a sentence that opens with a pronoun or an article but names its own provision anew
    ("en", "Provision 4.2 asks the board to adopt a human rights policy for the group's suppliers. They also "
           "deleted the provision on board remuneration."),
    ("nl", "Bepaling 4.2 vraagt de raad een mensenrechtenbeleid voor de leveranciers aan te nemen. Het bestuur "
           "heeft de bepaling over de vergoeding van de bestuurders geschrapt."),
    # a proposal the sentence before does not name
    ("en", "The board adopted a human rights policy for the group's suppliers. The proposal to cut the dividend "
           "was rejected."),
])
def test_a_withdrawal_of_another_text_leaves_the_sentence_before(lang, text):
    assert {"policy-commitment", "value-chain"} <= themes(lang, text)
