"""`assess`: the added burden of every gap, per code totals and amendment packages."""

from __future__ import annotations

import copy
import dataclasses
import sys
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Sequence

import numpy as np

from codecheck._identity import ByIdentity
from codecheck.model import Catalogue, Code, Coverage, CoverageLevel, Requirement

from . import stored
from .frontier import Item, best_package, coverage_index, pareto_frontier
from .model import ADMINISTRATIVE_ACTIVITIES, GapDraws, Inputs, combine_slots, fixed_public_cost, gap_cost, requirement_family
from .params import BurdenParams
from .sampling import Sampler

PERCENTILES = (5.0, 95.0)
PROGRESS_MIN_DRAWS = 1000


def _eur(x: float) -> float:
    """Whole euros as a JSON-ready float (0.0, never -0.0)."""
    return float(round(float(x))) + 0.0


@dataclass(frozen=True)
class SideCost:
    """The added cost for one side (enterprises or public authorities)."""

    one_off_eur: float
    recurring_eur_per_year: float
    per_company_eur_per_year: float
    annualised_eur_per_year: float
    low: float
    high: float

    def to_dict(self) -> dict:
        return {
            "one_off_eur": _eur(self.one_off_eur),
            "recurring_eur_per_year": _eur(self.recurring_eur_per_year),
            "per_company_eur_per_year": _eur(self.per_company_eur_per_year),
            "annualised_eur_per_year": _eur(self.annualised_eur_per_year),
            "low": _eur(self.low),
            "high": _eur(self.high),
        }

    @staticmethod
    def zero() -> "SideCost":
        return SideCost(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class GapBurden:
    """The added burden of closing one requirement's gap in one code."""

    requirement: str
    code: str
    level: str
    enterprises: SideCost
    public_authorities: SideCost
    missing_elements: tuple[str, ...] = ()
    sources: tuple[Mapping[str, Any], ...] = ()
    coverage_gain: float = 0.0
    administrative_eur_per_year: float = 0.0

    @property
    def total_eur_per_year(self) -> float:
        return self.enterprises.annualised_eur_per_year + self.public_authorities.annualised_eur_per_year

    def to_dict(self, *, shared_sources: bool = False) -> dict:
        """The gap as plain data; `shared_sources` keeps the read-only source objects
        shared with other gaps (for pooling them, as report.json does) instead of copies."""
        return {
            "enterprises": self.enterprises.to_dict(),
            "public_authorities": self.public_authorities.to_dict(),
            "total_eur_per_year": _eur(self.total_eur_per_year),
            "missing_elements": list(self.missing_elements),
            "sources": list(self.sources) if shared_sources else [_plain_source(s) for s in self.sources],
        }


def _plain_source(source: Mapping) -> dict:
    """A fresh, JSON-ready copy of a (shared, read-only) source entry."""
    out = dict(source)
    out["parameters"] = list(out.get("parameters") or ())
    return out


@dataclass(frozen=True)
class BurdenAssessment:
    """Every gap's added burden and each code's summary; read with `.gap` and `.summary`."""

    params: BurdenParams
    gaps: Mapping[tuple[str, str], GapBurden]
    summaries: Mapping[str, Mapping[str, Any]]
    budget: float | None = None
    target: float | None = None
    code_ids: tuple[str, ...] = field(default=())

    def gap(self, requirement_id: str, code_id: str) -> dict:
        try:
            return self.gaps[(requirement_id, code_id)].to_dict()
        except KeyError:
            raise KeyError((requirement_id, code_id)) from None

    def summary(self, code_id: str, *, budget: float | None = None, target: float | None = None) -> dict:
        out = copy.deepcopy(dict(self.summaries[code_id]))
        if budget is None and target is None:  # else the arguments replace assess(budget=, target=)
            budget, target = self.budget, self.target
        if budget is not None or target is not None:
            out["recommended"] = best_package(out, code_id, budget=budget, target=target)
        return out

    def frontier(self, code_id: str) -> list[dict]:
        return copy.deepcopy(list(self.summaries[code_id]["frontier"]))


def _percentiles(draws) -> tuple[float, float]:
    lo, hi = np.percentile(np.asarray(draws, dtype=float), PERCENTILES)
    return float(lo), float(hi)


def _side(central: float, one_off: float, recurring: float, per_company: float, lo: float, hi: float) -> SideCost:
    """A side's cost, its interval the Monte Carlo's 5th/95th percentiles `lo`, `hi`
    (widened to hold the central value when skew puts that outside)."""
    lo, hi = float(lo), float(hi)
    return SideCost(
        one_off_eur=float(one_off),
        recurring_eur_per_year=float(recurring),
        per_company_eur_per_year=float(per_company),
        annualised_eur_per_year=float(central),
        low=min(lo, float(central)),
        high=max(hi, float(central)),
    )


def _source_entries(params: BurdenParams, used: set[str], requirement: Requirement) -> tuple[Mapping, ...]:
    """One entry per distinct source, naming the parameters it documents (sorted).

    Entries are read-only (`parameters` a tuple) and shared by every gap that uses the
    same parameters and requirement: a report's 282 gaps name about 250 distinct entries,
    not 6,500 copies. `GapBurden.to_dict` gives fresh, plain copies.
    """
    memo = getattr(params, "_memo", None)
    if memo is None:
        memo = {}
    memo_key = ("source_entries", frozenset(used))
    found = memo.get(memo_key)
    if found is None:
        found = memo[memo_key] = tuple(
            MappingProxyType({**e, "parameters": tuple(e["parameters"])}) for e in _parameter_sources(params, used)
        )
    if not requirement.burden:
        return found
    own_key = ("catalogue_source", requirement.id, str(requirement.citation), requirement.citation.url, bool(requirement.verified))
    own = memo.get(own_key)
    if own is None:
        own = memo[own_key] = MappingProxyType(
            {
                "parameters": (f"catalogue.{requirement.id}.burden",),
                "text": f"Standard activities, staff, minutes and frequencies from the catalogue's burden profile of {requirement.id} ({requirement.citation}).",
                "url": requirement.citation.url,
                "year": None,
                "assumption": True,
                "verified": bool(requirement.verified),
            }
        )
    return found + (own,)


def _parameter_sources(params: BurdenParams, used) -> tuple[dict, ...]:
    groups: dict[tuple, dict] = {}
    for key in sorted(used):
        record = _source_record(params, key)
        if record is None:
            continue
        sig, fields = record
        if sig not in groups:
            groups[sig] = {"parameters": [], **fields}
        groups[sig]["parameters"].append(key)
    return tuple(sorted(groups.values(), key=lambda e: e["parameters"][0]))


def _source_record(params: BurdenParams, key: str):
    """(signature, fields) of the source documenting parameter `key`, or None; read once
    per parameter (a code's gaps name the same parameters again and again)."""
    memo = getattr(params, "_memo", None)
    memo_key = ("source_record", key)
    if memo is not None and memo_key in memo:
        return memo[memo_key]
    src = params.source(key)
    record = None
    if src:
        text = " ".join(str(src.get("text", "")).split())
        record = (
            (text, src.get("url"), src.get("year")),
            {
                "text": text,
                "url": src.get("url"),
                "year": src.get("year"),
                "assumption": bool(src.get("assumption", False)),
                "verified": bool(src.get("verified", not src.get("assumption", False))),
            },
        )
    if memo is not None:
        memo[memo_key] = record
    return record


def assess(
    catalogue: Catalogue,
    codes: Sequence[Code],
    coverages: Mapping[tuple[str, str], Coverage],
    params: BurdenParams,
    *,
    progress: bool = False,
    budget: float | None = None,
    target: float | None = None,
    with_frontier: bool = True,
) -> BurdenAssessment:
    """Price every gap of every code; see the module and docs/burden.md.

    `coverages` maps (requirement id, code id) to `Coverage` (a missing pair counts as
    no coverage). `budget` (EUR a year) / `target` (coverage index) add `recommended`
    to each summary. `with_frontier=False` skips the packages (for quick reruns).
    """
    draws = params.draws
    seed = params.seed
    shape = params.number("monte_carlo.pert_shape", 4.0)
    code_ids = []
    for c in codes:
        cid = c.id if isinstance(c, Code) else str(c)
        if cid not in code_ids:
            code_ids.append(cid)
    pairs = [(cid, r) for cid in code_ids for r in catalogue.requirements]
    bar = None
    if progress and draws >= PROGRESS_MIN_DRAWS and pairs:
        from tqdm import tqdm

        bar = tqdm(total=len(pairs), desc="burden", unit="gap", file=sys.stderr, leave=False)

    gaps: dict[tuple[str, str], GapBurden] = {}
    summaries: dict[str, dict] = {}
    total_weight = sum(float(r.weight) for r in catalogue.requirements)
    try:
        # one pair of samplers for all codes: a parameter's draws depend only on its name
        # (and the seed), so codes sharing a parameter share its draws, computed once
        samplers = (Sampler(None), Sampler(draws, seed, shape))
        shared_digests = None  # of the parameters and the requirements, for `stored`
        for cid in code_ids:
            inputs = _CodeInputs(params, cid, with_frontier, catalogue.requirements,
                                 tuple(_coverage_view(coverages.get((r.id, cid))) for r in catalogue.requirements))
            before = next((entry for entry in _PRICED if entry[0] == inputs), None)
            if before is not None:  # priced before with the same inputs: the same figures
                gaps.update(before[2])
                summaries[cid] = copy.deepcopy(before[1])
                if bar:
                    bar.update(len(catalogue.requirements))
                continue
            if shared_digests is None:
                shared_digests = (stored.digest(params), stored.digest([_requirement_digest(r) for r in catalogue.requirements]))
            name = stored.key(*shared_digests, cid, str(with_frontier), stored.digest(inputs.coverages))
            keys = [(r.id, cid) for r in catalogue.requirements]
            kept = stored.load(name)
            if _complete(kept, keys):  # priced by an earlier process from the same inputs
                summary, code_gaps = kept
                gaps.update(code_gaps)
                if bar:
                    bar.update(len(keys))
            else:
                summary = _assess_code(params, catalogue, coverages, cid, total_weight, gaps, bar, with_frontier, samplers)
                code_gaps = {k: gaps[k] for k in keys}
                stored.save(name, (summary, code_gaps))
            summaries[cid] = summary
            _PRICED.insert(0, (inputs, copy.deepcopy(summary), code_gaps))
            del _PRICED[PRICED_KEPT:]
    finally:
        if bar:
            bar.close()
    return BurdenAssessment(
        params=params,
        gaps=MappingProxyType(gaps),
        summaries=MappingProxyType(summaries),
        budget=budget,
        target=target,
        code_ids=tuple(code_ids),
    )


# The codes priced last, with what they were priced from: in a notebook, analysing again
# after an edit of the catalogue's terms re-prices only the codes whose coverage changed
# (the Monte Carlo draws and packages of a code take ~80 ms).
PRICED_KEPT = 8
_PRICED: list[tuple] = []  # (`_CodeInputs`, its summary, its gaps), newest first


_DIGESTS = ByIdentity(20_000)  # requirement -> the digest of its burden view


def _requirement_digest(r: Requirement) -> str:
    """`stored.digest` of what pricing reads of a requirement, once per requirement object
    (an edit of one requirement's terms in a notebook leaves the others' objects as they were)."""
    return _DIGESTS.get(r, lambda: stored.digest(_burden_view(r)))


def _complete(kept, keys: list) -> bool:
    """Is `kept` (from `stored.load`) a code's summary and its gaps, one per requirement?"""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], dict)):
        return False
    return list(kept[1]) == keys and all(isinstance(g, GapBurden) for g in kept[1].values())


