"""spaCy pipelines and lemma tables for matching, built once per process.

Each language gets a blank spaCy pipeline (tokenizer only; no model download; sentences
are split by `matcher.sentences`, only in documents with a hit). Lemmas do not come from spaCy's lemmatizer component: the lookup tables of
`spacy-lookups-data` are written onto the vocabulary as each lexeme's NORM, so every
token carries its lemma at no per-token cost and `PhraseMatcher(attr="NORM")` matches on
lemmas. Only the table entries that can matter are written: the forms whose lemma (or
whose own form) is a word of the catalogue's terms or of the context cues. A token whose
form is not in that restricted table keeps its lower-case form as NORM; since neither its
form nor its true lemma is a term word, no match can differ from a full lemmatisation.

The full tables are slow to load (French: ~0.9 s through spaCy, Dutch ~0.5 s), so they
are converted once into an indexed SQLite file in the user cache directory (keyed by the
spacy-lookups-data version) and queried for the few thousand forms a catalogue needs.

French: importing `spacy.lang.fr` compiles a very large tokenizer regex (~2 s). The
French pipeline here is a `Language` subclass with the same prefix, suffix and infix
rules for elisions and hyphens but without that hyphenated-word exception regex (which
only keeps rare words like "porte-monnaie" whole), so it starts in milliseconds.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from ..errors import UsageError

SUPPORTED = ("en", "nl", "fr")
TABLE_FORMAT = 2  # bump when _read_full_table changes what it stores
_LOCK = threading.RLock()


# ----------------------------------------------------------------------- pipelines


def _french_class():
    """A French `Language` that does not import `spacy.lang.fr` (see module docstring)."""
    from spacy.language import BaseDefaults, Language
    from spacy.lang.char_classes import (
        ALPHA,
        ALPHA_LOWER,
        ALPHA_UPPER,
        CONCAT_QUOTES,
        CURRENCY,
        LIST_ELLIPSES,
        LIST_PUNCT,
        LIST_QUOTES,
        UNITS,
        merge_chars,
    )
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES
    from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
    from spacy.symbols import ORTH
    from spacy.util import update_exc

    elision = "'’"
    hyphens = "-–—‐‑"
    pe = merge_chars("d l n j m s t c qu D L N J M S T C QU".replace(" ", " "))
    prefixes = list(TOKENIZER_PREFIXES) + [
        r"(?:({pe})[{el}])(?=[{a}])".format(a=ALPHA, el=elision, pe=pe)
    ]
    hyphen_suffixes = merge_chars(
        "ce clés elle en il ils je là moi nous on t vous CE ELLE EN IL ILS JE LÀ MOI NOUS ON T VOUS"
    )
    suffixes = (
        LIST_PUNCT
        + LIST_ELLIPSES
        + LIST_QUOTES
        + [
            r"(?<=[0-9])\+",
            r"(?<=°[FfCcKk])\.",
            r"(?<=[0-9])%",
            r"(?<=[0-9])(?:{c})".format(c=CURRENCY),
            r"(?<=[0-9])(?:{u})".format(u=UNITS),
            r"(?<=[0-9{al}{e}(?:{q})])\.".format(al=ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES),
            r"(?<=[{au}][{au}])\.".format(au=ALPHA_UPPER),
            r"(?<=[{a}])[{h}]({hs})".format(a=ALPHA, h=hyphens, hs=hyphen_suffixes),
        ]
    )
    infixes = list(TOKENIZER_INFIXES) + [
        r"(?<=[{a}][{el}])(?=[{a}])".format(a=ALPHA, el=elision)
    ]
    exc = {}
    for orth in ("art.", "al.", "cf.", "etc.", "p. ex.", "n°", "M.", "Mme", "MM.", "No.", "ex.",
                 "aujourd'hui", "Aujourd'hui", "peut-être", "c.-à-d.", "vis-à-vis"):
        exc[orth] = [{ORTH: orth}]
    exceptions = update_exc(BASE_EXCEPTIONS, exc)

    fr_prefixes, fr_suffixes, fr_infixes = tuple(prefixes), tuple(suffixes), tuple(infixes)

    class _Defaults(BaseDefaults):
        tokenizer_exceptions = exceptions
        prefixes = fr_prefixes
        suffixes = fr_suffixes
        infixes = fr_infixes

    class CodecheckFrench(Language):
        lang = "fr"
        Defaults = _Defaults

    return CodecheckFrench


def _extra_exceptions(lang: str) -> dict:
    from spacy.symbols import ORTH

    words = {
        "en": ("art.", "para.", "e.g.", "i.e.", "cf.", "no.", "nos."),
        "nl": ("art.", "bv.", "bijv.", "o.a.", "m.a.w.", "cf.", "nr.", "vb.", "enz."),
    }.get(lang, ())
    return {w: [{ORTH: w}] for w in words}


@lru_cache(maxsize=None)
def pipeline(lang: str):
    """The blank pipeline (tokenizer only) for `lang`, built once per process.

    Sentences are split by `matcher.sentences`, only in documents with a hit."""
    if lang not in SUPPORTED:
        raise UsageError(
            "E051",
            f"codecheck cannot match text in language '{lang}'; use one of "
            f"{', '.join(SUPPORTED)} (set the code's language when reading it)",
        )
    import spacy

    if lang == "fr":
        nlp = _french_class()()
    else:
        nlp = spacy.blank(lang)
    for orth, spec in _extra_exceptions(lang).items():
        nlp.tokenizer.add_special_case(orth, spec)
    _read_attributes_only(nlp.vocab)
    return nlp


LEXEME_ATTRIBUTES = ("LOWER", "NORM", "IS_ALPHA", "IS_SPACE")  # what codecheck reads of a word


def _read_attributes_only(vocab) -> None:
    """Work out only the lexeme attributes codecheck reads (`LEXEME_ATTRIBUTES`).

    spaCy computes about twenty (shape, prefix, like_num, is_currency ...) for every new
    word; tokenising the catalogue's phrases and the codes creates thousands, and the rest
    cost three quarters of that time. Attributes left out read as empty on new lexemes;
    none of them is read anywhere in codecheck (`tests/test_matching_mechanisms.py`)."""
    from spacy import attrs

    keep = {getattr(attrs, name) for name in LEXEME_ATTRIBUTES}
    vocab.lex_attr_getters = {k: f for k, f in vocab.lex_attr_getters.items() if k in keep}


# ----------------------------------------------------------------------- lemma tables


def cache_dir() -> Path | None:
    """Where the lemma databases live: the `lemmas` subfolder of `paths.cache_root()`
    (`$CODECHECK_CACHE_DIR` or `$CODECHECK_CACHE`, else the user cache folder); None with
    `$CODECHECK_NO_CACHE`."""
    from ..paths import cache_root

    root = cache_root()
    return None if root is None else root / "lemmas"


def _lookups_version() -> str:
    import spacy_lookups_data

    return getattr(spacy_lookups_data, "__version__", "0")


def _table_path(lang: str) -> Path:
    import spacy_lookups_data

    return Path(str(spacy_lookups_data.get_file(f"{lang}_lemma_lookup.json")) + ".gz")


def _read_full_table(lang: str) -> dict[str, str]:
    path = _table_path(lang)
    if path.exists():
        with gzip.open(path) as fh:
            raw = json.loads(fh.read())
    else:  # uncompressed copy
        raw = json.loads(Path(str(path)[:-3]).read_text(encoding="utf8"))
    table: dict[str, str] = {}
    for form, lemma in raw.items():
        if isinstance(lemma, list):
            if not lemma:
                continue
            lemma = lemma[0]
        low = form.lower()
        # prefer the lower-case entry when a form exists in several casings
        if low in table and form != low:
            continue
        table[low] = str(lemma).lower()
    if lang == "fr":
        _fold_french_participles(table)
    return table


def _fold_french_participles(table: dict[str, str]) -> None:
    """Give past participles the verb's lemma ("approuvé" -> "approuver").

    The French table lists the masculine participle as its own (adjective) lemma but the
    feminine as the verb ("approuvée" -> "approuver"); folding both into the verb makes
    "le conseil a approuvé" match a term written "approuver".
    """
    verbs = {l for l in table.values() if l.endswith("er")}
    for form in list(table):
        for ending in ("ées", "ée", "és", "é"):
            if form.endswith(ending):
                verb = form[: -len(ending)] + "er"
                if verb in verbs and table[form] != verb:
                    table[form] = verb
                break


class LemmaTable:
    """Query access to one language's lemma lookup table (SQLite on disk, else memory)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._db: sqlite3.Connection | None = None
        self._mem: dict[str, str] | None = None
        self._lemma_index: dict[str, list[str]] | None = None
        self._open()

    def _open(self) -> None:
        folder = cache_dir()
        if folder is None:
            self._mem = _read_full_table(self.lang)
            return
        path = folder / f"{self.lang}-{_lookups_version()}-{TABLE_FORMAT}.sqlite"
        if path.exists():
            try:
                self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                self._db.execute("SELECT count(*) FROM lemma WHERE form = 'x'").fetchone()
                return
            except sqlite3.Error:
                self._db = None
        table = _read_full_table(self.lang)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            if tmp.exists():
                tmp.unlink()
            db = sqlite3.connect(tmp)
            db.execute("CREATE TABLE lemma (form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO lemma VALUES (?, ?)", table.items())
            db.execute("CREATE INDEX lemma_by_lemma ON lemma (lemma)")
            db.commit()
            db.close()
            os.replace(tmp, path)
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except (OSError, sqlite3.Error):
            self._db = None
            self._mem = table

    def _chunks(self, words: list[str], size: int = 500):
        for i in range(0, len(words), size):
            yield words[i : i + size]

    def lemmas(self, forms: Iterable[str]) -> dict[str, str]:
        """`{form: lemma}` for the given lower-case forms that are in the table."""
        forms = sorted(set(forms))
        if self._mem is not None:
            return {f: self._mem[f] for f in forms if f in self._mem}
        out: dict[str, str] = {}
        with _LOCK:
            for chunk in self._chunks(forms):
                q = f"SELECT form, lemma FROM lemma WHERE form IN ({','.join('?' * len(chunk))})"
                out.update(self._db.execute(q, chunk).fetchall())  # type: ignore[union-attr]
        return out

    def forms_of(self, lemmas: Iterable[str]) -> dict[str, str]:
        """`{form: lemma}` for every form whose lemma is one of `lemmas`."""
        lemmas = sorted(set(lemmas))
        if self._mem is not None:
            if self._lemma_index is None:
                idx: dict[str, list[str]] = {}
                for f, l in self._mem.items():
                    idx.setdefault(l, []).append(f)
                self._lemma_index = idx
            return {f: l for l in lemmas for f in self._lemma_index.get(l, ())}
        out: dict[str, str] = {}
        with _LOCK:
            for chunk in self._chunks(lemmas):
                q = f"SELECT form, lemma FROM lemma WHERE lemma IN ({','.join('?' * len(chunk))})"
                out.update(self._db.execute(q, chunk).fetchall())  # type: ignore[union-attr]
        return out

    def known(self, forms: Iterable[str]) -> set[str]:
        """The words that are in the table, as a form or as a lemma."""
        forms = set(forms)
        found = set(self.lemmas(forms))
        rest = sorted(forms - found)
        if not rest:
            return found
        if self._mem is not None:
            lemmas = set(self._mem.values())
            return found | {w for w in rest if w in lemmas}
        with _LOCK:
            for chunk in self._chunks(rest):
                q = f"SELECT DISTINCT lemma FROM lemma WHERE lemma IN ({','.join('?' * len(chunk))})"
                found.update(r[0] for r in self._db.execute(q, chunk).fetchall())  # type: ignore[union-attr]
        return found


