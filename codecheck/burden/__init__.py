"""Administrative burden of closing each gap: a Standard Cost Model with uncertainty.

    params = load_params(overrides={"population.be-cg-2020": 120})
    result = assess(catalogue, codes, coverages, params)
    result.gap("UNGP-16", "be-cg-2020")      # the report's requirements[].burden.<code id>
    result.summary("be-cg-2020")             # totals, frontier, method (and recommended)
    best_package(result, "be-cg-2020", budget=250_000)

Everything here is usable on its own in a notebook: `cost_of_activities`,
`missing_shares`, `nested_obliged_share`, `annuity_factor`, `pareto_frontier`,
`coverage_index`, `pert_ppf`, `parameter_table`, `sensitivity` (a tornado of
one-at-a-time swings). The method and every parameter are in docs/burden.md.
"""

from __future__ import annotations

from .assessment import BurdenAssessment, GapBurden, SideCost, assess, sensitivity
from .frontier import Item, Package, best_package, coverage_index, pareto_frontier
from .model import (
    FAMILIES,
    annuity_factor,
    cost_of_activities,
    missing_shares,
    nested_obliged_share,
    requirement_family,
)
from .params import BurdenParams, load_params, parameter_table, parse_assignments
from .sampling import Sampler, pert_mean, pert_ppf

__all__ = [
    "FAMILIES",
    "BurdenAssessment",
    "BurdenParams",
    "GapBurden",
    "Item",
    "Package",
    "Sampler",
    "SideCost",
    "annuity_factor",
    "assess",
    "best_package",
    "cost_of_activities",
    "coverage_index",
    "load_params",
    "missing_shares",
    "nested_obliged_share",
    "parameter_table",
    "pareto_frontier",
    "parse_assignments",
    "pert_mean",
    "pert_ppf",
    "requirement_family",
    "sensitivity",
]
