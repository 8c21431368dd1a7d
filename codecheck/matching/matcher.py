"""Finding evidence: one matcher pass per document, hits grouped by sentence.

For each provision text the phrase matcher (on lemmas) runs once over all the
catalogue's phrases; Dutch compounds and misspelt words are read by a scan of the new
words (`scan.scan_vocabulary`), and phrases with a word or two inside them by a gap scan
(`_gap_hits`). Only the sentences with a hit are looked at further: for each requirement
a hit belongs to, the sentence is dropped if it holds one of the requirement's exclusion
terms; a term counts when each of its parts occurs in the sentence outside a negated
clause; strength and addressee are read from the words around it (`context`). A term's
context side (the human-rights or harm words it pairs with an action) may come from one
of the two sentences before it or the one after it (`_carried_evidence`). Which of a
code's hits then count is the gate's decision (`gate.count_evidence`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import partial
from operator import itemgetter

from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, LOWER, NORM

from .._identity import ByIdentity
from ..model import Code, Evidence, Provision
from . import context
from .gate import GATE_SHARED, count_evidence
from .nlp import DOCS, lemmatizer
from .scan import ScanState, compound_hits, scan_vocabulary
from .terms import CORE, EXCLUDE, CompiledTerms

SENTENCE_MEMO = 50_000  # sentences remembered (latest catalogue, per language)
MATCHED_KINDS = ("principle", "provision", "item")

# --------------------------------------------------------------------------- phrases with a gap

MAX_GAP = 2  # extra words a multi-word phrase may have inside it


def _gap_hits(norms: list, first: dict, stops: frozenset, present=None) -> list[tuple[int, int, int]]:
    """Multi-word phrases with up to MAX_GAP extra words inside, within one clause.

    "adverse human rights impacts" is a hit of "adverse impacts": the phrase's words in
    order, at most two other words between them in all, none of them a clause or sentence
    end (`, ; : ( )`, *but*, *where* ...). Exact hits come from the phrase matcher; only
    hits with a gap are returned here. `norms` are the document's token NORMs, `first` the
    phrases by first word (`CompiledTerms.gap_first`), `stops` the clause ends; `present`
    is `set(norms)` when the caller has it.
    """
    if present is None:
        present = set(norms)
    starts = first.keys() & present
    if not starts:
        return []
    n = len(norms)
    out = []
    for x in starts:
        options = [o for o in first[x] if present.issuperset(o[1])]  # all words in the text
        if not options:
            continue
        i = -1
        while True:
            try:
                i = norms.index(x, i + 1)
            except ValueError:
                break
            for mid, rest in options:
                j = i + 1
                gaps = 0
                ok = True
                for w in rest:
                    while j < n and norms[j] != w:
                        if gaps == MAX_GAP or norms[j] in stops:
                            ok = False
                            break
                        gaps += 1
                        j += 1
                    if not ok or j >= n:
                        ok = False
                        break
                    j += 1
                if ok and gaps:
                    out.append((mid, i, j))
    return out


# --------------------------------------------------------------------------- evidence


class RawEvidence(NamedTuple):
    """The layout of the raw evidence tuples (stored as plain tuples, read by unpacking)."""

    provision_index: int
    span: tuple[int, int]
    role: str
    terms: tuple[str, ...]
    sentence: context.Sentence  # strength and addressee are read only for kept evidence
    first: int  # offset of the first hit in the sentence (its clause sets the strength)
    shared_only: bool  # core evidence made only of terms other requirements share




def matched_provisions(code: Code) -> list[Provision]:
    return [p for p in code.provisions if p.kind in MATCHED_KINDS]


def find_evidence(code: Code, compiled: CompiledTerms, reader=None,
                  vouched: dict | None = None) -> dict[str, list[Evidence]]:
    """`{requirement id: [Evidence, ...]}` for one code (requirements without evidence omitted).

    With a `reader` (`learned.vouched_themes`: language, texts, their docs -> per provision
    the themes it vouches for, with their probabilities), hits the gate holds back count where
    the reader vouches for them (`gate.count_evidence`); each is also put in `vouched`, as
    `{requirement id: [(Evidence, probability), ...]}`."""
    lang = compiled.lang
    provisions = matched_provisions(code)
    if not provisions or not compiled.phrases:
        return {}
    texts = [p.full_text for p in provisions]
    docs = DOCS.docs(lang, texts)
    state = scan_vocabulary(lang, compiled, docs)
    raw: dict[str, list[RawEvidence]] = {}
    for index, doc in enumerate(docs):
        _doc_evidence(index, doc, texts[index], doc.user_data.get("codecheck-map"), compiled, lang, raw, state)
    read = None
    if reader is not None:
        cited = sorted({x[0] for items in raw.values() for x in items})
        read = dict(zip(cited, reader(lang, [texts[i] for i in cited], [docs[i] for i in cited])))
    return count_evidence(raw, provisions, texts, compiled, read, vouched)


SENTENCE_END = frozenset(".!?…")
SENTENCE_TAIL = frozenset(".!?…\"'”’»)]")


_HASHES: dict[int, tuple[frozenset, frozenset, frozenset]] = {}


def _punct_hashes(strings) -> tuple[frozenset, frozenset, frozenset]:
    key = id(strings)
    found = _HASHES.get(key)
    if found is None:
        found = _HASHES[key] = (
            frozenset(strings.add(c) for c in SENTENCE_END),
            frozenset(strings.add(c) for c in SENTENCE_TAIL),
            frozenset(strings.add(c) for c in (" ", "\n", "\t", "  ")),
        )
    return found


def sentences(rows: list, strings) -> list[tuple[int, int, int, int]]:
    """(start token, end token, start char, end char) of each sentence of a document.

    `rows` are the tokens' (LOWER, IDX, LENGTH). A sentence ends after ".", "!", "?" or
    "…" and any closing quotes or brackets that follow; white space at either end is left
    out of its character span. (spaCy's sentencizer rule, run only on documents with a hit.)
    """
    return [
        (s, e, rows[a][1], rows[b - 1][1] + rows[b - 1][2])
        for s, e, a, b in _sentence_bounds([r[0] for r in rows], strings)
    ]


def _sentence_bounds(lowers: list, strings) -> list[tuple[int, int, int, int]]:
    """(start, end, first, last + 1) token of each sentence (see `sentences`); first and
    last leave out white space at either end. `lowers` are the tokens' LOWER hashes."""
    end_h, tail_h, space_h = _punct_hashes(strings)
    ends = []
    for h in end_h:  # sentence ends are rare: found by C-level scans of the list
        c = lowers.count(h)
        i = -1
        while c:
            i = lowers.index(h, i + 1)
            ends.append(i)
            c -= 1
    if len(ends) > 1:
        ends.sort()
    out = []
    n = len(lowers)
    start = 0
    for i in ends:
        if i < start:  # absorbed as the tail of the previous end
            continue
        j = i + 1
        while j < n and lowers[j] in tail_h:
            j += 1
        out.append((start, j))
        start = j
    if start < n:
        out.append((start, n))
    bounds = []
    for s, e in out:
        a, b = s, e
        while a < b and lowers[a] in space_h:
            a += 1
        while b > a and lowers[b - 1] in space_h:
            b -= 1
        if a == b:
            a, b = s, e
        bounds.append((s, e, a, b))
    return bounds


_NEG_HASHES: dict[tuple[int, str], frozenset] = {}


def _negation_hashes(strings, lang: str) -> frozenset:
    key = (id(strings), lang)
    found = _NEG_HASHES.get(key)
    if found is None:
        found = _NEG_HASHES[key] = frozenset(strings.add(w) for w in context.negation_words(lang))
    return found


_hit_order = itemgetter(1, 2, 0)


def _order(use) -> tuple:
    return use.order, use.parts  # combinations of one term (alternatives) in a fixed order


_HYPHENS = frozenset("-\u2010\u2011")


def _doc_evidence(index, doc, text: str, omap, compiled: CompiledTerms, lang: str, raw, state) -> None:
    """Add the evidence of one provision (`text`, parsed as `doc`) to `raw`.

    `omap` maps offsets in the parsed (normalised) text to `text`; None when equal."""
    hits, array = _document_hits(doc, compiled, state)
    if not hits:
        return
    # a provision read before, with the same hits, gives the same evidence (under an edited
    # catalogue only if the edit touches none of its phrases: `terms._carry_memos`)
    doc_key = (text, CARRY_OVER, CARRY_WINDOW, CARRY_NEXT)
    known = compiled.documents.get(doc_key)
    if known is None:
        known = compiled.carried_documents.get(doc_key)
    if known is None or known[0] != hits:
        if len(compiled.documents) > SENTENCE_MEMO:
            compiled.documents.clear()
        mine: list[tuple] = []  # (requirement id, span, role, terms, sentence, first, shared only)
        phrases_here: set[str] = set()
        if array is None:
            array = doc.to_array([LOWER, IDX, LENGTH])
        _provision_evidence(doc, text, omap, compiled, lang, hits, array, mine, phrases_here)
        known = (hits, frozenset(phrases_here), tuple(mine))
    compiled.documents[doc_key] = known
    for entry in known[2]:
        bucket = raw.get(entry[0])
        if bucket is None:
            bucket = raw[entry[0]] = []
        bucket.append((index, *entry[1:]))


_HITS = "codecheck-hits"  # the key of a document's `_KnownHits` in its `user_data`


class _KnownHits(NamedTuple):
    """A document's phrase hits as last found, with what they depended on."""

    state: object  # the vocabulary scan (compounds, spelling corrections)
    rewrites: int  # NORMs the lemmatizer had rewritten (`Lemmatizer.rewrites`)
    patterns: int  # patterns the phrase store held
    gap_first: dict  # the phrases the gap scan looked for
    norms: frozenset  # the document's token NORMs
    matched: frozenset  # the phrase matcher's hits: (match id, start token, end token)
    compounds: frozenset  # Dutch compounds' hits
    gaps: frozenset  # the gap scan's hits
    hits: frozenset  # all of them


def _document_hits(doc, compiled: CompiledTerms, state: ScanState):
    """The phrase hits of one document, and its token array when it was made (else None).

    Hits come from the phrase matcher (on NORM), the Dutch compounds and the gap scan. They
    are kept on the document: a re-analysis finds them again only where something they
    depend on changed. After a catalogue edit (no NORM the document holds rewritten, no
    compound read otherwise: `scan._log_changes`), the matcher runs again only on documents
    holding every word of a pattern added since, and the gap scan looks only for the
    phrases added since (hits of phrases gone are dropped), so the result is the hits a
    fresh search gives
    (`tests/test_matching_merging.py`)."""
    from .terms import phrase_store

    store = phrase_store(compiled.lang)
    rewritten = lemmatizer(compiled.lang).rewritten
    rewrites = len(rewritten)
    known = doc.user_data.get(_HITS)
    if known is not None and known.state is state \
            and (known.rewrites == rewrites or known.norms.isdisjoint(rewritten[known.rewrites:])):
        # (a NORM rewritten since on a lexeme the document does not hold changes nothing here)
        if known.rewrites == rewrites and known.patterns == len(store.patterns) \
                and known.gap_first is compiled.gap_first:
            return known.hits, None
        return _updated_hits(doc, known._replace(rewrites=rewrites), compiled, store), None
    # one token array for the sentences, the gap scan (NORM) and the compounds (flag)
    with_flag = bool(state.compounds or state.suspended)
    array = doc.to_array([LOWER, IDX, LENGTH, NORM, state.flag] if with_flag else [LOWER, IDX, LENGTH, NORM])
    matched = frozenset(compiled.norm_matcher(doc))
    compounds = frozenset()
    if with_flag:
        phrases = compiled.phrases
        compounds = frozenset((phrases[k], start, end) for k, start, end in compound_hits(doc, state, array[:, 4]))
    norms = array[:, 3].tolist()
    present = frozenset(norms)
    gaps = frozenset(_gap_hits(norms, compiled.gap_first, compiled.gap_stops, present)) if compiled.gap_first \
        else frozenset()
    hits = matched | compounds | gaps
    doc.user_data[_HITS] = _KnownHits(state, rewrites, len(store.patterns), compiled.gap_first,
                                      present, matched, compounds, gaps, hits)
    return hits, array


def _updated_hits(doc, known: _KnownHits, compiled: CompiledTerms, store) -> frozenset:
    """`known` brought up to date with the patterns and gap phrases added since (see
    `_document_hits`)."""
    matched, gaps, norms = known.matched, known.gaps, known.norms
    if any(p <= norms for p in store.patterns[known.patterns:]):
        matched = frozenset(compiled.norm_matcher(doc))
    if known.gap_first is not compiled.gap_first:
        gone, added = _gap_change(known.gap_first, compiled)
        if gone:
            gaps = frozenset(h for h in gaps if h[0] not in gone)
        if added and not norms.isdisjoint(added):
            found = _gap_hits(doc.to_array(NORM).tolist(), added, compiled.gap_stops, norms)
            if found:
                gaps = gaps.union(found)
    hits = matched | known.compounds | gaps
    doc.user_data[_HITS] = known._replace(patterns=len(store.patterns), gap_first=compiled.gap_first,
                                          matched=matched, gaps=gaps, hits=hits)
    return hits


def _gap_change(before: dict, compiled: CompiledTerms) -> tuple[frozenset, dict]:
    """How the gap scan's phrases changed since `before` (an earlier `gap_first`): the
    match ids of the phrases it no longer looks for, and the phrases added, by first word
    (worked out once per compiled catalogue and earlier `gap_first`). A merge makes new
    lists only for the first words whose phrases changed (`merging`), so only those are
    compared."""
    memo = compiled.gap_changes.get(id(before))
    if memo is not None and memo[0] is before:
        return memo[1], memo[2]
    now = compiled.gap_first
    gone: set = set()
    added: dict = {}
    for first, entries in now.items():
        old = before.get(first)
        if old is entries:
            continue
        had = set(old or ())
        new = [e for e in entries if e not in had]
        if new:
            added[first] = new
        if old:
            gone.update(e[0] for e in had.difference(entries))
    for first, old in before.items():
        if first not in now:
            gone.update(e[0] for e in old)
    compiled.gap_changes[id(before)] = (before, frozenset(gone), added)
    return frozenset(gone), added


def _provision_evidence(doc, text: str, omap, compiled: CompiledTerms, lang: str, hits: set, array,
                        mine: list, phrases_here: set) -> None:
    """The evidence of one provision's `hits`, added to `mine`; the phrases it saw (hits,
    their concept sets, what its sentences made of them) added to `phrases_here`."""
    institutions = context.institution_spans(text, lang)
    if institutions:  # "the European Parliament and the Council": no board
        hits = _outside(hits, institutions, array, omap)
        if not hits:
            return
    strings = doc.vocab.strings
    lowers = array[:, 0].tolist()
    sents = _sentence_bounds(lowers, strings)
    if len(sents) > 1 and _withdraws_itself(lowers, sents, strings, lang):
        return  # "Projet de recommandation 12.4 : ... Cette proposition a été retirée."
    starts = [s[0] for s in sents]
    by_sent: dict[int, list[tuple[str, int, int]]] = {}
    declined_before = _declined_by_next(hits, starts, sents, lowers, strings, compiled, lang)
    concept_of = compiled.concept_of
    for match_id, start, end in sorted(hits, key=_hit_order):
        k = compiled.phrase_of.get(match_id)
        if k is None:
            continue
        si = bisect_right(starts, start) - 1
        if si in declined_before:
            continue
        found = by_sent.setdefault(si, [])
        found.append((k, start, end))
        phrases_here.add(k)
        for c in concept_of.get(k, ()):  # "excessive overtime" is also a hit of "@harm"
            found.append((c, start, end))
            phrases_here.add(c)
    memo = compiled.sentences
    if len(memo) > SENTENCE_MEMO:
        memo.clear()
        compiled.sentence_hits.clear()
    infos = []
    for si in sorted(by_sent):
        s_start, s_end, a, b = sents[si]
        c_start, c_end = _char_span(array, a, b, omap)
        # a sentence seen before (boilerplate, another edition) gives the same evidence
        key = text[c_start : c_end + 1]
        found_before = memo.get(key)
        if found_before is None:
            found_before = _carried_sentence(compiled.carried.get(key), s_start, by_sent[si]) if compiled.carried else None
            if found_before is None:
                found_before = _sentence_evidence(
                    by_sent[si], s_start, s_end, c_start, c_end, strings, lowers, array, text, omap, compiled, lang
                )
            memo[key] = found_before
            compiled.sentence_hits[key] = (s_start, by_sent[si])
        if si == len(sents) - 1 and not found_before[5] and _running_line(lowers[s_start:s_end], strings):
            continue  # a page footer after the provision's last sentence states nothing
        infos.append((si, (c_start, c_end), found_before))
        phrases_here.update(found_before[2])
    carry = CARRY_OVER and len(infos) > 1
    anchors = anchor_phrases(compiled) if carry else None
    for n, (si, span, found_before) in enumerate(infos):
        evidence = found_before[0]
        if carry:
            window = [(sj, info) for sj, _, info in infos[max(0, n - CARRY_WINDOW):n + 1 + CARRY_NEXT]
                      if sj != si and si - CARRY_WINDOW <= sj <= si + CARRY_NEXT and info[1]]
            if window:
                carried = _carried(window, compiled)
                evidence = evidence + _carried_evidence(found_before, carried, anchors, compiled)
        for req_id, role, terms, sentence, first, shared_only in evidence:
            # laid out as RawEvidence after the provision's index (plain tuples: a NamedTuple
            # costs a call per item)
            mine.append((req_id, span, role, terms, sentence, first, shared_only))


def _outside(hits, spans: list, array, omap) -> set:
    """The hits that do not lie inside one of the character `spans` of the provision's text."""
    kept = set()
    for hit in hits:
        c_start, c_end = _char_span(array, hit[1], hit[2], omap)
        if not any(a <= c_start and c_end <= b for a, b in spans):
            kept.add(hit)
    return kept


def _char_span(array, start: int, end: int, omap) -> tuple[int, int]:
    """The character span in the provision's text of its tokens `start` to `end` (`array`:
    the document's (LOWER, IDX, LENGTH) rows; `omap` maps the parsed text's offsets to it)."""
    c_start = int(array[start, 1])
    c_end = int(array[end - 1, 1]) + int(array[end - 1, 2])
    if omap is not None:
        c_start, c_end = omap[c_start], omap[c_end - 1] + 1
    return c_start, c_end


def _carried_sentence(carried, s_start: int, hits: list):
    """The evidence of a sentence under the catalogue before an edit (`terms._carry_memos`),
    if its hits are the same as now (same phrases at the same places); else None."""
    if carried is None:
        return None
    entry, old_start, old_hits = carried
    if len(old_hits) != len(hits):
        return None
    shift = s_start - old_start
    for (k, a, b), (k2, a2, b2) in zip(hits, old_hits):
        if k != k2 or a != a2 + shift or b != b2 + shift:
            return None
    return entry


def _candidates(seen: frozenset, compiled: CompiledTerms) -> list:
    """The uses (of terms not excluded in this sentence) whose parts are all in `seen`."""
    by_parts = compiled.by_parts
    partners = compiled.partners
    found: list = []
    excluded: set[str] = set()
    for a in sorted(seen):
        group = by_parts.get((a,))
        if group:
            for use, _ in group:
                if use.role == EXCLUDE:
                    excluded.add(use.requirement)
                else:
                    found.append(use)
        others = partners.get(a)
        if not others:
            continue
        for b in sorted(others & seen):
            for use, rest in by_parts.get((a, b), ()):
                if not rest or rest <= seen:
                    if use.role == EXCLUDE:
                        excluded.add(use.requirement)
                    else:
                        found.append(use)
    if excluded:
        found = [u for u in found if u.requirement not in excluded]
    return found


def _sentence_evidence(sent_hits, s_start, s_end, c_start, c_end, strings, lowers, array, text, omap,
                       compiled: CompiledTerms, lang: str) -> list[tuple]:
    """What one sentence gives: `(evidence, present, seen, sentence, make_sentence,
    complete)`. `evidence` lists (requirement, role, terms, Sentence, first hit, shared
    only); `present` maps the phrases outside negated clauses to their first offset,
    `seen` is every phrase hit; the Sentence is made, or `make_sentence` makes it when a
    carried context needs it; `complete` says whether it ends with a sentence end.

    `lowers` are the document's LOWER hashes, `array` its (LOWER, IDX, LENGTH, ...) rows."""
    shared = compiled.shared_core if GATE_SHARED else {}
    out: list[tuple] = []
    # the terms (of any requirement) whose parts all occur in this sentence; this depends
    # only on the set of phrases seen, which recurs across sentences
    seen = frozenset(k for k, _, _ in sent_hits)
    found = compiled.candidates.get(seen)
    if found is None:
        if len(compiled.candidates) > SENTENCE_MEMO:
            compiled.candidates.clear()
        found = compiled.candidates[seen] = _candidates(seen, compiled)
    sent_lowers = lowers[s_start:s_end]
    may_negate = not _negation_hashes(strings, lang).isdisjoint(sent_lowers)
    complete = _complete(sent_lowers, strings)
    if not found and not may_negate:
        # no term complete here; its phrases may still complete a term in a later
        # sentence (`_carried_evidence`), or one of a later sentence's with theirs
        present = {}
        for k, start, _ in sent_hits:
            if k not in present:
                present[k] = start - s_start
        return out, present, seen, None, _sentence_of(
            s_start, s_end, c_start, c_end, strings, lowers, array, text, omap, lang, may_negate, lazy=True), complete
    if not may_negate:  # no negation word: every phrase seen is present
        present: dict[str, int] = {}  # phrase -> first non-negated start offset
        for k, start, _ in sent_hits:
            if k not in present:
                present[k] = start - s_start
        resolved = _resolved(compiled, seen, seen, found, shared)
        if not resolved:
            return out, present, seen, None, _sentence_of(
                s_start, s_end, c_start, c_end, strings, lowers, array, text, omap, lang, may_negate, lazy=True), complete
    sentence = _sentence_of(s_start, s_end, c_start, c_end, strings, lowers, array, text, omap, lang, may_negate)
    if may_negate:
        present = {}
        for k, start, _ in sent_hits:
            if k in present:
                continue
            rel = start - s_start
            if not sentence.negated_at(rel):
                present[k] = rel
        keys = frozenset(present) if len(present) != len(seen) else seen
        resolved = _resolved(compiled, seen, keys, found, shared) if found else []
    for req_id, role, terms, parts, shared_only in resolved:
        first = present[parts[0]]
        for p in parts[1:]:
            if present[p] < first:
                first = present[p]
        out.append((req_id, role, terms, sentence, first, shared_only))
    return out, present, seen, sentence, None, complete


RUNNING_LINE_MAX_WORDS = 10  # a page header or footer left in extracted text is short


_SELF_HASHES: dict[tuple[int, str], frozenset] = {}


def _withdraws_itself(lowers: list, sents, strings, lang: str) -> bool:
    """Does a sentence of the provision withdraw the provision itself (`context.withdraws_itself`)?
    Only sentences whose second word is a provision word ("This provision ...") are read."""
    key = (id(strings), lang)
    names = _SELF_HASHES.get(key)
    if names is None:
        names = _SELF_HASHES[key] = frozenset(strings.add(w) for w in context.PROVISION_WORDS.get(lang, ()))
    for _, _, a, b in sents:
        if b - a > 2 and lowers[a + 1] in names:
            words = _words(lowers[a:b], strings)
            if context.withdraws_itself(words, lang):
                return True
    return False


def _phrases_by_sentence(hits, starts: list, compiled: CompiledTerms) -> dict:
    """The phrases (and their concept sets) each sentence holds, of those the catalogue's
    terms use (the phrase store also matches phrases of catalogues compiled before: those
    name nothing here)."""
    used = compiled.used_phrases
    phrase_of = compiled.phrase_of
    concept_of = compiled.concept_of
    out: dict = {}
    for match_id, start, _ in hits:
        k = phrase_of.get(match_id)
        if k is None:
            continue
        concepts = used.intersection(concept_of.get(k, ()))
        if k in used or concepts:
            seen = out.setdefault(bisect_right(starts, start) - 1, set())
            seen.add(k)
            seen.update(concepts)
    return out


def _declined_by_next(hits, starts: list, sents, lowers: list, strings, compiled: CompiledTerms,
                      lang: str) -> frozenset:
    """The sentences with hits that the next sentence declines: one that names nothing
    itself (no term of the catalogue is whole in it, whatever single words it shares with
    terms) and declines ("It decided not to do so for now", "Il a décidé de ne pas y
    donner suite", `context.declined`) refers back to the sentence before it; so does one
    that withdraws the proposal named before, pointing back at it ("The proposal was
    rejected", `context.withdraws_the_one_before`), whatever it names itself."""
    negations = _negation_hashes(strings, lang)
    # most provisions have no later sentence with a negation word at all: nothing to read
    candidates = [i for i in range(1, len(sents)) if not negations.isdisjoint(lowers[sents[i][2]:sents[i][3]])]
    if not candidates:
        return frozenset()
    phrases = _phrases_by_sentence(hits, starts, compiled)
    out = set()
    for nxt in candidates:
        if nxt - 1 not in phrases:
            continue
        _, _, a, b = sents[nxt]
        _, _, pa, pb = sents[nxt - 1]
        if context.withdraws_the_one_before(_words(lowers[a:b], strings), _words(lowers[pa:pb], strings), lang):
            out.add(nxt - 1)  # "The proposal was rejected.": whatever this one names itself
            continue
        own = phrases.get(nxt)
        if own and _candidates(frozenset(own), compiled):
            continue  # it names something of its own: what it declines is that
        if context.declined(_words(lowers[a:b], strings), lang):
            out.add(nxt - 1)
    return frozenset(out)


def _running_line(sent_lowers: list, strings) -> bool:
    """Is a fragment without a sentence end a running footer left by PDF extraction
    ("Sustainability report 2025 | p. 18", "Annual Report 2025 | 47")? A short line with
    a number: it names the document and states nothing."""
    words = [w for w in (strings[h] for h in sent_lowers) if w.strip()]
    return len(words) <= RUNNING_LINE_MAX_WORDS and any(w.isdigit() for w in words)


def _complete(sent_lowers: list, strings) -> bool:
    """Does the sentence end with a sentence end (".", "!", "?", "…", then perhaps closing
    quotes or brackets)? A trailing fragment without one is a running footer, a page
    header or a cut text."""
    end_h, tail_h, space_h = _punct_hashes(strings)
    for h in reversed(sent_lowers):
        if h in end_h:
            return True
        if h not in space_h and h not in tail_h:
            return False
    return False


def _hyphen_positions(s_start, s_end, c_start, c_end, array, text, omap) -> frozenset:
    """The words of tokens s_start:s_end written with a hyphen after them
    ("non-financial"), as offsets in the sentence; empty when it has no hyphen."""
    if not any(h in text[c_start:c_end] for h in _HYPHENS):
        return frozenset()
    out = set()
    ends = (array[s_start:s_end, 1] + array[s_start:s_end, 2]).tolist()  # each token's end offset
    n = len(omap) if omap is not None else 0
    for i, e in enumerate(ends):
        if omap is not None:
            e = omap[e] if e < n else len(text)
        if text[e : e + 1] in _HYPHENS:
            out.add(i)
    return frozenset(out)


_WORDS: dict[int, str] = {}  # a LOWER hash -> its text (a hash names one string in any store)
WORDS_KEPT = 200_000


def _words(hashes: list, strings) -> list[str]:
    """The texts of the hashes `hashes`: read from `_WORDS`, as a StringStore lookup makes
    a new string each time (2.3 µs for a sentence of 24 words, 0.9 µs from the table)."""
    try:
        return [_WORDS[h] for h in hashes]
    except KeyError:
        if len(_WORDS) > WORDS_KEPT:
            _WORDS.clear()
        for h in hashes:
            if h not in _WORDS:
                _WORDS[h] = strings[h]
        return [_WORDS[h] for h in hashes]


def _build_sentence(sent_lowers, strings, lang, may_negate, hyphens) -> context.Sentence:
    sentence = context.Sentence(_words(sent_lowers, strings), lang,
                                hyphens.__contains__ if hyphens else None)
    sentence.set_may_negate(may_negate)
    return sentence


def _sentence_of(s_start, s_end, c_start, c_end, strings, lowers, array, text, omap, lang, may_negate,
                 lazy: bool = False):
    """The `context.Sentence` of tokens s_start:s_end (characters c_start:c_end of `text`),
    or (`lazy`) a function making it that keeps only the sentence's own data."""
    hyphens = _hyphen_positions(s_start, s_end, c_start, c_end, array, text, omap)
    if lazy:
        return partial(_build_sentence, lowers[s_start:s_end], strings, lang, may_negate, hyphens)
    return _build_sentence(lowers[s_start:s_end], strings, lang, may_negate, hyphens)


def _resolved(compiled: CompiledTerms, seen: frozenset, keys: frozenset, found: list, shared) -> list:
    """What the phrases `keys` (of those `seen`) make evidence of, worked out once: it
    depends only on the set of phrases seen and the set not negated."""
    resolved = compiled.resolved.get((seen, keys))
    if resolved is None:
        if len(compiled.resolved) > SENTENCE_MEMO:
            compiled.resolved.clear()
        resolved = compiled.resolved[(seen, keys)] = _resolve(found, keys, shared)
    return resolved


def _resolve(found: list, keys: frozenset, shared) -> list[tuple]:
    """(requirement, role, terms, parts, shared only) of the uses made of the phrases `keys`."""
    per_req: dict[str, dict[str, list]] = {}
    for use in found:
        if use.partset <= keys:
            per_req.setdefault(use.requirement, {}).setdefault(use.role, []).append(use)
    out = []
    for req_id, roles in per_req.items():
        for role, uses in roles.items():
            if len(uses) > 1:
                uses.sort(key=_order)
                terms_list: list[str] = []
                for u in uses:
                    if u.term not in terms_list:
                        terms_list.append(u.term)
                terms = tuple(terms_list)
            else:
                terms = (uses[0].term,)
            shared_only = role == CORE and all(t in shared for t in terms)
            out.append((req_id, role, terms, uses[0].parts, shared_only))
    return out


# --------------------------------------------------------------------------- carry-over

CARRY_OVER = True  # a term's context side may come from an earlier sentence of the provision
CARRY_WINDOW = 2  # ... one of the two sentences before it (a heading, a paragraph's lead sentence)
CARRY_NEXT = 1  # ... or the sentence after it (round 4: 3 more true positives, no false one)
ANCHOR_MIN_THEMES = 7  # a phrase is an anchor when terms of this many themes pair it

_ANCHOR_REQ: dict[tuple, frozenset] = {}  # (lang, requirement signature) -> its sides' (phrase, theme) pairs
_ANCHORS: dict[tuple[str, str], frozenset] = {}  # (lang, catalogue key) -> anchor phrase keys
_ANCHOR_PAIRS: dict[str, tuple] = {}  # lang -> (each requirement's pairs, their union, themes per phrase, anchors) of the last catalogue


def _requirement_sides(req, lang: str, key_of) -> frozenset:
    """(phrase key, theme) of the phrases on a side of one requirement's "A + B" terms; the
    same requirement object again hashes no signature."""
    return _SIDES_OF.get(req, lambda: _requirement_sides_of(req, lang, key_of), lang)


_SIDES_OF = ByIdentity(20_000)  # (requirement, lang) -> `_requirement_sides`


def _requirement_sides_of(req, lang: str, key_of) -> frozenset:
    sig = (lang, req.id, tuple(req.themes), tuple(req.terms.get(lang) or ()),
           tuple((e.id, e.theme, tuple(e.terms.get(lang) or ())) for e in req.elements))
    found = _ANCHOR_REQ.get(sig)
    if found is not None:
        return found
    from .terms import term_alternatives

    out: set = set()
    groups = [(tuple(req.themes), req.terms.get(lang) or ())]
    groups += [((e.theme,), e.terms.get(lang) or ()) for e in req.elements]
    for themes, terms in groups:
        for term in terms:
            sides = term_alternatives(term)
            if len(sides) < 2:
                continue
            for side in sides:
                for alt in side:
                    k = key_of.get(alt)
                    if k:
                        out.update((k, t) for t in themes)
    if len(_ANCHOR_REQ) > 20_000:
        _ANCHOR_REQ.clear()
    found = _ANCHOR_REQ[sig] = frozenset(out)
    return found


def anchor_phrases(compiled: CompiledTerms) -> frozenset:
    """The phrases that set a provision's human-rights context: those that terms of at
    least ANCHOR_MIN_THEMES themes pair with their own words ("human rights", "adverse
    impacts", "forced labour", "mensenrechten", "atteintes", "responsible business
    conduct" ...), as opposed to the words of one theme's action ("publish", "remedy",
    "supplier", "board"). Derived from the catalogue, once per catalogue and language;
    after an edit of a few requirements, only their pairs are replaced."""
    key = (compiled.lang, compiled.key)
    found = _ANCHORS.get(key)
    if found is not None:
        return found
    from .merging import MAX_CHANGED, CountedUnion
    from .terms import phrase_store

    lang = compiled.lang
    key_of = phrase_store(lang).key_of
    parts = [_requirement_sides(req, lang, key_of) for req in compiled.requirements.values()]
    last = _ANCHOR_PAIRS.get(lang)
    changed = None
    if last is not None and len(last[0]) == len(parts):
        changed = [i for i, (a, b) in enumerate(zip(last[0], parts)) if a is not b]
        if len(changed) > MAX_CHANGED:
            changed = None
    if changed is None:
        union = CountedUnion(parts)
        themes = Counter(k for k, _ in union.count)  # phrase -> the themes pairing it
        found = frozenset(k for k, n in themes.items() if n >= ANCHOR_MIN_THEMES)
    else:  # the last catalogue's, with the pairs of the changed requirements replaced
        union, themes, found = last[1], last[2], last[3]
        touched = set()
        for i in changed:
            left, entered = union.replace(last[0][i], parts[i])
            for k, _ in left:
                themes[k] -= 1
                touched.add(k)
            for k, _ in entered:
                themes[k] += 1
                touched.add(k)
        if touched:
            found = (found - touched) | {k for k in touched if themes[k] >= ANCHOR_MIN_THEMES}
    _ANCHOR_PAIRS[lang] = (parts, union, themes, found)
    if len(_ANCHORS) > 16:
        _ANCHORS.clear()
    _ANCHORS[key] = found
    return found


def _excluded(seen: frozenset, compiled: CompiledTerms) -> frozenset:
    """The requirements whose exclusion terms occur among the phrases `seen`."""
    memo = compiled.candidates
    mkey = ("excluded", seen)
    found = memo.get(mkey)
    if found is not None:
        return found
    by_parts = compiled.by_parts
    partners = compiled.partners
    out = set()
    for a in seen:
        for use, _ in by_parts.get((a,), ()):
            if use.role == EXCLUDE:
                out.add(use.requirement)
        others = partners.get(a)
        if others:
            for b in others & seen:
                for use, rest in by_parts.get((a, b), ()):
                    if use.role == EXCLUDE and rest <= seen:
                        out.add(use.requirement)
    found = memo[mkey] = frozenset(out)
    return found


def _carried(window: list, compiled: CompiledTerms) -> dict:
    """The phrases the recent sentences state (outside a negated clause), each with the
    requirements it may not serve (those its sentence excludes: "financial due diligence
    ..." serves none of them; a phrase in several sentences serves what any of them allows)."""
    carried: dict = {}
    for _, info in window:
        present, seen = info[1], info[2]
        excluded = _excluded(seen, compiled)
        for k in present:
            before = carried.get(k)
            carried[k] = excluded if before is None else before & excluded
    return carried


_CONTEXT: dict[tuple, frozenset] = {}  # (lang, anchors, term) -> phrase keys of its context sides


def context_sides(term: str, compiled: CompiledTerms, anchors: frozenset) -> frozenset:
    """The phrases of a term's context sides: the sides naming at least one anchor (the
    human-rights, harm or responsible-business concept the action is about; for
    "bonus | variable pay + climate | emissions | human rights" the second side). Empty
    when every side is a context side (no side states an action)."""
    key = (compiled.lang, anchors, term)
    found = _CONTEXT.get(key)
    if found is not None:
        return found
    from .terms import phrase_store, term_alternatives

    key_of = phrase_store(compiled.lang).key_of
    sides = [{key_of.get(a) for a in side} - {None, ""} for side in term_alternatives(term)]
    context = [side for side in sides if not anchors.isdisjoint(side)]
    found = frozenset()
    if context and len(context) < len(sides):
        found = frozenset().union(*context)
    if len(_CONTEXT) > 200_000:
        _CONTEXT.clear()
    _CONTEXT[key] = found
    return found


def _carried_evidence(info, carried: dict, anchors: frozenset, compiled: CompiledTerms) -> list[tuple]:
    """Evidence a sentence gives with the context of earlier sentences of its provision.

    "The company maps where its operations could harm workers. Where such risks are found,
    it adopts a plan to prevent them": the second sentence states the action (prevent) and
    refers back to the harm the first one named. A term counts in a sentence when the
    parts found here (outside negated clauses) hold its action side and the parts missing
    here belong to its context sides (`context_sides`) and occur, not negated, in one
    of the CARRY_WINDOW sentences before it or the CARRY_NEXT after it ("The supplier code
    applies to all suppliers. It covers forced labour ...": the instrument first, what it
    is about next), so the work per sentence stays bounded when a whole document is read
    as one provision; the sentence must not exclude the requirement (nor the earlier one
    that gives the context), must not be a fragment without a sentence end (a running
    footer such as "Annual Report 2025 | 87"), and the requirement must have no evidence
    of the same kind in it on its own. Strength and addressee are this sentence's.
    """
    out, present, seen, sentence, make_sentence, complete = info
    if not present or not complete:
        return []
    now = frozenset(present)
    extra = frozenset(carried) - now
    if not extra:
        return []
    union = now | extra
    memo = compiled.candidates
    found = memo.get(union)
    if found is None:
        if len(memo) > SENTENCE_MEMO:
            memo.clear()
        found = memo[union] = _candidates(union, compiled)
    if not found:
        return []
    excluded_here = None
    have = {(e[0], e[1]) for e in out}
    per: dict[tuple[str, str], list] = {}
    for use in found:
        ps = use.partset
        if ps <= now or (use.requirement, use.role) in have:
            continue
        here = ps & now
        if not here:
            continue
        context = context_sides(use.term, compiled, anchors)
        missing = ps - now
        if not context or not missing <= context or here <= context:
            continue
        if any(use.requirement in carried[p] for p in missing):
            continue
        if excluded_here is None:
            excluded_here = _excluded(seen, compiled)
        if use.requirement in excluded_here:
            continue
        per.setdefault((use.requirement, use.role), []).append(use)
    if not per:
        return []
    shared = compiled.shared_core if GATE_SHARED else {}
    if sentence is None:
        sentence = make_sentence()
    evidence = []
    for (req_id, role), uses in per.items():
        uses.sort(key=_order)
        terms = tuple(dict.fromkeys(u.term for u in uses))
        first = min(present[p] for p in uses[0].partset & now)
        shared_only = role == CORE and all(t in shared for t in terms)
        evidence.append((req_id, role, terms, sentence, first, shared_only))
    return evidence
