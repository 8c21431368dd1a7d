"""Speed-ups of the cold report that must not change any result.

- `frontier._prune` screens large inputs against a sample's frontier before sorting:
  same indices as the plain sort (`_prune_all`), ties and EPS included;
- `model.Inputs` computes the annuity and the population once per sampler and still
  records, on every call, the parameters they use (the gap's cited sources);
- `report.build` copies the burden summary and pools sources without `copy.deepcopy`
  or one `json.dumps` per source: same data as the slow way.
"""

from __future__ import annotations

import dataclasses
import copy
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codecheck.burden import frontier
from codecheck.burden.model import Inputs
from codecheck.burden.params import load_params
from codecheck.burden.sampling import Sampler
from codecheck.report import build


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=30_000),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    kind=st.sampled_from(["ties", "smooth", "rounded"]),
)
def test_prune_screening_keeps_exactly_the_plain_result(n, seed, kind):
    rng = np.random.default_rng(seed)
    if kind == "ties":  # many equal costs and equal gains
        cost = rng.integers(0, 40, n).astype(float)
        gain = rng.integers(0, 25, n) / 7.0
    elif kind == "smooth":  # gains differing by less than EPS
        cost = rng.random(n) * 1e6
        gain = np.sqrt(cost) / 1000 + rng.random(n) * 3e-12
    else:
        cost = np.round(rng.random(n) * 100, 1)
        gain = np.round(rng.random(n), 2)
    assert np.array_equal(frontier._prune(cost, gain), frontier._prune_all(cost, gain))


def test_prune_screening_is_used_and_drops_dominated_points():
    n = 4 * frontier.PRUNE_SAMPLE + 1000
    cost = np.arange(n, dtype=float)
    gain = np.zeros(n)
    gain[-1] = 1.0  # only the first (cheapest, gain 0) and the last point are undominated
    assert list(frontier._prune(cost, gain)) == [0, n - 1]


def _fresh(sampler):
    return Inputs(load_params(), "be-cg-2020", sampler)


@pytest.mark.parametrize("draws", [None, 64])
def test_memoised_annuity_and_population_equal_fresh_values_and_record_their_parameters(draws):
    sampler = Sampler(draws, 7)
    first = _fresh(sampler)
    a1 = first.annuity()
    p1, known1 = first.population()
    second = _fresh(sampler)  # a second gap of the same code: served from the memo
    a2 = second.annuity()
    p2, known2 = second.population()
    assert second.used == first.used and first.used  # the gap still cites its sources
    assert "discount_rate" in first.used or "annualisation_years" in first.used
    other = _fresh(Sampler(draws, 7))  # computed anew
    np.testing.assert_array_equal(np.asarray(a1), np.asarray(other._annuity()))
    np.testing.assert_array_equal(np.asarray(p1), np.asarray(other._population()[0]))
    np.testing.assert_array_equal(np.asarray(a1), np.asarray(a2))
    np.testing.assert_array_equal(np.asarray(p1), np.asarray(p2))
    assert known1 == known2


def test_population_memo_is_per_code():
    sampler = Sampler(None)
    params = load_params(overrides={"population.be-cg-2020": 120})
    a = Inputs(params, "be-cg-2020", sampler).population()
    b = Inputs(params, "nl-cg-2022", sampler).population()
    assert a[0] == 120.0
    assert b == Inputs(params, "nl-cg-2022", Sampler(None))._population()


def test_plain_copy_equals_deepcopy_and_is_independent():
    data = {"a": [1, 2.5, {"b": (1, [2, 3])}], "c": None, "d": {"e": "x"}}
    copied = build._copy(data)
    assert copied == copy.deepcopy(data)
    copied["a"][2]["b"][1].append(4)
    copied["d"]["e"] = "y"
    assert data == {"a": [1, 2.5, {"b": (1, [2, 3])}], "c": None, "d": {"e": "x"}}


def test_pooling_tells_apart_what_json_tells_apart():
    """Sources are pooled by their JSON text: 2020 / 2020.0 / True stay apart, a tuple and
    a list or two key orders with the same JSON are one source, shared objects count once."""
    from types import MappingProxyType

    shared = MappingProxyType({"parameters": ("a",), "year": 2020})
    values = [
        {"parameters": ["a"], "year": 2020},
        {"parameters": ["a"], "year": 2020.0},
        {"parameters": ["a"], "year": True},
        {"parameters": ("a",), "year": 2020},  # same JSON as the first
        {"year": 2020, "parameters": ["a"]},  # same JSON as the first (sorted keys)
        shared,
        shared,
        {"parameters": ["a", "b"], "year": None},
    ]
    reqs = [{"burden": {"c": {"sources": list(values)}}}]
    pooled = build._pool_sources(reqs)
    texts = {json.dumps(build._plain(v), sort_keys=True) for v in values}
    assert len(pooled) == len(texts) == 4
    cited = reqs[0]["burden"]["c"]["sources"]
    assert cited[0] == cited[3] == cited[4] == cited[5] == cited[6]
    assert len({cited[0], cited[1], cited[2], cited[7]}) == 4
    assert all(isinstance(p["parameters"], list) for p in pooled)  # plain JSON data


