"""Finding evidence: one matcher pass per document, hits grouped by sentence.

For each provision text the two phrase matchers (lemma and lower case) run once over all
the catalogue's phrases. Only the sentences with a hit are looked at further: for each
requirement a hit belongs to, the sentence is dropped if it holds one of the
requirement's exclusion terms; a term counts when each of its parts occurs in the
sentence outside a negated clause; strength and addressee are read from the words
around it. Element evidence only counts where the requirement's core concept is
evidenced in the same provision family (the provision, its parent and its children).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..model import Code, Evidence, Provision, Strength
from . import context
from .nlp import DOCS, lemmatizer, pipeline
from .terms import COMPOUND_MIN_PART, CORE, EXCLUDE, CompiledTerms

GATE_SHARED = True
MATCHED_KINDS = ("principle", "provision", "item")
DEFAULT_STRENGTH = Strength.MANDATORY  # a code's plain indicative ("the board approves")

# --------------------------------------------------------------------------- fuzzy

FUZZY_MIN_LENGTH = 7
FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio; see tests/test_matching_mechanisms.py
COMPOUND_MIN_LENGTH = 8  # Dutch words this long are split into known term words
COMPOUND_LANGS = ("nl",)
_LINKS = ("s", "en", "e", "")  # Dutch linking sounds: duurzaamheid-s-verslag


class _ScanState:
    """What the vocabulary scan has learnt about a pipeline's lexemes, per catalogue."""

    def __init__(self) -> None:
        self.key: object = None
        self.checked: set[int] = set()
        self.corrections: dict[str, str] = {}  # misspelt form -> term word
        self.compounds: dict[int, tuple[str, ...]] = {}  # lexeme orth -> phrase keys inside
        self.compound_orths = None  # numpy array of the keys of `compounds`
        self.vocab_size = -1  # size of the vocabulary at the last scan


_SCAN: dict[str, _ScanState] = {}


def scan_vocabulary(lang: str, compiled: CompiledTerms) -> _ScanState:
    """Look once at each new lexeme: spelling variants of term words, Dutch compounds.

    Spelling: a word of 7+ letters that is not in the lemma table and resembles a long
    term word (rapidfuzz ratio >= FUZZY_THRESHOLD) gets that word's lemma as its NORM, so
    the phrase matchers see it as the term word ("dilligence", OCR slips). Real words
    ("diligent") are never changed. Only new lexemes are compared, each once, against the
    catalogue's long term words: the cost follows the vocabulary, not tokens x terms.

    Compounds (Dutch): "leveranciersgedragscode" holds the one-word term "gedragscode";
    such a lexeme is recorded with the terms inside it, and a token of it counts as a hit
    of those terms (see `_compound_hits`).
    """
    from rapidfuzz import fuzz, process

    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    state = _SCAN.setdefault(lang, _ScanState())
    words = compiled.fuzzy_vocab
    key = (compiled.key, len(lem.lemma_of))
    if state.key != key:
        state.key = key
        state.checked = set()
        state.corrections = {}
        state.compounds = {}
        state.compound_orths = None
        state.vocab_size = -1
    if len(nlp.vocab) == state.vocab_size:
        return state
    choices = sorted(words)
    singles = compiled.single_words  # lemma -> phrase key
    do_compounds = lang in COMPOUND_LANGS and bool(singles)
    single_forms: dict[str, str] = {}
    if do_compounds:
        for form, lemma in lem.lemma_of.items():
            if lemma in singles:
                single_forms[form] = singles[lemma]
        for lemma, k in singles.items():
            single_forms.setdefault(lemma, k)
    candidates: dict[str, list] = {}
    new_compounds = False
    for lex in nlp.vocab:
        orth = lex.orth
        if orth in state.checked:
            continue
        state.checked.add(orth)
        if not lex.is_alpha:
            continue
        text = lex.lower_
        if len(text) < FUZZY_MIN_LENGTH:
            continue
        known_form = text in lem.lemma_of or text in words
        if do_compounds and len(text) >= COMPOUND_MIN_LENGTH and text not in single_forms:
            parts = _split_compound(text, single_forms)
            if parts:
                state.compounds[orth] = parts
                new_compounds = True
        if known_form or not choices:
            continue
        hit = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if hit is not None:
            candidates.setdefault(text, []).append((lex, hit[0]))
    if candidates:
        known = lem.table.known(candidates)
        for text, pairs in candidates.items():
            if text in known:
                continue
            for lex, word in pairs:
                lex.norm_ = words[word]
                state.corrections[text] = word
    if new_compounds or (state.compound_orths is None and state.compounds):
        import numpy as np

        state.compound_orths = np.array(sorted(state.compounds), dtype="uint64")
    state.vocab_size = len(nlp.vocab)
    return state


