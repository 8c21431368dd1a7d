"""Every report states how accurate the matcher was measured to be (`matching/accuracy.yaml`),
and the figures it states are the ones `evaluate` gives today (README, "Accuracy")."""

from __future__ import annotations

from pathlib import Path

import yaml

from codecheck.matching.measured import ACCURACY_PATH, measured_accuracy, stated_figures

DATA = Path(__file__).parent / "data"
STATED = yaml.safe_load(ACCURACY_PATH.read_text(encoding="utf8"))


def test_each_stated_figure_is_checked_against_the_matcher():
    """test_evaluation_sets.py checks the team sets' figures, test_evaluate_source.py those of
    official text: a set stated here and checked by neither would go stale unnoticed."""
    from test_evaluate_source import CHECKED_HERE
    from test_evaluation_sets import FLOORS

    stated = set(stated_figures())
    assert {n for n in stated if not n.startswith("real/")} <= set(FLOORS)
    assert {n for n in stated if n.startswith("real/")} <= CHECKED_HERE


def test_only_text_nobody_tuned_on_is_stated():
    unread = {line.strip() for line in (DATA / "unread.txt").read_text(encoding="utf8").splitlines()
              if line.strip() and not line.startswith("#")}
    stated = set(stated_figures())
    assert stated <= unread


def test_the_report_states_them_and_says_when_another_catalogue_was_used():
    import codecheck
    from codecheck.catalogue import load_catalogue
    from codecheck.model import Code, Provision
    from codecheck.report.schema import report_problems

    code = Code("c", "C", "1", "en", "file", "c.md",
                provisions=(Provision(id="1", kind="provision", text="The board approves the dividend."),))
    report = codecheck.analyse([code], generated_at="2026-01-01T00:00:00+00:00")
    data = report.to_dict()
    assert data["matching_accuracy"] == measured_accuracy() and not report_problems(data)
    [(official, stated)] = [(t, s) for t, s in zip(data["matching_accuracy"]["texts"], STATED["texts"])
                            if s["sets"][0].startswith("real/")]
    assert (official["f1_min"], official["f1_max"]) == (min(stated["f1"]), max(stated["f1"]))
    note = f"{official['f1_min']:.2f}–{official['f1_max']:.2f} on official EU text"
    assert note in report.to_markdown() and note in report.to_html()
    assert "another catalogue" not in report.to_markdown()
    bundled = load_catalogue()
    one = type(bundled)(instruments=bundled.instruments, requirements=bundled.requirements[:3], source="mine.yaml")
    other = codecheck.analyse([code], catalogue=one, generated_at="2026-01-01T00:00:00+00:00")
    assert "This report used another catalogue (mine.yaml)" in other.to_markdown()