def _coverage_view(cov: Coverage | None) -> tuple | None:
    """What the burden model reads of a coverage."""
    if cov is None:
        return None
    return (str(cov.level), float(cov.score), tuple(cov.missing_elements))


def _burden_view(r: Requirement) -> Requirement:
    """A requirement without what only matching reads (its terms and exclusions)."""
    return dataclasses.replace(r, terms={}, exclude={},
                               elements=tuple(dataclasses.replace(e, terms={}) for e in r.elements))


class _CodeInputs:
    """What pricing one code depends on: the parameters, the code, the catalogue's
    requirements (their terms aside) and the code's coverage of each."""

    __slots__ = ("params", "cid", "with_frontier", "requirements", "coverages")

    def __init__(self, params, cid, with_frontier, requirements, coverages):
        self.params, self.cid, self.with_frontier = params, cid, with_frontier
        self.requirements, self.coverages = requirements, coverages

    def __eq__(self, other) -> bool:
        if not isinstance(other, _CodeInputs):
            return NotImplemented
        return (self.cid == other.cid and self.with_frontier == other.with_frontier
                and self.coverages == other.coverages
                and (self.params is other.params or self.params == other.params)
                and len(self.requirements) == len(other.requirements)
                and all(a is b or _burden_view(a) == _burden_view(b)
                        for a, b in zip(self.requirements, other.requirements)))

    __hash__ = None