def _split_compound(text: str, single_forms: dict[str, str]) -> tuple[str, ...]:
    """The one-word terms a compound starts with (modifier) and ends with (head)."""
    n = len(text)
    head = modifier = None
    for i in range(COMPOUND_MIN_PART, n - COMPOUND_MIN_PART + 1):  # longest head first
        right = text[i:]
        if right in single_forms:
            head = single_forms[right]
            break
    for i in range(n - COMPOUND_MIN_PART, COMPOUND_MIN_PART - 1, -1):  # longest modifier
        left = text[:i]
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            stem = left[: len(left) - len(link)] if link else left
            if len(stem) >= COMPOUND_MIN_PART and stem in single_forms:
                modifier = single_forms[stem]
                break
        if modifier:
            break
    return tuple(dict.fromkeys(k for k in (modifier, head) if k))


def _compound_hits(doc, state: _ScanState) -> list[tuple[str, int, int]]:
    if state.compound_orths is None or not len(state.compound_orths):
        return []
    import numpy as np
    from spacy.attrs import ORTH

    orths = doc.to_array(ORTH)
    idx = np.nonzero(np.isin(orths, state.compound_orths))[0]
    out = []
    for i in idx.tolist():
        for k in state.compounds[int(orths[i])]:
            out.append((k, i, i + 1))
    return out


# --------------------------------------------------------------------------- evidence


@dataclass
class RawEvidence:
    provision_index: int
    span: tuple[int, int]
    role: str
    terms: tuple[str, ...]
    strength: Strength
    addressee: str | None


def _families(provisions: list[Provision]) -> list[str]:
    """The top ancestor of each provision (its family), following `parent` links."""
    by_id = {p.id: p for p in provisions}
    out = []
    for p in provisions:
        seen = set()
        cur = p
        while cur.parent and cur.parent in by_id and cur.parent not in seen:
            seen.add(cur.id)
            cur = by_id[cur.parent]
        out.append(cur.id)
    return out


def matched_provisions(code: Code) -> list[Provision]:
    return [p for p in code.provisions if p.kind in MATCHED_KINDS]


def find_evidence(code: Code, compiled: CompiledTerms) -> dict[str, list[Evidence]]:
    """`{requirement id: [Evidence, ...]}` for one code (requirements without evidence omitted)."""
    lang = compiled.lang
    provisions = matched_provisions(code)
    if not provisions or not compiled.phrases:
        return {}
    texts = [p.full_text for p in provisions]
    docs = DOCS.docs(lang, texts)
    state = scan_vocabulary(lang, compiled)
    raw: dict[str, list[RawEvidence]] = {}
    for index, doc in enumerate(docs):
        _doc_evidence(index, doc, texts[index], compiled, lang, raw, state)
    return _gate(raw, provisions, texts, compiled)


_HYPHENS = frozenset("-\u2010\u2011")


def _doc_evidence(index, doc, text: str, compiled: CompiledTerms, lang: str, raw, state) -> None:
    hits = set(compiled.norm_matcher(doc))
    hits.update(compiled.lower_matcher(doc))
    phrases = compiled.phrases
    for k, start, end in _compound_hits(doc, state):
        hits.add((phrases[k], start, end))
    if not hits:
        return
    sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    starts = [s[0] for s in sents]
    by_sent: dict[int, list[tuple[str, int, int]]] = {}
    for match_id, start, end in sorted(hits, key=lambda h: (h[1], h[2], h[0])):
        k = compiled.phrase_of.get(match_id)
        if k is None:
            continue
        si = bisect_right(starts, start) - 1
        by_sent.setdefault(si, []).append((k, start, end))
    uses_of = compiled.uses
    for si in sorted(by_sent):
        s_start, s_end, c_start, c_end = sents[si]
        sent = doc[s_start:s_end]
        words = [t.lower_ for t in sent]
        hyphenated = frozenset(
            i for i, t in enumerate(sent) if text[t.idx + len(t) : t.idx + len(t) + 1] in _HYPHENS
            and t.idx + len(t) < len(text)
        )
        spans = context.clauses(words, lang)
        neg_cache: dict[tuple[int, int], bool] = {}
        present: dict[str, list[int]] = {}  # phrase -> non-negated start offsets
        seen: set[str] = set()  # phrase present at all (negated or not)
        for k, start, end in by_sent[si]:
            rel = start - s_start
            seen.add(k)
            clause = context.clause_of(spans, rel)
            if clause not in neg_cache:
                neg_cache[clause] = context.negated(words, lang, clause[0], clause[1], hyphenated)
            if not neg_cache[clause]:
                present.setdefault(k, []).append(rel)
        # the requirements this sentence touches, and which of their terms it holds
        per_req: dict[str, dict[str, list]] = {}
        excluded: set[str] = set()
        for k in seen:
            for use in uses_of.get(k, ()):
                if use.role == EXCLUDE:
                    if all(p in seen for p in use.parts):
                        excluded.add(use.requirement)
                    continue
                if all(p in present for p in use.parts):
                    per_req.setdefault(use.requirement, {}).setdefault(use.role, []).append(use)
        if not per_req:
            continue
        who = None
        who_done = False
        for req_id in sorted(per_req):
            if req_id in excluded:
                continue
            for role, uses in sorted(per_req[req_id].items()):
                uses = sorted(uses, key=lambda u: u.order)
                terms = tuple(dict.fromkeys(u.term for u in uses))
                first = min(present[p][0] for u in uses for p in u.parts)
                clause = context.clause_of(spans, first)
                level = context.strength(words, lang, clause[0], clause[1])
                if level is None:
                    level = context.strength(words, lang, 0, len(words)) or DEFAULT_STRENGTH
                if not who_done:
                    who = context.addressee(words, lang)
                    who_done = True
                raw.setdefault(req_id, []).append(
                    RawEvidence(index, (c_start, c_end), role, terms, level, who)
                )


