"""The Standard Cost Model of one gap (requirement x code).

cost = price x quantity; price = tariff x time; quantity = companies x frequency.
Only the *added* burden counts: activities of elements the code already covers, the
share of companies legally obliged to do the same (CSRD/ESRS, CSDDD, whistleblower
law), and the share already doing it (business as usual) cost nothing extra. Of the
rest, `comply_share` apply the provision and (under comply-or-explain) the others,
except the silent ones, explain instead.

Every function works on floats (the central case) or on numpy arrays of Monte Carlo
draws alike, through a `Sampler`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import numpy as np

from codecheck.model import Activity, Coverage, CoverageLevel, Requirement

from .params import BurdenParams
from .sampling import Sampler

FAMILIES = (
    "policy",
    "board_oversight",
    "risk_assessment",
    "supplier_measures",
    "grievance_mechanism",
    "whistleblowing",
    "stakeholder_engagement",
    "monitoring",
    "public_reporting",
)

# requirement theme -> family (business-as-usual and legal-overlap rows)
THEME_FAMILY = {
    "policy-commitment": "policy",
    "code-of-conduct": "policy",
    "board-oversight": "board_oversight",
    "incentives": "board_oversight",
    "due-diligence": "risk_assessment",
    "impact-assessment": "risk_assessment",
    "risk-management": "risk_assessment",
    "climate-transition": "risk_assessment",
    "prevention-mitigation": "supplier_measures",
    "value-chain": "supplier_measures",
    "remediation": "grievance_mechanism",
    "grievance-mechanism": "grievance_mechanism",
    "whistleblowing": "whistleblowing",
    "stakeholder-engagement": "stakeholder_engagement",
    "monitoring": "monitoring",
    "reporting": "public_reporting",
}
OBLIGATION_FAMILY = {
    "policy": "policy",
    "process": "risk_assessment",
    "oversight": "board_oversight",
    "disclosure": "public_reporting",
    "remedy": "grievance_mechanism",
    "engagement": "stakeholder_engagement",
}
# activities that disclose (CSRD obliges them for companies in its scope)
DISCLOSURE_ACTIVITIES = frozenset({"reporting", "archiving", "assurance"})
# information-obligation activities (SCM administrative burden); the rest is substantive
ADMINISTRATIVE_ACTIVITIES = frozenset({"familiarisation", "data-collection", "reporting", "assurance", "archiving"})
INSTRUMENTS = ("csrd", "csddd", "whistleblower_law")


def requirement_family(requirement: Requirement) -> str:
    """The family whose business-as-usual and legal-overlap figures apply.

    Oversight by the board is board work, whatever it oversees (G20/OECD VI.C: the board
    considering sustainability risks); otherwise the first theme that maps to a family
    wins, and failing that the obligation type decides.
    """
    if requirement.obligation == "oversight":
        return OBLIGATION_FAMILY["oversight"]
    for theme in requirement.themes:
        if theme in THEME_FAMILY:
            return THEME_FAMILY[theme]
    return OBLIGATION_FAMILY.get(requirement.obligation, "policy")


def is_disclosure(requirement: Requirement, activity: Activity) -> bool:
    return activity.activity in DISCLOSURE_ACTIVITIES or requirement.obligation == "disclosure"


# ------------------------------------------------------------------ missing share


def missing_shares(requirement: Requirement, coverage: Coverage | None) -> tuple[float, tuple[float, ...]]:
    """How much of the requirement, and of each of its activities, the code still lacks.

    Returns (requirement share, per-activity shares) in [0, 1]: zero for full coverage;
    one for no coverage; for partial coverage an activity serving a missing element
    counts fully, one serving a covered element not at all, and one without an element
    in proportion to the missing share of elements (1 - score when the requirement has
    no elements or the matcher named none missing).
    """
    n = len(requirement.burden)
    if coverage is None or coverage.level == CoverageLevel.NONE:
        return 1.0, (1.0,) * n
    if coverage.level == CoverageLevel.FULL:
        return 0.0, (0.0,) * n
    element_ids = [e.id for e in requirement.elements]
    missing = [m for m in coverage.missing_elements if m in element_ids]
    if element_ids and missing:
        share = len(missing) / len(element_ids)
    else:
        share = min(1.0, max(0.0, 1.0 - float(coverage.score)))
    out = []
    for activity in requirement.burden:
        if element_ids and missing and activity.element in element_ids:
            out.append(1.0 if activity.element in missing else 0.0)
        else:
            out.append(share)
    return share, tuple(out)


# ------------------------------------------------------------------ parameter look-up


def code_key(params: BurdenParams, group: str, code_id: str) -> str | None:
    """`group.<code id>` when present, else `group.default`, else None."""
    for key in (f"{group}.{code_id}", f"{group}.default"):
        if params.has(key):
            return key
    return None


class Inputs:
    """Reads parameters for one code through a sampler and records which were used."""

    def __init__(self, params: BurdenParams, code_id: str, sampler: Sampler):
        self.params = params
        self.code_id = code_id
        self.sampler = sampler
        self.used: set[str] = set()

    def get(self, key: str | None, default: float = 0.0, stream: str | None = None):
        memo = self.sampler.memo
        found = memo.get(("has", key))
        if found is None:
            found = memo[("has", key)] = key is not None and self.params.has(key)
        if not found:
            return default if self.sampler.central else np.full(self.sampler.draws, float(default))
        self.used.add(key)
        triple = memo.get(("triple", key))
        if triple is None:
            triple = memo[("triple", key)] = self.params.triple(key)
        return self.sampler.value(key, triple, stream)

    def code_key(self, group: str) -> str | None:
        memo_key = ("code_key", group, self.code_id)
        if memo_key not in self.sampler.memo:
            self.sampler.memo[memo_key] = code_key(self.params, group, self.code_id)
        return self.sampler.memo[memo_key]  # type: ignore[return-value]

    def per_code(self, group: str, default: float = 0.0):
        return self.get(self.code_key(group), default)

    # ------------------------------------------------------------- named inputs
    def wage_index(self) -> float:
        """tariff_eur_per_hour.central / .reference: the general wage level (1 by default).

        Staff tariffs are in EUR of the reference level; overriding the whole-economy
        tariff (e.g. --param tariff_eur_per_hour.central=66 for 10 % higher wages) moves
        every staff tariff in proportion.
        """
        memo = self.sampler.memo
        if "wage_index" not in memo:
            p = self.params
            index = 1.0
            if p.has("tariff_eur_per_hour.reference") and p.has("tariff_eur_per_hour.central"):
                reference = p.number("tariff_eur_per_hour.reference")
                index = p.number("tariff_eur_per_hour.central") / reference if reference > 0 else 1.0
            memo["wage_index"] = index
        if self.params.has("tariff_eur_per_hour.reference"):
            self.used.update(("tariff_eur_per_hour", "tariff_eur_per_hour.reference"))
        return memo["wage_index"]  # type: ignore[return-value]

    def tariff(self, staff: str, activity: str = ""):
        p = self.params
        candidates = [f"tariff_eur_per_hour.by_code.{self.code_id}.{staff}"]
        if staff == "external" and activity == "assurance":
            candidates.append("tariff_eur_per_hour.staff.auditor")
        candidates.append(f"tariff_eur_per_hour.staff.{staff}")
        for key in candidates:
            if p.has(key):
                return self.get(key) * self.wage_index()
        if p.has("tariff_eur_per_hour"):
            return self.get("tariff_eur_per_hour")  # the whole-economy tariff itself
        raise KeyError(f"no tariff for staff {staff!r}")

    def euro_per_minute(self, staff: str, activity: str = ""):
        """What a minute of `staff` costs in this code: tariff / 60 x the code's hours
        factor (x the board's size for board time); once per sampler."""
        assurance = staff == "external" and activity == "assurance"
        return self._memo(("euro_per_minute", self.code_id, staff, assurance), lambda: self._euro_per_minute(staff, activity))

    def _euro_per_minute(self, staff: str, activity: str):
        rate = self.tariff(staff, activity) * self.hours_factor() / 60.0
        if staff == "board":
            rate = rate * self.board_size()
        return rate

    def population(self):
        """(population draws or value, known?) — population 1 when the code has none."""
        return self._memo(("population", self.code_id), self._population)

    def _population(self):
        key = f"population.{self.code_id}"
        if not self.params.has(key):
            return (1.0 if self.sampler.central else np.ones(self.sampler.draws)), False
        self.used.add(key)
        central = self.params.number(key)
        spread_key = code_key(self.params, "population_spread", self.code_id)
        spread = 1.0
        if spread_key:
            node = self.params.node(spread_key)
            self.used.add(spread_key)
            spread = self.sampler.value(spread_key, (float(node.get("low", 1.0)), 1.0, float(node.get("high", 1.0))))
        return central * spread, True

    def board_size(self):
        return self.per_code("board_size", 1.0)

    def hours_factor(self):
        return self.per_code("hours_factor", 1.0)

    def bau(self, family: str):
        return self.get(self.code_key(f"bau_share.{family}"), 0.0)

    def annuity(self):
        return self._memo(("annuity",), self._annuity)

    def _annuity(self):
        years = self.get("annualisation_years", 5.0)
        rate = self.get("discount_rate", 0.0)
        return annuity_factor(years, rate)

    def _memo(self, memo_key: tuple, compute):
        """`compute()` once per sampler (the same draws for every gap of a code), with the
        parameters it used recorded on every call."""
        hit = self.sampler.memo.get(memo_key)
        if hit is not None:
            value, used = hit
            self.used |= used
            return value
        before = set(self.used)
        self.used = set()
        value = compute()
        used = frozenset(self.used)
        self.used = before | used
        self.sampler.memo[memo_key] = (value, used)
        return value

    # ---------------------------------------------- per code and family, once per sampler
    def applying(self, family: str, disclosure: bool):
        """Companies newly doing a `family` activity when the code asks for it: population x
        comply share x (1 - already legally obliged) x (1 - business as usual)."""
        return self._memo(("applying", self.code_id, family, disclosure), lambda: self._applying(family, disclosure))

    def _applying(self, family: str, disclosure: bool):
        pop, _ = self.population()
        comply = self.per_code("comply_or_explain.comply_share", 1.0)
        return pop * comply * ((1.0 - self.obliged(family, disclosure)) * (1.0 - self.bau(family)))

    def explaining(self, family: str):
        """(one-off, recurring EUR a year) of the companies that explain instead of applying
        a whole `family` requirement, or None when no company explains."""
        return self._memo(("explaining", self.code_id, family), lambda: self._explaining(family))

    def _explaining(self, family: str):
        comply = self.per_code("comply_or_explain.comply_share", 1.0)
        silent = self.per_code("comply_or_explain.silent_share", 0.0)
        explains = self.per_code("comply_or_explain.explains", 0.0)
        explain_share = np.maximum(0.0, 1.0 - comply - silent) * explains
        if not np.any(np.asarray(explain_share) > 0):
            return None
        pop, _ = self.population()
        explainers = pop * explain_share * (1.0 - self.obliged(family, False)) * (1.0 - self.bau(family))
        professional = self.tariff("professional")
        board = self.tariff("board") * self.board_size()
        one_off = (
            self.get("comply_or_explain.explanation.one_off_hours") * professional
            + self.get("comply_or_explain.explanation.board_hours_per_member") * board
        )
        recurring = self.get("comply_or_explain.explanation.recurring_hours_per_year") * professional
        return explainers * one_off, explainers * recurring

    def public_per_requirement(self):
        """(one-off, recurring EUR a year, annualised EUR a year per company) of the public
        authorities for one whole requirement added to the code."""
        return self._memo(("public_per_requirement", self.code_id), self._public_per_requirement)

    def _public_per_requirement(self):
        official = self.tariff("public_official")
        base = "public_authorities.per_requirement"
        one_off = self.per_code(f"{base}.committee_hours") * official
        hours = (
            self.per_code(f"{base}.monitoring_study_minutes_per_company") / 60.0 * self.get(f"{base}.monitoring_study_frequency", 0.5)
            + self.per_code(f"{base}.supervisor_review_minutes_per_company") / 60.0
        )
        pop, _ = self.population()
        recurring = hours * pop * official
        annualised = recurring + one_off * self.annuity()
        if self.sampler.central:
            per_company = annualised / pop if pop > 0 else 0.0
        else:
            per_company = np.where(np.asarray(pop) > 0, annualised / np.maximum(pop, 1e-300), 0.0)
        return one_off, recurring, per_company

    def obliged(self, family: str, disclosure: bool):
        """Share of the population legally obliged to do this activity already (nested)."""
        return self._memo(("obliged", self.code_id, family, disclosure), lambda: self._obliged(family, disclosure))

    def _obliged(self, family: str, disclosure: bool):
        p = self.params
        year = p.number("legal_overlap.model_year", 9999)
        csddd_from = p.number("legal_overlap.csddd_applies_from", 0)
        pre = p.number("legal_overlap.use_pre_omnibus", 0) >= 0.5
        for key in ("legal_overlap.model_year", "legal_overlap.csddd_applies_from", "legal_overlap.use_pre_omnibus"):
            if p.has(key):
                self.used.add(key)
        shares, reaches = [], []
        for inst in INSTRUMENTS:
            key = None
            if pre and inst in ("csrd", "csddd"):
                key = self.code_key("legal_overlap.pre_omnibus")
                key = f"{key}.{inst}" if key and p.has(f"{key}.{inst}") else None
            if key is None:
                base = self.code_key("legal_overlap.population_share")
                key = f"{base}.{inst}" if base and p.has(f"{base}.{inst}") else None
            if key is None:
                continue
            share = self.get(key)
            if inst == "csddd" and year < csddd_from:
                share = share * 0.0
            reach = self.get(f"legal_overlap.reach.{inst}.{family}", 0.0)
            if disclosure:
                reach = np.maximum(reach, self.get(f"legal_overlap.reach.{inst}.disclosure", 0.0))
            shares.append(share)
            reaches.append(reach)
        if not shares:
            return 0.0 if self.sampler.central else np.zeros(self.sampler.draws)
        return nested_obliged_share(shares, reaches)


def annuity_factor(years, rate):
    """The annual equivalent of 1 euro spent once, over `years` at `rate` (1/years at rate 0)."""
    years = np.asarray(years, dtype=float)
    rate = np.asarray(rate, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(rate > 1e-12, rate / (1.0 - (1.0 + rate) ** (-years)), 1.0 / years)
    return float(factor) if factor.ndim == 0 else factor


def nested_obliged_share(shares: Sequence, reaches: Sequence):
    """Obliged share when instruments' populations are nested (smaller inside larger).

    A company inside several scopes is obliged as far as the strongest instrument that
    covers it reaches: sum over the nested layers of (layer width x best reach of the
    instruments whose scope contains the layer). Never the sum of instruments.
    """
    s = np.atleast_2d(np.array(np.broadcast_arrays(*shares), dtype=float))
    r = np.atleast_2d(np.array(np.broadcast_arrays(*reaches), dtype=float))
    if s.shape[0] != len(shares):  # scalars: one column
        s = s.reshape(len(shares), -1)
        r = r.reshape(len(reaches), -1)
    order = np.argsort(s, axis=0, kind="stable")
    s_sorted = np.take_along_axis(s, order, axis=0)
    r_sorted = np.take_along_axis(r, order, axis=0)
    best_from_here = np.maximum.accumulate(r_sorted[::-1], axis=0)[::-1]
    widths = np.diff(np.vstack([np.zeros((1, s.shape[1])), s_sorted]), axis=0)
    out = np.clip((widths * best_from_here).sum(axis=0), 0.0, 1.0)
    return float(out[0]) if np.ndim(shares[0]) == 0 and out.size == 1 else out


# ------------------------------------------------------------------------ the gap


@dataclass(frozen=True)
class GapDraws:
    """The cost of one gap, central (floats) or Monte Carlo (arrays).

    `slots` breaks the enterprises' activity cost down by shared-activity slot
    (see `slot_key`): {slot: (total EUR, EUR per company)} before annualisation, one-off
    for slots whose key says so, per year otherwise. `explain_one_off` and
    `explain_recurring` are the explanations (never shared between requirements).
    """

    ent_one_off: object
    ent_recurring: object
    ent_annualised: object
    ent_per_company: object  # annualised, one company newly applying the missing elements
    pub_one_off: object
    pub_recurring: object
    pub_annualised: object
    pub_per_company: object  # annualised, per company in the population
    administrative: object  # enterprises' annualised cost of information obligations
    population_known: bool
    annuity: object = 0.2
    slots: dict = field(default_factory=dict)
    explain_one_off: object = 0.0
    explain_recurring: object = 0.0


SlotKey = tuple  # (family, activity, staff, one_off, disclosure)


def slot_key(requirement: Requirement, activity: Activity) -> SlotKey:
    """Activities with the same key in different requirements are one piece of work.

    A human-rights policy asked for by UNGP 16, OECD DDG 1.1 and CSDDD art. 7 is drafted
    once: a package pays the largest of them plus `package.shared_activity_extra` of
    the rest (see `combine_slots`).
    """
    return (
        requirement_family(requirement),
        activity.activity,
        activity.staff,
        bool(activity.one_off),
        is_disclosure(requirement, activity),
    )


def combine_slots(per_requirement: Sequence[Mapping], extra) -> dict:
    """Slot costs of a package: max + extra x (sum - max) over its requirements, per slot.

    `per_requirement` is a sequence of {slot: value} (floats or arrays); `extra` = 1 adds
    everything up (no sharing), 0 pays the largest only.
    """
    out: dict = {}
    maxima: dict = {}
    for slots in per_requirement:
        for key, value in slots.items():
            if key in out:
                out[key] = out[key] + value
                maxima[key] = np.maximum(maxima[key], value)
            else:
                out[key] = value
                maxima[key] = value
    return {k: maxima[k] + extra * (out[k] - maxima[k]) for k in out}


def activity_cost(inputs: Inputs, requirement: Requirement, activity: Activity, stream: str):
    """EUR per company for one activity: minutes x tariff x frequency (board: x members)."""
    minutes = inputs.sampler.value(
        f"catalogue.{requirement.id}.{activity.activity}",
        (activity.minutes_low, activity.minutes_central, activity.minutes_high),
        stream=stream,
    )
    return minutes * (inputs.euro_per_minute(activity.staff, activity.activity) * activity.frequency)


def gap_cost(requirement: Requirement, coverage: Coverage | None, inputs: Inputs) -> GapDraws:
    """The added burden of closing one requirement's gap in one code (see module doc)."""
    req_share, shares = missing_shares(requirement, coverage)
    family = requirement_family(requirement)
    annuity = inputs.annuity()
    pop, known = inputs.population()
    zero = 0.0 if inputs.sampler.central else np.zeros(inputs.sampler.draws)
    if req_share <= 0.0 and not any(shares):
        return GapDraws(zero, zero, zero, zero, zero, zero, zero, zero, zero, known, annuity, {}, zero, zero)

    stream = f"minutes:{inputs.code_id}:{family}"

    slots: dict = {}
    for activity, share in zip(requirement.burden, shares):
        if share <= 0.0:
            continue
        cost = activity_cost(inputs, requirement, activity, stream) * share
        total = cost * inputs.applying(family, is_disclosure(requirement, activity))
        key = slot_key(requirement, activity)
        if key in slots:
            old_total, old_pc = slots[key]
            slots[key] = (old_total + total, old_pc + cost)
        else:
            slots[key] = (total, cost)

    # companies that explain instead of applying (comply or explain)
    e_one_off_total = zero
    e_recurring_total = zero
    explaining = inputs.explaining(family)
    if explaining is not None:
        e_one_off_total = explaining[0] * req_share
        e_recurring_total = explaining[1] * req_share

    one_off, recurring, pc, admin = slot_totals(slots, annuity)
    one_off = one_off + e_one_off_total
    recurring = recurring + e_recurring_total
    admin = admin + e_recurring_total + e_one_off_total * annuity

    # public authorities: drafting the amendment, monitoring the statements
    pub_one_off, pub_recurring, pub_pc = (value * req_share for value in inputs.public_per_requirement())
    pub_annualised = pub_recurring + pub_one_off * annuity
    return GapDraws(
        ent_one_off=one_off,
        ent_recurring=recurring,
        ent_annualised=recurring + one_off * annuity,
        ent_per_company=pc,
        pub_one_off=pub_one_off,
        pub_recurring=pub_recurring,
        pub_annualised=pub_annualised,
        pub_per_company=pub_pc,
        administrative=admin,
        population_known=known,
        annuity=annuity,
        slots=slots,
        explain_one_off=e_one_off_total,
        explain_recurring=e_recurring_total,
    )


def slot_totals(slots: Mapping, annuity):
    """(one-off total, recurring total, annualised per company, annualised administrative)."""
    one_off = recurring = pc = admin = 0.0
    for key, (total, per_company) in sorted(slots.items(), key=lambda kv: kv[0]):
        is_one_off = key[3]
        if is_one_off:
            one_off = one_off + total
            pc = pc + per_company * annuity
        else:
            recurring = recurring + total
            pc = pc + per_company
        if key[1] in ADMINISTRATIVE_ACTIVITIES:
            admin = admin + (total * annuity if is_one_off else total)
    return one_off, recurring, pc, admin


def fixed_public_cost(inputs: Inputs):
    """(one-off, recurring per year, annualised) public cost of amending a code at all."""
    official = inputs.tariff("public_official")
    base = "public_authorities.fixed"
    one_off = inputs.per_code(f"{base}.committee_one_off_hours") * official
    recurring = (
        inputs.per_code(f"{base}.thematic_study_hours") * inputs.get(f"{base}.thematic_study_frequency", 0.2)
        + inputs.per_code(f"{base}.followup_hours_per_year")
    ) * official
    return one_off, recurring, recurring + one_off * inputs.annuity()


def cost_of_activities(
    activities: Iterable[Activity],
    params: BurdenParams | None = None,
    code_id: str = "be-cg-2020",
    *,
    share: float = 1.0,
) -> dict:
    """Central cost for ONE company of doing `activities` (a notebook helper).

    Returns {"one_off_eur", "recurring_eur_per_year", "annualised_eur_per_year"}; no
    population, business-as-usual or legal-overlap deductions. `share` scales all.
    """
    from codecheck.model import Citation

    if params is None:
        from .params import load_params

        params = load_params()
    activities = tuple(activities)
    req = Requirement(
        id="adhoc", instrument="adhoc", title="", citation=Citation("adhoc", "", ""), summary="",
        addressee="company", obligation="process", legal_status={}, themes=(), weight=1.0,
        elements=(), terms={}, burden=activities,
    )
    inputs = Inputs(params, code_id, Sampler(None))
    one_off = recurring = 0.0
    for a in activities:
        cost = activity_cost(inputs, req, a, "adhoc") * share
        if a.one_off:
            one_off += cost
        else:
            recurring += cost
    return {  # to the cent
        "one_off_eur": round(one_off, 2),
        "recurring_eur_per_year": round(recurring, 2),
        "annualised_eur_per_year": round(recurring + one_off * inputs.annuity(), 2),
    }
