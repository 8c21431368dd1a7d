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
