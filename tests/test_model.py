"""The data model's small behaviours."""

from codecheck.model import Citation, Provision


def test_citation_text_names_the_instrument_once():
    assert str(Citation("UNGP", "Principle 16", "2011")) == "UNGP Principle 16 (2011)"
    assert str(Citation("ESRS", "ESRS 2, GOV-4", "2023")) == "ESRS 2, GOV-4 (2023)"
    assert str(Citation("CSDDD", "Article 7", "")) == "CSDDD Article 7"


def test_full_text_joins_heading_and_text_once():
    assert Provision("3", heading="Board", text="The board shall act.").full_text == "Board. The board shall act."
    assert Provision("3", heading="Board", text="Board: it shall act.").full_text == "Board: it shall act."
    assert Provision("3", heading="Board").full_text == "Board"
    assert Provision("3", pages=(4, 5)).page == 4 and Provision("4").page is None
