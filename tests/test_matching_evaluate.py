"""`evaluate`: the figures on a small hand-checked file, the CLI, and the F1 floors on
tests/data/labelled.yaml and tests/data/labelled-holdout.yaml (the levels reached; both
sets have been used to develop the matching and the catalogue, see README.md, "How matching works", so
these floors guard against regressions, not measure accuracy on unseen text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from codecheck.errors import UsageError
from codecheck.matching.evaluate import evaluate, read_labelled
from codecheck.model import Catalogue, Citation, Element, Requirement

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "labelled.yaml"

# The level reached on labelled.yaml with the bundled catalogue (micro F1 0.997 overall;
# en 1.000, nl 0.992, fr 1.000 after tuning round 5), less a small margin for catalogue
# edits. A change that falls below it must say why.
FLOOR_OVERALL = 0.98
FLOOR_LANGUAGE = 0.97
MAX_FLAGGED_NEGATIVES = 1
HOLDOUT = DATA / "labelled-holdout.yaml"
# Held-out set (development data since the concept-vocabulary rewrite): micro F1 0.984,
# precision 0.976; en 0.964, nl 0.988, fr 1.000; no negative flagged (after round 5).
HOLDOUT_FLOOR_OVERALL = 0.97
HOLDOUT_FLOOR_PRECISION = 0.96
HOLDOUT_FLOOR_LANGUAGE = 0.95


def _req(rid, terms, themes, elements=()):
    return Requirement(
        id=rid, instrument="T", title=rid, citation=Citation("T", "1", "1"), summary="",
        addressee="company", obligation="policy", legal_status={}, themes=themes, weight=1,
        elements=elements, terms=terms,
    )


CAT = Catalogue(
    instruments=(),
    requirements=(
        _req(
            "GM", {"en": ["grievance mechanism"], "fr": ["mécanisme de réclamation"]},
            ("grievance-mechanism",),
            (Element("open", "open", "stakeholder-engagement", {"en": ["trade unions"]}),),
        ),
        _req("HRP", {"en": ["human rights policy"], "nl": ["mensenrechtenbeleid"]}, ("policy-commitment",)),
    ),
)

SMALL = """
items:
  - {id: a, lang: en, text: "The company shall set up a grievance mechanism with trade unions.",
     themes: [grievance-mechanism, stakeholder-engagement], kind: positive}
  - {id: b, lang: en, text: "The company has a human rights policy.", themes: [policy-commitment, reporting], kind: positive}
  - {id: c, lang: en, text: "The company has no grievance mechanism.", themes: [], kind: hard-negative}
  - {id: d, lang: nl, text: "De vennootschap publiceert haar mensenrechtenbeleid.", themes: [policy-commitment], kind: positive}
  - {id: e, lang: fr, text: "Le comité d'audit examine les plaintes des clients.", themes: [], kind: hard-negative}
  - {id: f, lang: en, text: "The grievance mechanism for customers handles complaints.", themes: [], kind: hard-negative}
