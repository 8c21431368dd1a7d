"""`evaluate` on labels of a document it does not contain (`source:`): the text is read from
the user's copy at run time, so no text of an official code is copied into the labels."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

from codecheck.errors import UsageError
from codecheck.matching.evaluate import evaluate, read_labelled

CODE = """# A small code

## Principle 1 Due diligence

1.1 The company carries out human rights due diligence across its supply chain and publishes its findings every year.

1.2 The board approves the annual accounts.
"""


def _files(tmp_path, labels: str) -> Path:
    (tmp_path / "code.md").write_text(CODE, encoding="utf8")
    path = tmp_path / "labels.yaml"
    path.write_text(labels, encoding="utf8")
    return path


def test_items_take_their_text_and_language_from_the_source(tmp_path):
    path = _files(tmp_path, "source: code.md\nitems:\n  - {id: '1.1', themes: [due-diligence, value-chain, reporting]}\n"
                            "  - {id: '1.2', themes: []}\n")
    items = read_labelled(path)
    assert [i["id"] for i in items] == ["1.1", "1.2"]
    assert items[0]["text"].startswith("The company carries out human rights due diligence")
    assert {i["lang"] for i in items} == {"en"}
    result = evaluate(path)
    assert "due-diligence" in result.items[0].predicted
    assert not result.items[1].predicted and result.items[1].kind == "generic"


@pytest.mark.parametrize("labels, words", [
    ("source: gone.md\nitems:\n  - {id: '1.1', themes: []}\n", "not there"),
    ("source: code.md\nitems:\n  - {id: '9.9', themes: []}\n", "no provision of code.md"),
    ("source: empty.md\nitems:\n  - {id: '1.1', themes: []}\n", "cannot be read"),
])
def test_a_source_that_does_not_fit_is_a_clear_error(tmp_path, labels, words):
    (tmp_path / "empty.md").write_text("", encoding="utf8")
    with pytest.raises(UsageError) as err:
        read_labelled(_files(tmp_path, labels))
    assert err.value.code == "E058" and words in str(err.value)


REAL = Path(__file__).parent / "data" / "real"
ESRS = REAL.parent.parent.parent.parent / "shared" / "real" / "esrs-2023-2772-en.md"


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_a_labelled_sample_of_real_esrs_text():
    """180 paragraphs of the real ESRS, labelled by two people from the guide (README,
    "Accuracy"): what the matcher and the learned check score there, kept from falling,
    and how far the two labellers agree."""
    import sys

    sys.path.insert(0, str(REAL.parent.parent.parent / "tools"))
    from agreement import f1

    first = {i["id"]: frozenset(i["themes"]) for i in read_labelled(REAL / "esrs-2023-2772-en.labels.yaml")}
    second = {i["id"]: frozenset(i["themes"]) for i in read_labelled(REAL / "esrs-2023-2772-en.second.yaml")}
    assert len(first) == 180 and set(first) == set(second)
    assert f1(first, second) >= 0.90
    lexical = evaluate(REAL / "esrs-2023-2772-en.labels.yaml")
    checked = evaluate(REAL / "esrs-2023-2772-en.labels.yaml", learned_check=True)
    assert lexical.micro.f1 >= 0.61 and lexical.micro.precision >= 0.72
    assert checked.micro.f1 >= 0.59
