"""Amendment packages: the Pareto frontier of coverage index against added burden.

A package is a set of gaps to close. Closing a gap raises its requirement's score to 1,
so the package adds sum(weight x (1 - score)) / sum(weight) to the coverage index. It
costs each gap's own (additive) cost, plus each shared-activity slot once (the largest
of the package's requirements in that slot, plus `extra` times the rest), plus, for any
non-empty package, the fixed cost of amending the code.

Exact method: slots never span requirement families, so the subsets of each family are
enumerated (up to MAX_EXACT_GROUP requirements) and pruned to their undominated points,
and the families' lists are merged exactly (Nemhauser-Ullmann: all sums, then pruning).
Bigger families fall back to candidates from a greedy chain and from the frontier
without sharing, and overlong lists are thinned; the result then says "approximate".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from codecheck.errors import UsageError
from codecheck.model import Catalogue, Coverage
from codecheck.matching.coverage import coverage_index as _coverage_index

EPS = 1e-12


@dataclass(frozen=True)
class Item:
    """A gap as a frontier item.

    `cost` is its additive annualised cost (EUR a year); `slots` are its shared-activity
    costs ((slot key, EUR a year), ...), which a package pays once per slot: the largest
    plus `extra` x the rest (see `package_cost`). Items with slots are grouped by
    `group` (the requirement family); slots never span groups.
    """

    id: str
    cost: float
    gain: float
    group: str = ""
    slots: tuple = ()

    @property
    def standalone_cost(self) -> float:
        return self.cost + sum(v for _, v in self.slots)


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
    """The code's coverage index (`matching.coverage_index`), not rounded."""
    return _coverage_index(catalogue, coverages, code_id, digits=None)


def package_cost(items: Sequence[Item], extra: float = 1.0, fixed_cost: float = 0.0) -> float:
    """The annualised cost of closing `items` together (shared slots paid once)."""
    total = sum(i.cost for i in items)
    slots: dict = {}
    for i in items:
        for key, value in i.slots:
            slots.setdefault((i.group, key), []).append(float(value))
    for values in slots.values():
        m = max(values)
        total += m + extra * (sum(values) - m)
    return total + (fixed_cost if items else 0.0)


MAX_EXACT_GROUP = 20
MAX_PAIRS = 4_000_000


# costs are compared to the micro-euro: sums of the same amounts in another order differ in
# the last bits (3.19 + 1.62 + 1.0 against 3.19 + 1.0 + 1.62), and such a difference must
# not make the cheaper-by-1e-15 package of two with the same cost look undominated
COST_DIGITS = 6

PRUNE_SAMPLE = 2048  # points above this many are first screened against a sample's frontier


def _prune(cost: np.ndarray, gain: np.ndarray) -> np.ndarray:
    """Indices of the undominated points, ordered by cost (strictly rising gain).

    Large inputs are screened first: a point is dropped when some sampled point costs
    strictly less and gains at least as much (no EPS, so the dropped point could never
    have raised the best gain before any later point); the survivors, in their original
    order, then go through the same sort, so the result is the same as without screening.
    """
    n = len(cost)
    if n > 4 * PRUNE_SAMPLE:
        # an odd stride: subset enumerations have 2^k points, and a power-of-two stride
        # would sample only subsets without the first members (a weak screen: on an
        # 18-member family 90,915 of 262,144 points survived it; with an odd stride 3,580)
        step = (n // PRUNE_SAMPLE) | 1
        sample = _prune_all(cost[::step], gain[::step]) * step
        s_cost = cost[sample]  # rising cost, rising gain
        best = np.maximum.accumulate(gain[sample])
        below = np.searchsorted(s_cost, cost, side="left")  # sampled points costing strictly less
        beaten = np.zeros(n, dtype=bool)
        has = below > 0
        beaten[has] = gain[has] <= best[below[has] - 1]
        idx = np.flatnonzero(~beaten)
        return idx[_prune_all(cost[idx], gain[idx])]
    return _prune_all(cost, gain)


def _prune_all(cost: np.ndarray, gain: np.ndarray) -> np.ndarray:
    order = np.lexsort((-gain, cost))
    g = gain[order]
    best_before = np.concatenate([[-np.inf], np.maximum.accumulate(g)[:-1]])
    keep = g > best_before + EPS
    return order[keep]


def _group_points(members: Sequence[Item], extra: float) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]], bool]:
    """Undominated (cost, gain, ids) of the subsets of one group; exact up to MAX_EXACT_GROUP."""
    k = len(members)
    if k <= MAX_EXACT_GROUP:
        n = 1 << k
        # subset masks 2^b .. 2^(b+1)-1 are the subsets 0 .. 2^b-1 plus member b
        gain = np.zeros(n)
        cost = np.zeros(n)
        for b, m in enumerate(members):
            lo, hi = 1 << b, 1 << (b + 1)
            gain[lo:hi] = gain[:lo] + m.gain
            cost[lo:hi] = cost[:lo] + m.cost
        for key in sorted({key for m in members for key, _ in m.slots}):
            values = [dict(m.slots).get(key, 0.0) for m in members]
            mx = np.zeros(n)
            sm = np.zeros(n)
            for b, v in enumerate(values):
                lo, hi = 1 << b, 1 << (b + 1)
                mx[lo:hi] = np.maximum(mx[:lo], v)
                sm[lo:hi] = sm[:lo] + v
            cost += mx + extra * (sm - mx)
        cost = np.round(cost, COST_DIGITS)
        keep = _prune(cost, gain)
        ids = [tuple(sorted(members[b].id for b in range(k) if int(mask) >> b & 1)) for mask in keep]
        return cost[keep], gain[keep], ids, True
    # too many to enumerate: candidates from (a) the greedy chain of best coverage per
    # marginal euro and (b) the exact frontier as if nothing were shared; each candidate
    # is priced with the true (shared) cost and the undominated ones kept
    by_id = {m.id: m for m in members}
    candidates: set[tuple[str, ...]] = {()}
    chosen: list[Item] = []
    left = list(members)
    while left:
        base = package_cost(chosen, extra)

        def ratio(m: Item) -> tuple:
            marginal = package_cost(chosen + [m], extra) - base
            return (-(m.gain / marginal) if marginal > 0 else -np.inf, m.id)

        nxt = min(left, key=ratio)
        left.remove(nxt)
        chosen.append(nxt)
        candidates.add(tuple(sorted(m.id for m in chosen)))
    additive = [Item(m.id, m.standalone_cost, m.gain) for m in members]
    points, _ = pareto_frontier(additive, 0.0)
    candidates.update(p.requirements for p in points)
    ordered = sorted(candidates)
    cost = np.round(np.array([package_cost([by_id[i] for i in ids], extra) for ids in ordered]), COST_DIGITS)
    gain = np.array([sum(by_id[i].gain for i in ids) for ids in ordered])
    keep = _prune(cost, gain)
    return cost[keep], gain[keep], [ordered[i] for i in keep], False


