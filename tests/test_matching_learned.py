"""The learned second reader (`codecheck/matching/learned.py`): trained only on read sets,
deterministic, explained by its words, reported apart from the evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from codecheck.errors import UsageError
from codecheck.matching import learned
from codecheck.matching.evaluate import THEMES, evaluate

DATA = Path(__file__).parent / "data"


def unread_sets() -> set[str]:
    sys.path.insert(0, str(DATA.parent.parent / "tools"))
    from vocabulary import unread_sets as read

    return read()


def test_the_model_was_never_trained_on_a_set_that_judges_it():
    model = learned.load_model()
    trained = set(model["trained_on"]["sets"])
    assert trained and not trained & unread_sets()
    assert all((DATA / name).exists() for name in trained)
    assert set(model["themes"]) == set(THEMES)
    assert model["threshold"] == learned.THRESHOLD


def test_training_is_deterministic_and_learns_the_words_of_a_theme():
    fs = [{"en:grievance", "en:line"}, {"en:grievance", "en:worker"}, {"en:dividend", "en:line"},
          {"en:dividend", "en:auditor"}] * 3
    labels = [("grievance-mechanism",), ("grievance-mechanism",), (), ()] * 3
    a = learned.train(fs, labels, ("grievance-mechanism",))
    assert a == learned.train(fs, labels, ("grievance-mechanism",))
    weights = a["themes"]["grievance-mechanism"]["weights"]
    assert weights["en:grievance"] > 0 > weights["en:dividend"]


def _doc(lang: str, text: str):
    from codecheck.matching.nlp import DOCS

    return DOCS.docs(lang, [text])[0]


def test_hints_name_the_words_behind_them():
    hints = learned.hints_for("fr", _doc("fr", "Les riverains peuvent déposer une plainte auprès d'un "
                                               "médiateur indépendant."))
    grievance = [h for h in hints if h.theme == "grievance-mechanism"]
    assert grievance and 0.5 < grievance[0].probability <= 1
    assert "plainte" in grievance[0].words
    assert not learned.hints_for("en", _doc("en", "The board approved the dividend and the appointment of "
                                                  "the auditor."))


def test_a_missing_or_broken_model_is_a_clear_error(tmp_path):
    with pytest.raises(UsageError) as missing:
        learned.load_model(str(tmp_path / "none.json"))
    assert missing.value.code == "E056"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(UsageError) as bad:
        learned.load_model(str(broken))
    assert bad.value.code == "E057"
    broken.write_text(json.dumps({"themes": []}))
    with pytest.raises(UsageError):
        learned.load_model(str(broken))


def test_evaluate_reports_the_hints_apart_from_the_matcher(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "items:\n"
        "  - {id: a, lang: fr, text: \"Les riverains peuvent déposer une plainte auprès d'un médiateur "
        "indépendant.\", themes: [grievance-mechanism], kind: positive}\n"
        "  - {id: b, lang: en, text: \"The board approved the dividend.\", themes: [], kind: generic}\n",
        encoding="utf8")
    res = evaluate(path)
    assert not res.trained_on
    for item in res.items:
        assert not set(item.hinted) & set(item.predicted)  # a hint is only what the matcher did not find
    data = res.to_dict()
    assert data["with_learned_hints"]["trained_on_this_file"] is False
    assert data["with_learned_hints"]["micro"]["tp"] >= data["micro"]["tp"]
    assert "learned reader's hints" in res.format_text()


def test_on_a_training_set_the_hints_are_marked_as_no_measure():
    name = learned.load_model()["trained_on"]["sets"][0]
    res = evaluate(DATA / name)
    assert res.trained_on
    assert "no measure" in res.format_text()


MARKDOWN_CODE = """# A code whose words the learned reader weighs where the matcher finds nothing

## Principle 1 Oversight and reporting

1.1 The board approves the framework for risk management and internal control and reviews it every year.

1.2 The company publishes each year how many of the complaints it received were settled.
"""


def test_the_report_adds_hints_only_when_asked_and_apart_from_the_evidence(tmp_path):
    import codecheck

    path = tmp_path / "code.md"
    path.write_text(MARKDOWN_CODE, encoding="utf8")
    plain = codecheck.analyse([str(path)], generated_at="2026-01-01T00:00:00+00:00")
    hinted = codecheck.analyse([str(path)], generated_at="2026-01-01T00:00:00+00:00", hints=True)
    assert "learned_hints" not in plain.to_dict()
    data = hinted.to_dict()
    rows = data["learned_hints"]["codes"][plain.codes[0].id]
    assert rows and all(0.5 < r["probability"] <= 1 and r["words"] for r in rows)
    # hints change nothing else: levels, scores and burden are the same
    assert {k: v for k, v in data.items() if k != "learned_hints"} == plain.to_dict()
    # a hinted theme is one the matcher found no evidence of in that provision
    from codecheck.matching import provision_themes

    found = provision_themes(hinted.coverages, plain.codes[0].id)
    assert all(r["theme"] not in found.get(r["provision"], set()) for r in rows)
    from codecheck.report.schema import report_problems

    assert not report_problems(data)  # report.schema.json knows the optional block
    assert "Learned hints (not evidence)" in hinted.to_markdown()
    assert 'id="learned-hints"' in hinted.to_html() and 'id="learned-hints"' not in plain.to_html()
    bar = f"under {learned.FAMILIAR * 100:.0f} % of its pairs of words"  # the reader's familiarity bar, stated
    assert bar in hinted.to_markdown() and bar in hinted.to_html()


def test_the_cli_flag_writes_the_hints(tmp_path):
    import json

    from codecheck.cli import main

    path = tmp_path / "code.md"
    path.write_text(MARKDOWN_CODE, encoding="utf8")
    assert main(["report", "--code", str(path), "--out", str(tmp_path / "out"), "--learned-hints", "-q"]) == 0
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf8"))
    assert data["learned_hints"]["threshold"] == learned.THRESHOLD
    assert data["learned_hints"]["familiar_at_least"] == learned.FAMILIAR
    assert main(["report", "--code", str(path), "--out", str(tmp_path / "plain"), "-q"]) == 0
    assert "learned_hints" not in json.loads((tmp_path / "plain" / "report.json").read_text(encoding="utf8"))


def test_probabilities_do_not_depend_on_the_order_of_the_feature_set(monkeypatch):
    """A set's order changes with PYTHONHASHSEED; the probabilities (and so the hints at the
    threshold) must not. Features given in two orders give bit-identical probabilities."""
    from codecheck.matching import learned
    from codecheck.matching.nlp import pipeline

    model = learned.load_model()
    text = ("The board oversees human rights due diligence across the supply chain, consults "
            "affected workers and communities, tracks grievances and remediation, and reports "
            "each year on forced labour risks, living wages and the climate transition plan.")
    fs = sorted(learned.features("en", pipeline("en")(text)))
    plain_sums_differ = False
    got = []
    for order in (fs, fs[::-1], fs[1::2] + fs[::2]):
        monkeypatch.setattr(learned, "features", lambda lang, doc, order=order: order)
        got.append(learned.probabilities("en", None, model))
        for part in model["themes"].values():
            ws = [part["weights"][f] for f in order if f in part["weights"]]
            plain_sums_differ |= sum(ws) != sum(sorted(ws))
    assert got[0] == got[1] == got[2]
    assert plain_sums_differ  # the text is long enough for order to matter to a plain sum
