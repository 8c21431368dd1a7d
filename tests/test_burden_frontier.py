"""The amendment-package frontier: exact, monotone, undominated (checked by brute force)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_burden_fixtures import activity, catalogue, code, coverage, plain_params, requirement

from codecheck.burden import Item, assess, best_package, coverage_index, load_params, pareto_frontier
from codecheck.burden.frontier import MAX_EXACT_GROUP
from codecheck.errors import UsageError

CG = "be-cg-2020"


def brute_cost(items, subset, extra, fixed):
    """Cost of a package, written independently of the library."""
    if not subset:
        return 0.0
    total = fixed + sum(items[i].cost for i in subset)
    by_slot = {}
    for i in subset:
        for key, value in items[i].slots:
            by_slot.setdefault((items[i].group, key), []).append(value)
    for values in by_slot.values():
        total += max(values) + extra * (sum(values) - max(values))
    return total


def brute_frontier(items, extra, fixed, base):
    points = []
    for n in range(len(items) + 1):
        for subset in itertools.combinations(range(len(items)), n):
            points.append((brute_cost(items, subset, extra, fixed), base + sum(items[i].gain for i in subset)))
    undominated = []
    for c, g in points:
        if not any((c2 <= c + 1e-9 and g2 >= g - 1e-12) and (c2 < c - 1e-9 or g2 > g + 1e-12) for c2, g2 in points):
            undominated.append((round(c, 6), round(g, 9)))
    return sorted(set(undominated))


@st.composite
def item_sets(draw):
    n = draw(st.integers(0, 8))
    items = []
    for i in range(n):
        group = draw(st.sampled_from(["policy", "risk", "report"]))
        slots = tuple(
            sorted(
                {(k, draw(st.floats(0, 1000).map(lambda x: round(x, 2)))) for k in draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True))}
            )
        )
        items.append(
            Item(
                id=f"R-{i}",
                cost=draw(st.floats(0, 500).map(lambda x: round(x, 2))),
                gain=draw(st.sampled_from([0.0, 0.01, 0.02, 0.03, 0.025, 0.05])),
                group=group,
                slots=slots,
            )
        )
    return items


def test_two_packages_of_the_same_cost_in_another_summing_order():
    """3.19 + 1.62 + 1.0 and 3.19 + 1.0 + 1.62 differ in the last bits: the package that
    covers more must win the tie, not the one that is cheaper by 1e-15 (found by hypothesis)."""
    items = [Item(id="R-0", cost=3.19, gain=0.03, group="policy", slots=(("a", 1.0),)),
             Item(id="R-1", cost=1.62, gain=0.02, group="policy", slots=(("a", 0.0),)),
             Item(id="R-2", cost=1.62, gain=0.01, group="policy")]
    frontier, method = pareto_frontier(items, 0.0, 0.0, extra=0.0)
    got = sorted({(round(p.burden_eur_per_year, 6), round(p.coverage_index, 9)) for p in frontier})
    assert method == "exact" and got == brute_frontier(items, 0.0, 0.0, 0.0)
    assert (5.81, 0.04) not in got


@settings(max_examples=60, deadline=None)
@given(items=item_sets(), extra=st.sampled_from([0.0, 0.25, 1.0]), fixed=st.sampled_from([0.0, 300.0]), base=st.floats(0, 0.5))
def test_frontier_matches_brute_force(items, extra, fixed, base):
    frontier, method = pareto_frontier(items, base, fixed, extra=extra)
    assert method == "exact"
    got = sorted({(round(p.burden_eur_per_year, 6), round(p.coverage_index, 9)) for p in frontier})
    assert got == brute_frontier(items, extra, fixed, base)
    # ordered by burden, coverage strictly rising, and each package costs what it says
    for a, b in zip(frontier, frontier[1:]):
        assert a.burden_eur_per_year < b.burden_eur_per_year
        assert a.coverage_index < b.coverage_index
    by_id = {it.id: n for n, it in enumerate(items)}
    for p in frontier:
        assert p.burden_eur_per_year == pytest.approx(brute_cost(items, [by_id[r] for r in p.requirements], extra, fixed))
        assert list(p.requirements) == sorted(p.requirements)


def test_frontier_of_nothing_is_the_current_state():
    frontier, method = pareto_frontier([], 0.4)
    assert [(p.coverage_index, p.burden_eur_per_year, p.requirements) for p in frontier] == [(0.4, 0.0, ())]
    assert method == "exact"


def test_big_family_is_approximate_and_says_so():
    items = [Item(f"R-{i:02d}", 10.0 + i, 0.01, "risk", (("a", 100.0 + i),)) for i in range(MAX_EXACT_GROUP + 2)]
    frontier, method = pareto_frontier(items, 0.0, extra=0.5)
    assert method == "approximate"
    assert frontier[-1].coverage_index == pytest.approx(0.01 * len(items))
    for a, b in zip(frontier, frontier[1:]):
        assert a.burden_eur_per_year < b.burden_eur_per_year and a.coverage_index < b.coverage_index


def test_sixty_additive_gaps_stay_exact_and_fast():
    import time

    items = [Item(f"R-{i:02d}", 1000.0 + 37 * i, (1 + i % 3) / 150, f"g{i % 9}", (("s", 500.0 + (i * 7919) % 1000),)) for i in range(60)]
    start = time.perf_counter()
    frontier, method = pareto_frontier(items, 0.0, extra=0.25)
    assert method == "exact"
    assert time.perf_counter() - start < 10
    assert frontier[-1].coverage_index == pytest.approx(sum(i.gain for i in items))


FRONTIER = [
    {"coverage_index": 0.5, "burden_eur_per_year": 0.0, "requirements": []},
    {"coverage_index": 0.6, "burden_eur_per_year": 1000.0, "requirements": ["A"]},
    {"coverage_index": 0.8, "burden_eur_per_year": 5000.0, "requirements": ["A", "B"]},
    {"coverage_index": 0.9, "burden_eur_per_year": 9000.0, "requirements": ["A", "B", "C"]},
]


def test_best_package_for_budget_and_target():
    assert best_package(FRONTIER, budget=6000)["requirements"] == ["A", "B"]
    assert best_package(FRONTIER, budget=999)["requirements"] == []
    t = best_package(FRONTIER, target=0.8)
    assert t["requirements"] == ["A", "B"] and t["met"] is True and t["target"] == 0.8
    assert best_package(FRONTIER, target=0.95)["met"] is False
    both = best_package(FRONTIER, budget=2000, target=0.8)
    assert both["met"] is False and both["requirements"] == ["A"]
    assert best_package(FRONTIER) is None
    assert best_package({"frontier": FRONTIER}, budget=10**6)["coverage_index"] == 0.9
    with pytest.raises(UsageError):
        best_package(FRONTIER, budget=-1)
    with pytest.raises(UsageError):
        best_package(FRONTIER, target=1.5)


def test_assessment_frontier_and_recommended(tmp_path):
    params = load_params(plain_params(tmp_path))
    reqs = [
        requirement("UNGP-16", weight=3, activities=[activity("policy-drafting", "professional", (60, 120, 240))]),
        requirement("UNGP-17", weight=2, themes=("due-diligence",), activities=[activity("assessment", "professional", (600, 1200, 2400))]),
        requirement("UNGP-18", weight=1, themes=("due-diligence",), activities=[activity("assessment", "professional", (60, 120, 240))]),
        requirement("UNGP-21", weight=2, themes=("reporting",), obligation="disclosure", activities=[]),
    ]
    covs = {
        ("UNGP-16", CG): coverage("UNGP-16", CG, "none"),
        ("UNGP-17", CG): coverage("UNGP-17", CG, "partial", score=0.5),
        ("UNGP-18", CG): coverage("UNGP-18", CG, "none"),
        ("UNGP-21", CG): coverage("UNGP-21", CG, "full"),
    }
    cat = catalogue(*reqs)
    result = assess(cat, [code()], covs, params, budget=20_000)
    summary = result.summary(CG)
    assert summary["coverage_index"] == pytest.approx(coverage_index(cat, covs, CG)) == pytest.approx((1 + 2) / 8)
    assert summary["method"] == "exact"
    frontier = summary["frontier"]
    assert frontier[0] == {"coverage_index": pytest.approx(3 / 8), "burden_eur_per_year": 0.0, "requirements": []}
    assert frontier[-1]["coverage_index"] == pytest.approx(1.0)
    assert frontier[-1]["requirements"] == ["UNGP-16", "UNGP-17", "UNGP-18"]
    assert summary["total_eur_per_year"] == frontier[-1]["burden_eur_per_year"]
    assert summary["recommended"]["requirements"] == ["UNGP-16"]  # 18,000 a year fits 20,000
    assert summary["requirements_without_burden_profile"] == []
    # summary(...) can ask again with a target instead
    assert result.summary(CG, target=1.0)["recommended"]["met"] is True
    assert best_package(result, CG, budget=0)["requirements"] == []


def test_approximate_family_is_no_worse_than_greedy_and_close_to_exact():
    import random

    rnd = random.Random(5)
    items = [
        Item(f"R-{i:02d}", rnd.uniform(0, 300), rnd.choice([0.01, 0.02, 0.03]), "risk", tuple(sorted((k, rnd.uniform(0, 2000)) for k in rnd.sample("abcde", 2))))
        for i in range(MAX_EXACT_GROUP + 1)
    ]
    approx, method = pareto_frontier(items, 0.0, extra=0.25)
    exact, exact_method = pareto_frontier(items[:MAX_EXACT_GROUP], 0.0, extra=0.25)
    assert method == "approximate" and exact_method == "exact"
    # every approximate package really costs what it says, and the full package is there
    by_id = {i.id: i for i in items}
    from codecheck.burden.frontier import package_cost

    for p in approx:
        assert p.burden_eur_per_year == pytest.approx(package_cost([by_id[r] for r in p.requirements], 0.25))
    assert approx[-1].requirements == tuple(sorted(by_id))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_screened_pruning_equals_plain_pruning_on_subset_enumerations(seed):
    """The sample screen of large point sets (`_prune`) must keep exactly what the plain
    sort-and-scan keeps, on the 2^k subset sums the exact enumeration produces."""
    import numpy as np

    from codecheck.burden.frontier import PRUNE_SAMPLE, _prune, _prune_all

    rng = np.random.default_rng(seed)
    k = 15
    item_cost = rng.uniform(0, 1000, k).round(2)
    item_gain = rng.choice([0.005, 0.01, 0.02, 0.03], k)
    masks = np.arange(1 << k)
    bits = (masks[:, None] >> np.arange(k)) & 1
    cost = bits @ item_cost + rng.uniform(0, 50, len(masks)).round(2) * (masks > 0)
    gain = bits @ item_gain
    assert len(cost) > 4 * PRUNE_SAMPLE  # the screened path is the one tested
    screened, plain = _prune(cost, gain), _prune_all(cost, gain)
    assert np.array_equal(cost[screened], cost[plain]) and np.array_equal(gain[screened], gain[plain])


def test_equal_inputs_reuse_the_frontier_but_never_share_the_list():
    items = [Item("A", 100.0, 0.02, "g", (("s", 50.0),)), Item("B", 80.0, 0.01, "g", (("s", 70.0),))]
    first, method = pareto_frontier(items, 0.1, 10.0, extra=0.25)
    first.append("scribbled")
    again, _ = pareto_frontier(list(items), 0.1, 10.0, extra=0.25)
    assert "scribbled" not in again and again == first[:-1] and method == "exact"
    other, _ = pareto_frontier(items, 0.1, 10.0, extra=1.0)  # sharing changes the costs
    assert [p.burden_eur_per_year for p in other] != [p.burden_eur_per_year for p in again]