def _core_families(raw, families: list[str], compiled: CompiledTerms) -> dict[str, set[str]]:
    """For each requirement, the provision families where its core concept counts.

    A core hit counts where one of the requirement's own core terms hits. A term that
    is a core term of several requirements with different themes ("human rights due
    diligence") is ambiguous: where only such terms hit, the requirements sharing the term
    compete, and it counts for those corroborated in the family by one of their elements
    or own terms; when none is, for the most specific ones (fewest themes).
    """
    shared = compiled.shared_core if GATE_SHARED else {}
    own: dict[str, set[str]] = {}
    corroborated: dict[str, set[str]] = {}
    ambiguous: dict[str, dict[str, set[str]]] = {}  # req -> family -> shared terms hit
    for req_id, items in raw.items():
        for r in items:
            fam = families[r.provision_index]
            if r.role != CORE:
                corroborated.setdefault(req_id, set()).add(fam)
            elif all(t in shared for t in r.terms):
                ambiguous.setdefault(req_id, {}).setdefault(fam, set()).update(r.terms)
            else:
                own.setdefault(req_id, set()).add(fam)
                corroborated.setdefault(req_id, set()).add(fam)
    allowed = {req_id: set(fams) for req_id, fams in own.items()}
    for req_id, by_family in ambiguous.items():
        for fam, terms in by_family.items():
            if fam in allowed.get(req_id, ()):
                continue
            for term in sorted(terms):
                rivals = [
                    r for r in shared[term]
                    if r in compiled.requirements and fam in {
                        families[x.provision_index] for x in raw.get(r, ()) if x.role == CORE
                    }
                ]
                backed = [r for r in rivals if fam in corroborated.get(r, ())]
                if backed:
                    winners = backed
                else:
                    fewest = min(len(compiled.requirements[r].themes) for r in rivals)
                    winners = [r for r in rivals if len(compiled.requirements[r].themes) == fewest]
                if req_id in winners:
                    allowed.setdefault(req_id, set()).add(fam)
                    break
    return allowed


def _gate(raw, provisions, texts, compiled: CompiledTerms) -> dict[str, list[Evidence]]:
    families = _families(provisions)
    allowed = _core_families(raw, families, compiled)
    out: dict[str, list[Evidence]] = {}
    for req_id, items in raw.items():
        req = compiled.requirements.get(req_id)
        if req is None:
            continue
        core_families = allowed.get(req_id, set())
        items = [r for r in items if families[r.provision_index] in core_families]
        if not core_families:
            continue
        themes_of = {e.id: (e.theme,) for e in req.elements}
        order = {e.id: i for i, e in enumerate(req.elements)}
        evidence = []
        for r in items:
            if r.role != CORE and families[r.provision_index] not in core_families:
                continue
            if r.role != CORE and r.role not in order:
                continue
            p = provisions[r.provision_index]
            evidence.append(
                (
                    r.provision_index,
                    r.span,
                    -1 if r.role == CORE else order[r.role],
                    Evidence(
                        provision=p.id,
                        text=texts[r.provision_index][r.span[0] : r.span[1]],
                        span=r.span,
                        terms=r.terms,
                        element=None if r.role == CORE else r.role,
                        themes=tuple(req.themes) if r.role == CORE else themes_of[r.role],
                        strength=r.strength,
                        addressee=r.addressee,
                    ),
                )
            )
        evidence.sort(key=lambda t: (t[0], t[1], t[2]))
        out[req_id] = [e for *_, e in evidence]
    return out
