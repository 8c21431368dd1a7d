"""Compiling a catalogue's terms into one matcher per language.

Every distinct phrase (a term, or one side of an `"A + B"` co-occurrence term) is added
once to a `PhraseMatcher` on NORM (which carries the lemma, see `nlp.py`) and once to a
`PhraseMatcher` on LOWER, whatever the number of requirements using it. A document is
matched in one pass over all phrases; the hits are then grouped by sentence and looked up
in `uses`, which says which requirement, element or exclusion each phrase belongs to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..model import Catalogue, Requirement
from . import context
from .nlp import lemmatizer, normalise, pipeline

FUZZY_MIN_WORD = 7  # term words this long are targets for spelling variants
COMPOUND_MIN_PART = 4  # shortest one-word term found inside a Dutch compound

CORE = ""  # role of the requirement's core terms (element ids are never empty)
EXCLUDE = "\x00exclude"


def split_term(term: str) -> tuple[str, ...]:
    """`"human rights + policy"` -> `("human rights", "policy")`; a plain phrase -> 1-tuple."""
    parts = tuple(" ".join(p.split()) for p in term.split(" + "))
    if len(parts) == 1 and "+" in term:
        parts = tuple(" ".join(p.split()) for p in term.split("+"))
    return tuple(p for p in parts if p)


@dataclass(frozen=True)
class TermUse:
    requirement: str
    role: str  # CORE, an element id, or EXCLUDE
    term: str  # the term as written in the catalogue
    parts: tuple[str, ...]  # phrase keys of its parts
    order: int = 0  # position in the catalogue, for a stable order of matched terms


@dataclass
class CompiledTerms:
    lang: str
    key: str
    phrases: dict[str, int] = field(default_factory=dict)  # phrase key -> match id
    phrase_of: dict[int, str] = field(default_factory=dict)  # match id -> phrase key
    uses: dict[str, list[TermUse]] = field(default_factory=dict)  # phrase key -> uses
    requirements: dict[str, Requirement] = field(default_factory=dict)
    fuzzy_vocab: dict[str, str] = field(default_factory=dict)  # word (len >= 7) -> lemma
    shared_core: dict = field(default_factory=dict)  # core term -> requirement ids sharing it
    single_words: dict[str, str] = field(default_factory=dict)  # lemma -> one-word phrase key
    norm_matcher: object = None
    lower_matcher: object = None


def _terms_of(req: Requirement, lang: str):
    for term in req.terms.get(lang, ()) or ():
        yield CORE, term
    for element in req.elements:
        for term in element.terms.get(lang, ()) or ():
            yield element.id, term
    for term in req.exclude.get(lang, ()) or ():
        yield EXCLUDE, term


def catalogue_key(catalogue: Catalogue, lang: str) -> str:
    h = hashlib.sha256()
    for req in catalogue.requirements:
        h.update(req.id.encode())
        for role, term in _terms_of(req, lang):
            h.update(b"\x01" + role.encode() + b"\x02" + term.encode())
    return h.hexdigest()


def compile_terms(catalogue: Catalogue, lang: str) -> CompiledTerms:
    return _compile(catalogue_key(catalogue, lang), lang, catalogue)


_COMPILED: dict[tuple[str, str], CompiledTerms] = {}


# Dutch separable-verb particles ("keurt ... goed" for "goedkeuren")
NL_PARTICLES = (
    "aan", "af", "bekend", "bij", "door", "goed", "in", "mee", "na", "om", "onder", "op",
    "openbaar", "over", "samen", "terug", "toe", "uit", "vast", "voor", "weg",
)


def _nl_alternatives(toks: list[str], lem, table) -> list[tuple[str, ...]]:
    """Other ways Dutch word order splits a phrase, as co-occurrence parts.

    A separable verb comes apart in a main clause ("goedkeuren" -> "keurt ... goed"), and
    a phrase ending in an infinitive has its verb moved ("in kaart brengen" -> "brengt ...
    in kaart"); both become "verb + rest" within one sentence.
    """
    out: list[tuple[str, ...]] = []
    low = [t.lower() for t in toks]
    last = low[-1]
    lemma = lem.lemma(last)
    if len(low) >= 2 and lemma.endswith("en") and last == lemma:
        out.append((" ".join(low[:-1]), last))
    if lemma.endswith("en"):
        for p in sorted(NL_PARTICLES, key=len, reverse=True):
            base = lemma[len(p):]
            if lemma.startswith(p) and len(base) >= 4 and table.known([base]):
                rest = " ".join(low[:-1])
                out.append(tuple(x for x in (rest, base, p) if x))
                break
    return out


def _compile(key: str, lang: str, catalogue: Catalogue) -> CompiledTerms:
    cached = _COMPILED.get((lang, key))
    if cached is not None:
        # requirement objects may differ (e.g. edited titles); refresh them
        cached.requirements = {r.id: r for r in catalogue.requirements}
        return cached
    from itertools import product

    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    compiled = CompiledTerms(lang=lang, key=key)
    compiled.requirements = {r.id: r for r in catalogue.requirements}

    def tokenise(text: str) -> list[str]:
        return [t.text for t in nlp.make_doc(normalise(text)) if not t.is_space]

    # 1. every term of every requirement, as parts
    raw: list[tuple[str, str, str, tuple[str, ...]]] = []
    tokenised: dict[str, list[str]] = {}
    for req in catalogue.requirements:
        for role, term in _terms_of(req, lang):
            parts = split_term(term)
            if not parts:
                continue
            keys = []
            for p in parts:
                toks = tokenise(p)
                if not toks:
                    continue
                k = " ".join(toks).lower()
                tokenised.setdefault(k, toks)
                keys.append(k)
            if keys:
                raw.append((req.id, role, term, tuple(keys)))
    words = {w.lower() for toks in tokenised.values() for w in toks}
    lem.ensure(words | context.cue_words(lang))

    # 2. Dutch word-order alternatives of each part
    alternatives: dict[str, list[tuple[str, ...]]] = {}
    if lang == "nl":
        for k, toks in list(tokenised.items()):
            alts = _nl_alternatives(toks, lem, lem.table)
            if alts:
                alternatives[k] = alts
                for alt in alts:
                    for a in alt:
                        tokenised.setdefault(a, tokenise(a))
        lem.ensure({w.lower() for toks in tokenised.values() for w in toks})

    # 3. uses: each term (and each word-order variant of it) under each of its parts
    for order, (req_id, role, term, keys) in enumerate(raw):
        options = [[(k,)] + alternatives.get(k, []) for k in keys]
        for combo in product(*options):
            parts = tuple(dict.fromkeys(p for group in combo for p in group))
            use = TermUse(req_id, role, term, parts, order=order)
            for k in parts:
                compiled.uses.setdefault(k, []).append(use)

    # 4. terms that several requirements use as their core concept, with other themes
    users: dict[tuple[str, ...], list[Requirement]] = {}
    for req_id, role, term, keys in raw:
        if role == CORE:
            users.setdefault(keys, []).append(compiled.requirements[req_id])
    compiled.shared_core = {}
    for req_id, role, term, keys in raw:
        if role != CORE:
            continue
        reqs = list({r.id: r for r in users[keys]}.values())
        if len({tuple(sorted(r.themes)) for r in reqs}) > 1:
            compiled.shared_core[term] = tuple(r.id for r in reqs)

    # 5. one matcher on lemmas (NORM) and one on lower-case forms, over all phrases
    norm_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for k in sorted(tokenised):
        toks = tokenised[k]
        if not toks or k not in compiled.uses:
            continue
        name = "codecheck:" + k
        mid = nlp.vocab.strings.add(name)
        compiled.phrases[k] = mid
        compiled.phrase_of[mid] = k
        norm_matcher.add(name, [Doc(nlp.vocab, words=toks)])
        lower_matcher.add(name, [Doc(nlp.vocab, words=[w.lower() for w in toks])])
        for w in toks:
            if len(w) >= FUZZY_MIN_WORD and w.isalpha():
                compiled.fuzzy_vocab[w.lower()] = lem.lemma(w)
        if len(toks) == 1 and toks[0].isalpha() and len(toks[0]) >= COMPOUND_MIN_PART:
            compiled.single_words[lem.lemma(toks[0])] = k
    compiled.norm_matcher = norm_matcher
    compiled.lower_matcher = lower_matcher
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[(lang, key)] = compiled
    return compiled


def languages_of(catalogue: Catalogue) -> set[str]:
    langs: set[str] = set()
    for req in catalogue.requirements:
        langs.update(req.terms)
    return langs


def term_words(terms: Iterable[str]) -> set[str]:
    return {w.lower() for t in terms for p in split_term(t) for w in p.split()}
