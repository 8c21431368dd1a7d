"""The data that passes between codecheck's stages.

Every stage takes and returns these plain frozen dataclasses: documents/ makes
`Code` and `Provision`, catalogue/ makes `Catalogue`, `Requirement` and `Element`,
matching/ makes `Evidence` and `Coverage`, and the report is built from all of them.
Nothing here knows how it is stored or displayed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

LANGUAGES = ("en", "nl", "fr")

PROVISION_KINDS = ("principle", "provision", "item", "annex")
CODE_KINDS = ("digest", "official", "file")

THEMES = (
    "policy-commitment",
    "board-oversight",
    "due-diligence",
    "impact-assessment",
    "prevention-mitigation",
    "remediation",
    "grievance-mechanism",
    "stakeholder-engagement",
    "monitoring",
    "reporting",
    "value-chain",
    "incentives",
    "whistleblowing",
    "code-of-conduct",
    "risk-management",
    "climate-transition",
)

ADDRESSEES = ("board", "management", "company")
OBLIGATIONS = ("policy", "process", "oversight", "disclosure", "remedy", "engagement")


class CoverageLevel(str, Enum):
    """How far a code covers a requirement."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"

    def __str__(self) -> str:  # so f-strings and reports print "full", not the enum
        return self.value


class Strength(str, Enum):
    """How strongly a sentence asks for something (shall > should > may)."""

    MANDATORY = "mandatory"
    RECOMMENDED = "recommended"
    OPTIONAL = "optional"

    def __str__(self) -> str:
        return self.value


# --------------------------------------------------------------------------- codes


@dataclass(frozen=True)
class Provision:
    """One numbered unit of a code: a principle, a provision, a sub-item or an annex."""

    id: str
    kind: str = "provision"
    text: str = ""
    heading: str = ""
    parent: str | None = None
    pages: tuple[int, ...] = ()
    verified: bool = True

    @property
    def page(self) -> int | None:
        """The page the provision starts on, when known."""
        return self.pages[0] if self.pages else None

    @property
    def full_text(self) -> str:
        """Heading and text together: what the matcher reads."""
        if self.heading and self.heading not in self.text:
            return f"{self.heading}. {self.text}".strip() if self.text else self.heading
        return self.text


@dataclass(frozen=True)
class Code:
    """A corporate governance code, in one language, as a list of provisions."""

    id: str
    title: str
    edition: str
    language: str
    kind: str  # digest | official | file
    source: str  # path or URL the text was read from
    provisions: tuple[Provision, ...] = ()
    publisher: str = ""
    sha256: str | None = None

    def provision(self, provision_id: str) -> Provision:
        for p in self.provisions:
            if p.id == provision_id:
                return p
        raise KeyError(provision_id)

    @property
    def counted_provisions(self) -> tuple[Provision, ...]:
        """Principles and provisions, the units a reader cites (not sub-items or annexes)."""
        return tuple(p for p in self.provisions if p.kind in ("principle", "provision"))


# ---------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Citation:
    """Where a requirement comes from: instrument, article or paragraph, edition."""

    instrument: str
    reference: str
    edition: str
    url: str | None = None

    def __str__(self) -> str:
        reference = self.reference
        if not reference.startswith(self.instrument):  # "ESRS 2, GOV-4" needs no "ESRS" in front
            reference = f"{self.instrument} {reference}"
        return f"{reference} ({self.edition})" if self.edition else reference


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    edition: str
    date: str
    url: str
    legal_status: str  # hard-law | soft-law | ...
    source_file: str = ""


@dataclass(frozen=True)
class Element:
    """A sub-criterion of a requirement; all of them make coverage full."""

    id: str
    title: str
    theme: str
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Activity:
    """A standard activity (Standard Cost Model) a requirement entails for a company."""

    activity: str
    staff: str
    minutes_low: float
    minutes_central: float
    minutes_high: float
    frequency: float  # times per year; for one-off activities, times at introduction
    one_off: bool = False
    element: str | None = None


@dataclass(frozen=True)
class Requirement:
    """One international human-rights due-diligence requirement a code can integrate."""

    id: str
    instrument: str
    title: str
    citation: Citation
    summary: str
    addressee: str
    obligation: str
    legal_status: Mapping[str, object]
    themes: tuple[str, ...]
    weight: float
    elements: tuple[Element, ...]
    terms: Mapping[str, tuple[str, ...]]
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    verified: bool = True
    suggested_provision: Mapping[str, str] = field(default_factory=dict)
    burden: tuple[Activity, ...] = ()
    source_file: str = ""

    def element(self, element_id: str) -> Element:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)


@dataclass(frozen=True)
class Catalogue:
    instruments: tuple[Instrument, ...]
    requirements: tuple[Requirement, ...]
    source: str = ""

    def requirement(self, requirement_id: str) -> Requirement:
        for r in self.requirements:
            if r.id == requirement_id:
                return r
        raise KeyError(requirement_id)

    def instrument(self, instrument_id: str) -> Instrument:
        for i in self.instruments:
            if i.id == instrument_id:
                return i
        raise KeyError(instrument_id)


# ----------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Evidence:
    """A sentence of a provision that evidences a requirement (or one of its elements).

    `span` is the sentence's character span in the provision's `full_text`;
    `element` is None when the sentence evidences the requirement's core concept.
    """

    provision: str
    text: str
    span: tuple[int, int]
    terms: tuple[str, ...]
    element: str | None
    themes: tuple[str, ...]
    strength: Strength = Strength.MANDATORY
    addressee: str | None = None


@dataclass(frozen=True)
class SetAside:
    """Evidence the matcher found that does not count: the learned reader gives none of
    its themes a chance in that provision (`matching/learned.py`, DOUBT), or it is an
    element whose core concept was set aside there. Shown in the report, never counted."""

    evidence: Evidence
    probability: float  # the reader's highest probability for the evidence's themes


@dataclass(frozen=True)
class Vouched:
    """Evidence that counts because the learned reader vouches for it: the matcher's gate
    had held the hit back (an element without its core concept in that provision family, a
    facet without its partner, an outranked theme), and the reader gives each of its themes
    more than VOUCH_ABOVE there (`matching/learned.py`). Only with `--learned-check`; it is
    also in `Coverage.evidence`."""

    evidence: Evidence
    probability: float  # the reader's lowest probability for the evidence's themes


@dataclass(frozen=True)
class Coverage:
    """How one code covers one requirement, with the evidence for it."""

    requirement: str
    code: str
    level: CoverageLevel
    score: float
    evidence: tuple[Evidence, ...] = ()
    missing_elements: tuple[str, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    vouched: tuple[Vouched, ...] = ()