@lru_cache(maxsize=None)
def lemma_table(lang: str) -> LemmaTable:
    return LemmaTable(lang)


# degree words the lookup table folds into one lemma ("more", "most" -> "much"; Dutch
# "ernstigste", "ernstiger" -> "ernstig"): a superlative is how a text ranks impacts ("the
# most severe"), so comparatives and superlatives keep their own form
DEGREE_WORDS = {"en": frozenset({"more", "most", "less", "least"})}


def keeps_degree(lang: str, form: str, lemma: str) -> bool:
    """Is `form` a comparative or superlative that must not take its lemma?"""
    if form == lemma:
        return False
    if form in DEGREE_WORDS.get(lang, ()):
        return True
    if lang == "nl" and len(lemma) >= 3:
        return form in (lemma + "ste", lemma + "st", lemma + "er") or (
            lemma[-1] in "aeiou" and form in (lemma + "rste", lemma + "r"))
    return False


class Lemmatizer:
    """Writes lemmas onto a pipeline's vocabulary as NORM, for the words that matter.

    `ensure(words)` restricts the table to the forms of those words' lemmas and writes
    them on the lexemes that exist; `apply(orths)` does the same for lexemes seen later.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.nlp = pipeline(lang)
        self.table = lemma_table(lang)
        self.targets: set[str] = set()  # lemmas (and forms) already written
        self.lemma_of: dict[str, str] = {}  # lower-case form -> NORM (its lemma's class head)
        self.synonyms = synonyms(lang)
        self.true_of: dict[str, str] = {}  # form -> true lemma, where the NORM is a class head
        self.rewritten: list[int] = []  # the NORM each rewritten lexeme had before (`set_norm`)
        self.forms: list[str] = []  # the forms `lemma_of` gained or changed, in order (`scan._read_again`)

    def lemma(self, form: str) -> str:
        """The NORM of `form`: its lemma, or the head of its lemma's synonym class."""
        low = form.lower()
        return self.lemma_of.get(low, low)

    def true_lemma(self, form: str) -> str:
        """The lemma of `form` itself, for grammar (Dutch separable verbs, participles)."""
        low = form.lower()
        return self.true_of.get(low) or self.lemma_of.get(low, low)

    def ensure(self, words: Iterable[str]) -> None:
        """Make every form whose lemma (or own form) is in `words` carry its lemma as NORM."""
        words = {w.lower() for w in words if w and any(c.isalpha() for c in w)}
        new = words - self.targets
        if not new:
            return
        with _LOCK:
            own = self.table.lemmas(new)  # the words' own lemmas
            targets = new | set(own.values())
            head_of = self.synonyms.head_of
            # a word of a synonym class brings its whole class: each member's forms take
            # the class head as NORM, so "averted" matches a term written with "prevent"
            classes = {head_of[t] for t in targets if t in head_of}
            members = {m for h in classes for m in self.synonyms.members[h]}
            targets |= members
            targets -= self.targets
            entries = self.table.forms_of(targets)
            entries.update(self.table.lemmas(targets))
            for m in members & targets:
                entries.setdefault(m, m)  # a member the table lacks is its own lemma
            vocab = self.nlp.vocab
            for form, lemma in entries.items():
                if keeps_degree(self.lang, form, lemma):
                    continue  # "most severe" is not "more severe", "ernstigste" not "ernstige"
                # a member is meant as written ("damaging", not the verb "damage")
                head = head_of.get(form) or head_of.get(lemma, lemma)
                if head != lemma:
                    self.true_of[form] = lemma
                    lemma = head
                if self.lemma_of.get(form) != lemma:
                    self.lemma_of[form] = lemma
                    self.forms.append(form)
                # lexemes that exist already; new ones get theirs in `apply` when first seen
                for variant in (form, form.capitalize(), form.upper()):
                    if variant in vocab:
                        self.set_norm(vocab[variant], lemma)
            self.targets |= targets | new

    def apply(self, orths: Iterable[int]) -> None:
        """Give the lexemes `orths` (newly seen in documents or phrases) their lemma as NORM."""
        vocab = self.nlp.vocab
        lemma_of = self.lemma_of
        for orth in orths:
            lex = vocab[orth]
            lemma = lemma_of.get(lex.lower_)
            if lemma is not None and lex.norm_ != lemma:
                self.set_norm(lex, lemma)

    def set_norm(self, lex, norm: str) -> None:
        """Write `norm` on a lexeme, logging the NORM it had (`rewritten`): hits worked out
        before on a document holding that NORM may no longer be what the matchers find."""
        if lex.norm_ != norm:
            self.rewritten.append(lex.norm)
            lex.norm_ = norm

    @property
    def rewrites(self) -> int:
        """How many NORMs were rewritten so far."""
        return len(self.rewritten)


