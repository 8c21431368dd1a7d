"""The `codecheck` command line: one parser, subcommands registered by each stage.

Exit codes: 0 done (a report was written, gaps or not), 1 findings (`check`,
`validate`), 2 bad usage or input — always as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from . import __version__
from .errors import CodecheckError

# Each module has `register(subparsers, common)`; the order is the order of `--help`.
COMMAND_MODULES = (
    "codecheck.report.command",  # report
    "codecheck.documents.parse_command",  # parse
    "codecheck.catalogue.commands",  # validate, check
    "codecheck.documents.corpora_command",  # corpora list|fetch|add
    "codecheck.matching.commands",  # evaluate
)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse's API
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> Parser:
    quiet_help = "print nothing but errors; no progress bars"
    # Subcommands take --quiet too; SUPPRESS keeps `codecheck -q report` from being reset.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=quiet_help)
    parser = Parser(
        prog="codecheck",
        description=(
            "Measure corporate governance codes against international human-rights "
            "due-diligence requirements and price the administrative burden of each gap."
        ),
    )
    parser.add_argument("-q", "--quiet", action="store_true", help=quiet_help)
    parser.add_argument("--version", action="version", version=f"codecheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a stage not built yet in this checkout
            if exc.name != name:
                raise
            continue
        module.register(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except CodecheckError as exc:
        print(f"codecheck: error {exc.code}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("codecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `codecheck parse X | head`
        return 0


def entry_point() -> None:
    """`python -m codecheck` and the `codecheck` script: run, then exit without tidying up.

    A command is a short-lived process that allocates hundreds of thousands of objects
    and frees few of them (spaCy's import, lemma tables, the report), so the cyclic
    garbage collector's frequent young-generation passes find next to nothing: its
    first threshold is raised as mypy's command line does (measured: 0.1-0.25 s less per
    cold report, same peak memory, ~205 MB). When the command is done, everything it
    wrote is closed (reports are moved into place before `main` returns), so the process
    flushes its output and ends at once: Python's own shutdown would tear down spaCy,
    numpy and the report's objects one by one for up to 0.1 s (and its full collections
    walk them for 0.4 s more unless frozen first). Library callers of `main` (notebooks,
    tests) keep Python's defaults.
    """
    gc.set_threshold(200_000, 30, 30)
    code = main()
    _exit_now(code)


def _exit_now(code: int) -> None:
    """End the process with `code` after flushing what is buffered, skipping the teardown."""
    import os

    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing left to say
            pass
    os._exit(code)


def show_progress(args) -> bool:
    """Progress bars on a terminal only, and never with --quiet."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()
