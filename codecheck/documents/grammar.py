"""The numbering grammar: which lines start a principle, a provision, an article or an annex.

The grammar is data. `HEADINGS` is a table of heading patterns, each tagged with the
document *family* (scheme) it belongs to; `FAMILIES` says which patterns make up each
scheme. A new layout is one more row (or one more family), not a new function.
`structure.py` tries every family on a document and keeps the one that recovers the most
units, so a draft, another country's code or a legal act parses with the same machinery.

Pattern fields:
- ``unit``: what the heading opens (``principle``, ``chapter``, ``provision``,
  ``recommendation``, ``article``, ``paragraph``, ``annex``, or ``divider``: a chapter or
  section title of a legal act, dropped from the text);
- ``kind``: the `Provision.kind` it produces (see `codecheck.model.PROVISION_KINDS`);
- ``regex``: matched against a whole cleaned line (``re.fullmatch``), with the groups
  ``num`` (the number as printed) and optional ``rest`` (what follows on the line;
  ``glued`` when extraction lost the space: "Principle 1.The company");
- ``id``: a template for the provision id (``{num}``, ``{parent}``);
- ``title``: how a heading's title is read: ``sentence`` (the rest of the line and the
  following lines until a sentence ends), ``line`` (the rest of the line, or the next
  line when the rest is empty), ``next`` (the next short line when the rest is empty,
  else the rest is text), ``none`` (the rest is the start of the text);
- ``langs``: the languages whose documents use the keyword (informative; every pattern
  is tried on every language, because drafts mix them);
- ``order``: for units numbered by labels rather than integers (``E1``, ``S2``), the
  labels in the order the document prints them (the walker's "next number");
- ``names``: for a heading that prints only a title (a label lost in conversion),
  ``(title, number)`` pairs giving the number the title stands for.

Standards family (an annex that carries the substance of a legal act, such as the ESRS
in Annex I of Delegated Regulation (EU) 2023/2772): each standard is a principle-like
unit ``ESRS S1`` (its title as heading); its disclosure requirements are provisions
``ESRS S1 / S1-1`` (the code printed after "Disclosure Requirement"; one "related to
ESRS 2 SBM-3" inside a topical standard is ``ESRS S1 / SBM-3``); its numbered paragraphs
are provisions ``ESRS S1.14`` (standard, full stop, the paragraph number printed in the
margin, under the disclosure requirement they follow) and its application requirements
``ESRS S1 AR 12`` (as the standards cite them). The act's articles stay ``Art. N``; a
true annex of back matter (``ANNEX II``, the glossary) stays ``annex``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Heading",
    "Family",
    "HEADINGS",
    "FAMILIES",
    "family",
    "match_heading",
    "is_toc_entry",
    "TOC_TITLES",
    "SUBITEM",
    "BULLET",
    "COMPOUND_PREFIXES",
    "dotted_parts",
    "ESRS_STANDARDS",
]


@dataclass(frozen=True)
class Heading:
    name: str
    unit: str
    kind: str
    regex: str
    id: str = "{num}"
    title: str = "none"
    langs: tuple[str, ...] = ("en", "nl", "fr")
    flags: int = re.IGNORECASE
    order: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.regex, self.flags)


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    headings: tuple[str, ...]
    # a dotted provision N.M must sit under the open principle/chapter N
    dotted_under_top: bool = True
    # quoted passages (OJ amending acts: ‘Article 19a ...’) never open units
    skip_quotes: bool = False
    # the family fits only a document where one of these units opens (else it scores 0)
    requires: tuple[str, ...] = ()


_CACHE: dict[tuple[str, int], re.Pattern[str]] = {}


def _compiled(regex: str, flags: int) -> re.Pattern[str]:
    key = (regex, flags)
    pat = _CACHE.get(key)
    if pat is None:
        pat = _CACHE[key] = re.compile(regex, flags)
    return pat


_SEP = r"\s*[.:\u2013\u2014-]?"  # an optional full stop, colon or dash after a number
_DOTTED = r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})"
_ROMAN = r"[IVXLC]{1,6}"

HEADINGS: tuple[Heading, ...] = (
    # --- principles (2020 Belgian Code and codes built like it) ------------------------
    Heading("principle-en", "principle", "principle",
            r"(?:Principle)\s+(?P<num>\d{1,2})(?:" + _SEP + r"(?:\s+(?P<rest>.+))?|\.?(?P<glued>(?-i:[A-ZÀ-Ý]).+))",
            title="sentence", langs=("en",)),
    Heading("principle-nl-fr", "principle", "principle",
            r"(?:Principe|Beginsel)\s+(?P<num>\d{1,2})(?:" + _SEP + r"(?:\s+(?P<rest>.+))?|\.?(?P<glued>(?-i:[A-ZÀ-Ý]).+))",
            title="sentence", langs=("nl", "fr")),
    # --- dotted provisions: 3.1, 3.1.2, 3.1.2.4 ------------------------------------
    Heading("dotted", "provision", "provision",
            _DOTTED + r"(?:\.?(?:\s+(?P<rest>\S.*))?|\.?(?P<glued>(?-i:[A-ZÀ-Ý]).+))", title="none"),
    # --- chapters and recommendations (Code Buysse) ---------------------------------
    Heading("chapter-word", "chapter", "principle",
            r"(?-i:(?=[A-Z]))(?:Chapter|Hoofdstuk|Chapitre)\s+(?P<num>\d{1,2}|" + _ROMAN + r")"
            + _SEP + r"(?:\s+(?P<rest>.+))?",
            title="line"),
    Heading("chapter-number", "chapter", "principle",
            # "3. Maatschappelijk verantwoord ondernemen": short, capitalised, no final stop
            r"(?P<num>\d{1,2})\.\s+(?P<rest>[A-ZÀ-Ý][^.;:,]{1,70})",
            title="line", flags=0),
    Heading("recommendation", "recommendation", "provision",
            r"(?:Recommendation|Aanbeveling|Recommandation)\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})"
            + _SEP + r"(?:\s+(?P<rest>.+))?",
            title="none"),
    # --- articles and paragraphs (legal acts, drafts, other countries' codes) --------
    Heading("article", "article", "provision",
            r"(?:Article|Artikel|Art\.)\s*(?P<num>\d{1,3}(?:(?-i:[a-z]{1,2})\b|\s?(?:bis|ter|quater|quinquies|sexies)\b)?)(?![:/]\d)"
            r"(?:\s*[.:\u2013\u2014-]\s*(?P<rest>.*)|\s+(?P<cap>(?-i:[A-ZÀ-Ý]).{0,60}))?",
            id="Art. {num}", title="next"),
    Heading("paragraph", "paragraph", "provision",
            r"§\s*(?P<num>\d{1,2})\.?(?:\s+(?P<rest>\S.*))?",
            id="{parent} §{num}", title="none"),
    # --- dividers: group headings of legal acts, dropped from the text ---------------
    Heading("division", "divider", "divider",
            r"(?:Chapter|Hoofdstuk|Chapitre|Title|Titel|Titre|Section|Afdeling|Part|Deel|Partie)"
            r"\s+(?P<num>\d{1,2}|(?-i:" + _ROMAN + r"))"
            r"(?:\s*[.:\u2013\u2014-]\s*(?P<rest>.{0,100})|\s+(?P<cap>(?-i:[A-ZÀ-Ý]).{0,100}))?"),
    # --- back matter (every family) --------------------------------------------------
    Heading("annex", "annex", "annex",
            r"(?:Annex|Appendix|Bijlage|Annexe)\s+(?P<num>(?-i:[A-Z])|\d{1,2}|(?-i:" + _ROMAN + r"))"
            r"(?:\s*[.:\u2013\u2014-]\s*(?P<rest>.*)|\s+(?P<cap>(?-i:[A-ZÀ-Ý]).{0,80}))?",
            id="annex-{num}", title="line"),
    Heading("composition", "annex", "annex",
            r"(?-i:(?=[A-Z]))(?P<rest>(?:Composition\s+of\s+the\s+(?:.{0,60}\s)?(?:Committee|Commission)(?:\s.{0,60})?"
            r"|Samenstelling\s+van\s+de\s+.{0,60}"
            r"|Composition\s+d[eu]\s+(?:la\s+|l['’])?(?:.{0,60}\s)?(?:Commission|Comit[ée])(?:\s.{0,60})?))",
            id="composition", title="line"),
    Heading("glossary", "annex", "annex",
            # a heading starts with a capital: "glossary" in running text is no heading
            r"(?-i:(?=[A-Z]))(?P<rest>Glossary|Verklarende\s+woordenlijst|Woordenlijst|Begrippenlijst"
            r"|Glossaire|Lexique)",
            id="glossary", title="line"),
)

# --- standards in an annex of a legal act (ESRS set 1, Delegated Regulation (EU) 2023/2772,
# Annex I): the standards' labels and titles as the act lists them -------------------------
ESRS_STANDARDS: tuple[tuple[str, str], ...] = (
    ("1", "General requirements"), ("2", "General disclosures"),
    ("E1", "Climate change"), ("E2", "Pollution"), ("E3", "Water and marine resources"),
    ("E4", "Biodiversity and ecosystems"), ("E5", "Resource use and circular economy"),
    ("S1", "Own workforce"), ("S2", "Workers in the value chain"), ("S3", "Affected communities"),
    ("S4", "Consumers and end-users"), ("G1", "Business conduct"),
)
_ESRS_TITLES = "|".join(t.replace(" ", r"\s+").replace("-", r"[-–]\s?") for _, t in ESRS_STANDARDS)
_DASH = r"\s*[-–—:]?\s*"

HEADINGS = HEADINGS + (
    # "ESRS S2 - Workers in the value chain", "ESRS E2 POLLUTION": label and title
    Heading("standard", "standard", "principle",
            r"(?-i:ESRS)\s+(?P<num>[12]|(?-i:[ESG])[1-5])" + _DASH
            + r"(?P<rest>(?-i:(?=[A-Z]))(?:" + _ESRS_TITLES + r"))",
            id="ESRS {num}", title="line", order=tuple(n for n, _ in ESRS_STANDARDS)),
    # "GENERAL DISCLOSURES" alone: the label was lost, the title says which standard
    Heading("standard-title", "standard", "principle",
            r"(?P<rest>(?-i:(?=[A-Z]))(?:" + _ESRS_TITLES + r"))",
            id="ESRS {num}", title="line", order=tuple(n for n, _ in ESRS_STANDARDS),
            names=tuple((t.lower(), n) for n, t in ESRS_STANDARDS)),
    # "Disclosure Requirement S1-1 – Policies ...", "Disclosure Requirement related to
    # ESRS 2 SBM-3 – ...": a provision of the open standard, "ESRS S1 / S1-1"
    Heading("requirement", "requirement", "provision",
            r"Disclosure\s+Requirements?\s+(?:related\s+to\s+ESRS\s*2\s+)?"
            r"(?P<num>(?-i:[A-Z]{1,3}\d?)\s?[-–—]\s?\d{1,2})(?!\d)" + _DASH + r"(?P<rest>.*)",
            id="{top} / {num}", title="line"),
    # "Objective": the opening section of a standard, "ESRS S1 / Objective"
    Heading("standard-section", "section", "provision", r"(?P<rest>(?-i:O)bjective)",
            id="{top} / {rest}", title="none"),
    # "14. The undertaking shall disclose ...": a numbered paragraph, "ESRS S1.14"
    Heading("standard-paragraph", "numbered", "provision",
            r"(?P<num>\d{1,3})\.(?:\s*(?P<rest>(?-i:[A-Z(‘“\"]).*))?",
            id="{top}.{num}", title="none"),
    # "AR 12. The undertaking may ...": an application requirement, "ESRS S1 AR 12"
    Heading("application-requirement", "numbered", "provision",
            r"AR\s?(?P<num>\d{1,3})\.?(?:\s+(?P<rest>\S.*))?",
            id="{top} AR {num}", title="none", flags=0),
    # "Appendix A: Application Requirements", "6.3 Reporting progress", a bare "ESRS E1":
    # headings inside the standards, dropped from the text
    Heading("standard-division", "divider", "divider",
            r"(?:Appendix\s+(?P<num>(?-i:[A-G]))(?:\.\d)?(?:\s*[:.–-]\s*.{0,160}|\s+.{0,160})?"
            r"|\d{1,2}(?:\.\d{1,2})+\.?\s+(?-i:[A-Z])[^.]{0,150}"
            # a standard's bare label ("ESRS E1"): its title on the next line opens it
            r"|(?-i:ESRS)\s+(?:[12]|(?-i:[ESG])[1-5]))"),
    # "ANNEX II": an annex of the act (not an appendix inside a standard) is back matter
    Heading("act-annex", "annex", "annex",
            r"(?:Annex|Bijlage|Annexe)\s+(?P<num>\d{1,2}|(?-i:" + _ROMAN + r"))"
            r"(?:\s*[.:–—-]\s*(?P<rest>.*)|\s+(?P<cap>(?-i:[A-ZÀ-Ý]).{0,80}))?",
            id="annex-{num}", title="line"),
)

_BACK_MATTER = ("annex", "composition", "glossary")

FAMILIES: tuple[Family, ...] = (
    Family("principles",
           "principles ('Principle 3.' / 'Principe 3.' / 'Beginsel 3') with provisions 3.1, 3.1.2",
           ("principle-en", "principle-nl-fr", "dotted") + _BACK_MATTER),
    Family("articles",
           "articles ('Article 5' / 'Art. 5' / 'Artikel 5') with paragraphs '§ 2'",
           ("article", "paragraph", "division") + _BACK_MATTER, skip_quotes=True),
    Family("chapters",
           "chapters and recommendations ('Hoofdstuk 3' / 'Chapitre 3' / '3. Title',"
           " 'Aanbeveling 3.2' / 'Recommandation 3.2', 3.2.1)",
           ("chapter-word", "chapter-number", "recommendation", "dotted") + _BACK_MATTER),
    Family("numbered",
           "numbered provisions (3.1, 3.1.2) without principle headings",
           ("dotted",) + _BACK_MATTER, dotted_under_top=False),
    Family("standards",
           "standards in an annex ('ESRS S1 - Own workforce') with disclosure requirements"
           " ('Disclosure Requirement S1-1'), numbered paragraphs '14.' and 'AR 12'",
           ("article", "standard", "standard-title", "standard-section", "requirement", "standard-paragraph",
            "application-requirement", "standard-division", "act-annex", "composition", "glossary"),
           requires=("standard",)),
)

_BY_NAME = {h.name: h for h in HEADINGS}


def family(name: str) -> Family:
    for f in FAMILIES:
        if f.name == name:
            return f
    raise KeyError(name)


def headings_of(fam: Family) -> tuple[Heading, ...]:
    return tuple(_BY_NAME[n] for n in fam.headings)


def match_heading(line: str, fam: Family) -> tuple[Heading, re.Match[str]] | None:
    """The first heading of the family that the whole line matches, with its match."""
    for h in headings_of(fam):
        m = h.pattern.fullmatch(line)
        if m:
            return h, m
    return None


def dotted_parts(num: str) -> tuple[int, ...]:
    return tuple(int(p) for p in num.split("."))


# --- sub-items and bullets (they stay in their provision's text) --------------------
SUBITEM = re.compile(
    r"^(?:\(?[a-z]\)|\(?[ivxl]{1,5}[.)]|\(\d{1,2}\)|\d{1,2}[.)]\s|[a-z]\.\s)", re.IGNORECASE
)
BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013\u2014*-]\s")

# --- table of contents ----------------------------------------------------------------
TOC_TITLES = re.compile(
    r"(?:table\s+of\s+contents|contents|inhoud|inhoudstafel|inhoudsopgave|inhoudstabel"
    r"|table\s+des\s+mati[eè]res|sommaire)\s*:?",
    re.IGNORECASE,
)
# a TOC entry ends with a page number after dot leaders, a tab or a wide gap
_TOC_ENTRY = re.compile(r"(?:(?:\.\s?){3,}|…+|_{3,}|\t|\s{3,})\s*\d{1,3}\s*$")


def is_toc_entry(line: str) -> bool:
    return bool(_TOC_ENTRY.search(line))


# --- hyphenation: first parts that make real compounds at a line end -----------------
COMPOUND_PREFIXES: dict[str, frozenset[str]] = {
    "en": frozenset(
        "long short non self co well cross anti ex multi semi full high low medium "
        "small large top wide best cost risk decision follow".split()
    ),
    "nl": frozenset("niet ex co anti semi multi zelf oud".split()),
    "fr": frozenset("non ex co anti semi multi auto sous sur demi mi".split()),
}
