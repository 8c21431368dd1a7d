"""How far two careful people agree on the themes of a labelled set, and where the matcher
stands between them.

    python tools/agreement.py [--per-theme]

For each blind set relabelled by a second person (`tests/data/agreement/<set>.second.yaml`,
written from the labelling guide and the item texts only), this prints

- the writers' agreement: micro F1 of one labeller against the other (symmetric), and the
  share of items on which both chose exactly the same themes;
- the matcher's micro F1 against the set's writer, against the second labeller and, where a
  third person settled the items the two disagreed on (`<set>.adjudicated.yaml`), against
  those settled labels; the same with the learned reader's hints added.

Agreement between two people bounds what any reader can score against one of them: a
matcher that scores above it is matching the writer's habits, not the guide (README,
"Accuracy").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data"
AGREEMENT = DATA / "agreement"


class LabelError(Exception):
    pass


def read_labels(path: Path, ids: list[str]) -> dict[str, frozenset[str]]:
    """id -> themes of a second (or settled) labelling of a set with items `ids`."""
    import yaml

    from codecheck.model import THEMES

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LabelError(f"{path}: no 'items' list")
    out: dict[str, frozenset[str]] = {}
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or "id" not in item:
            raise LabelError(f"{path}, item {n}: needs an id")
        themes = item.get("themes") or []
        unknown = sorted(set(themes) - set(THEMES))
        if unknown:
            raise LabelError(f"{path}, item {item['id']}: unknown theme(s) {unknown}")
        if item["id"] in out:
            raise LabelError(f"{path}: item {item['id']} twice")
        out[str(item["id"])] = frozenset(themes)
    if set(out) != set(ids):
        missing, extra = sorted(set(ids) - set(out)), sorted(set(out) - set(ids))
        raise LabelError(f"{path}: ids differ from the set's (missing {missing[:3]}, extra {extra[:3]})")
    return out


def counts(gold: dict, other: dict, theme: str | None = None) -> tuple[int, int, int]:
    """(both, only in other, only in gold) over the items, for one theme or all."""
    def pick(s):
        return s if theme is None else s & {theme}

    both = sum(len(pick(gold[i]) & pick(other[i])) for i in gold)
    only_other = sum(len(pick(other[i]) - pick(gold[i])) for i in gold)
    only_gold = sum(len(pick(gold[i]) - pick(other[i])) for i in gold)
    return both, only_other, only_gold


def f1(gold: dict, other: dict, theme: str | None = None) -> float | None:
    """Micro F1 of `other` against `gold` (symmetric in the two); None when neither has a label."""
    from codecheck.matching.evaluate import Scores

    both, only_other, only_gold = counts(gold, other, theme)
    return Scores(both, only_other, only_gold).f1 if both + only_other + only_gold else None


def exact(a: dict, b: dict) -> float:
    return sum(a[i] == b[i] for i in a) / len(a)


def relabelled_sets() -> list[str]:
    return sorted(p.name[: -len(".second.yaml")] for p in AGREEMENT.glob("*.second.yaml"))


def main(argv=None) -> int:
    from codecheck.matching.evaluate import evaluate, read_labelled
    from codecheck.model import THEMES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-theme", action="store_true", help="agreement per theme, over all sets")
    args = parser.parse_args(argv)

    names = relabelled_sets()
    if not names:
        print(f"no second labellings in {AGREEMENT}", file=sys.stderr)
        return 2
    pooled: dict[str, dict] = {"writer": {}, "second": {}, "matcher": {}}
    print(f"{'set':20s} {'agree F1':>8s} {'exact':>6s} | matcher F1 vs writer / second / settled"
          f" | with hints vs writer / second / settled")
    for name in names:
        items = read_labelled(DATA / f"{name}.yaml")
        ids = [i["id"] for i in items]
        try:
            writer = {i["id"]: frozenset(i["themes"]) for i in items}
            second = read_labels(AGREEMENT / f"{name}.second.yaml", ids)
            settled_path = AGREEMENT / f"{name}.adjudicated.yaml"
            settled = read_labels(settled_path, ids) if settled_path.exists() else None
        except LabelError as exc:
            print(exc, file=sys.stderr)
            return 2
        result = evaluate(DATA / f"{name}.yaml")
        matcher = {r.id: frozenset(r.predicted) for r in result.items}
        hinted = {r.id: frozenset(r.predicted) | frozenset(r.hinted) for r in result.items}

        def row(pred):
            golds = (writer, second, settled)
            return " / ".join("  -  " if g is None else f"{f1(g, pred):.3f}" for g in golds)

        print(f"{name:20s} {f1(writer, second):8.3f} {exact(writer, second):6.1%} | {row(matcher)} | {row(hinted)}")
        for key, labels in (("writer", writer), ("second", second), ("matcher", matcher)):
            pooled[key].update({f"{name}/{i}": v for i, v in labels.items()})
    w, s, m = pooled["writer"], pooled["second"], pooled["matcher"]
    print(f"{'all':20s} {f1(w, s):8.3f} {exact(w, s):6.1%} | matcher vs writer {f1(w, m):.3f},"
          f" vs second {f1(s, m):.3f}")
    if args.per_theme:
        print("per theme, all sets: writer and second labeller agree (F1), both / writer only / second only;"
              " matcher vs writer, vs second")
        for theme in THEMES:
            both, second_only, writer_only = counts(w, s, theme)
            agree = f1(w, s, theme)
            print(f"   {theme:24s} {'-' if agree is None else f'{agree:.2f}':>5s}  {both:3d} / {writer_only:3d} /"
                  f" {second_only:3d}   matcher {f1(w, m, theme) or 0:.2f} / {f1(s, m, theme) or 0:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
