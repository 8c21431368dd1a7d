"""The notebook API: load, analyse, and every view of a report."""

from __future__ import annotations

import json

import pytest

import codecheck
from codecheck.errors import DocumentError
from codecheck.model import CoverageLevel
from codecheck.report.schema import report_problems


def test_default_report_has_every_bundled_code_and_requirement(default_report, default_dict):
    from codecheck.documents import bundled_ids

    catalogue = codecheck.load_catalogue()
    assert [c["id"] for c in default_dict["codes"]] == bundled_ids()
    assert {"be-cg-2020", "be-buysse-iv-2024"} <= set(bundled_ids())
    assert [r["id"] for r in default_dict["requirements"]] == [r.id for r in catalogue.requirements]
    for req in default_dict["requirements"]:
        assert [c["code"] for c in req["coverage"]] == bundled_ids()
        assert sorted(req["burden"]) == sorted(bundled_ids())


def test_report_validates_against_the_schema(default_dict):
    assert report_problems(default_dict) == []


def test_schema_catches_a_broken_report(default_dict):
    broken = json.loads(json.dumps(default_dict))
    broken["requirements"][0]["coverage"][0]["level"] = "mostly"
    del broken["codes"][0]["kind"]
    problems = report_problems(broken)
    assert any("mostly" in p for p in problems)
    assert any("kind" in p for p in problems)


def test_catalogue_is_large_enough():
    catalogue = codecheck.load_catalogue()
    assert len(catalogue.requirements) >= 60
    assert len({r.id for r in catalogue.requirements}) == len(catalogue.requirements)


def test_coverage_levels_agree_with_scores(default_report):
    for cov in default_report.coverages.values():
        assert 0.0 <= cov.score <= 1.0
        if cov.level is CoverageLevel.NONE:
            assert cov.score == 0 and cov.evidence == ()
        else:
            assert cov.score > 0 and cov.evidence
        if cov.level is CoverageLevel.FULL:
            assert cov.missing_elements == ()


def test_evidence_points_at_real_sentences(default_report, own_code_file):
    own = codecheck.analyse(codes=[own_code_file], generated_at="t")
    codes = {c.id: c for c in (*default_report.codes, *own.codes)}
    checked = 0
    for cov in (*default_report.coverages.values(), *own.coverages.values()):
        for ev in cov.evidence:
            text = codes[cov.code].provision(ev.provision).full_text
            start, end = ev.span
            assert text[start:end] == ev.text
            checked += 1
    assert checked > 0, "the draft code evidences several requirements"


def test_to_json_is_the_dict(default_report, default_dict):
    assert json.loads(default_report.to_json()) == default_dict


def test_to_frame_has_one_row_per_requirement_and_code(default_report, default_dict):
    frame = default_report.to_frame()
    assert len(frame) == len(default_dict["requirements"]) * len(default_dict["codes"])
    assert {"requirement", "code", "level", "score", "total_eur_per_year"} <= set(frame.columns)
    assert set(frame["level"]) <= {"full", "partial", "none"}


OWN_CODE = """# Responsible Business Code

## Principle 1. The board sets the tone

1.1 The board approves a policy on respect for human rights and reviews it every year.

1.2 The company identifies and assesses actual and potential adverse human rights impacts in its operations and
supply chain, and takes measures to prevent and mitigate them.

## Principle 2. Listening

2.1 Workers, suppliers' workers and local residents can raise concerns through a grievance mechanism; the company
provides for remediation where it caused harm.
"""


@pytest.fixture(scope="module")
def own_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("own") / "own-code.md"
    path.write_text(OWN_CODE, encoding="utf-8")
    return codecheck.analyse(codes=[str(path)], budget=50_000)


def test_the_evidence_frame_has_a_row_per_piece_of_evidence(own_report):
    report = own_report.to_dict()
    expected = [(r["id"], c["code"], e["provision"], tuple(e["span"]), e["element"], e["text"])
                for r in report["requirements"] for c in r["coverage"] for e in c["evidence"]]
    frame = own_report.to_frame("evidence")
    assert len(expected) > 10
    got = [(row.requirement, row.code, row.provision, (row.span_start, row.span_end),
            None if row.element != row.element else row.element, row.text)  # NaN: no element
           for row in frame.itertuples()]
    assert got == expected
    assert frame["counted"].all() and frame["learned_probability"].isna().all()
    for row in frame.itertuples():  # each span points at its sentence in the provision
        assert row.text == own_report.codes[0].provision(row.provision).full_text[row.span_start:row.span_end]


def test_the_frontier_frame_lists_each_code_s_packages_and_marks_the_chosen_one(own_report):
    report = own_report.to_dict()
    frame = own_report.to_frame("frontier")
    for code, summary in report["summary"].items():
        rows = frame[frame["code"] == code]
        assert list(rows["coverage_index"]) == [p["coverage_index"] for p in summary["frontier"]]
        assert list(rows["amendments"]) == [len(p["requirements"]) for p in summary["frontier"]]
        chosen = rows[rows["recommended"]]
        assert len(chosen) == 1
        assert sorted(chosen.iloc[0]["requirements"].split(";")) == sorted(summary["recommended"]["requirements"])
        assert chosen.iloc[0]["burden_eur_per_year"] <= 50_000


