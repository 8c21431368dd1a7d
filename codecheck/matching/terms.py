"""Compiling a catalogue's terms into one matcher per language.

Every distinct phrase (a term, or one side of an `"A + B"` co-occurrence term) is added
once to a `PhraseMatcher` on NORM, whatever the number of requirements using it. NORM
carries the lemma where the lookup table has one and the lower-case form otherwise (see
`nlp.py`), so this one pass covers both the lemma and the lower-case matching (a second
matcher on LOWER found nothing more on the labelled set or the bundled codes, and cost a
tenth of the matching time). The hits are grouped by sentence and looked up in `uses` /
`by_parts`, which say which requirement, element or exclusion each phrase belongs to.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .._identity import ByIdentity
from ..model import Catalogue, Requirement
from . import context, merging
from .concepts import PREFIX as CONCEPT_PREFIX
from .concepts import concept_sets
from .nlp import lemmatizer, normalise, pipeline

FUZZY_MIN_WORD = 7  # term words this long are targets for spelling variants
COMPOUND_MIN_PART = 4  # shortest one-word term found inside a Dutch compound

CORE = ""  # role of the requirement's core terms (element ids are never empty)
EXCLUDE = "\x00exclude"
# a term side written "@evidence" is not a phrase: it stands for evidence of another
# requirement's core concept in the same provision family ("suppliers | subcontractors +
# @evidence": the provision applies a due-diligence measure to business partners); the
# gate keeps such a hit only where that evidence is found (`gate._facets_found`)
EVIDENCE_SIDE = "@evidence"


def is_facet(term: str) -> bool:
    """Does the term pair its phrases with evidence of another requirement (`EVIDENCE_SIDE`)?"""
    return EVIDENCE_SIDE in term


def split_term(term: str) -> tuple[str, ...]:
    """`"human rights + policy"` -> `("human rights", "policy")`; a plain phrase -> 1-tuple.

    Each side may hold alternatives (`"human rights | labour rights"`); they stay in the
    side here (see `expand_term`)."""
    parts = tuple(" ".join(p.split()) for p in term.split(" + "))
    if len(parts) == 1 and "+" in term:
        parts = tuple(" ".join(p.split()) for p in term.split("+"))
    return tuple(p for p in parts if p)


@lru_cache(maxsize=1 << 16)
def term_alternatives(term: str) -> tuple[tuple[str, ...], ...]:
    """The alternatives of each side: `"a | b + c"` -> `(("a", "b"), ("c",))` (parsed once
    per distinct term: compiling reads each term twice)."""
    out = []
    for side in split_term(term):
        alts = tuple(dict.fromkeys(a for a in (" ".join(x.split()) for x in side.split("|")) if a))
        if alts:
            out.append(alts)
    return tuple(out)


def expand_term(term: str) -> list[tuple[str, ...]]:
    """Every combination of one alternative per side, in catalogue order.

    `"human rights | labour rights + identify | assess"` -> `[("human rights", "identify"),
    ("human rights", "assess"), ("labour rights", "identify"), ("labour rights", "assess")]`.
    """
    from itertools import product

    return [tuple(c) for c in product(*term_alternatives(term))]


class TermUse(NamedTuple):
    """One combination of a term's phrases (a term with alternatives has several)."""

    requirement: str
    role: str  # CORE, an element id, or EXCLUDE
    term: str  # the term as written in the catalogue
    parts: tuple  # phrase keys of its parts
    order: int  # position among the requirement's terms of its role, for a stable order of matched terms
    partset: frozenset  # the parts as a set




