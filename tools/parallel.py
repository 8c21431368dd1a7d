"""How far codecheck reads two language versions of the same act alike.

    python tools/parallel.py FIRST SECOND [--show N]

An EU act, or a code, is published in several languages with the same numbering. Each
version is cut at its numbering (articles, numbered paragraphs, lettered and roman points),
the two sequences of numbers are aligned, and each pair of passages (same number, similar
length) is matched on its own. Where the matcher is right in both languages it finds the
same themes in both, so the themes found in one version only are a language's misreading
in one of the two: a measurement that needs no labels (docs/accuracy-history.md, "Round 14"). Agreement is
the pooled Jaccard index: themes found in both / themes found in either, over all pairs.

`--show N` prints the first N pairs that differ, with the start of each passage, to read
which side is wrong. The text is the act's, read from your copies at run time.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recitals import ENACTING, document_text  # noqa: E402  (the sibling tool, on sys.path as this one)

# Latin ordinals of inserted articles ("Artikel 19 bis", "Article 19 bis") as the letters
# the English version uses ("Article 19a")
ORDINALS = {"bis": "a", "ter": "b", "quater": "c", "quinquies": "d", "sexies": "e",
            "septies": "f", "octies": "g", "nonies": "h", "decies": "i"}
_LATIN = "|".join(ORDINALS)
# a number opens a passage after white space, an opening quote, a colon or a semicolon:
# an article heading ("Article 29a Title", "Artikel 29 bis Titel"), a numbered paragraph
# ("3. The ...") or a point ("(a) ", "(iii) ", and in Dutch and French "a) ", "iii) ")
MARK = re.compile(
    r"(?:(?<=[\s‘“«:;])|^)(?:"
    rf"(?P<article>(?:Article|Artikel) \d+(?:[a-z]\b| (?:{_LATIN})\b)?)(?= [A-ZÀ-Ý])"
    r"|(?P<paragraph>\d{1,2})\.\s+(?=[A-ZÀ-Ý])"
    r"|\(?(?P<point>[a-z]{1,2}|[ivx]{1,5})\)\s)"
)
MIN_WORDS = 5  # shorter passages (a bare heading) say too little to compare
MAX_RATIO = 2.0  # passages paired by number whose lengths differ more are misaligned


@dataclass(frozen=True)
class Pair:
    key: str  # the number both passages carry: "Article 19a", "P3", "(b)"
    first: str
    second: str


def passages(text: str) -> list[tuple[str, str]]:
    """`(number, passage)` in document order. An EU act's recitals, before its enacting
    formula (`recitals.ENACTING`), are left out: their references ("point (a) of Article
    2") would open passages; so is any text before the first number."""
    enacting = re.search("|".join(ENACTING.values()), text)
    if enacting is not None:
        text = text[enacting.end():]
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)  # a word broken at a line end
    out: list[tuple[str, str]] = []
    key, start = None, 0
    for found in MARK.finditer(text):
        if key is not None:
            out.append((key, " ".join(text[start:found.start()].split())))
        if found.group("article"):
            words = found.group("article").split()
            key = "Article " + words[1] + (ORDINALS[words[2]] if len(words) > 2 else "")
        elif found.group("paragraph"):
            key = "P" + found.group("paragraph")
        else:
            key = f"({found.group('point')})"
        start = found.start()
    if key is not None:
        out.append((key, " ".join(text[start:].split())))
    return out


def align(first: list[tuple[str, str]], second: list[tuple[str, str]]) -> list[Pair]:
    """The passages of two versions paired by their sequence of numbers (longest common
    runs, as `difflib`), keeping pairs of MIN_WORDS+ words and similar length."""
    matcher = difflib.SequenceMatcher(a=[k for k, _ in first], b=[k for k, _ in second], autojunk=False)
    out = []
    for a, b, size in matcher.get_matching_blocks():
        for i in range(size):
            (key, x), (_, y) = first[a + i], second[b + i]
            nx, ny = len(x.split()), len(y.split())
            if min(nx, ny) >= MIN_WORDS and max(nx, ny) <= MAX_RATIO * min(nx, ny):
                out.append(Pair(key, x, y))
    return out


def themes(texts: list[str], lang: str, catalogue=None) -> list[set[str]]:
    """The themes codecheck finds in each text (as `evaluate`: the evidence's themes)."""
    from codecheck.catalogue import load_catalogue
    from codecheck.matching import assess, provision_themes
    from codecheck.model import Code, Provision

    code = Code(id="parallel", title="parallel", edition="", language=lang, kind="file", source="-",
                provisions=tuple(Provision(id=str(i), text=t) for i, t in enumerate(texts)))
    found = provision_themes(assess([code], catalogue or load_catalogue()), code.id)
    return [found.get(str(i), set()) for i in range(len(texts))]


@dataclass(frozen=True)
class Comparison:
    pairs: tuple[Pair, ...]
    first: tuple[frozenset, ...]  # themes per pair, first version
    second: tuple[frozenset, ...]

    @property
    def agreement(self) -> float:
        both = sum(len(a & b) for a, b in zip(self.first, self.second))
        either = sum(len(a | b) for a, b in zip(self.first, self.second))
        return both / either if either else 1.0

    def one_sided(self) -> dict[tuple[str, str], int]:
        """`{(side, theme): pairs}` for the themes found in one version only."""
        out: dict[tuple[str, str], int] = {}
        for a, b in zip(self.first, self.second):
            for side, only in (("first", a - b), ("second", b - a)):
                for t in only:
                    out[(side, t)] = out.get((side, t), 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def compare(first_text: str, first_lang: str, second_text: str, second_lang: str, catalogue=None) -> Comparison:
    pairs = align(passages(first_text), passages(second_text))
    a = themes([p.first for p in pairs], first_lang, catalogue)
    b = themes([p.second for p in pairs], second_lang, catalogue)
    return Comparison(tuple(pairs), tuple(map(frozenset, a)), tuple(map(frozenset, b)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print the first N pairs that differ")
    args = ap.parse_args(argv)

    from codecheck.documents.language import detect_language
    from codecheck.errors import CodecheckError

    texts = []
    for path in (args.first, args.second):
        if not path.is_file():
            print(f"parallel: {path} is not a file", file=sys.stderr)
            return 2
        try:
            text = document_text(path)
        except CodecheckError as exc:
            print(f"parallel: {exc}", file=sys.stderr)
            return 2
        texts.append((text, detect_language(text)))
    (first, lang1), (second, lang2) = texts
    result = compare(first, lang1, second, lang2)
    if not result.pairs:
        print(f"parallel: no numbered passages pair up in {args.first.name} and {args.second.name}", file=sys.stderr)
        return 2
    print(f"{len(result.pairs)} passages paired ({lang1}: {args.first.name}, {lang2}: {args.second.name})")
    print(f"agreement {result.agreement:.3f} (themes found in both / in either)")
    for (side, theme), n in result.one_sided().items():
        print(f"  {n:4d}  {theme:24s} {lang1 if side == 'first' else lang2} only")
    shown = 0
    for pair, a, b in zip(result.pairs, result.first, result.second):
        if shown >= args.show:
            break
        if a != b:
            shown += 1
            print(f"\n{pair.key}: {lang1} only {sorted(a - b)}, {lang2} only {sorted(b - a)}")
            print(f"  {lang1}: {pair.first[:400]}")
            print(f"  {lang2}: {pair.second[:400]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
