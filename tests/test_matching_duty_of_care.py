"""A Dutch "zorgplicht" owed to clients, policyholders or the company is no due diligence
(session 23).

"Zorgplicht" is a due-diligence word (the Dutch child-labour duty of care, *passende
zorgvuldigheid*), but a bank's duty of care towards its clients or a director's towards the
company is a financial adviser's or a director's duty. The `@false-friends` set, which every
requirement excludes, names the duty with those it is owed to. The sentences are ours."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from test_matching_disclosure import themes


@pytest.mark.parametrize("text", [
    "De bank neemt haar zorgplicht jegens cliënten in acht door hun beleggingsprofiel jaarlijks te toetsen.",
    "De bestuurders hebben een zorgplicht jegens de vennootschap en de raad ziet toe op de naleving ervan.",
])
def test_a_duty_of_care_to_clients_or_the_company_is_no_due_diligence(text):
    assert themes("nl", text) == set()


def test_the_duty_of_care_of_due_diligence_still_counts():
    text = ("De onderneming neemt haar zorgplicht in acht door de risico's op kinderarbeid bij haar "
            "leveranciers in kaart te brengen.")
    assert {"due-diligence", "impact-assessment", "value-chain"} <= themes("nl", text)