@dataclass
class CompiledTerms:
    lang: str
    key: str
    phrases: dict[str, int] = field(default_factory=dict)  # phrase key -> match id
    phrase_of: dict[int, str] = field(default_factory=dict)  # match id -> phrase key
    by_parts: dict[tuple, list] = field(default_factory=dict)  # 1 or 2 smallest parts -> [(use, rest)]
    partners: dict[str, frozenset] = field(default_factory=dict)  # a -> {b: (a, b) in by_parts}
    requirements: dict[str, Requirement] = field(default_factory=dict)
    fuzzy_vocab: dict[str, str] = field(default_factory=dict)  # word (len >= 7) -> lemma
    shared_core: dict = field(default_factory=dict)  # core term -> requirement ids sharing it
    single_words: dict[str, str] = field(default_factory=dict)  # lemma -> one-word phrase key
    facet_terms: frozenset = frozenset()  # the terms with an "@evidence" side
    facet_requirements: frozenset = frozenset()  # ... and the requirements that have them
    term_lemmas: frozenset = frozenset()  # the lemma of every word of every phrase
    gap_first: dict = field(default_factory=dict)  # first word NORM -> [(match id, rest NORMs)]
    gap_stops: frozenset = frozenset()  # NORMs a gap never crosses (clause and sentence ends)
    norm_matcher: object = None
    concept_of: dict = field(default_factory=dict)  # phrase key -> the concept sets ("@harm") it is in
    sentences: dict = field(default_factory=dict)  # sentence text -> evidence found in it
    candidates: dict = field(default_factory=dict)  # phrases in a sentence -> the uses they make up
    resolved: dict = field(default_factory=dict)  # (phrases seen, not negated) -> evidence made
    sentence_hits: dict = field(default_factory=dict)  # sentence text -> (its first token, its hits)
    carried: dict = field(default_factory=dict)  # sentence text -> (evidence, first token, hits) of the catalogue before an edit
    documents: dict = field(default_factory=dict)  # (provision text, carry settings) -> (hits, phrases, evidence) it gave
    carried_documents: dict = field(default_factory=dict)  # the same, of the catalogue before an edit
    used_phrases: frozenset = frozenset()  # the phrase keys (and "@sets") some term uses
    gap_changes: dict = field(default_factory=dict)  # id(an earlier gap_first) -> (it, phrases gone, added): `matcher._gap_change`


def _signature(req: Requirement, lang: str) -> tuple:
    """What compiling one requirement in `lang` depends on: its id, themes and every term
    with its role (core, element id, exclusion), in catalogue order."""
    terms = [(CORE, t) for t in req.terms.get(lang, ()) or ()]
    for element in req.elements:
        terms += [(element.id, t) for t in element.terms.get(lang, ()) or ()]
    terms += [(EXCLUDE, t) for t in req.exclude.get(lang, ()) or ()]
    return (req.id, tuple(req.themes), tuple(terms))


def catalogue_key(catalogue: Catalogue, lang: str) -> str:
    """A digest of everything in the catalogue that matching in `lang` depends on."""
    h = hashlib.sha256()
    for sig in (_signature(r, lang) for r in catalogue.requirements):
        h.update(repr(sig).encode())
    return h.hexdigest()


def compile_terms(catalogue: Catalogue, lang: str) -> CompiledTerms:
    sigs = tuple(_signature_of(r, lang) for r in catalogue.requirements)
    return _compile(sigs, lang, catalogue)


_SIGNATURES = ByIdentity(20_000)  # (requirement, lang) -> its signature


def _signature_of(req: Requirement, lang: str) -> tuple:
    """`_signature`, the same object for the same requirement object: the caches below find
    it by identity, without hashing its terms again (a tuple does not keep its hash)."""
    return _SIGNATURES.get(req, lambda: _signature(req, lang), lang)


_COMPILED: dict[tuple[str, str], CompiledTerms] = {}


def joined_form(toks: list[str]) -> str:
    """A two-word phrase written without its space ("humanrights"), when both are words."""
    if len(toks) == 2 and all(t.isalpha() and len(t) >= 3 for t in toks):
        return (toks[0] + toks[1]).lower()
    return ""


