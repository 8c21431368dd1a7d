"""Experiment (not part of codecheck): does a theme classifier learned from the labelled sets
already read add to the matcher on sets nobody has read?

    python benchmarks/experiment_learned_themes.py

The model of `codecheck/matching/learned.py` (a logistic regression per theme on lemma
unigrams and bigrams), trained in memory on every labelled set *not* listed in
`tests/data/unread.txt`, and judged on the sets that are, alone and in union with the
matcher, with the figures per theme. "lexical" is the matcher with every piece of its
evidence counted (codecheck's default); "checked" is the matcher after the bundled reader
(trained on the same sets) has set aside the themes it reads as absent (`--learned-check`,
`learned.set_aside`); the union is with the lexical matcher. The
decision threshold 0.5 is fixed in advance; 0.7 and 0.9 are printed for information only
(choosing among them on the judges would tune to the judges). Results: docs/accuracy-history.md.

Then the same on official text (the labelled samples of `tests/data/real/`, read from
`../shared/real/` when it is there), with the median share of each text's pairs of words the
reader knows (`learned.familiarity`): the reader alone reads the team's unread sets about as
well as the matcher or better, and official text hardly at all (round 22).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
from codecheck.matching.evaluate import THEMES, evaluate, read_labelled  # noqa: E402

DATA = ROOT / "tests" / "data"
THRESHOLD = 0.5  # fixed in advance
INFO_THRESHOLDS = (0.7, 0.9)


def set_names() -> tuple[list[str], list[str]]:
    """(read sets, unread sets), as tools/vocabulary.py reads tests/data/unread.txt."""
    from vocabulary import labelled_sets, unread_sets

    unread = unread_sets()
    every = labelled_sets()
    return [s for s in every if f"{s}.yaml" not in unread], [s for s in every if f"{s}.yaml" in unread]


def counts(pairs) -> tuple[int, int, int]:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return tp, fp, fn


def f1(pairs) -> float:
    tp, fp, fn = counts(pairs)
    return round(2 * tp / (2 * tp + fp + fn), 3)


def main() -> None:
    from codecheck.matching import learned
    from codecheck.matching.nlp import DOCS

    def doc(item):
        return DOCS.docs(item["lang"], [item["text"]])[0]

    train_sets, judge_sets = set_names()
    train = [i for s in train_sets for i in read_labelled(DATA / f"{s}.yaml")]
    model = learned.train([learned.features(i["lang"], doc(i)) for i in train], [i["themes"] for i in train], THEMES)
    keep = {f for part in model["themes"].values() for f in part["weights"]}

    print(f"trained on {len(train_sets)} read sets ({len(train)} items, {len(keep)} features with a weight);"
          f" judged on {len(judge_sets)} unread sets")
    gains = []
    per_theme = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # matcher tp fp fn, union tp fp fn
    for s in judge_sets:
        items = read_labelled(DATA / f"{s}.yaml")
        probs = [learned.probabilities(i["lang"], doc(i), model) for i in items]
        prob = {t: [p[t] for p in probs] for t in THEMES}
        found = {r.id: set(r.predicted) for r in evaluate(DATA / f"{s}.yaml").items}
        checked = {r.id: set(r.predicted) for r in evaluate(DATA / f"{s}.yaml", learned_check=True).items}
        gold = [set(i["themes"]) for i in items]
        matcher = [found[i["id"]] for i in items]
        row = [f"{s:20s}", "lexical", f1(list(zip(gold, matcher))),
               "checked", f1(list(zip(gold, [checked[i["id"]] for i in items])))]
        for th in (THRESHOLD, *INFO_THRESHOLDS):
            hinted = [{t for t in THEMES if prob[t][r] > th} for r in range(len(items))]
            union = [a | b for a, b in zip(matcher, hinted)]
            row += [f"| {th}: alone", f1(list(zip(gold, hinted))), "union", f1(list(zip(gold, union)))]
            if th == THRESHOLD:
                gains.append(f1(list(zip(gold, union))) - f1(list(zip(gold, matcher))))
                for t in THEMES:
                    m = counts([({t} & g, {t} & p) for g, p in zip(gold, matcher)])
                    u = counts([({t} & g, {t} & p) for g, p in zip(gold, union)])
                    acc = per_theme[t]
                    for k, v in enumerate(m + u):
                        acc[k] += v
        print(*row)
    print(f"union at {THRESHOLD} (fixed in advance): gain {min(gains):+.3f} to {max(gains):+.3f},"
          f" mean {sum(gains) / len(gains):+.3f}")
    print("the team's unread sets and official text: the reader alone at the threshold, and the median"
          " share of a text's pairs of words it knows")
    from codecheck.errors import UsageError

    real = sorted(p for p in (DATA / "real").glob("*.yaml") if p.name.endswith((".labels.yaml", ".second.yaml")))
    for path in [DATA / f"{s}.yaml" for s in judge_sets] + real:
        try:
            items = read_labelled(path)
        except UsageError:  # labels of a copy that is not here (../shared/real)
            continue
        docs = [doc(i) for i in items]
        hinted = [{t for t, p in learned.probabilities(i["lang"], d, model).items() if p > THRESHOLD}
                  for i, d in zip(items, docs)]
        familiar = sorted(learned.familiarity(i["lang"], d, model) for i, d in zip(items, docs))
        print(f"   {path.name:45s} alone {f1([(set(i['themes']), h) for i, h in zip(items, hinted)])}"
              f"   familiar pairs (median) {familiar[len(familiar) // 2]:.2f}")
    print("per theme on the unread sets, matcher -> union: true positives, false positives")
    for t, (mtp, mfp, mfn, utp, ufp, ufn) in sorted(per_theme.items(), key=lambda kv: kv[1][3] - kv[1][0], reverse=True):
        print(f"   {t:24s} tp {mtp:3d} -> {utp:3d}   fp {mfp:3d} -> {ufp:3d}")


if __name__ == "__main__":
    main()
