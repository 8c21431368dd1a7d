"""Text views of report.json: JSON itself, Markdown (for pull requests and wikis), CSV rows."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

LEVEL_MARK = {"full": "●", "partial": "◐", "none": "○"}


def render_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ rows (CSV, DataFrame)

ROW_FIELDS = (
    "requirement",
    "instrument",
    "citation",
    "title",
    "themes",
    "weight",
    "verified",
    "code",
    "level",
    "score",
    "evidence_provisions",
    "set_aside_provisions",
    "vouched_provisions",
    "missing_elements",
    "enterprises_eur_per_year",
    "enterprises_low",
    "enterprises_high",
    "public_authorities_eur_per_year",
    "total_eur_per_year",
    "in_recommended_package",
)


def coverage_rows(report: dict) -> list[dict[str, Any]]:
    """One row per requirement × code, in report order."""
    recommended = {
        code: set(s["recommended"].get("requirements", [])) if s.get("recommended") else None
        for code, s in report["summary"].items()
    }
    rows = []
    for req in report["requirements"]:
        for cov in req["coverage"]:
            burden = req["burden"].get(cov["code"]) or {}
            ent = burden.get("enterprises") or {}
            pub = burden.get("public_authorities") or {}
            rows.append(
                {
                    "requirement": req["id"],
                    "instrument": req["instrument"],
                    "citation": req["citation"]["text"],
                    "title": req["title"],
                    "themes": ";".join(req["themes"]),
                    "weight": req["weight"],
                    "verified": req["verified"],
                    "code": cov["code"],
                    "level": cov["level"],
                    "score": cov["score"],
                    "evidence_provisions": ";".join(
                        dict.fromkeys(e["provision"] for e in cov["evidence"])
                    ),
                    "set_aside_provisions": ";".join(
                        dict.fromkeys(e["provision"] for e in cov.get("set_aside", []))
                    ),
                    "vouched_provisions": ";".join(
                        dict.fromkeys(e["provision"] for e in cov.get("vouched", []))
                    ),
                    "missing_elements": ";".join(cov["missing_elements"]),
                    "enterprises_eur_per_year": _yearly(ent),
                    "enterprises_low": ent.get("low"),
                    "enterprises_high": ent.get("high"),
                    "public_authorities_eur_per_year": _yearly(pub),
                    "total_eur_per_year": burden.get("total_eur_per_year"),
                    "in_recommended_package": (
                        None if recommended.get(cov["code"]) is None else req["id"] in recommended[cov["code"]]
                    ),
                }
            )
    return rows


def evidence_rows(report: dict) -> list[dict[str, Any]]:
    """One row per piece of evidence of each requirement × code, in report order; with
    `--learned-check`, also one per piece the learned reader set aside (`counted` False),
    and the reader's probability where it vouched for a counted one."""
    rows = []
    for req in report["requirements"]:
        for cov in req["coverage"]:
            vouched = {(v["provision"], tuple(v["span"]), v["element"]): v["probability"]
                       for v in cov.get("vouched", ())}
            for counted, items in ((True, cov["evidence"]), (False, cov.get("set_aside", ()))):
                for e in items:
                    key = (e["provision"], tuple(e["span"]), e["element"])
                    rows.append({
                        "requirement": req["id"],
                        "instrument": req["instrument"],
                        "code": cov["code"],
                        "level": cov["level"],
                        "provision": e["provision"],
                        "element": e["element"],
                        "themes": ";".join(e["themes"]),
                        "strength": e["strength"],
                        "addressee": e["addressee"],
                        "terms": ";".join(e["terms"]),
                        "span_start": e["span"][0],
                        "span_end": e["span"][1],
                        "text": e["text"],
                        "counted": counted,
                        "learned_probability": vouched.get(key) if counted else e.get("probability"),
                    })
    return rows


def frontier_rows(report: dict) -> list[dict[str, Any]]:
    """One row per point of each code's frontier of amendment packages (the cheapest
    package for each coverage index it reaches), in report order; `recommended` marks the
    package chosen for `--budget` or `--target`."""
    rows = []
    for code, summary in report["summary"].items():
        chosen = summary.get("recommended") or {}
        for point in summary.get("frontier") or ():
            rows.append({
                "code": code,
                "coverage_index": point["coverage_index"],
                "burden_eur_per_year": point["burden_eur_per_year"],
                "amendments": len(point["requirements"]),
                "requirements": ";".join(point["requirements"]),
                "recommended": bool(chosen) and sorted(point["requirements"]) == sorted(chosen.get("requirements", [])),
            })
    return rows


EVIDENCE_FIELDS = ("requirement", "instrument", "code", "level", "provision", "element", "themes", "strength",
                   "addressee", "terms", "span_start", "span_end", "text", "counted", "learned_probability")
