"""The speed-ups of matching change no result: what is remembered across sentences is
keyed by everything it depends on, the sentence splitter equals the plain rule, and the
garbage collector is left as it was found.

(Timings are not tested here: `benchmarks/bench_matching.py` prints them.)
"""

from __future__ import annotations

import gc

import pytest

pytest.importorskip("spacy")

from hypothesis import given, settings
from hypothesis import strategies as st

from codecheck.errors import CodecheckError
from codecheck.matching import assess
from codecheck.matching.matcher import sentences
from codecheck.matching.nlp import normalise_with_map, pipeline
from codecheck.model import Catalogue, Citation, Code, Element, Instrument, Provision, Requirement


def _req(rid, terms, elements=()):
    return Requirement(
        id=rid,
        instrument="T",
        title=rid,
        citation=Citation("T", "1", "2024"),
        summary="",
        addressee="company",
        obligation="policy",
        legal_status={},
        themes=("policy-commitment",),
        weight=1,
        elements=tuple(elements),
        terms=terms,
        exclude={"en": ["human resources"]},
    )


CAT = Catalogue(
    instruments=(Instrument("T", "T", "1", "2024-01-01", "https://example.org", "soft-law"),),
    requirements=(
        _req(
            "POL",
            {"en": ["human rights + policy"]},
            (Element("approve", "Approved", "board-oversight", {"en": ["board + approve"]}),),
        ),
    ),
)


def _code(*texts, cid="c"):
    return Code(cid, "t", "1", "en", "file", "test",
                tuple(Provision(id=str(i + 1), text=t) for i, t in enumerate(texts)))


def _found(texts, cid="c"):
    cov = assess([_code(*texts, cid=cid)], CAT)[("POL", cid)]
    return sorted((e.provision, e.element or "", e.strength.value) for e in cov.evidence)


@pytest.mark.parametrize("order", [0, 1])
def test_same_phrases_negated_or_not_give_their_own_result(order):
    """The evidence a set of phrases makes is remembered per (phrases seen, phrases not
    negated): a negated sentence with the same phrases as a plain one must not reuse it."""
    plain = "The board shall approve the human rights policy."
    negated = "The board shall not approve the human rights policy."
    texts = [plain, negated] if order == 0 else [negated, plain]
    found = _found(texts, cid=f"c{order}")
    plain_id = "1" if order == 0 else "2"
    assert found == [(plain_id, "", "mandatory"), (plain_id, "approve", "mandatory")]
    # each alone gives the same as together
    assert _found([negated], cid="n") == []
    assert [f[1:] for f in _found([plain], cid="p")] == [f[1:] for f in found]


def test_excluded_sentence_with_the_same_phrases_stays_excluded():
    texts = ["The human rights policy is public.",
             "The human resources department keeps the human rights policy."]
    assert _found(texts) == [("1", "", "mandatory")]


def test_offsets_of_a_remembered_resolution_are_the_sentence_s_own():
    # same phrases, different positions and modal cues: strength read per sentence
    texts = ["Human rights are in the policy, which the company may publish.",
             "The company shall publish a policy on human rights."]
    assert _found(texts) == [("1", "", "optional"), ("2", "", "mandatory")]


def test_garbage_collector_left_as_found():
    c = _code("The board shall approve the human rights policy.")
    assert gc.isenabled()
    assess([c], CAT)
    assert gc.isenabled()
    gc.disable()
    try:
        assess([c], CAT)
        assert not gc.isenabled()
    finally:
        gc.enable()
    bad = Code("x", "t", "1", "de", "file", "test", (Provision(id="1", text="Menschenrechte"),))
    with pytest.raises(CodecheckError):
        assess([bad], CAT)
    assert gc.isenabled()


