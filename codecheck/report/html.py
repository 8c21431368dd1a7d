"""report.html: one self-contained page, readable without JavaScript.

Everything (styles, the frontier chart as inline SVG) is in the file; nothing is loaded
from elsewhere. The page is rendered from report.json with a Jinja2 template.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from markupsafe import Markup, escape

from .render import LEVEL_MARK, accuracy_note, burden_interval, eur, source_label, status_note, titled


def _template_cache():
    """Compiled templates kept in the `templates` subfolder of the cache root, so a new
    process does not compile them again (~40 ms of a cold report); None when caching is
    off or the folder cannot be made. A cache that cannot be written is skipped."""
    import jinja2

    from ..paths import cache_root

    root = cache_root()
    if root is None:
        return None
    folder = root / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None

    class _Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable, or half written by another process: compile anew
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return _Cache(str(folder))


@cache
def _environment():
    return _make_environment(_template_cache())


def _make_environment(bytecode_cache):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("codecheck.report", "templates"),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        eur=eur,
        interval=burden_interval,
        source_label=source_label,
        mark=lambda level: LEVEL_MARK.get(level, "?"),
        highlight=highlight_terms,
        pct=lambda x: f"{100 * (x or 0):.0f}%",
        status=status_note,
        titled=titled,
        accuracy_note=accuracy_note,
    )
    return env


def render_html(report: dict) -> str:
    template = _environment().get_template("report.html.j2")
    instruments = {i["id"]: i for i in report["instruments"]}
    groups = []
    for inst_id in instruments:
        reqs = [r for r in report["requirements"] if r["instrument"] == inst_id]
        if reqs:
            groups.append((instruments[inst_id], reqs))
    charts = {
        c["id"]: frontier_svg(
            report["summary"][c["id"]].get("frontier") or [], report["summary"][c["id"]].get("recommended")
        )
        for c in report["codes"]
    }
    return template.render(r=report, groups=groups, charts=charts) + "\n"


def render_summary_table(report: dict) -> str:
    """The short table a notebook shows for a `Report`."""
    template = _environment().get_template("summary.html.j2")
    return template.render(r=report)


@cache
def _synonym_members() -> dict[str, tuple[str, ...]]:
    """Every word of a synonym class (any language) -> the words of its class."""
    from ..matching.nlp import SUPPORTED, synonyms

    out: dict[str, tuple[str, ...]] = {}
    for lang in SUPPORTED:
        syn = synonyms(lang)
        for word, head in syn.head_of.items():
            out[word] = syn.members[head]
    return out


@cache
def _concept_phrases() -> dict[str, tuple[str, ...]]:
    """Every concept set ("@harm") -> its phrases in all languages."""
    from ..matching.concepts import concept_sets
    from ..matching.nlp import SUPPORTED

    out: dict[str, tuple[str, ...]] = {}
    for lang in SUPPORTED:
        for name, phrases in concept_sets(lang).items():
            out[name] = out.get(name, ()) + phrases
    return out


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


def highlight_terms(text: str, terms) -> Markup:
    """Escape `text` and wrap the words that matched the given terms in <mark>, the other
    words of a term word's synonym class included ("verhindert" for "voorkomen"). A phrase
    of several words, written in the term or in a concept set it names ("@harm", "@people"),
    is marked only where it occurs as a whole ("excessive overtime", "those we do business
    with"), with up to two other words inside as the matcher allows, not word by word."""
    words, phrases, fallback = _patterns(tuple(str(t) for t in terms or ()))
    if words is None and not phrases:
        return escape(text)
    spans: list[tuple[int, int]] = []
    if words is not None:
        spans += [m.span() for m in words.finditer(text)]
    low = text.lower()
    for firsts, pattern, n in phrases:
        if any(f in low for f in firsts):  # cheap test before the regular expression
            for m in pattern.finditer(text):
                spans += [m.span(i + 1) for i in range(n)]
    if not spans and fallback is not None:  # a phrase in another form (word order, a compound)
        spans = [m.span() for m in fallback.finditer(text)]
    pieces, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue  # inside a word already marked
        pieces.append(escape(text[last:start]))
        pieces.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


_GAP = r"\W+(?:\w+\W+){0,2}?"  # up to two other words inside a phrase, as the matcher's gaps


@lru_cache(maxsize=4096)
def _patterns(terms: tuple[str, ...]):
    """For `highlight_terms`, compiled once per distinct list of terms: one pattern for the
    one-word alternatives (and their synonyms), one per phrase of several words (with the
    first letters of its first word's forms, for a quick test), and the words of those
    phrases as a fallback."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for term in terms:
        for part in term.split("+"):
            for alternative in part.split("|"):
                alternative = alternative.strip().lower()
                for phrase in _concept_phrases().get(alternative, (alternative,)):
                    phrase_words = tuple(re.findall(r"\w+", phrase.lower()))
                    if len(phrase_words) == 1:
                        words.update(w for w in phrase_words if len(w) > 2)
                    elif phrase_words:
                        phrases.add(phrase_words)
    classes = _synonym_members()

    def forms(word: str) -> list[str]:  # the word and the other words of its synonym class
        return sorted({word} | {m for m in classes.get(word, ()) if len(m) > 2})

    def stems_pattern(ws) -> re.Pattern:
        stems = sorted({_stem(w) for w in ws}, key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)

    def word_pattern(w: str) -> str:
        if len(w) <= 3:
            return re.escape(w) + r"\b"
        return "(?:" + "|".join(re.escape(_stem(f)) for f in forms(w)) + r")\w*"

    word_re = stems_pattern({f for w in words for f in forms(w)}) if words else None
    compiled = []
    for ws in sorted(phrases):
        groups = "".join(("" if i == 0 else _GAP) + "(" + word_pattern(w) + ")" for i, w in enumerate(ws))
        firsts = tuple(sorted({(_stem(f) if len(f) > 3 else f)[:3] for f in forms(ws[0])}))  # how a match starts
        compiled.append((firsts, re.compile(r"\b" + groups, re.IGNORECASE), len(ws)))
    fallback_words = {w for ws in phrases for w in ws if len(w) > 2}
    fallback = stems_pattern(fallback_words) if fallback_words else None
    return word_re, tuple(compiled), fallback


def frontier_svg(frontier: list[dict], recommended: dict | None = None, width: int = 560, height: int = 260) -> Markup:
    """The Pareto frontier: coverage index against added burden, the recommended package ringed."""
    if not frontier:
        return Markup("")
    pad_l, pad_r, pad_t, pad_b = 56, 16, 12, 40
    xs = [float(p.get("burden_eur_per_year") or 0) for p in frontier]
    ys = [float(p.get("coverage_index") or 0) for p in frontier]
    x_max = max(xs) or 1.0
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b

    def px(x: float) -> float:
        return pad_l + plot_w * x / x_max

    def py(y: float) -> float:
        return pad_t + plot_h * (1 - y)

    points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
    dots = "".join(
        f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3"><title>{y:.2f} for {eur(x)}/year</title></circle>'
        for x, y in zip(xs, ys)
    )
    ticks = "".join(
        f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{py(t):.1f}" y2="{py(t):.1f}" class="grid"/>'
        f'<text x="{pad_l - 6}" y="{py(t) + 4:.1f}" text-anchor="end">{t:.1f}</text>'
        for t in (0, 0.25, 0.5, 0.75, 1.0)
    )
    xticks = "".join(
        f'<text x="{px(x_max * f):.1f}" y="{height - pad_b + 16}" text-anchor="{anchor}">{eur(x_max * f)}</text>'
        for f, anchor in ((0, "start"), (0.5, "middle"), (1.0, "end"))
    )
    mark = ""
    if recommended and recommended.get("burden_eur_per_year") is not None:
        rx, ry = float(recommended["burden_eur_per_year"]), float(recommended.get("coverage_index") or 0)
        mark = (
            f'<circle cx="{px(rx):.1f}" cy="{py(ry):.1f}" r="6" class="recommended">'
            f"<title>recommended: {ry:.2f} for {eur(rx)}/year</title></circle>"
        )
    svg = (
        f'<svg viewBox="0 0 {width} {height}" role="img" class="frontier" '
        f'aria-label="Coverage index against added burden">'
        f"{ticks}{xticks}"
        f'<polyline points="{points}" fill="none"/>{dots}{mark}'
        f'<text x="{pad_l + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle">added burden, € per year</text>'
        f'<text x="12" y="{pad_t + plot_h / 2:.0f}" transform="rotate(-90 12 {pad_t + plot_h / 2:.0f})" '
        f'text-anchor="middle">coverage index</text>'
        "</svg>"
    )
    return Markup(svg)
