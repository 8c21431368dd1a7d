"""Hand-computed examples of the Standard Cost Model (see tests/test_burden_fixtures.py).

Central tariffs: professional 90, board 250 (8 members), public official 70 EUR/h;
population 100; one-off costs annualised over 5 years at 0% (x 0.2).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_burden_fixtures import activity, catalogue, code, coverage, plain_params, requirement

from codecheck.burden import (
    annuity_factor,
    assess,
    cost_of_activities,
    load_params,
    missing_shares,
    nested_obliged_share,
    requirement_family,
)

CG = "be-cg-2020"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return plain_params(tmp_path_factory.mktemp("burden"))


def run(params, *reqs, covs=None, code_id=CG):
    cat = catalogue(*reqs)
    covs = covs or {(r.id, code_id): coverage(r.id, code_id, "none") for r in reqs}
    return assess(cat, [code(code_id)], covs, params)


def test_price_times_quantity_by_hand(base):
    req = requirement(
        activities=[
            activity("policy-drafting", "professional", (60, 120, 240)),  # 2 h x 90 = 180 a year
            activity("familiarisation", "professional", (150, 300, 600), one_off=True),  # 5 h x 90 = 450 once
            activity("board-deliberation", "board", (15, 30, 60), frequency=2),  # 0.5 h x 8 x 250 x 2 = 2000 a year
        ]
    )
    gap = run(load_params(base), req).gap(req.id, CG)
    ent = gap["enterprises"]
    assert ent["recurring_eur_per_year"] == 100 * (180 + 2000)
    assert ent["one_off_eur"] == 100 * 450
    assert ent["annualised_eur_per_year"] == 218_000 + 45_000 * 0.2
    assert ent["per_company_eur_per_year"] == 180 + 2000 + 450 * 0.2
    assert gap["total_eur_per_year"] == 227_000
    assert gap["public_authorities"]["annualised_eur_per_year"] == 0
    assert set(gap) == {"enterprises", "public_authorities", "total_eur_per_year", "missing_elements", "sources"}
    assert set(ent) == {"one_off_eur", "recurring_eur_per_year", "per_company_eur_per_year", "annualised_eur_per_year", "low", "high"}
    json.dumps(gap)  # JSON-ready


def test_partial_coverage_costs_only_missing_elements(base):
    req = requirement(
        elements=("e1", "e2", "e3"),
        activities=[
            activity("assessment", "professional", (100, 200, 400), element="e1"),  # 200 min x 1.5 = 300 a year
            activity("assessment", "professional", (600, 1200, 2400), element="e2"),  # covered: 0
            activity("reporting", "professional", (30, 60, 120)),  # 90 a year x 1/3 missing = 30
        ],
    )
    covs = {(req.id, CG): coverage(req.id, CG, "partial", score=0.66, missing=("e1",))}
    gap = run(load_params(base), req, covs=covs).gap(req.id, CG)
    assert gap["enterprises"]["per_company_eur_per_year"] == 330
    assert gap["enterprises"]["recurring_eur_per_year"] == 33_000
    assert gap["missing_elements"] == ["e1"]


def test_full_coverage_costs_nothing(base):
    req = requirement(activities=[activity()])
    covs = {(req.id, CG): coverage(req.id, CG, "full")}
    gap = run(load_params(base, {"public_authorities.per_requirement.committee_hours.be-cg-2020.central": 10, "public_authorities.per_requirement.committee_hours.be-cg-2020.high": 10}), req, covs=covs).gap(req.id, CG)
    assert gap["total_eur_per_year"] == 0
    assert all(v == 0 for side in ("enterprises", "public_authorities") for v in gap[side].values())
    assert gap["missing_elements"] == []


def test_missing_shares_rules():
    req = requirement(elements=("a", "b"), activities=[activity(element="a"), activity(element="b"), activity()])
    assert missing_shares(req, coverage(req.id, CG, "none")) == (1.0, (1.0, 1.0, 1.0))
    assert missing_shares(req, coverage(req.id, CG, "full")) == (0.0, (0.0, 0.0, 0.0))
    assert missing_shares(req, coverage(req.id, CG, "partial", missing=("b",))) == (0.5, (0.0, 1.0, 0.5))
    # partial with no element named: 1 - score for everything
    assert missing_shares(req, coverage(req.id, CG, "partial", score=0.75)) == (0.25, (0.25, 0.25, 0.25))
    assert missing_shares(req, None)[0] == 1.0


def test_legal_overlap_is_nested_not_added(base):
    # CSDDD 0.1 inside CSRD 0.4; a policy requirement
    params = load_params(
        base,
        {
            "legal_overlap.population_share.be-cg-2020.csrd.central": 0.4,
            "legal_overlap.population_share.be-cg-2020.csrd.high": 0.4,
            "legal_overlap.population_share.be-cg-2020.csddd.central": 0.1,
            "legal_overlap.population_share.be-cg-2020.csddd.high": 0.1,
        },
    )
    req = requirement(
        activities=[
            activity("policy-drafting", "professional", (60, 120, 240)),  # substantive: CSDDD only -> 0.9 x 180
            activity("reporting", "professional", (60, 120, 240)),  # disclosure: CSRD (and CSDDD) -> 0.6 x 180
        ]
    )
    gap = run(params, req).gap(req.id, CG)
    assert gap["enterprises"]["recurring_eur_per_year"] == pytest.approx(100 * (0.9 * 180 + 0.6 * 180), abs=0.5)
    # before the CSDDD applies, only the CSRD counts
    early = load_params(base, {**params.overrides, "legal_overlap.model_year": 2027})
    gap = run(early, req).gap(req.id, CG)
    assert gap["enterprises"]["recurring_eur_per_year"] == pytest.approx(100 * (1.0 * 180 + 0.6 * 180), abs=0.5)
    # per company is what one company newly applying pays: no deduction
    assert gap["enterprises"]["per_company_eur_per_year"] == 360


def test_nested_obliged_share_by_hand():
    assert nested_obliged_share([0.1, 0.4], [1.0, 1.0]) == pytest.approx(0.4)
    assert nested_obliged_share([0.1, 0.4], [1.0, 0.0]) == pytest.approx(0.1)
    # whistleblower law for everyone at half reach, CSDDD 0.12 fully: 0.12 + 0.88 x 0.5
    assert nested_obliged_share([1.0, 0.12], [0.5, 1.0]) == pytest.approx(0.56)
    arr = nested_obliged_share([np.array([0.1, 0.3]), np.array([0.2, 0.2])], [np.array([1.0, 1.0]), np.array([0.5, 0.5])])
    assert arr == pytest.approx([0.1 + 0.1 * 0.5, 0.3])


def test_business_as_usual_share(base):
    params = load_params(base, {"bau_share.policy.be-cg-2020.central": 0.5, "bau_share.policy.be-cg-2020.high": 0.5})
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    assert requirement_family(req) == "policy"
    gap = run(params, req).gap(req.id, CG)
    assert gap["enterprises"]["recurring_eur_per_year"] == 100 * 180 * 0.5


def test_comply_or_explain_by_hand(base):
    params = load_params(
        base,
        {
            "comply_or_explain.comply_share.be-cg-2020.central": 0.75,
            "comply_or_explain.comply_share.be-cg-2020.low": 0.75,
            "comply_or_explain.silent_share.be-cg-2020.central": 0.05,
            "comply_or_explain.silent_share.be-cg-2020.high": 0.05,
            "comply_or_explain.explains.be-cg-2020": 1,
        },
    )
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    gap = run(params, req).gap(req.id, CG)
    # 75 apply (180 a year each); 20 explain: 4 h x 90 + 0.25 h x 8 x 250 = 860 once, 1 h x 90 a year
    assert gap["enterprises"]["recurring_eur_per_year"] == 75 * 180 + 20 * 90
    assert gap["enterprises"]["one_off_eur"] == 20 * 860
    assert gap["enterprises"]["annualised_eur_per_year"] == 15_300 + 17_200 * 0.2


def test_public_authorities_by_hand(base):
    params = load_params(
        base,
        {
            "public_authorities.per_requirement.committee_hours.be-cg-2020.central": 10,
            "public_authorities.per_requirement.committee_hours.be-cg-2020.high": 10,
            "public_authorities.per_requirement.monitoring_study_minutes_per_company.be-cg-2020.central": 12,
            "public_authorities.per_requirement.monitoring_study_minutes_per_company.be-cg-2020.high": 12,
            "public_authorities.per_requirement.supervisor_review_minutes_per_company.be-cg-2020.central": 6,
            "public_authorities.per_requirement.supervisor_review_minutes_per_company.be-cg-2020.high": 6,
            "public_authorities.fixed.committee_one_off_hours.be-cg-2020.central": 100,
            "public_authorities.fixed.committee_one_off_hours.be-cg-2020.high": 100,
        },
    )
    req = requirement(activities=[activity()])
    result = run(params, req)
    pub = result.gap(req.id, CG)["public_authorities"]
    assert pub["one_off_eur"] == 700  # 10 h x 70
    assert pub["recurring_eur_per_year"] == 1400  # (12/60 x 0.5 + 6/60) h x 100 companies x 70
    assert pub["annualised_eur_per_year"] == 1540
    assert pub["per_company_eur_per_year"] == 15  # 15.4
    summary = result.summary(CG)
    assert summary["public_authorities"]["fixed"]["one_off_eur"] == 7000
    assert summary["public_authorities"]["annualised_eur_per_year"] == 1540 + 7000 * 0.2
    assert summary["public_authorities"]["private_self_regulator"] is True


def test_annuity_factor():
    assert annuity_factor(5, 0.0) == pytest.approx(0.2)
    assert annuity_factor(5, 0.03) == pytest.approx(0.03 / (1 - 1.03**-5))
    assert annuity_factor(np.array([5.0, 10.0]), 0.0) == pytest.approx([0.2, 0.1])


def test_cost_of_activities_for_a_notebook(base):
    params = load_params(base)
    out = cost_of_activities([activity("policy-drafting", "professional", (60, 120, 240)), activity("familiarisation", "board", (30, 60, 120), one_off=True)], params)
    assert out == {"one_off_eur": 8 * 250.0, "recurring_eur_per_year": 180.0, "annualised_eur_per_year": 180.0 + 400.0}


def test_shared_activities_are_paid_once_per_package(base):
    a = requirement("UNGP-16", activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    b = requirement("CSDDD-7", activities=[activity("policy-drafting", "professional", (30, 60, 120))])
    covs = {(r.id, CG): coverage(r.id, CG, "none") for r in (a, b)}
    adding = run(load_params(base), a, b, covs=covs).summary(CG)
    assert adding["enterprises"]["recurring_eur_per_year"] == 100 * (180 + 90)
    sharing = run(load_params(base, {"package.shared_activity_extra.central": 0.25, "package.shared_activity_extra.low": 0.25}), a, b, covs=covs)
    assert sharing.summary(CG)["enterprises"]["recurring_eur_per_year"] == 100 * (180 + 0.25 * 90)
    assert sharing.summary(CG)["sum_of_gaps_eur_per_year"] == 100 * (180 + 90)
    # each gap alone still carries its full cost
    assert sharing.gap("CSDDD-7", CG)["enterprises"]["recurring_eur_per_year"] == 9000


def test_code_without_population_gets_a_full_report(base):
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    result = run(load_params(base), req, code_id="my-own-code")
    gap = result.gap(req.id, "my-own-code")
    assert gap["enterprises"]["per_company_eur_per_year"] == 180
    assert gap["enterprises"]["annualised_eur_per_year"] == 180  # population 1
    summary = result.summary("my-own-code")
    assert summary["population"] is None
    assert "population.my-own-code" in summary["population_note"]
    json.dumps(summary)
    # and a population can be given for it
    with_pop = run(load_params(base, {"population.my-own-code": 40}), req, code_id="my-own-code")
    assert with_pop.gap(req.id, "my-own-code")["enterprises"]["annualised_eur_per_year"] == 40 * 180


def test_sources_name_parameters_with_year(base):
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    gap = run(load_params(base), req).gap(req.id, CG)
    sources = gap["sources"]
    assert sources[-1]["parameters"] == [f"catalogue.{req.id}.burden"]
    named = [p for s in sources for p in s["parameters"]]
    assert "tariff_eur_per_hour.staff.professional" in named
    assert "population.be-cg-2020" in named
    assert all({"parameters", "text", "url", "year", "assumption", "verified"} <= set(s) for s in sources)
    assert all(s["year"] == 2024 for s in sources[:-1])


def test_empty_catalogue_and_unknown_pairs(base):
    from codecheck.model import Catalogue

    result = assess(Catalogue(instruments=(), requirements=()), [code()], {}, load_params(base))
    summary = result.summary(CG)
    assert summary["gaps"] == 0 and summary["total_eur_per_year"] == 0
    assert summary["frontier"] == [{"coverage_index": 0.0, "burden_eur_per_year": 0.0, "requirements": []}]
    # a pair the matcher did not report counts as no coverage
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    gap = assess(catalogue(req), [code()], {}, load_params(base)).gap(req.id, CG)
    assert gap["enterprises"]["recurring_eur_per_year"] == 18_000
    with pytest.raises(KeyError):
        result.gap("nothing", CG)


def test_sensitivity_tornado_by_hand(base):
    from codecheck.burden import sensitivity

    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    cat = catalogue(req)
    covs = {(req.id, CG): coverage(req.id, CG, "none")}
    rows = sensitivity(cat, [code()], covs, load_params(base), CG, top=None)
    by_key = {r["parameter"]: r for r in rows}
    # 100 companies x 2 h x tariff 80 / 100; population 80 / 120 at tariff 90
    assert (by_key["tariff_eur_per_hour.staff.professional"]["total_at_low"], by_key["tariff_eur_per_hour.staff.professional"]["total_at_high"]) == (16_000, 20_000)
    assert (by_key["population.be-cg-2020"]["total_at_low"], by_key["population.be-cg-2020"]["total_at_high"]) == (14_400, 21_600)
    assert rows[0]["parameter"] == "population.be-cg-2020"
    assert [r["swing"] for r in rows] == sorted((r["swing"] for r in rows), reverse=True)
    assert all(r["central_total"] == 18_000 for r in rows)


def test_with_overrides_checks_like_load(base):
    params = load_params(base)
    more = params.with_overrides({"population.be-cg-2020": "50"})
    assert more.number("population.be-cg-2020") == 50 and params.number("population.be-cg-2020") == 100
    assert dict(more.overrides) == {"population.be-cg-2020": 50.0}
    from codecheck.errors import ParameterError

    with pytest.raises(ParameterError):
        params.with_overrides({"population.be-cg-2020": "x"})


def test_population_zero_is_finite(base):
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240))])
    result = run(load_params(base, {"population.be-cg-2020": 0}), req)
    gap = result.gap(req.id, CG)
    assert gap["enterprises"]["annualised_eur_per_year"] == 0 and gap["enterprises"]["per_company_eur_per_year"] == 180
    text = json.dumps({"gap": gap, "summary": result.summary(CG)}, allow_nan=False)
    assert "NaN" not in text and "Infinity" not in text


def test_whole_economy_tariff_is_the_wage_level():
    """Bundled file: tariff_eur_per_hour.central / .reference scales every staff tariff."""
    req = requirement(activities=[activity("policy-drafting", "professional", (60, 120, 240)), activity("board-deliberation", "board", (30, 60, 90))])
    covs = {(req.id, CG): coverage(req.id, CG, "none")}
    base = assess(catalogue(req), [code()], covs, load_params()).gaps[(req.id, CG)]
    higher = assess(catalogue(req), [code()], covs, load_params(overrides={"tariff_eur_per_hour.central": 66})).gaps[(req.id, CG)]
    for a, b in ((base.enterprises, higher.enterprises), (base.public_authorities, higher.public_authorities)):
        assert b.annualised_eur_per_year == pytest.approx(1.1 * a.annualised_eur_per_year, rel=1e-9)
        assert b.per_company_eur_per_year == pytest.approx(1.1 * a.per_company_eur_per_year, rel=1e-9)
        assert b.high == pytest.approx(1.1 * a.high, rel=1e-9)
    # one staff tariff alone moves only its own activities
    board = assess(catalogue(req), [code()], covs, load_params(overrides={"tariff_eur_per_hour.staff.board.central": 300})).gaps[(req.id, CG)]
    assert board.public_authorities.annualised_eur_per_year == pytest.approx(base.public_authorities.annualised_eur_per_year)
    assert board.enterprises.annualised_eur_per_year > base.enterprises.annualised_eur_per_year


def test_family_of_board_oversight_follows_the_obligation():
    # G20/OECD VI.C: the board considering sustainability risks is board work, although
    # its theme is risk-management; other requirements take their first theme's family
    assert requirement_family(requirement(themes=("risk-management",), obligation="oversight")) == "board_oversight"
    assert requirement_family(requirement(themes=("risk-management",), obligation="process")) == "risk_assessment"
    assert requirement_family(requirement(themes=(), obligation="disclosure")) == "public_reporting"


def test_a_code_priced_before_with_the_same_inputs_is_not_priced_again(monkeypatch):
    """In a notebook, analysing again after an edit re-prices only the codes whose coverage
    (or parameters, or the requirements' non-term fields) changed; every figure equals a
    pricing from scratch."""
    import dataclasses

    from codecheck import burden, matching
    from codecheck.burden import assessment
    from codecheck.catalogue import load_catalogue
    from codecheck.documents import load_code

    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")  # the memory alone (the disk: test_burden_stored.py)
    catalogue = load_catalogue()
    codes = [load_code("be-cg-2020"), load_code("be-buysse-iv-2024")]
    params = burden.load_params()
    priced = []
    real = assessment._assess_code
    monkeypatch.setattr(assessment, "_assess_code", lambda p, c, cov, cid, *rest: priced.append(cid) or real(p, c, cov, cid, *rest))

    def figures(result):
        return ({k: g.to_dict() for k, g in result.gaps.items()}, dict(result.summaries))

    def fresh(cat, coverages, prm):
        monkeypatch.setattr(assessment, "_PRICED", [])
        return figures(burden.assess(cat, codes, coverages, prm))

    coverages = matching.assess(codes, catalogue)
    first = figures(burden.assess(catalogue, codes, coverages, params))
    priced.clear()
    # a term nothing matches: no coverage changes, nothing is priced again
    r = catalogue.requirements[0]
    edited = dataclasses.replace(catalogue, requirements=(dataclasses.replace(
        r, terms={**r.terms, "en": tuple(r.terms["en"]) + ("a term nothing matches",)}),) + catalogue.requirements[1:])
    assert figures(burden.assess(edited, codes, matching.assess(codes, edited), params)) == first
    assert priced == []
    # one code's coverage changes: that code alone is priced again, as from scratch
    changed = dict(coverages)
    key = next(k for k, c in coverages.items() if k[1] == "be-cg-2020" and c.level.value != "none")
    changed[key] = dataclasses.replace(coverages[key], score=0.0, level=type(coverages[key].level)("none"))
    again = figures(burden.assess(catalogue, codes, changed, params))
    assert priced == ["be-cg-2020"]
    assert again == fresh(catalogue, changed, params) and again != first
    # other parameters, or a burden field of a requirement: priced again
    priced.clear()
    burden.assess(catalogue, codes, coverages, burden.load_params(overrides={"tariff_eur_per_hour.central": 61}))
    assert priced == ["be-cg-2020", "be-buysse-iv-2024"]
    priced.clear()
    heavier = dataclasses.replace(catalogue, requirements=(dataclasses.replace(r, weight=r.weight + 1),)
                                  + catalogue.requirements[1:])
    burden.assess(heavier, codes, coverages, params)
    assert priced == ["be-cg-2020", "be-buysse-iv-2024"]