def _annualised_slots(slots: Mapping, annuity, which: int) -> dict:
    """{slot: annualised value} from GapDraws.slots (which = 0 total, 1 per company)."""
    return {k: (v[which] * annuity if k[3] else v[which]) for k, v in slots.items()}


def _assess_code(params, catalogue, coverages, cid, total_weight, gaps, bar, with_frontier, samplers) -> dict:
    draws, seed = params.draws, params.seed
    shape = params.number("monte_carlo.pert_shape", 4.0)
    central_sampler, mc_sampler = samplers
    pending: list = []  # (gap key, GapBurden fields, central and MC draws of both sides)
    items: list[Item] = []
    no_profile: list[str] = []
    used_all: set[str] = set()
    c_slots, m_slots, c_pc_slots = [], [], []  # per gap: {slot: annualised}
    c_raw = []  # per gap: {slot: (total, per company)} central, not annualised
    sums = {"explain_one_off": 0.0, "explain_recurring": 0.0, "pub_one_off": 0.0, "pub_recurring": 0.0, "pub_annualised": 0.0}
    m_explain = np.zeros(draws)
    m_pub = np.zeros(draws)
    c_annuity = None
    for r in catalogue.requirements:
        cov = coverages.get((r.id, cid))
        level = cov.level if cov is not None else CoverageLevel.NONE
        score = float(cov.score) if cov is not None else 0.0
        gain = float(r.weight) * (1.0 - score) / total_weight if total_weight else 0.0
        if level == CoverageLevel.FULL:
            gaps[(r.id, cid)] = GapBurden(r.id, cid, str(level), SideCost.zero(), SideCost.zero(), (), (), 0.0, 0.0)
            if bar:
                bar.update(1)
            continue
        if not r.burden:
            no_profile.append(r.id)
        ci = Inputs(params, cid, central_sampler)
        c: GapDraws = gap_cost(r, cov, ci)
        mi = Inputs(params, cid, mc_sampler)
        m: GapDraws = gap_cost(r, cov, mi)
        c_annuity = c.annuity
        missing = tuple(cov.missing_elements) if cov is not None and level == CoverageLevel.PARTIAL else tuple(e.id for e in r.elements)
        used_all |= ci.used
        gaps[(r.id, cid)] = None  # keeps catalogue order; filled below
        pending.append((
            (r.id, cid),
            (r.id, cid, str(level)),
            (missing, _source_entries(params, ci.used, r), gain, float(c.administrative)),
            (c.ent_annualised, c.ent_one_off, c.ent_recurring, c.ent_per_company),
            (c.pub_annualised, c.pub_one_off, c.pub_recurring, c.pub_per_company),
            m.ent_annualised,
            m.pub_annualised,
        ))
        cs = _annualised_slots(c.slots, c.annuity, 0)
        c_slots.append(cs)
        c_pc_slots.append(_annualised_slots(c.slots, c.annuity, 1))
        m_slots.append(_annualised_slots(m.slots, m.annuity, 0))
        c_raw.append(c.slots)
        explain_annualised = float(c.explain_recurring) + float(c.explain_one_off) * float(c.annuity)
        sums["explain_one_off"] += float(c.explain_one_off)
        sums["explain_recurring"] += float(c.explain_recurring)
        for k in ("pub_one_off", "pub_recurring", "pub_annualised"):
            sums[k] += float(getattr(c, k))
        m_explain = m_explain + m.explain_recurring + m.explain_one_off * m.annuity
        m_pub = m_pub + m.pub_annualised
        items.append(
            Item(
                r.id,
                explain_annualised + float(c.pub_annualised),
                gain,
                requirement_family(r),
                tuple(sorted((k, float(v)) for k, v in cs.items())),
            )
        )
        if bar:
            bar.update(1)

    # every gap's 5th/95th percentiles in one call (one row of draws per gap and side)
    if pending:
        rows = np.empty((2 * len(pending), draws))
        for n, entry in enumerate(pending):
            rows[2 * n] = entry[5]
            rows[2 * n + 1] = entry[6]
        bounds = np.percentile(rows, PERCENTILES, axis=1, overwrite_input=True)  # rows are ours: no copy
        for n, (key, head, tail, ent_c, pub_c, _, _) in enumerate(pending):
            ent = _side(*ent_c, *bounds[:, 2 * n])
            pub = _side(*pub_c, *bounds[:, 2 * n + 1])
            gaps[key] = GapBurden(*head, ent, pub, *tail)

    # closing every gap at once: shared slots are paid once (see model.combine_slots)
    extra_key = "package.shared_activity_extra"
    ci = Inputs(params, cid, central_sampler)
    mi = Inputs(params, cid, mc_sampler)
    c_extra = ci.get(extra_key, 1.0)
    m_extra = mi.get(extra_key, 1.0)
    used_all |= ci.used
    combined = combine_slots(c_slots, c_extra)
    combined_pc = combine_slots(c_pc_slots, c_extra)
    combined_raw_total = combine_slots([{k: v[0] for k, v in s.items()} for s in c_raw], c_extra)
    m_combined = combine_slots(m_slots, m_extra)
    ent_one_off = sum(v for k, v in combined_raw_total.items() if k[3]) + sums["explain_one_off"]
    ent_recurring = sum(v for k, v in combined_raw_total.items() if not k[3]) + sums["explain_recurring"]
    ent_annualised = sum(combined.values()) + sums["explain_recurring"] + sums["explain_one_off"] * (c_annuity or 0.0)
    administrative = sum(v for k, v in combined.items() if k[1] in ADMINISTRATIVE_ACTIVITIES)
    administrative += sums["explain_recurring"] + sums["explain_one_off"] * (c_annuity or 0.0)
    ent_mc = m_explain + (sum(m_combined.values()) if m_combined else 0.0)
    per_company = sum(combined_pc.values())

    fc_inputs = Inputs(params, cid, central_sampler)
    f_one_off, f_recurring, f_annualised = fixed_public_cost(fc_inputs)
    fm_inputs = Inputs(params, cid, mc_sampler)
    _, _, f_mc = fixed_public_cost(fm_inputs)
    used_all |= fc_inputs.used
    if not items:
        f_one_off = f_recurring = f_annualised = 0.0
        f_mc = np.zeros(draws)
    pop_key = f"population.{cid}"
    population = params.number(pop_key) if params.has(pop_key) else None
    pop_div = 1.0 if population is None else population

    ent = _side(ent_annualised, ent_one_off, ent_recurring, per_company, *_percentiles(np.broadcast_to(ent_mc, (draws,))))
    pub_central = sums["pub_annualised"] + f_annualised
    pub = _side(
        pub_central,
        sums["pub_one_off"] + f_one_off,
        sums["pub_recurring"] + f_recurring,
        pub_central / pop_div if pop_div > 0 else 0.0,
        *_percentiles(m_pub + f_mc),
    )
    total_central = ent.annualised_eur_per_year + pub.annualised_eur_per_year
    total_mc = ent_mc + m_pub + f_mc
    t_lo, t_hi = _percentiles(total_mc)
    base = coverage_index(catalogue, coverages, cid)
    if with_frontier:
        frontier, method = pareto_frontier(items, base, f_annualised if items else 0.0, extra=float(c_extra))
    else:
        frontier, method = [], "skipped"
    pub_dict = pub.to_dict()
    pub_dict["fixed"] = {
        "one_off_eur": _eur(f_one_off),
        "recurring_eur_per_year": _eur(f_recurring),
        "annualised_eur_per_year": _eur(f_annualised),
    }
    pub_dict["private_self_regulator"] = True
    size_key = f"size_classes.{cid}"
    size_classes = None
    if params.has(size_key):
        node = params.node(size_key)
        size_classes = {k: float(v) for k, v in sorted(node.items()) if k != "source" and isinstance(v, int | float)}
    note = None
    if population is None:
        note = (
            f"No population parameter for {cid}: totals are for one company that applies the code, "
            f"gross of business as usual and legal overlap; set --param population.{cid}=N for a population."
        )
    standalone = sum(i.standalone_cost for i in items)
    return {
        "code": cid,
        "population": population,
        "population_note": note,
        "size_classes": size_classes,
        "gaps": len(items),
        "requirements_without_burden_profile": sorted(no_profile),
        "enterprises": ent.to_dict(),
        "public_authorities": pub_dict,
        "total_eur_per_year": _eur(total_central),
        "total": {
            "eur_per_year": _eur(total_central),
            "low": _eur(min(t_lo, total_central)),
            "high": _eur(max(t_hi, total_central)),
            "mc_mean": _eur(float(np.mean(total_mc))),
            "mc_median": _eur(float(np.median(total_mc))),
        },
        "sum_of_gaps_eur_per_year": _eur(standalone + (f_annualised if items else 0.0)),
        "administrative_eur_per_year": _eur(administrative),
        "substantive_eur_per_year": _eur(ent_annualised - administrative),
        "coverage_index": round(base, 6),
        "max_coverage_index": round(frontier[-1].coverage_index if frontier else base, 6),
        "frontier": [p.to_dict() for p in frontier],
        "method": method,
        "monte_carlo": {"draws": draws, "seed": seed, "percentiles": list(PERCENTILES), "distribution": "beta-pert", "pert_shape": shape},
        "parameters": {"path": params.path, "overrides": dict(params.overrides)},
        "assumption_share": _assumption_share(params, used_all),
    }


