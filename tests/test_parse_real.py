"""The reader on a real official-layout PDF (skipped when ../shared/real is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codecheck.documents.read import read_document

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
CSRD = REAL / "csrd-2022-2464-en.pdf"

pytestmark = pytest.mark.skipif(not CSRD.is_file(), reason="../shared/real/csrd-2022-2464-en.pdf is absent")


@pytest.fixture(scope="module")
def csrd():
    return read_document(CSRD)


def test_articles_recovered_in_order(csrd):
    ids = [p.id for p in csrd.provisions]
    assert ids == [f"Art. {k}" for k in range(1, 9)]
    assert all(p.kind == "provision" for p in csrd.provisions)


def test_article_titles_and_text(csrd):
    p = {x.id: x for x in csrd.provisions}
    assert p["Art. 1"].heading == "Amendments to Directive 2013/34/EU"
    assert p["Art. 5"].heading == "Transposition"
    assert p["Art. 8"].heading == "Addressees"
    assert p["Art. 8"].text.startswith("This Directive is addressed to the Member States.")
    # the articles Article 1 inserts into Directive 2013/34/EU stay in its text
    assert "Article 19a" in p["Art. 1"].text and "Article 29b" in p["Art. 1"].text
    assert len(p["Art. 1"].text) > 50_000


def test_no_running_header_or_footnote_leaks(csrd):
    for p in csrd.provisions:
        assert "EN Official Journal of the European Union" not in p.text, p.id
        assert not re.search(r"L 322/\d+", p.text), p.id
        assert "Official Journal of the European Union 16.12.2022" not in p.text, p.id
        assert "\x01" not in p.text and "\u00ad" not in p.text
    # footnotes (smaller type at the foot of the page) are gone, e.g. page 64's on Solvency II
    assert "Solvency II" not in {p.id: p.text for p in csrd.provisions}["Art. 5"]
    # what is left of "Official Journal of the European Union" is the body's own wording
    for p in csrd.provisions:
        for m in re.finditer(r"Official Journal of the European Union", p.text):
            before = p.text[max(0, m.start() - 30):m.start()]
            assert re.search(r"(the|in|of)\s+$", before), (p.id, before)


def test_pages_follow_the_text(csrd):
    pages = [p.pages for p in csrd.provisions]
    assert pages[0][0] >= 20  # the recitals come first and are not provisions
    assert pages[-1] == (66,)
    starts = [pg[0] for pg in pages]
    assert starts == sorted(starts)
    assert csrd.language == "en"
    assert csrd.edition == "2022"


CSRD_NL = REAL / "csrd-2022-2464-nl.txt"


@pytest.mark.skipif(not CSRD_NL.is_file(), reason="../shared/real/csrd-2022-2464-nl.txt is absent")
def test_collapsed_dutch_text_recovers_articles():
    """One 290 kB line (whitespace collapsed): headings are found inside it."""
    code = read_document(CSRD_NL)
    assert code.language == "nl"
    assert [p.id for p in code.provisions] == [f"Art. {k}" for k in range(1, 9)]
    art8 = code.provisions[-1].text
    assert art8.startswith("Adressaten Deze richtlijn is gericht tot de lidstaten.")
