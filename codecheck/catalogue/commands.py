"""The `validate` and `check` subcommands."""

from __future__ import annotations

import argparse


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "validate",
        parents=[common],
        help="check rule files and list every problem with its line",
        description=(
            "Check requirement rule files (YAML) and list every problem as "
            "path:line:column: message. Exit 1 when there are problems, 0 when clean."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="rule files or folders of them (default: the bundled catalogue)")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="text (default) or github: workflow-command annotations for GitHub Actions")
    p.set_defaults(func=validate_command)

    c = subparsers.add_parser(
        "check",
        parents=[common],
        help="CI gate: validate the catalogue and compare the results with the baseline",
        description=(
            "Validate the bundled catalogue, analyse the bundled codes, and compare coverage "
            "levels, coverage indices and burden totals with rules/baseline.json. Prints "
            "every change as 'requirement  code  old -> new' and exits 1 on any change "
            "not recorded in the baseline."
        ),
    )
    c.add_argument("--update", action="store_true",
                   help="record the current results in the baseline and exit 0")
    c.set_defaults(func=check_command)


def validate_command(args: argparse.Namespace) -> int:
    from codecheck.catalogue.validate import check_files, rule_files

    if args.paths:
        paths = args.paths
    else:
        from codecheck.paths import catalogue_dir

        paths = [catalogue_dir()]
    files, problems = rule_files(paths)
    if problems:  # a path named that does not exist, or a folder without rule files: bad input
        from codecheck.errors import CatalogueError

        first = problems[0]
        raise CatalogueError(first.code, f"{first.path}: {first.message}; give rule files (*.yaml) "
                                         "or a folder that holds them")
    parsed, more = check_files(files)
    problems = sorted(set(problems + more))
    for p in problems:
        print(format_problem(p, args.format))
    if problems:
        return 1
    if not getattr(args, "quiet", False):
        n_req = sum(
            len(pf.data["requirements"]) for pf in parsed
            if isinstance(pf.data, dict) and isinstance(pf.data.get("requirements"), list)
        )
        print(f"{len(files)} file{'s' if len(files) != 1 else ''}, {n_req} requirement"
              f"{'s' if n_req != 1 else ''}: no problems")
    return 0


def format_problem(p, fmt: str = "text") -> str:
    if fmt == "github":
        return (f"::error file={_gh_property(p.path)},line={p.line},col={p.column},"
                f"title={p.code}::{_gh_data(p.message)}")
    return str(p)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def check_command(args: argparse.Namespace) -> int:
    from codecheck.check import run_check

    return run_check(update=args.update, echo=print)