def _assumption_share(params: BurdenParams, used: set[str]) -> float:
    """Share of the parameters used that are our assumptions (research brief label [A])."""
    if not used:
        return 0.0
    flagged = 0
    for key in used:
        src = params.source(key) or {}
        flagged += bool(src.get("assumption", False))
    return round(flagged / len(used), 3)


def sensitivity(
    catalogue: Catalogue,
    codes: Sequence[Code],
    coverages: Mapping[tuple[str, str], Coverage],
    params: BurdenParams,
    code_id: str,
    *,
    top: int | None = 10,
) -> list[dict]:
    """One-at-a-time swings (a tornado): which parameters drive a code's total.

    Each range the code's gaps use is set to its low and then its high value, the others
    staying central, and the central total (EUR a year, every gap closed) recomputed.
    Returns rows {parameter, low_value, high_value, total_at_low, total_at_high, swing,
    assumption}, largest swing first (`top` rows; None for all). Catalogue minutes are
    not parameters and are not swung.
    """
    code_list = [c for c in codes if (c.id if isinstance(c, Code) else str(c)) == code_id] or [code_id]
    quick = params.with_overrides({"monte_carlo.draws": 1})
    base_run = assess(catalogue, code_list, coverages, quick, with_frontier=False)
    base_total = base_run.summaries[code_id]["total_eur_per_year"]
    keys: set[str] = set()
    for (_, cid), gap in base_run.gaps.items():
        if cid == code_id:
            for src in gap.sources:
                keys.update(k for k in src["parameters"] if not k.startswith("catalogue."))
    for group in ("package.shared_activity_extra", f"public_authorities.fixed.committee_one_off_hours.{code_id}"):
        if params.has(group):
            keys.add(group)
    rows = []
    for key in sorted(keys):
        node = params.node(key)
        if key.startswith("population.") and not isinstance(node, Mapping):
            spread_key = None
            for k in (f"population_spread.{code_id}", "population_spread.default"):
                if params.has(k):
                    spread_key = k
                    break
            if spread_key is None:
                continue
            spread = params.node(spread_key)
            c = float(node)
            swings = [(c * float(spread.get("low", 1.0)), {key: c * float(spread.get("low", 1.0))}),
                      (c * float(spread.get("high", 1.0)), {key: c * float(spread.get("high", 1.0))})]
        elif isinstance(node, Mapping) and "central" in node:
            low, central, high = params.triple(key)
            if high - low <= 0:
                continue
            swings = [(low, {f"{key}.central": low}), (high, {f"{key}.central": high})]
        else:
            continue
        totals = []
        for _, over in swings:
            run = assess(catalogue, code_list, coverages, quick.with_overrides(over), with_frontier=False)
            totals.append(run.summaries[code_id]["total_eur_per_year"])
        src = params.source(key) or {}
        rows.append(
            {
                "parameter": key,
                "low_value": swings[0][0],
                "high_value": swings[1][0],
                "total_at_low": totals[0],
                "total_at_high": totals[1],
                "swing": abs(totals[1] - totals[0]),
                "central_total": base_total,
                "assumption": bool(src.get("assumption", False)),
            }
        )
    rows.sort(key=lambda r: (-r["swing"], r["parameter"]))
    return rows[:top] if top is not None else rows
