"""Coverage levels, scores and indices from evidence.

- `none`: no evidence of the requirement's core concept (element hits alone never count);
- `full`: the core concept and every element evidenced, each at least once with adequate
  strength (`recommended` or `mandatory`: comply-or-explain codes speak in "should");
- `partial`: everything else.

The score (0–1) is the strength weight of the best core evidence, averaged half and half
with the mean over the elements of their best strength weight (0 when missing); a
requirement without elements scores its core evidence alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..model import Catalogue, Coverage, CoverageLevel, Evidence, Requirement, SetAside, Strength, Vouched

STRENGTH_WEIGHT = {
    Strength.MANDATORY: 1.0,
    Strength.RECOMMENDED: 0.9,
    Strength.OPTIONAL: 0.5,
}
ADEQUATE = {Strength.MANDATORY, Strength.RECOMMENDED}
CORE_SHARE = 0.5


def _best(evidence: Iterable[Evidence]) -> float:
    return max((STRENGTH_WEIGHT[e.strength] for e in evidence), default=0.0)


def coverage_of(requirement: Requirement, code_id: str, evidence: Iterable[Evidence],
                set_aside: Iterable[SetAside] = (), vouched: Iterable[Vouched] = ()) -> Coverage:
    evidence = tuple(evidence)
    set_aside = tuple(set_aside)
    core = [e for e in evidence if e.element is None]
    if not core:
        return Coverage(
            requirement=requirement.id,
            code=code_id,
            level=CoverageLevel.NONE,
            score=0.0,
            evidence=(),
            missing_elements=tuple(e.id for e in requirement.elements),
            set_aside=set_aside,
        )
    by_element = {el.id: [e for e in evidence if e.element == el.id] for el in requirement.elements}
    missing = tuple(el_id for el_id, items in by_element.items() if not items)
    core_score = _best(core)
    if requirement.elements:
        element_score = sum(_best(items) for items in by_element.values()) / len(by_element)
        score = CORE_SHARE * core_score + (1 - CORE_SHARE) * element_score
    else:
        score = core_score
    adequate = any(e.strength in ADEQUATE for e in core) and all(
        any(e.strength in ADEQUATE for e in items) for items in by_element.values()
    )
    level = CoverageLevel.FULL if adequate and not missing else CoverageLevel.PARTIAL
    counted = {id(e) for e in evidence}
    return Coverage(
        requirement=requirement.id,
        code=code_id,
        level=level,
        score=round(score, 4),
        evidence=evidence,
        missing_elements=missing,
        set_aside=set_aside,
        vouched=tuple(v for v in vouched if id(v.evidence) in counted),
    )


# --------------------------------------------------------------------------- indices


def _requirements(catalogue: Catalogue, requirements) -> list[Requirement]:
    if requirements is None:
        return list(catalogue.requirements)
    out = []
    for r in requirements:
        out.append(r if isinstance(r, Requirement) else catalogue.requirement(r))
    return out


def coverage_index(
    catalogue: Catalogue,
    coverages: Mapping[tuple[str, str], Coverage],
    code_id: str,
    requirements=None,
    digits: int | None = 4,
) -> float:
    """`sum(weight * score) / sum(weight)` over the requirements (all, or the given
    ids/objects); a missing pair scores 0. Rounded to `digits` (None: not rounded, as the
    burden frontier needs to tell close packages apart)."""
    reqs = _requirements(catalogue, requirements)
    total = sum(float(r.weight) for r in reqs)
    if total <= 0:
        return 0.0
    s = 0.0
    for r in reqs:
        cov = coverages.get((r.id, code_id))
        s += float(r.weight) * (float(cov.score) if cov is not None else 0.0)
    return s / total if digits is None else round(s / total, digits)


def instrument_indices(
    catalogue: Catalogue, coverages: Mapping[tuple[str, str], Coverage], code_id: str
) -> dict[str, float]:
    """The coverage index per instrument, `{instrument id: index}`, sorted by id."""
    groups: dict[str, list[Requirement]] = {}
    for r in catalogue.requirements:
        groups.setdefault(r.instrument, []).append(r)
    return {i: coverage_index(catalogue, coverages, code_id, groups[i]) for i in sorted(groups)}


def theme_indices(
    catalogue: Catalogue, coverages: Mapping[tuple[str, str], Coverage], code_id: str
) -> dict[str, float]:
    """The coverage index per theme (requirements listing the theme), sorted by theme."""
    groups: dict[str, list[Requirement]] = {}
    for r in catalogue.requirements:
        for t in r.themes:
            groups.setdefault(t, []).append(r)
    return {t: coverage_index(catalogue, coverages, code_id, groups[t]) for t in sorted(groups)}


def provision_themes(
    coverages: Mapping[tuple[str, str], Coverage], code_id: str
) -> dict[str, set[str]]:
    """`{provision id: themes}`: the themes of the evidence items that cite each provision."""
    out: dict[str, set[str]] = {}
    for cov in coverages.values():
        if cov.code != code_id:
            continue
        for e in cov.evidence:
            out.setdefault(e.provision, set()).update(e.themes)
    return dict(sorted(out.items()))


def provision_themes_by_code(
    coverages: Mapping[tuple[str, str], Coverage]
) -> dict[str, dict[str, set[str]]]:
    """`provision_themes` for every code at once: `{code id: {provision id: themes}}`."""
    out: dict[str, dict[str, set[str]]] = {}
    for cov in coverages.values():
        for e in cov.evidence:
            out.setdefault(cov.code, {}).setdefault(e.provision, set()).update(e.themes)
    return out


def level_counts(
    coverages: Mapping[tuple[str, str], Coverage], code_id: str
) -> dict[str, int]:
    counts = {str(level): 0 for level in CoverageLevel}
    for (_, code), cov in coverages.items():
        if code == code_id:
            counts[str(cov.level)] += 1
    return counts
