"""Properties of the cost model (hypothesis): linearity, zeros, intervals, reproducibility."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_burden_fixtures import activity, catalogue, code, coverage, plain_params, requirement

from codecheck.burden import assess, load_params

CG = "be-cg-2020"
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

STAFF = ("professional", "board", "external", "clerical")
KINDS = ("policy-drafting", "assessment", "reporting", "board-deliberation", "monitoring")

TARIFF_KEYS = [
    f"tariff_eur_per_hour{p}.{k}"
    for p in ("", ".staff.professional", ".staff.board", ".staff.external", ".staff.public_official")
    for k in ("low", "central", "high")
]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return plain_params(tmp_path_factory.mktemp("burden-props"))


@st.composite
def activities(draw):
    low = draw(st.floats(0, 600))
    central = low + draw(st.floats(0, 600))
    high = central + draw(st.floats(0, 600))
    return activity(
        draw(st.sampled_from(KINDS)),
        draw(st.sampled_from(STAFF)),
        (low, central, high),
        frequency=draw(st.sampled_from([0.2, 0.5, 1.0, 2.0, 4.0])),
        one_off=draw(st.booleans()),
    )


@st.composite
def cases(draw):
    n = draw(st.integers(1, 4))
    reqs = [
        requirement(f"UNGP-{i}", activities=draw(st.lists(activities(), min_size=1, max_size=4)), weight=draw(st.sampled_from([1, 2, 3])))
        for i in range(n)
    ]
    levels = [draw(st.sampled_from(["none", "partial", "none"])) for _ in reqs]
    covs = {(r.id, CG): coverage(r.id, CG, lv, score=0.5 if lv == "partial" else 0.0) for r, lv in zip(reqs, levels)}
    return catalogue(*reqs), covs


def side_values(result, rid):
    g = result.gaps[(rid, CG)]
    return g.enterprises, g.public_authorities


def with_public_work(base, **extra):
    over = {
        "public_authorities.per_requirement.committee_hours.be-cg-2020.central": 10,
        "public_authorities.per_requirement.committee_hours.be-cg-2020.high": 20,
        "public_authorities.per_requirement.monitoring_study_minutes_per_company.be-cg-2020.central": 12,
        "public_authorities.per_requirement.monitoring_study_minutes_per_company.be-cg-2020.high": 24,
        "comply_or_explain.comply_share.be-cg-2020.low": 0.6,
        "comply_or_explain.comply_share.be-cg-2020.central": 0.75,
        "comply_or_explain.comply_share.be-cg-2020.high": 0.9,
        "comply_or_explain.explains.be-cg-2020": 1,
        "bau_share.policy.be-cg-2020.high": 0.4,
        "bau_share.policy.be-cg-2020.central": 0.2,
    }
    over.update(extra)
    return load_params(base, over)


@SETTINGS
@given(case=cases(), factor=st.floats(0.1, 10))
def test_linear_in_population(base, case, factor):
    cat, covs = case
    one = assess(cat, [code()], covs, with_public_work(base))
    more = assess(cat, [code()], covs, with_public_work(base, **{"population.be-cg-2020": 100 * factor}))
    for r in cat.requirements:
        (e1, p1), (e2, p2) = side_values(one, r.id), side_values(more, r.id)
        for field in ("one_off_eur", "recurring_eur_per_year", "annualised_eur_per_year", "low", "high"):
            assert getattr(e2, field) == pytest.approx(factor * getattr(e1, field), rel=1e-9, abs=1e-6)
        # what one company pays does not depend on how many there are
        assert e2.per_company_eur_per_year == pytest.approx(e1.per_company_eur_per_year, rel=1e-9)
        # monitoring scales with the companies monitored; drafting the amendment does not
        assert p2.recurring_eur_per_year == pytest.approx(factor * p1.recurring_eur_per_year, rel=1e-9, abs=1e-6)
        assert p2.one_off_eur == pytest.approx(p1.one_off_eur, rel=1e-9)


@SETTINGS
@given(case=cases(), factor=st.floats(0.1, 10))
def test_linear_in_tariff(base, case, factor):
    cat, covs = case
    params = with_public_work(base)
    scaled = with_public_work(base, **{k: params.number(k) * factor for k in TARIFF_KEYS})
    one = assess(cat, [code()], covs, params)
    more = assess(cat, [code()], covs, scaled)
    for r in cat.requirements:
        for s1, s2 in zip(side_values(one, r.id), side_values(more, r.id)):
            for field in ("one_off_eur", "recurring_eur_per_year", "per_company_eur_per_year", "annualised_eur_per_year", "low", "high"):
                assert getattr(s2, field) == pytest.approx(factor * getattr(s1, field), rel=1e-9, abs=1e-6)
    t1, t2 = one.summary(CG)["total"], more.summary(CG)["total"]
    assert t2["eur_per_year"] == pytest.approx(factor * t1["eur_per_year"], rel=1e-6, abs=1 + factor)  # whole euros


@SETTINGS
@given(case=cases())
def test_interval_contains_central_and_is_reproducible(base, case):
    cat, covs = case
    params = with_public_work(base)
    first = assess(cat, [code()], covs, params)
    again = assess(cat, [code()], covs, params)
    for r in cat.requirements:
        gap = first.gap(r.id, CG)
        assert gap == again.gap(r.id, CG)
        for side in ("enterprises", "public_authorities"):
            g = gap[side]
            assert g["low"] <= g["annualised_eur_per_year"] <= g["high"]
    s = first.summary(CG)
    assert s == again.summary(CG)
    assert s["total"]["low"] <= s["total"]["eur_per_year"] <= s["total"]["high"]


@SETTINGS
@given(case=cases())
def test_full_coverage_and_legally_obliged_add_nothing(base, case):
    cat, covs = case
    full = {k: coverage(k[0], CG, "full") for k in covs}
    result = assess(cat, [code()], full, with_public_work(base))
    for r in cat.requirements:
        assert result.gap(r.id, CG)["total_eur_per_year"] == 0
    assert result.summary(CG)["total_eur_per_year"] == 0
    assert result.summary(CG)["frontier"] == [{"coverage_index": 1.0, "burden_eur_per_year": 0.0, "requirements": []}]
    # every company already obliged (CSDDD applies to all): no added burden for enterprises
    obliged = with_public_work(
        base,
        **{
            "legal_overlap.population_share.be-cg-2020.csddd.low": 1.0,
            "legal_overlap.population_share.be-cg-2020.csddd.central": 1.0,
            "legal_overlap.population_share.be-cg-2020.csddd.high": 1.0,
        },
    )
    result = assess(cat, [code()], covs, obliged)
    for r in cat.requirements:
        ent = result.gap(r.id, CG)["enterprises"]
        assert ent["annualised_eur_per_year"] == 0 and ent["high"] == 0
        # but the requirement still costs something to a company that is not obliged
        assert ent["per_company_eur_per_year"] >= 0


def test_seed_changes_the_draws_not_the_central(base):
    req = requirement(activities=[activity("assessment", "professional", (60, 600, 3000))])
    cat = catalogue(req)
    covs = {(req.id, CG): coverage(req.id, CG, "none")}
    a = assess(cat, [code()], covs, load_params(base, {"monte_carlo.seed": 1})).gap(req.id, CG)
    b = assess(cat, [code()], covs, load_params(base, {"monte_carlo.seed": 2})).gap(req.id, CG)
    assert a["enterprises"]["annualised_eur_per_year"] == b["enterprises"]["annualised_eur_per_year"]
    assert (a["enterprises"]["low"], a["enterprises"]["high"]) != (b["enterprises"]["low"], b["enterprises"]["high"])
    assert a["enterprises"]["low"] < a["enterprises"]["annualised_eur_per_year"] < a["enterprises"]["high"]


def test_degenerate_ranges_give_a_point(base):
    fixed = {k: 60.0 if "public" not in k else 70.0 for k in TARIFF_KEYS}
    params = load_params(base, {**fixed, "population_spread.be-cg-2020.low": 1, "population_spread.be-cg-2020.high": 1})
    req = requirement(activities=[activity("assessment", "professional", (120, 120, 120))])
    covs = {(req.id, CG): coverage(req.id, CG, "none")}
    gap = assess(catalogue(req), [code()], covs, params).gap(req.id, CG)
    assert gap["enterprises"]["low"] == gap["enterprises"]["annualised_eur_per_year"] == gap["enterprises"]["high"] == 100 * 2 * 60


def test_progress_bar_only_when_asked(base, capsys):
    req = requirement(activities=[activity()])
    covs = {(req.id, CG): coverage(req.id, CG, "none")}
    params = load_params(base, {"monte_carlo.draws": 1000})
    assess(catalogue(req), [code()], covs, params)
    assert capsys.readouterr().err == ""
    assess(catalogue(req), [code()], covs, params, progress=True)
    err = capsys.readouterr()
    assert "burden" in err.err and err.out == ""
