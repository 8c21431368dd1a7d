"""A second reader: the themes a linear model learned from the team's labelled sets.

The matcher's evidence is what a person can check: a requirement's terms in a sentence.
Lexical vocabulary misses paraphrase, and every round of it has moved text nobody read by
about +0.01 F1. A logistic regression per theme on the words of ~5,000 labelled items
reads new text about as well as the matcher does (docs/accuracy-history.md), and the union of
the two better than either. Its output is a *hint*, never evidence: it changes no
coverage level, score or report figure. `evaluate` reports the matcher's figures and,
separately, those of the matcher with the hints added.

The model (`learned_themes.json`) is trained by `tools/train_themes.py` on the labelled
sets not listed in `tests/data/unread.txt`; the features are the lemmas (or the head of
their synonym class) of a provision's words and word pairs, per language.

On request (`--learned-check`) it goes further than a hint: evidence of a theme the reader
reads as absent from that provision (DOUBT, AGAINST, KNOWN, LONGEST below) is *set aside*
(`set_aside`): it stays in the report, marked, but does not count; and a hit of the
matcher's that its gate held back counts where the reader vouches for its themes
(VOUCH_ABOVE, `vouched_themes`), marked in the report as well. Of the themes set aside
this way, 83 of 85 were wrong out of fold on the ten read sets the matcher was not tuned
on and 79 of 84 on the ten unread sets, but only 10 of 20 on a labelled sample of real ESRS
text: it judges text like the team's well and official text no better than a coin (README,
"Accuracy"; the figures in docs/accuracy-history.md). Hence off by default.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._identity import ByIdentity
from ..errors import UsageError

MODEL_PATH = Path(__file__).with_name("learned_themes.json")
THRESHOLD = 0.5  # a theme is hinted when its probability is above this (fixed in advance)
# Evidence is set aside when, for each of its themes, the reader gives less than DOUBT,
# its words argue against the theme (the score is at least AGAINST below what knowing no
# word gives), and it knows enough of them (KNOWN words or pairs with a weight for the
# theme): a provision the reader cannot read (a short line, OCR noise, another register)
# keeps all its evidence. Chosen out of fold on the read sets before the unread ones were
# measured (docs/accuracy-history.md): DOUBT 0.01-0.05 gave the same F1; AGAINST 0.5 and KNOWN 10
# cost 0.003 of it and keep the reader from judging what it cannot read.
DOUBT = 0.02
AGAINST = 0.5
KNOWN = 10
# the model file's weights are rounded, so a provision's words can sum to exactly AGAINST;
# within TIE of it counts as reaching it, whatever order the sum was taken in (a vectorised
# and a plain sum of the same weights once fell on the two sides of -0.5)
TIE = 1e-9
# ... and only in a provision of at most LONGEST words of 3+ letters: the reader learned
# from items of 76 such words at most, and a bag of words over a whole article is nothing
# like them (on the CSRD, whose articles run to 11,000 words, it set aside climate
# transition in the article that brings in the transition-plan duty)
LONGEST = 150
# With `--learned-check` the reader also vouches for hits the matcher's gate holds back (an
# element without its requirement's core concept in the provision family, a facet without
# its partner, an outranked theme): such a hit counts where the reader gives every one of its
# themes more than VOUCH_ABOVE (and, for an element standing in for the core concept, every
# theme of the requirement too). Chosen out of fold (docs/accuracy-history.md, "Round 15"): at 0.5 it counted
# the general governance of our digest of the 2020 Code as human-rights coverage; at 0.8 one
# borderline provision is left there, and F1 on the held-out read sets went 0.819 -> 0.835.
VOUCH_ABOVE = 0.8
# ... and only in a provision whose wording it knows: at least FAMILIAR of its pairs of words
# in a row must be pairs the model learned a weight for (`familiarity`). The reader learned the
# team's sets so well that it reads their unread sets alone at F1 0.86-0.92, and official
# text at 0.00-0.26 (nineteenth session, docs/accuracy-history.md, "Round 22"): its pairs are
# what tells the two apart (half the pairs of a team provision are known, a quarter of an
# ESRS paragraph's or a CSRD recital's). Chosen on development data before any judge was
# measured with it: the smallest share at which setting aside costs the read ESRS paragraphs
# at most half of what it cost without (0.25: out of fold on the read sets, with the hints,
# 0.905 -> 0.903; ESRS sample 1 0.646 -> 0.650, the matcher alone 0.656).
FAMILIAR = 0.25
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


def feature_words(doc) -> list:
    """The tokens the reader reads: alphabetic, MIN_WORD letters or more."""
    return [t for t in doc if t.is_alpha and len(t) >= MIN_WORD]


def features(lang: str, doc) -> set[str]:
    """The lemmas of the alphabetic words of 3+ letters, and of each pair of them in a row.

    A word's lemma comes from the lookup table and then its synonym class's head, as the
    matcher reads words, but looked up here for every word: the features do not depend
    on which catalogue the process compiled before (which sets NORM on its words only)."""
    return _features(lang, _norms(lang, doc))


def _features(lang: str, norms: list[str]) -> set[str]:
    return {f"{lang}:{w}" for w in norms} | {f"{lang}:{a}_{b}" for a, b in zip(norms, norms[1:])}


def _norms(lang: str, doc) -> list[str]:
    """The feature words of a provision as the reader reads them, in order."""
    from .nlp import lemma_table, synonyms

    words = [t.lower_ for t in feature_words(doc)]
    lemma = lemma_table(lang).lemmas(words)
    head = synonyms(lang).head_of
    return [head.get(lemma.get(w, w), lemma.get(w, w)) for w in words]


_KNOWN = ByIdentity(4)  # model -> the features it has a weight for


def familiarity(lang: str, doc, model: dict | None = None) -> float:
    """The share of a provision's pairs of feature words in a row that the model has a weight
    for (0.0 for a provision of fewer than two such words): how much of its wording the reader
    has learned from. Under FAMILIAR the reader does not judge the provision."""
    return _familiarity(lang, _norms(lang, doc), model or load_model())


def _familiarity(lang: str, norms: list[str], model: dict) -> float:
    known = _KNOWN.get(model, lambda: {f for part in model["themes"].values() for f in part["weights"]})
    pairs = [f"{lang}:{a}_{b}" for a, b in zip(norms, norms[1:])]
    return sum(f in known for f in pairs) / len(pairs) if pairs else 0.0


def readable(lang: str, doc, model: dict | None = None) -> bool:
    """Does the reader judge this provision at all? Not one of more than LONGEST feature words,
    nor one whose wording it does not know (FAMILIAR)."""
    return _readable(lang, _norms(lang, doc), model or load_model())


def _readable(lang: str, norms: list[str], model: dict) -> bool:
    # one norm per feature word: its length is the provision's
    return len(norms) <= LONGEST and _familiarity(lang, norms, model) >= FAMILIAR - TIE


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
        raise UsageError("E056", f"no learned model at {p}; reinstall codecheck "
                                 "(in a checkout: `python tools/train_themes.py`)") from None
    except (OSError, ValueError) as exc:
        raise UsageError("E057", f"the learned model {p} cannot be read ({type(exc).__name__}); reinstall "
                                 "codecheck (in a checkout: `python tools/train_themes.py`)") from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict):
        raise UsageError("E057", f"the learned model {p} has no 'themes'; reinstall codecheck (in a "
                                 "checkout: `python tools/train_themes.py`)")
    return data


def _scores(lang: str, doc, model: dict, fs: set[str] | None = None):
    """Per theme: the probability and the weighted features present (`fs`: the provision's
    features, when the caller has them already)."""
    fs = features(lang, doc) if fs is None else fs
    for theme, part in model["themes"].items():
        weights = part["weights"]
        present = [(weights[f], f) for f in fs if f in weights]
        # fsum: the same sum whatever order the set gives (it changes with PYTHONHASHSEED,
        # and a plain sum's last bit with it; blind-61 had a hint at the threshold)
        yield theme, 1 / (1 + math.exp(-math.fsum([part["bias"]] + [w for w, _ in present]))), present


def probabilities(lang: str, doc, model: dict | None = None) -> dict[str, float]:
    """The model's probability of each theme for one provision (parsed as `doc`)."""
    return {theme: p for theme, p, _ in _scores(lang, doc, model or load_model())}


