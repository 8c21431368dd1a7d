"""Measuring the matcher on a labelled file: precision, recall and F1 per theme and language.

The file (`tests/data/labelled.yaml` format) is `items: [{id, lang, text, themes, kind}]`.
Each item is analysed as a one-provision code through `assess` with the catalogue, and its
predicted themes are `provision_themes` of that code — exactly what a report shows.
`kind` is `positive`, `hard-negative` or `generic`; negatives that get any theme are listed.

A file may instead label provisions of a code document it does not contain: with
`source: PATH` (relative to the file; anything `load_code` reads, e.g. your copy of an
official PDF), each item is `{id, themes}` with `id` a provision id of that document, and
its text and language are read from the document at run time, so no text of the code is
copied into the labels. `source=` (CLI `--source PATH`) names the document instead, for
a copy kept elsewhere: relative to the working directory, and only for such files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..model import LANGUAGES, THEMES, Catalogue, Code, Provision


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


def _sum(scores) -> Scores:
    scores = list(scores)
    return Scores(sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))


def _macro(per_theme: dict[str, Scores]) -> dict:
    used = [s for s in per_theme.values() if s.tp + s.fp + s.fn]
    if not used:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "themes": 0}
    n = len(used)
    return {
        "precision": round(sum(s.precision for s in used) / n, 4),
        "recall": round(sum(s.recall for s in used) / n, 4),
        "f1": round(sum(s.f1 for s in used) / n, 4),
        "themes": n,
    }


@dataclass(frozen=True)
class ItemResult:
    id: str
    lang: str
    kind: str
    text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    hinted: tuple[str, ...] = ()  # themes the learned second reader adds (`learned.py`); not evidence
    set_aside: tuple[str, ...] = ()  # themes of evidence the learned reader set aside (not predicted)
    judged: bool = True  # does the learned reader judge this provision at all (`learned.readable`)?

    @property
    def false_positives(self) -> tuple[str, ...]:
        return tuple(t for t in self.predicted if t not in self.gold)

    @property
    def false_negatives(self) -> tuple[str, ...]:
        return tuple(t for t in self.gold if t not in self.predicted)


@dataclass
class EvaluationResult:
    path: str
    items: list[ItemResult]
    per_theme: dict[str, Scores] = field(default_factory=dict)
    per_language: dict[str, dict[str, Scores]] = field(default_factory=dict)
    learned_check: bool = False  # True: the learned reader set evidence aside (`learned.set_aside`)

    # ------------------------------------------------------------------ figures
    @property
    def micro(self) -> Scores:
        return _sum(self.per_theme.values())

    @property
    def macro(self) -> dict:
        return _macro(self.per_theme)

    def language_micro(self, lang: str) -> Scores:
        return _sum(self.per_language.get(lang, {}).values())

    @property
    def trained_on(self) -> bool:
        """Was the learned reader trained on this file (so its hints here measure nothing)?"""
        from .learned import load_model

        return Path(self.path).name in load_model().get("trained_on", {}).get("sets", ())

    @property
    def with_hints(self) -> Scores:
        """Micro figures of the matcher's themes together with the learned reader's hints."""
        tp = fp = fn = 0
        for i in self.items:
            got = set(i.predicted) | set(i.hinted)
            gold = set(i.gold)
            tp += len(got & gold)
            fp += len(got - gold)
            fn += len(gold - got)
        return Scores(tp, fp, fn)

    @property
    def judged(self) -> int:
        """How many items the learned reader judges (`learned.readable`): the others are
        longer than it can read or worded unlike the sets it learned from, and it neither
        hints, sets aside nor vouches there."""
        return sum(1 for i in self.items if i.judged)

    @property
    def set_aside(self) -> tuple[int, int]:
        """(themes the learned reader set aside, how many of them the labels have)."""
        n = sum(len(i.set_aside) for i in self.items)
        return n, sum(len(set(i.set_aside) & set(i.gold)) for i in self.items)

    def language_macro(self, lang: str) -> dict:
        return _macro(self.per_language.get(lang, {}))

    @property
    def flagged_negatives(self) -> list[ItemResult]:
        """Negative items (hard negatives and generic provisions) given any theme."""
        return [i for i in self.items if i.kind != "positive" and i.predicted]

    @property
    def languages(self) -> list[str]:
        return sorted({i.lang for i in self.items}, key=lambda l: (LANGUAGES + (l,)).index(l))

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "items": len(self.items),
            "micro": self.micro.to_dict(),
            "macro": self.macro,
            "with_learned_hints": {"micro": self.with_hints.to_dict(), "trained_on_this_file": self.trained_on},
            "learned_reader_judges": self.judged,
            "set_aside": None if not self.learned_check else {
                "themes": self.set_aside[0], "in_labels": self.set_aside[1], "trained_on_this_file": self.trained_on},
            "per_language": {
                lang: {
                    "items": sum(1 for i in self.items if i.lang == lang),
                    "micro": self.language_micro(lang).to_dict(),
                    "macro": self.language_macro(lang),
                }
                for lang in self.languages
            },
            "per_theme": {t: s.to_dict() for t, s in self.per_theme.items() if s.tp + s.fp + s.fn},
            "negatives": {
                "total": sum(1 for i in self.items if i.kind != "positive"),
                "flagged": [
                    {"id": i.id, "lang": i.lang, "kind": i.kind, "predicted": list(i.predicted)}
                    for i in self.flagged_negatives
                ],
            },
            "errors": [
                {
                    "id": i.id,
                    "lang": i.lang,
                    "false_positives": list(i.false_positives),
                    "false_negatives": list(i.false_negatives),
                }
                for i in self.items
                if i.false_positives or i.false_negatives
            ],
        }

    def format_text(self, verbose: bool = False) -> str:
        lines = [f"{self.path}: {len(self.items)} items"]
        m = self.micro
        lines.append(
            f"overall  micro P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}   "
            f"macro F1 {self.macro['f1']:.3f}"
        )
        trained = "  [the reader was trained on this file: no measure]" if self.trained_on else ""
        if self.learned_check:
            aside, labelled = self.set_aside
            lines.append(f"set aside by the learned reader (--learned-check): {aside} themes, "
                         f"{labelled} of them in the labels{trained}")
        h = self.with_hints
        lines.append(f"with the learned reader's hints (not evidence): micro P {h.precision:.3f}  "
                     f"R {h.recall:.3f}  F1 {h.f1:.3f}{trained}")
        lines.append(f"the learned reader judges {self.judged} of {len(self.items)} items (not those over "
                     f"its length or worded unlike the sets it learned from)")
        lines.append("")
        lines.append(f"{'language':<10}{'items':>6}{'P':>8}{'R':>8}{'F1':>8}{'macro F1':>10}")
        for lang in self.languages:
            s = self.language_micro(lang)
            n = sum(1 for i in self.items if i.lang == lang)
            lines.append(
                f"{lang:<10}{n:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
                f"{self.language_macro(lang)['f1']:>10.3f}"
            )
        lines.append("")
        lines.append(f"{'theme':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}")
        for t, s in self.per_theme.items():
            if not s.tp + s.fp + s.fn:
                continue
            lines.append(
                f"{t:<24}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            )
        negatives = [i for i in self.items if i.kind != "positive"]
        flagged = self.flagged_negatives
        lines.append("")
        lines.append(f"negatives flagged: {len(flagged)} of {len(negatives)}")
        for i in flagged:
            lines.append(f"  {i.id} ({i.kind}): {', '.join(i.predicted)}")
        if verbose:
            lines.append("")
            lines.append("errors:")
            for i in self.items:
                if i.false_positives or i.false_negatives:
                    lines.append(
                        f"  {i.id}: +{','.join(i.false_positives) or '-'} "
                        f"-{','.join(i.false_negatives) or '-'}  {i.text[:100]}"
                    )
        return "\n".join(lines)


def read_labelled(path: str | Path, source: str | Path | None = None) -> list[dict]:
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf8"))
    except FileNotFoundError:
        raise UsageError("E052", f"labelled file {path} does not exist; give the path of a labelled YAML file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(
            "E053", f"labelled file {path} cannot be read as YAML ({type(exc).__name__}); fix the file"
        ) from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UsageError("E054", f"labelled file {path} has no 'items' list; see tests/data/labelled.yaml for the format")
    if source is not None:
        if not data.get("source"):
            raise UsageError("E058", f"labelled file {path} carries its own texts (no 'source:'); "
                                     "--source is for labels that name the provisions of a document by id")
        items = _with_source_text(path, Path(source).resolve(), f"--source {source}", items,
                                  "give --source the path of your copy")
    elif data.get("source"):
        items = _with_source_text(path, (path.parent / str(data["source"])).resolve(), data["source"], items,
                                  "put your copy of the document at that path, or give its path with --source")
    out = []
    seen = set()
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not all(k in item for k in ("id", "lang", "text")):
            raise UsageError("E054", f"item {n} of {path} needs 'id', 'lang' and 'text'; add them")
        themes = item.get("themes") or []
        unknown = [t for t in themes if t not in THEMES]
        if unknown:
            raise UsageError("E054", f"item {item['id']} of {path} has unknown theme(s) {', '.join(map(str, unknown))}; use the theme names of codecheck.model.THEMES")
        if item["lang"] not in LANGUAGES:
            raise UsageError("E054", f"item {item['id']} of {path} has language '{item['lang']}'; use en, nl or fr")
        if item["id"] in seen:
            raise UsageError("E054", f"item id {item['id']} occurs twice in {path}; make ids unique")
        seen.add(item["id"])
        out.append(
            {
                "id": str(item["id"]),
                "lang": item["lang"],
                "text": str(item["text"]),
                "themes": tuple(dict.fromkeys(themes)),
                "kind": item.get("kind") or ("positive" if themes else "generic"),
            }
        )
    return out


def _with_source_text(path: Path, document: Path, source, items: list, remedy: str) -> list[dict]:
    """The items of the labelled file `path` with `text` and `lang` of the provisions they
    name in `document` (named `source` in messages; `remedy` says what to do if it is missing)."""
    from ..documents import load_code
    from ..errors import CodecheckError

    if not document.exists():
        raise UsageError("E058", f"labelled file {path} labels {source}, which is not there ({document}); {remedy}")
    try:
        code = load_code(str(document))
    except CodecheckError as exc:
        raise UsageError("E058", f"labelled file {path}: its source {source} cannot be read ({exc})") from None
    text_of = {p.id: p.full_text for p in code.provisions}
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or "id" not in item:
            raise UsageError("E054", f"item {n} of {path} needs an 'id'; add it")
        pid = str(item["id"])
        if pid not in text_of:
            raise UsageError("E058", f"item {pid} of {path} is no provision of {source}; "
                                     "use the provision ids `codecheck parse` shows")
        out.append({**item, "id": pid, "text": text_of[pid], "lang": item.get("lang") or code.language})
    return out


def item_codes(items: list[dict], path: str | Path) -> list[Code]:
    """Each labelled item as a code of one provision (id "1"), with the item's id."""
    return [
        Code(
            id=item["id"],
            title=item["id"],
            edition="",
            language=item["lang"],
            kind="file",
            source=str(path),
            provisions=(Provision(id="1", kind="provision", text=item["text"]),),
        )
        for item in items
    ]


