"""After an edit of a few requirements, the catalogue's merged view is updated by replacing
only their shares (`matching.merging`); it must always equal a merge from scratch."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("spacy")

from codecheck.catalogue import load_catalogue
from codecheck.matching import merging, scan, terms


def _comparable(view: merging.Merged) -> dict:
    """The view with list orders that do not matter taken out (a replaced requirement's
    uses come last in their `by_parts` lists; gap entries are scanned into a set)."""
    out = view._asdict()
    out.pop("changed_keys")
    out["by_parts"] = {k: sorted(map(repr, group)) for k, group in view.by_parts.items()}
    out["gap_first"] = {k: sorted(group) for k, group in view.gap_first.items()}
    # `partners` may keep pairs no term uses any more; the pairs in use must be there
    out["partners"] = sorted((a, b) for a, bs in view.partners.items() for b in bs if (a, b) in view.by_parts)
    return out


def _view(cat, lang: str) -> merging.Merged:
    sigs = [terms._signature(r, lang) for r in cat.requirements]
    store = terms.phrase_store(lang)
    rts = [terms._compile_requirement(s, lang, store) for s in sigs]
    return merging.merge(lang, [s[0] for s in sigs], [tuple(sorted(s[1])) for s in sigs], rts)


def _fresh(cat, lang: str) -> merging.Merged:
    saved = dict(merging._STATE)
    merging.reset()
    try:
        return _view(cat, lang)
    finally:
        merging._STATE.clear()
        merging._STATE.update(saved)


def _with(cat, i: int, **changes):
    reqs = list(cat.requirements)
    reqs[i] = dataclasses.replace(reqs[i], **changes)
    return dataclasses.replace(cat, requirements=tuple(reqs))


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_each_edit_gives_the_view_of_a_merge_from_scratch(lang):
    cat = load_catalogue()
    merging.reset()
    first = _view(cat, lang)
    assert first.changed_keys is None  # from scratch
    reqs = cat.requirements
    shared_req = next(i for i, r in enumerate(reqs) if r.terms.get(lang))
    steps = [
        # a new term with a new phrase and a long word (spelling scan) and a new two-word phrase
        _with(cat, 0, terms={**reqs[0].terms, lang: tuple(reqs[0].terms.get(lang, ())) + (
            "editorially reviewed + overcrowded dormitories",)}),
        # every core term of another requirement removed (its phrases leave the view unless shared)
        _with(cat, shared_req, terms={**reqs[shared_req].terms, lang: ()}),
        # themes changed: the core groups (shared core terms) change
        _with(cat, 3, themes=tuple(reversed(reqs[3].themes)) + ("remediation",)),
        # an exclusion added
        _with(cat, 7, exclude={**reqs[7].exclude, lang: tuple(reqs[7].exclude.get(lang, ())) + ("marketing campaign",)}),
        # the original again
        cat,
    ]
    # the largest requirement: a term put first (every later term moves) and a term added
    # last whose phrase some other term of it uses too (that group of uses changes)
    if lang == "en":  # (the same mechanism in every language; each merge from scratch costs ~1 s)
        big = max(range(len(reqs)), key=lambda i: len(reqs[i].terms.get(lang, ()) or ()))
        own = tuple(reqs[big].terms.get(lang, ()))
        steps += [_with(cat, big, terms={**reqs[big].terms, lang: ("overcrowded dormitories",) + own}),
                  _with(cat, big, terms={**reqs[big].terms, lang: own + (own[0] + " + overcrowded dormitories",)}),
                  cat]
    sharing = [i for i, r in enumerate(reqs) if any(r.id in ids for ids in first.shared_core.values())]
    for i in sharing[:2]:  # a requirement sharing a core term loses its terms, then gets them back
        steps += [_with(cat, i, terms={**reqs[i].terms, lang: ()}), cat]
    for n, edited in enumerate(steps):
        incremental = _view(edited, lang)
        assert incremental.changed_keys is not None, n  # replaced in place, not merged from scratch
        assert _comparable(incremental) == _comparable(_fresh(edited, lang)), f"step {n}"
    # a one-word term shared by no other requirement leaves the single words when removed
    assert _comparable(_view(cat, lang)) == _comparable(first)


def test_an_edit_of_a_large_requirement_keeps_the_uses_of_its_other_terms():
    """A requirement is compiled term by term (`terms._term_uses`); after a term is added,
    the groups of uses of its other terms are the same objects, which the merge leaves in
    place (`merging._replace_uses`)."""
    cat = load_catalogue()
    reqs = cat.requirements
    big = max(range(len(reqs)), key=lambda i: len(reqs[i].terms.get("en", ()) or ()))
    terms.compile_terms(cat, "en")
    before = terms._LATEST[("en", reqs[big].id)]
    edited = _with(cat, big, terms={**reqs[big].terms, "en": tuple(reqs[big].terms["en"]) + ("dormitory inspections",)})
    terms.compile_terms(edited, "en")
    after = terms._LATEST[("en", reqs[big].id)]
    assert after is not before
    same = [k for k, group in after.index.items() if before.index.get(k) is group]
    assert len(after.index) > 50 and len(same) >= len(after.index) - 2
    assert set(after.index) - set(before.index) == {("dormitory inspections",)}


def test_changed_keys_name_the_phrases_of_the_edited_terms_only():
    """The phrases whose uses an edit changed: those of the terms that came or went (the
    evidence of sentences without them is carried over, `terms._carry_memos`); all of the
    requirement's phrases when its themes changed."""
    cat = load_catalogue()
    merging.reset()
    _view(cat, "en")
    first = cat.requirements[0]
    edited = _with(cat, 0, terms={**first.terms, "en": ("completely novel phrase",)})
    view = _view(edited, "en")
    store = terms.phrase_store("en")
    old = terms._compile_requirement(terms._signature(first, "en"), "en", store)
    core = {k for (role, _), share in zip(terms._signature(first, "en")[2], old.shares) if role == terms.CORE
            for k in share.keys}
    kept = {k for (role, _), share in zip(terms._signature(first, "en")[2], old.shares) if role != terms.CORE
            for k in share.keys}
    assert "completely novel phrase" in view.changed_keys
    assert core <= view.changed_keys  # the terms gone
    assert kept and not (kept - core) & view.changed_keys  # its elements and exclusions stayed
    other = terms._compile_requirement(terms._signature(cat.requirements[1], "en"), "en", store)
    assert not (other.keys - old.keys) <= view.changed_keys
    themed = _with(edited, 0, themes=tuple(first.themes) + ("remediation",))
    assert old.keys - core <= _view(themed, "en").changed_keys  # themes changed: all its phrases