class _PhraseStore:
    """Per language, every phrase ever compiled, in a PhraseMatcher that only grows.

    Re-compiling an edited catalogue then adds just its new phrases; phrases no longer in
    the catalogue stay in the matchers but no term uses them, so their hits are ignored.
    """

    def __init__(self, lang: str):
        from spacy.matcher import PhraseMatcher

        nlp = pipeline(lang)
        self.nlp = nlp
        self.lang = lang
        self.lem = lemmatizer(lang)
        self.tokens: dict[str, list[str]] = {}  # phrase text -> tokens
        self.key_of: dict[str, str] = {}  # phrase text -> phrase key
        self.keys: dict[str, list[str]] = {}  # phrase key -> tokens
        self.alternatives: dict[str, list[tuple[str, ...]]] = {}  # Dutch word-order variants
        self.cues_done = False
        self.phrases: dict[str, int] = {}  # phrase key -> match id
        self.phrase_of: dict[int, str] = {}
        self.norm_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.info: dict = {}  # phrase key -> `phrase_info`
        self.concept_of: dict[str, tuple[str, ...]] = {}  # phrase key -> the "@sets" it is in
        self.concepts_done = False
        self.partsets: dict[tuple, frozenset] = {}  # a term combination's parts -> their set
        self.patterns: list[frozenset] = []  # the NORMs of each pattern, in the order added

    def phrase_info(self, k: str):
        """What compiling needs of one phrase key: its words' lemmas, its gap-matching
        entry, its long words (spelling variants) and, for one word, its lemma."""
        toks = self.keys.get(k)
        if not toks:
            return None
        lem = self.lem
        lemmas = tuple(lem.lemma(w) for w in toks if w.isalpha())
        gap = None
        if len(toks) >= 2 and k in self.phrases:
            vocab = self.nlp.vocab
            norms = [vocab[w].norm for w in toks]
            gap = (norms[0], (self.phrases[k], tuple(norms[1:])))
        fuzzy = [(w.lower(), lem.lemma(w), False) for w in toks if len(w) >= FUZZY_MIN_WORD and w.isalpha()]
        joined = joined_form(toks)
        if len(joined) >= FUZZY_MIN_WORD:
            fuzzy.append((joined, joined, True))
        single = None
        if len(toks) == 1 and toks[0].isalpha() and len(toks[0]) >= COMPOUND_MIN_PART:
            single = lem.lemma(toks[0])
        return lemmas, gap, tuple(fuzzy), single

    def tokenise(self, text: str) -> list[str]:
        toks = self.tokens.get(text)
        if toks is None:
            toks = [t.text for t in self.nlp.make_doc(normalise(text)) if not t.is_space]
            self.tokens[text] = toks
        return toks

    def phrase(self, text: str) -> str:
        """The key of a phrase text (prepared before)."""
        return self.key_of.get(text, "")

    def prepare(self, phrase_groups) -> None:
        """Tokenise new phrases, write their words' lemmas, add them to the matchers."""
        new: dict[str, list[str]] = {}
        for group in phrase_groups:
            for text in group:
                if text in self.key_of:
                    continue
                if text.startswith(CONCEPT_PREFIX):
                    # a concept set ("@harm") is no phrase: hits of its phrases stand for
                    # it (`prepare_concepts`); a set this language lacks never hits
                    self.key_of[text] = text
                    continue
                toks = self.tokenise(text)
                k = " ".join(toks).lower()
                self.key_of[text] = k
                if toks and k not in self.keys:
                    new[k] = toks
        if not new and self.cues_done:
            return
        words = {w.lower() for toks in new.values() for w in toks}
        if not self.cues_done:
            words |= context.cue_words(self.lang)
            self.cues_done = True
        self.lem.ensure(words)
        if self.lang == "nl":
            extra: dict[str, list[str]] = {}
            for k, toks in new.items():
                alts = _nl_alternatives(toks, self.lem, self.lem.table)
                if alts:
                    self.alternatives[k] = alts
                    for alt in alts:
                        for a in alt:
                            if a not in self.keys and a not in new:
                                extra[a] = self.tokenise(a)
            self.lem.ensure({w.lower() for toks in extra.values() for w in toks})
            new.update(extra)
        for k in sorted(new):
            self.keys[k] = new[k]
            self.add(k, new[k])

    def prepare_concepts(self) -> None:
        """Add the phrases of this language's concept sets (`concepts.py`), once."""
        if self.concepts_done:
            return
        sets = concept_sets(self.lang)
        self.prepare(sets.values())
        of: dict[str, list[str]] = {}
        for name in sorted(sets):
            for text in sets[name]:
                k = self.key_of.get(text)
                if k:
                    of.setdefault(k, []).append(name)
        self.concept_of = {k: tuple(v) for k, v in of.items()}
        self.concepts_done = True

    def add(self, key: str, toks: list[str]) -> None:
        if key in self.phrases or not toks:
            return
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        name = "codecheck:" + key
        mid = vocab.strings.add(name)
        self.phrases[key] = mid
        self.phrase_of[mid] = key
        patterns = [Doc(vocab, words=toks)]
        joined = joined_form(toks)
        if joined:  # extraction noise: "humanrights" for "human rights"
            patterns.append(Doc(vocab, words=[joined]))
        for pattern in patterns:
            self.lem.apply(t.orth for t in pattern)
            self.patterns.append(frozenset(t.norm for t in pattern))
        self.norm_matcher.add(name, patterns)


@lru_cache(maxsize=None)
def phrase_store(lang: str) -> _PhraseStore:
    return _PhraseStore(lang)


# Dutch separable-verb particles ("keurt ... goed" for "goedkeuren")
NL_PARTICLES = (
    "aan", "af", "bekend", "bij", "door", "goed", "in", "mee", "na", "om", "onder", "op",
    "openbaar", "over", "samen", "terug", "toe", "uit", "vast", "voor", "weg",
)


# verbs whose first syllable looks like a particle but never separates ("de groep voorkomt
# misbruik", not "komt ... voor", which is another verb: to occur); splitting them made
# "voor het eerst ... kwamen" read as prevention
NL_INSEPARABLE = frozenset({
    "voorkomen", "overleggen", "onderzoeken", "ondersteunen", "ondernemen", "overwegen",
    "onderhouden", "omvatten", "voorzien", "overtreden", "ondertekenen", "overhandigen",
    "doorgronden", "omringen", "overschrijden", "onderschrijven", "ontvangen", "overzien",
    "informeren", "aanvaarden", "aanbevelen", "overtuigen",
})
# words that on their own say nothing: a phrase part made only of them would hit almost
# every Dutch sentence
NL_FUNCTION_WORDS = frozenset({
    "de", "het", "een", "te", "om", "en", "of", "in", "op", "aan", "van", "voor", "met", "bij",
    "door", "over", "die", "dat", "er", "zich", "haar", "zijn", "hun", "uit", "tot", "naar",
    "worden", "wordt", "werd", "werden", "is", "was", "kan", "kunnen", "moet", "moeten",
})


def _nl_alternatives(toks: list[str], lem, table) -> list[tuple[str, ...]]:
    """Other ways Dutch word order splits a phrase, as co-occurrence parts.

    A separable verb comes apart in a main clause ("goedkeuren" -> "keurt ... goed"), and
    a phrase ending in an infinitive has its verb moved ("in kaart brengen" -> "brengt ...
    in kaart"); both become "verb + rest" within one sentence.
    """
    out: list[tuple[str, ...]] = []
    low = [t.lower() for t in toks]
    last = low[-1]
    lemma = lem.true_lemma(last)
    infinitive = lemma.endswith(("en", "aan"))  # "stellen", and "gaan", "staan"
    if len(low) >= 2 and infinitive and last == lemma and not NL_FUNCTION_WORDS.issuperset(low[:-1]):
        # (not "de betrokkenen": a plural the table lacks looks like an infinitive, and "de"
        # on its own would be a part hitting every sentence)
        out.append((" ".join(low[:-1]), last))
    first = low[0]
    first_lemma = lem.true_lemma(first)
    if len(low) >= 2 and not infinitive and first.endswith("t") and first_lemma != first \
            and first_lemma.endswith("en") and not first.startswith("ge") \
            and not NL_FUNCTION_WORDS.issuperset(low[1:]):
        # a phrase opening with a finite verb ("rapporteert publiekelijk", "communiceert
        # extern") has the subject between them after a fronted phrase ("jaarlijks
        # rapporteert de vennootschap publiekelijk"): verb + rest within one sentence
        out.append((" ".join(low[1:]), first))
    if infinitive and lemma not in NL_INSEPARABLE:
        for p in sorted(NL_PARTICLES, key=len, reverse=True):
            base = lemma[len(p):]
            if lemma.startswith(p) and len(base) >= 4 and table.known([base]):
                rest = " ".join(low[:-1])
                out.append(tuple(x for x in (rest, base, p) if x))
                break
    return out


@dataclass
class _RequirementTerms:
    """One requirement's terms compiled for one language (cached while unchanged)."""

    raw: list  # (role, term, phrase keys)
    uses: list  # (one or two smallest parts, TermUse, the other parts)
    index: dict = field(default_factory=dict)  # one or two smallest parts -> [(TermUse, rest)]
    keys: frozenset = frozenset()  # every phrase key its terms use
    core: dict = field(default_factory=dict)  # core term -> the phrase keys of each combination
    core_keys: frozenset = frozenset()  # every combination of every core term
    vocabulary: tuple = ({}, {}, {}, frozenset(), {})  # long words, joined forms, one-word lemmas, lemmas, gap phrases
    facets: frozenset = frozenset()  # its terms with an "@evidence" side
    shares: tuple = ()  # each term compiled (`_term_uses`), in order


_REQUIREMENTS: dict[tuple[str, tuple], _RequirementTerms] = {}


