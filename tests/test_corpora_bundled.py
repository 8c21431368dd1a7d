"""Bundled codes: the manifest, digests, the cached official text, `corpora list|add`, and the shipped data."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from codecheck.documents import bundled, cache
from codecheck.errors import DocumentError
from codecheck.model import Code, Provision

MANIFEST = """\
codes:
  zeta:
    title: Zeta code
    edition: "2024"
    publisher: Zeta committee
    default_language: nl
    languages:
      nl: {title: Zetacode, digest: zeta.nl.yaml, url: "https://example.org/zeta-nl.pdf", sha256: null}
      en: {title: Zeta code, digest: zeta.en.yaml, url: null, sha256: null}
  alpha:
    title: Alpha code
    edition: 2017
    languages:
      en: {title: Alpha code}
"""


def digest(code_id, lang, extra=""):
    return (
        f"code: {{id: {code_id}, title: Digest title, language: {lang}, kind: digest{extra}}}\n"
        "provisions:\n"
        "  - {id: P1, kind: principle, heading: First, text: Our paraphrase of the first principle.}\n"
        "  - {id: P1.a, parent: P1, text: Our paraphrase of a provision., verified: false}\n"
    )


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpora"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "zeta.nl.yaml").write_text(digest("zeta", "nl"), encoding="utf-8")
    (folder / "zeta.en.yaml").write_text(digest("zeta", "en"), encoding="utf-8")
    (folder / "alpha.en.yaml").write_text(digest("alpha", "en"), encoding="utf-8")
    import codecheck.paths

    monkeypatch.setattr(codecheck.paths, "corpora_dir", lambda: folder)
    return folder


def test_ids_in_manifest_order(root):
    assert bundled.bundled_ids() == ["zeta", "alpha"]
    assert bundled.manifest()["codes"]["alpha"]["edition"] == "2017"


def test_load_digest_default_language(root):
    code = bundled.load_bundled("zeta")
    assert (code.id, code.language, code.kind) == ("zeta", "nl", "digest")
    assert [p.id for p in code.provisions] == ["P1", "P1.a"]
    assert code.provision("P1.a").verified is False
    # no default_language: the first language
    assert bundled.load_bundled("alpha").language == "en"


def test_unknown_id_and_language(root):
    with pytest.raises(DocumentError) as info:
        bundled.load_bundled("beta")
    assert info.value.code == "E150" and "zeta, alpha" in info.value.message
    with pytest.raises(DocumentError) as info:
        bundled.load_bundled("zeta", "fr")
    assert info.value.code == "E151" and "nl, en" in info.value.message


def test_digest_must_match_manifest(root):
    (root / "alpha.en.yaml").write_text(digest("omega", "en"), encoding="utf-8")
    with pytest.raises(DocumentError, match="omega") as info:
        bundled.load_bundled("alpha")
    assert info.value.code == "E153"
    (root / "alpha.en.yaml").unlink()
    with pytest.raises(DocumentError, match="alpha.en.yaml is missing"):
        bundled.load_bundled("alpha")


def test_bad_manifest(root):
    (root / "manifest.yaml").write_text("codes:\n  x: {title: X}\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="languages") as info:
        bundled.bundled_ids()
    assert info.value.code == "E152"
    (root / "manifest.yaml").write_text(MANIFEST.replace("sha256: null}\n      en", "sha256: 1234}\n      en"))
    with pytest.raises(DocumentError, match="64 hexadecimal digits in quotes"):
        bundled.bundled_ids()
    (root / "manifest.yaml").write_text("codes: [\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="line"):
        bundled.bundled_ids()


def test_without_manifest_the_digest_files_define_the_codes(root):
    (root / "manifest.yaml").unlink()
    assert bundled.bundled_ids() == ["alpha", "zeta"]
    assert bundled.load_bundled("zeta").language == "en"


def official_txt(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "downloaded.txt"
    path.write_text(
        "Zeta code\n\nPrinciple 1 The board leads.\n\n1.1 The board should meet at least four times a year.\n"
        + extra,
        encoding="utf-8",
    )
    return path


def test_prefers_cached_official_text(root, tmp_path, monkeypatch):
    calls = []

    def fake_read_document(path, lang=None):
        calls.append((Path(path), lang))
        return Code(id="downloaded", title="Parsed title", edition="", language=lang, kind="file",
                    source=str(path), provisions=(Provision(id="1.1", text="Parsed text."),))

    monkeypatch.setitem(sys.modules, "codecheck.documents.read",
                        types.SimpleNamespace(read_document=fake_read_document))
    assert bundled.load_bundled("zeta").kind == "digest"
    added = cache.add("zeta", official_txt(tmp_path), "nl")
    code = bundled.load_bundled("zeta")
    assert calls == [(added.path, "nl")]
    assert (code.id, code.title, code.edition, code.language, code.kind) == ("zeta", "Zetacode", "2024", "nl", "official")
    assert str(added.path) in code.source and "https://example.org/zeta-nl.pdf" in code.source
    assert code.sha256 == added.sha256
    assert [p.id for p in code.provisions] == ["1.1"]
    # parsed once while the file is unchanged; parsed again after it changes
    assert bundled.load_bundled("zeta") == code and len(calls) == 1
    cache.add("zeta", official_txt(tmp_path, extra="2.1 Another provision.\n"), "nl")
    assert bundled.load_bundled("zeta").sha256 != code.sha256 and len(calls) == 2
    # the other language still comes from the digest, and the digest can be forced
    assert bundled.load_bundled("zeta", "en").kind == "digest"
    assert bundled.load_bundled("zeta", prefer_official=False).kind == "digest"


def test_unreadable_official_text_says_what_to_do(root, tmp_path, monkeypatch):
    def broken(path, lang=None):
        raise DocumentError("E110", "no text")

    monkeypatch.setitem(sys.modules, "codecheck.documents.read", types.SimpleNamespace(read_document=broken))
    cache.add("zeta", official_txt(tmp_path), "nl")
    with pytest.raises(DocumentError, match="delete that file") as info:
        bundled.load_bundled("zeta")
    assert info.value.code == "E154" and "no text" in info.value.message


def test_official_text_with_real_parser(root, tmp_path):
    pytest.importorskip("codecheck.documents.read")
    added = cache.add("zeta", official_txt(tmp_path), "nl")
    code = bundled.load_bundled("zeta")
    assert code.kind == "official" and code.id == "zeta" and str(added.path) in code.source
    assert code.provisions
    assert "four times a year" in " ".join(p.full_text for p in code.provisions)


# ------------------------------------------------------------------- the CLI


def run_cli(*argv):
    from codecheck.cli import main

    return main(list(argv))


def test_cli_list(root, capsys):
    assert run_cli("corpora", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines[1:]] == [["zeta", "nl*"], ["zeta", "en"], ["alpha", "en"]]
    assert "no URL" in lines[2] and "no URL" not in lines[1]


def test_cli_add(root, tmp_path, capsys):
    assert run_cli("corpora", "add", "zeta", str(official_txt(tmp_path)), "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "zeta (en): added" in out
    assert cache.cached_path("zeta", "en") is not None
    assert run_cli("corpora", "add", "zeta", str(tmp_path / "absent.pdf")) == 2
    assert "E160" in capsys.readouterr().err


def test_cli_add_mismatch_warns(root, tmp_path, capsys):
    (root / "manifest.yaml").write_text(MANIFEST.replace("sha256: null}\n      en", f"sha256: '{'0' * 64}'}}\n      en"))
    assert run_cli("corpora", "add", "zeta", str(official_txt(tmp_path))) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "0" * 64 in err


def test_cli_bad_usage(root, capsys):
    assert run_cli("corpora") == 2
    with pytest.raises(SystemExit) as info:
        run_cli("corpora", "add", "zeta")
    assert info.value.code == 2


# ------------------------------------------------------------------- the shipped data

# Principles whose numbers the research confirms (shared/research/belgian-codes.md).
EXPECTED_PRINCIPLES = {
    "be-cg-2020": [str(n) for n in range(1, 11)],
    "be-buysse-iii-2017": [str(n) for n in range(1, 8)],
}


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE", str(tmp_path / "empty-cache"))


def shipped():
    try:
        return [(c, lang) for c in bundled.bundled_ids()
                for lang in bundled.manifest()["codes"][c]["languages"]]
    except (DocumentError, FileNotFoundError):
        return []


@pytest.mark.parametrize("code_id, lang", shipped())
def test_every_bundled_code_loads_with_its_principles(empty_cache, code_id, lang):
    code = bundled.load_bundled(code_id, lang)
    assert (code.id, code.language, code.kind) == (code_id, lang, "digest")
    assert code.title and code.edition
    principles = [p for p in code.provisions if p.kind == "principle"]
    assert principles, f"{code_id} ({lang}) has no principle"
    for expected in EXPECTED_PRINCIPLES.get(code_id, []):
        assert expected in {p.id for p in principles}, f"{code_id} ({lang}) lacks principle {expected}"
    assert all(p.text.strip() for p in code.provisions)


def test_bundled_languages_share_principles(empty_cache):
    for code_id in bundled.bundled_ids():
        langs = bundled.manifest()["codes"][code_id]["languages"]
        ids = {lang: [p.id for p in bundled.load_bundled(code_id, lang).provisions if p.kind == "principle"]
               for lang in langs}
        first = next(iter(ids.values()))
        assert all(v == first for v in ids.values()), f"{code_id}: principles differ across languages: {ids}"


def test_manifest_lists_every_digest_file():
    folder = bundled.corpora_root()
    listed = {entry.get("digest") for c in bundled.manifest()["codes"].values()
              for entry in c["languages"].values()}
    on_disk = {p.name for p in folder.glob("*.yaml") if p.name != "manifest.yaml"}
    assert on_disk <= listed, f"digests not in the manifest: {sorted(on_disk - listed)}"
