"""Vocabulary rounds: try catalogue additions in memory, measure them, then merge them.

A round (README, "Accuracy") extends the concept vocabulary without touching the
catalogue until the additions are measured. Each person writes an *overlay*: a YAML list
of entries, each one of

    {requirement: ID, element: ID or null, lang: nl, add_term: "a | b + c | d"}
    {requirement: ID, element: ID or null, lang: nl, match: "unique part of a term",
     side: 0, add: ["alt1", "alt2"]}            # more alternatives on that side of the term
    {requirement: ID, lang: nl, add_exclude: "phrase"}
    {concept: harm, lang: nl, add_phrases: ["phrase", ...]}   # more phrases in a concept set
                                                            # (codecheck/matching/concepts/)

and, if they like, a synonym-class file for their language (the format of
`codecheck/matching/synonyms/<lang>.yaml`) that replaces the bundled one while measuring.

    python tools/vocabulary.py eval OVERLAY [--lang L] [--synonyms FILE]
        F1 per labelled set (that language's items only with --lang)
    python tools/vocabulary.py errors OVERLAY --lang L --set NAME [--fp-only] [--synonyms FILE]
        the items of a set that the matcher gets wrong (refused for unread sets)
    python tools/vocabulary.py combos OVERLAY
        phrase combinations per language (the matcher's speed follows them)
    python tools/vocabulary.py merge OVERLAY... [--rules DIR] [--concepts DIR]
        write the entries into the rule files and concept-set files (each term or phrase
        on its own line, as written) and check that the files now load to exactly what
        the overlay gives in memory
    python tools/vocabulary.py diff OVERLAY [--lang L] [--sets A,B] [--against REV]
        each theme the overlay adds to or takes from an item of the read sets, marked true
        (labelled) or false, with the totals (the bundled catalogue is measured in a child
        process, so that the overlay's concept phrases cannot leak into it); with
        --against, the files as they are (and the overlay) against the package and rules at
        git revision REV: what a term or phrase taken out of the files did
    python tools/vocabulary.py budget OVERLAY [--lang L] [--sets A,B]
        where the errors are: per theme, its false and missed themes on the read sets, most
        errors first, and the micro F1 the sets would reach were that theme and every theme
        listed above it perfect (how far a round on one theme can go)
    python tools/vocabulary.py alone OVERLAY [--lang L] [--sets A,B] [--top N] [--show TEXT]
        "themes only one term gives": each term that alone gave a theme to an item, with
        how often that theme was labelled (true) or not (false), and what dropping those
        themes would do to the sets' micro F1 (it rises only where the term's precision is
        under F1/2); --show lists the items of the terms containing TEXT

Sets listed in `tests/data/unread.txt` judge a round: their errors are never shown, and
`eval` leaves them out unless asked (`--sets`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
ENTRY_KINDS = ("add_term", "match", "add_exclude")
CONCEPT_DIR = ROOT / "codecheck" / "matching" / "concepts"


class OverlayError(Exception):
    pass


# ----------------------------------------------------------------------- overlay


def read_overlays(paths) -> list[dict]:
    import yaml

    entries: list[dict] = []
    for path in paths:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
        except OSError as exc:
            raise OverlayError(f"cannot read {path} ({exc.strerror or exc})") from None
        except yaml.YAMLError as exc:
            raise OverlayError(f"{path} is not valid YAML ({exc.__class__.__name__}); fix the file") from None
        if not isinstance(data, list):
            raise OverlayError(f"{path}: an overlay is a YAML list of entries")
        for n, e in enumerate(data, 1):
            if isinstance(e, dict) and "concept" in e:
                phrases = e.get("add_phrases")
                ok = (isinstance(e["concept"], str) and e.get("lang") in ("en", "nl", "fr")
                      and isinstance(phrases, list) and phrases
                      and all(isinstance(x, str) and x.strip() for x in phrases)
                      and not any(k in e for k in ("requirement", *ENTRY_KINDS)))
                if not ok:
                    raise OverlayError(f"{path}, entry {n}: a concept entry needs concept, lang (en/nl/fr) "
                                       "and a non-empty list add_phrases, and nothing of a term entry")
                entries.append(e)
                continue
            kinds = [k for k in ENTRY_KINDS if k in e] if isinstance(e, dict) else []
            if len(kinds) != 1 or not e.get("requirement") or e.get("lang") not in ("en", "nl", "fr"):
                raise OverlayError(f"{path}, entry {n}: needs requirement, lang (en/nl/fr) and one of {ENTRY_KINDS}")
            if "match" in e and not (isinstance(e.get("add"), list) and e["add"]):
                raise OverlayError(f"{path}, entry {n}: 'match' needs a non-empty list 'add'")
            entries.append(e)
    return entries


def edit_terms(terms: tuple, entry: dict) -> tuple:
    """The terms with one `add_term` or `match`/`add` entry applied."""
    terms = list(terms)
    if "add_term" in entry:
        if entry["add_term"] in terms:
            raise OverlayError(f"term already there: {entry['add_term']}")
        return tuple(terms + [entry["add_term"]])
    hits = [i for i, t in enumerate(terms) if entry["match"] in t]
    if len(hits) != 1:
        raise OverlayError(
            f"{entry['requirement']}/{entry.get('element')}/{entry['lang']}: "
            f"{entry['match']!r} is in {len(hits)} terms, not one")
    sides = [s.strip() for s in terms[hits[0]].split(" + ")]
    side = int(entry.get("side", 0))
    if not 0 <= side < len(sides):
        raise OverlayError(f"{entry['requirement']}: the term has no side {side}")
    alternatives = [a.strip() for a in sides[side].split("|")]
    alternatives += [a for a in entry["add"] if a not in alternatives]
    sides[side] = " | ".join(alternatives)
    terms[hits[0]] = " + ".join(sides)
    return tuple(terms)


def concept_entries(entries: list[dict]) -> list[dict]:
    return [e for e in entries if "concept" in e]


def added_phrases(entries: list[dict], folder: Path = CONCEPT_DIR) -> dict[str, dict]:
    """{lang: the concept files' data with the overlay's phrases added} for the languages
    the overlay's concept entries touch."""
    import yaml

    out: dict[str, dict] = {}
    for e in concept_entries(entries):
        lang = e["lang"]
        if lang not in out:
            out[lang] = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))
        sets = out[lang]["concepts"]
        if e["concept"] not in sets:
            raise OverlayError(f"no concept set '{e['concept']}' for {lang} (there are: {', '.join(sorted(sets))})")
        for phrase in e["add_phrases"]:
            if phrase in sets[e["concept"]]:
                raise OverlayError(f"'{phrase}' is already in @{e['concept']} ({lang})")
            sets[e["concept"]].append(phrase)
    return out


