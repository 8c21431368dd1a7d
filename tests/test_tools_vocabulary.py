"""tools/vocabulary.py: overlays applied in memory equal the rule files after a merge,
unread sets stay unread, malformed overlays are refused."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import vocabulary  # noqa: E402
from codecheck.catalogue import load_catalogue  # noqa: E402

OVERLAY = [
    # a new alternative on the short side of a core term
    {"requirement": "CSDDD-10", "element": None, "lang": "en", "match": "employer pays principle",
     "side": 0, "add": ["employer-pays rule"]},
    # a new term in an element
    {"requirement": "CSDDD-10", "element": "action-plan", "lang": "nl", "add_term": "stappenplan + mensenrechten"},
    # a false friend
    {"requirement": "CSDDD-10", "lang": "fr", "add_exclude": "plan d'action commercial"},
]


@pytest.fixture()
def rules(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def test_merge_writes_what_the_overlay_gives_in_memory(rules):
    expected = vocabulary.apply(load_catalogue(rules), OVERLAY)
    assert vocabulary.merge(OVERLAY, rules) == []
    got = {r.id: r for r in load_catalogue(rules).requirements}
    want = {r.id: r for r in expected.requirements}
    req = got["CSDDD-10"]
    assert "employer pays principle | employer-pays rule" in req.terms["en"]
    assert "stappenplan + mensenrechten" in next(e for e in req.elements if e.id == "action-plan").terms["nl"]
    assert "plan d'action commercial" in req.exclude["fr"]
    def shape(r):
        return dict(r.terms), [(e.id, dict(e.terms)) for e in r.elements], dict(r.exclude)

    assert shape(got["CSDDD-10"]) == shape(want["CSDDD-10"])
    # nothing else moved
    before = {r.id: r for r in load_catalogue(ROOT / "rules").requirements}
    assert [i for i in got if i != "CSDDD-10" and shape(got[i]) != shape(before[i])] == []


def test_an_ambiguous_or_unknown_match_is_refused():
    cat = load_catalogue()
    with pytest.raises(vocabulary.OverlayError, match="not one"):
        vocabulary.apply(cat, [{"requirement": "CSDDD-10", "lang": "en", "match": "+", "add": ["x"]}])
    with pytest.raises(vocabulary.OverlayError, match="unknown requirement"):
        vocabulary.apply(cat, [{"requirement": "NOPE", "lang": "en", "add_term": "x"}])


def test_a_malformed_overlay_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([{"requirement": "CSDDD-10", "lang": "en"}]), encoding="utf-8")
    with pytest.raises(vocabulary.OverlayError, match="one of"):
        vocabulary.read_overlays([bad])
    assert vocabulary.main(["eval", str(bad)]) == 2


def test_combinations_grow_by_the_partner_side(rules):
    before = vocabulary.combinations(load_catalogue())
    term = next(t for t in load_catalogue().requirements[0].terms["en"] if " + " in t)
    partners = len(term.split(" + ")[1].split("|"))
    entry = {"requirement": load_catalogue().requirements[0].id, "lang": "en", "match": term,
             "side": 0, "add": ["zzqx novel phrase"]}
    after = vocabulary.combinations(vocabulary.apply(load_catalogue(), [entry]))
    expected_growth = partners * (len(term.split(" + ")) == 2)
    assert after["en"] - before["en"] == expected_growth
    assert after["nl"] == before["nl"]


def test_unread_sets_show_no_errors(tmp_path, capsys):
    unread = vocabulary.unread_sets()
    assert unread, "tests/data/unread.txt lists the sets that judge the next round"
    assert all((ROOT / "tests" / "data" / name).exists() for name in unread)
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    name = sorted(unread)[0].removesuffix(".yaml")
    assert vocabulary.main(["errors", str(empty), "--set", name]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "unread" in out.err


def test_unread_sets_are_not_marked_development_data():
    for name in vocabulary.unread_sets():
        head = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")[:4000]
        assert "DEVELOPMENT DATA" not in head, name


@pytest.mark.parametrize("content", [None, "[\n", "- 3\n"])
def test_a_missing_broken_or_malformed_overlay_gives_one_line(tmp_path, capsys, content):
    path = tmp_path / "overlay.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert vocabulary.main(["combos", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vocabulary: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_synonym_file_gives_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    assert vocabulary.main(["combos", str(empty), "--lang", "en", "--synonyms", str(tmp_path / "no.yaml")]) == 2
    assert "no synonym file" in capsys.readouterr().err


def test_lone_terms_agree_with_what_evaluate_counts(tmp_path):
    """Each (term, theme) `alone` lists was a theme `evaluate` predicts for that item, given
    by that term only, and flagged true exactly where the item is labelled with the theme."""
    from codecheck.matching import evaluate
    from codecheck.model import Catalogue, Citation, Instrument, Requirement

    def req(rid, theme, terms):
        return Requirement(id=rid, instrument="T", title=rid, citation=Citation("T", "1", "2024"),
                           summary="", addressee="company", obligation="policy", legal_status={},
                           themes=(theme,), weight=1, elements=(), terms={"en": terms})

    catalogue = Catalogue(
        instruments=(Instrument("T", "T", "1", "2024-01-01", "https://example.org", "soft-law"),),
        requirements=(req("GRV", "grievance-mechanism", ["grievance mechanism"]),
                      req("GRV2", "grievance-mechanism", ["complaints + workers"]),
                      req("POL", "policy-commitment", ["human rights + policy"])),
    )
    items = [
        {"id": "a", "lang": "en", "kind": "positive", "themes": ["grievance-mechanism"],
         "text": "The company runs a grievance mechanism."},  # one term
        {"id": "b", "lang": "en", "kind": "positive", "themes": ["grievance-mechanism"],
         "text": "Workers can bring complaints to the grievance mechanism."},  # two terms
        {"id": "c", "lang": "en", "kind": "hard-negative", "themes": [],
         "text": "The investment policy names human rights."},  # one term, not labelled
    ]
    path = tmp_path / "labelled-toy.yaml"
    path.write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    found = vocabulary.lone_terms(catalogue, [path])
    assert found == {("grievance mechanism", "grievance-mechanism"): [(True, "a")],
                     ("human rights + policy", "policy-commitment"): [(False, "c")]}
    predicted = {i.id: set(i.predicted) for i in evaluate(path, catalogue).items}
    assert predicted == {"a": {"grievance-mechanism"}, "b": {"grievance-mechanism"}, "c": {"policy-commitment"}}
    assert vocabulary.lone_terms(catalogue, [path], lang="nl") == {}


def test_dropping_themes_raises_f1_only_below_half_of_it():
    tp, fp, fn = 80, 20, 20  # F1 0.8
    assert vocabulary._dropped_f1(tp, fp, fn, 0, 0) == pytest.approx(0.8)
    assert vocabulary._dropped_f1(tp, fp, fn, 1, 3) > 0.8  # precision 0.25 < F1/2
    assert vocabulary._dropped_f1(tp, fp, fn, 3, 1) < 0.8  # precision 0.75
    assert vocabulary._dropped_f1(tp, fp, fn, 2, 3) == pytest.approx(0.8)  # precision 0.4 = F1/2


@pytest.mark.parametrize("command", ["alone", "diff", "budget"])
def test_alone_diff_and_budget_refuse_unread_sets(tmp_path, capsys, command):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    name = sorted(vocabulary.unread_sets())[0].removesuffix(".yaml")
    assert vocabulary.main([command, str(empty), "--sets", name]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "unread" in out.err and out.err.count("\n") == 1


def test_the_error_budget_counts_each_theme_and_makes_it_perfect_in_turn():
    from types import SimpleNamespace as Item

    def item(lang, gold, predicted):
        return Item(lang=lang, gold=gold, predicted=predicted,
                    false_positives=tuple(t for t in predicted if t not in gold),
                    false_negatives=tuple(t for t in gold if t not in predicted))

    result = Item(items=[
        item("en", ("value-chain", "monitoring"), ("monitoring",)),  # value chain missed
        item("en", ("value-chain",), ()),  # missed again
        item("nl", (), ("value-chain", "reporting")),  # two false themes
        item("fr", ("reporting",), ("reporting",)),
    ])
    counts, rows = vocabulary.error_budget([result])
    assert counts == (2, 2, 2)
    assert [(t, f, m) for t, f, m, _ in rows] == [("value-chain", 1, 2), ("reporting", 1, 0)]
    assert rows[0][3] == pytest.approx(vocabulary._f1(4, 1, 0))  # value chain perfect
    assert rows[-1][3] == pytest.approx(1.0)  # every theme perfect
    counts, rows = vocabulary.error_budget([result], lang="nl")
    assert counts == (0, 2, 0) and [t for t, *_ in rows] == ["reporting", "value-chain"]  # a tie: by name
    tie = Item(items=[item("en", (), ("whistleblowing", "board-oversight"))])
    assert [t for t, *_ in vocabulary.error_budget([tie])[1]] == ["board-oversight", "whistleblowing"]


def test_budget_prints_the_counts_eval_gives(tmp_path, capsys):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    name = next(n for n in vocabulary.labelled_sets()
                if f"{n}.yaml" not in vocabulary.unread_sets() and n.startswith("labelled-blind-"))
    from codecheck.matching import evaluate

    tp, fp, fn, _ = vocabulary.scores(evaluate(vocabulary.DATA / f"{name}.yaml", load_catalogue()), None)
    assert vocabulary.main(["budget", str(empty), "--sets", name]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("1 sets, ") and f"(tp {tp}, false {fp}, missed {fn})" in out[0]
    rows = [line.split() for line in out[2:]]
    assert sum(int(r[1]) for r in rows) == fp and sum(int(r[2]) for r in rows) == fn
    assert float(rows[-1][3]) == 1.0


@pytest.mark.parametrize("top", ["0", "-3", "x"])
def test_alone_needs_a_positive_top(tmp_path, capsys, top):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        vocabulary.main(["alone", str(empty), "--top", top])
    assert exc.value.code == 2 and "--top" in capsys.readouterr().err


# --------------------------------------------------------------- concept-set entries

CONCEPT_OVERLAY = [{"concept": "harm", "lang": "en", "add_phrases": ["blorp sickness", "glimmer fever"]}]


def test_a_concept_entry_is_merged_at_the_end_of_its_set(rules, tmp_path):
    concepts = tmp_path / "concepts"
    shutil.copytree(vocabulary.CONCEPT_DIR, concepts)
    before = {f.name: yaml.safe_load(f.read_text(encoding="utf-8"))["concepts"] for f in concepts.glob("*.yaml")}
    assert vocabulary.merge(CONCEPT_OVERLAY, rules, concepts) == []
    after = {f.name: yaml.safe_load(f.read_text(encoding="utf-8"))["concepts"] for f in concepts.glob("*.yaml")}
    assert after["en.yaml"]["harm"] == before["en.yaml"]["harm"] + ["blorp sickness", "glimmer fever"]
    # nothing else moved: the other sets, the other languages, the rule files
    assert {k: v for k, v in after["en.yaml"].items() if k != "harm"} == \
        {k: v for k, v in before["en.yaml"].items() if k != "harm"}
    assert after["nl.yaml"] == before["nl.yaml"] and after["fr.yaml"] == before["fr.yaml"]
    assert (rules / "catalogue" / "ungp.yaml").read_text(encoding="utf-8") == \
        (ROOT / "rules" / "catalogue" / "ungp.yaml").read_text(encoding="utf-8")


def test_a_concept_entry_changes_what_is_measured_in_memory():
    # in a fresh interpreter: `use_concepts` changes module state for the rest of the process
    import subprocess

    script = (
        "import sys; sys.path.insert(0, 'tools'); import vocabulary\n"
        "from codecheck.catalogue import load_catalogue\n"
        "from codecheck.matching import assess, provision_themes\n"
        "from codecheck.model import Code, Provision\n"
        f"if sys.argv[1] == 'with': vocabulary.use_concepts({CONCEPT_OVERLAY!r})\n"
        "text = 'Drivers hired by our logistics providers suffer from blorp sickness.'\n"
        "c = Code(id='x', title='t', edition='', language='en', kind='file', source='-',\n"
        "         provisions=(Provision(id='1', kind='provision', text=text),))\n"
        "print(sorted(provision_themes(assess([c], load_catalogue()), 'x').get('1', set())))\n"
    )
    def themes(mode):
        out = subprocess.run([sys.executable, "-c", script, mode], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        return out.stdout.strip()

    assert themes("without") == "[]"
    assert "value-chain" in themes("with")  # @partners + @harm, the harm named by the new phrase
    assert "blorp sickness" not in (vocabulary.CONCEPT_DIR / "en.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry,message", [
    ({"concept": "nope", "lang": "en", "add_phrases": ["x"]}, "no concept set 'nope'"),
    ({"concept": "harm", "lang": "en", "add_phrases": ["child labour"]}, "already in @harm"),
    ({"concept": "harm", "lang": "en", "requirement": "UNGP-16", "add_phrases": ["x"]}, "a concept entry needs"),
    ({"concept": "harm", "lang": "xx", "add_phrases": ["x"]}, "a concept entry needs"),
    ({"concept": "harm", "lang": "en", "add_phrases": []}, "a concept entry needs"),
])
def test_a_malformed_concept_entry_gives_one_line(tmp_path, capsys, entry, message):
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    assert vocabulary.main(["combos", str(overlay)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


# --------------------------------------------------------------- diff

def test_diff_lists_each_theme_the_overlay_moves(tmp_path, capsys):
    # a speak-up requirement that now reads "suppliers" as its concept: whistleblowing themes
    # appear on items that name suppliers, false ones among them
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(yaml.safe_dump([{"requirement": "BE-WB-2022", "element": None, "lang": "en",
                                        "add_term": "suppliers"}]), encoding="utf-8")
    assert vocabulary.main(["diff", str(overlay), "--lang", "en", "--sets", "labelled"]) == 0
    out = capsys.readouterr().out.splitlines()
    moved = [line for line in out[:-1]]
    assert moved and all(line[:2] in ("+T", "+F") and line.split()[1] == "whistleblowing" for line in moved)
    assert all("en" in line.split()[2].split("-") for line in moved)  # --lang en: English items only
    added_false = sum(line.startswith("+F") for line in moved)
    added_true = sum(line.startswith("+T") for line in moved)
    assert added_false > 0
    assert out[-1].startswith(f"1 sets: true themes +{added_true} -0, false +{added_false} -0; micro F1 ")
    before, after = (float(x) for x in out[-1].rsplit(" ", 3)[1::2])
    assert after < before


@pytest.mark.parametrize("command", ["eval", "alone", "diff"])
def test_an_unknown_set_name_gives_one_line(tmp_path, capsys, command):
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    assert vocabulary.main([command, str(empty), "--sets", "labelled,no-such-set"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "no labelled set 'no-such-set'" in out.err and out.err.count("\n") == 1


def test_diff_against_a_revision_measures_a_phrase_taken_out(tmp_path):
    # in a clone, "dorpscomité" (round 19d) leaves the Dutch stakeholder set: measured against
    # the clone's own HEAD, themes disappear and none appears (an overlay alone can only add)
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--local", str(ROOT), str(clone)], check=True)
    concepts = clone / "codecheck" / "matching" / "concepts" / "nl.yaml"
    text = concepts.read_text(encoding="utf-8")
    assert text.count('    - "dorpscomité"\n') == 1
    concepts.write_text(text.replace('    - "dorpscomité"\n', ""), encoding="utf-8")
    overlay = tmp_path / "empty.yaml"
    overlay.write_text("[]\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(clone / "tools" / "vocabulary.py"), "diff", str(overlay),
                          "--lang", "nl", "--sets", "labelled-blind-67", "--against", "HEAD"],
                         capture_output=True, text=True, cwd=clone)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert out[:-1] and all(line[:2] in ("-T", "-F") for line in out[:-1])
    assert "+0 -" in out[-1] and "false +0 -" in out[-1]


def test_diff_against_an_unknown_revision_gives_one_line(tmp_path, capsys):
    overlay = tmp_path / "empty.yaml"
    overlay.write_text("[]\n", encoding="utf-8")
    assert vocabulary.main(["diff", str(overlay), "--sets", "labelled", "--against", "no-such-rev"]) == 2
    err = capsys.readouterr().err
    assert "no git revision 'no-such-rev'" in err and err.count("\n") == 1
