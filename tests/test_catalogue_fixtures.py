"""Rule files for the catalogue tests: one valid file, and helpers to break it.

The other `test_catalogue_*` modules and `test_check.py` import from here.
"""

from __future__ import annotations

from pathlib import Path

VALID = """\
instrument:
  id: TEST
  title: A test instrument
  edition: "2024"
  date: "2024-01-31"
  url: https://example.org/test
  legal_status: soft-law
requirements:
  - id: TEST-1
    title: Policy commitment
    citation: {instrument: TEST, reference: "Article 1", edition: "2024", url: https://example.org/test#1}
    summary: The company commits to respect human rights.
    addressee: board
    obligation: policy
    legal_status:
      type: soft-law
      jurisdiction: international
      status: in-force
    themes: [policy-commitment]
    weight: 3
    verified: true
    terms:
      en: [human rights policy, "human rights + policy commitment"]
      nl: [mensenrechtenbeleid]
      fr: [politique des droits humains]
    exclude:
      en: [human resources]
      nl: [personeelszaken]
      fr: [ressources humaines]
    elements:
      - id: approved-by-board
        title: Approved at the most senior level
        theme: board-oversight
        terms: {en: [approved by the board], nl: [goedgekeurd door de raad], fr: [approuvé par le conseil]}
    suggested_provision:
      en: The board adopts a human rights policy.
      nl: De raad keurt een mensenrechtenbeleid goed.
      fr: Le conseil adopte une politique des droits humains.
    burden:
      activities:
        - activity: policy-drafting
          staff: manager
          minutes: {low: 240, central: 480, high: 960}
          frequency: 1
          one_off: true
          element: approved-by-board
  - id: TEST-2
    title: Due diligence
    citation: {instrument: TEST, reference: "Article 2", edition: "2024"}
    summary: The company carries out due diligence.
    addressee: company
    obligation: process
    legal_status:
      type: hard-law
      jurisdiction: EU
      status: amended
      scope: large companies
      applies_from: "2029-07-26"
      changes:
        - {by: "Directive (EU) 2026/470", what: "scope narrowed", status: amended, verified: false}
    themes: [due-diligence, value-chain]
    weight: 2
    verified: false
    terms:
      en: [due diligence]
      nl: [zorgvuldigheid]
      fr: [vigilance]
    elements:
      - id: value-chain
        title: Covers the value chain
        theme: value-chain
        terms: {en: [value chain], nl: [waardeketen], fr: [chaîne de valeur]}
    suggested_provision:
      en: The company carries out due diligence.
      nl: De vennootschap voert zorgvuldigheid uit.
      fr: La société exerce une vigilance.
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in the text")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_valid_fixture_is_valid(tmp_path):
    from codecheck.catalogue.validate import validate_paths

    assert validate_paths([write(tmp_path, "test.yaml", VALID)]) == []


def test_line_of_finds_the_right_line():
    assert line_of(VALID, "id: TEST-2") == VALID.splitlines().index("  - id: TEST-2") + 1
