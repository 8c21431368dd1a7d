"""tools/agreement.py: how far two labellers agree, and the second labellings it reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import agreement  # noqa: E402
from codecheck.matching.evaluate import read_labelled  # noqa: E402


def test_f1_counts_shared_themes_symmetrically():
    a = {"1": frozenset({"reporting", "value-chain"}), "2": frozenset(), "3": frozenset({"monitoring"})}
    b = {"1": frozenset({"reporting"}), "2": frozenset({"monitoring"}), "3": frozenset({"monitoring"})}
    # both: reporting on 1, monitoring on 3; a only: value-chain on 1; b only: monitoring on 2
    assert agreement.counts(a, b) == (2, 1, 1)
    assert agreement.f1(a, b) == pytest.approx(4 / 6)
    assert agreement.f1(b, a) == agreement.f1(a, b)
    assert agreement.f1(a, a) == 1.0
    assert agreement.f1(a, b, "value-chain") == 0.0
    assert agreement.f1(a, b, "climate-transition") is None  # nobody used it
    assert agreement.exact(a, b) == pytest.approx(1 / 3)


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "second.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, message",
    [
        ("items:\n  - {id: a, themes: []}\n", "ids differ"),
        ("items:\n  - {id: a, themes: []}\n  - {id: a, themes: []}\n  - {id: b, themes: []}\n", "twice"),
        ("items:\n  - {id: a, themes: [human-rights]}\n  - {id: b, themes: []}\n", "unknown theme"),
        ("- a\n- b\n", "no 'items'"),
    ],
)
def test_a_second_labelling_that_does_not_fit_its_set_is_refused(tmp_path, text, message):
    with pytest.raises(agreement.LabelError, match=message):
        agreement.read_labels(write(tmp_path, text), ["a", "b"])


def test_every_second_labelling_covers_its_set_and_mostly_agrees_with_the_writer():
    names = agreement.relabelled_sets()
    assert len(names) >= 4
    for name in names:
        items = read_labelled(agreement.DATA / f"{name}.yaml")
        second = agreement.read_labels(agreement.AGREEMENT / f"{name}.second.yaml", [i["id"] for i in items])
        writer = {i["id"]: frozenset(i["themes"]) for i in items}
        # two people reading the same guide (README, "Accuracy": 0.954-0.990 when recorded);
        # a lower figure means a set's labels or its second labelling changed
        assert agreement.f1(writer, second) >= 0.95, name


def test_the_tool_prints_a_row_per_relabelled_set(capsys):
    assert agreement.main([]) == 0
    out = capsys.readouterr().out
    for name in agreement.relabelled_sets():
        assert name in out
    assert out.splitlines()[-1].startswith("all")
