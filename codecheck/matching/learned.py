"""A second reader: the themes a linear model learned from the team's labelled sets.

The matcher's evidence is what a person can check: a requirement's terms in a sentence.
Lexical vocabulary misses paraphrase, and every round of it has moved text nobody read by
about +0.01 F1. A logistic regression per theme on the words of ~5,000 labelled items
reads new text about as well as the matcher does (README, "Accuracy"), and the union of
the two better than either. Its output is a *hint*, never evidence: it changes no
coverage level, score or report figure. `evaluate` reports the matcher's figures and,
separately, those of the matcher with the hints added.

The model (`learned_themes.json`) is trained by `tools/train_themes.py` on the labelled
sets not listed in `tests/data/unread.txt`; the features are the lemmas (or the head of
their synonym class) of a provision's words and word pairs, per language.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import UsageError

MODEL_PATH = Path(__file__).with_name("learned_themes.json")
THRESHOLD = 0.5  # a theme is hinted when its probability is above this (fixed in advance)
MIN_COUNT = 2  # a feature is learned when this many training items have it
L2 = 0.3  # chosen by 5-fold cross-validation over the read sets, grouped by set (0.1: same; 1.0, 3.0: lower)
ITERATIONS = 400
RATE = 5.0
KEEP = 0.05  # weights smaller than this are left out of the model file (half the size of 0.02, same figures)
MIN_WORD = 3


@dataclass(frozen=True)
class Hint:
    theme: str
    probability: float
    words: tuple[str, ...]  # the features that weigh most for it, as lemmas ("reimburse", "picker")


def features(lang: str, doc) -> set[str]:
    """The lemmas of the alphabetic words of 3+ letters, and of each pair of them in a row.

    A word's lemma comes from the lookup table and then its synonym class's head, as the
    matcher reads words, but looked up here for every word: the features do not depend
    on which catalogue the process compiled before (which sets NORM on its words only)."""
    from .nlp import lemma_table, synonyms

    words = [t.lower_ for t in doc if t.is_alpha and len(t) >= MIN_WORD]
    lemma = lemma_table(lang).lemmas(words)
    head = synonyms(lang).head_of
    norms = [head.get(lemma.get(w, w), lemma.get(w, w)) for w in words]
    return {f"{lang}:{w}" for w in norms} | {f"{lang}:{a}_{b}" for a, b in zip(norms, norms[1:])}


def train(feature_sets: list[set[str]], labels: list[tuple[str, ...]], themes: tuple[str, ...]) -> dict:
    """A model (plain data, as written to the model file): per theme a bias and weights.

    Full-batch gradient descent on the L2-regularised logistic loss, from zero weights for a
    fixed number of steps: the same items give the same model."""
    import numpy as np

    counts: dict[str, int] = {}
    for fs in feature_sets:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: n for n, f in enumerate(vocab)}
    rows, cols = [], []
    for r, fs in enumerate(feature_sets):
        for f in sorted(fs):
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    n, d = len(feature_sets), len(vocab) + 1  # the last column is the bias
    rows += list(range(n))
    cols += [d - 1] * n
    rows_a, cols_a = np.array(rows), np.array(cols)

    def times_w(w):  # X @ w
        return np.bincount(rows_a, weights=w[cols_a], minlength=n)

    def times_r(r):  # X.T @ r
        return np.bincount(cols_a, weights=r[rows_a], minlength=d)

    model = {"features": {"min_count": MIN_COUNT, "min_word": MIN_WORD}, "threshold": THRESHOLD, "themes": {}}
    for theme in themes:
        y = np.array([1.0 if theme in ls else 0.0 for ls in labels])
        w = np.zeros(d)
        for _ in range(ITERATIONS):
            p = 1 / (1 + np.exp(-times_w(w)))
            w -= RATE * (times_r(p - y) / n + L2 * w / n)
        weights = {vocab[j]: round(float(w[j]), 4) for j in range(d - 1) if abs(w[j]) >= KEEP}
        model["themes"][theme] = {"bias": round(float(w[-1]), 4), "weights": dict(sorted(weights.items()))}
    return model


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> dict:
    p = Path(path) if path else MODEL_PATH
    try:
        data = json.loads(p.read_text(encoding="utf8"))
    except FileNotFoundError:
        raise UsageError("E056", f"no learned model at {p}; reinstall codecheck (in a checkout: "
                                 "`python tools/train_themes.py`)") from None
    except (OSError, ValueError) as exc:
        raise UsageError("E057", f"the learned model {p} cannot be read ({type(exc).__name__}); reinstall "
                                 "codecheck (in a checkout: `python tools/train_themes.py`)") from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict):
        raise UsageError("E057", f"the learned model {p} has no 'themes'; reinstall codecheck (in a checkout: "
                                 "`python tools/train_themes.py`)")
    return data


def _scores(lang: str, doc, model: dict):
    """Per theme: the probability and the weighted features present."""
    fs = features(lang, doc)
    for theme, part in model["themes"].items():
        weights = part["weights"]
        present = [(weights[f], f) for f in fs if f in weights]
        yield theme, 1 / (1 + math.exp(-(part["bias"] + sum(w for w, _ in present)))), present


def probabilities(lang: str, doc, model: dict | None = None) -> dict[str, float]:
    """The model's probability of each theme for one provision (parsed as `doc`)."""
    return {theme: p for theme, p, _ in _scores(lang, doc, model or load_model())}


def hints_for(lang: str, doc, model: dict | None = None) -> list[Hint]:
    """The themes the model reads in one provision (parsed as `doc`), most probable first."""
    model = model or load_model()
    out = []
    for theme, probability, present in _scores(lang, doc, model):
        if probability > model.get("threshold", THRESHOLD):
            top = sorted((p for p in present if p[0] > 0), key=lambda p: (-p[0], p[1]))[:3]
            words = tuple(f.split(":", 1)[1].replace("_", " ") for _, f in top)  # a pair as "the board"
            out.append(Hint(theme, round(probability, 3), words))
    return sorted(out, key=lambda h: (-h.probability, h.theme))


def code_hints(code, coverages) -> list[tuple[str, Hint]]:
    """(provision id, hint) of one code's provisions, in provision order, for the themes
    the matcher found no evidence of in that provision (`coverages` from `assess`)."""
    from . import provision_themes
    from .matcher import matched_provisions
    from .nlp import DOCS

    found = provision_themes(coverages, code.id)
    provisions = matched_provisions(code)
    if not provisions:
        return []
    model = load_model()
    docs = DOCS.docs(code.language, [p.full_text for p in provisions])
    out = []
    for provision, doc in zip(provisions, docs):
        evidenced = found.get(provision.id, set())
        out += [(provision.id, h) for h in hints_for(code.language, doc, model) if h.theme not in evidenced]
    return out
