"""The YAML corpus format: reading, every bad file, writing and round trips."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from codecheck.documents.corpus import code_to_dict, read_corpus, write_corpus
from codecheck.errors import DocumentError
from codecheck.model import Code, Provision

GOOD = """\
code:
  id: demo-code
  title: Demo code
  edition: 2024
  language: en
  kind: digest
  publisher: Demo committee
  source: {url: "https://example.org/demo.pdf", retrieved: "2026-01-01"}
  note: written for the tests
provisions:
  - {id: "I", kind: principle, heading: Board, text: The board leads the company.}
  - {id: "I.a", parent: "I", text: The board should meet often., pages: [3, 4]}
  - {id: 2.10, kind: provision, text: Version-like id read as written., verified: false}
  - {id: 7, kind: item, text: A number read as a string.}
  - id: Annex X
    kind: annex
    text: |
      A block of text
      over two lines.
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_reads_ids_that_are_not_numbering_and_optional_parent(tmp_path):
    code = read_corpus(write(tmp_path, GOOD))
    assert [p.id for p in code.provisions] == ["I", "I.a", "2.10", "7", "Annex X"]
    assert code.provision("I").parent is None
    assert code.provision("I.a").parent == "I"
    assert code.provision("I.a").pages == (3, 4)
    assert code.provision("2.10").verified is False
    assert code.provision("I").verified is True
    assert code.provision("Annex X").kind == "annex"
    assert code.provision("Annex X").text == "A block of text\nover two lines."
    assert (code.id, code.title, code.edition, code.language, code.kind) == (
        "demo-code", "Demo code", "2024", "en", "digest")
    assert code.source == "https://example.org/demo.pdf"
    assert code.publisher == "Demo committee"


def test_defaults_kind_file_and_source_path(tmp_path):
    path = write(tmp_path, """\
        code: {id: c, title: C, language: fr}
        provisions:
          - {id: "1", text: Un texte.}
        """)
    code = read_corpus(path)
    assert code.kind == "file"
    assert code.source == str(path)
    assert code.provisions[0].kind == "provision"


def test_language_from_argument_when_file_has_none(tmp_path):
    path = write(tmp_path, "code: {id: c}\nprovisions: [{id: a, text: t}]\n")
    assert read_corpus(path, lang="nl").language == "nl"
    with pytest.raises(DocumentError, match="language"):
        read_corpus(path)


def test_round_trip(tmp_path):
    code = read_corpus(write(tmp_path, GOOD))
    out = write_corpus(code, tmp_path / "sub" / "out.yaml")
    again = read_corpus(out)
    assert again == code
    assert not list((tmp_path / "sub").glob(".*"))  # no temp file left behind


def test_round_trip_of_built_code(tmp_path):
    code = Code(
        id="x", title="X: a title", edition="2.0", language="nl", kind="official",
        source="/some/file.pdf", sha256="ab" * 32,
        provisions=(
            Provision(id="1", kind="principle", text="yes", heading="no"),
            Provision(id="1.1", parent="1", text="# not a comment: really", pages=(2,), verified=False),
            Provision(id="true", text="null"),
        ),
    )
    write_corpus(code, tmp_path / "x.yaml")
    assert read_corpus(tmp_path / "x.yaml") == code


def test_code_to_dict_shape(tmp_path):
    d = code_to_dict(read_corpus(write(tmp_path, GOOD)))
    assert list(d) == ["code", "provisions"]
    assert set(d["code"]) == {"id", "title", "edition", "language", "kind", "source", "publisher"}
    assert [list(p) for p in d["provisions"]][0] == ["id", "kind", "parent", "heading", "text", "pages"]
    assert d["provisions"][1] == {
        "id": "I.a", "kind": "provision", "parent": "I", "heading": "",
        "text": "The board should meet often.", "pages": [3, 4]}
    json.dumps(d)  # JSON-ready