def _sentences_reference(rows, strings):
    """The sentence rule written as a plain loop over the tokens (the earlier code)."""
    end_h = {strings.add(c) for c in ".!?…"}
    tail_h = {strings.add(c) for c in ".!?…\"'”’»)]"}
    space_h = {strings.add(c) for c in (" ", "\n", "\t", "  ")}
    out = []
    n = len(rows)
    start = i = 0
    while i < n:
        if rows[i][0] in end_h:
            j = i + 1
            while j < n and rows[j][0] in tail_h:
                j += 1
            out.append((start, j))
            start = i = j
            continue
        i += 1
    if start < n:
        out.append((start, n))
    spans = []
    for s, e in out:
        a, b = s, e
        while a < b and rows[a][0] in space_h:
            a += 1
        while b > a and rows[b - 1][0] in space_h:
            b -= 1
        if a == b:
            a, b = s, e
        spans.append((s, e, rows[a][1], rows[b - 1][1] + rows[b - 1][2]))
    return spans


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["word", "Board", ".", "!", "?", "…", ")", '"', "'", "(", " ", "  ",
                                 "\n", ",", "x."]), max_size=30))
def test_sentence_splitter_equals_the_plain_rule(pieces):
    from spacy.attrs import IDX, LENGTH, LOWER

    nlp = pipeline("en")
    doc = nlp(" ".join(pieces))
    rows = doc.to_array([LOWER, IDX, LENGTH]).tolist()
    strings = doc.vocab.strings
    assert sentences(rows, strings) == _sentences_reference(rows, strings)


@pytest.mark.parametrize("text", ["no hyphen here", "human-rights due‐diligence", "a - b", "x‑y"])
def test_hyphen_shortcut_changes_nothing(text):
    import re

    normalised, omap = normalise_with_map(text)
    assert omap is None
    assert normalised == re.sub(r"(?<=[^\W\d_])[-\u2010\u2011](?=[^\W\d_])", " ", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", "rights", "-", "- ", "(s)", "(e)", "(", ")", " ", "  ", "\n",
                                 "\t", "\u00a0", "\u2003", "\u00ad", "\u2019", "\ufb01", "é", "x.",
                                 "vigi", "lance"]), max_size=20))
def test_first_look_skips_only_texts_the_full_pattern_leaves_alone(pieces):
    """The cheap first look of `_normalise_with_map` gives what the full pattern alone gives."""
    import re

    from codecheck.matching import nlp as nlp_module

    text = "".join(pieces)
    fast = nlp_module._normalise_with_map(text)
    hyphen, needs_map, _, pieces_pattern = nlp_module._patterns()
    saved = nlp_module._PATTERNS
    nlp_module._PATTERNS = (hyphen, needs_map, re.compile(r"(?s:.)|^"), pieces_pattern)  # always "maybe"
    try:
        assert fast == nlp_module._normalise_with_map(text)
    finally:
        nlp_module._PATTERNS = saved


def test_word_table_gives_the_string_store_s_texts(monkeypatch):
    """`_words` reads texts from its own table, refilled when it outgrows WORDS_KEPT."""
    from spacy.attrs import LOWER

    from codecheck.matching import matcher

    monkeypatch.setattr(matcher, "WORDS_KEPT", 5)
    nlp = pipeline("en")
    strings = nlp.vocab.strings
    for text in ["The board oversees human rights due diligence.", "Les droits humains, l'été 2025 !"]:
        hashes = nlp(text).to_array(LOWER).tolist()
        assert matcher._words(hashes, strings) == [strings[h] for h in hashes]
        assert matcher._words(hashes, strings) == [strings[h] for h in hashes]  # from the table
    assert len(matcher._WORDS) <= 5 + len(hashes)


def test_other_spaces_are_every_white_space_but_the_plain_space():
    """The first look's class lists white space by hand (one character class is three times
    faster than `[^\\S ]|[...]`); it must hold every character `\\s` matches, but " "."""
    import re

    from codecheck.matching.nlp import _OTHER_SPACES

    listed = re.compile(f"[{_OTHER_SPACES}]")
    spaces = [chr(c) for c in range(0x10000) if re.match(r"\s", chr(c))]
    assert [c for c in spaces if not listed.match(c)] == [" "]
    assert not any(listed.match(chr(c)) for c in range(0x10000) if chr(c) not in spaces)
