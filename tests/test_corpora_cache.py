"""Fetching and adding official documents, against a local HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading
from pathlib import Path

import pytest

from codecheck.documents import cache
from codecheck.errors import DocumentError

GOOD = b"%PDF-1.4\n" + b"official text of the demo code\n" * 200
OTHER = b"%PDF-1.4\n" + b"a different print of the demo code\n" * 200
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's API
        Handler.hits.append(self.path)
        if self.path in ("/docs/good.pdf", "/docs/unpinned.pdf"):
            self._send(200, GOOD, "application/pdf")
        elif self.path == "/docs/changed.pdf":
            self._send(200, OTHER, "application/pdf")
        elif self.path == "/docs/page.pdf":
            self._send(200, b"<!doctype html><title>Not here</title>", "text/html")
        elif self.path == "/docs/cut.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD[:300])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


MANIFEST = """\
codes:
  demo:
    title: Demo code
    edition: "2024"
    publisher: Demo committee
    landing_page: https://example.org/demo
    default_language: en
    languages:
      en: {{title: Demo code, digest: demo.en.yaml, url: "https://example.org/docs/{en}", sha256: {sha}}}
      nl: {{title: Democode, digest: demo.nl.yaml, url: "https://example.org/docs/{nl}", sha256: null}}
      fr: {{title: Code démo, digest: demo.fr.yaml, url: null, sha256: null}}