# ----------------------------------------------------------------------- synonyms


SYNONYM_DIR = Path(__file__).parent / "synonyms"


class Synonyms(NamedTuple):
    """One language's synonym classes: `head_of[word]` is its class head (the first word
    of the class), `members[head]` the class; words in no class are in neither."""

    head_of: dict[str, str]
    members: dict[str, tuple[str, ...]]


@lru_cache(maxsize=None)
def synonyms(lang: str) -> Synonyms:
    """The synonym classes of `lang` (`synonyms/<lang>.yaml`; none if the file is absent).

    A class lists single words (lemmas, lower case) that drafters of governance texts use
    for one idea, so that a term written with one of them matches the others. A word in
    two classes, or a class of one word, is an error in the file.
    """
    from ..errors import CatalogueError
    from .datafile import read_yaml

    path = SYNONYM_DIR / f"{lang}.yaml"
    if not path.is_file():
        return Synonyms({}, {})
    data = read_yaml(path, "E221") or {}
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, list):
        raise CatalogueError("E221", f"{path} must be a mapping with a list 'classes' of word lists")
    head_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for i, cls in enumerate(classes):
        words = tuple(str(w).strip().lower() for w in cls) if isinstance(cls, list) else ()
        if len(words) < 2 or any(not w or " " in w for w in words):
            raise CatalogueError(
                "E221", f"{path}: synonym class {i + 1} must list two or more single words (lemmas)")
        for w in words:
            if w in head_of:
                raise CatalogueError(
                    "E221", f"{path}: '{w}' is in two synonym classes ({head_of[w]} and {words[0]}); "
                    "keep it in one")
            head_of[w] = words[0]
        members[words[0]] = words
    return Synonyms(head_of, members)