def use_concepts(entries: list[dict]) -> None:
    """Measure with the overlay's phrases added to the concept sets (before any matching
    runs in this process: the sets are read once)."""
    import yaml

    from codecheck.matching import concepts

    changed = added_phrases(entries, concepts.CONCEPT_DIR)
    if not changed:
        return
    folder = _copy_of(concepts.CONCEPT_DIR, "codecheck-concepts-")
    for lang, data in changed.items():
        (folder / f"{lang}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    concepts.CONCEPT_DIR = folder
    concepts.concept_sets.cache_clear()
    concepts.concept_names.cache_clear()


def apply(catalogue, entries: list[dict]):
    """The catalogue with the overlay's term entries applied (a new object; the files are
    untouched; concept entries are applied by `use_concepts`)."""
    reqs = {r.id: r for r in catalogue.requirements}
    for e in entries:
        if "concept" in e:
            continue
        r = reqs.get(e["requirement"])
        if r is None:
            raise OverlayError(f"unknown requirement {e['requirement']}")
        lang = e["lang"]
        if "add_exclude" in e:
            exclude = dict(r.exclude)
            exclude[lang] = tuple(exclude.get(lang, ())) + (e["add_exclude"],)
            reqs[r.id] = dataclasses.replace(r, exclude=exclude)
        elif e.get("element"):
            if e["element"] not in {el.id for el in r.elements}:
                raise OverlayError(f"unknown element {e['element']} of {r.id}")
            elements = tuple(
                dataclasses.replace(el, terms={**el.terms, lang: edit_terms(el.terms.get(lang, ()), e)})
                if el.id == e["element"] else el
                for el in r.elements
            )
            reqs[r.id] = dataclasses.replace(r, elements=elements)
        else:
            reqs[r.id] = dataclasses.replace(r, terms={**r.terms, lang: edit_terms(r.terms.get(lang, ()), e)})
    return dataclasses.replace(catalogue, requirements=tuple(reqs[r.id] for r in catalogue.requirements))


def use_synonyms(path: str, lang: str) -> None:
    """Measure with `path` as the synonym classes of `lang` (before any matching runs)."""
    from codecheck.matching import nlp

    if not Path(path).is_file():
        raise OverlayError(f"no synonym file {path}")
    folder = _copy_of(nlp.SYNONYM_DIR, "codecheck-synonyms-")
    shutil.copy(path, folder / f"{lang}.yaml")
    nlp.SYNONYM_DIR = folder
    nlp.synonyms.cache_clear()


def _copy_of(folder: Path, prefix: str) -> Path:
    """A temporary copy of a folder of per-language YAML files, to edit while measuring."""
    copy = Path(tempfile.mkdtemp(prefix=prefix))
    for f in folder.glob("*.yaml"):
        shutil.copy(f, copy / f.name)
    return copy


# ----------------------------------------------------------------------- sets


def unread_sets() -> set[str]:
    path = DATA / "unread.txt"
    if not path.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def labelled_sets() -> list[str]:
    def order(name: str):
        m = re.search(r"-(\d+)$", name)
        return (int(m.group(1)) if m else 0, name)

    return sorted((p.stem for p in DATA.glob("labelled*.yaml")), key=order)


def scores(result, lang: str | None) -> tuple[int, int, int, int]:
    items = [i for i in result.items if lang is None or i.lang == lang]
    tp = sum(len(set(i.gold) & set(i.predicted)) for i in items)
    fp = sum(len(i.false_positives) for i in items)
    fn = sum(len(i.false_negatives) for i in items)
    flagged = sum(1 for i in items if not i.gold and i.predicted)
    return tp, fp, fn, flagged


def error_budget(results, lang: str | None = None) -> tuple[tuple[int, int, int], list[tuple[str, int, int, float]]]:
    """The micro counts (tp, fp, fn) of evaluation results, and per theme (most errors first,
    then by name) its false and missed themes with the micro F1 reached were that theme and
    every theme before it in the list perfect."""
    from collections import Counter

    tp = 0
    false: Counter = Counter()
    missed: Counter = Counter()
    for result in results:
        for item in result.items:
            if lang is None or item.lang == lang:
                tp += len(set(item.gold) & set(item.predicted))
                false.update(item.false_positives)
                missed.update(item.false_negatives)
    counts = (tp, sum(false.values()), sum(missed.values()))
    rows = []
    tp, fp, fn = counts
    for theme in sorted(false.keys() | missed.keys(), key=lambda t: (-(false[t] + missed[t]), t)):
        tp, fp, fn = tp + missed[theme], fp - false[theme], fn - missed[theme]
        rows.append((theme, false[theme], missed[theme], _f1(tp, fp, fn)))
    return counts, rows


def combinations(catalogue) -> dict[str, int]:
    from codecheck.matching.terms import expand_term

    out = {}
    for lang in ("en", "nl", "fr"):
        terms = [t for r in catalogue.requirements for t in r.terms.get(lang, ())]
        terms += [t for r in catalogue.requirements for el in r.elements for t in el.terms.get(lang, ())]
        out[lang] = sum(len(expand_term(t)) for t in terms)
    return out


# ----------------------------------------------------------------------- merge


def _block_end(lines: list[str], start: int, indent: int, stop: int) -> int:
    """The first line after `start` (before `stop`) indented `indent` or less."""
    for i in range(start + 1, stop):
        text = lines[i]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            return i
    return stop


def _list_items(lines: list[str], lo: int, hi: int, key: str, lang: str) -> tuple[list[int], str]:
    """Line numbers of the `key:` → `lang:` list items within lines[lo:hi], and their indent."""
    k = next((i for i in range(lo, hi) if lines[i].strip() == f"{key}:"), None)
    if k is None:
        raise OverlayError(f"no '{key}:' in lines {lo + 1}-{hi}")
    k_indent = len(lines[k]) - len(lines[k].lstrip())
    k_end = _block_end(lines, k, k_indent, hi)
    j = next((i for i in range(k + 1, k_end) if lines[i].strip() == f"{lang}:"), None)
    if j is None:
        raise OverlayError(f"no '{lang}:' under '{key}:' at line {k + 1}")
    j_indent = len(lines[j]) - len(lines[j].lstrip())
    j_end = _block_end(lines, j, j_indent, k_end)
    items = [i for i in range(j + 1, j_end) if lines[i].strip().startswith("- ")]
    if not items:
        raise OverlayError(f"the '{lang}:' list at line {j + 1} is empty or inline")
    first = lines[items[0]]
    return items, first[: len(first) - len(first.lstrip())]


def merge_concepts(entries: list[dict], folder: Path) -> list[str]:
    """Write the concept entries' phrases into the concept files under `folder`, each at
    the end of its set; the sets whose loaded phrases differ from what was asked."""
    import yaml

    expected = added_phrases(entries, folder)
    for lang in expected:
        path = folder / f"{lang}.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        for e in (x for x in concept_entries(entries) if x["lang"] == lang):
            start = lines.index(f"  {e['concept']}:")
            end = start + 1
            while end < len(lines) and (lines[end].startswith("    - ") or lines[end].startswith("    #")):
                end += 1
            lines[end:end] = [f"    - {json.dumps(p, ensure_ascii=False)}" for p in e["add_phrases"]]
        path.write_text("\n".join(lines), encoding="utf-8")
    bad = []
    for lang, data in expected.items():
        got = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))["concepts"]
        bad += [f"@{name} ({lang})" for name in data["concepts"] if got.get(name) != data["concepts"][name]]
    return bad


