"""tools/parallel.py: two language versions of one act, cut at their numbering, paired, and
matched side by side. The acts here are made up (our own words); the real CSRD test skips
without ../shared/real."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import parallel  # noqa: E402

pytest.importorskip("spacy")

EN = (
    "Having regard to the proposal,\nWhereas:\n(1) Firms should look at point (a) of Article 2.\n"
    "HAVE ADOPTED THIS DIRECTIVE:\n"
    "Article 1\nAmendments\nThe made-up directive is amended as follows:\n"
    "‘Article 3a Duties of imaginary firms\n"
    "1. Imaginary firms shall carry out human rights due diligence in their supply chain.\n"
    "2. They shall report publicly on the adverse impacts they found, including:\n"
    "(a) the impacts on workers at their suppliers;\n"
    "(b) the measures taken to prevent such adverse impacts;\n"
    "(c) the date on which the annual accounts of the firm were approved.\n"
)
NL = (
    "Gezien het voorstel,\nOverwegende hetgeen volgt:\n(1) Ondernemingen kijken naar punt a) van artikel 2.\n"
    "HEBBEN DE VOLGENDE RICHTLIJN VASTGESTELD:\n"
    "Artikel 1\nWijzigingen\nDe verzonnen richtlijn wordt als volgt gewijzigd:\n"
    "“Artikel 3 bis Plichten van verzonnen ondernemingen\n"
    "1. Verzonnen ondernemingen passen zorgvuldigheid inzake mensenrechten toe in hun toeleveringsketen.\n"
    "2. Zij rapporteren publiekelijk over de negatieve effecten die zij vonden, waaronder: "
    "a) de effecten op werknemers bij hun leveranciers; "
    "b) de maatregelen om zulke negatieve effecten te voorkomen; "
    "c) de datum waarop de jaarrekening van de onderneming werd goedgekeurd.\n"
)


def test_each_version_is_cut_at_its_numbering():
    en = parallel.passages(EN)
    nl = parallel.passages(NL)
    # the recitals are left out; "Artikel 3 bis" is "Article 3a"; Dutch points "a)" are "(a)"
    assert [k for k, _ in en] == ["Article 3a", "P1", "P2", "(a)", "(b)", "(c)"]
    assert [k for k, _ in nl] == [k for k, _ in en]
    assert en[3][1].startswith("(a) the impacts on workers") and nl[3][1].startswith("a) de effecten")


def test_passages_pair_by_number_and_length():
    pairs = parallel.align(parallel.passages(EN), parallel.passages(NL))
    assert [p.key for p in pairs] == ["Article 3a", "P1", "P2", "(a)", "(b)", "(c)"]
    # a passage missing in one version shifts nothing; one far longer is left unpaired
    shorter = parallel.passages(NL.replace("b) de maatregelen om zulke negatieve effecten te voorkomen; ", ""))
    assert [p.key for p in parallel.align(parallel.passages(EN), shorter)] == ["Article 3a", "P1", "P2", "(a)", "(c)"]
    longer = [(k, t * 3) if k == "P1" else (k, t) for k, t in parallel.passages(NL)]
    assert "P1" not in [p.key for p in parallel.align(parallel.passages(EN), longer)]


def test_the_comparison_counts_themes_found_in_one_version_only():
    result = parallel.compare(EN, "en", NL, "nl")
    assert len(result.pairs) == 6
    by_key = {p.key: (a, b) for p, a, b in zip(result.pairs, result.first, result.second)}
    assert "due-diligence" in by_key["P1"][0] and "due-diligence" in by_key["P1"][1]
    assert by_key["(c)"] == (frozenset(), frozenset())  # the accounts' approval: nothing
    both = sum(len(a & b) for a, b in zip(result.first, result.second))
    either = sum(len(a | b) for a, b in zip(result.first, result.second))
    assert result.agreement == pytest.approx(both / either) and 0.5 <= result.agreement <= 1.0
    # a theme one version states and the other does not shows on that side
    changed = NL.replace("de maatregelen om zulke negatieve effecten te voorkomen", "de kleur van het logo")
    worse = parallel.compare(EN, "en", changed, "nl")
    assert worse.agreement < result.agreement
    assert worse.one_sided().get(("first", "prevention-mitigation"), 0) >= 1


def test_the_command_line(tmp_path, capsys):
    first, second = tmp_path / "act-en.txt", tmp_path / "act-nl.txt"
    first.write_text(EN, encoding="utf8")
    second.write_text(NL, encoding="utf8")
    assert parallel.main([str(first), str(second), "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("6 passages paired (en: act-en.txt, nl: act-nl.txt)") and "agreement" in out


@pytest.mark.parametrize("problem", ["missing", "empty", "no numbering"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, problem):
    first, second = tmp_path / "act-en.txt", tmp_path / "other.txt"
    first.write_text(EN, encoding="utf8")
    if problem == "empty":
        second.write_text("", encoding="utf8")
    elif problem == "no numbering":
        second.write_text("Een tekst zonder enige nummering over verzonnen ondernemingen.\n", encoding="utf8")
    assert parallel.main([str(first), str(second)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallel: ") and len(err.strip().splitlines()) == 1


CSRD = ROOT.parent / "shared" / "real"


@pytest.mark.skipif(not (CSRD / "csrd-2022-2464-nl.txt").exists(), reason="../shared/real is absent")
def test_the_english_and_dutch_csrd_are_read_alike():
    """The articles of the real CSRD in English and Dutch: how far the matcher finds the same
    themes in both, kept from falling (0.62 at the start of the ninth session, 0.83 after
    round 14)."""
    from recitals import document_text

    result = parallel.compare(document_text(CSRD / "csrd-2022-2464-en.pdf"), "en",
                              document_text(CSRD / "csrd-2022-2464-nl.txt"), "nl")
    assert len(result.pairs) >= 290
    assert result.agreement >= 0.82
