"""report.json: the analysis as plain, ordered, JSON-ready data.

Order is fixed for determinism: codes in the order given, requirements in catalogue
order, evidence in provision order; floats are rounded; `generated_at` is the only field
that depends on the clock.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..matching.measured import measured_accuracy
from ..model import Code, Coverage, CoverageLevel, Evidence, Requirement

SCHEMA_VERSION = "1.0"
BIGGEST_GAPS = 5


def build_report_dict(report) -> dict[str, Any]:
    from .. import matching

    catalogue, codes = report.catalogue, report.codes
    requirements = [_requirement(r, codes, report) for r in catalogue.requirements]
    sources = _pool_sources(requirements)
    summary = {
        code.id: _summary(code, report, matching) for code in codes
    }
    out = {
        "schema_version": SCHEMA_VERSION,
        "codecheck_version": __version__,
        "generated_at": report.generated_at,
        "inputs": {
            "catalogue": {
                "source": display_path(catalogue.source),
                "instruments": len(catalogue.instruments),
                "requirements": len(catalogue.requirements),
            },
            "params": {k: report.params[k] for k in sorted(report.params)},
            "budget": report.budget,
            "target": report.target,
            "learned_check": _learned_check(report),
        },
        "codes": [_code(c) for c in codes],
        "instruments": [
            {
                "id": i.id,
                "title": i.title,
                "edition": i.edition,
                "date": i.date,
                "url": i.url,
                "legal_status": i.legal_status,
            }
            for i in catalogue.instruments
        ],
        "requirements": requirements,
        "summary": summary,
        "matching_accuracy": measured_accuracy(),
        "sources": sources,
    }
    if report.hints is not None:
        out["learned_hints"] = _learned_hints(report)
    return out


def _learned_check(report) -> dict[str, Any] | None:
    """Whether the learned reader could set evidence aside, and its bar (None: it could not)."""
    if not report.learned_check:
        return None
    from ..matching.learned import DOUBT, FAMILIAR, VOUCH_ABOVE

    return {"set_aside_below": DOUBT, "vouched_above": VOUCH_ABOVE, "familiar_at_least": FAMILIAR}


def _learned_hints(report) -> dict[str, Any]:
    """The learned second reader's hints, when asked for: not evidence (they change no level
    or score), per code in provision order."""
    from ..matching.learned import FAMILIAR, load_model

    model = load_model()
    return {
        "note": "themes a model learned from labelled examples reads in a provision where the matcher "
                "found no evidence of them; a pointer for a reader, not evidence; none on a provision "
                "worded unlike the examples (fewer than familiar_at_least of its word pairs known)",
        "threshold": model.get("threshold"),
        "familiar_at_least": FAMILIAR,
        "trained_on_items": model.get("trained_on", {}).get("items"),
        "codes": {
            code.id: [
                {"provision": pid, "theme": h.theme, "probability": h.probability, "words": list(h.words)}
                for pid, h in report.hints.get(code.id, ())
            ]
            for code in report.codes
        },
    }


def _pool_sources(requirements: list[dict]) -> list[dict]:
    """Each burden source once, at the top level; gaps cite them by id (`S001` …).

    The same parameter sources back most gaps, so writing them out per gap would make up
    most of report.json; ids are assigned in a stable order (by parameters, then text).
    Two sources are the same when their JSON is; the gaps share their source objects
    (see `burden.assessment._source_entries`), so each object is serialised once.
    """
    distinct: dict[str, dict] = {}
    by_object: dict[int, str] = {}  # id of a source object (alive while pooling) -> its JSON text

    def key_of(src) -> str:
        found = by_object.get(id(src))
        if found is None:
            plain = _plain(src)
            found = by_object[id(src)] = json.dumps(plain, sort_keys=True, ensure_ascii=False)
            distinct.setdefault(found, plain)
        return found

    for req in requirements:
        for gap in req["burden"].values():
            for src in gap.get("sources") or ():
                key_of(src)
    ordered = sorted(distinct.items(), key=lambda kv: (kv[1].get("parameters") or [""], kv[0]))
    ids = {key: f"S{n:03d}" for n, (key, _) in enumerate(ordered, start=1)}
    for req in requirements:
        for gap in req["burden"].values():
            if "sources" in gap:
                gap["sources"] = [ids[key_of(src)] for src in gap["sources"]]
    return [{"id": ids[key], **src} for key, src in ordered]


def _copy(value):
    """A copy of plain data (dicts, lists, tuples, scalars), faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    return value


def display_path(source: str) -> str:
    """Bundled files as `rules/…` / `corpora/…`; URLs and user files unchanged."""
    from .. import paths

    if not source or "://" in source:
        return source
    path = Path(source).resolve()
    for name in ("rules", "corpora"):
        try:
            root = paths.data_dir(name).resolve()
        except FileNotFoundError:
            continue
        if path == root or root in path.parents:
            return (Path(name) / path.relative_to(root)).as_posix()
    return str(source)


def _code(code: Code) -> dict[str, Any]:
    return {
        "id": code.id,
        "title": code.title,
        "edition": code.edition,
        "language": code.language,
        "kind": code.kind,
        "source": display_path(code.source),
        "publisher": code.publisher,
        "provisions": len(code.counted_provisions),
        "unverified_provisions": sum(1 for p in code.counted_provisions if not p.verified),
    }