def merge(entries: list[dict], rules: Path, concepts: Path = CONCEPT_DIR) -> list[str]:
    """Write the entries into the rule files under `rules` (and the concept entries into
    the concept files under `concepts`); the requirements and sets whose loaded terms
    differ from the overlay applied in memory (empty when the merge is exact)."""
    import yaml

    from codecheck.catalogue import load_catalogue

    bad_sets = merge_concepts(entries, concepts)
    entries = [e for e in entries if "concept" not in e]
    expected = apply(load_catalogue(rules), entries)
    files = {f: f.read_text(encoding="utf-8").split("\n") for f in sorted((rules / "catalogue").glob("*.yaml"))}
    for e in entries:
        head = f"  - id: {e['requirement']}"
        path = next((f for f, ls in files.items() if head in ls), None)
        if path is None:
            raise OverlayError(f"no rule file has requirement {e['requirement']}")
        lines = files[path]
        lo = lines.index(head)
        hi = _block_end(lines, lo, 2, len(lines))
        if e.get("element") and "add_exclude" not in e:
            lo = lines.index(f"      - id: {e['element']}", lo)
            hi = _block_end(lines, lo, 6, hi)
        key = "exclude" if "add_exclude" in e else "terms"
        items, indent = _list_items(lines, lo, hi, key, e["lang"])
        if "add_exclude" in e or "add_term" in e:
            new = e.get("add_exclude") or e["add_term"]
            lines.insert(items[-1] + 1, f"{indent}- {json.dumps(new, ensure_ascii=False)}")
        else:
            terms = tuple(yaml.safe_load(lines[i].strip()[2:]) for i in items)
            for i, (old, new) in zip(items, zip(terms, edit_terms(terms, e))):
                if old != new:
                    lines[i] = f"{indent}- {json.dumps(new, ensure_ascii=False)}"
    for path, lines in files.items():
        path.write_text("\n".join(lines), encoding="utf-8")
    got = load_catalogue(rules)

    def shape(r):
        return dict(r.terms), [dict(el.terms) for el in r.elements], dict(r.exclude)

    return bad_sets + [r.id for r, x in zip(got.requirements, expected.requirements) if shape(r) != shape(x)]