def test_many_changes_merge_from_scratch():
    cat = load_catalogue()
    merging.reset()
    _view(cat, "en")
    reqs = [dataclasses.replace(r, title=r.title) for r in cat.requirements]  # same content, new objects
    reqs = [dataclasses.replace(r, terms={**r.terms, "en": tuple(r.terms.get("en", ())) + ("x y",)})
            for r in reqs[: merging.MAX_CHANGED + 1]] + reqs[merging.MAX_CHANGED + 1:]
    view = _view(dataclasses.replace(cat, requirements=tuple(reqs)), "en")
    assert view.changed_keys is None


def _fresh_assess(codes, cat):
    """`assess` with every catalogue-level cache emptied (merges, compiled catalogues, the
    anchor phrases, the parsed documents with the hits kept on them), as in a new process;
    the caches are put back afterwards."""
    from codecheck.matching import assess, matcher
    from codecheck.matching.nlp import DOCS

    caches = [merging._STATE, terms._COMPILED, matcher._ANCHORS, matcher._ANCHOR_PAIRS, DOCS._docs]
    saved = [dict(c) for c in caches]
    for c in caches:
        c.clear()
    try:
        return assess(codes, cat)
    finally:
        for c, s in zip(caches, saved):
            c.clear()
            c.update(s)


def test_reports_after_edits_equal_fresh_ones_and_reuse_untouched_sentences():
    """Sentences and provisions the edit does not touch keep their evidence
    (`terms._carry_memos`); every result must equal an analysis from scratch."""
    from codecheck.documents import load_code
    from codecheck.matching import assess

    cat = load_catalogue()
    codes = [dataclasses.replace(load_code("be-cg-2020", lang), id=f"merge-{lang}") for lang in ("en", "nl", "fr")]
    merging.reset()  # the other tests merge views directly: start from a compile of our own
    terms._COMPILED.clear()
    assess(codes, cat)
    reqs = cat.requirements
    common = {"en": "board", "nl": "raad van bestuur", "fr": "conseil d'administration"}
    steps = [
        # a phrase found in many sentences: those sentences are worked out again
        _with(cat, 2, terms={**reqs[2].terms, **{l: tuple(reqs[2].terms.get(l, ())) + (p,) for l, p in common.items()}}),
        # an exclusion of a common phrase for another requirement
        _with(cat, 4, exclude={**reqs[4].exclude, "en": tuple(reqs[4].exclude.get("en", ())) + ("committee",)}),
        # a term nothing matches
        _with(cat, 6, terms={**reqs[6].terms, "en": tuple(reqs[6].terms.get("en", ())) + ("zebra crossing",)}),
        # a term with a long word no term had: the spelling scan reads again the words it
        # may change, and provisions whose hits stay the same keep their evidence
        _with(cat, 6, terms={**reqs[6].terms, "en": tuple(reqs[6].terms.get("en", ())) + ("quizzicality",)}),
        cat,
    ]
    reused = 0
    for n, edited in enumerate(steps):
        after = assess(codes, edited)
        compiled = terms.compile_terms(edited, "en")
        reused += sum(1 for text, carried in compiled.carried.items() if compiled.sentences.get(text) is carried[0])
        documents = sum(1 for key, carried in compiled.carried_documents.items() if compiled.documents.get(key) is carried)
        if n == 0:  # the provisions without the new phrase gave what they gave before, unread
            assert 0 < documents < len(compiled.documents)
        if n == 3:  # no provision holds the new word: all of them did
            assert documents == len(compiled.documents)
        if n == 3:
            assert "quizzicality" in scan.scan_vocabulary("en", compiled).words
        reused += documents
        assert after == _fresh_assess(codes, edited), f"step {n}"
    assert reused > 0  # the carried evidence was used, not only computed again


def test_provisions_are_read_again_when_an_edit_moves_the_anchor_phrases():
    """A provision's sentences lend each other context through the anchor phrases; an edit
    that changes the anchors must not let a provision keep the evidence it gave before."""
    from codecheck.documents import load_code
    from codecheck.matching import assess, matcher

    cat = load_catalogue()
    codes = [dataclasses.replace(load_code("be-cg-2020", "en"), id="anchors-en")]
    merging.reset()
    terms._COMPILED.clear()
    assess(codes, cat)
    before = matcher.anchor_phrases(terms.compile_terms(cat, "en"))
    store = terms.phrase_store("en")
    pairs = [(len(matcher._requirement_sides(r, "en", store.key_of)), i) for i, r in enumerate(cat.requirements)]
    edited = cat
    for _, i in sorted(pairs, reverse=True)[:12]:
        edited = _with(edited, i, terms={**edited.requirements[i].terms, "en": ()},
                       elements=tuple(dataclasses.replace(e, terms={**e.terms, "en": ()})
                                      for e in edited.requirements[i].elements))
        after = assess(codes, edited)
        compiled = terms.compile_terms(edited, "en")
        if matcher.anchor_phrases(compiled) != before:
            assert not compiled.carried_documents  # nothing carried over the changed anchors
            assert after == _fresh_assess(codes, edited)
            return
        before = matcher.anchor_phrases(compiled)
    pytest.fail("no edit changed the anchor phrases")


def test_anchor_phrases_after_edits_equal_those_from_scratch():
    """The anchors (phrases that terms of many themes pair) are updated by replacing the
    edited requirements' pairs; they must equal the anchors computed from scratch."""
    from codecheck.matching import matcher

    def anchors(cat, fresh: bool):
        if fresh:
            saved = dict(matcher._ANCHOR_PAIRS)
            matcher._ANCHOR_PAIRS.clear()
        matcher._ANCHORS.clear()
        try:
            return matcher.anchor_phrases(terms.compile_terms(cat, "en"))
        finally:
            if fresh:
                matcher._ANCHOR_PAIRS.clear()
                matcher._ANCHOR_PAIRS.update(saved)

    cat = load_catalogue()
    first = anchors(cat, fresh=True)
    anchors(cat, fresh=False)
    # requirements whose terms pair an anchor phrase, most pairs first: emptying them, one
    # after the other, takes anchors below the threshold (how many it takes depends on the
    # catalogue: up to twelve, and at least two edits after the first change)
    store = terms.phrase_store("en")
    pairs = [(len(matcher._requirement_sides(r, "en", store.key_of)), i) for i, r in enumerate(cat.requirements)]
    edited, seen = cat, []
    for _, i in sorted(pairs, reverse=True)[:12]:
        edited = _with(edited, i, terms={**edited.requirements[i].terms, "en": ()},
                       elements=tuple(dataclasses.replace(e, terms={**e.terms, "en": ()})
                                      for e in edited.requirements[i].elements))
        now = anchors(edited, fresh=False)
        assert now == anchors(edited, fresh=True)
        seen.append(now)
        if sum(a != first for a in seen) >= 2:
            break
    assert any(a != first for a in seen)  # the edits did change the anchors
    assert anchors(cat, fresh=False) == first


def test_no_carry_over_from_a_merge_someone_else_made():
    """The evidence of the compiled catalogue is carried only while the merge state is the
    one it was compiled from: a merge made directly (or of another catalogue) ends that."""
    cat = load_catalogue()
    merging.reset()
    terms._COMPILED.clear()
    terms.compile_terms(cat, "en")
    assert merging.owner("en") is not None
    _view(_with(cat, 0, terms={**cat.requirements[0].terms, "en": ("a merge of our own",)}), "en")
    assert merging.owner("en") is None


def _fresh_hits(doc, compiled, state) -> frozenset:
    """The hits of `doc` found from scratch (the hits kept on it are put back afterwards)."""
    from codecheck.matching import matcher

    kept = doc.user_data.pop(matcher._HITS, None)
    try:
        return matcher._document_hits(doc, compiled, state)[0]
    finally:
        doc.user_data[matcher._HITS] = kept


def _new_phrases(docs, store) -> tuple[str, str]:
    """From the documents' text: three words in a row that no phrase holds yet, and the
    same with its last word replaced by the one after it (found only with a gap). Short
    words (two-word phrases and long words change what the spelling scan looks for, and
    the scan then starts again: no hits are kept over that)."""

    for doc in docs:
        words = [t.text for t in doc]
        for i in range(len(words) - 4):
            run = words[i:i + 4]
            if all(w.isalpha() and 3 < len(w) < scan.FUZZY_MIN_LENGTH for w in run):
                exact, gapped = " ".join(run[:3]).lower(), " ".join(run[:2] + run[3:]).lower()
                if exact not in store.keys and gapped not in store.keys:
                    return exact, gapped
    pytest.fail("no run of new words in the documents")