def hints_for(lang: str, doc, model: dict | None = None) -> list[Hint]:
    """The themes the model reads in one provision (parsed as `doc`), most probable first;
    none where it does not judge the provision (`readable`)."""
    model = model or load_model()
    norms = _norms(lang, doc)  # read once: the lemma lookups are most of the cost
    if not _readable(lang, norms, model):
        return []
    out = []
    for theme, probability, present in _scores(lang, doc, model, _features(lang, norms)):
        if probability > model.get("threshold", THRESHOLD):
            top = sorted((p for p in present if p[0] > 0), key=lambda p: (-p[0], p[1]))[:3]
            words = tuple(f.split(":", 1)[1].replace("_", " ") for _, f in top)  # a pair as "the board"
            out.append(Hint(theme, round(probability, 3), words))
    return sorted(out, key=lambda h: (-h.probability, h.theme))


def code_hints(code, coverages) -> list[tuple[str, Hint]]:
    """(provision id, hint) of one code's provisions, in provision order, for the themes
    the matcher found no evidence of in that provision (`coverages` from `assess`); none
    for a provision the reader does not judge (`readable`: longer than LONGEST words, or
    worded unlike what it learned from)."""
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


# --------------------------------------------------------------------------- fast scoring


class Scorer:
    """One language's part of the model, arranged to score many provisions at once.

    Gives the same probabilities as `probabilities` (tested) for a fraction of the time:
    a word's lemma is looked up once per process, the words of all provisions are turned
    into feature rows together with numpy, and the provisions scored are remembered (a
    re-analysis scores nothing again)."""

    MEMO = 50_000

    def __init__(self, lang: str, arrays: dict):
        """From the arrays `build` makes (or the cache keeps)."""
        self.lang = lang
        self.themes = tuple(arrays["themes"].tolist())
        self.column = {t: j for j, t in enumerate(self.themes)}  # theme -> its column
        self._norm_ids = {w: i for i, w in enumerate(arrays["norms"].tolist())}
        self._unknown = len(self._norm_ids)  # the number of a lemma no feature names
        self._single = arrays["single"]  # lemma number -> row of its feature (-1: none)
        self._pair_keys = arrays["pair_keys"]  # sorted: first lemma * (unknown + 1) + second
        self._pair_rows = arrays["pair_rows"]
        self._weights = arrays["weights"]  # row -> weight per theme
        self._bias = arrays["bias"]
        self._id_of: dict[int, int] = {}  # spaCy ORTH hash of a token -> its lemma's number, or SKIP
        self._memo: dict[str, tuple] = {}  # provision text -> (probabilities, read as absent, as bits, vouched for, as bits)
        self._names: dict[int, frozenset[str]] = {}  # bit mask -> theme names

    @staticmethod
    def build(lang: str, model: dict) -> dict:
        """The arrays of one language's features: rows of a weight matrix, and each lemma
        and pair of lemmas that a feature names mapped to its row."""
        import numpy as np

        prefix = f"{lang}:"
        rows: dict[str, int] = {}
        for part in model["themes"].values():
            for f in part["weights"]:
                if f.startswith(prefix):
                    rows.setdefault(f[len(prefix):], len(rows))
        weights = np.zeros((len(rows), len(model["themes"])))
        for j, part in enumerate(model["themes"].values()):
            for f, w in part["weights"].items():
                if f.startswith(prefix):
                    weights[rows[f[len(prefix):]], j] = w
        norm_ids: dict[str, int] = {}
        single, pairs = [], []
        for feature, row in rows.items():
            parts = feature.split("_")  # words are alphabetic: a pair has exactly one "_"
            ids = [norm_ids.setdefault(part, len(norm_ids)) for part in parts]
            (single if len(ids) == 1 else pairs).append((ids, row))
        n = len(norm_ids)
        single_rows = np.full(n + 1, -1, dtype=np.int64)
        for (i,), row in single:
            single_rows[i] = row
        keys = np.array([a * (n + 1) + b for (a, b), _ in pairs], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        return {
            "themes": np.array(list(model["themes"])),
            "norms": np.array(list(norm_ids) or [""]),
            "single": single_rows,
            "pair_keys": keys[order],
            "pair_rows": np.array([row for _, row in pairs], dtype=np.int64)[order],
            "weights": weights,
            "bias": np.array([part["bias"] for part in model["themes"].values()]),
        }

    SKIP = -1  # the number of a token that is no feature word (not alphabetic, under MIN_WORD letters)

    def _learn(self, hashes, strings) -> None:
        """Number the spaCy ORTH hashes not seen before: a word's lemma's number, or SKIP."""
        from .nlp import lemma_table, synonyms

        words = {}
        for h in hashes:
            text = strings[h]
            if text.isalpha() and len(text) >= MIN_WORD:  # as `feature_words` (spaCy's is_alpha)
                words[h] = text.lower()
            else:
                self._id_of[h] = self.SKIP
        lemma = lemma_table(self.lang).lemmas(set(words.values()))
        head = synonyms(self.lang).head_of
        for h, w in words.items():
            base = lemma.get(w, w)
            self._id_of[h] = self._norm_ids.get(head.get(base, base), self._unknown)

    def matrix(self, texts: list[str], docs: list):
        """Probabilities, one row per provision, one column per theme (`self.themes`);
        `texts[i]` is the text `docs[i]` was parsed from (it keys the memo)."""
        import numpy as np
        from spacy.attrs import ORTH

        memo = self._memo
        todo = {t: d for t, d in zip(texts, docs) if t not in memo}
        if todo:
            if len(memo) + len(todo) > self.MEMO:
                memo.clear()
            tokens = [d.to_array(ORTH) for d in todo.values()]
            hashes = np.concatenate(tokens).tolist() if tokens else []
            id_of = self._id_of
            new = {h for h in hashes if h not in id_of}
            if new:
                self._learn(new, next(iter(todo.values())).vocab.strings)
            ids = np.array([id_of[h] for h in hashes], dtype=np.int64)
            doc_of = np.repeat(np.arange(len(tokens)), [len(t) for t in tokens])
            kept = ids != self.SKIP
            ids, doc_of = ids[kept], doc_of[kept]
            rows = [self._single[ids]]  # single words
            docs_of = [doc_of]
            pairs = np.zeros(len(tokens))  # pairs of feature words in a row, per provision
            known_pairs = np.zeros(len(tokens))  # ... of them with a weight
            if len(ids) > 1:
                same = doc_of[:-1] == doc_of[1:]
                pairs = np.bincount(doc_of[:-1][same], minlength=len(tokens))
            if len(self._pair_keys) and len(ids) > 1:  # pairs of words in a row, within one provision
                keys = ids[:-1] * (self._unknown + 1) + ids[1:]
                at = np.minimum(np.searchsorted(self._pair_keys, keys), len(self._pair_keys) - 1)
                hit = same & (self._pair_keys[at] == keys)
                rows.append(self._pair_rows[at[hit]])
                docs_of.append(doc_of[:-1][hit])
                known_pairs = np.bincount(doc_of[:-1][hit], minlength=len(tokens))
            row_all, doc_all = np.concatenate(rows), np.concatenate(docs_of)
            present = row_all >= 0
            width = len(self._weights)
            found = np.unique(doc_all[present] * width + row_all[present])  # a feature counts once
            doc_idx, row_idx = np.divmod(found, width)
            z = np.tile(self._bias, (len(tokens), 1))
            known = np.zeros(z.shape)
            if len(found):
                starts = np.flatnonzero(np.r_[True, doc_idx[1:] != doc_idx[:-1]])
                weights = self._weights[row_idx]
                z[doc_idx[starts]] += np.add.reduceat(weights, starts, axis=0)
                known[doc_idx[starts]] += np.add.reduceat(weights != 0, starts, axis=0)
            probability = 1 / (1 + np.exp(-z))
            length = np.bincount(doc_of, minlength=len(tokens))[:, None]  # feature words per provision
            familiar = known_pairs >= (FAMILIAR - TIE) * pairs  # `familiarity`: at least FAMILIAR ...
            judged = (length <= LONGEST) & (familiar & (pairs > 0))[:, None]  # ... of at least one pair
            doubted = (probability < DOUBT) & (z - self._bias < -AGAINST + TIE) & (known >= KNOWN) & judged
            column_bits = 1 << np.arange(len(self.themes), dtype=np.int64)
            bits = (doubted * column_bits).sum(axis=1).tolist()
            vouched = (probability > VOUCH_ABOVE) & judged
            vouched_bits = (vouched * column_bits).sum(axis=1).tolist()
            for text, p, d, b, v in zip(todo, probability, doubted, bits, vouched_bits):
                memo[text] = (p, d, b, v)
        return self._rows_of(texts, 0)

    def clear(self) -> None:
        """Forget the provisions scored (benchmarks time scoring from scratch)."""
        self._memo.clear()

    def doubts(self, texts: list[str], docs: list):
        """Per provision and theme: does the reader read the theme as absent (DOUBT,
        AGAINST, KNOWN, LONGEST, FAMILIAR)? Same layout as `matrix`."""
        self.matrix(texts, docs)
        return self._rows_of(texts, 1)

    def absent(self, texts: list[str], docs: list) -> list[int]:
        """Per provision, the themes the reader reads as absent (`doubts`) as a bit mask:
        bit j stands for `self.themes[j]` (`mask` makes one from theme names)."""
        self.matrix(texts, docs)
        return [self._memo[t][2] for t in texts]

    def vouched(self, texts: list[str], docs: list) -> list[int]:
        """Per provision, the themes the reader vouches for (probability above VOUCH_ABOVE,
        in a provision it judges: at most LONGEST words, FAMILIAR wording), as a bit mask
        like `absent`."""
        self.matrix(texts, docs)
        return [self._memo[t][3] for t in texts]

    def themes_of(self, bits: int) -> frozenset[str]:
        """The theme names of a bit mask (the inverse of `mask`)."""
        found = self._names.get(bits)
        if found is None:
            found = self._names[bits] = frozenset(t for j, t in enumerate(self.themes) if bits >> j & 1)
        return found

    def mask(self, themes) -> int:
        """The bit mask of some theme names (0 when one is not a theme of the model: a theme
        the reader does not know is never read as absent)."""
        bits = 0
        for t in themes:
            j = self.column.get(t)
            if j is None:
                return 0
            bits |= 1 << j
        return bits

    def _rows_of(self, texts: list[str], part: int):
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.themes)), dtype=float if part == 0 else bool)
        return np.array([self._memo[t][part] for t in texts])


