"""An annex of standards (the ESRS layout of Delegated Regulation (EU) 2023/2772).

A generated act in our own filler text with the same layout as the ESRS regulation:
articles, then "ANNEX I" holding standards ("ESRS 1 - GENERAL REQUIREMENTS", a bare
"ESRS E1" label followed by its title, a title alone "GENERAL DISCLOSURES" whose label
was lost), each with a table of contents (numbered entries
and disclosure-requirement rows that the real headings replace), an "Objective" section,
numbered paragraphs ("3." and a number alone on its line), disclosure requirements
("Disclosure Requirement E1-1 – ..."), section dividers ("1.1 ..."), an appendix of
application requirements ("AR 1." also as a Markdown table row) that repeats a
requirement's heading, and true back matter ("ANNEX II", a glossary) kept as an annex.
"""

from __future__ import annotations

import pytest

from codecheck.documents import grammar
from codecheck.documents.read import read_document

ACT = """\
# Official Journal sample

# SAMPLE DELEGATED REGULATION of 1 March 2030

Whereas:

1. Recital text about the sample reporting.

# Article 1

Subject matter

The sample standards in Annex I are to be used by sample undertakings.

# Article 2

Entry into force

This Regulation enters into force on the day after its publication.

# ANNEX I

# European sample reporting standards

|ESRS 1|General requirements|
|---|---|
|ESRS 2|General disclosures|
|ESRS E1|Climate change|

# ESRS 1 - GENERAL REQUIREMENTS

# TABLE OF CONTENTS

1. Categories of sample standards

2. Qualitative characteristics

# Objective

1. The objective of the sample standards is to set out the sample reporting rules.

2. The sample standards apply to all sample undertakings.

1.1 Categories of sample standards

3. There are two categories of sample standards:

(a) cross-cutting sample standards; and

(b) topical sample standards.

# Appendix A: Application Requirements

AR 1. The sample undertaking may group its sample information.

# GENERAL DISCLOSURES

# Objective

1. This sample standard sets out the sample disclosures of every sample undertaking.

Disclosure Requirement GOV-1 – The role of the sample bodies

2. The undertaking shall describe the role of its sample bodies.

# ESRS E1

# CLIMATE CHANGE

Disclosure Requirement E1-1 – Sample transition plan

Disclosure Requirement E1-2 – Sample climate policies

# Objective

1. This sample standard sets out what a sample undertaking discloses about the sample climate.

# Disclosure Requirement E1-1 – Sample transition plan

2. The undertaking shall disclose its sample transition plan.

3. The objective of this sample requirement is to show how the sample plan works.

# Disclosure Requirement E1–2 - Sample climate policies

4.

The undertaking shall disclose its sample climate policies.

# Appendix A: Application Requirements

# Disclosure Requirement E1-1 – Sample transition plan

|AR 1.|The sample plan may be a stand-alone sample document.|
|---|---|
|AR 2.|The sample plan may refer to other sample plans.|

# ESRS E2 - POLLUTION

# Objective

1. This sample standard sets out what a sample undertaking discloses about sample pollution.

Disclosure requirement related to ESRS 2 IRO-1 – The sample process

2. The undertaking shall describe its sample process.

Disclosure Requirement E2-1 – Sample pollution policies

3. The undertaking shall disclose its sample pollution policies.

# ANNEX II

# Glossary of sample terms

Sample term: a word used in this sample.

Pollution
"""

IDS = [
    "Art. 1", "Art. 2", "annex-I",
    "ESRS 1", "ESRS 1 / Objective", "ESRS 1.1", "ESRS 1.2", "ESRS 1.3", "ESRS 1 AR 1",
    "ESRS 2", "ESRS 2 / Objective", "ESRS 2.1", "ESRS 2 / GOV-1", "ESRS 2.2",
    "ESRS E1", "ESRS E1 / Objective", "ESRS E1.1", "ESRS E1 / E1-1", "ESRS E1.2", "ESRS E1.3",
    "ESRS E1 / E1-2", "ESRS E1.4", "ESRS E1 AR 1", "ESRS E1 AR 2",
    "ESRS E2", "ESRS E2 / Objective", "ESRS E2.1", "ESRS E2 / IRO-1", "ESRS E2.2",
    "ESRS E2 / E2-1", "ESRS E2.3",
    "annex-II",
]


