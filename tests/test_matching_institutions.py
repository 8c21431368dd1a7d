"""A word of a board term inside the name of a public institution is no board: the Council
of the European Union in the citation of an EU act ("het Europees Parlement en de Raad",
"du Parlement européen et du Conseil"), a Council of State (`context.INSTITUTIONS`). Found
by reading the CSRD's articles in English against Dutch (`tools/parallel.py`); the
sentences are ours."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from codecheck.matching import context

from test_matching_disclosure import themes  # the themes the bundled catalogue finds in one provision


@pytest.mark.parametrize("lang,cited,board", [
    ("nl", "De groep volgt Richtlijn 2014/95/EU van het Europees Parlement en de Raad bij haar "
           "gedragscode en haar klimaattransitieplan.",
     "De raad van bestuur keurt de gedragscode en het klimaattransitieplan goed."),
    ("fr", "La société applique la directive 2014/95/UE du Parlement européen et du Conseil à son "
           "plan de transition climatique.",
     "Le conseil d'administration approuve le plan de transition climatique."),
])
def test_the_council_of_the_eu_is_no_board(lang, cited, board):
    assert "board-oversight" in themes(lang, board)
    found = themes(lang, cited)
    assert "board-oversight" not in found and "climate-transition" in found


def test_the_spans_of_institution_names():
    text = "Zie het advies van de Raad van State en Richtlijn 2019/1937 van het Europees Parlement en de Raad."
    spans = context.institution_spans(text, "nl")
    assert [text[a:b] for a, b in spans] == ["Raad van State", "Europees Parlement en de Raad"]
    assert context.institution_spans("The board meets the works council.", "en") == []
    assert context.institution_spans("Le Conseil d’État a rendu son avis.", "fr") == [(3, 17)]
    assert context.institution_spans("Anything", "de") == []
