"""Compiled HTML templates are cached beside the lemma tables, and a cache that cannot be
used never stops a report."""

from __future__ import annotations

from codecheck.report import html


def test_templates_are_cached_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CODECHECK_NO_CACHE", raising=False)
    cache = html._template_cache()
    assert cache is not None
    html._make_environment(cache).get_template("summary.html.j2")
    files = list((tmp_path / "templates").iterdir())
    assert files, "no compiled template written"
    # a fresh environment loads it back (a corrupt file is compiled anew, not an error)
    for f in files:
        f.write_bytes(b"not bytecode")
    assert html._make_environment(html._template_cache()).get_template("summary.html.j2") is not None


def test_no_cache_when_caching_is_off_or_the_folder_cannot_be_made(tmp_path, monkeypatch):
    monkeypatch.setenv("CODECHECK_NO_CACHE", "1")
    assert html._template_cache() is None
    monkeypatch.delenv("CODECHECK_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CODECHECK_CACHE_DIR", str(blocker))  # a file where the folder should be
    assert html._template_cache() is None
