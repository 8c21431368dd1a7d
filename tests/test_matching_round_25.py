"""Round 25 of the bundled vocabulary (README, "Accuracy"), tuned on the ESRS development
data and judged on the unread ESRS samples 3 to 5:

- "actual and potential impacts" (UNGPs 17-19, and the ESRS after them) names the impacts
  of due diligence even without "adverse" or "negative" beside it: preventing, mitigating
  or remediating them is prevention and remediation;
- identifying, assessing or managing climate-related, physical and transition risks is
  sustainability risk in the risk management (G20/OECD Principles VI.C);
- the EU's "administrative, management and supervisory bodies" responsible for the
  oversight of impacts, risks and opportunities is board oversight (ESRS 2 GOV-1).

Each is shown in the three languages, and the financial look-alikes to stay out. The
sentences are ours, written for this test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from test_matching_disclosure import themes


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The company takes steps to prevent and mitigate the actual and potential impacts of its operations.",
     {"prevention-mitigation"}),
    ("nl", "De vennootschap neemt maatregelen om werkelijke en potentiële effecten van haar activiteiten te "
           "voorkomen en te beperken.", {"prevention-mitigation"}),
    ("fr", "La société prend des mesures pour prévenir et atténuer les incidences réelles et potentielles de "
           "ses activités.", {"prevention-mitigation"}),
    ("nl", "De onderneming zorgt voor herstel van de feitelijke of potentiële effecten die zij heeft veroorzaakt.",
     {"remediation"}),
    ("en", "The group remediates the actual or potential impacts it has caused or contributed to.", {"remediation"}),
    ("fr", "Le groupe assure la réparation des incidences négatives réelles ou potentielles qu'il a causées.",
     {"remediation"}),
])
def test_actual_and_potential_impacts_are_the_impacts_of_due_diligence(lang, text, expected):
    assert themes(lang, text) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "The treasurer assesses the actual and potential impacts of interest rate changes on the group's debt."),
    ("en", "The board discusses the potential impacts of the merger on the share price."),
])
def test_impacts_on_the_company_s_finances_stay_out(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    ("en", "The board identifies and assesses the group's physical and transition risks each year."),
    ("nl", "De raad van bestuur beoordeelt jaarlijks de klimaatgerelateerde risico's van de groep."),
    ("fr", "Le comité d'audit évalue chaque année les risques liés au climat auxquels le groupe est exposé."),
])
def test_climate_risks_assessed_are_sustainability_risk_management(lang, text):
    assert "risk-management" in themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("en", "The company discloses which of its administrative, management and supervisory bodies is responsible "
           "for the oversight of impacts, risks and opportunities."),
    ("nl", "De vennootschap vermeldt welke van haar bestuurs-, leidinggevende en toezichthoudende organen "
           "verantwoordelijk is voor het toezicht op effecten, risico's en kansen."),
    ("fr", "La société indique lequel de ses organes d'administration, de direction et de surveillance est "
           "responsable de la surveillance des incidences, risques et opportunités."),
])
def test_the_bodies_overseeing_impacts_risks_and_opportunities_are_board_oversight(lang, text):
    assert "board-oversight" in themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("en", "The board assesses the interest rate and currency risks of the group each year."),
    ("en", "The supervisory bodies are responsible for the oversight of the financial statements."),
])
def test_financial_risks_and_oversight_stay_out(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    # the Dutch and French of ESRS 2 GOV-5, as the CSRD's Dutch text words it (tools/parallel.py
    # found the English read alone)
    ("nl", "Het auditcomité monitort de doeltreffendheid van het risicomanagement met betrekking tot de "
           "duurzaamheidsrapportering van de vennootschap."),
    ("fr", "Le comité d'audit suit l'efficacité de la gestion des risques relative au rapport de durabilité."),
])
def test_risk_management_over_sustainability_reporting_in_dutch_and_french(lang, text):
    assert "risk-management" in themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    # a customer-service desk that refunds a customer is no remedy for harm to people (the
    # guide: "a commercial customer-service desk is not" a grievance mechanism); in round 25
    # 24 such remediation themes were false on the read sets and none right
    ("en", "Complaints about late parcels are handled by customer service, which refunds the delivery charge."),
    ("nl", "Reizigers die een klacht hebben over een geannuleerde vlucht, krijgen via de klantenservice een "
           "terugbetaling van hun ticket."),
    ("fr", "Les acheteurs mécontents d'une commande peuvent déposer une plainte auprès du service client, qui "
           "rembourse l'article sous dix jours."),
])
def test_a_customer_service_refund_is_no_remedy(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    # session 23: the customer-service set also names customers' complaints, so every
    # requirement that excludes a customer service excludes them too
    ("en", "Consumer complaints about the app are reviewed weekly and refunds are paid where a fault is "
           "confirmed."),
    ("nl", "Klachten van klanten over beschadigde pakketten worden binnen vijf dagen beantwoord en de schade "
           "wordt vergoed."),
    ("fr", "Les réclamations des clients concernant les colis endommagés sont traitées sous cinq jours et le "
           "préjudice est indemnisé."),
])
def test_compensating_customers_for_their_complaints_is_no_remedy(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    ("en", "Workers who were charged recruitment fees are refunded in full, and the complaints they raised are "
           "tracked until closed."),
    ("nl", "Arbeiders die wervingskosten betaalden, krijgen die volledig terugbetaald na hun klacht."),
    ("fr", "Les travailleurs qui ont payé des frais de recrutement en sont intégralement remboursés à la suite "
           "de leurs plaintes."),
])
def test_workers_refunded_their_recruitment_fees_are_remedied(lang, text):
    assert {"remediation", "grievance-mechanism"} <= themes(lang, text)


@pytest.mark.parametrize("lang,text", [
    # management's "action plans" after an internal audit or a board evaluation are not the
    # corrective action plans of due diligence: monitoring needs them named as such (round
    # 25: -14 false monitoring and board-oversight themes on the read sets, -1 true)
    ("en", "The annual board evaluation was run by an outside adviser; the directors agreed action plans on "
           "meeting preparation, which the chair monitors."),
    ("nl", "De interne audit toetste de opvolging van de debiteuren; de actieplannen van het management werden "
           "aan het auditcomité voorgelegd."),
    ("fr", "Le conseil a évalué son fonctionnement; le président assure le suivi des plans d'action qui en résultent."),
])
def test_action_plans_after_an_audit_or_a_board_evaluation_are_no_monitoring(lang, text):
    assert themes(lang, text) == set()


@pytest.mark.parametrize("lang,text", [
    ("en", "The company monitors the corrective action plans agreed with suppliers where forced labour was found."),
    ("nl", "De onderneming volgt de corrigerende actieplannen op die met leveranciers zijn afgesproken waar "
           "kinderarbeid werd vastgesteld."),
])
def test_corrective_action_plans_are_still_monitored(lang, text):
    assert "monitoring" in themes(lang, text)
