"""Builders of small catalogues, codes and coverages for the burden tests (no tests here)."""

from __future__ import annotations

from codecheck.model import (
    Activity,
    Catalogue,
    Citation,
    Code,
    Coverage,
    CoverageLevel,
    Element,
    Instrument,
    Requirement,
)


def activity(kind="policy-drafting", staff="professional", minutes=(30, 60, 120), frequency=1.0, one_off=False, element=None):
    low, central, high = minutes
    return Activity(kind, staff, float(low), float(central), float(high), float(frequency), one_off, element)


def requirement(rid="UNGP-16", *, activities=(), elements=(), weight=3, themes=("policy-commitment",), obligation="policy"):
    return Requirement(
        id=rid,
        instrument=rid.split("-")[0],
        title=f"Requirement {rid}",
        citation=Citation(rid.split("-")[0], rid, "2011", None),
        summary="Test requirement.",
        addressee="company",
        obligation=obligation,
        legal_status={"type": "soft-law"},
        themes=tuple(themes),
        weight=float(weight),
        elements=tuple(Element(e, e.title(), themes[0] if themes else "policy-commitment") for e in elements),
        terms={"en": ("x",)},
        burden=tuple(activities),
    )


def catalogue(*requirements):
    inst = Instrument("UNGP", "Test instrument", "2011", "2011-06-16", "https://example.org", "soft-law")
    return Catalogue(instruments=(inst,), requirements=tuple(requirements))


def code(cid="be-cg-2020"):
    return Code(id=cid, title=cid, edition="2020", language="en", kind="digest", source="test")


def coverage(rid, cid, level="none", score=None, missing=()):
    level = CoverageLevel(level)
    if score is None:
        score = {"full": 1.0, "partial": 0.5, "none": 0.0}[level.value]
    return Coverage(rid, cid, level, float(score), (), tuple(missing))


def plain_params(tmp_path, name="burden.yaml"):
    """A small complete parameter file with round numbers and no deductions.

    Tariffs (central): professional 90, board 250, public official 70, anything else 60;
    population be-cg-2020 = 100; board of 8; one-off costs spread over 5 years at 0%
    (annuity 0.2); business as usual, legal overlap, explanations and public work all
    zero until a test overrides them; shared activities add up (extra = 1).
    """
    import yaml

    src = {"text": "test figure", "url": None, "year": 2024}
    rng = lambda low, central, high: {"low": low, "central": central, "high": high}  # noqa: E731
    data = {
        "meta": {"currency": "EUR"},
        "tariff_eur_per_hour": {
            **rng(50.0, 60.0, 70.0),
            "source": src,
            "staff": {
                "professional": rng(80.0, 90.0, 100.0),
                "board": rng(200.0, 250.0, 300.0),
                "external": rng(150.0, 180.0, 210.0),
                "public_official": rng(60.0, 70.0, 80.0),
            },
        },
        "population": {"be-cg-2020": 100, "source": src},
        "population_spread": {"be-cg-2020": {"low": 0.8, "high": 1.2}, "source": src},
        "board_size": {"be-cg-2020": rng(6, 8, 10), "source": src},
        "hours_factor": {"be-cg-2020": rng(1.0, 1.0, 1.0), "source": src},
        "bau_share": {"source": src, "policy": {"be-cg-2020": rng(0.0, 0.0, 0.0)}},
        "legal_overlap": {
            "source": src,
            "model_year": 2030,
            "csddd_applies_from": 2029.5,
            "use_pre_omnibus": 0,
            "population_share": {"be-cg-2020": {"csrd": rng(0.0, 0.0, 0.0), "csddd": rng(0.0, 0.0, 0.0)}},
            "reach": {
                "csrd": {"disclosure": 1.0, "policy": 0.0, "risk_assessment": 0.0},
                "csddd": {"disclosure": 1.0, "policy": 1.0, "risk_assessment": 1.0},
            },
        },
        "comply_or_explain": {
            "source": src,
            "comply_share": {"be-cg-2020": rng(1.0, 1.0, 1.0)},
            "silent_share": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
            "explains": {"be-cg-2020": 0},
            "explanation": {
                "one_off_hours": rng(2.0, 4.0, 8.0),
                "board_hours_per_member": rng(0.25, 0.25, 0.25),
                "recurring_hours_per_year": rng(0.5, 1.0, 2.0),
            },
        },
        "public_authorities": {
            "source": src,
            "per_requirement": {
                "committee_hours": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
                "monitoring_study_minutes_per_company": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
                "monitoring_study_frequency": 0.5,
                "supervisor_review_minutes_per_company": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
            },
            "fixed": {
                "committee_one_off_hours": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
                "thematic_study_hours": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
                "thematic_study_frequency": 0.2,
                "followup_hours_per_year": {"be-cg-2020": rng(0.0, 0.0, 0.0)},
            },
        },
        "annualisation_years": {**rng(5, 5, 5), "source": src},
        "discount_rate": {"central": 0.0, "source": src},
        "package": {"shared_activity_extra": rng(1.0, 1.0, 1.0), "source": src},
        "monte_carlo": {"draws": 2000, "seed": 7, "pert_shape": 4, "source": src},
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=True), encoding="utf-8")
    return path
