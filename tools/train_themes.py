"""Train the learned second reader (`codecheck/matching/learned.py`) on the labelled sets.

    python tools/train_themes.py [--out PATH] [--check]

Trains on every `tests/data/labelled*.yaml` not listed in `tests/data/unread.txt` (the
unread sets judge it, as they judge the matcher) and writes the model file, sorted and
rounded, so the same sets give the same file. `--check` trains and compares with the file
instead of writing it (exit 1 when they differ).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

DATA = ROOT / "tests" / "data"


def training_sets() -> list[Path]:
    from vocabulary import labelled_sets, unread_sets  # tools/vocabulary.py: the one reader of unread.txt

    unread = unread_sets()
    return sorted(DATA / f"{name}.yaml" for name in labelled_sets() if f"{name}.yaml" not in unread)  # by file name


def build() -> dict:
    from codecheck.matching import learned
    from codecheck.matching.evaluate import THEMES, read_labelled
    from codecheck.matching.nlp import DOCS

    sets = training_sets()
    feature_sets, labels = [], []
    for path in sets:
        for item in read_labelled(path):
            doc = DOCS.docs(item["lang"], [item["text"]])[0]
            feature_sets.append(learned.features(item["lang"], doc))
            labels.append(item["themes"])
    model = learned.train(feature_sets, labels, THEMES)
    model["trained_on"] = {"sets": [p.name for p in sets], "items": len(labels)}
    return model


def main(argv=None) -> int:
    from codecheck.matching import learned

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(learned.MODEL_PATH))
    ap.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = ap.parse_args(argv)
    text = json.dumps(build(), ensure_ascii=False, sort_keys=True, indent=0) + "\n"
    out = Path(args.out)
    if args.check:
        same = out.exists() and out.read_text(encoding="utf8") == text
        print(f"{out}: {'up to date' if same else 'differs from a model trained now'}")
        return 0 if same else 1
    out.write_text(text, encoding="utf8")
    model = json.loads(text)
    kept = sum(len(t["weights"]) for t in model["themes"].values())
    print(f"wrote {out}: {model['trained_on']['items']} items from {len(model['trained_on']['sets'])} sets, "
          f"{kept} weights, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
