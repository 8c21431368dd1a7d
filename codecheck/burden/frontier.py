"""Amendment packages: the Pareto frontier of coverage index against added burden.

A package is a set of gaps to close. Closing a gap raises its requirement's score to 1,
so the package adds sum(weight x (1 - score)) / sum(weight) to the coverage index and
costs the sum of the gaps' annualised burden (plus, for any non-empty package, the fixed
cost of amending the code). The frontier is computed exactly by the Nemhauser-Ullmann
merge of non-dominated (cost, gain) lists, which stays small for the catalogue sizes we
ship; past `max_points` it thins the list and says "approximate".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from codecheck.errors import UsageError
from codecheck.model import Catalogue, Coverage

EPS = 1e-12


@dataclass(frozen=True)
class Item:
    """A gap as a frontier item: its requirement id, annualised cost and coverage gain."""

    id: str
    cost: float
    gain: float


@dataclass(frozen=True)
class Package:
    coverage_index: float
    burden_eur_per_year: float
    requirements: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "coverage_index": round(self.coverage_index, 6),
            "burden_eur_per_year": float(round(self.burden_eur_per_year)),
            "requirements": list(self.requirements),
        }


def coverage_index(catalogue: Catalogue, coverages: Mapping[tuple[str, str], Coverage], code_id: str) -> float:
    """sum(weight x score) / sum(weight) over the catalogue (a missing pair scores 0)."""
    total = sum(float(r.weight) for r in catalogue.requirements)
    if total <= 0:
        return 0.0
    got = 0.0
    for r in catalogue.requirements:
        cov = coverages.get((r.id, code_id))
        got += float(r.weight) * (float(cov.score) if cov is not None else 0.0)
    return got / total


def pareto_frontier(
    items: Sequence[Item],
    base_index: float = 0.0,
    fixed_cost: float = 0.0,
    *,
    max_points: int = 50_000,
) -> tuple[list[Package], str]:
    """The undominated packages ordered by cost, and "exact" or "approximate".

    Each returned package has a strictly higher coverage index than the one before and
    no package of the same or lower cost covers more. Items with no gain are ignored.
    """
    useful = sorted((i for i in items if i.gain > EPS), key=lambda i: (i.id))
    method = "exact"
    # points: (cost, gain, bitmask of useful items)
    points: list[tuple[float, float, int]] = [(0.0, 0.0, 0)]
    for bit, item in enumerate(useful):
        shifted = [(c + item.cost, g + item.gain, m | (1 << bit)) for c, g, m in points]
        merged = sorted(points + shifted, key=lambda p: (p[0], -p[1], bin(p[2]).count("1"), p[2]))
        kept: list[tuple[float, float, int]] = []
        for p in merged:
            if not kept or p[1] > kept[-1][1] + EPS:
                if kept and abs(p[0] - kept[-1][0]) <= 1e-9 * max(1.0, abs(p[0])):
                    kept[-1] = p  # (almost) the same cost, more coverage
                else:
                    kept.append(p)
        if len(kept) > max_points:
            method = "approximate"
            kept = _thin(kept, max_points)
        points = kept
    packages = []
    for cost, gain, mask in points:
        ids = tuple(sorted(useful[i].id for i in range(len(useful)) if mask >> i & 1))
        burden = cost + (fixed_cost if ids else 0.0)
        packages.append(Package(base_index + gain, burden, ids))
    # the fixed cost can only push non-empty packages up; re-check dominance
    packages.sort(key=lambda p: (p.burden_eur_per_year, -p.coverage_index))
    out: list[Package] = []
    for p in packages:
        if not out or p.coverage_index > out[-1].coverage_index + EPS:
            out.append(p)
    return out, method


def _thin(points: list[tuple[float, float, int]], limit: int) -> list[tuple[float, float, int]]:
    """Keep about `limit` points spread evenly over the gain range (an approximation)."""
    lo, hi = points[0][1], points[-1][1]
    step = (hi - lo) / limit if hi > lo else 1.0
    out, last = [], None
    for p in points:
        bucket = int((p[1] - lo) / step)
        if bucket != last:
            out.append(p)
            last = bucket
    if out[-1] is not points[-1]:
        out.append(points[-1])
    return out


def best_package(assessment_or_frontier, code_id: str | None = None, budget: float | None = None, target: float | None = None) -> dict | None:
    """The recommended package for a budget (EUR a year) and/or a coverage-index target.

    With a budget: the package with the highest coverage index whose burden fits; with a
    target: the cheapest package reaching it (within the budget, when both are given).
    `met` says whether the target was reached; None when neither is given.
    Accepts a `BurdenAssessment` (with `code_id`), a summary dict or a frontier list.
    """
    if budget is None and target is None:
        return None
    if budget is not None and float(budget) < 0:
        raise UsageError("E031", f"The budget {budget} is negative; give a yearly amount in euros of zero or more.")
    if target is not None and not (0.0 <= float(target) <= 1.0):
        raise UsageError("E032", f"The coverage target {target} is outside 0..1; give a coverage index such as 0.8.")
    frontier = _frontier_of(assessment_or_frontier, code_id)
    if not frontier:
        return None
    affordable = [p for p in frontier if budget is None or p["burden_eur_per_year"] <= float(budget) + 1e-6]
    if not affordable:
        affordable = frontier[:1]
    chosen = None
    met = True
    if target is not None:
        reaching = [p for p in affordable if p["coverage_index"] >= float(target) - 1e-9]
        if reaching:
            chosen = reaching[0]
        else:
            met = False
            chosen = affordable[-1]
    else:
        chosen = affordable[-1]
    out = dict(chosen)
    out["requirements"] = list(chosen["requirements"])
    out["budget_eur_per_year"] = None if budget is None else float(budget)
    out["target"] = None if target is None else float(target)
    out["met"] = bool(met and (budget is None or chosen["burden_eur_per_year"] <= float(budget) + 1e-6))
    return out


def _frontier_of(obj, code_id: str | None) -> list[dict]:
    if hasattr(obj, "summary"):
        if code_id is None:
            raise UsageError("E033", "best_package needs the code id when given a whole burden assessment.")
        obj = obj.summary(code_id)
    if isinstance(obj, Mapping):
        obj = obj.get("frontier", [])
    out = []
    for p in obj:
        out.append(p.to_dict() if isinstance(p, Package) else dict(p))
    return out