BAD = {
    "no-code": ("provisions: [{id: a, text: t}]\n", "E142", "`code`"),
    "no-provisions": ("code: {id: c, language: en}\n", "E142", "`provisions`"),
    "empty-provisions": ("code: {id: c, language: en}\nprovisions: []\n", "E142", "empty"),
    "provisions-not-list": ("code: {id: c, language: en}\nprovisions: {a: b}\n", "E142", "list"),
    "top-is-list": ("- a\n- b\n", "E142", "mapping"),
    "empty-file": ("", "E142", "mapping"),
    "code-not-mapping": ("code: c\nprovisions: [{id: a, text: t}]\n", "E142", "mapping"),
    "no-code-id": ("code: {title: T, language: en}\nprovisions: [{id: a, text: t}]\n", "E143", "code.id"),
    "bad-language": ("code: {id: c, language: de}\nprovisions: [{id: a, text: t}]\n", "E143", "de"),
    "bad-code-kind": ("code: {id: c, language: en, kind: summary}\nprovisions: [{id: a, text: t}]\n", "E146", "summary"),
    "bad-sha": ("code: {id: c, language: en, source: {sha256: abc}}\nprovisions: [{id: a, text: t}]\n", "E143", "sha256"),
    "no-id": ("code: {id: c, language: en}\nprovisions:\n  - {text: t}\n", "E144", "no `id`"),
    "null-id": ("code: {id: c, language: en}\nprovisions:\n  - {id: ~, text: t}\n", "E144", "no `id`"),
    "no-text": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, heading: h}\n", "E144", "no `text`"),
    "empty-text": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: '  '}\n", "E144", "no `text`"),
    "list-text": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: [x]}\n", "E144", "string"),
    "provision-not-mapping": ("code: {id: c, language: en}\nprovisions:\n  - just text\n", "E144", "mapping"),
    "duplicate-id": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: t}\n  - {id: a, text: u}\n", "E145", "line 3"),
    "duplicate-key": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: t, text: u}\n", "E145", "twice"),
    "bad-kind": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, kind: article, text: t}\n", "E146", "article"),
    "unknown-parent": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, parent: z, text: t}\n", "E147", "'z'"),
    "parent-cycle": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, parent: b, text: t}\n  - {id: b, parent: a, text: t}\n", "E147", "cycle"),
    "unknown-field": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, txt: t, text: t}\n", "E148", "txt"),
    "unknown-code-field": ("code: {id: c, language: en, lang: en}\nprovisions: [{id: a, text: t}]\n", "E148", "code.lang"),
    "bad-verified": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: t, verified: maybe}\n", "E144", "verified"),
    "bad-pages": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: t, pages: [p3]}\n", "E144", "pages"),
    "bad-yaml": ("code: {id: c, language: en}\nprovisions:\n  - {id: a, text: t\n  - {id: b}\n", "E141", "line"),
    "bad-indent": ("code:\n  id: c\n language: en\nprovisions: []\n", "E141", "line 3"),
    "python-tag": ("code: !!python/object/apply:os.system [echo hi]\nprovisions: []\n", "E141", "line 1"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_corpus_files(tmp_path, name):
    text, code, fragment = BAD[name]
    path = write(tmp_path, text)
    with pytest.raises(DocumentError) as info:
        read_corpus(path)
    assert info.value.code == code, info.value
    assert fragment in info.value.message
    assert str(path) in info.value.message


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(DocumentError, match="no such file") as info:
        read_corpus(tmp_path / "absent.yaml")
    assert info.value.code == "E140"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("code: {id: c, language: fr, title: Société}\n".encode("latin-1"))
    with pytest.raises(DocumentError, match="UTF-8"):
        read_corpus(latin)


# ------------------------------------------------------------------- property: round trip

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff") | st.just("\n")
_text = st.text(_chars, min_size=1, max_size=40).map(str.strip).filter(bool)
_id = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=8).map(
    str.strip).filter(bool)


@st.composite
def codes(draw):
    ids = draw(st.lists(_id, min_size=1, max_size=6, unique=True))
    provisions = []
    for i, pid in enumerate(ids):
        parent = draw(st.sampled_from([None] + ids[:i]))
        provisions.append(Provision(
            id=pid, kind=draw(st.sampled_from(["principle", "provision", "item", "annex"])),
            text=draw(_text), heading=draw(_text | st.just("")), parent=parent,
            pages=tuple(draw(st.lists(st.integers(1, 500), max_size=3))), verified=draw(st.booleans()),
        ))
    return Code(id=draw(_id), title=draw(_text), edition=draw(_text | st.just("")),
                language=draw(st.sampled_from(["en", "nl", "fr"])),
                kind=draw(st.sampled_from(["digest", "official", "file"])),
                source=draw(st.sampled_from(["https://example.org/x.pdf", "/tmp/some file.pdf"])),
                publisher=draw(_text | st.just("")), provisions=tuple(provisions))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=codes())
def test_write_read_round_trip_property(tmp_path, code):
    path = write_corpus(code, tmp_path / "rt.yaml")
    assert read_corpus(path) == code


def test_written_file_has_usual_permissions(tmp_path):
    import os

    code = Code(id="x", title="X", edition="", language="en", kind="file", source="s",
                provisions=(Provision(id="1", text="t"),))
    path = write_corpus(code, tmp_path / "perm.yaml")
    if os.name == "posix":
        umask = os.umask(0o022)
        os.umask(umask)
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask
