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
from .nlp import lemmatizer, pipeline

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


def _hyphen_variants(tokens: list[str]) -> list[list[str]]:
    """Token lists for the same phrase written with hyphens ("human-rights policy")."""
    n = len(tokens)
    if n < 2 or n > 4:
        return []
    out = []
    joined: list[str] = []
    for i, t in enumerate(tokens):
        if i:
            joined.append("-")
        joined.append(t)
    out.append(joined)
    if n > 2:
        for gap in range(1, n):
            out.append(tokens[:gap] + ["-"] + tokens[gap:])
    return out


def compile_terms(catalogue: Catalogue, lang: str) -> CompiledTerms:
    return _compile(catalogue_key(catalogue, lang), lang, catalogue)


_COMPILED: dict[tuple[str, str], CompiledTerms] = {}


def _compile(key: str, lang: str, catalogue: Catalogue) -> CompiledTerms:
    cached = _COMPILED.get((lang, key))
    if cached is not None:
        # requirement objects may differ (e.g. edited titles); refresh them
        cached.requirements = {r.id: r for r in catalogue.requirements}
        return cached
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    compiled = CompiledTerms(lang=lang, key=key)
    compiled.requirements = {r.id: r for r in catalogue.requirements}
    phrase_texts: dict[str, str] = {}
    counter = 0
    for req in catalogue.requirements:
        for role, term in _terms_of(req, lang):
            parts = split_term(term)
            if not parts:
                continue
            keys = tuple(p.lower() for p in parts)
            for k, p in zip(keys, parts):
                phrase_texts.setdefault(k, p)
                compiled.uses.setdefault(k, [])
            use = TermUse(req.id, role, term, keys, order=counter)
            counter += 1
            for k in dict.fromkeys(keys):
                compiled.uses[k].append(use)
    core_users: dict[str, set[tuple[str, ...]]] = {}
    for req in catalogue.requirements:
        for role, term in _terms_of(req, lang):
            if role == CORE:
                core_users.setdefault(" + ".join(split_term(term)).lower(), set()).add(tuple(sorted(req.themes)))
    users: dict[str, list[str]] = {}
    for req in catalogue.requirements:
        for role, term in _terms_of(req, lang):
            if role == CORE:
                users.setdefault(" + ".join(split_term(term)).lower(), []).append(req.id)
    compiled.shared_core = {
        term: tuple(dict.fromkeys(users[" + ".join(split_term(term)).lower()]))
        for req in catalogue.requirements
        for role, term in _terms_of(req, lang)
        if role == CORE and len(core_users[" + ".join(split_term(term)).lower()]) > 1
    }
    # tokenise every phrase, then write lemmas for their words and the cue words
    tokenised = {k: [t.text for t in nlp.make_doc(text)] for k, text in phrase_texts.items()}
    words = {w.lower() for toks in tokenised.values() for w in toks}
    lem.ensure(words | context.cue_words(lang))
    norm_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for k in sorted(tokenised):
        toks = tokenised[k]
        if not toks:
            continue
        mid = nlp.vocab.strings.add("codecheck:" + k)
        compiled.phrases[k] = mid
        compiled.phrase_of[mid] = k
        variants = [toks] + _hyphen_variants(toks)
        docs = [Doc(nlp.vocab, words=v) for v in variants]
        norm_matcher.add("codecheck:" + k, docs)
        lower_matcher.add("codecheck:" + k, [Doc(nlp.vocab, words=[w.lower() for w in v]) for v in variants])
        for w in toks:
            if len(w) >= 7 and w.isalpha():
                compiled.fuzzy_vocab[w.lower()] = lem.lemma(w)
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
