"""Priced codes kept on disk (`burden.stored`): a new process reads back exactly the figures
an earlier one priced from the same inputs, and prices again whatever changed."""

from __future__ import annotations

import dataclasses

import pytest

from codecheck import burden, matching
from codecheck.burden import assessment, stored
from codecheck.catalogue import load_catalogue
from codecheck.documents import load_code

CODES = ("be-cg-2020", "be-buysse-iv-2024")


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CODECHECK_NO_CACHE", raising=False)
    return tmp_path / "burden"


@pytest.fixture()
def priced(monkeypatch):
    """The codes `assess` prices itself (not read back), with the memory of this process off."""
    seen: list[str] = []
    real = assessment._assess_code

    def counting(p, c, cov, cid, *rest):
        seen.append(cid)
        return real(p, c, cov, cid, *rest)

    monkeypatch.setattr(assessment, "_assess_code", counting)
    monkeypatch.setattr(assessment, "_PRICED", [])  # what earlier tests priced in this process
    monkeypatch.setattr(assessment, "PRICED_KEPT", 0)  # ... and later calls: as in a new process, every time
    return seen


@pytest.fixture(scope="module")
def inputs():
    catalogue = load_catalogue()
    codes = [load_code(c) for c in CODES]
    return catalogue, codes, matching.assess(codes, catalogue)


def figures(result):
    return ({k: g.to_dict() for k, g in result.gaps.items()}, dict(result.summaries))


def test_a_new_process_reads_back_what_an_earlier_one_priced(cache, priced, inputs, monkeypatch):
    catalogue, codes, coverages = inputs
    params = burden.load_params()
    first = burden.assess(catalogue, codes, coverages, params)
    assert priced == list(CODES) and len(list(cache.glob("*.pickle"))) == 2
    priced.clear()
    again = burden.assess(catalogue, codes, coverages, params)
    assert priced == [] and figures(again) == figures(first)
    assert again.gaps == first.gaps  # the same objects' values, types included
    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")
    fresh = burden.assess(catalogue, codes, coverages, params)
    assert priced == list(CODES) and figures(fresh) == figures(first)


def test_what_changed_is_priced_again(cache, priced, inputs):
    catalogue, codes, coverages = inputs
    params = burden.load_params()
    burden.assess(catalogue, codes, coverages, params)
    priced.clear()
    # one code's coverage: that code alone
    changed = dict(coverages)
    key = next(k for k, c in coverages.items() if k[1] == "be-cg-2020" and c.level.value != "none")
    changed[key] = dataclasses.replace(coverages[key], score=0.0, level=type(coverages[key].level)("none"))
    burden.assess(catalogue, codes, changed, params)
    assert priced == ["be-cg-2020"]
    # a parameter, a requirement's weight, the packages asked for or not: every code
    for args in (
        (catalogue, codes, coverages, burden.load_params(overrides={"tariff_eur_per_hour.central": 61})),
        (dataclasses.replace(catalogue, requirements=(dataclasses.replace(
            catalogue.requirements[0], weight=catalogue.requirements[0].weight + 1),) + catalogue.requirements[1:]),
         codes, coverages, params),
    ):
        priced.clear()
        burden.assess(*args)
        assert priced == list(CODES)
    priced.clear()
    burden.assess(catalogue, codes, coverages, params, with_frontier=False)
    assert priced == list(CODES)
    # a term, which only matching reads: nothing
    priced.clear()
    r = catalogue.requirements[0]
    edited = dataclasses.replace(catalogue, requirements=(dataclasses.replace(
        r, terms={**r.terms, "en": tuple(r.terms["en"]) + ("a term nothing matches",)}),) + catalogue.requirements[1:])
    burden.assess(edited, codes, coverages, params)
    assert priced == []


def test_a_file_that_cannot_be_read_or_holds_something_else_is_priced_again(cache, priced, inputs):
    catalogue, codes, coverages = inputs
    params = burden.load_params()
    first = figures(burden.assess(catalogue, codes, coverages, params))
    files = sorted(cache.glob("*.pickle"))
    import pickle

    files[0].write_bytes(pickle.dumps(({}, {("UNGP-16", "x"): "not a gap"})))  # a pickle, but not of a priced code
    files[1].write_bytes(files[1].read_bytes()[:100])  # truncated
    priced.clear()
    assert figures(burden.assess(catalogue, codes, coverages, params)) == first
    assert sorted(priced) == sorted(CODES)
    priced.clear()
    burden.assess(catalogue, codes, coverages, params)  # written anew
    assert priced == []


def test_nothing_is_kept_without_a_cache(cache, priced, inputs, monkeypatch):
    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")
    catalogue, codes, coverages = inputs
    burden.assess(catalogue, codes, coverages, burden.load_params())
    assert not cache.exists() and stored.folder() is None


def test_the_name_covers_the_model_and_the_inputs_as_they_compare(monkeypatch):
    params = burden.load_params()
    before = stored.digest(params)
    params.number("monte_carlo.pert_shape", 4.0)  # fills the look-up memo, which is no input
    assert stored.digest(params) == before
    assert stored.digest(burden.load_params(overrides={"tariff_eur_per_hour.central": 61})) != before
    name = stored.key("a", "b")
    assert stored.key("a", "c") != name and stored.key("ab") != name
    monkeypatch.setattr(stored, "_model_digest", lambda: "another model")
    assert stored.key("a", "b") != name
    monkeypatch.setattr(stored, "_model_digest", lambda: "")  # its source unreadable: nothing kept
    assert stored.key("a", "b") is None
    stored.save(None, {"n": 1})
    assert stored.load(None) is None


def test_any_value_a_yaml_file_gives_has_a_digest():
    import datetime

    value = {"applies_from": datetime.date(2024, 1, 1), "share": float("nan"), "path": __import__("pathlib").Path("x")}
    assert stored.digest(value) == stored.digest(dict(value))
    assert stored.digest(value) != stored.digest({**value, "applies_from": "2024-01-01"})


def test_the_folder_keeps_the_newest_files(cache, monkeypatch):
    import os

    monkeypatch.setattr(stored, "KEPT", 2)
    for n, name in enumerate(("old", "middle", "new")):
        stored.save(name, {"n": n})
        os.utime(cache / f"{name}.pickle", (1_000_000 + n, 1_000_000 + n))
    assert sorted(p.stem for p in cache.glob("*.pickle")) == ["middle", "new"]
    assert stored.load("new") == {"n": 2} and stored.load("old") is None
    assert not list(cache.glob("*.tmp"))