def lone_terms(catalogue, paths, lang: str | None = None) -> dict[tuple[str, str], list[tuple[bool, str]]]:
    """(term, theme) -> [(labelled?, item id)] for the items of the labelled files `paths`
    where that term, and no other, gave the theme (as `evaluate` counts themes: the evidence
    that counts)."""
    from codecheck.matching import assess
    from codecheck.matching.evaluate import item_codes, read_labelled

    out: dict[tuple[str, str], list[tuple[bool, str]]] = {}
    for path in paths:
        items = {str(i["id"]): i for i in read_labelled(path) if not lang or i["lang"] == lang}
        given: dict[str, dict[str, set[str]]] = {}  # item id -> theme -> terms that gave it
        for (_, item_id), coverage in sorted(assess(item_codes(list(items.values()), path), catalogue).items()):
            for e in coverage.evidence:
                for theme in e.themes:
                    given.setdefault(item_id, {}).setdefault(theme, set()).update(e.terms)
        for item_id in items:  # in the file's order
            for theme, terms in sorted(given.get(item_id, {}).items()):
                if len(terms) == 1:
                    out.setdefault((next(iter(terms)), theme), []).append((theme in items[item_id]["themes"], item_id))
    return out


def _dropped_f1(tp: int, fp: int, fn: int, term_tp: int, term_fp: int) -> float:
    """Micro F1 after dropping themes of which term_tp were labelled and term_fp not."""
    return _f1(tp - term_tp, fp - term_fp, fn + term_tp)