"""


def make_corpora(tmp_path: Path, en="good.pdf", nl="unpinned.pdf", sha=GOOD_SHA) -> Path:
    root = tmp_path / "corpora"
    root.mkdir()
    (root / "manifest.yaml").write_text(MANIFEST.format(en=en, nl=nl, sha=sha), encoding="utf-8")
    for lang in ("en", "nl", "fr"):
        (root / f"demo.{lang}.yaml").write_text(
            f"code: {{id: demo, title: Demo, language: {lang}, kind: digest}}\n"
            "provisions:\n  - {id: '1', kind: principle, text: Our paraphrase.}\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture
def env(tmp_path, monkeypatch, server):
    monkeypatch.setenv("CODECHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CODECHECK_MIRROR", server)
    return tmp_path


def only(results, lang):
    [r] = [r for r in results if r.lang == lang]
    return r


def test_cache_dir_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("CODECHECK_CACHE")
    assert cache.cache_dir().name.lower() == "codecheck" or "codecheck" in str(cache.cache_dir()).lower()


def test_good_download_verified_against_pin(env):
    root = make_corpora(env)
    results = cache.fetch(["demo"], ["en"], root=root)
    r = only(results, "en")
    assert r.status == "downloaded", r.message
    assert r.ok and "verified against the manifest" in r.message
    assert r.path == env / "cache" / "official" / "demo.en.pdf"
    assert r.path.read_bytes() == GOOD
    assert cache.cached_path("demo", "en") == r.path
    assert cache.cached_path("demo", "nl") is None
    # nothing half-written left behind
    assert sorted(p.name for p in r.path.parent.iterdir()) == ["demo.en.pdf"]
    # a second fetch does not download again
    before = len(Handler.hits)
    again = only(cache.fetch(["demo"], ["en"], root=root), "en")
    assert again.status == "cached" and len(Handler.hits) == before


def test_unpinned_download_records_checksum_then_enforces_it(env):
    root = make_corpora(env, nl="unpinned.pdf")
    r = only(cache.fetch(["demo"], ["nl"], root=root), "nl")
    assert r.status == "downloaded" and "recorded" in r.message
    recorded = json.loads((env / "cache" / "checksums.json").read_text())["files"]["demo.nl"]
    assert recorded["sha256"] == GOOD_SHA and recorded["origin"] == "fetch"
    # the publisher's file changes: a forced refetch without --force-accept is refused...
    r.path.unlink()
    (env / "corpora" / "manifest.yaml").write_text(
        (env / "corpora" / "manifest.yaml").read_text().replace("unpinned.pdf", "changed.pdf"))
    bad = only(cache.fetch(["demo"], ["nl"], root=root), "nl")
    assert bad.status == "failed" and "checksum mismatch" in bad.message and "--force" in bad.message
    assert cache.cached_path("demo", "nl") is None
    # ...and accepted with force, which records the new checksum
    forced = only(cache.fetch(["demo"], ["nl"], root=root, force=True), "nl")
    assert forced.status == "downloaded"
    assert forced.path.read_bytes() == OTHER
    assert cache.read_checksums()["demo.nl"]["sha256"] == hashlib.sha256(OTHER).hexdigest()


def test_checksum_mismatch_keeps_good_cached_file(env):
    root = make_corpora(env)
    good = only(cache.fetch(["demo"], ["en"], root=root), "en")
    assert good.status == "downloaded"
    # the URL now serves another file, and we force a refetch: the pin rejects it
    (root / "manifest.yaml").write_text((root / "manifest.yaml").read_text().replace("good.pdf", "changed.pdf"))
    bad = only(cache.fetch(["demo"], ["en"], root=root, force=True), "en")
    assert bad.status == "failed" and not bad.ok
    assert "checksum mismatch" in bad.message and GOOD_SHA in bad.message and "kept" in bad.message
    assert good.path.read_bytes() == GOOD
    assert sorted(p.name for p in good.path.parent.iterdir()) == ["demo.en.pdf"]


def test_interrupted_download(env):
    root = make_corpora(env, en="cut.pdf")
    r = only(cache.fetch(["demo"], ["en"], root=root), "en")
    assert r.status == "failed"
    assert "interrupted" in r.message and "300" in r.message
    assert cache.cached_path("demo", "en") is None
    assert not list((env / "cache" / "official").iterdir())


def test_interrupted_download_keeps_previous_file(env):
    root = make_corpora(env, en="cut.pdf", sha="null")
    official = env / "cache" / "official"
    official.mkdir(parents=True)
    (official / "demo.en.pdf").write_bytes(GOOD)
    r = only(cache.fetch(["demo"], ["en"], root=root, force=True), "en")
    assert r.status == "failed" and "kept" in r.message
    assert (official / "demo.en.pdf").read_bytes() == GOOD


def test_http_404(env):
    root = make_corpora(env, en="gone.pdf")
    r = only(cache.fetch(["demo"], ["en"], root=root), "en")
    assert r.status == "failed" and "HTTP 404" in r.message
    assert cache.cached_path("demo", "en") is None


def test_html_page_instead_of_pdf_is_refused(env):
    root = make_corpora(env, en="page.pdf", sha="null")
    r = only(cache.fetch(["demo"], ["en"], root=root), "en")
    assert r.status == "failed" and "web page" in r.message
    assert cache.cached_path("demo", "en") is None


def test_offline(env, monkeypatch):
    root = make_corpora(env)
    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("CODECHECK_MIRROR", f"http://127.0.0.1:{port}")
    r = only(cache.fetch(["demo"], ["en"], root=root, timeout=5), "en")
    assert r.status == "failed" and "offline" in r.message and f"127.0.0.1:{port}" in r.message
    assert cache.cached_path("demo", "en") is None


def test_code_without_url_is_skipped(env):
    root = make_corpora(env)
    results = cache.fetch(["demo"], root=root)
    assert [(r.lang, r.status) for r in results] == [("en", "downloaded"), ("nl", "downloaded"), ("fr", "skipped")]
    fr = only(results, "fr")
    assert fr.ok and "corpora add demo FILE --lang fr" in fr.message and "https://example.org/demo" in fr.message


def test_unknown_id_and_language(env):
    root = make_corpora(env)
    with pytest.raises(DocumentError, match="demo"):
        cache.fetch(["nope"], root=root)
    with pytest.raises(DocumentError, match="en, nl, fr"):
        cache.fetch(["demo"], ["de"], root=root)
    with pytest.raises(DocumentError, match="http"):
        cache.fetch(["demo"], root=root, mirror="ftp://x")


def test_add_matching_checksum(env, tmp_path):
    root = make_corpora(env)
    file = tmp_path / "downloaded.pdf"
    file.write_bytes(GOOD)
    r = cache.add("demo", file, root=root)
    assert r.lang == "en" and r.warning is None and r.verified
    assert r.path.read_bytes() == GOOD and r.path == cache.cached_path("demo", "en")
    assert cache.read_checksums()["demo.en"]["origin"] == "add"


def test_add_mismatching_checksum_is_a_warning(env, tmp_path):
    root = make_corpora(env)
    file = tmp_path / "other print.pdf"
    file.write_bytes(OTHER)
    r = cache.add("demo", file, "en", root=root)
    assert r.warning and GOOD_SHA in r.warning and not r.verified
    assert cache.cached_path("demo", "en").read_bytes() == OTHER


def test_add_replaces_other_format(env, tmp_path):
    root = make_corpora(env)
    (tmp_path / "a.pdf").write_bytes(GOOD)
    cache.add("demo", tmp_path / "a.pdf", "nl", root=root)
    (tmp_path / "b.txt").write_text("1. Text", encoding="utf-8")
    r = cache.add("demo", tmp_path / "b.txt", "nl", root=root)
    assert r.expected_sha256 is None and r.warning is None
    assert cache.cached_path("demo", "nl") == env / "cache" / "official" / "demo.nl.txt"
    assert not (env / "cache" / "official" / "demo.nl.pdf").exists()


@pytest.mark.parametrize(
    "name, content, code",
    [("absent.pdf", None, "E160"), ("empty.pdf", b"", "E160"), ("notes.odt", b"x", "E161"),
     ("page.pdf", b"<html>", "E161")],
)
def test_add_bad_files(env, tmp_path, name, content, code):
    root = make_corpora(env)
    file = tmp_path / name
    if content is not None:
        file.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        cache.add("demo", file, "en", root=root)
    assert info.value.code == code
    assert cache.cached_path("demo", "en") is None


# ------------------------------------------------------------------- the CLI


@pytest.fixture
def cli_env(env, monkeypatch):
    root = make_corpora(env)
    import codecheck.paths

    monkeypatch.setattr(codecheck.paths, "corpora_dir", lambda: root)
    return root


def run_cli(*argv):
    from codecheck.cli import main

    return main(list(argv))


def test_cli_fetch_success_then_list(cli_env, capsys):
    assert run_cli("corpora", "fetch", "demo", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "demo (en): downloaded" in out
    assert run_cli("corpora", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["ID", "LANG", "TEXT"]
    rows = {tuple(line.split()[:3]) for line in lines[1:]}
    assert ("demo", "en*", "official") in rows and ("demo", "nl", "digest") in rows


def test_cli_fetch_failure_exits_1(cli_env, capsys):
    (cli_env / "manifest.yaml").write_text((cli_env / "manifest.yaml").read_text().replace("good.pdf", "gone.pdf"))
    assert run_cli("corpora", "fetch", "--lang", "en") == 1
    err = capsys.readouterr().err
    assert "demo (en): failed" in err and "HTTP 404" in err


def test_cli_fetch_unknown_id_exits_2(cli_env, capsys):
    assert run_cli("corpora", "fetch", "nope") == 2
    err = capsys.readouterr().err
    assert "E150" in err and "demo" in err and len(err.strip().splitlines()) == 1


def test_cli_quiet_fetch_prints_nothing_on_success(cli_env, capsys):
    assert run_cli("corpora", "fetch", "demo", "--lang", "nl", "--quiet") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_fetch_replaces_hand_added_file_that_fails_the_pin(env, tmp_path, capsys):
    root = make_corpora(env)
    (tmp_path / "other.pdf").write_bytes(OTHER)
    assert cache.add("demo", tmp_path / "other.pdf", "en", root=root).warning
    r = only(cache.fetch(["demo"], ["en"], root=root, progress=True), "en")
    assert r.status == "downloaded" and r.path.read_bytes() == GOOD
    assert cache.read_checksums()["demo.en"]["origin"] == "fetch"
    # a hand-added file that matches the pin is kept as is
    (tmp_path / "same.pdf").write_bytes(GOOD)
    cache.add("demo", tmp_path / "same.pdf", "en", root=root)
    assert only(cache.fetch(["demo"], ["en"], root=root), "en").status == "cached"