def test_evidence_rows_keep_what_the_learned_reader_did():
    from codecheck.report.render import evidence_rows

    def piece(provision, start, probability=None):
        e = {"provision": provision, "text": "x", "span": [start, start + 1], "terms": ["a + b", "c"],
             "element": None, "themes": ["monitoring"], "strength": "recommended", "addressee": "board"}
        return e if probability is None else {**e, "probability": probability}

    coverage = {"code": "c", "level": "partial", "evidence": [piece("1.1", 0), piece("1.2", 5)],
                "vouched": [piece("1.2", 5, 0.91)], "set_aside": [piece("2.1", 3, 0.01)]}
    report = {"requirements": [{"id": "R", "instrument": "I", "coverage": [coverage]}]}
    rows = evidence_rows(report)
    assert [(r["provision"], r["counted"], r["learned_probability"]) for r in rows] == [
        ("1.1", True, None), ("1.2", True, 0.91), ("2.1", False, 0.01)]
    assert rows[0]["terms"] == "a + b;c" and rows[0]["span_end"] == 1


def test_an_unknown_table_is_a_usage_error(own_report, default_report):
    from codecheck.errors import UsageError

    with pytest.raises(UsageError) as err:
        own_report.to_frame("gaps")
    assert err.value.code == "E007" and "coverage, evidence, frontier" in err.value.message
    assert list(default_report.to_frame("evidence").columns)[:3] == ["requirement", "instrument", "code"]


def test_repr_html_is_a_summary_table(default_report):
    html = default_report._repr_html_()
    assert html.lstrip().startswith("<table")
    for code in default_report.codes:
        assert code.id in html


def test_load_code_bundled_and_errors():
    code = codecheck.load_code("be-cg-2020")
    assert code.id == "be-cg-2020" and code.kind in ("digest", "official")
    principles = [p.id for p in code.provisions if p.kind == "principle"]
    assert principles == [str(n) for n in range(1, 11)]
    with pytest.raises(DocumentError) as unknown:
        codecheck.load_code("be-cg-2099")
    assert unknown.value.code == "E103" and "be-cg-2020" in unknown.value.message
    with pytest.raises(DocumentError) as missing:
        codecheck.load_code("no/such/file.pdf")
    assert missing.value.code == "E101"


def test_users_own_file_gets_a_full_report(own_code_file):
    report = codecheck.analyse(codes=[own_code_file], generated_at="t")
    data = report.to_dict()
    assert report_problems(data) == []
    code_id = data["codes"][0]["id"]
    assert data["codes"][0]["kind"] == "file"
    levels = {r["id"]: r["coverage"][0]["level"] for r in data["requirements"]}
    assert levels["UNGP-16"] in ("full", "partial"), "the draft adopts a human rights policy"
    gap = next(r for r in data["requirements"] if r["coverage"][0]["level"] != "full")
    assert "enterprises" in gap["burden"][code_id]
    assert "coverage_index" in data["summary"][code_id]


def test_param_override_changes_the_burden():
    base = codecheck.analyse(codes=["be-cg-2020"], generated_at="t").to_dict()
    doubled = codecheck.analyse(
        codes=["be-cg-2020"], params={"population.be-cg-2020": 2 * _population()}, generated_at="t"
    ).to_dict()
    total = lambda d: d["summary"]["be-cg-2020"]["burden"]["total_eur_per_year"]
    assert total(doubled) > total(base) > 0


def _population() -> float:
    from codecheck import burden

    return burden.load_params().number("population.be-cg-2020")


def test_code_given_twice_is_refused():
    from codecheck.errors import UsageError

    with pytest.raises(UsageError):
        codecheck.analyse(codes=["be-cg-2020", "be-cg-2020"])


def test_codes_in_dutch_and_french(own_code_file):
    from codecheck.documents.bundled import manifest

    for lang in ("nl", "fr"):
        data = codecheck.analyse(lang=lang, generated_at="t").to_dict()
        expected = [i for i, e in manifest()["codes"].items() if lang in e["languages"]]
        assert [c["id"] for c in data["codes"]] == expected
        assert {c["language"] for c in data["codes"]} == {lang}
        assert report_problems(data) == []
    with pytest.raises(DocumentError) as missing:
        codecheck.analyse(codes=["be-buysse-iv-2024"], lang="fr")
    assert "fr" in missing.value.message


def test_burden_sources_are_pooled_and_resolvable(default_dict):
    ids = [s["id"] for s in default_dict["sources"]]
    assert len(ids) == len(set(ids)) > 0
    cited = {sid for r in default_dict["requirements"] for g in r["burden"].values() for sid in g.get("sources", [])}
    assert cited and cited <= set(ids)
    gaps = [g for r in default_dict["requirements"] for g in r["burden"].values() if g["enterprises"]["high"]]
    assert all(g.get("sources") for g in gaps), "every priced gap names its sources"