def _f1(tp: int, fp: int, fn: int) -> float:
    """Micro F1 of these counts (the evaluator's own `Scores`)."""
    from codecheck.matching.evaluate import Scores

    return Scores(tp, fp, fn).f1


# ----------------------------------------------------------------------- command line


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("eval", "errors", "combos"):
        p = sub.add_parser(name)
        p.add_argument("overlay")
        p.add_argument("--lang", choices=("en", "nl", "fr"))
        p.add_argument("--synonyms", help="synonym-class file for --lang, instead of the bundled one")
        if name == "eval":
            p.add_argument("--sets", help="comma-separated set names (default: every set not listed as unread)")
        if name == "errors":
            p.add_argument("--set", required=True)
            p.add_argument("--fp-only", action="store_true", help="only items with a theme that is not labelled")
    p = sub.add_parser("diff")
    p.add_argument("overlay")
    p.add_argument("--lang", choices=("en", "nl", "fr"))
    p.add_argument("--sets", help="comma-separated set names (default: every set not listed as unread)")
    p.add_argument("--against", metavar="REV",
                   help="compare with the package and rules at this git revision instead of the files "
                        "as they are (measures removals made in the files)")
    p = sub.add_parser("budget")
    p.add_argument("overlay")
    p.add_argument("--lang", choices=("en", "nl", "fr"))
    p.add_argument("--sets", help="comma-separated set names (default: every set not listed as unread)")
    p = sub.add_parser("alone")
    p.add_argument("overlay")
    p.add_argument("--lang", choices=("en", "nl", "fr"))
    p.add_argument("--sets", help="comma-separated set names (default: every set not listed as unread)")
    p.add_argument("--top", type=_positive, default=25, help="how many terms to list (default 25)")
    p.add_argument("--show", help="list the items of the terms that contain this text")
    p = sub.add_parser("merge")
    p.add_argument("overlay", nargs="+")
    p.add_argument("--rules", default=str(ROOT / "rules"))
    p.add_argument("--concepts", default=str(CONCEPT_DIR), help="folder of the concept-set files")
    args = ap.parse_args(argv)

    from codecheck.catalogue import load_catalogue
    from codecheck.errors import CodecheckError

    try:
        return _run(args, ap, load_catalogue)
    except (OverlayError, CodecheckError) as exc:
        print(f"vocabulary: {exc}", file=sys.stderr)
        return 2