@lru_cache(maxsize=None)
def lemmatizer(lang: str) -> Lemmatizer:
    return Lemmatizer(lang)


# ----------------------------------------------------------------------- documents


_PATTERNS = None
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"}


_SUSPENDED = r"(?:and|or|to|en|of|tot|et|ou|à|a|und|oder)"  # "pre- and post-", "mensen- en ..."


_OTHER_SPACES = r"\t\n\v\f\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _patterns():
    global _PATTERNS
    if _PATTERNS is None:
        import re

        letter = r"[^\W\d_]"
        _PATTERNS = (
            # hyphens inside a word: "human-rights" -> "human rights", also after a digit:
            # "CO2-uitstoot" -> "CO2 uitstoot" (same length)
            re.compile(rf"(?<=[^\W_])[-\u2010\u2011](?={letter})"),
            # what needs the slow path: line breaks and runs of spaces, soft hyphens,
            # curly apostrophes, ligatures, words broken at a line end, bracketed endings
            re.compile(r"\s{2,}|[\n\r\t\f\v\u00a0\u00ad\u2019\u2018\u02bc\u00b4\ufb00-\ufb06]"
                       rf"|- (?<={letter}- )[a-zà-ÿ]|\((?<={letter}\()(?:s|es|e|en)\)"),
            # a cheap first look for the same, with `"  " in text` and `"- " in text`: one
            # character class, without the context the pattern above checks. Most
            # provisions have none of these characters, and the alternation above tries
            # each of its branches at every character (60 ms per 10,000 provisions)
            # (`_OTHER_SPACES` is every character `\s` matches but the plain space)
            re.compile(rf"[{_OTHER_SPACES}\u00ad\u2019\u2018\u02bc\u00b4\ufb00-\ufb06(]"),
            re.compile(
                rf"(?P<broken>(?<={letter})[-\u00ad][ \t]*\r?\n\s*(?=[a-zà-ÿ])"
                # a line-end hyphen whose line break became a space ("vigi- lance"); not a
                # suspended compound ("human- and labour rights", "mensen- en arbeidsrechten")
                rf"|(?<={letter})- (?!{_SUSPENDED}\b)(?=[a-zà-ÿ]))"
                r"|(?P<soft>\u00ad)"
                # an optional plural or feminine ending in brackets: "auditor(s)" is "auditor"
                # (the English tokenizer keeps "auditor(s" as one word), "salarié(e)s" "salariés"
                rf"|(?P<optional>\((?<={letter}\()(?:s|es|e|en)\))"
                r"|(?P<space>\s+)"
                r"|(?P<char>[\u2019\u2018\u02bc\u00b4\ufb00-\ufb06])"
            ),
        )
    return _PATTERNS


