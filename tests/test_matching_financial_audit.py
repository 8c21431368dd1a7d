"""The internal audit of the accounts is no human-rights monitoring (session 23).

An internal audit that reviews inventory valuation, revenue recognition, purchase-to-pay or
the IT general controls "at the plants" or "at the suppliers" names the words of
monitoring and of the value chain; so do the control deficiencies it finds "and has since
remediated". The concept set `@financial-control` (codecheck/matching/concepts/) names
what such an audit covers, and the monitoring, board-oversight, remediation, prevention
and value-chain requirements exclude it. An internal audit of human-rights matters still
counts. The sentences are ours, written for this test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.matching.concepts import concept_sets
from test_matching_disclosure import themes


@pytest.mark.parametrize("lang,text", [
    ("en", "Internal audit reviewed revenue recognition, inventory valuation and the IT general controls at "
           "the plants and monitors the suppliers' workshops."),
    ("en", "Internal audit reviewed segregation of duties in purchase-to-pay at the subcontractors and "
           "plantations."),
    ("en", "Control deficiencies were found and have since been remediated. The audit committee monitors "
           "the implementation of the recommendations."),
    ("nl", "De interne audit controleerde de voorraadwaardering en de functiescheiding in de fabrieken en "
           "bij de leveranciers."),
    ("nl", "Interne audit heeft de voorraadwaardering en de functiescheiding gecontroleerd in de ateliers "
           "en de fabrieken."),
    ("fr", "L'audit interne a vérifié la valorisation des stocks et la séparation des tâches dans les "
           "usines et les ateliers."),
    ("fr", "L'audit interne a contrôlé les procédures de caisse et la clôture des comptes chez les "
           "fournisseurs critiques."),
    # the corrective actions of an audit that serves the financial reporting (session 23, later)
    ("en", "The audit committee monitored the corrective actions taken by finance and is satisfied with the "
           "reliability of the financial reporting."),
    ("nl", "Het auditcomité volgde de corrigerende maatregelen van de financiële dienst op en is tevreden over "
           "de betrouwbaarheid van de financiële verslaggeving."),
    ("fr", "Le comité d'audit a suivi la mise en œuvre des actions correctives et s'est assuré de la fiabilité "
           "de l'information financière."),
])
def test_an_audit_of_the_accounts_is_no_monitoring(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    ("en", "Internal audit reviewed how the group monitors human rights at its suppliers' factories."),
    ("nl", "De interne audit controleerde hoe de groep mensenrechten bij haar leveranciers opvolgt."),
    ("fr", "L'audit interne a vérifié comment le groupe surveille les droits humains chez ses fournisseurs."),
])
def test_an_internal_audit_of_human_rights_still_counts(lang, text):
    assert {"monitoring", "value-chain"} <= themes(lang, text)


def test_the_set_is_an_exclusion_only():
    """No term uses the set as a side: it takes evidence away, never gives it."""
    from codecheck.catalogue import load_catalogue

    cat = load_catalogue()
    for req in cat.requirements:
        for terms in [req.terms] + [el.terms for el in req.elements]:
            for lang, written in terms.items():
                assert not any("@financial-control" in t for t in written), (req.id, lang)
    assert all("@financial-control" in concept_sets(lang) for lang in ("en", "nl", "fr"))