def _run(args, ap, load_catalogue) -> int:
    if args.command == "merge":
        bad = merge(read_overlays(args.overlay), Path(args.rules), Path(args.concepts))
        print(f"merged; requirements that differ from the overlay: {bad or 'none'}")
        return 1 if bad else 0
    entries = read_overlays([args.overlay])
    if getattr(args, "synonyms", None):
        if not args.lang:
            ap.error("--synonyms needs --lang")
        use_synonyms(args.synonyms, args.lang)
    use_concepts(entries)
    catalogue = apply(load_catalogue(), entries)
    from codecheck.matching import evaluate

    if args.command == "combos":
        for lang, n in combinations(catalogue).items():
            print(f"{lang} {n} phrase combinations")
        return 0
    if args.command == "errors":
        if _names_unread([args.set], unread_sets(), "errors"):
            return 2
        result = evaluate(DATA / f"{args.set}.yaml", catalogue)
        for item in result.items:
            if args.lang and item.lang != args.lang:
                continue
            if item.false_positives or (item.false_negatives and not args.fp_only):
                fn = [] if args.fp_only else list(item.false_negatives)
                print(f"{item.id} FP {list(item.false_positives)} FN {fn} | {item.text}")
        return 0
    unread = unread_sets()
    names = args.sets.split(",") if args.sets else [s for s in labelled_sets() if f"{s}.yaml" not in unread]
    missing = [n for n in names if not (DATA / f"{n}.yaml").exists()]
    if missing:
        raise OverlayError(f"no labelled set '{missing[0]}' in tests/data (give names such as labelled-blind-63)")
    if args.command == "alone":
        return _alone(args, catalogue, names, unread)
    if args.command == "budget":
        return _budget(args, catalogue, names, unread)
    if args.command == "diff":
        return _diff(args, catalogue, names, unread)
    for name in names:
        tp, fp, fn, flagged = scores(evaluate(DATA / f"{name}.yaml", catalogue), args.lang)
        f1 = _f1(tp, fp, fn)
        print(f"{name:20} F1 {f1:.3f}  tp {tp} fp {fp} fn {fn}  negatives flagged {flagged}")
    return 0