SCORER_FORMAT = "1"  # bump when Scorer.build changes what it stores


@lru_cache(maxsize=1)
def _model_key() -> str:
    """What the cached arrays are keyed by: the model file's content and SCORER_FORMAT."""
    import hashlib

    try:
        data = MODEL_PATH.read_bytes()
    except OSError:
        load_model()  # raises the error that explains
        raise
    return hashlib.sha256(data + SCORER_FORMAT.encode()).hexdigest()[:20]


@lru_cache(maxsize=8)
def scorer(lang: str) -> Scorer:
    """The bundled model's scorer for one language. Reading the 2 MB model file and building
    the arrays takes ~0.1 s per language; the arrays are kept in the cache folder
    (`paths.cache_root()`), keyed by the model file's content, and load in a few ms."""
    import numpy as np

    from ..paths import cache_root

    key = _model_key()
    root = cache_root()
    path = None if root is None else root / "learned" / f"{lang}-{key}.npz"
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as stored:
                return Scorer(lang, dict(stored))
        except (OSError, ValueError, KeyError):
            pass
    arrays = Scorer.build(lang, load_model())
    if path is not None:
        import io

        from ..paths import write_cache_file

        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        write_cache_file(path, buffer.getvalue(), keep=2, pattern=f"{lang}-*.npz")  # the folder stays small
    return Scorer(lang, arrays)


