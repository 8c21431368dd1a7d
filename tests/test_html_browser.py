"""report.html as a reader sees it: rendered by headless Chromium when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


def test_html_is_self_contained(default_report):
    html = default_report.to_html()
    assert "<script" not in html, "the report must read without JavaScript"
    assert not re.search(r"""(src|href)=["']https?://""", html), "nothing may be loaded from elsewhere"
    assert "@import" not in html and "url(" not in html
    cells = re.findall(r'<td class="level (full|partial|none)"', html)
    assert len(cells) == len(default_report.catalogue.requirements) * len(default_report.codes)
    for code in default_report.codes:
        assert f'class="banner {code.kind}"' in html


def test_html_highlights_matched_terms():
    from codecheck.report.html import highlight_terms

    marked = str(highlight_terms("The board adopts a Human Rights policy <now>.", ["human rights + policy"]))
    assert "<mark>Human</mark> <mark>Rights</mark> <mark>policy</mark>" in marked
    assert "&lt;now&gt;" in marked


def test_html_highlights_the_phrase_of_a_concept_set():
    from codecheck.report.html import highlight_terms

    marked = str(highlight_terms("Suppliers must end excessive overtime.", ["end + human rights | @harm"]))
    assert "<mark>excessive</mark> <mark>overtime</mark>" in marked
    assert "<mark>Suppliers</mark>" not in marked


def test_html_marks_a_concept_set_by_whole_phrases_only():
    from codecheck.report.html import highlight_terms

    # "@people" holds "seasonal workers", "@remedy" "what they are owed": their words alone
    # ("season", "are", "the") are no match and stay unmarked
    marked = str(highlight_terms("Pickers who were underpaid last season are reimbursed by the importer.",
                                 ["@remedy + @people"]))
    assert "<mark>Pickers</mark>" in marked and "<mark>reimbursed</mark>" in marked
    assert marked.count("<mark>") == 2


def test_html_highlights_the_synonym_that_matched():
    from codecheck.matching.nlp import synonyms
    from codecheck.report.html import highlight_terms

    # a term written with a class head matched another word of its class (nlp.synonyms):
    # that word is the one to mark
    syn = synonyms("en")
    head, member = next((h, ms[1]) for h, ms in sorted(syn.members.items()) if ms[1].isalpha() and len(ms[1]) > 4)
    marked = str(highlight_terms(f"The company will {member} it.", [head]))
    assert f"<mark>{member}</mark>" in marked
    assert "<mark>company</mark>" not in marked


@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)")
def test_chromium_renders_the_heat_map_without_console_errors(default_report, tmp_path):
    default_report.write(tmp_path, ["html"])
    page = (tmp_path / "report.html").as_uri()
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    cells = re.findall(r'<td class="level (?:full|partial|none)"', dom)
    assert len(cells) == len(default_report.catalogue.requirements) * len(default_report.codes)
    console_errors = [line for line in result.stderr.splitlines() if "CONSOLE" in line and "ERROR" in line.upper()]
    assert console_errors == []
    for width, name in ((1280, "desktop"), (390, "phone")):
        shot = tmp_path / f"{name}.png"
        subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},2000",
             f"--screenshot={shot}", page],
            capture_output=True, timeout=120, check=True,
        )
        assert shot.stat().st_size > 10_000, f"the {name} screenshot is empty"
