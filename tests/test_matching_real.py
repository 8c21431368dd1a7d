"""Matching on real third-party texts (../shared/real/): it runs, spans are exact, and the
sustainability-reporting texts are found to speak of reporting. Skipped when the folder
is absent (a user's clone does not have it)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"

CASES = [("esrs-2023-2772-en.md", "en"), ("csrd-2022-2464-nl.txt", "nl")]


@pytest.mark.parametrize("name,lang", CASES)
def test_real_text(name, lang):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    from codecheck.catalogue import load_catalogue
    from codecheck.documents import read_document
    from codecheck.matching import assess, provision_themes

    code = read_document(path, lang=lang)
    catalogue = load_catalogue()
    coverages = assess([code], catalogue)
    assert len(coverages) == len(catalogue.requirements)
    evidence = [e for c in coverages.values() for e in c.evidence]
    assert evidence, "a sustainability directive must evidence some requirement"
    for e in evidence:
        full = code.provision(e.provision).full_text
        assert full[e.span[0] : e.span[1]] == e.text
        assert e.text.strip() == e.text and e.text
    themes = set().union(*provision_themes(coverages, code.id).values())
    assert "reporting" in themes
    # the same analysis again gives the same result
    assert assess([code], catalogue) == coverages