def _bundled_predictions(names: list[str], rev: str | None = None) -> dict[str, list[str]]:
    """Each item's predicted themes (item id -> themes) in the named sets, with the bundled
    catalogue and concept sets, in a fresh interpreter: those of the files as they are, or,
    with `rev`, those of the package and rules at that git revision (on today's labels), so
    that a removal made in the files can be measured."""
    import subprocess

    script = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
              "from codecheck.matching import evaluate; "
              "print(json.dumps({i.id: list(i.predicted) for p in sys.argv[2:] for i in evaluate(p).items}))")
    paths = [str(DATA / f"{name}.yaml") for name in names]
    with tempfile.TemporaryDirectory(prefix="codecheck-rev-") as tmp:
        root = ROOT
        if rev is not None:
            root = Path(tmp)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "codecheck", "rules"],
                                     capture_output=True)
            if archive.returncode:
                raise OverlayError(f"no git revision '{rev}' to measure against "
                                   f"({archive.stderr.decode(errors='replace').strip().splitlines()[-1:]})")
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        out = subprocess.run([sys.executable, "-c", script, str(root), *paths], cwd=root,
                             capture_output=True, text=True)
    if out.returncode:
        raise OverlayError(f"measuring the bundled catalogue failed: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout)


def _diff(args, catalogue, names, unread) -> int:
    from codecheck.matching import evaluate

    if _names_unread(names, unread, "items"):
        return 2
    before = _bundled_predictions(names, args.against)
    counts = {"+T": 0, "+F": 0, "-T": 0, "-F": 0}
    scored = {"before": [0, 0, 0], "after": [0, 0, 0]}  # tp, fp, fn
    lines = []
    for name in names:
        for item in evaluate(DATA / f"{name}.yaml", catalogue).items:
            if args.lang and item.lang != args.lang:
                continue
            old, new, gold = set(before.get(item.id, ())), set(item.predicted), set(item.gold)
            for sign, themes in (("+", new - old), ("-", old - new)):
                for theme in sorted(themes):
                    mark = sign + ("T" if theme in gold else "F")
                    counts[mark] += 1
                    lines.append(f"{mark} {theme:24} {item.id:14} {item.text[:110]!r}")
            for when, got in (("before", old), ("after", new)):
                tally = scored[when]
                tally[0] += len(got & gold)
                tally[1] += len(got - gold)
                tally[2] += len(gold - got)
    for line in sorted(lines):
        print(line)
    f1 = {when: _f1(*counts_of) for when, counts_of in scored.items()}
    print(f"{len(names)} sets: true themes +{counts['+T']} -{counts['-T']}, false +{counts['+F']} "
          f"-{counts['-F']}; micro F1 {f1['before']:.4f} -> {f1['after']:.4f}")
    return 0


def _names_unread(names, unread, what: str) -> bool:
    """Is one of the named sets unread? Then say so in one line (its `what` are not shown)."""
    shown = [n for n in names if f"{n}.yaml" in unread or n in unread]
    if shown:
        print(f"vocabulary: {shown[0]} is unread (tests/data/unread.txt); its {what} are not shown",
              file=sys.stderr)
    return bool(shown)


def _budget(args, catalogue, names, unread) -> int:
    from codecheck.matching import evaluate

    if _names_unread(names, unread, "errors"):
        return 2
    results = [evaluate(DATA / f"{name}.yaml", catalogue) for name in names]
    (tp, fp, fn), rows = error_budget(results, args.lang)
    items = sum(1 for r in results for i in r.items if args.lang is None or i.lang == args.lang)
    print(f"{len(names)} sets, {items} items: micro F1 {_f1(tp, fp, fn):.4f} "
          f"(tp {tp}, false {fp}, missed {fn})")
    print(f"{'theme':24} {'false':>6} {'missed':>7}  F1 were it and those above it perfect")
    for theme, false, missed, f1 in rows:
        print(f"{theme:24} {false:6d} {missed:7d}  {f1:.4f}")
    return 0


def _alone(args, catalogue, names, unread) -> int:
    from codecheck.matching import evaluate

    if _names_unread(names, unread, "errors"):
        return 2
    totals = [0, 0, 0]
    for name in names:
        tp, fp, fn, _ = scores(evaluate(DATA / f"{name}.yaml", catalogue), args.lang)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    tp, fp, fn = totals
    f1 = _f1(tp, fp, fn)
    found = lone_terms(catalogue, [DATA / f"{n}.yaml" for n in names], args.lang)
    rows = []
    for (term, theme), hits in found.items():
        t = sum(1 for ok, _ in hits if ok)
        rows.append((_dropped_f1(tp, fp, fn, t, len(hits) - t) - f1, theme, term, t, len(hits) - t, hits))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    print(f"{len(names)} sets, micro F1 {f1:.4f} (tp {tp} fp {fp} fn {fn}); terms that alone gave a theme, "
          f"by what dropping those themes would do to F1")
    for delta, theme, term, t, f, hits in rows[: args.top]:
        shown = term if len(term) <= 160 else term[:159] + "…"
        print(f"{delta:+.4f}  {theme:22} true {t:3}  false {f:3}  {shown}")
    if args.show:
        for delta, theme, term, t, f, hits in rows:
            if args.show in term:
                print(f"\n{theme}: {term}")
                for ok, item_id in hits:
                    print(f"  {'true ' if ok else 'FALSE'} {item_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