def test_hits_kept_on_a_document_equal_a_fresh_search_after_edits():
    """A document keeps its hits; after an edit only new patterns and gap phrases are
    searched for, and hits of phrases gone are dropped (`matcher._document_hits`). After
    each edit every document's hits must equal a search from scratch."""
    from codecheck.documents import load_code
    from codecheck.matching import assess, matcher
    from codecheck.matching.nlp import DOCS

    cat = load_catalogue()
    code = dataclasses.replace(load_code("be-cg-2020", "en"), id="hits-en")
    assess([code], cat)
    docs = DOCS.docs("en", [p.full_text for p in matcher.matched_provisions(code)])
    exact, gapped = _new_phrases(docs, terms.phrase_store("en"))
    reqs = cat.requirements
    steps = [
        _with(cat, 3, terms={**reqs[3].terms, "en": tuple(reqs[3].terms.get("en", ())) + (exact,)}),
        _with(cat, 3, terms={**reqs[3].terms, "en": tuple(reqs[3].terms.get("en", ())) + (gapped,)}),
        cat,  # both phrases gone again
    ]
    changed = 0
    for edited in steps:
        before = {id(doc): doc.user_data[matcher._HITS] for doc in docs}
        assert assess([code], edited) == _fresh_assess([code], edited)
        compiled = terms.compile_terms(edited, "en")
        state = scan.scan_vocabulary("en", compiled)
        for doc in docs:
            kept = doc.user_data[matcher._HITS]
            assert kept.gap_first is compiled.gap_first
            assert kept.norms is before[id(doc)].norms  # brought up to date, not searched again
            assert kept.hits == _fresh_hits(doc, compiled, state)
            changed += kept.hits != before[id(doc)].hits
    assert changed >= 3  # the new phrases were found, then dropped


def test_hits_are_searched_again_when_a_word_is_read_otherwise():
    """A document's hits depend on its words' NORMs: when the lemmatizer rewrites one
    (`Lemmatizer.set_norm`, e.g. for a new term's word), the hits kept are not used; a
    rewrite of a word the document does not hold leaves them as they are."""
    from codecheck.documents import load_code
    from codecheck.matching import assess, matcher
    from codecheck.matching.nlp import DOCS, lemmatizer

    cat = load_catalogue()
    code = dataclasses.replace(load_code("be-cg-2020", "en"), id="norms-en")
    assess([code], cat)
    compiled = terms.compile_terms(cat, "en")
    state = scan.scan_vocabulary("en", compiled)
    doc = next(d for d in DOCS.docs("en", [p.full_text for p in matcher.matched_provisions(code)])
               if d.user_data[matcher._HITS].matched)
    mid, start, end = sorted(doc.user_data[matcher._HITS].matched)[0]
    lexeme, lem = doc[start].lex, lemmatizer("en")
    norm = lexeme.norm_
    elsewhere = doc.vocab["zqxwords-in-no-provision"]
    kept = doc.user_data[matcher._HITS].matched
    lem.set_norm(elsewhere, "no-such-word-either")
    assert matcher._document_hits(doc, compiled, state)[0] == _fresh_hits(doc, compiled, state)
    assert doc.user_data[matcher._HITS].matched is kept  # not searched again
    try:
        lem.set_norm(lexeme, "no-such-word")
        assert (mid, start, end) not in matcher._document_hits(doc, compiled, state)[0]
    finally:
        lem.set_norm(lexeme, norm)
    assert (mid, start, end) in matcher._document_hits(doc, compiled, state)[0]


def test_hits_after_the_spelling_scan_starts_again_equal_a_fresh_search():
    """A new long term word makes the spelling scan read again the words it may change
    (`scan._read_again`); only the documents holding a word now read otherwise search their
    hits again (`scan._log_changes`), and every document's hits equal a fresh search:
    a misspelling of the new word is found, and no longer once the word is gone."""
    from codecheck.documents import load_code
    from codecheck.matching import assess, matcher
    from codecheck.matching.nlp import DOCS
    from codecheck.model import Provision

    cat = load_catalogue()
    bundled = load_code("be-cg-2020", "en")
    slip = Provision("slip-1", text="The board shall review the company's quizzicalty every year.")
    code = dataclasses.replace(bundled, id="rescan-en", provisions=bundled.provisions + (slip,))
    assess([code], cat)
    docs = DOCS.docs("en", [p.full_text for p in matcher.matched_provisions(code)])
    slipped = next(d for d in docs if "quizzicalty" in d.text)
    reqs = cat.requirements
    steps = [_with(cat, 3, terms={**reqs[3].terms, "en": tuple(reqs[3].terms.get("en", ())) + ("quizzicality",)}),
             cat]
    for n, edited in enumerate(steps):
        before = {id(doc): doc.user_data[matcher._HITS] for doc in docs}
        after = assess([code], edited)
        read_again = scan._SCAN["en"].read_again
        assert 0 < read_again < 10  # the misspelling (and its case forms), not every word
        assert after == _fresh_assess([code], edited)
        compiled = terms.compile_terms(edited, "en")
        state = scan.scan_vocabulary("en", compiled)
        for doc in docs:
            assert doc.user_data[matcher._HITS].hits == _fresh_hits(doc, compiled, state)
        # the phrase matcher's hits of most documents were kept (brought up to date only)
        kept = sum(doc.user_data[matcher._HITS].matched is before[id(doc)].matched for doc in docs)
        assert kept > len(docs) // 2
        assert slipped.user_data[matcher._HITS].matched is not before[id(slipped)].matched
        word = compiled.phrases[terms.phrase_store("en").phrase("quizzicality")]
        found = any(mid == word for mid, _, _ in slipped.user_data[matcher._HITS].hits)
        assert found == (n == 0)