def vouched_themes(lang: str, texts: list[str], docs: list) -> list[dict[str, float]]:
    """Per provision, the themes the reader vouches for (`Scorer.vouched`), with their
    probabilities: where the matcher counts a hit its gate held back (`gate.count_evidence`)."""
    s = scorer(lang)
    out = []
    for bits, row in zip(s.vouched(texts, docs), s.matrix(texts, docs)):
        out.append({t: round(float(row[s.column[t]]), 4) for t in s.themes_of(bits)} if bits else {})
    return out


def set_aside(code, evidence: dict) -> tuple[dict, dict]:
    """Split one code's evidence (`{requirement id: [Evidence, ...]}`, from the matcher)
    into what counts and what the reader sets aside: `(kept, aside)`, `aside` mapping a
    requirement id to `[SetAside, ...]`.

    An item is set aside when the reader reads every one of its themes as absent from the
    item's provision (`Scorer.absent`). An element counts only beside its requirement's
    core concept in the same provision family (the matcher's rule), so when the core is
    set aside there its elements go with it."""
    from ..model import SetAside
    from .gate import provision_families
    from .matcher import matched_provisions
    from .nlp import DOCS

    cited = {e.provision for items in evidence.values() for e in items}
    if not cited:
        return evidence, {}
    every = matched_provisions(code)
    provisions = [p for p in every if p.id in cited]
    texts = [p.full_text for p in provisions]
    s = scorer(code.language)
    docs = DOCS.docs(code.language, texts)  # parsed by the matcher already
    ids = [p.id for p in provisions]
    absent = {pid: bits for pid, bits in zip(ids, s.absent(texts, docs)) if bits}
    if not absent:
        return evidence, {}
    family = dict(zip((p.id for p in every), provision_families(every)))
    probs = dict(zip(ids, s.matrix(texts, docs)))  # remembered: no second scoring
    masks: dict[tuple, int] = {}

    def read_as_absent(e) -> bool:
        bits = absent.get(e.provision)
        if not bits:
            return False
        m = masks.get(e.themes)
        if m is None:
            m = masks[e.themes] = s.mask(e.themes)
        return m != 0 and bits & m == m

    def chance(e) -> float:
        row = probs[e.provision]
        return max((float(row[s.column[t]]) for t in e.themes if t in s.column), default=1.0)

    kept: dict = {}
    aside: dict = {}
    for req_id, items in evidence.items():
        doubted = {id(e) for e in items if read_as_absent(e)}
        if not doubted:
            kept[req_id] = items
            continue
        core_families = {family[e.provision] for e in items if e.element is None and id(e) not in doubted}
        keep, drop = [], []
        for e in items:
            counts = id(e) not in doubted and (e.element is None or family[e.provision] in core_families)
            (keep if counts else drop).append(e)
        if keep:
            kept[req_id] = keep
        aside[req_id] = [SetAside(e, round(chance(e), 4)) for e in drop]
    return kept, aside
