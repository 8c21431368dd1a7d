"""Safe YAML loading: marks for every node, duplicate keys, tags, size and alias limits."""

from __future__ import annotations

import time

import pytest

from codecheck.catalogue import yamlsafe
from codecheck.catalogue.yamlsafe import YamlError, load_text

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_marks_for_values_and_keys():
    loaded = load_text("a: 1\nb:\n  - x\n  - {c: true}\n")
    assert loaded.data == {"a": 1, "b": ["x", {"c": True}]}
    assert loaded.marks[("a",)] == (1, 4)
    assert loaded.key_marks[("b",)] == (2, 1)
    assert loaded.marks[("b", 1)] == (4, 5)
    assert loaded.marks[("b", 1, "c")] == (4, 9)
    assert loaded.position(("b", 1, "missing")) == (4, 5)  # nearest ancestor


def test_duplicate_key_is_reported_at_the_second_key():
    loaded = load_text("x: 1\ny:\n  z: 1\n  z: 2\n")
    [issue] = loaded.issues
    assert (issue.line, issue.column, issue.kind) == (4, 3, "duplicate-key")
    assert "first at line 3" in issue.message


def test_python_tag_is_refused_and_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"ok: 1\nbad: !!python/object/apply:os.system ['touch {marker}']\n"
    loaded = load_text(text)
    assert loaded.data["bad"] is None
    [issue] = loaded.issues
    assert issue.kind == "tag" and issue.line == 2
    assert "Python tag" in issue.message
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!custom 3"])
def test_other_tags_are_refused(tag):
    loaded = load_text(f"x: {tag}\n")
    assert [i.kind for i in loaded.issues] == ["tag"]


def test_billion_laughs_is_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(YamlError) as info:
        load_text(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert info.value.issue.kind == "limit"
    assert "billion laughs" in info.value.issue.message
    assert 1 <= info.value.issue.line <= 9


def test_small_aliases_are_fine():
    loaded = load_text("base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n")
    assert loaded.data == {"base": {"x": 1}, "use": {"x": 1}, "merged": {"x": 1, "y": 2}}


def test_recursive_alias_is_refused():
    with pytest.raises(YamlError) as info:
        load_text("a: &a [1, *a]\n")
    assert info.value.issue.kind == "limit"


def test_size_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("x: " + "y" * 200 + "\n")
    with pytest.raises(YamlError) as info:
        yamlsafe.load_file(path)
    assert info.value.issue.kind == "limit"


def test_syntax_error_position():
    with pytest.raises(YamlError) as info:
        load_text("a: 1\nb: [1, 2\nc: 3\n")
    assert info.value.issue.kind == "syntax"
    assert info.value.issue.line in (2, 3)


def test_dates_stay_text_and_scalars_are_typed():
    loaded = load_text("d: 2011-06-16\nn: 3\nf: 1.5\nb: false\nz: null\ns: '3'\n")
    assert loaded.data == {"d": "2011-06-16", "n": 3, "f": 1.5, "b": False, "z": None, "s": "3"}


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(YamlError) as info:
        yamlsafe.load_file(path)
    assert info.value.issue.line == 2 and "UTF-8" in info.value.issue.message


@pytest.mark.parametrize(
    "text, line, hint",
    [
        ("a:\n  b: 1\n\tc: 2\n", 3, "spaces, not tabs"),
        ("a: 1\nsummary: The company: commits\n", 2, "put in quotes"),
        ("a:\n  b: 1\n   c: 2\n", 3, "indented too far"),
        ("a:\n  b: 1\n c: 2\n", 3, "indentation"),
    ],
)
def test_syntax_errors_say_what_to_do(text, line, hint):
    with pytest.raises(YamlError) as info:
        load_text(text)
    assert info.value.issue.line == line
    assert hint in info.value.issue.message
