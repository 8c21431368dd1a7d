"""`codecheck parse FILE_OR_ID`: show the provisions codecheck reads from a code.

JSON (the `code_to_dict` shape), YAML (the same data), or a readable outline.
Errors (`CodecheckError`) propagate to the CLI's main, which prints one line, exit 2.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run_parse", "format_text"]


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "parse",
        parents=[common],
        help="read a code (PDF, Word, text, Markdown, YAML corpus, or a bundled id) and show its provisions",
        description=(
            "Read a code document or a bundled code and print its provisions with their "
            "official numbering: JSON (default), YAML, or a text outline."
        ),
    )
    p.add_argument("target", metavar="FILE_OR_ID", help="a .pdf/.docx/.txt/.md/.yaml file or a bundled code id")
    p.add_argument("--lang", choices=("en", "nl", "fr"), default=None,
                   help="the document's language (detected when omitted)")
    p.add_argument("--format", choices=("json", "yaml", "text"), default="json", dest="format",
                   help="output format (default: json)")
    p.set_defaults(func=run_parse)


def run_parse(args: argparse.Namespace) -> int:
    from codecheck.documents import load_code
    from codecheck.documents.corpus import code_to_dict

    code = load_code(args.target, lang=args.lang)
    data = code_to_dict(code)
    fmt = getattr(args, "format", "json") or "json"
    if fmt == "json":
        import json

        out = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    elif fmt == "yaml":
        import yaml

        out = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    else:
        out = format_text(code)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _pages(pages: tuple[int, ...]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"  [p. {pages[0]}]"
    return f"  [pp. {pages[0]}-{pages[-1]}]"


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_text(code) -> str:
    """An outline: one line per provision, indented by depth, with its page(s)."""
    lines = [
        f"{code.title} ({code.id}; {code.language}; {code.edition or 'edition unknown'}; {code.kind})",
        f"source: {code.source}",
        f"{len(code.counted_provisions)} principles and provisions, {len(code.provisions)} units in all",
        "",
    ]
    depth: dict[str, int] = {}
    for p in code.provisions:
        d = depth.get(p.parent, -1) + 1 if p.parent else 0
        depth[p.id] = d
        label = {"principle": "", "annex": "annex "}.get(p.kind, "")
        first = p.heading or p.text
        lines.append(f"{'  ' * d}{label}{p.id}  {_short(first)}{_pages(p.pages)}")
    return "\n".join(lines) + "\n"
