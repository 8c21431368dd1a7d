"""The `evaluate` subcommand: the matcher's precision, recall and F1 on a labelled file."""

from __future__ import annotations

import argparse


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "evaluate",
        parents=[common],
        help="measure the matcher on a labelled file (precision, recall, F1)",
        description=(
            "Analyse each item of a labelled YAML file (items: id, lang, text, themes, kind) "
            "as a one-provision code and compare the themes the matcher finds with the "
            "labels: precision, recall and F1 per theme and per language, micro and macro, "
            "and the hard negatives it flagged."
        ),
    )
    p.add_argument("file", metavar="FILE", help="labelled YAML file, e.g. tests/data/labelled.yaml")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json")
    p.add_argument("--catalogue", metavar="PATH", default=None,
                   help="rule file or folder (default: the bundled catalogue)")
    p.add_argument("--errors", action="store_true",
                   help="also list every item with a false positive or false negative (text format)")
    p.add_argument("--learned-check", action="store_true",
                   help="let the learned reader set aside evidence of a theme it reads as absent from its "
                        "provision (measured on the team's sets and a sample of the ESRS; see README)")
    p.add_argument("--source", metavar="PATH", default=None,
                   help="for labels that name provisions by id: read their text from this document "
                        "(your copy of the code) instead of the file's own 'source:'")
    p.set_defaults(func=evaluate_command)


def evaluate_command(args: argparse.Namespace) -> int:
    import json

    from ..catalogue import load_catalogue
    from .evaluate import evaluate

    catalogue = load_catalogue(args.catalogue) if args.catalogue else load_catalogue()
    result = evaluate(args.file, catalogue=catalogue, learned_check=args.learned_check, source=args.source)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    elif not getattr(args, "quiet", False):
        print(result.format_text(verbose=args.errors))
    return 0