def _requirement(req: Requirement, codes, report) -> dict[str, Any]:
    return {
        "id": req.id,
        "instrument": req.instrument,
        "title": req.title,
        "citation": {
            "instrument": req.citation.instrument,
            "reference": req.citation.reference,
            "edition": req.citation.edition,
            "url": req.citation.url,
            "text": str(req.citation),
        },
        "summary": req.summary,
        "addressee": req.addressee,
        "obligation": req.obligation,
        "legal_status": _plain(req.legal_status),
        "themes": list(req.themes),
        "weight": req.weight,
        "verified": req.verified,
        "elements": [{"id": e.id, "title": e.title, "theme": e.theme} for e in req.elements],
        "suggested_provision": dict(sorted(req.suggested_provision.items())),
        "coverage": [_coverage(report.coverage(req.id, c.id)) for c in codes],
        "burden": {c.id: _gap(report.burden, req.id, c.id) for c in codes},
    }


def _gap(burden, requirement_id: str, code_id: str) -> dict[str, Any]:
    """`burden.gap(...)`, keeping the gap's shared source objects for `_pool_sources`."""
    gaps = getattr(burden, "gaps", None)
    gap = gaps.get((requirement_id, code_id)) if gaps is not None else None
    if gap is None or not hasattr(gap, "sources"):
        return burden.gap(requirement_id, code_id)
    return gap.to_dict(shared_sources=True)


def _coverage(cov: Coverage) -> dict[str, Any]:
    out = {
        "code": cov.code,
        "level": str(cov.level),
        "score": round(float(cov.score), 4),
        "missing_elements": list(cov.missing_elements),
        "evidence": [_evidence(e) for e in cov.evidence],
    }
    if cov.set_aside:
        out["set_aside"] = [{**_evidence(a.evidence), "probability": round(float(a.probability), 4)}
                            for a in cov.set_aside]
    if cov.vouched:
        out["vouched"] = [{**_evidence(v.evidence), "probability": round(float(v.probability), 4)}
                          for v in cov.vouched]
    return out


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {
        "provision": ev.provision,
        "text": ev.text,
        "span": [int(ev.span[0]), int(ev.span[1])],
        "terms": list(ev.terms),
        "element": ev.element,
        "themes": list(ev.themes),
        "strength": str(ev.strength),
        "addressee": ev.addressee,
    }


def _summary(code: Code, report, matching) -> dict[str, Any]:
    catalogue, coverages = report.catalogue, report.coverages
    reqs = catalogue.requirements

    def index(subset) -> float:
        return round(matching.coverage_index(catalogue, coverages, code.id, subset), 4)

    levels = {level.value: 0 for level in CoverageLevel}
    for r in reqs:
        levels[str(coverages[(r.id, code.id)].level)] += 1
    instruments = [i.id for i in catalogue.instruments]
    themes = sorted({t for r in reqs for t in r.themes})
    burden = _summary_of(report.burden, code.id)
    frontier = burden.pop("frontier", [])
    burden.pop("recommended", None)  # the report asks best_package itself, below
    if isinstance(burden.get("parameters"), dict) and burden["parameters"].get("path"):
        burden["parameters"] = {**burden["parameters"], "path": display_path(str(burden["parameters"]["path"]))}
    recommended = _recommended(report, code.id)
    def gap_burden(r) -> float:
        return _gap_total(report.burden, r.id, code.id)

    # Biggest gaps: most coverage lost (weight × missing score); among equals, the
    # cheapest to close first, since those are the amendments to look at first.
    gaps = sorted(
        (r for r in reqs if coverages[(r.id, code.id)].level is not CoverageLevel.FULL),
        key=lambda r: (-r.weight * (1 - coverages[(r.id, code.id)].score), gap_burden(r), r.id),
    )
    return {
        "coverage_index": index(None),
        "levels": levels,
        "by_instrument": {i: index([r for r in reqs if r.instrument == i]) for i in instruments},
        "by_theme": {t: index([r for r in reqs if t in r.themes]) for t in themes},
        "biggest_gaps": [
            {
                "requirement": r.id,
                "level": str(coverages[(r.id, code.id)].level),
                "weight": r.weight,
                "burden_eur_per_year": gap_burden(r),
            }
            for r in gaps[:BIGGEST_GAPS]
        ],
        "provision_themes": {
            pid: sorted(themes)
            for pid, themes in sorted(
                matching.provision_themes(coverages, code.id).items(),
                key=lambda kv: _provision_order(code, kv[0]),
            )
        },
        "burden": burden,
        "frontier": frontier,
        "recommended": recommended,
    }


def _summary_of(assessment, code_id: str) -> dict:
    """A code's burden summary without `recommended`, as `assessment.summary(code_id)`
    gives it (that deep-copies with `copy.deepcopy`; a plain-data copy is several times
    faster)."""
    summaries = getattr(assessment, "summaries", None)
    if summaries is None or code_id not in summaries:
        return dict(assessment.summary(code_id))
    return _copy(dict(summaries[code_id]))


def _gap_total(assessment, requirement_id: str, code_id: str) -> float:
    """`assessment.gap(...)["total_eur_per_year"]` without building the whole gap dict."""
    gaps = getattr(assessment, "gaps", None)
    gap = gaps.get((requirement_id, code_id)) if gaps is not None else None
    if gap is None or not hasattr(gap, "total_eur_per_year"):
        return float(assessment.gap(requirement_id, code_id).get("total_eur_per_year") or 0.0)
    from ..burden.assessment import _eur

    return float(_eur(gap.total_eur_per_year) or 0.0)


def _recommended(report, code_id: str):
    if report.budget is None and report.target is None:
        return None
    from .. import burden

    return burden.best_package(report.burden, code_id, budget=report.budget, target=report.target)


def _provision_order(code: Code, provision_id: str) -> tuple[int, str]:
    for n, p in enumerate(code.provisions):
        if p.id == provision_id:
            return (n, provision_id)
    return (len(code.provisions), provision_id)


def _plain(value):
    """Mappings and tuples as plain dicts and lists, for JSON."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
