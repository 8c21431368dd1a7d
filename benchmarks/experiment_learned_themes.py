"""Experiment (not part of codecheck): does a theme classifier learned from the labelled sets
already read add to the matcher on sets nobody read?

    python benchmarks/experiment_learned_themes.py

Logistic regression per theme (numpy, L2), features = lemma (NORM) unigrams and bigrams per
language, trained on the development sets; once at a threshold of 0.5 fixed in advance, once
at a threshold chosen by 5-fold cross-validation on the training sets; judged on the
newest unread sets (JUDGE), alone and in union with the matcher. Result of 26 Nov 2026
(README, "Accuracy"): alone F1 0.18-0.50; union +0.004 to +0.023 over the matcher.
"""
import collections
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from codecheck.matching.evaluate import THEMES, evaluate, read_labelled  # noqa: E402
from codecheck.matching.nlp import DOCS  # noqa: E402
TRAIN = ['labelled','labelled-holdout','labelled-unseen','labelled-blind','labelled-blind-2',
         'labelled-blind-3','labelled-blind-4','labelled-blind-5','labelled-blind-6']
JUDGE = ['labelled-blind-7','labelled-blind-8']
D = str(ROOT / 'tests' / 'data') + '/'
def features(item):
    doc = DOCS.docs(item['lang'], [item['text']])[0]
    toks = [t.norm_ for t in doc if t.is_alpha and len(t) > 2]
    f = {f"{item['lang']}:{w}" for w in toks} | {f"{item['lang']}:{a}_{b}" for a, b in zip(toks, toks[1:])}
    return f
train = [i for s in TRAIN for i in read_labelled(D + s + '.yaml')]
vocab = collections.Counter(f for i in train for f in features(i))
keep = {f: n for n, f in enumerate(sorted(f for f, c in vocab.items() if c >= 2))}
def feature_matrix(items):
    m = np.zeros((len(items), len(keep) + 1)); m[:, -1] = 1
    for r, i in enumerate(items):
        for f in features(i):
            j = keep.get(f)
            if j is not None: m[r, j] = 1
    return m
Xtr = feature_matrix(train)
def train_logistic(y, lam=1.0, iters=300, lr=0.5):
    w = np.zeros(Xtr.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-Xtr @ w))
        g = Xtr.T @ (p - y) / len(y) + lam * w / len(y)
        w -= lr * g * 10
    return w
W = {t: train_logistic(np.array([1.0 if t in i['themes'] else 0.0 for i in train])) for t in THEMES}
def micro_f1(pairs):
    tp = sum(len(g & p) for g, p in pairs); fp = sum(len(p - g) for g, p in pairs); fn = sum(len(g - p) for g, p in pairs)
    return round(2 * tp / (2 * tp + fp + fn), 3), tp, fp, fn
print('train items', len(train), 'features', len(keep))
for s in JUDGE:
    items = read_labelled(D + s + '.yaml')
    Xj = feature_matrix(items)
    learned = [{t for t in THEMES if 1 / (1 + np.exp(-Xj[r] @ W[t])) > 0.5} for r in range(len(items))]
    res = evaluate(D + s + '.yaml')
    matcher = {r.id: set(r.predicted) for r in res.items}
    gold = [set(i['themes']) for i in items]
    m = [matcher[i['id']] for i in items]
    print(s, 'matcher', micro_f1(list(zip(gold, m))), 'learned', micro_f1(list(zip(gold, learned))),
          'union', micro_f1(list(zip(gold, [a | b for a, b in zip(m, learned)]))))

# threshold chosen by 5-fold cross-validation on the training sets (union with the matcher), then
# judged once on the unread sets
train_pred = {}
for s in TRAIN:
    for r in evaluate(D + s + '.yaml').items:
        train_pred[r.id] = set(r.predicted)
idx = np.arange(len(train)); rng = np.random.default_rng(0); rng.shuffle(idx)
folds = np.array_split(idx, 5)
probs = np.zeros((len(train), len(THEMES)))
Xall = Xtr
for k in range(5):
    te = folds[k]; tr = np.concatenate([folds[j] for j in range(5) if j != k])
    Xtr = Xall[tr]
    for c, t in enumerate(THEMES):
        w = train_logistic(np.array([1.0 if t in train[i]['themes'] else 0.0 for i in tr]))
        probs[te, c] = 1 / (1 + np.exp(-Xall[te] @ w))
Xtr = Xall
best = None
for th in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7):
    pairs = [(set(i['themes']), train_pred[i['id']] | {t for c, t in enumerate(THEMES) if probs[n, c] > th}) for n, i in enumerate(train)]
    sc = micro_f1(pairs)
    print('cv threshold', th, sc)
    if best is None or sc[0] > best[1][0]: best = (th, sc)
th = best[0]
print('chosen threshold', th)
for s in JUDGE:
    items = read_labelled(D + s + '.yaml')
    Xj = feature_matrix(items)
    learned = [{t for t in THEMES if 1 / (1 + np.exp(-Xj[r] @ W[t])) > th} for r in range(len(items))]
    res = evaluate(D + s + '.yaml')
    m = [set(r.predicted) for r in res.items]
    gold = [set(i['themes']) for i in items]
    print(s, 'union at', th, micro_f1(list(zip(gold, [a | b for a, b in zip(m, learned)]))), 'learned alone', micro_f1(list(zip(gold, learned))))
