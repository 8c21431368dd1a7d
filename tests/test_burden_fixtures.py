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


def plain_params(tmp_path, **numbers):
    """A minimal parameter file: one tariff, one population, no deductions, no annuity discount."""
    import yaml

    data = {
        "tariff_eur_per_hour": {
            "low": 50.0, "central": 60.0, "high": 70.0,
            "source": {"text": "test", "year": 2024},
            "staff": {
                "professional": {"low": 80.0, "central": 90.0, "high": 100.0},
                "board": {"low": 200.0, "central": 250.0, "high": 300.0},
                "public_official": {"low": 60.0, "central": 70.0, "high": 80.0},
            },
        },
        "population": {"be-cg-2020": 100, "source": {"text": "test", "year": 2024}},
        "population_spread": {"be-cg-2020": {"low": 0.8, "high": 1.2}},
        "board_size": {"be-cg-2020": {"low": 6, "central": 8, "high": 10}},
        "annualisation_years": {"low": 5, "central": 5, "high": 5, "source": {"text": "test", "year": 2024}},
        "discount_rate": {"central": 0.0},
        "monte_carlo": {"draws": 2000, "seed": 7, "pert_shape": 4},
    }
    for key, value in numbers.items():
        node = data
        parts = key.split("__")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    path = tmp_path / "burden.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=True), encoding="utf-8")
    return path