def _term_uses(req_id: str, role: str, term: str, order: int, store: "_PhraseStore") -> tuple:
    """One term of a requirement compiled: its combinations of phrase keys (one per
    distinct key of each side, as `expand_term`, without repeating equal phrases) and their
    uses by index key (`_TermShare`). Remembered per term and position among the terms of
    its role: after an edit of a large requirement, only the groups of uses of the terms
    it touches are made again (`_compile_requirement`), and `merging` leaves the others
    alone. The term's phrases are prepared (`_PhraseStore.prepare`) by the caller."""
    from itertools import product

    memo_key = (store, req_id, role, term, order)
    found = _TERM_USES.get(memo_key)
    if found is not None:
        return found
    key_of = store.key_of
    combos = []
    sides = [list(dict.fromkeys(key_of.get(a, "") for a in side)) for side in term_alternatives(term)]
    for combo in product(*sides):
        keys = combo if "" not in combo else tuple(k for k in combo if k)
        if keys:
            combos.append(keys)
    alternatives = store.alternatives
    empty = frozenset()
    partsets = store.partsets  # one frozenset per distinct combination, shared
    by_key: dict[tuple, list] = {}
    parts_used: set = set()
    for keys in combos:
        if alternatives and any(k in alternatives for k in keys):
            variants = product(*[[(k,)] + alternatives.get(k, []) for k in keys])
            parts_list = [tuple(dict.fromkeys(p for group in combo for p in group)) for combo in variants]
        elif len(keys) == 2:  # most terms are "A + B": the general case below, unrolled
            parts_list = (keys if keys[0] != keys[1] else keys[:1],)
        else:
            parts_list = (tuple(dict.fromkeys(keys)) if len(keys) > 1 else keys,)
        for parts in parts_list:
            parts_used.update(parts)
            partset = partsets.get(parts)
            if partset is None:
                partset = partsets[parts] = frozenset(parts)
            use = TermUse(req_id, role, term, parts, order, partset)
            n = len(parts)
            if n == 1:
                by_key.setdefault(parts, []).append((use, empty))
            elif n == 2:
                a, b = parts
                by_key.setdefault((a, b) if a < b else (b, a), []).append((use, empty))
            else:
                ordered = sorted(set(parts))
                by_key.setdefault(tuple(ordered[:2]), []).append((use, frozenset(ordered[2:])))
    if len(_TERM_USES) > 200_000:
        _TERM_USES.clear()
    found = _TERM_USES[memo_key] = _TermShare(tuple(combos), {k: tuple(g) for k, g in by_key.items()},
                                              frozenset(parts_used), frozenset(combos))
    return found


class _TermShare(NamedTuple):
    """One term of a requirement, compiled (`_term_uses`)."""

    combos: tuple  # its combinations of phrase keys
    by_key: dict  # index key (one or two smallest parts) -> ((TermUse, other parts), ...)
    keys: frozenset  # the phrase keys its uses are made of
    combo_set: frozenset  # its combinations, as a set


_TERM_USES: dict[tuple, tuple] = {}  # (phrase store, requirement id, role, term, position) -> `_term_uses`
_LATEST: dict[tuple, "_RequirementTerms"] = {}  # (lang, requirement id) -> its last compile


def _compile_requirement(sig: tuple, lang: str, store: "_PhraseStore") -> _RequirementTerms:
    same = _BY_SIGNATURE.get((id(sig), lang))
    cached = same[1] if same is not None and same[0] is sig else _REQUIREMENTS.get((lang, sig))
    if cached is not None:
        _LATEST[(lang, sig[0])] = cached
        if same is None or same[0] is not sig:
            _remember(sig, lang, cached)
        return cached
    req_id, _, terms = sig
    positions: Counter = Counter()  # per role: a term added to one role moves no other's
    placed = []
    for role, term in terms:
        placed.append((role, term, positions[role]))
        positions[role] += 1
    # the phrases of its terms (after an edit, of those not compiled before), prepared in
    # one go (one lemma query)
    before = _LATEST.get((lang, req_id))
    store.prepare(tuple(a for side in term_alternatives(term) for a in side if a != EVIDENCE_SIDE)
                  for role, term, order in placed
                  if before is None or (store, req_id, role, term, order) not in _TERM_USES)
    shares = []
    core: dict = {}
    for role, term, order in placed:
        share = _term_uses(req_id, role, term, order, store)
        shares.append(share)
        if role == CORE and share.combos:
            core.setdefault(term, []).extend(share.combos)
    keys = frozenset().union(*(share.keys for share in shares))
    # the groups of uses, by index key, in term order; after an edit, only those of the
    # terms that came or went are made again, the others are the same tuples as before
    # (shared with `merging`, which then leaves their place in the union alone)
    if before is not None and before.shares:
        gone, came = merging.changed_shares(before.shares, shares)
        touched = {k for share in (*gone, *came) for k in share.by_key}
        index = dict(before.index)
        for k in touched:
            group = tuple(entry for share in shares for entry in share.by_key.get(k, ()))
            if group:
                index[k] = group
            else:
                del index[k]
    else:
        grouped: dict = {}
        for share in shares:
            for k, group in share.by_key.items():
                grouped.setdefault(k, []).extend(group)
        index = {k: tuple(group) for k, group in grouped.items()}
    core = {term: tuple(combos) for term, combos in core.items()}
    if len(_REQUIREMENTS) > 20_000:
        _REQUIREMENTS.clear()
    core_keys = frozenset().union(*(share.combo_set for (role, _), share in zip(terms, shares) if role == CORE))
    # the words of its phrases for the spelling, compound and gap scans (after an edit that
    # only added phrases, those of the phrases added to what it had)
    if before is not None and before.keys == keys:
        vocabulary = before.vocabulary
    else:
        vocabulary = _keys_vocabulary(_with_concept_phrases(keys, store), store)
    facets = frozenset(term for _, term in terms if is_facet(term))
    out = _REQUIREMENTS[(lang, sig)] = _LATEST[(lang, req_id)] = _RequirementTerms(
        (), (), index, keys, core, core_keys, vocabulary, facets, tuple(shares))  # raw and uses: compile-time only
    _remember(sig, lang, out)
    return out


def _keys_vocabulary(keys, store: "_PhraseStore") -> tuple:
    """(long words, joined forms, one-word lemmas, lemmas, gap phrases) of these phrase keys."""
    words: dict = {}
    joined: dict = {}
    singles: set = set()  # (lemma, key) of its one-word phrases
    lemmas: set = set()
    gaps: dict = {}
    info = store.info
    for k in sorted(keys):
        found = info.get(k)
        if found is None:
            found = info[k] = store.phrase_info(k)
        if found is None:
            continue
        word_lemmas, gap, fuzzy, single = found
        lemmas.update(word_lemmas)
        if gap is not None:
            gaps[k] = gap
        for w, lemma, is_joined in fuzzy:
            (joined if is_joined else words)[w] = lemma
        if single is not None:
            singles.add((single, k))  # every key: synonyms share a lemma, not a key
    return (words, joined, frozenset(singles), frozenset(lemmas), gaps)


def _with_concept_phrases(keys, store: "_PhraseStore") -> set:
    """`keys` and, for each concept set among them ("@harm"), the keys of its phrases."""
    names = {k for k in keys if k.startswith(CONCEPT_PREFIX)}
    if not names:
        return keys
    out = set(keys)
    for name in names:
        out.update(k for k in (store.key_of.get(text) for text in concept_sets(store.lang).get(name, ())) if k)
    return out


_BY_SIGNATURE: dict[tuple[int, str], tuple] = {}  # (id(signature), lang) -> (signature, its compiled share)


def _remember(sig: tuple, lang: str, rt: _RequirementTerms) -> None:
    if len(_BY_SIGNATURE) > 20_000:
        _BY_SIGNATURE.clear()
    _BY_SIGNATURE[(id(sig), lang)] = (sig, rt)


_SIG_DIGESTS = ByIdentity(20_000)  # requirement signature -> the digest of its repr


def _key(sigs: tuple) -> str:
    """A digest of all signatures, each signature's repr digested once (an edit re-digests
    only the requirements that changed)."""
    h = hashlib.sha256()
    for sig in sigs:
        h.update(_SIG_DIGESTS.get(sig, lambda sig=sig: hashlib.sha256(repr(sig).encode()).digest()))
    return h.hexdigest()