"""


@pytest.fixture()
def small(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf8")
    return path


def test_figures_on_a_hand_checked_file(small):
    result = evaluate(small, catalogue=CAT)
    predicted = {i.id: i.predicted for i in result.items}
    assert predicted == {
        "a": ("grievance-mechanism", "stakeholder-engagement"),
        "b": ("policy-commitment",),
        "c": (),
        "d": ("policy-commitment",),
        "e": (),
        "f": ("grievance-mechanism",),
    }
    # 4 true positives, 1 false positive (f), 1 false negative (b: reporting)
    m = result.micro
    assert (m.tp, m.fp, m.fn) == (4, 1, 1)
    assert m.precision == pytest.approx(0.8) and m.recall == pytest.approx(0.8)
    assert result.language_micro("nl").f1 == 1.0
    assert result.per_theme["grievance-mechanism"].precision == pytest.approx(0.5)
    assert [i.id for i in result.flagged_negatives] == ["f"]
    d = result.to_dict()
    assert d["negatives"] == {"total": 3, "flagged": [{"id": "f", "lang": "en", "kind": "hard-negative",
                                                       "predicted": ["grievance-mechanism"]}]}
    assert "reporting" in d["per_theme"] and d["per_theme"]["reporting"]["recall"] == 0.0
    text = result.format_text(verbose=True)
    assert "negatives flagged: 1 of 3" in text and "f (hard-negative)" in text


@pytest.mark.parametrize(
    "content,code",
    [
        ("not: [a list", "E053"),
        ("things: []", "E054"),
        ("items:\n  - {id: a, lang: de, text: x, themes: []}", "E054"),
        ("items:\n  - {id: a, lang: en, text: x, themes: [nonsense]}", "E054"),
        ("items:\n  - {id: a, lang: en, text: x}\n  - {id: a, lang: en, text: y}", "E054"),
    ],
)
def test_bad_labelled_files_are_usage_errors(tmp_path, content, code):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf8")
    with pytest.raises(UsageError) as info:
        read_labelled(path)
    assert info.value.code == code


def test_missing_file(tmp_path):
    with pytest.raises(UsageError) as info:
        read_labelled(tmp_path / "nope.yaml")
    assert info.value.code == "E052"


def test_register_adds_evaluate_with_common_options(small, capsys, monkeypatch):
    import argparse

    from codecheck.matching import commands

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="codecheck")
    sub = parser.add_subparsers()
    commands.register(sub, common)
    monkeypatch.setattr("codecheck.catalogue.load_catalogue", lambda *a, **k: CAT)
    args = parser.parse_args(["evaluate", str(small), "--format", "json"])
    assert args.func(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["micro"]["tp"] == 4 and data["items"] == 6
    args = parser.parse_args(["evaluate", str(small), "--quiet"])
    assert args.func(args) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.skipif(not LABELLED.exists(), reason="labelled development set not present")
def test_f1_on_the_labelled_set_stays_at_the_level_reached():
    from codecheck.catalogue import load_catalogue

    result = evaluate(LABELLED, catalogue=load_catalogue())
    assert result.micro.f1 >= FLOOR_OVERALL, result.format_text()
    for lang in ("en", "nl", "fr"):
        assert result.language_micro(lang).f1 >= FLOOR_LANGUAGE, (lang, result.format_text())
    assert len(result.flagged_negatives) <= MAX_FLAGGED_NEGATIVES, result.format_text()


@pytest.mark.skipif(not HOLDOUT.exists(), reason="held-out set not present")
def test_f1_on_the_holdout_set_stays_at_the_level_reached():
    from codecheck.catalogue import load_catalogue

    result = evaluate(HOLDOUT, catalogue=load_catalogue())
    assert result.micro.f1 >= HOLDOUT_FLOOR_OVERALL, result.format_text()
    assert result.micro.precision >= HOLDOUT_FLOOR_PRECISION, result.format_text()
    for lang in ("en", "nl", "fr"):
        assert result.language_micro(lang).f1 >= HOLDOUT_FLOOR_LANGUAGE, (lang, result.format_text())
    assert not result.flagged_negatives, result.format_text()


def test_the_package_evaluate_stays_a_function_after_its_first_call(tmp_path):
    """`codecheck.matching.evaluate` is the function, also once the submodule of the same name
    has been imported (it used to become the module after its first call: the second call
    then raised "'module' object is not callable"). A fresh interpreter, as a notebook is."""
    import subprocess
    import sys

    path = tmp_path / "labelled-two.yaml"
    path.write_text(
        "items:\n"
        "- {id: a, lang: en, kind: positive, themes: [grievance-mechanism], text: 'The company runs a grievance mechanism for workers.'}\n"
        "- {id: b, lang: en, kind: generic, themes: [], text: 'The board meets six times a year.'}\n",
        encoding="utf-8",
    )
    code = (
        "import codecheck.matching as m, codecheck.matching.evaluate\n"
        f"first = m.evaluate({str(path)!r}).micro\n"
        f"second = m.evaluate({str(path)!r}).micro\n"
        "assert callable(m.evaluate) and first == second, (first, second)\n"
        "print(first.tp)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "1"
