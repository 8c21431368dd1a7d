"""Round 25: where a climate figure is counted is no due-diligence scope. Emissions "in the
supply chain", "upstream" or "in amont de la chaîne de valeur" say which emissions a
transition plan cuts, not that business partners fall under a due-diligence measure, so
climate evidence does not make "@partners + @evidence" count (`gate.FACET_NOT_LICENSED_FOR`).
Other evidence still does, and climate evidence still licenses the other facets (a bonus
tied to the transition plan). The sentences are ours, written for this test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from test_matching_disclosure import themes


@pytest.mark.parametrize("lang,text", [
    ("en", "The transition plan covers the emissions of the fleet and of the upstream transport bought from carriers."),
    ("nl", "Het transitieplan vermindert de uitstoot in de toeleveringsketen met 40 % tegen 2032."),
    ("fr", "Le plan de transition vise à réduire de moitié les émissions de gaz à effet de serre en amont "
           "et en aval de la chaîne de valeur d'ici 2035."),
])
def test_the_emissions_of_a_value_chain_are_no_value_chain_scope(lang, text):
    found = themes(lang, text)
    assert "climate-transition" in found
    assert "value-chain" not in found


@pytest.mark.parametrize("lang,text,expected", [
    # suppliers assessed for a harm to people: the partners are the scope of the measure
    ("en", "The company assesses its suppliers for risks of forced labour before it signs a contract.",
     {"impact-assessment", "value-chain"}),
    ("nl", "De onderneming beoordeelt haar leveranciers op risico's van kinderarbeid.",
     {"impact-assessment", "value-chain"}),
    # the same, beside a climate target: the other evidence still licenses the facet
    ("en", "The company assesses its suppliers for human rights risks and sets a target to cut Scope 3 "
           "emissions across its supply chain.", {"impact-assessment", "value-chain", "climate-transition"}),
    # climate evidence still licenses a bonus
    ("en", "A quarter of the long-term bonus of the executive directors depends on the emission cuts of "
           "the transition plan.", {"incentives", "climate-transition"}),
])
def test_other_evidence_still_licenses_the_facets(lang, text, expected):
    assert themes(lang, text) == expected
