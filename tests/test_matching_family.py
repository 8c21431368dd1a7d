"""An element completes a concept only within the provision that states it (and its sub-items)."""

from __future__ import annotations

from codecheck.matching import assess
from codecheck.model import Catalogue, Citation, Code, CoverageLevel, Element, Provision, Requirement

REQ = Requirement(
    id="T-1", instrument="T", title="Speak-up channel", citation=Citation("T", "1", "1"), summary="",
    addressee="company", obligation="process", legal_status={}, themes=("whistleblowing",), weight=1,
    elements=(Element("follow-up", "Follow-up of reports", "monitoring", {"en": ["follow-up of reports"]}),),
    terms={"en": ["whistleblowing channel"]},
)
CATALOGUE = Catalogue(instruments=(), requirements=(REQ,))


def coverage(*provisions: Provision):
    code = Code("t", "T", "1", "en", "file", "t.md", provisions=provisions)
    return assess([code], CATALOGUE)[("T-1", "t")]


PRINCIPLE = Provision("4", kind="principle", heading="Committees", text="Committees")


def test_element_in_a_sibling_provision_does_not_complete_the_concept():
    cov = coverage(
        PRINCIPLE,
        Provision("4.1", parent="4", text="The company shall operate a whistleblowing channel."),
        Provision("4.2", parent="4", text="The nomination committee shall ensure the follow-up of reports on candidates."),
    )
    assert cov.level is CoverageLevel.PARTIAL
    assert [e.provision for e in cov.evidence] == ["4.1"]
    assert cov.missing_elements == ("follow-up",)


def test_element_in_the_same_provision_or_its_sub_item_completes_it():
    for provisions in (
        (PRINCIPLE, Provision("4.1", parent="4", text="The company shall operate a whistleblowing channel and ensure the follow-up of reports.")),
        (
            PRINCIPLE,
            Provision("4.1", parent="4", text="The company shall operate a whistleblowing channel."),
            Provision("4.1.1", parent="4.1", text="It shall ensure the follow-up of reports."),
        ),
    ):
        cov = coverage(*provisions)
        assert cov.level is CoverageLevel.FULL, provisions
        assert cov.missing_elements == ()
