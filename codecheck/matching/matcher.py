"""Finding evidence: one matcher pass per document, hits grouped by sentence.

For each provision text the phrase matcher (on lemmas) runs once over all the
catalogue's phrases; Dutch compounds and misspelt words are found by a scan of the new
words (`scan_vocabulary`). Only the sentences with a hit are looked at further: for each
requirement a hit belongs to, the sentence is dropped if it holds one of the
requirement's exclusion terms; a term counts when each of its parts occurs in the
sentence outside a negated clause; strength and addressee are read from the words
around it. Shared core terms go to the requirements they fit best (`_core_families`);
element evidence only counts where the requirement's core concept is evidenced in the
same provision family (the provision with its sub-provisions and items, not its siblings).
A term's context side (the human-rights or harm words it pairs with an action) may come
from one of the two sentences before it or the one after it (`_carried_evidence`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import lru_cache, partial
from operator import itemgetter

from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, LOWER, NORM

from ..model import Code, Evidence, Provision, Strength
from . import context
from .nlp import DOCS, lemmatizer, pipeline
from .terms import COMPOUND_MIN_PART, CORE, EXCLUDE, CompiledTerms

GATE_SHARED = True  # resolve core terms shared by requirements with other themes
SENTENCE_MEMO = 50_000  # sentences remembered (latest catalogue, per language)
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
        # what the lexemes were read with: the catalogue's long words, term lemmas, one-word
        # terms and glued-compound finals (the objects, and their contents to compare), and
        # how many lemma forms the lemmatizer knew
        self.words: dict | None = None
        self.word_items: frozenset = frozenset()
        self.stems: frozenset | None = None
        self.compound_singles: dict | None = None  # the one-word terms, in a language with compounds
        self.finals: dict | None = None
        self.final_words: frozenset = frozenset()
        self.forms_read = 0
        self.checked: set[int] = set()
        # a string whose presence among those words, lemmas or forms decided how these
        # lexemes were read (their own text, their suffix candidates, ...): after an edit,
        # only the lexemes of the strings that came or went are read again (`_read_again`)
        self.looked_up: dict[str, set[int]] = {}
        self.read_again = 0  # lexemes read again after the last edit
        self.corrections: dict[str, str] = {}  # misspelt form -> term word
        self.compounds: dict[int, tuple[str, ...]] = {}  # lexeme orth -> phrase keys inside
        self.flag: int | None = None  # lexeme flag marking the compounds
        self.corrected: list[int] = []  # lexemes whose NORM a spelling correction set
        self.suspended: dict[int, str] = {}  # Dutch "arbeids-" lexeme orth -> its stem
        self.single_forms: dict[str, tuple[str, ...]] = {}  # form of a one-word term -> phrase keys
        self.completed: dict[tuple, tuple[str, ...]] = {}  # (stem, next word) -> completed term keys
        self.nearest: dict[str, tuple] = {}  # long unknown word -> (nearest term word or None, ratio)
        self.near_set: frozenset = frozenset()  # ... among these term words (`_nearest`)
        self.near_words: dict | None = None


_SCAN: dict[str, _ScanState] = {}


def scan_vocabulary(lang: str, compiled: CompiledTerms, docs=()) -> _ScanState:
    """Look once at each new lexeme: spelling variants of term words, Dutch compounds.

    Spelling: a word of 7+ letters that is not in the lemma table and resembles a long
    term word (rapidfuzz ratio >= FUZZY_THRESHOLD) gets that word's lemma as its NORM, so
    the phrase matchers see it as the term word ("dilligence", OCR slips). Real words
    ("diligent") are never changed. Only new lexemes are compared, each once, against the
    catalogue's long term words: the cost follows the vocabulary, not tokens x terms.

    Compounds (Dutch): "leveranciersgedragscode" holds the one-word term "gedragscode";
    such a lexeme is recorded with the terms inside it, and a token of it counts as a hit
    of those terms (see `_compound_hits`).

    After an edit of the catalogue, the lexemes read before whose reading depends on what
    changed are read again (`_read_again`), so that every lexeme reads as in a new process.
    """
    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    vocab = nlp.vocab
    state = _SCAN.setdefault(lang, _ScanState())
    if state.flag is None and lang in COMPOUND_LANGS:
        state.flag = vocab.add_flag(lambda text: False)
    words, stems, singles = compiled.fuzzy_vocab, compiled.term_lemmas, compiled.single_words
    do_compounds = lang in COMPOUND_LANGS and bool(singles)
    finals = _phrase_finals(compiled, vocab.strings) if do_compounds else {}
    again, completions = _read_again(state, words, stems, singles if lang in COMPOUND_LANGS else {}, finals, lem)
    before = _forget(state, vocab, lem, again) if again else None
    state.words, state.stems, state.finals = words, stems, finals
    # only the lexemes of documents not yet scanned
    from spacy.attrs import ORTH

    stamp = ("codecheck-scan", id(state))
    arrays = []
    for doc in docs:
        if doc.user_data.get("codecheck-scan") != stamp:
            arrays.append(doc.to_array(ORTH))
            doc.user_data["codecheck-scan"] = stamp
    if len(arrays) > 1:
        import numpy

        orths: set[int] = set(numpy.unique(numpy.concatenate(arrays)).tolist())
    else:
        orths = set(arrays[0].tolist()) if arrays else set()
    # lemmas of the lexemes not seen before (case variants included); a lexeme seen before
    # has its lemma already, and `Lemmatizer.ensure` rewrites existing lexemes itself
    orths -= state.checked
    if orths:
        lem.apply(orths)
    orths |= again
    if not orths:
        return state
    any_words = bool(words)
    single_forms = state.single_forms
    looked_up = state.looked_up
    candidates: dict[str, list] = {}
    fuzzy: list[tuple] = []  # (text, lexeme, its candidates' list) compared in one batch below
    glued: list[tuple] = []  # (lexeme, the term word it starts with, as NORM)
    state.checked |= orths
    # Dutch verb forms (present tense, participle) whose form the table knows only as an
    # adjective's lemma ("beperkt" for "beperkte", "gemaakt" for "gemaakte")
    verb_forms: set[str] = set()
    for orth in orths:
        lex = vocab[orth]
        text = lex.lower_
        if not lex.is_alpha:
            if lang in COMPOUND_LANGS and stems and text.endswith("-") and text[:-1].isalpha() \
                    and len(text) > COMPOUND_MIN_PART:
                # the first part of a suspended compound ("mensenrechten- en milieurisico's",
                # "veiligheids- en mensenrechtendoelstellingen") is the word it starts with
                stem = text[:-1]
                if do_compounds:  # and it may take the head of the next word (`_compound_hits`)
                    state.suspended[orth] = stem
                    lex.set_flag(state.flag, True)
                for cand in (stem, *(stem[: -len(l)] for l in ("s", "en") if stem.endswith(l))):
                    lemma = lem.lemma_of.get(cand, cand)
                    looked_up.setdefault(cand, set()).add(orth)
                    looked_up.setdefault(lemma, set()).add(orth)
                    if lemma in stems:
                        candidates.setdefault(text, []).append((lex, lemma))
                        break
            continue
        if len(text) < STEM_MIN_LENGTH:
            continue
        looked_up.setdefault(text, set()).add(orth)  # in the lemma forms, term lemmas or long words?
        if stems and text not in lem.lemma_of and text not in stems:
            for cand in _stripped(text, lang):
                looked_up.setdefault(cand, set()).add(orth)
                if cand in stems:
                    candidates.setdefault(text, []).append((lex, cand))
                    if lang == "nl" and cand.endswith("en") and (text[-1] in "td" or text.endswith("en")) \
                            and cand not in text:
                        verb_forms.add(text)
                    break
            else:
                cand = None
            if cand is not None:
                continue
        if len(text) < FUZZY_MIN_LENGTH:
            continue
        known_form = text in lem.lemma_of or text in words
        if do_compounds and len(text) >= COMPOUND_MIN_LENGTH and not known_form:
            # a multi-word term's last word glued to a noun: "due-diligencebeleid" (written
            # so in Dutch) reads "due diligence" + "beleid"; the compound takes that word's
            # NORM unless the table knows it as a word of its own (checked below, in one query)
            looked_up.setdefault(_FINAL_MARK + text[:4], set()).add(orth)
            for fin in finals.get(text[:4], ()):
                rest = text[len(fin):]
                if rest.startswith("s") and len(rest) > 4:
                    rest = rest[1:]  # linking s: "zorgvuldigheids|procedure"
                if text.startswith(fin) and len(rest) >= GLUED_MIN_REST:
                    glued.append((lex, fin))
                    break
        if do_compounds and len(text) >= COMPOUND_MIN_LENGTH:
            looked_up.setdefault(_HEAD_MARK + text[:4], set()).add(orth)  # one-word terms it may start
            looked_up.setdefault(_TAIL_MARK + text[-4:], set()).add(orth)  # ... or end with
            # a compound that is a term itself also counts for the long terms it is made of
            # ("mensenrechtenschendingen": "mensenrechten", "schendingen"), not for short
            # ones: such a compound names a concept of its own ("ondernemingsraad", the works
            # council, is no "raad", the board; "raadplegen", to consult, holds none)
            parts = _split_compound(text, single_forms, long_only=text in single_forms)
            if parts:
                state.compounds[orth] = parts
                lex.set_flag(state.flag, True)
        if known_form or not any_words:
            continue
        fuzzy.append((text, lex, candidates.setdefault(text, [])))
    if fuzzy:
        for (_, lex, pairs), word in zip(fuzzy, _nearest(state, words, [text for text, _, _ in fuzzy])):
            if word is not None:
                pairs.append((lex, word))
                looked_up.setdefault(word, set()).add(lex.orth)  # its NORM is that word's lemma
        candidates = {text: pairs for text, pairs in candidates.items() if pairs}
    if glued:
        real = lem.table.known({lex.lower_ for lex, _ in glued})
        for lex, norm in glued:
            if lex.lower_ not in real:  # a word of its own in the table keeps its reading
                lem.set_norm(lex, norm)
                state.corrections[lex.lower_] = norm
                state.corrected.append(lex.orth)
    if candidates:
        known = lem.table.known(candidates)
        forms = lem.table.lemmas(verb_forms & known) if verb_forms else {}
        for text, pairs in candidates.items():
            if text in known and (text not in verb_forms or text in forms):
                continue
            for lex, word in pairs:
                lem.set_norm(lex, words.get(word, word))
                state.corrections[text] = word
                state.corrected.append(lex.orth)
    if before is not None:
        _log_changes(state, before, vocab, lem)
    if completions:
        for orth in state.suspended:  # "arbeids-" may complete otherwise with the next word
            lem.rewritten.append(vocab[orth].norm)
    return state


# `looked_up` keys: the glued-compound finals, and the forms of one-word terms, that start
# (or end) with four letters
_FINAL_MARK, _HEAD_MARK, _TAIL_MARK = "\0final:", "\0head:", "\0tail:"


def _single_forms(singles: dict, lem) -> dict[str, tuple[str, ...]]:
    """Every form of the one-word terms (Dutch compounds are split into them) -> their
    phrase keys."""
    single_forms: dict[str, tuple[str, ...]] = {}
    if singles:
        for form, lemma in lem.lemma_of.items():
            if lemma in singles:
                single_forms[form] = singles[lemma]
        for lemma, keys in singles.items():
            single_forms.setdefault(lemma, keys)
    return single_forms


def _read_again(state: _ScanState, words: dict, stems: frozenset, singles: dict, finals: dict,
                lem) -> tuple[set, bool]:
    """The lexemes read before whose reading may differ with the catalogue's words now, and
    whether the forms of the one-word terms changed (`singles`, in a language with
    compounds: suspended compounds then complete otherwise, `_complete_suspended`).

    A lexeme's reading depends on the catalogue only through the presence of a few strings
    among its long words, its term lemmas, the lemmatizer's forms, the glued-compound
    finals and the one-word terms' forms (recorded in `state.looked_up` as it is read), and
    on its nearest long word (`_nearest`, which says which changed)."""
    new_forms = lem.forms[state.forms_read:]
    state.forms_read = len(lem.forms)
    if state.words is None:  # nothing read yet
        state.word_items = frozenset(words.items())
        state.final_words = frozenset(w for group in finals.values() for w in group)
        state.compound_singles = singles
        state.single_forms = _single_forms(singles, lem)
        return set(), False
    if state.words is words and state.stems is stems and state.compound_singles is singles \
            and state.finals is finals and not new_forms:
        return set(), False
    changed: set[str] = set(new_forms)
    if words is not state.words:
        items = frozenset(words.items())
        changed.update(w for w, _ in items ^ state.word_items)
        state.word_items = items
    if stems is not state.stems:
        changed |= stems ^ state.stems
    if finals is not state.finals:
        final_words = frozenset(w for group in finals.values() for w in group)
        changed.update(_FINAL_MARK + w[:4] for w in final_words ^ state.final_words)
        state.final_words = final_words
    completions = False
    if singles is not state.compound_singles or (singles and any(lem.lemma_of.get(f) in singles for f in new_forms)):
        single_forms = _single_forms(singles, lem)
        old = state.single_forms
        if single_forms != old:
            for form in old.keys() | single_forms.keys():
                if old.get(form) != single_forms.get(form):
                    changed.update((_HEAD_MARK + form[:4], _TAIL_MARK + form[-4:]))
            state.single_forms = single_forms
            state.completed = {}
            completions = True
    everything = bool(words) != bool(state.words) or bool(stems) != bool(state.stems) \
        or bool(singles) != bool(state.compound_singles)
    state.compound_singles = singles
    if everything:  # a kind of reading starts or stops for every lexeme
        state.read_again = len(state.checked)
        _nearest_changes(state, words)
        return set(state.checked), completions
    looked_up = state.looked_up
    again: set[int] = set()
    for s in changed:
        found = looked_up.get(s)
        if found:
            again |= found
    for text in _nearest_changes(state, words):
        again |= looked_up.get(text, set())
    again &= state.checked
    state.read_again = len(again)
    return again, completions


class _Before(NamedTuple):
    """How the lexemes read again had been read."""

    checked: set  # the lexemes read again
    norms: dict  # lexeme (corrected or in a compound) -> the NORM id it had
    compounds: dict
    suspended: dict


def _forget(state: _ScanState, vocab, lem, orths: set) -> _Before:
    """Undo what the scan found for `orths` (to be read again), and give the corrected ones
    back their lemma without logging it: which lexemes end up read differently is known only
    after they are read again (`_log_changes`)."""
    compounds = {o: state.compounds.pop(o) for o in orths if o in state.compounds}
    suspended = {o: state.suspended.pop(o) for o in orths if o in state.suspended}
    corrected = [o for o in state.corrected if o in orths]
    norms = {o: vocab[o].norm for o in (*corrected, *compounds, *suspended)}
    for orth in (*compounds, *suspended):
        vocab[orth].set_flag(state.flag, False)
    for orth in corrected:
        lex = vocab[orth]
        state.corrections.pop(lex.lower_, None)
        lex.norm_ = lem.lemma(lex.lower_)  # unlogged: `_log_changes`
    if corrected:
        state.corrected = [o for o in state.corrected if o not in orths]
    state.checked -= orths
    return _Before(orths, norms, compounds, suspended)


def _log_changes(state: _ScanState, before: _Before, vocab, lem) -> None:
    """After lexemes were read again, log the NORM each had whose reading changed (its NORM,
    or the terms it holds as a compound), so that only the documents holding one of them
    search their hits again (`_document_hits`)."""
    for orth, norm in before.norms.items():
        if vocab[orth].norm != norm or before.compounds.get(orth) != state.compounds.get(orth) \
                or before.suspended.get(orth) != state.suspended.get(orth):
            lem.rewritten.append(norm)
    for orth in before.checked:
        if (orth in state.compounds or orth in state.suspended) and orth not in before.norms:
            lem.rewritten.append(vocab[orth].norm)  # a compound now; its NORM did not change


def _closest(choices: list[str], texts: list[str]) -> list[tuple]:
    """For each text, the first of `choices` with the highest rapidfuzz ratio of at least
    FUZZY_THRESHOLD and that ratio, or (None, 0): what `process.extractOne` gives for each
    text, in one `process.cdist` call (extractOne converts the choices again on every call,
    which cost ~0.17 ms per word against the ~1,800 long term words of a language)."""
    from rapidfuzz import fuzz, process
    import numpy

    if not texts or not choices:
        return [(None, 0.0)] * len(texts)
    scores = process.cdist(texts, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD,
                           dtype=numpy.float64)
    best = scores.argmax(axis=1).tolist()  # the first of equal scores, as extractOne
    out = []
    for i, j in enumerate(best):
        score = float(scores[i, j])
        out.append((choices[j], score) if score >= FUZZY_THRESHOLD else (None, 0.0))
    return out


def _nearest(state: _ScanState, words: dict, texts: list[str]) -> list:
    """`_closest` of each text among the sorted `words`, remembered per text: after an edit
    of the words, a text is compared only with the words added, and from scratch only when
    its nearest word is gone (`_nearest_changes`). Equal ratios go to the word first in
    sorted order, as in one comparison with all the words."""
    _nearest_changes(state, words)
    memo = state.nearest
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        memo.update(zip(todo, _closest(sorted(words), todo)))
    return [memo[t][0] for t in texts]


def _nearest_changes(state: _ScanState, words: dict) -> set[str]:
    """Bring the remembered nearest words up to date with `words`; the texts whose nearest
    word changed."""
    changed: set[str] = set()
    if state.near_words is words:
        return changed
    state.near_words = words
    now = frozenset(words)
    if now == state.near_set:
        return changed
    gone = state.near_set - now
    memo = state.nearest
    if gone:
        for text in [t for t, found in memo.items() if found[0] in gone]:
            del memo[text]  # compared from scratch when next read
            changed.add(text)
    added = sorted(now - state.near_set)
    if added and memo:
        kept = list(memo)
        for text, (word, score) in zip(kept, _closest(added, kept)):
            old, old_score = memo[text]
            if word is not None and (old is None or score > old_score or (score == old_score and word < old)):
                memo[text] = (word, score)
                changed.add(text)
    state.near_set = now
    return changed


GLUED_MIN_REST = 4  # letters a noun glued to a term's last word has at least ("-beleid")
_FINALS: dict[int, tuple] = {}  # id(compiled) -> (compiled, finals)


def _phrase_finals(compiled: CompiledTerms, strings) -> dict[str, tuple]:
    """The last words (8+ letters) of the catalogue's multi-word phrases that are no
    one-word term themselves ("diligence" of "due diligence", "zorgvuldigheid" of "passende
    zorgvuldigheid"), by NORM, as `{first four letters: (word, ...)}`, longest first."""
    cached = _FINALS.get(id(compiled))
    if cached is not None and cached[0] is compiled:
        return cached[1]
    singles = compiled.single_words
    found: set[str] = set()
    for entries in compiled.gap_first.values():
        for _, rest in entries:
            norm = strings[rest[-1]]
            if len(norm) >= COMPOUND_MIN_LENGTH and norm.isalpha() and norm not in singles:
                found.add(norm)
    out: dict[str, list] = {}
    for word in sorted(found, key=lambda w: (-len(w), w)):
        out.setdefault(word[:4], []).append(word)
    finals = {k: tuple(v) for k, v in out.items()}
    if len(_FINALS) > 16:
        _FINALS.clear()
    _FINALS[id(compiled)] = (compiled, finals)
    return finals


def _split_compound(text: str, single_forms: dict[str, tuple[str, ...]], long_only: bool = False) -> tuple[str, ...]:
    """The one-word terms a compound starts with (modifier) and ends with (head), as phrase
    keys (a word of a synonym class gives the key of each word of its class); only those of
    COMPOUND_MIN_LENGTH letters or more when `long_only`."""
    n = len(text)
    head: tuple[str, ...] = ()
    for i in range(COMPOUND_MIN_PART, n - COMPOUND_MIN_PART + 1):  # longest head first
        right = text[i:]
        if right in single_forms:
            head = single_forms[right]
            break
    modifiers: list[str] = []
    for i in range(n - COMPOUND_MIN_PART, COMPOUND_MIN_PART - 1, -1):  # longest modifier
        left = text[:i]
        # every reading of the longest modifier: "mensenrechten|doelstellingen" is both
        # "mensenrechten" and "mensenrecht" + linking "en", and terms may list either
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            stem = left[: len(left) - len(link)] if link else left
            if len(stem) >= COMPOUND_MIN_PART and stem in single_forms:
                modifiers.extend(single_forms[stem])
        if modifiers:
            break
    if long_only:  # "raad|plegen" (to consult) holds no board
        return tuple(dict.fromkeys(k for k in (*modifiers, *head) if len(k) >= COMPOUND_MIN_LENGTH))
    return tuple(dict.fromkeys((*modifiers, *head)))


STEM_MIN_LENGTH = 4  # shortest unknown word given a lemma by suffix stripping

# inflection endings, longest first: (ending, replacement)
_SUFFIXES = {
    "en": (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")),
    "nl": (("'s", ""), ("ën", ""), ("en", ""), ("ssen", "s"), ("ven", "f"), ("zen", "s"),
           ("s", ""), ("n", ""), ("e", ""), ("te", ""), ("de", "")),
    "fr": (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("aux", "al"), ("es", "e"),
           ("es", ""), ("s", ""), ("x", ""), ("e", "")),
}


@lru_cache(maxsize=100_000)
def _stripped(word: str, lang: str) -> tuple[str, ...]:
    """`strip_suffixes`, worked out once per word (the scan reads every word again when the
    catalogue's words change)."""
    return tuple(strip_suffixes(word, lang))


def strip_suffixes(word: str, lang: str) -> list[str]:
    """Candidate lemmas of an inflected form the lookup table does not know.

    A plural or inflected form missing from the table (*klachtenprocedures*,
    *risicoanalyses*, *parties prenantes*) gets the term word it reduces to by removing a
    common ending; the caller accepts a candidate only when it is a word of a term and the
    form itself is not in the table (so a real word is never changed). Dutch also undoes
    the spelling changes of the plural (*processen* -> *proces*, *bedrijven* -> *bedrijf*).
    """
    out = []
    for ending, repl in _SUFFIXES.get(lang, ()):
        if word.endswith(ending) and len(word) - len(ending) + len(repl) >= 3:
            cand = word[: len(word) - len(ending)] + repl
            if cand not in out:
                out.append(cand)
            if lang == "nl" and ending == "en" and len(cand) >= 4 and cand[-1] == cand[-2]:
                out.append(cand[:-1])  # "processen" -> "process" -> "proces"
    if lang == "nl" and word.endswith("t") and len(word) >= 4:
        # present tense "stam + t" the table lacks: "stelt" -> "stellen", "beperkt" ->
        # "beperken", "gaat" -> "gaan", "draagt" -> "dragen"
        stem = word[:-1]
        cands = [stem + "en", stem + stem[-1] + "en", stem + "n"]
        if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
            cands.append(stem[:-2] + stem[-1] + "en")
        if word[-2] == word[-3] and word[-2] in "aeou":  # stem ending in t: "meet" -> "meten"
            cands.append(word[:-3] + word[-2] + "ten")
        out.extend(c for c in cands if c not in out)
    if lang == "nl":
        out.extend(c for c in _nl_participle(word) if c not in out)
        if word.endswith("e") and len(word) > 6:  # inflected: "gemonitorde" -> "monitoren"
            out.extend(c for c in _nl_participle(word[:-1]) if c not in out)
    return out


def _nl_participle(word: str) -> list[str]:
    """Infinitives a Dutch past participle the table lacks may belong to.

    Weak participles are *ge* + stem + *d/t* (*gemonitord* -> *monitoren*, *gemaakt* ->
    *maken*, *geëvalueerd* -> *evalueren*), strong ones *ge* + stem + *en* with the
    infinitive's vowel (*gemeten* -> *meten*); a separable verb puts its particle before
    *ge* (*bijgestuurd* -> *bijsturen*). Only the infinitive a term uses is ever taken.
    """
    out: list[str] = []
    # strong verbs change their vowel; with be-/ver-/ont-/her- there is no ge-
    # ("verbonden" -> "verbinden", "beschreven" -> "beschrijven", "betrokken" -> "betrekken")
    bodies = [word]
    if word.startswith("ge"):
        bodies.append(word[2:])
    for p in _NL_PARTICIPLE_PARTICLES:
        if word.startswith(p + "ge"):
            bodies.append(p + word[len(p) + 2:])  # "afgesproken" -> "afsproken"
            break
    for old, new in _NL_ABLAUT:
        if word.endswith(old):
            for body in bodies:
                if len(body) >= len(old) + 2:
                    out.append(body[: len(body) - len(old)] + new)
    lead = ""
    rest = word
    if not rest.startswith("ge"):
        for p in _NL_PARTICIPLE_PARTICLES:
            if rest.startswith(p + "ge") and len(rest) > len(p) + 5:
                lead, rest = p, rest[len(p):]
                break
        else:
            return out
    body = rest[2:]
    if body[:1] in ("ë", "ï"):  # "geëvalueerd", "geïdentificeerd"
        body = {"ë": "e", "ï": "i"}[body[0]] + body[1:]
    if len(body) < 3:
        return out
    stems = []
    if body[-1] in "dt":
        stems.append(body[:-1])
    elif body.endswith("en") and len(body) >= 5:
        out.append(lead + body)  # strong: "gemeten" -> "meten"
    for stem in stems:
        if len(stem) < 2:
            continue
        if stem.endswith("eer"):  # "geëvalueerd" -> "evalueren"
            out.append(lead + stem[:-3] + "eren")
        if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
            out.append(lead + stem[:-2] + stem[-1] + "en")  # "gemaakt" -> "maken"
        out.append(lead + stem + "en")  # "gemonitord" -> "monitoren"
        if len(stem) >= 3 and stem[-1] not in "aeiouy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
            out.append(lead + stem + stem[-1] + "en")  # "gestopt" -> "stoppen"
        if stem[-1] == "v":
            out.append(lead + stem[:-1] + "ven")
    return out


_NL_ABLAUT = (  # participle ending -> infinitive ending of common strong verbs
    ("onden", "inden"), ("even", "ijven"), ("eden", "ijden"), ("oden", "ieden"),
    ("omen", "emen"), ("offen", "effen"), ("okken", "ekken"), ("oken", "eken"),
    ("orven", "erven"), ("oten", "ieten"), ("ogen", "iegen"),
)

_NL_PARTICIPLE_PARTICLES = (
    "openbaar", "bekend", "samen", "terug", "onder", "voor", "door", "over", "goed", "vast",
    "weg", "aan", "bij", "mee", "toe", "uit", "af", "in", "na", "om", "op",
)


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


def _complete_suspended(stem: str, word: str, state: _ScanState) -> tuple[str, ...]:
    """The term a suspended compound's first part makes with the next word's head, as its
    phrase keys: "arbeids- en woonomstandigheden" holds "arbeidsomstandigheden"."""
    memo = (stem, word)
    if memo in state.completed:
        return state.completed[memo]
    found: tuple[str, ...] = ()
    forms = state.single_forms
    for j in range(1, len(word) - COMPOUND_MIN_PART + 1):  # longest head first
        keys = forms.get(stem + word[j:])
        if keys:
            found = keys
            break
    state.completed[memo] = found
    return found


def _compound_hits(doc, state: _ScanState, flags=None) -> list[tuple[str, int, int]]:
    if not state.compounds and not state.suspended:
        return []
    if flags is None:
        flags = doc.to_array(state.flag)
    flags = flags.tolist()
    if 1 not in flags:
        return []
    out = []
    n = len(doc)
    for i in [i for i, f in enumerate(flags) if f]:
        orth = doc[i].orth
        stem = state.suspended.get(orth)
        if stem is not None:
            if i + 2 < n and doc[i + 1].lower_ in _SUSPENDED_LINKS:
                for k in _complete_suspended(stem, doc[i + 2].lower_, state):
                    out.append((k, i, i + 1))
            continue
        for k in state.compounds.get(orth, ()):
            out.append((k, i, i + 1))
    return out


_SUSPENDED_LINKS = frozenset({"en", "of", "tot", "noch"})


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


def _families(provisions: list[Provision]) -> list[str]:
    """The family of each provision: the provision below a principle that it belongs to.

    A provision's family is itself with its sub-provisions and items (3.1 with 3.1.2 and
    its (a), (b) ...), not its siblings under the same principle: a principle gathers
    unrelated topics (an audit committee and a nomination committee), so an element found
    in one provision must not complete a concept found in another. A principle's own text
    is a family of its own; a parent chain without principles ends at its top ancestor.
    """
    by_id = {p.id: p for p in provisions}
    out = []
    for p in provisions:
        seen = set()
        cur = p
        while cur.parent and cur.parent in by_id and cur.parent not in seen:
            parent = by_id[cur.parent]
            if parent.kind == "principle":
                break
            seen.add(cur.id)
            cur = parent
        out.append(cur.id)
    return out


def matched_provisions(code: Code) -> list[Provision]:
    return [p for p in code.provisions if p.kind in MATCHED_KINDS]


def find_evidence(code: Code, compiled: CompiledTerms, reader=None,
                  vouched: dict | None = None) -> dict[str, list[Evidence]]:
    """`{requirement id: [Evidence, ...]}` for one code (requirements without evidence omitted).

    With a `reader` (`learned.vouched_themes`: language, texts, their docs -> per provision
    the themes it vouches for, with their probabilities), hits the gate holds back count where
    the reader vouches for them (`_gate`); each is also put in `vouched`, as
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
    return _gate(raw, provisions, texts, compiled, read, vouched)


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


def _document_hits(doc, compiled: CompiledTerms, state: _ScanState):
    """The phrase hits of one document, and its token array when it was made (else None).

    Hits come from the phrase matcher (on NORM), the Dutch compounds and the gap scan. They
    are kept on the document: a re-analysis finds them again only where something they
    depend on changed. After a catalogue edit (no NORM the document holds rewritten, no
    compound read otherwise: `_log_changes`), the matcher runs again only on documents
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
        compounds = frozenset((phrases[k], start, end) for k, start, end in _compound_hits(doc, state, array[:, 4]))
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
        c_start = int(array[a, 1])
        c_end = int(array[b - 1, 1]) + int(array[b - 1, 2])
        if omap is not None:
            c_start, c_end = omap[c_start], omap[c_end - 1] + 1
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
            for use, rest in group:
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


def _sentences_naming(hits, starts: list, compiled: CompiledTerms) -> set:
    """The sentences holding a hit of a phrase the catalogue's terms use (the phrase store
    also matches phrases of catalogues compiled before: those name nothing here)."""
    used = compiled.used_phrases
    phrase_of = compiled.phrase_of
    concept_of = compiled.concept_of
    out = set()
    for match_id, start, _ in hits:
        k = phrase_of.get(match_id)
        if k is not None and (k in used or not used.isdisjoint(concept_of.get(k, ()))):
            out.add(bisect_right(starts, start) - 1)
    return out


def _declined_by_next(hits, starts: list, sents, lowers: list, strings, compiled: CompiledTerms,
                      lang: str) -> frozenset:
    """The sentences with hits that the next sentence declines: one that names nothing
    itself (no hit) and declines ("It decided not to do so for now", "Il a décidé de ne
    pas y donner suite", `context.declined`) refers back to the sentence before it."""
    negations = _negation_hashes(strings, lang)
    # most provisions have no later sentence with a negation word at all: nothing to read
    candidates = [i for i in range(1, len(sents)) if not negations.isdisjoint(lowers[sents[i][2]:sents[i][3]])]
    if not candidates:
        return frozenset()
    naming = _sentences_naming(hits, starts, compiled)
    out = set()
    for nxt in candidates:
        if nxt - 1 in naming and nxt not in naming:
            _, _, a, b = sents[nxt]
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
    """(phrase key, theme) of the phrases on a side of one requirement's "A + B" terms."""
    same = _SIDES_OF.get((id(req), lang))
    if same is not None and same[0] is req:
        return same[1]  # the same requirement object: no signature to hash
    found = _requirement_sides_of(req, lang, key_of)
    if len(_SIDES_OF) > 20_000:
        _SIDES_OF.clear()
    _SIDES_OF[(id(req), lang)] = (req, found)
    return found


_SIDES_OF: dict[tuple[int, str], tuple] = {}  # (id(requirement), lang) -> (it, `_requirement_sides`)


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
        for index, _, role, terms, _, _, shared_only in items:
            fam = families[index]
            if role != CORE:
                corroborated.setdefault(req_id, set()).add(fam)
            elif shared_only:
                ambiguous.setdefault(req_id, {}).setdefault(fam, set()).update(terms)
            else:
                own.setdefault(req_id, set()).add(fam)
                corroborated.setdefault(req_id, set()).add(fam)
    allowed = {req_id: set(fams) for req_id, fams in own.items()}
    core_fams = {
        req_id: {families[x[0]] for x in items if x[2] == CORE}
        for req_id, items in raw.items()
    }
    for req_id, by_family in ambiguous.items():
        for fam, terms in by_family.items():
            if fam in allowed.get(req_id, ()):
                continue
            for term in sorted(terms):
                rivals = [
                    r for r in shared[term]
                    if r in compiled.requirements and fam in core_fams.get(r, ())
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


# a speak-up line open to "employees, contractors and suppliers" names who may report a
# breach, not business partners as the scope of a due-diligence measure: whistleblowing
# evidence does not make "suppliers + @evidence" count
FACET_NOT_LICENSED_BY = frozenset({"whistleblowing"})


def _facets_found(raw, families: list[str], compiled: CompiledTerms) -> dict:
    """`raw` without the hits of "@evidence" terms that have no partner evidence.

    A term such as "suppliers + @evidence" counts in a provision family only where the
    core concept of another requirement, of a theme the term's own requirement does not
    have, has a hit of its core terms ("suppliers" with a grievance channel, a remedy, a
    risk assessment): the business partners are then the scope of that measure. Hits made
    only of such terms are dropped elsewhere; the others are kept as they are.
    """
    facet_terms = compiled.facet_terms
    facet_reqs = [r for r in compiled.facet_requirements if r in raw]
    if not facet_reqs:
        return raw

    def facet_only(terms) -> bool:
        for t in terms:
            if t not in facet_terms:
                return False
        return True

    waiting = {r: [x for x in raw[r] if facet_only(x[3])] for r in facet_reqs}
    need = {families[x[0]] for items in waiting.values() for x in items}
    if not need:
        return raw
    requirements = compiled.requirements
    themes_in: dict[str, set] = {}  # family -> themes of core evidence made of ordinary terms
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is None:
            continue
        check = req_id in compiled.facet_requirements
        for x in items:
            if x[2] == CORE:
                fam = families[x[0]]
                if fam in need and not (check and facet_only(x[3])):
                    themes_in.setdefault(fam, set()).update(
                        t for t in req.themes if t not in FACET_NOT_LICENSED_BY)
    out = dict(raw)
    for req_id, facet_items in waiting.items():
        if not facet_items:
            continue
        req = requirements.get(req_id)
        own = set(req.themes) if req is not None else set()
        kept = [x for x in raw[req_id] if not facet_only(x[3]) or themes_in.get(families[x[0]], own) - own]
        if kept:
            out[req_id] = kept
        else:
            del out[req_id]
    return out


# a sentence about pay, a speak-up channel or a code of conduct names an assessment only as
# what the bonus counts, what a reporter may raise or what the code covers ("the share of
# suppliers assessed", "managers may not try to identify the reporter"): it asks for no
# impact assessment (in the labelled sets, 12 such hits were false and none right); and a
# sentence about pay names the directors as who is paid, not as overseers ("the bonus of the
# executive directors depends on the transition plan": round 14i, 30 such board-oversight
# themes were false and 5 right on the read sets)
SENTENCE_OUTRANKS = {
    "incentives": frozenset({"impact-assessment", "board-oversight"}),
    "whistleblowing": frozenset({"impact-assessment"}),
    "code-of-conduct": frozenset({"impact-assessment"}),
}


def _outranked_dropped(raw, compiled: CompiledTerms) -> dict:
    """`raw` without the evidence of requirements whose themes are all outranked (by
    SENTENCE_OUTRANKS) by the core evidence of another requirement in the same sentence."""
    requirements = compiled.requirements
    outranked: dict[tuple, set] = {}  # (provision index, sentence span) -> themes outranked there
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is None:
            continue
        themes = set()
        for t in req.themes:
            themes |= SENTENCE_OUTRANKS.get(t, frozenset())
        if not themes:
            continue
        for x in items:
            if x[2] == CORE:
                outranked.setdefault((x[0], x[1]), set()).update(themes)
    if not outranked:
        return raw
    anywhere = set().union(*outranked.values())  # a theme outranked in no sentence keeps its items
    none: frozenset = frozenset()
    out = {}
    for req_id, items in raw.items():
        req = requirements.get(req_id)
        if req is not None and req.themes and anywhere.issuperset(req.themes):
            own = set(req.themes)
            items = [x for x in items if not own <= outranked.get((x[0], x[1]), none)]
            if not items:
                continue
        out[req_id] = items
    return out


def _gate(raw, provisions, texts, compiled: CompiledTerms, read: dict | None = None,
          vouched: dict | None = None) -> dict[str, list[Evidence]]:
    """The evidence that counts, from all the hits of one code (`raw`): without outranked
    themes, facets without a partner and elements outside their core concept's families.

    With `read` (provision index -> the themes the learned reader vouches for there, with
    probabilities), a hit held back counts where the reader vouches for each of its themes;
    an element outside its core concept's families then stands for the core concept, and
    only where the reader vouches for the requirement's themes as well."""
    families = _families(provisions)
    everything = raw
    raw = _outranked_dropped(raw, compiled)
    raw = _facets_found(raw, families, compiled)
    allowed = _core_families(raw, families, compiled)
    out: dict[str, list[Evidence]] = {}
    for req_id, items in (everything if read else raw).items():
        req = compiled.requirements.get(req_id)
        if req is None:
            continue
        core_families = allowed.get(req_id, set())
        if not core_families and not read:
            continue
        passed = {id(x) for x in raw.get(req_id, ()) if families[x[0]] in core_families} if read else None
        themes_of = {e.id: (e.theme,) for e in req.elements}
        order = {e.id: i for i, e in enumerate(req.elements)}
        core_themes = tuple(req.themes)
        evidence = []
        for x in items:
            index, span, role, terms, sentence, first, _ = x
            if role != CORE and role not in order:
                continue
            themes = core_themes if role == CORE else themes_of[role]
            chance = None
            if passed is None:
                if families[index] not in core_families:
                    continue
            elif id(x) not in passed:
                vouch = read.get(index)
                if not vouch or not themes or any(t not in vouch for t in themes):
                    continue
                if role != CORE and families[index] not in core_families:
                    if not core_themes or any(t not in vouch for t in core_themes):
                        continue
                    role, themes = CORE, core_themes  # the element's terms stand for the core concept
                chance = min(vouch[t] for t in themes)
            e = Evidence(
                provision=provisions[index].id,
                text=texts[index][span[0] : span[1]],
                span=span,
                terms=terms,
                element=None if role == CORE else role,
                themes=themes,
                strength=sentence.strength_at(first) or DEFAULT_STRENGTH,
                addressee=sentence.addressee,
            )
            evidence.append((index, span, -1 if role == CORE else order[role], e))
            if chance is not None and vouched is not None:
                vouched.setdefault(req_id, []).append((e, chance))
        if evidence:
            evidence.sort(key=lambda t: (t[0], t[1], t[2]))
            out[req_id] = [e for *_, e in evidence]
    return out
