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


ESRS = REAL / "esrs-2023-2772-en.md"
ESRS_STANDARDS = ["ESRS 1", "ESRS 2", "ESRS E1", "ESRS E2", "ESRS E3", "ESRS E4", "ESRS E5",
                  "ESRS S1", "ESRS S2", "ESRS S3", "ESRS S4", "ESRS G1"]


@pytest.fixture(scope="module")
def esrs():
    if not ESRS.is_file():
        pytest.skip("../shared/real/esrs-2023-2772-en.md is absent")
    return read_document(ESRS)


def _top(p, by_id):
    while p.parent:
        p = by_id[p.parent]
    return p.id


def test_esrs_annex_of_standards_is_structured(esrs):
    """Annex I (the standards) becomes units; Annex II (the glossary) stays back matter."""
    by_id = {p.id: p for p in esrs.provisions}
    tops = [p.id for p in esrs.provisions if p.parent is None]
    assert tops == ["Art. 1", "Art. 2", *ESRS_STANDARDS, "annex-II"]
    assert by_id["annex-II"].kind == "annex" and "Biodiversity loss" in by_id["annex-II"].text
    assert by_id["ESRS S1"].kind == "principle" and by_id["ESRS S1"].heading == "OWN WORKFORCE"
    assert by_id["ESRS 2"].heading == "GENERAL DISCLOSURES"  # its label is lost in the conversion
    paragraphs: dict[str, int] = {}
    for p in esrs.provisions:
        if re.fullmatch(r"ESRS [12ESG0-9]{1,2}\.\d{1,3}", p.id):
            top = _top(p, by_id)
            assert p.id.startswith(top + "."), p.id
            paragraphs[top] = paragraphs.get(top, 0) + 1
    for std in ("ESRS 2", "ESRS S1", "ESRS S2", "ESRS S3", "ESRS S4", "ESRS G1"):
        assert paragraphs.get(std, 0) >= 30, (std, paragraphs.get(std))
    assert len(esrs.provisions) > 1000  # 48 units (recitals, articles, annexes) before


def test_esrs_disclosure_requirements(esrs):
    by_id = {p.id: p for p in esrs.provisions}
    for std, n in (("S1", 14), ("S2", 5), ("S3", 5), ("S4", 5), ("G1", 6)):
        for k in range(1, n + 1):
            assert f"ESRS {std} / {std}-{k}" in by_id, (std, k)
    for code in ("BP-1", "BP-2", "GOV-1", "GOV-2", "GOV-3", "GOV-4", "SBM-2", "SBM-3", "IRO-1", "IRO-2"):
        assert by_id[f"ESRS 2 / {code}"].parent == "ESRS 2"
    assert by_id["ESRS S1 / S1-1"].heading == "Policies related to own workforce"
    assert by_id["ESRS S1.17"].parent == "ESRS S1 / S1-1"
    assert by_id["ESRS S1.17"].text.startswith("The undertaking shall describe its policies")
    assert by_id["ESRS G1.7"].parent == "ESRS G1 / G1-1"
    assert by_id["ESRS 2.19"].parent == "ESRS 2 / GOV-1"


def test_esrs_requirements_find_themselves(esrs):
    """The catalogue's ESRS social and governance requirements find evidence in the ESRS."""
    import codecheck

    report = codecheck.analyse(codes=[esrs]).to_dict()
    esrs_reqs = [q for q in report["requirements"] if q["instrument"] == "ESRS"]
    levels = {q["id"]: q["coverage"][0]["level"] for q in esrs_reqs}
    social = {k: v for k, v in levels.items() if re.match(r"ESRS-(S[1-4]|G1)-", k)}
    assert len(social) >= 10
    found = [k for k, v in social.items() if v in ("partial", "full")]
    # 13 of 13 at the time of writing (all 'full'); none before the standards were parsed
    assert len(found) >= 0.8 * len(social), social
    # and the evidence lies in the requirement's own standard ("ESRS-S3-1" in "ESRS S3 ...")
    for q in esrs_reqs:
        if q["id"] in found:
            std = "ESRS " + q["id"].split("-")[1]
            places = [e.get("provision") or "" for e in q["coverage"][0].get("evidence") or []]
            assert any(p == std or p.startswith((std + ".", std + " ")) for p in places), (q["id"], places[:5])