FRONTIER_FIELDS = ("code", "coverage_index", "burden_eur_per_year", "amendments", "requirements", "recommended")
# the report's tables as `Report.to_frame(table)` gives them: rows and columns
TABLES = {
    "coverage": (coverage_rows, ROW_FIELDS),
    "evidence": (evidence_rows, EVIDENCE_FIELDS),
    "frontier": (frontier_rows, FRONTIER_FIELDS),
}


def _yearly(side: dict) -> float | None:
    """Recurring cost plus one-off cost spread over the annualisation period."""
    if not side:
        return None
    if "annualised_eur_per_year" in side and side["annualised_eur_per_year"] is not None:
        return side["annualised_eur_per_year"]
    return side.get("recurring_eur_per_year")


def render_csv(report: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROW_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in coverage_rows(report):
        writer.writerow(row)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- Markdown


def eur(value) -> str:
    if value is None:
        return "–"
    return f"€{value:,.0f}".replace(",", " ")


def render_markdown(report: dict) -> str:
    codes = report["codes"]
    out: list[str] = []
    add = out.append
    add("# codecheck gap report\n")
    add(
        f"codecheck {report['codecheck_version']} · generated {report['generated_at']} · "
        f"{report['inputs']['catalogue']['requirements']} requirements from "
        f"{report['inputs']['catalogue']['instruments']} instruments\n"
    )
    add("## Codes and where their text came from\n")
    add("| code | title | language | read from | provisions |")
    add("|---|---|---|---|---|")
    for c in codes:
        add(
            f"| `{c['id']}` | {_md(titled(c))} | {c['language']} | "
            f"{source_label(c['kind'])} | {c['provisions']} |"
        )
    add("")
    add("## Summary\n")
    add("| code | coverage index | full | partial | none | added burden (€/year, 90% interval) |")
    add("|---|---|---|---|---|---|")
    for c in codes:
        s = report["summary"][c["id"]]
        total = (s.get("burden") or {}).get("total")
        add(
            f"| `{c['id']}` | {s['coverage_index']:.2f} | {s['levels']['full']} | "
            f"{s['levels']['partial']} | {s['levels']['none']} | {burden_interval(total)} |"
        )
    add("")
    add(accuracy_note(report) + "\n")
    add("### Coverage index by instrument\n")
    add("| instrument | " + " | ".join(f"`{c['id']}`" for c in codes) + " |")
    add("|---|" + "---|" * len(codes))
    for inst in report["instruments"]:
        cells = [f"{report['summary'][c['id']]['by_instrument'].get(inst['id'], 0):.2f}" for c in codes]
        add(f"| {inst['id']} | " + " | ".join(cells) + " |")
    add("")
    add("## Coverage per requirement\n")
    add("● full · ◐ partial · ○ none\n")
    add("| requirement | citation | " + " | ".join(f"`{c['id']}`" for c in codes) + " |")
    add("|---|---|" + "---|" * len(codes))
    for req in report["requirements"]:
        cells = [f"{LEVEL_MARK[cov['level']]} {cov['score']:.2f}" for cov in req["coverage"]]
        add(f"| {req['id']} | {_md(req['citation']['text'])} | " + " | ".join(cells) + " |")
    add("")
    add("## Amendment packages (coverage gained for the burden added)\n")
    for c in codes:
        s = report["summary"][c["id"]]
        add(f"### `{c['id']}`\n")
        frontier = s.get("frontier") or []
        if not frontier:
            add("No gaps to close.\n")
            continue
        shown = thin_frontier(frontier)
        add(f"{len(frontier)} packages on the frontier; {len(shown)} of them, evenly spread, below (all in report.json).\n")
        add("| coverage index | added burden (€/year) | requirements in the package |")
        add("|---|---|---|")
        for package in shown:
            reqs = package["requirements"]
            listed = ", ".join(reqs[:12]) + (f" and {len(reqs) - 12} more" if len(reqs) > 12 else "")
            add(f"| {package['coverage_index']:.2f} | {eur(package['burden_eur_per_year'])} | {listed or '–'} |")
        if s.get("recommended"):
            rec = s["recommended"]
            add(
                f"\nRecommended package: {', '.join(rec.get('requirements', [])) or 'none'} "
                f"(coverage index {rec.get('coverage_index', 0):.2f}, "
                f"{eur(rec.get('burden_eur_per_year'))}/year)."
            )
        add("")
    hints = report.get("learned_hints")
    if hints is not None:
        add("## Learned hints (not evidence)\n")
        add(f"Themes a model learned from {hints['trained_on_items']} labelled examples reads in a provision "
            "where the matcher found no evidence of them: places to read again, not coverage. There are none "
            f"in a provision worded unlike those examples (under {hints['familiar_at_least'] * 100:.0f} % of its pairs of "
            "words known to the model), such as most official text.\n")
        for c in codes:
            rows = hints["codes"].get(c["id"], [])
            add(f"### `{c['id']}`: {len(rows)} hints\n")
            if rows:
                add("| provision | theme | probability | words |")
                add("|---|---|---|---|")
                for h in rows:
                    add(f"| {h['provision']} | {h['theme']} | {h['probability']:.2f} | {', '.join(h['words'])} |")
                add("")
    add("## Gaps in detail\n")
    for req in report["requirements"]:
        gaps = [cov for cov in req["coverage"] if cov["level"] != "full"]
        if not gaps:
            continue
        add(f"### {req['id']} — {_md(req['title'])}{status_note(req)}\n")
        add(f"{_md(req['summary'])} ({_md(req['citation']['text'])}"
            f"{'' if req['verified'] else '; citation not verified'})\n")
        for cov in gaps:
            burden = req["burden"].get(cov["code"]) or {}
            add(
                f"- `{cov['code']}`: **{cov['level']}** ({cov['score']:.2f}); added burden "
                f"{burden_interval(burden.get('enterprises'))} for enterprises"
            )
            for ev in cov["evidence"][:3]:
                add(f"  - {ev['provision']}: “{_md(ev['text'])}” ({', '.join(ev['terms'])})")
            for ev in cov.get("vouched", []):
                add(f"  - counted on the learned reader's word (p={ev['probability']:.3f} for {', '.join(ev['themes'])}), "
                    f"held back by the matcher: {ev['provision']}: “{_md(ev['text'])}” ({', '.join(ev['terms'])})")
            for ev in cov.get("set_aside", []):
                add(f"  - set aside by the learned reader (p={ev['probability']:.3f} for {', '.join(ev['themes'])}), "
                    f"not counted: {ev['provision']}: “{_md(ev['text'])}” ({', '.join(ev['terms'])})")
            if cov["missing_elements"]:
                add(f"  - missing: {', '.join(cov['missing_elements'])}")
        suggestion = req["suggested_provision"].get("en")
        if suggestion:
            add(f"\nSuggested provision: {_md(suggestion)}\n")
        else:
            add("")
    return "\n".join(out).rstrip() + "\n"


def thin_frontier(frontier: list[dict], most: int = 12) -> list[dict]:
    """At most `most` packages of the frontier, evenly spread, always the first and last."""
    if len(frontier) <= most:
        return list(frontier)
    step = (len(frontier) - 1) / (most - 1)
    picks = sorted({round(i * step) for i in range(most)})
    return [frontier[i] for i in picks]


def accuracy_note(report: dict) -> str:
    """One sentence on how far the levels can be read: the matcher's measured accuracy
    (`matching_accuracy`), and that a "none" is evidence not found, not a finding."""
    acc = report["matching_accuracy"]

    def span(t):
        low, high = f"{t['f1_min']:.2f}", f"{t['f1_max']:.2f}"
        return low if low == high else f"{low}–{high}"

    parts = "; ".join(f"{span(t)} on {t['name']}" for t in acc["texts"])
    note = (f"How far to read these levels: the matcher's micro F1, measured on labelled text nobody tuned "
            f"it on ({acc['measured']}, with the bundled catalogue), was {parts}. A \"none\" means the "
            "matcher found no evidence; read the evidence behind each \"partial\" and \"full\".")
    used = report["inputs"]["catalogue"]["source"]
    if used != acc["catalogue"]:
        note += f" This report used another catalogue ({used}): the figures are those of the bundled one."
    return note


def burden_interval(side) -> str:
    """`€central (€low–€high)` from a burden dict, or a plain number."""
    if side is None:
        return "–"
    if not isinstance(side, dict):
        return eur(side)
    central = side.get("central", side.get("eur_per_year", _yearly(side)))
    low, high = side.get("low"), side.get("high")
    if low is None or high is None:
        return eur(central)
    return f"{eur(central)} ({eur(low)}–{eur(high)})"


def titled(code: dict) -> str:
    """A code's title with its edition, unless the title already names it."""
    edition = code.get("edition") or ""
    return code["title"] if not edition or edition in code["title"] else f"{code['title']} ({edition})"


def status_note(req: dict) -> str:
    """` (deleted)` / ` (amended)` for requirements whose legal basis changed."""
    status = (req.get("legal_status") or {}).get("status")
    return f" ({status})" if status in ("deleted", "amended", "pending") else ""


def source_label(kind: str) -> str:
    return {
        "official": "official text",
        "digest": "our digest (not the official text)",
        "file": "user file",
    }.get(kind, kind)


def _md(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")