def evaluate(path: str | Path, catalogue: Catalogue | None = None, learned_check: bool = False,
             source: str | Path | None = None) -> EvaluationResult:
    from . import assess
    from .coverage import provision_themes_by_code
    from .learned import hints_for, readable
    from .nlp import DOCS

    if catalogue is None:
        from ..catalogue import load_catalogue

        catalogue = load_catalogue()
    items = read_labelled(path, source=source)
    coverages = assess(item_codes(items, path), catalogue, learned_check=learned_check)
    by_code = provision_themes_by_code(coverages)
    aside_by_code: dict[str, set[str]] = {}
    for (_, code_id), cov in coverages.items():
        for a in cov.set_aside:
            aside_by_code.setdefault(code_id, set()).update(a.evidence.themes)
    results = []
    for item in items:
        themes = by_code.get(item["id"], {}).get("1", set())
        predicted = tuple(t for t in THEMES if t in themes)
        doc = DOCS.docs(item["lang"], [item["text"]])[0]  # parsed by `assess` already
        hinted = {h.theme for h in hints_for(item["lang"], doc)} - set(predicted)
        aside = aside_by_code.get(item["id"], set()) - set(predicted)
        results.append(ItemResult(item["id"], item["lang"], item["kind"], item["text"], item["themes"], predicted,
                                  tuple(t for t in THEMES if t in hinted), tuple(t for t in THEMES if t in aside),
                                  readable(item["lang"], doc)))
    per_theme: dict[str, Scores] = {}
    per_language: dict[str, dict[str, Scores]] = {}
    for theme in THEMES:
        per_theme[theme] = _count(results, theme)
    for lang in sorted({r.lang for r in results}):
        subset = [r for r in results if r.lang == lang]
        per_language[lang] = {theme: _count(subset, theme) for theme in THEMES}
    return EvaluationResult(str(path), results, per_theme, per_language, learned_check)


def _count(results: list[ItemResult], theme: str) -> Scores:
    tp = sum(1 for r in results if theme in r.gold and theme in r.predicted)
    fp = sum(1 for r in results if theme not in r.gold and theme in r.predicted)
    fn = sum(1 for r in results if theme in r.gold and theme not in r.predicted)
    return Scores(tp, fp, fn)