# hyphenated words kept whole: their first part is a word terms use alone ("end-users" would
# read as "end" + "users", and "human rights ... end" as ending an impact)
_KEPT_WHOLE = ("end-user",)


def _hyphen_space(m) -> str:
    """What a hyphen inside a word becomes: a space, or "_" in a word kept whole (same length)."""
    for word in _KEPT_WHOLE:
        begin = m.start() - word.index("-")
        if begin >= 0 and m.string[begin:begin + len(word)].lower() == word and (
                begin == 0 or not m.string[begin - 1].isalnum()):
            return "_"
    return " "


def normalise(text: str) -> str:
    """The text the pipeline reads (see `normalise_with_map`)."""
    return normalise_with_map(text)[0]


_LINE = None
HEADER_LINE_MAX_WORDS = 12  # a running header or footer on a line of its own


def running_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of `text` that is a running header or footer left by
    PDF extraction ("Televora plc   Annual Report 2025   87", "Jaarverslag 2025 | p. 62"):
    a line of its own, of at most 12 words, without a sentence end or a colon, that has a
    page number at one end (or "p. 58", "pagina 47") and a year or a separator (| – — or a
    run of spaces) besides. A heading ("Principle 6", "Article 5") is none."""
    global _LINE
    if "\n" not in text:
        return []
    if _LINE is None:
        import re

        _LINE = (
            re.compile(r"[^\n]+"),
            re.compile(r"(?i)\b(?:p\.|page|pagina|blz\.)\s*\d{1,4}\b"),
            re.compile(r"\b(?:19|20)\d\d\b|\s[|\u2013\u2014\u2022\u00b7-]\s|\S\s{3,}\S"),
        )
    lines, page, frame = _LINE
    out = []
    for m in lines.finditer(text):
        line = m.group().strip()
        words = line.split()
        if not words or len(words) > HEADER_LINE_MAX_WORDS or line[-1] in ".!?;:," or ":" in line:
            continue
        numbered = any(w.isdigit() and len(w) <= 4 for w in (words[0], words[-1]))
        if page.search(line) or (numbered and frame.search(m.group())):
            out.append(m.span())
    return out


def normalise_with_map(text: str) -> tuple[str, list[int] | None]:
    """The text the pipeline reads, and where each of its characters came from.

    Running headers and footers on lines of their own (`running_lines`) are dropped first,
    wherever they stand, so "Annual Report 2025 87" between two sentences names no report.
    """
    drop = running_lines(text)
    if drop and sum(e - s for s, e in drop) < len(text.strip()):
        kept = []
        amap: list[int] = []
        pos = 0
        for s, e in drop:
            kept.append(text[pos:s])
            amap.extend(range(pos, s))
            pos = e
        kept.append(text[pos:])
        amap.extend(range(pos, len(text)))
        amap.append(len(text))
        result, bmap = _normalise_with_map("".join(kept))
        if bmap is None:
            return result, amap
        return result, [amap[i] for i in bmap]
    return _normalise_with_map(text)


def _normalise_with_map(text: str) -> tuple[str, list[int] | None]:
    """`normalise_with_map` for a text without running lines.

    Hyphens inside words become spaces ("human-rights due-diligence" then matches "human
    rights" and "due diligence"), except in the few words kept whole (`_KEPT_WHOLE`). Extraction noise is undone: a word broken at a line end
    ("dili-\ngence", or "vigi- lance" where the line break became a space, but not a
    suspended compound "human- and labour rights") is joined, soft hyphens go, runs of white space (line breaks, double
    spaces) become one space, curly apostrophes straight ones and ligatures letters, and an
    optional ending in brackets goes ("auditor(s)" reads "auditor"). The
    map gives, for each character of the result (and its end), the offset in `text`, so
    evidence spans stay those of the original; it is None when nothing moved.
    """
    hyphen, needs_map, first_look, pieces = _patterns()
    plain = "  " not in text and "- " not in text and not first_look.search(text)
    if plain or not needs_map.search(text):
        if "-" not in text and "\u2010" not in text and "\u2011" not in text:
            return text, None  # no hyphen: nothing for `hyphen` to replace
        return hyphen.sub(_hyphen_space, text), None
    out: list[str] = []
    omap: list[int] = []
    pos = 0
    for m in pieces.finditer(text):
        start, end = m.span()
        if start > pos:
            out.append(text[pos:start])
            omap.extend(range(pos, start))
        kind = m.lastgroup
        if kind == "space":
            out.append(" ")
            omap.append(start)
        elif kind == "char":
            c = m.group()
            rep = _QUOTES.get(c) or _LIGATURES.get(c, c)
            out.append(rep)
            omap.extend([start] * len(rep))
        # "broken", "soft" and "optional": dropped
        pos = end
    out.append(text[pos:])
    omap.extend(range(pos, len(text)))
    omap.append(len(text))
    result = hyphen.sub(_hyphen_space, "".join(out))
    return result, omap


class DocCache:
    """Parsed provision texts per language, so a re-analysis does not re-tokenize."""

    def __init__(self, max_docs: int = 100_000):
        self.max_docs = max_docs
        self._docs: dict[tuple[str, str], object] = {}

    def docs(self, lang: str, texts: list[str], batch_size: int = 256) -> list:
        nlp = pipeline(lang)
        missing = [t for t in dict.fromkeys(texts) if (lang, t) not in self._docs]
        if missing:
            if len(self._docs) + len(missing) > self.max_docs:
                self._docs.clear()
            maps = [normalise_with_map(t) for t in missing]
            for text, (_, omap), doc in zip(missing, maps, nlp.pipe((m[0] for m in maps), batch_size=batch_size)):
                if omap is not None:
                    doc.user_data["codecheck-map"] = omap
                self._docs[(lang, text)] = doc
        return [self._docs[(lang, t)] for t in texts]

    def clear(self) -> None:
        self._docs.clear()


DOCS = DocCache()