def _components(items: Sequence[Item]) -> dict[str, list[Item]]:
    """Items that share a slot (directly or through others), named by their first id.

    Only items in one component interact; each component is enumerated on its own.
    """
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for n, item in enumerate(items):
        for key, _ in item.slots:
            k = (item.group, key)
            if k in owner:
                parent[find(n)] = find(owner[k])
            else:
                owner[k] = n
    out: dict[str, list[Item]] = {}
    for n, item in enumerate(items):
        out.setdefault(f"{find(n):06d}", []).append(item)
    return out


_RECENT: dict[tuple, tuple[list[Package], str]] = {}  # the last few frontiers, by their inputs


def pareto_frontier(
    items: Sequence[Item],
    base_index: float = 0.0,
    fixed_cost: float = 0.0,
    *,
    extra: float = 1.0,
    max_points: int = 50_000,
) -> tuple[list[Package], str]:
    """The undominated packages ordered by cost, and "exact" or "approximate".

    Each returned package has a strictly higher coverage index than the one before and
    no package of the same or lower cost covers more. Items with no gain are ignored.
    Groups of items that share slots are enumerated exactly (up to MAX_EXACT_GROUP
    items each) and the groups' frontiers merged exactly; bigger groups and overlong
    lists are approximated and the method says so. Equal inputs give the answer
    computed last time (two editions of a code with the same gaps and population, such
    as the bundled Code Buysse III and IV, have one frontier).
    """
    key = (tuple(items), float(base_index), float(fixed_cost), float(extra), int(max_points))
    found = _RECENT.get(key)
    if found is None:
        if len(_RECENT) >= 8:
            _RECENT.pop(next(iter(_RECENT)))
        found = _RECENT[key] = _pareto_frontier(items, base_index, fixed_cost, extra, max_points)
    return list(found[0]), found[1]


def _pareto_frontier(items, base_index, fixed_cost, extra, max_points) -> tuple[list[Package], str]:
    useful = sorted((i for i in items if i.gain > EPS), key=lambda i: (i.group, i.id))
    exact = True
    groups = _components(useful)
    cost = np.zeros(1)
    gain = np.zeros(1)
    chosen: list[list[tuple[str, ...]]] = [[]]  # per point: the ids tuples of each group
    for name in sorted(groups):
        g_cost, g_gain, g_ids, g_exact = _group_points(groups[name], extra)
        exact = exact and g_exact
        if len(cost) * len(g_cost) > MAX_PAIRS:
            exact = False
            keep_n = max(2, MAX_PAIRS // max(1, len(g_cost)))
            pick = np.unique(np.linspace(0, len(cost) - 1, keep_n).round().astype(int))
            cost, gain, chosen = cost[pick], gain[pick], [chosen[i] for i in pick]
        pair_cost = np.round((cost[:, None] + g_cost[None, :]).ravel(), COST_DIGITS)
        pair_gain = (gain[:, None] + g_gain[None, :]).ravel()
        keep = _prune(pair_cost, pair_gain)
        if len(keep) > max_points:
            exact = False
            keep = keep[np.unique(np.linspace(0, len(keep) - 1, max_points).round().astype(int))]
        n_g = len(g_cost)
        chosen = [chosen[int(p) // n_g] + [g_ids[int(p) % n_g]] for p in keep]
        cost, gain = pair_cost[keep], pair_gain[keep]
    packages = [Package(base_index, 0.0, ())]  # doing nothing is always a candidate
    for c, g, parts in zip(cost, gain, chosen):
        ids = tuple(sorted(x for part in parts for x in part))
        packages.append(Package(base_index + float(g), round(float(c) + (fixed_cost if ids else 0.0), COST_DIGITS), ids))
    # the fixed cost can only push non-empty packages up; re-check dominance
    packages.sort(key=lambda p: (p.burden_eur_per_year, -p.coverage_index, len(p.requirements), p.requirements))
    out: list[Package] = []
    for p in packages:
        if not out or p.coverage_index > out[-1].coverage_index + EPS:
            out.append(p)
    return out, "exact" if exact else "approximate"


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
