"""With `--learned-check`, the learned reader sets aside evidence of themes it reads as absent
(`learned.set_aside`): its fast scorer agrees with the reference, the rule is the one
documented, nothing is lost from the report, and without the option everything counts."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

pytest.importorskip("spacy")

from codecheck.matching import assess, learned
from codecheck.matching.evaluate import read_labelled
from codecheck.matching.nlp import DOCS
from codecheck.model import Catalogue, Citation, Code, CoverageLevel, Element, Provision, Requirement
from test_matching_learned import DATA


def _docs(lang, texts):
    return DOCS.docs(lang, texts)


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_the_fast_scorer_gives_the_reference_probabilities(lang):
    texts = [i["text"] for name in ("labelled-blind-37.yaml", "labelled-blind-20.yaml")
             for i in read_labelled(DATA / name) if i["lang"] == lang]
    texts += [texts[0], "Board.", "x y", ""]  # a repeat, one known word, nothing it knows, nothing at all
    docs = _docs(lang, texts)
    s = learned.Scorer(lang, learned.Scorer.build(lang, learned.load_model()))
    fast = s.matrix(texts, docs)
    reference = np.array([[learned.probabilities(lang, d)[t] for t in s.themes] for d in docs])
    assert fast.shape == (len(texts), len(s.themes))
    assert np.abs(fast - reference).max() < 1e-9
    assert np.abs(s.matrix(texts[3:4], docs[3:4]) - reference[3:4]).max() < 1e-9  # from the memo
    assert s.matrix([], []).shape == (0, len(s.themes))


def _reference_doubts(lang, doc, model):
    """The documented rule, computed from the model file's words: below DOUBT, at least
    AGAINST under the bias (within TIE), at least KNOWN of the provision's features weighed, at
    most LONGEST words, and at least FAMILIAR of its pairs of words known."""
    fs = learned.features(lang, doc)
    words = len(learned.feature_words(doc))
    familiar = learned.familiarity(lang, doc, model) >= learned.FAMILIAR - learned.TIE
    out = {}
    for theme, part in model["themes"].items():
        present = [part["weights"][f] for f in fs if f in part["weights"]]
        z = part["bias"] + sum(present)
        out[theme] = (1 / (1 + math.exp(-z)) < learned.DOUBT and z - part["bias"] < -learned.AGAINST + learned.TIE
                      and len(present) >= learned.KNOWN and words <= learned.LONGEST and familiar)
    return out


def test_the_scorer_reads_a_theme_as_absent_by_the_documented_rule():
    model = learned.load_model()
    texts = [i["text"] for i in read_labelled(DATA / "labelled-blind-38.yaml") if i["lang"] == "en"]
    texts.append("The company shall apply due diligence.")  # too few words it knows to judge
    texts.append(" ".join(t for t in texts[:8]))  # longer than anything it learned from
    docs = _docs("en", texts)
    s = learned.Scorer("en", learned.Scorer.build("en", model))
    doubts = s.doubts(texts, docs)
    reference = [_reference_doubts("en", d, model) for d in docs]
    assert [[ref[t] for t in s.themes] for ref in reference] == doubts.tolist()
    assert doubts.any() and not doubts.all()
    assert not doubts[-2].any() and not doubts[-1].any()
    assert len(learned.feature_words(docs[-1])) > learned.LONGEST
    # the familiarity gate takes part: some provision the reader would doubt without it is left alone
    unfamiliar = [learned.familiarity("en", d, model) < learned.FAMILIAR for d in docs[:-2]]
    assert any(unfamiliar) and not all(unfamiliar)


# a made-up reader and catalogue, so that the rule is tested apart from what the bundled
# model happens to have learned
WORDS = ["acquisition", "target", "price", "vendor", "closing", "lawyer", "warranty", "escrow",
         "share", "purchase", "deal", "seller"]
TOY_MODEL = {
    "themes": {
        "due-diligence": {"bias": -1.0, "weights": {f"en:{w}": -3.0 for w in WORDS}},
        "value-chain": {"bias": -1.0, "weights": {"en:supplier": 3.0}},
    },
}


@pytest.fixture()
def toy_reader(monkeypatch):
    scorer = learned.Scorer("en", learned.Scorer.build("en", TOY_MODEL))
    monkeypatch.setattr(learned, "scorer", lambda lang: scorer)
    monkeypatch.setattr(learned, "FAMILIAR", 0.0)  # the toy knows no pair of words: it judges anything
    return scorer


def _req(rid, themes, terms, elements=()):
    return Requirement(
        id=rid, instrument="T", title=rid, citation=Citation("T", "1", "1"), summary="",
        addressee="company", obligation="process", legal_status={}, themes=themes, weight=1,
        elements=elements, terms={"en": terms},
    )


CATALOGUE = Catalogue(instruments=(), requirements=(
    _req("DD", ("due-diligence",), ["due diligence"],
         elements=(Element("partners", "Business partners", "value-chain", {"en": ["supplier"]}),)),
))
DEAL = ("Before the acquisition of the target the buyer and its lawyer checked the price, the vendor "
        "warranty, the escrow, the share purchase, the closing of the deal and the seller: due diligence.")


def _code(*texts):
    provisions = tuple(Provision(id=str(n), kind="provision", text=t) for n, t in enumerate(texts, 1))
    return Code("c", "C", "1", "en", "file", "c.md", provisions=provisions)


def test_evidence_of_a_theme_read_as_absent_is_set_aside_and_listed(toy_reader):
    code = _code(DEAL)
    lexical = assess([code], CATALOGUE)[("DD", "c")]
    learned_ = assess([code], CATALOGUE, learned_check=True)[("DD", "c")]
    assert lexical.level is CoverageLevel.PARTIAL and lexical.evidence
    assert learned_.level is CoverageLevel.NONE and not learned_.evidence
    assert [a.evidence for a in learned_.set_aside] == list(lexical.evidence)  # nothing lost
    assert all(a.probability < learned.DOUBT for a in learned_.set_aside)


def test_a_provision_the_reader_cannot_read_keeps_its_evidence(toy_reader):
    # fewer than KNOWN of the reader's words: it has no say
    short = "Before the acquisition the buyer checked the price: due diligence."
    cov = assess([_code(short)], CATALOGUE, learned_check=True)[("DD", "c")]
    assert cov.evidence and not cov.set_aside


def test_a_provision_longer_than_anything_the_reader_learned_from_keeps_its_evidence(toy_reader):
    long = " ".join([DEAL] * 8)  # the same doubted words, but some 280 words long
    cov = assess([_code(long)], CATALOGUE, learned_check=True)[("DD", "c")]
    assert cov.evidence and not cov.set_aside


def test_familiarity_is_the_share_of_pairs_of_words_the_reader_knows():
    model = {"themes": {"value-chain": {"bias": 0.0, "weights": {"en:walrus_ivory": 1.0, "en:ivory": 2.0}}}}
    doc = _docs("en", ["Walrus ivory carvers sell."])[0]  # pairs: walrus ivory (known), ivory carver, carver sell
    assert learned.familiarity("en", doc, model) == pytest.approx(1 / 3)
    assert learned.familiarity("en", _docs("en", ["Walrus."])[0], model) == 0.0  # no pair at all
    assert learned.familiarity("nl", _docs("nl", ["Walrus ivory carvers sell."])[0], model) == 0.0  # another language


def test_the_reader_leaves_alone_a_provision_worded_unlike_what_it_learned_from(toy_reader, monkeypatch):
    # the toy reader knows single words only, none of the pairs: under FAMILIAR it has no say
    monkeypatch.setattr(learned, "FAMILIAR", 0.25)
    cov = assess([_code(DEAL)], CATALOGUE, learned_check=True)[("DD", "c")]
    assert cov.evidence and not cov.set_aside
    doc = _docs("en", [SUPPLIER])[0]
    assert not learned.hints_for("en", doc, TOY_MODEL)
    monkeypatch.setattr(learned, "FAMILIAR", 0.0)
    assert [h.theme for h in learned.hints_for("en", doc, TOY_MODEL)] == ["value-chain"]


def test_elements_go_with_their_core_and_stay_where_the_core_stays(toy_reader):
    # the element (value chain) is not doubted, but it counts only beside its core concept
    with_supplier = DEAL.replace("the seller", "the seller and every supplier")
    cov = assess([_code(with_supplier)], CATALOGUE, learned_check=True)[("DD", "c")]
    assert cov.level is CoverageLevel.NONE
    assert {a.evidence.element for a in cov.set_aside} == {None, "partners"}
    # where the reader has no doubt, core and element both count
    plain = "Each supplier must carry out due diligence on its own operations and those of its suppliers."
    cov = assess([_code(plain)], CATALOGUE, learned_check=True)[("DD", "c")]
    assert {e.element for e in cov.evidence} == {None, "partners"} and not cov.set_aside


def test_with_the_bundled_reader_a_short_noisy_line_keeps_its_evidence():
    from codecheck.catalogue import load_catalogue
    from codecheck.matching import provision_themes

    code = _code("La société établit un devoir de vigillance.")
    code = Code("c", "C", "1", "fr", "file", "c.md", provisions=code.provisions)
    themes = provision_themes(assess([code], load_catalogue(), learned_check=True), "c")
    assert "due-diligence" in themes.get("1", set())


def test_the_report_lists_what_was_set_aside_and_without_the_check_it_counts(toy_reader, tmp_path):
    import codecheck
    from codecheck.report.schema import report_problems

    code = _code(DEAL)
    stamp = "2026-01-01T00:00:00+00:00"
    learned_ = codecheck.analyse([code], catalogue=CATALOGUE, generated_at=stamp, learned_check=True)
    lexical = codecheck.analyse([code], catalogue=CATALOGUE, generated_at=stamp)
    data, plain = learned_.to_dict(), lexical.to_dict()
    assert data["inputs"]["learned_check"] == {"set_aside_below": learned.DOUBT, "vouched_above": learned.VOUCH_ABOVE,
                                               "familiar_at_least": learned.FAMILIAR}
    assert plain["inputs"]["learned_check"] is None
    [cov] = data["requirements"][0]["coverage"]
    [lex] = plain["requirements"][0]["coverage"]
    assert cov["level"] == "none" and lex["level"] == "partial"
    assert [{k: v for k, v in a.items() if k != "probability"} for a in cov["set_aside"]] == lex["evidence"]
    assert "set_aside" not in lex
    assert not report_problems(data) and not report_problems(plain)
    assert "Set aside by the learned reader" in learned_.to_html()
    assert "Set aside by the learned reader" not in lexical.to_html()
    assert "set aside by the learned reader" in learned_.to_markdown()
    import csv
    import io

    [row] = list(csv.DictReader(io.StringIO(learned_.to_csv())))
    [lex_row] = list(csv.DictReader(io.StringIO(lexical.to_csv())))
    assert (row["evidence_provisions"], row["set_aside_provisions"]) == ("", "1")
    assert (lex_row["evidence_provisions"], lex_row["set_aside_provisions"]) == ("1", "")


def test_the_cli_flags(tmp_path, capsys):
    from codecheck.cli import main

    path = tmp_path / "code.md"
    path.write_text("# Code\n\n## Principle 1 Due diligence\n\n1.1 " + DEAL + "\n", encoding="utf8")
    assert main(["report", "--code", str(path), "--out", str(tmp_path / "a"), "--learned-check", "-q"]) == 0
    assert main(["report", "--code", str(path), "--out", str(tmp_path / "b"), "-q"]) == 0
    a = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf8"))
    b = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf8"))
    assert a["inputs"]["learned_check"] and b["inputs"]["learned_check"] is None
    labelled = tmp_path / "l.yaml"
    labelled.write_text(json.dumps({"items": [{"id": "a", "lang": "en", "text": DEAL, "themes": []}]}),
                        encoding="utf8")
    capsys.readouterr()
    assert main(["evaluate", str(labelled), "--learned-check"]) == 0
    assert "set aside by the learned reader" in capsys.readouterr().out
    assert main(["evaluate", str(labelled)]) == 0
    assert "set aside" not in capsys.readouterr().out
    assert main(["evaluate", str(labelled), "--format", "json", "--learned-check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["set_aside"]) == {"themes", "in_labels", "trained_on_this_file"}
    assert main(["evaluate", str(labelled), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["set_aside"] is None


def test_the_scorer_arrays_are_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(tmp_path))
    learned.scorer.cache_clear()
    try:
        first = learned.scorer("nl")
        [stored] = (tmp_path / "learned").glob("nl-*.npz")
        learned.scorer.cache_clear()
        again = learned.scorer("nl")
        text = ["De leveranciers moeten een klachtenregeling voor hun arbeiders inrichten."]
        assert np.array_equal(first.matrix(text, _docs("nl", text)), again.matrix(text, _docs("nl", text)))
        stored.write_bytes(b"not an npz")
        learned.scorer.cache_clear()
        rebuilt = learned.scorer("nl")
        assert np.array_equal(rebuilt.matrix(text, _docs("nl", text)), first.matrix(text, _docs("nl", text)))
    finally:
        learned.scorer.cache_clear()


def test_without_the_model_the_check_says_so_and_the_plain_report_still_runs(tmp_path, monkeypatch, capsys):
    from codecheck.cli import main

    path = tmp_path / "code.md"
    path.write_text("# Code\n\n## Principle 1 Due diligence\n\n1.1 The company carries out human rights due "
                    "diligence across its supply chain and reports on it every year.\n", encoding="utf8")
    monkeypatch.setattr(learned, "MODEL_PATH", tmp_path / "gone.json")
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(tmp_path / "cache"))
    for cached in (learned._model_key, learned.scorer, learned.load_model):
        cached.cache_clear()
    try:
        assert main(["report", "--code", str(path), "--out", str(tmp_path / "a"), "--learned-check", "-q"]) == 2
        err = capsys.readouterr().err
        assert "E056" in err and "reinstall" in err
        assert not (tmp_path / "a").exists()
        assert main(["report", "--code", str(path), "--out", str(tmp_path / "b"), "-q"]) == 0
    finally:
        for cached in (learned._model_key, learned.scorer, learned.load_model):
            cached.cache_clear()


def test_no_hints_on_a_provision_longer_than_the_reader_can_judge():
    import codecheck

    line = ("The board approves the framework for risk management and internal control and reviews it "
            "every year. The company publishes each year how many of the complaints it received were settled. ")
    short = Code("s", "S", "1", "en", "file", "s.md", provisions=(Provision(id="1", kind="provision", text=line),))
    long = Code("l", "L", "1", "en", "file", "l.md",
                provisions=(Provision(id="1", kind="provision", text=line * 12),))
    report = codecheck.analyse([short, long], hints=True, generated_at="2026-01-01T00:00:00+00:00")
    assert report.hints["s"] and not report.hints["l"]


# --------------------------------------------------------------------------- vouching
# the toy reader gives the value chain 0.88 where "supplier" is written (bias -1, weight 3)
# and due diligence 0.27 or less anywhere: above and below VOUCH_ABOVE

VC_CATALOGUE = Catalogue(instruments=(), requirements=(
    _req("VC", ("value-chain",), ["supply chain + human rights"],
         elements=(Element("partners", "Business partners", "value-chain", {"en": ["supplier"]}),)),
    _req("DD", ("due-diligence",), ["due diligence"],
         elements=(Element("partners", "Business partners", "value-chain", {"en": ["supplier"]}),)),
))
SUPPLIER = "Every new supplier signs the purchasing terms before its first order is placed."


def test_a_held_back_hit_counts_where_the_reader_vouches_for_it(toy_reader):
    # the element alone is held back by the gate (no core concept of VC in the provision)
    lexical = assess([_code(SUPPLIER)], VC_CATALOGUE)
    assert lexical[("VC", "c")].level is CoverageLevel.NONE and not lexical[("VC", "c")].vouched
    checked = assess([_code(SUPPLIER)], VC_CATALOGUE, learned_check=True)
    cov = checked[("VC", "c")]
    assert cov.level is CoverageLevel.PARTIAL  # the element's terms stand for the core concept
    [v] = cov.vouched
    assert v.evidence in cov.evidence and v.evidence.terms == ("supplier",) and v.evidence.element is None
    assert v.probability > learned.VOUCH_ABOVE
    # DD's element is the same hit, but the reader does not vouch for due diligence
    assert checked[("DD", "c")].level is CoverageLevel.NONE and not checked[("DD", "c")].vouched


def test_the_reader_vouches_only_above_its_bar(toy_reader, monkeypatch):
    monkeypatch.setattr(learned, "VOUCH_ABOVE", 0.95)
    toy_reader.clear()
    cov = assess([_code(SUPPLIER)], VC_CATALOGUE, learned_check=True)[("VC", "c")]
    assert cov.level is CoverageLevel.NONE and not cov.vouched


def test_the_report_marks_what_the_reader_vouched_for(toy_reader):
    import codecheck
    from codecheck.report.schema import report_problems

    code = _code(SUPPLIER)
    stamp = "2026-01-01T00:00:00+00:00"
    checked = codecheck.analyse([code], catalogue=VC_CATALOGUE, generated_at=stamp, learned_check=True)
    plain = codecheck.analyse([code], catalogue=VC_CATALOGUE, generated_at=stamp)
    data = checked.to_dict()
    [cov] = [c for r in data["requirements"] if r["id"] == "VC" for c in r["coverage"]]
    assert [{k: v for k, v in e.items() if k != "probability"} for e in cov["vouched"]] == cov["evidence"]
    assert not report_problems(data) and not report_problems(plain.to_dict())
    assert "Counted on the learned reader's word" in checked.to_html()
    assert "Counted on the learned reader's word" not in plain.to_html()
    assert "counted on the learned reader's word" in checked.to_markdown()
    import csv
    import io

    rows = {r["requirement"]: r for r in csv.DictReader(io.StringIO(checked.to_csv()))}
    assert (rows["VC"]["evidence_provisions"], rows["VC"]["vouched_provisions"]) == ("1", "1")
    assert rows["DD"]["vouched_provisions"] == ""


def test_evaluate_says_how_many_items_the_reader_judges(tmp_path):
    import yaml

    from codecheck.matching.evaluate import evaluate

    familiar = next(i for i in read_labelled(DATA / "labelled-blind-37.yaml")
                    if learned.readable(i["lang"], _docs(i["lang"], [i["text"]])[0]))
    unfamiliar = "Zorbic flanges quiver beneath ambrous tellurine spindles whenever crodish vanes alight."
    items = [
        {"id": "a", "lang": familiar["lang"], "text": familiar["text"], "themes": [], "kind": "generic"},
        {"id": "b", "lang": "en", "text": unfamiliar, "themes": [], "kind": "generic"},
        {"id": "c", "lang": familiar["lang"], "text": " ".join([familiar["text"]] * 12), "themes": [], "kind": "generic"},
    ]
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump({"items": items}), encoding="utf8")
    result = evaluate(path)
    assert [i.judged for i in result.items] == [True, False, False]
    assert result.to_dict()["learned_reader_judges"] == 1
    assert "the learned reader judges 1 of 3 items" in result.format_text()
