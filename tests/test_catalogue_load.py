"""`load_catalogue`: the frozen dataclasses, file order, errors, the cache."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from test_catalogue_fixtures import VALID, line_of, replace_once, write

from codecheck.catalogue import load, load_catalogue, validate, yamlsafe
from codecheck.errors import CatalogueError, CodecheckError
from codecheck.model import Activity, Catalogue, Citation, Element, Instrument, Requirement


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own disk cache and an empty in-memory cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CODECHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(load, "_MEMORY", {})
    monkeypatch.setattr(validate, "_PARSED", {})
    monkeypatch.setattr(validate, "_SCHEMA_CHECKED", {})
    monkeypatch.setattr(validate, "_SEMANTIC_CHECKED", {})
    monkeypatch.setattr(load, "_PER_FILE", {})
    return folder / "catalogue"


def test_builds_the_model(tmp_path):
    cat = load_catalogue(write(tmp_path, "test.yaml", VALID))
    assert isinstance(cat, Catalogue)
    [inst] = cat.instruments
    assert inst == Instrument("TEST", "A test instrument", "2024", "2024-01-31",
                              "https://example.org/test", "soft-law", inst.source_file)
    assert inst.source_file.endswith("test.yaml")
    r1, r2 = cat.requirements
    assert isinstance(r1, Requirement) and r1.id == "TEST-1" and r1.instrument == "TEST"
    assert r1.citation == Citation("TEST", "Article 1", "2024", "https://example.org/test#1")
    assert r2.citation.url is None
    assert r1.terms == {"en": ("human rights policy", "human rights + policy commitment"),
                        "nl": ("mensenrechtenbeleid",), "fr": ("politique des droits humains",)}
    assert r1.exclude["fr"] == ("ressources humaines",)
    assert r2.exclude == {}
    assert r1.themes == ("policy-commitment",) and r1.weight == 3.0
    assert r1.elements == (Element("approved-by-board", "Approved at the most senior level",
                                   "board-oversight",
                                   {"en": ("approved by the board",),
                                    "nl": ("goedgekeurd door de raad",),
                                    "fr": ("approuvé par le conseil",)}),)
    assert r1.burden == (Activity("policy-drafting", "manager", 240.0, 480.0, 960.0, 1.0,
                                  True, "approved-by-board"),)
    assert r2.burden == ()
    assert r1.verified is True and r2.verified is False
    assert r2.legal_status["applies_from"] == "2029-07-26"
    assert r2.legal_status["changes"][0]["by"] == "Directive (EU) 2026/470"
    assert set(r1.suggested_provision) == {"en", "nl", "fr"}
    assert cat.requirement("TEST-2") is r2 and cat.instrument("TEST") is inst
    with pytest.raises(Exception):
        r1.id = "changed"  # frozen


def test_folder_order_is_file_name_then_file_order(tmp_path):
    write(tmp_path, "b.yaml", VALID)
    write(tmp_path, "a.yaml", VALID.replace("TEST", "ALPHA"))
    (tmp_path / "notes.txt").write_text("not a rule file")
    cat = load_catalogue(tmp_path)
    assert [r.id for r in cat.requirements] == ["ALPHA-1", "ALPHA-2", "TEST-1", "TEST-2"]
    assert [i.id for i in cat.instruments] == ["ALPHA", "TEST"]


def test_error_names_the_first_problem_and_suggests_validate(tmp_path):
    text = replace_once(VALID, "weight: 2\n", "weight: heavy\n")
    text = replace_once(text, "theme: board-oversight", "theme: nope")
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    err = info.value
    assert isinstance(err, CodecheckError) and err.code == "E208"
    assert f"bad.yaml:{line_of(text, 'theme: nope')}:" in err.message
    assert "and 1 more problem" in err.message
    assert "codecheck validate" in err.message


@pytest.mark.parametrize("target", ["missing-folder", "missing.yaml"])
def test_missing_path(tmp_path, target):
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path / target)
    assert info.value.code == "E201"


def test_cache_hits_and_misses(tmp_path, private_cache):
    path = write(tmp_path, "test.yaml", VALID)
    first = load_catalogue(path)
    assert load_catalogue(path) is first  # in memory
    [entry] = private_cache.glob("*.json")
    load._MEMORY.clear()
    from_disk = load_catalogue(path)
    assert from_disk == first and from_disk is not first
    # an edit misses the cache: the new title is seen, and a broken file still raises
    path.write_text(VALID.replace("title: Due diligence", "title: Due diligence, edited"))
    assert load_catalogue(path).requirement("TEST-2").title == "Due diligence, edited"
    path.write_text(VALID.replace("weight: 2\n", "weight: 9\n"))
    with pytest.raises(CatalogueError):
        load_catalogue(path)


def test_an_edit_of_one_rule_file_parses_that_file_only(tmp_path, monkeypatch):
    """In a notebook, editing one rule file re-reads the folder; the files whose text is
    unchanged are not parsed or checked against the schema again, and the result is the
    catalogue a fresh process loads; a broken edit is still reported."""
    folder = tmp_path / "rules"
    folder.mkdir()
    write(folder, "a.yaml", VALID)
    other = VALID.replace("id: TEST\n", "id: OTHER\n").replace("TEST-", "OTHER-")
    write(folder, "b.yaml", other)
    first = load_catalogue(folder)
    parsed = []
    real_load_text = yamlsafe.load_text
    monkeypatch.setattr(yamlsafe, "load_text", lambda text: parsed.append(text) or real_load_text(text))
    checked = []
    real_requirement_problems = validate._requirement_problems
    monkeypatch.setattr(validate, "_requirement_problems",
                        lambda pf, *rest: checked.append(pf.name) or real_requirement_problems(pf, *rest))
    (folder / "b.yaml").write_text(other.replace("title: Due diligence", "title: Due diligence, edited"))
    edited = load_catalogue(folder)
    assert len(parsed) == 1 and "Due diligence, edited" in parsed[0]  # b.yaml only
    assert checked and {Path(name).name for name in checked} == {"b.yaml"}  # its requirements only
    assert edited.requirement("TEST-1") is first.requirement("TEST-1")  # a.yaml's model kept
    assert edited.requirement("OTHER-1") is not first.requirement("OTHER-1")
    assert edited.requirement("OTHER-2").title == "Due diligence, edited"
    validate._PARSED.clear()
    load._MEMORY.clear()
    assert load_catalogue(folder) == edited  # as parsed from scratch
    (folder / "b.yaml").write_text(other.replace("weight: 2\n", "weight: 9\n"))
    with pytest.raises(CatalogueError):
        load_catalogue(folder)
    # a requirement id of a.yaml written in b.yaml: found across files, with a.yaml unchanged
    (folder / "b.yaml").write_text(other.replace("id: OTHER-2", "id: TEST-2"))
    problems = validate.validate_paths([folder])
    assert any(p.code == "E207" and "duplicate requirement id 'TEST-2'" in p.message for p in problems)


def test_corrupt_disk_cache_is_ignored(tmp_path, private_cache):
    path = write(tmp_path, "test.yaml", VALID)
    first = load_catalogue(path)
    [entry] = private_cache.glob("*.json")
    entry.write_text("{not json")
    load._MEMORY.clear()
    assert load_catalogue(path) == first
    assert json.loads(entry.read_text())  # rewritten


def test_no_cache_env(tmp_path, private_cache, monkeypatch):
    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")
    load_catalogue(write(tmp_path, "test.yaml", VALID))
    assert not private_cache.exists()


def test_bundled_catalogue_loads_and_is_fast():
    from codecheck.paths import catalogue_dir

    if not any(catalogue_dir().glob("*.yaml")):
        pytest.skip("rules/catalogue/ has no rule files yet (content still being written)")
    start = time.perf_counter()
    cat = load_catalogue()
    cold = time.perf_counter() - start
    assert cat.requirements and len({r.id for r in cat.requirements}) == len(cat.requirements)
    assert {r.instrument for r in cat.requirements} == {i.id for i in cat.instruments}
    load._MEMORY.clear()
    start = time.perf_counter()
    assert load_catalogue() == cat  # from the disk cache
    warm = time.perf_counter() - start
    # generous bounds for a shared CI machine; typical: cold ~0.2 s, warm ~10 ms
    assert cold < 5 and warm < 0.5, (cold, warm)
