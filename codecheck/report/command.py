"""`codecheck report`: analyse codes against the catalogue and write the gap report."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_OUT = "codecheck-report"


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "report",
        parents=[common],
        help="write the gap report (JSON, HTML, Markdown, CSV)",
        description=(
            "Analyse codes against the requirements catalogue and write report.json, "
            "report.html, report.md and coverage.csv. With no options: every bundled code, "
            "the bundled catalogue and burden parameters, into ./codecheck-report/."
        ),
    )
    p.add_argument(
        "--code", action="append", metavar="PATH_OR_ID", dest="codes",
        help="a code file or bundled id (repeatable; default: every bundled code)",
    )
    p.add_argument(
        "--lang", choices=("en", "nl", "fr"),
        help="language of the codes: bundled codes in this language (e.g. the Dutch digest), files read as it",
    )
    p.add_argument("--catalogue", metavar="PATH", help="rule files (folder or file) instead of the bundled catalogue")
    p.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE",
        help="override a burden parameter by dotted key, e.g. population.be-cg-2020=120 (repeatable)",
    )
    p.add_argument("--format", default="json,html,md,csv", metavar="LIST", help="comma-separated: json,html,md,csv (default: all)")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"output folder, replaced atomically (default: ./{DEFAULT_OUT})")
    p.add_argument("--budget", type=_number("--budget"), metavar="EUR", help="recommend the package with most coverage within this added burden per year")
    p.add_argument("--target", type=_number("--target"), metavar="INDEX", help="recommend the cheapest package reaching this coverage index (0-1)")
    p.add_argument(
        "--learned-hints", action="store_true",
        help="add the learned second reader's hints: themes it reads where the matcher found no evidence (not evidence)",
    )
    p.add_argument(
        "--learned-check", action="store_true",
        help="let the learned reader set aside evidence of a theme it reads as absent from its provision (listed, not counted; see README)",
    )
    p.set_defaults(func=run_report)


def _number(option: str):
    def parse(text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} takes a number, not {text!r}") from None

    return parse


def run_report(args) -> int:
    from .. import analyse
    from ..burden import parse_assignments
    from ..cli import show_progress
    from .write import parse_formats

    formats = parse_formats(args.format)
    params = parse_assignments(args.param)
    report = analyse(
        codes=args.codes,
        lang=args.lang,
        catalogue=args.catalogue,
        params=params,
        budget=args.budget,
        target=args.target,
        progress=show_progress(args),
        hints=args.learned_hints,
        learned_check=args.learned_check,
    )
    out = Path(args.out)
    written = report.write(out, formats)
    if not args.quiet:
        print(summary_text(report.to_dict()))
        print(f"\nwrote {', '.join(p.name for p in written)} to {out}/")
    return 0


def summary_text(report: dict) -> str:
    from .render import burden_interval

    lines = [f"{'code':<22} {'lang':<4} {'source':<8} {'index':>5}  {'full':>4} {'part':>4} {'none':>4}  added burden €/year (90% interval)"]
    for c in report["codes"]:
        s = report["summary"][c["id"]]
        lv = s["levels"]
        total = (s.get("burden") or {}).get("total")
        lines.append(
            f"{c['id']:<22} {c['language']:<4} {c['kind']:<8} {s['coverage_index']:>5.2f}  {lv['full']:>4} {lv['partial']:>4} {lv['none']:>4}  {burden_interval(total)}"
        )
    for c in report["codes"]:
        gaps = report["summary"][c["id"]]["biggest_gaps"]
        if gaps:
            lines.append(f"\nbiggest gaps in {c['id']}: " + ", ".join(f"{g['requirement']} ({g['level']})" for g in gaps))
    return "\n".join(lines)