_NEW_PROCESS = """
import dataclasses, json, sys
from codecheck.catalogue import load_catalogue
from codecheck.matching import assess
from codecheck.model import Code, Provision
lang, text, term = sys.argv[1:4]
cat = load_catalogue()
first = cat.requirements[0]
edited = dataclasses.replace(first, terms={**first.terms, lang: tuple(first.terms.get(lang, ())) + (term,)})
cat = dataclasses.replace(cat, requirements=(edited,) + cat.requirements[1:])
code = Code("fresh", "Fresh", "1", lang, "file", "-", (Provision("1", text=text),))
found = assess([code], cat)
print(json.dumps(sorted([rid, list(e.span), list(e.terms)] for (rid, _), c in found.items() for e in c.evidence)))
"""


_READ_BEFORE_CASES = [
    # "quokkas" is in no lemma table: the scan reads it as "quokka" once a term has that
    # word (a short one, so the spelling scan's long words do not change)
    ("en", "The company shall report on its quokkas care plan.", "quokka care plan"),
    ("nl", "De vennootschap volgt het wombatten zorg plan op.", "wombat zorg plan"),
    ("fr", "La société publie le plan de soin des quokkas chaque année.", "soin des quokka"),
    # a term's long last word glued to a noun reads as that word (`_phrase_finals`)
    ("nl", "De vennootschap heeft een zorg wombatplanningbeleid.", "zorg wombatplanning"),
    # a new one-word term inside a compound, and completing a suspended one
    ("nl", "De vennootschap publiceert haar leverancierswombatzorg.", "wombatzorg"),
    ("nl", "De vennootschap regelt de wombat- en kattenzorg.", "wombatzorg"),
]


@pytest.fixture(scope="module")
def new_process_evidence():
    """Each case's evidence as a new process finds it (one process per case, run side by side)."""
    import json
    import subprocess
    import sys

    running = [subprocess.Popen([sys.executable, "-c", _NEW_PROCESS, *case], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for case in _READ_BEFORE_CASES]
    found = {}
    for case, proc in zip(_READ_BEFORE_CASES, running):
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        found[case] = json.loads(out)
    return found


@pytest.mark.parametrize("lang, text, term", _READ_BEFORE_CASES)
def test_a_word_read_before_an_edit_reads_as_in_a_new_process(lang, text, term, new_process_evidence):
    """After an edit that brings new term lemmas, a word read before that reduces to one of
    them (`scan._read_again`) must read as in a new process, which finds the new term."""
    from codecheck.matching import assess
    from codecheck.model import Code, Provision

    cat = load_catalogue()
    code = Code("fresh", "Fresh", "1", lang, "file", "-", (Provision("1", text=text),))
    assess([code], cat)  # read before the edit
    first = cat.requirements[0]
    edited = _with(cat, 0, terms={**first.terms, lang: tuple(first.terms.get(lang, ())) + (term,)})
    warm = sorted([rid, list(e.span), list(e.terms)] for (rid, _), c in assess([code], edited).items()
                  for e in c.evidence)
    fresh = new_process_evidence[(lang, text, term)]
    assert [first.id, [0, len(text)], [term]] in fresh  # the new term is found
    assert warm == fresh
