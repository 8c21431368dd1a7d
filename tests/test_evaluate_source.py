"""`evaluate` on labels of a document it does not contain (`source:`): the text is read from
the user's copy at run time, so no text of an official code is copied into the labels."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

from codecheck.errors import UsageError
from codecheck.matching.evaluate import evaluate, read_labelled
from codecheck.matching.measured import stated_figures

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


def test_source_option_reads_a_copy_kept_elsewhere(tmp_path, monkeypatch, capsys):
    """`evaluate --source PATH` (library: `source=`) names the document for labels by id,
    relative to the working directory, whatever the file's own `source:` says."""
    import json

    from codecheck.cli import main

    elsewhere = tmp_path / "copies"
    elsewhere.mkdir()
    (elsewhere / "my-code.md").write_text(CODE, encoding="utf8")
    labels = tmp_path / "labels.yaml"
    labels.write_text("source: not-here.md\nitems:\n  - {id: '1.1', themes: [due-diligence]}\n", encoding="utf8")
    with pytest.raises(UsageError) as err:
        read_labelled(labels)  # the file's own source is missing
    assert "--source" in str(err.value)  # the message says how to point at a copy elsewhere
    with pytest.raises(UsageError) as err:
        read_labelled(labels, source=tmp_path / "gone.md")
    assert err.value.code == "E058" and "give --source the path of your copy" in str(err.value)
    monkeypatch.chdir(elsewhere)
    items = read_labelled(labels, source="my-code.md")
    assert items[0]["text"].startswith("The company carries out human rights due diligence")
    assert "due-diligence" in evaluate(labels, source="my-code.md").items[0].predicted
    assert main(["evaluate", str(labels), "--source", "my-code.md", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["micro"]["tp"] == 1


def test_source_option_is_refused_for_labels_that_carry_their_text(tmp_path, capsys):
    from codecheck.cli import main

    labels = tmp_path / "labels.yaml"
    labels.write_text("items:\n  - {id: a, lang: en, text: 'The board meets.', themes: []}\n", encoding="utf8")
    (tmp_path / "code.md").write_text(CODE, encoding="utf8")
    with pytest.raises(UsageError) as err:
        read_labelled(labels, source=tmp_path / "code.md")
    assert err.value.code == "E058" and "carries its own texts" in str(err.value)
    assert main(["evaluate", str(labels), "--source", str(tmp_path / "code.md")]) == 2
    assert "E058" in capsys.readouterr().err


REAL = Path(__file__).parent / "data" / "real"
# the official-text figures every report states (`codecheck/matching/accuracy.yaml`), checked
# below against what the matcher gives today
STATED = {name: f1 for name, f1 in stated_figures().items() if name.startswith("real/")}
CHECKED_HERE = {"real/esrs-2023-2772-en.sample3.labels.yaml", "real/esrs-2023-2772-en.sample4.labels.yaml",
                "real/esrs-2023-2772-en.sample5.labels.yaml",
                "real/csrd-2022-2464-en.recitals.labels.yaml", "real/csrd-2022-2464-nl.recitals.labels.yaml"}


def _as_stated(path: Path, f1: float) -> None:
    name = f"real/{path.name}"
    if name in STATED:
        assert round(f1, 3) == STATED[name], f"{name}: update codecheck/matching/accuracy.yaml"
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
    # read in round 13 (eighth session): development data since, its floor just under the level
    # (0.656 -> 0.707 in round 23, the twentieth session; 0.736 in round 24)
    assert lexical.micro.f1 >= 0.73 and lexical.micro.precision >= 0.80
    assert checked.micro.f1 >= 0.72


def _agreement(first_path, second_path):
    import sys

    sys.path.insert(0, str(REAL.parent.parent.parent / "tools"))
    from agreement import f1

    import yaml

    def labels(path):  # ids and themes only: the texts are not needed to compare two labellings
        return {str(i["id"]): frozenset(i["themes"]) for i in yaml.safe_load(path.read_text(encoding="utf8"))["items"]}

    first, second = labels(first_path), labels(second_path)
    assert set(first) == set(second)
    return len(first), f1(first, second)


def _ids_in(*sets) -> set:
    """The paragraph ids of ESRS label files, each a path or the name between
    "esrs-2023-2772-en." and ".yaml"."""
    ids = set()
    for name in sets:
        path = name if isinstance(name, Path) else REAL / f"esrs-2023-2772-en.{name}.yaml"
        ids |= {i["id"] for i in read_labelled(path)}
    return ids


def _judge_against_each_labeller(paths, f1_floor: float, precision_floor: float) -> None:
    """An ESRS sample against each of its labellers: the matcher's floors, the figure every
    report states (for the unread ones), and at most 0.04 of F1 lost to the learned check."""
    for path in paths:
        result = evaluate(path)
        assert result.micro.f1 >= f1_floor and result.micro.precision >= precision_floor, path.name
        _as_stated(path, result.micro.f1)
        checked = evaluate(path, learned_check=True)
        assert checked.micro.f1 >= result.micro.f1 - 0.04, path.name


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_a_second_sample_of_real_esrs_text():
    """180 other ESRS paragraphs, labelled by two more people: the judge of rounds 13 to 23,
    read in round 24 (development data since), kept from falling (README, "Accuracy")."""
    first, second = REAL / "esrs-2023-2772-en.sample2.labels.yaml", REAL / "esrs-2023-2772-en.sample2.second.yaml"
    n, agreement = _agreement(first, second)
    assert n == 180 and agreement >= 0.93
    assert not {i["id"] for i in read_labelled(first)} & {i["id"] for i in read_labelled(REAL / "esrs-2023-2772-en.labels.yaml")}
    # the learned check: 0.035 and 0.039 under the matcher when it judged every paragraph,
    # 0.019 and 0.019 since it leaves wording unlike the team's alone (round 22, FAMILIAR);
    # 0.029 and 0.028 since round 23 gave the matcher disclosure evidence the reader, which
    # never learned the ESRS's wording, sets partly aside (without the gate: 0.043 and 0.046);
    # 0.031 and 0.030 after round 24, which tuned on it (0.667 / 0.657 -> 0.718 / 0.701)
    _judge_against_each_labeller((first, second), f1_floor=0.70, precision_floor=0.77)


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_a_third_unread_sample_of_real_esrs_text():
    """180 more ESRS paragraphs, none of the other samples', labelled by two more people in the
    twentieth session after round 23 was tuned: the freshest judge of official text, kept
    from falling. Before round 23 (2334844) the matcher read 0.689 against either labeller."""
    first, second = REAL / "esrs-2023-2772-en.sample3.labels.yaml", REAL / "esrs-2023-2772-en.sample3.second.yaml"
    n, agreement = _agreement(first, second)
    assert n == 180 and agreement >= 0.95
    assert not _ids_in(first) & _ids_in("labels", "sample2.labels", "long.labels")
    # the learned check costs it 0.033 and 0.032 (0.036 and 0.040 without FAMILIAR); 0.035 and
    # 0.035 after round 24 (0.721 / 0.720 -> 0.730 / 0.729), whose climate, policy and
    # disclosure terms find wording the reader never learned
    _judge_against_each_labeller((first, second), f1_floor=0.72, precision_floor=0.77)


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_a_fourth_unread_sample_of_real_esrs_text():
    """180 more ESRS paragraphs, in none of the other samples, labelled by two more people in
    the twenty-first session before round 24 was tuned: with sample 3, the judge of official
    text, kept from falling. Before round 24 (539d002) the matcher read 0.656 / 0.661."""
    first, second = REAL / "esrs-2023-2772-en.sample4.labels.yaml", REAL / "esrs-2023-2772-en.sample4.second.yaml"
    n, agreement = _agreement(first, second)
    assert n == 180 and agreement >= 0.94
    assert not _ids_in(first) & _ids_in("labels", "sample2.labels", "sample3.labels", "long.labels")
    # the learned check costs it 0.021 and 0.023. Round 25's first rule (climate evidence
    # licenses no value-chain facet: 24 false themes fewer on the read sets, none true lost)
    # took 0.685 / 0.688 to 0.680 / 0.686: these labellers gave value-chain to some Scope 3
    # figures; round 25's terms left it there (precision 0.745 / 0.710), and its monitoring
    # fix took it to 0.681 / 0.688
    _judge_against_each_labeller((first, second), f1_floor=0.67, precision_floor=0.70)


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_a_fifth_unread_sample_of_real_esrs_text():
    """180 more ESRS paragraphs, in none of the other samples, labelled by two more people in
    the twenty-second session before round 25 was tuned: with samples 3 and 4, the judge of
    official text, kept from falling. Before round 25 (dd29d05) the matcher read 0.676 / 0.658."""
    first, second = REAL / "esrs-2023-2772-en.sample5.labels.yaml", REAL / "esrs-2023-2772-en.sample5.second.yaml"
    n, agreement = _agreement(first, second)
    assert n == 180 and agreement >= 0.93
    assert not _ids_in(first) & _ids_in("labels", "sample2.labels", "sample3.labels", "sample4.labels", "long.labels")
    # the learned check cost it 0.038 and 0.022 before round 25, 0.036 and 0.020 after it
    # (0.676 / 0.658 -> 0.680 / 0.663)
    _judge_against_each_labeller((first, second), f1_floor=0.66, precision_floor=0.75)


@pytest.mark.skipif(not ESRS.exists(), reason="../shared/real/esrs-2023-2772-en.md is absent")
def test_long_paragraphs_of_real_esrs_text():
    """70 ESRS paragraphs of 150-400 words, one labeller: development data of round 13 (long
    passages name many themes in passing); kept from falling."""
    path = REAL / "esrs-2023-2772-en.long.labels.yaml"
    result = evaluate(path)
    assert len(result.items) == 70 and all(len(i.text.split()) > 150 for i in result.items)
    assert result.micro.f1 >= 0.61 and result.micro.precision >= 0.56


CSRD = ESRS.parent


@pytest.mark.skipif(not (CSRD / "csrd-2022-2464-en.pdf").exists(), reason="../shared/real is absent")
def test_the_recitals_of_the_csrd_in_english_and_dutch(tmp_path):
    """The 84 recitals of the real CSRD, written from the user's copies by tools/recitals.py
    and labelled per language by two people: what the matcher scores on official text in
    Dutch and in English, kept from falling, and how far the two labellings agree."""
    import sys

    sys.path.insert(0, str(REAL.parent.parent.parent / "tools"))
    import recitals

    scores = {}
    for lang, copy in (("en", "csrd-2022-2464-en.pdf"), ("nl", "csrd-2022-2464-nl.txt")):
        corpus = tmp_path / f"recitals-{lang}.yaml"
        assert recitals.main([str(CSRD / copy), str(corpus), "--lang", lang]) == 0
        result = evaluate(REAL / f"csrd-2022-2464-{lang}.recitals.labels.yaml", source=corpus)
        assert len(result.items) == 84 and {i.lang for i in result.items} == {lang}
        scores[lang] = result.micro
        _as_stated(REAL / f"csrd-2022-2464-{lang}.recitals.labels.yaml", result.micro.f1)
    # round 14 (ninth session): English 0.614 -> 0.621 with one true theme fewer (recall 0.841 -> 0.830);
    # round 16 (eleventh session): 0.621 -> 0.623, again one true theme fewer (recall 0.818) and
    # four false ones fewer; the set is unread, so which theme is not looked at; round 25
    # (twenty-second session): 0.623 -> 0.629
    assert scores["en"].f1 >= 0.625 and scores["en"].recall >= 0.81
    # round 24: 0.635 -> 0.652 in Dutch (precision 0.517 -> 0.540) once "het Europees Parlement en
    # de Raad" in the citations of EU acts no longer reads as a board (context.INSTITUTIONS)
    assert scores["nl"].f1 >= 0.65 and scores["nl"].recall >= 0.81
    n, agreement = _agreement(REAL / "csrd-2022-2464-en.recitals.labels.yaml",
                              REAL / "csrd-2022-2464-nl.recitals.labels.yaml")
    assert n == 84 and agreement >= 0.93