def _compile(sigs: tuple, lang: str, catalogue: Catalogue) -> CompiledTerms:
    key = _key(sigs)
    cached = _COMPILED.get((lang, key))
    if cached is not None:
        # requirement objects may differ (e.g. edited titles); refresh them
        cached.requirements = {r.id: r for r in catalogue.requirements}
        return cached
    store = phrase_store(lang)
    compiled = CompiledTerms(lang=lang, key=key)
    compiled.requirements = {r.id: r for r in catalogue.requirements}
    # 1-2. per requirement (cached while unchanged): its phrases tokenised, lemmatised and
    # in the matcher, its terms as parts with their word-order variants
    store.prepare(())  # the context cues' lemmas, once
    store.prepare_concepts()  # the phrases of the concept sets ("@harm"), once
    parts_of = [_compile_requirement(sig, lang, store) for sig in sigs]
    compiled.used_phrases = frozenset().union(*(rt.keys for rt in parts_of))
    # 3-5. their union: the uses of each phrase, the core terms several themes share, the
    # words of the spelling, compound and gap scans (after an edit of a few requirements,
    # only their shares are replaced: `merging.merge`)
    previous = merging.owner(lang)  # the compiled catalogue of the last merge, if still its own
    merged = merging.merge(lang, [sig[0] for sig in sigs], [tuple(sorted(sig[1])) for sig in sigs], parts_of)
    compiled.by_parts = merged.by_parts
    compiled.partners = merged.partners
    compiled.shared_core = merged.shared_core
    compiled.fuzzy_vocab = merged.fuzzy_vocab
    compiled.single_words = merged.single_words
    compiled.gap_first = merged.gap_first
    compiled.term_lemmas = merged.term_lemmas
    compiled.facet_terms = merged.facet_terms
    compiled.facet_requirements = merged.facet_requirements
    strings = store.nlp.vocab.strings
    stops = set(context.CLAUSE_BREAKS) | context.CLAUSE_WORDS.get(lang, set())
    stops |= context.CLAUSE_OPENERS.get(lang, set()) | set(".!?…")
    compiled.gap_stops = frozenset(strings.add(w) for w in stops)
    compiled.phrases = store.phrases
    compiled.phrase_of = store.phrase_of
    compiled.norm_matcher = store.norm_matcher
    compiled.concept_of = store.concept_of
    if previous is not None and merged.changed_keys is not None:
        _carry_memos(previous, compiled, merged.changed_keys)
    merging.set_owner(lang, compiled)
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    for (other_lang, _), other in _COMPILED.items():
        if other_lang == lang:
            other.sentences.clear()  # only the latest catalogue remembers sentences
            other.candidates.clear()
            other.resolved.clear()
            other.sentence_hits.clear()
            other.carried.clear()
            other.documents.clear()
            other.carried_documents.clear()
    _COMPILED[(lang, key)] = compiled
    return compiled


def _carry_memos(previous: CompiledTerms, compiled: CompiledTerms, changed: frozenset) -> None:
    """After an edit, keep what the catalogue before it worked out for phrases the edit
    does not touch.

    A sentence's evidence depends only on its text, its phrase hits, the terms those
    phrases complete (`by_parts`) and the shared core terms. When the shared core terms are
    unchanged, the terms of a set of phrases disjoint from the edited requirements' phrases
    (`changed`) are the same, in the same order; the matcher re-uses a carried sentence or
    provision only when its hits are the same as before (`matcher._carried_sentence`,
    `_doc_evidence`). The words the spelling and compound scans look for change the
    evidence only through the hits, so an edit that adds a long word (and starts the
    spelling scan again) still carries what the hits allow."""
    if previous.shared_core != compiled.shared_core:
        return
    carried = {k: v for k, v in previous.carried.items() if v[0][2].isdisjoint(changed)}
    hits_of = previous.sentence_hits
    for text, entry in previous.sentences.items():
        if entry[2].isdisjoint(changed) and text in hits_of:
            carried[text] = (entry, *hits_of[text])
    compiled.carried = carried
    compiled.candidates = {k: v for k, v in previous.candidates.items()
                           if (k[1] if type(k) is tuple else k).isdisjoint(changed)}
    compiled.resolved = {k: v for k, v in previous.resolved.items() if k[0].isdisjoint(changed)}
    # a whole provision gives what it gave before when, on top of that, its sentences lend
    # each other the same context: the anchor phrases are unchanged (`matcher._carried_evidence`)
    from .matcher import anchor_phrases

    if anchor_phrases(previous) == anchor_phrases(compiled):
        documents = {**previous.carried_documents, **previous.documents}
        compiled.carried_documents = {k: v for k, v in documents.items() if v[1].isdisjoint(changed)}