def test_pooled_sources_equal_one_dump_per_source():
    src_a = {"parameters": ["x"], "text": "A", "url": None, "year": 2020}
    src_b = {"parameters": ["y"], "text": "B", "url": "u", "year": 2021}
    reqs = [
        {"burden": {"c1": {"sources": [dict(src_b), dict(src_a)]}, "c2": {"sources": [dict(src_a)]}}},
        {"burden": {"c1": {"sources": [dict(src_b)]}, "c2": {}}},
    ]
    pooled = build._pool_sources(reqs)
    assert pooled == [{"id": "S001", **src_a}, {"id": "S002", **src_b}]
    assert reqs[0]["burden"]["c1"]["sources"] == ["S002", "S001"]
    assert reqs[0]["burden"]["c2"]["sources"] == ["S001"]
    assert reqs[1]["burden"]["c1"]["sources"] == ["S002"]
    assert "sources" not in reqs[1]["burden"]["c2"]


def test_source_entries_are_shared_read_only_and_copied_for_users():
    from codecheck.burden import assessment

    params = load_params()
    used = {"discount_rate", "annualisation_years", "population.be-cg-2020"}

    class Req:  # no burden profile: only the parameters' sources
        burden = ()

    first = assessment._source_entries(params, set(used), Req())
    assert ("source_entries", frozenset(used)) in params._memo
    second = assessment._source_entries(params, set(used), Req())
    fresh = assessment._source_entries(load_params(), set(used), Req())
    assert first == second == fresh and first
    assert all(a is b for a, b in zip(first, second))  # shared, not copied per gap
    assert sorted(k for e in first for k in e["parameters"]) == sorted(used)
    with pytest.raises(TypeError):
        second[0]["text"] = "changed"  # read-only, so sharing is safe
    gap = assessment.GapBurden("R", "c", "none", assessment.SideCost.zero(), assessment.SideCost.zero(), (), first)
    plain = gap.to_dict()["sources"]
    plain[0]["parameters"].append("changed")  # users get fresh copies they may change
    assert "changed" not in gap.to_dict()["sources"][0]["parameters"]
    assert "changed" not in first[0]["parameters"]


def test_assess_moves_what_it_leaves_to_the_oldest_generation(monkeypatch):
    """What matching leaves behind (evidence, memos, compiled terms) is long-lived: `assess`
    moves it to the collector's oldest generation unwalked, so the young passes after it do
    not walk it again; not when the caller keeps objects frozen, and the collector's state
    is left as it was."""
    import gc

    from codecheck import matching
    from codecheck.catalogue import load_catalogue
    from codecheck.documents import load_code
    from codecheck.matching import terms

    code = load_code("be-cg-2020", "en")
    catalogue = load_catalogue()
    matching.assess([code], catalogue)  # spaCy imported, its pipeline loaded
    monkeypatch.setattr(terms, "_REQUIREMENTS", {})  # the catalogue compiled as in a fresh process
    monkeypatch.setattr(terms, "_TERM_USES", {})
    monkeypatch.setattr(terms, "_LATEST", {})
    monkeypatch.setattr(terms, "_BY_SIGNATURE", {})
    monkeypatch.setattr(terms, "_COMPILED", {})

    def generation_of(obj) -> int:
        return next(g for g in range(3) if any(o is obj for o in gc.get_objects(g)))

    collections = []

    def record(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    assert gc.isenabled()
    gc.collect()
    gc.callbacks.append(record)
    try:
        coverage = matching.assess([code], catalogue)
        walked = list(collections)
    finally:
        gc.callbacks.remove(record)
    assert walked == []  # the collector never walked what matching allocated
    assert gc.isenabled()
    evidence = next(e for c in coverage.values() for e in c.evidence)
    assert generation_of(evidence) == 2
    assert generation_of(next(iter(terms._COMPILED.values()))) == 2

    gc.freeze()  # a caller's own frozen objects: left frozen, nothing promoted
    try:
        coverage = matching.assess([code], catalogue)
        evidence = next(e for c in coverage.values() for e in c.evidence)
        assert generation_of(evidence) in (0, 1)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    gc.disable()  # a caller who turned the collector off keeps it off
    try:
        matching.assess([code], catalogue)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_re_analysis_leaving_few_objects_does_not_count_the_frozen_ones(monkeypatch):
    """`gc.get_freeze_count()` walks every frozen object (~50 ms for a caller who froze a
    notebook's objects); a re-analysis that left few objects has nothing worth promoting
    and must not pay for it. A first analysis, which leaves many, still promotes them."""
    import gc

    from codecheck import matching
    from codecheck.catalogue import load_catalogue
    from codecheck.documents import load_code
    from codecheck.matching import terms

    code = load_code("be-cg-2020", "en")
    catalogue = load_catalogue()
    matching.assess([code], catalogue)
    counted = []
    real = gc.get_freeze_count
    monkeypatch.setattr(gc, "get_freeze_count", lambda: counted.append(1) or real())
    first = catalogue.requirements[0]
    edited = dataclasses.replace(catalogue, requirements=(dataclasses.replace(
        first, terms={**first.terms, "en": tuple(first.terms["en"]) + ("a freshly edited term",)}),)
        + catalogue.requirements[1:])
    matching.assess([code], edited)
    assert not counted
    monkeypatch.setattr(terms, "_REQUIREMENTS", {})  # compiled as in a fresh process: many objects
    monkeypatch.setattr(terms, "_COMPILED", {})
    monkeypatch.setattr(terms, "_TERM_USES", {})
    monkeypatch.setattr(terms, "_LATEST", {})
    monkeypatch.setattr(terms, "_BY_SIGNATURE", {})
    matching.assess([code], catalogue)
    assert counted
