"""`codecheck corpora list|fetch|add`: the bundled codes and their official texts.

Exit codes: 0 done, 1 when a download failed, 2 bad usage (a `CodecheckError`
propagates to the CLI's main, which prints it on one line).
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers, common) -> None:
    corpora = subparsers.add_parser(
        "corpora",
        parents=[common],
        help="list the bundled codes; fetch or add their official texts",
        description=(
            "codecheck ships digests of the Belgian codes in its own words. Fetch (or add by hand) "
            "the official documents and every analysis uses their text instead."
        ),
    )
    corpora.set_defaults(func=lambda args: _help(corpora))
    actions = corpora.add_subparsers(dest="corpora_action", metavar="ACTION")

    show = actions.add_parser(
        "list", parents=[common], help="show every bundled code, its languages and which text is used",
        description="Show every bundled code and language: the text analyses use (digest or official) "
        "and whether the official file is in the local cache.",
    )
    show.set_defaults(func=run_list)

    fetch = actions.add_parser(
        "fetch", parents=[common], help="download the official documents into the local cache",
        description="Download the official documents of bundled codes (all of them by default) into the "
        "local cache, verifying their sha256. This is codecheck's only network access. "
        "CODECHECK_CACHE sets the cache folder; CODECHECK_MIRROR replaces the download host.",
    )
    fetch.add_argument("ids", nargs="*", metavar="ID", help="bundled code ids (default: all)")
    fetch.add_argument("--lang", action="append", choices=("en", "nl", "fr"), metavar="LANG",
                       help="only this language (en, nl, fr); repeatable (default: every language)")
    fetch.add_argument("--force", action="store_true",
                       help="download again even when cached; accept a changed file when the manifest pins no checksum")
    fetch.set_defaults(func=run_fetch)

    add = actions.add_parser(
        "add", parents=[common], help="register an official document you downloaded by hand",
        description="Copy a document you downloaded yourself (.pdf, .docx, .txt, .md) into the cache as the "
        "official text of a bundled code. A checksum that differs from the pinned one is a warning.",
    )
    add.add_argument("id", metavar="ID", help="bundled code id (see `codecheck corpora list`)")
    add.add_argument("file", metavar="FILE", help="the downloaded document")
    add.add_argument("--lang", choices=("en", "nl", "fr"), metavar="LANG",
                     help="its language (default: the code's default language)")
    add.set_defaults(func=run_add)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _quiet(args) -> bool:
    return bool(getattr(args, "quiet", False))


def list_rows(root=None) -> list[dict[str, str]]:
    """One row per bundled code and language (what `corpora list` prints)."""
    from codecheck.documents import bundled, cache

    rows = []
    for code_id in bundled.bundled_ids(root):
        entry = bundled.code_entry(code_id, root)
        default = entry.get("default_language")
        for lang, lang_entry in entry["languages"].items():
            cached = cache.cached_path(code_id, lang)
            has_digest = bundled.digest_path(code_id, lang, root).is_file()
            if cached is not None:
                text, official = "official", f"cached ({cached.name})"
            else:
                text = "digest" if has_digest else "none"
                official = "not cached" if lang_entry.get("url") else "not cached; no URL (add by hand)"
            rows.append({
                "id": code_id,
                "lang": lang + ("*" if lang == default else ""),
                "text": text,
                "official file": official,
                "title": str(lang_entry.get("title") or entry.get("title") or ""),
            })
    return rows


def run_list(args) -> int:
    from codecheck.documents import cache

    rows = list_rows()
    columns = ["id", "lang", "text", "official file", "title"]
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for r in rows:
        print("  ".join(r[c].ljust(widths[c]) for c in columns).rstrip())
    if not _quiet(args):
        print(f"\n* default language. Official texts are cached in {cache.official_dir()}", file=sys.stderr)
        print("Get them with `codecheck corpora fetch` or `codecheck corpora add ID FILE`.", file=sys.stderr)
    return 0


def run_fetch(args) -> int:
    from codecheck.cli import show_progress
    from codecheck.documents import cache

    results = cache.fetch(args.ids or None, args.lang, progress=show_progress(args), force=args.force)
    failed = [r for r in results if not r.ok]
    for r in results:
        line = f"{r.code_id} ({r.lang}): {r.status}: {r.message}"
        if not r.ok:
            print(line, file=sys.stderr)
        elif not _quiet(args):
            print(line)
    if failed and not _quiet(args):
        print(f"{len(failed)} of {len(results)} downloads failed; the bundled digests are used for those.",
              file=sys.stderr)
    return 1 if failed else 0


def run_add(args) -> int:
    from codecheck.documents import cache

    result = cache.add(args.id, args.file, args.lang)
    if result.warning:
        print(f"codecheck: warning: {result.warning}", file=sys.stderr)
    if not _quiet(args):
        check = "sha256 matches the manifest" if result.verified else f"sha256 {result.sha256}"
        print(f"{result.code_id} ({result.lang}): added {result.path} ({check}); "
              "analyses now use this official text")
    return 0
