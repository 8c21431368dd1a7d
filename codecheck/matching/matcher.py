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
from .terms import CORE, EXCLUDE, CompiledTerms

GATE_SHARED = True
MATCHED_KINDS = ("principle", "provision", "item")
DEFAULT_STRENGTH = Strength.MANDATORY  # a code's plain indicative ("the board approves")

# --------------------------------------------------------------------------- fuzzy

FUZZY_MIN_LENGTH = 7
FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio; see tests/test_matching_fuzzy.py


class _FuzzyState:
    def __init__(self) -> None:
        self.checked: dict[str, set[int]] = {}  # lang -> lexeme orths already looked at
        self.vocab_key: dict[str, frozenset] = {}
        self.corrections: dict[str, dict[str, str]] = {}  # lang -> form -> term word


_FUZZY = _FuzzyState()


def fuzzy_correct(lang: str, compiled: CompiledTerms) -> dict[str, str]:
    """Give misspelt long words of the vocabulary the lemma of the term word they resemble.

    Only lexemes not yet looked at are compared, each once per process against the
    catalogue's long term words (not every token against every term); a word that is
    itself in the lemma table (a real word such as "diligent") is never corrected.
    """
    from rapidfuzz import fuzz, process

    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    words = compiled.fuzzy_vocab
    key = frozenset(words)
    if _FUZZY.vocab_key.get(lang) != key:
        _FUZZY.vocab_key[lang] = key
        _FUZZY.checked[lang] = set()
        _FUZZY.corrections[lang] = {}
    checked = _FUZZY.checked[lang]
    corrections = _FUZZY.corrections[lang]
    if not words:
        return corrections
    choices = sorted(words)
    candidates: dict[str, list] = {}
    for lex in nlp.vocab:
        orth = lex.orth
        if orth in checked:
            continue
        checked.add(orth)
        text = lex.lower_
        if len(text) < FUZZY_MIN_LENGTH or not lex.is_alpha:
            continue
        if text in lem.lemma_of or text in words:
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
                corrections[text] = word
    return corrections


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
    fuzzy_correct(lang, compiled)
    raw: dict[str, list[RawEvidence]] = {}
    for index, doc in enumerate(docs):
        _doc_evidence(index, doc, texts[index], compiled, lang, raw)
    return _gate(raw, provisions, texts, compiled)


_HYPHENS = frozenset("-\u2010\u2011")


def _doc_evidence(index, doc, text: str, compiled: CompiledTerms, lang: str, raw) -> None:
    hits = set(compiled.norm_matcher(doc))
    hits.update(compiled.lower_matcher(doc))
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