def _plain(md: str) -> str:
    """The same act as a plain text file: no '#' marks, tables as text."""
    out = []
    for line in md.splitlines():
        line = line.lstrip("#").strip()
        if line.startswith("|"):
            if set(line) <= set("|-"):
                continue
            line = " ".join(c.strip() for c in line.strip("|").split("|"))
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module", params=["md", "txt"])
def code(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("standards") / f"sample-act.{request.param}"
    path.write_text(ACT if request.param == "md" else _plain(ACT), encoding="utf-8")
    return read_document(path, lang="en")


def test_exact_ids(code):
    assert [p.id for p in code.provisions] == IDS


def test_standards_requirements_and_paragraphs(code):
    p = {x.id: x for x in code.provisions}
    assert (p["ESRS E1"].kind, p["ESRS E1"].parent, p["ESRS E1"].heading) == ("principle", None, "CLIMATE CHANGE")
    assert p["ESRS 1"].heading == "GENERAL REQUIREMENTS"
    assert p["ESRS 2"].heading == "GENERAL DISCLOSURES"  # the label was lost: the title says which
    assert p["ESRS E2"].heading == "POLLUTION"
    req = p["ESRS E1 / E1-1"]
    assert (req.kind, req.parent, req.heading, req.text) == (
        "provision", "ESRS E1", "Sample transition plan", "")
    assert p["ESRS E1 / E1-2"].heading == "Sample climate policies"
    assert p["ESRS 2 / GOV-1"].heading == "The role of the sample bodies"
    assert p["ESRS E2 / IRO-1"].heading == "The sample process"
    # paragraphs sit under the requirement (or section) they follow
    assert [x.parent for x in (p["ESRS E1.1"], p["ESRS E1.2"], p["ESRS E1.3"], p["ESRS E1.4"])] == [
        "ESRS E1", "ESRS E1 / E1-1", "ESRS E1 / E1-1", "ESRS E1 / E1-2"]
    assert p["ESRS 1.3"].parent == "ESRS 1"
    assert p["ESRS E1.2"].text == "The undertaking shall disclose its sample transition plan."
    # a number alone on its line: the text follows; the appendix's repeated heading is no text
    assert p["ESRS E1.4"].text == "The undertaking shall disclose its sample climate policies."
    assert p["ESRS 1.3"].text == (
        "There are two categories of sample standards:\n"
        "(a) cross-cutting sample standards; and\n(b) topical sample standards.")
    # the contents' numbered entries were replaced by the real paragraphs
    assert p["ESRS 1.1"].text.startswith("The objective of the sample standards")
    assert p["ESRS 1 / Objective"].kind == "provision"
    # application requirements hang from the standard
    assert (p["ESRS E1 AR 1"].parent, p["ESRS E1 AR 1"].text) == (
        "ESRS E1", "The sample plan may be a stand-alone sample document.")
    assert p["ESRS 1 AR 1"].text == "The sample undertaking may group its sample information."


def test_back_matter_stays_annex(code):
    p = {x.id: x for x in code.provisions}
    assert p["annex-II"].kind == "annex"
    assert "Sample term" in p["annex-II"].text
    assert p["annex-II"].text.endswith("Pollution")  # a standard's title in the glossary opens nothing
    assert p["Art. 2"].heading == "Entry into force"


def test_family_needs_a_standard(tmp_path):
    """Without any standard the family scores nothing: a plain act stays an act."""
    path = tmp_path / "act.md"
    path.write_text(ACT.split("# ANNEX I")[0], encoding="utf-8")
    code = read_document(path, lang="en")
    assert [p.id for p in code.provisions] == ["Art. 1", "Art. 2"]
    assert grammar.family("standards").requires == ("standard",)


@pytest.mark.parametrize("line,name,num", [
    ("ESRS S2 - Workers in the Value Chain", "standard", "S2"),
    ("ESRS E2 POLLUTION", "standard", "E2"),
    ("GENERAL DISCLOSURES", "standard-title", None),
    ("Disclosure Requirement SBM\u20131 Strategy, business model", "requirement", "SBM\u20131"),
    ("Disclosure Requirements E1-3 \u2013 Actions and resources", "requirement", "E1-3"),
    ("AR 12", "application-requirement", "12"),
    ("15. Throughout the sample standards", "standard-paragraph", "15"),
])
def test_heading_rows(line, name, num):
    h, m = grammar.match_heading(line, grammar.family("standards"))
    assert (h.name, m.groupdict().get("num")) == (name, num)


@pytest.mark.parametrize("line", ["ESRS 2", "ESRS 2 includes:", "1. in all instances", "pollution",
                                  "Disclosure Requirement and related datapoint"])
def test_not_headings(line):
    found = grammar.match_heading(line, grammar.family("standards"))
    assert found is None or found[0].unit == "divider", found
