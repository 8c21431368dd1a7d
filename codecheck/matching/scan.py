"""How each word of a text reads against the catalogue's words, looked at once per word.

The phrase matchers compare NORMs; this scan sets the NORM of the words whose reading the
lookup table alone gets wrong, and records the Dutch compounds that hold a term:

- a misspelt or OCR-damaged long word that resembles a long term word (rapidfuzz ratio
  >= FUZZY_THRESHOLD) reads as that word ("dilligence");
- an inflected form the table lacks reads as the term word it reduces to once a common
  ending is taken off (`strip_suffixes`: "klachtenprocedures", "gemonitord");
- a Dutch compound records the one-word terms it starts or ends with
  ("leveranciersgedragscode" holds "gedragscode"), a multi-word term's last word glued to
  a noun reads as that word ("due-diligencebeleid"), and a suspended first part
  ("arbeids- en woonomstandigheden") completes with the next word's head
  (`compound_hits`).

Each lexeme is read once per process; after an edit of the catalogue only the lexemes
whose reading depends on what changed are read again (`_read_again`), so that a warm
analysis reads every word as a new process would.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .._identity import ByIdentity
from .nlp import lemmatizer, pipeline
from .terms import COMPOUND_MIN_PART, CompiledTerms

FUZZY_MIN_LENGTH = 7
FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio; see tests/test_matching_mechanisms.py
COMPOUND_MIN_LENGTH = 8  # Dutch words this long are split into known term words
COMPOUND_LANGS = ("nl",)
_LINKS = ("s", "en", "e", "")  # Dutch linking sounds: duurzaamheid-s-verslag


class ScanState:
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


_SCAN: dict[str, ScanState] = {}


def scan_vocabulary(lang: str, compiled: CompiledTerms, docs=()) -> ScanState:
    """Look once at each new lexeme: spelling variants of term words, Dutch compounds.

    Spelling: a word of 7+ letters that is not in the lemma table and resembles a long
    term word (rapidfuzz ratio >= FUZZY_THRESHOLD) gets that word's lemma as its NORM, so
    the phrase matchers see it as the term word ("dilligence", OCR slips). Real words
    ("diligent") are never changed. Only new lexemes are compared, each once, against the
    catalogue's long term words: the cost follows the vocabulary, not tokens x terms.

    Compounds (Dutch): "leveranciersgedragscode" holds the one-word term "gedragscode";
    such a lexeme is recorded with the terms inside it, and a token of it counts as a hit
    of those terms (see `compound_hits`).

    After an edit of the catalogue, the lexemes read before whose reading depends on what
    changed are read again (`_read_again`), so that every lexeme reads as in a new process.
    """
    nlp = pipeline(lang)
    lem = lemmatizer(lang)
    vocab = nlp.vocab
    state = _SCAN.setdefault(lang, ScanState())
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
                if do_compounds:  # and it may take the head of the next word (`compound_hits`)
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


def _read_again(state: ScanState, words: dict, stems: frozenset, singles: dict, finals: dict,
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


def _forget(state: ScanState, vocab, lem, orths: set) -> _Before:
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


def _log_changes(state: ScanState, before: _Before, vocab, lem) -> None:
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


def _nearest(state: ScanState, words: dict, texts: list[str]) -> list:
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


def _nearest_changes(state: ScanState, words: dict) -> set[str]:
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
_FINALS = ByIdentity(16)  # compiled catalogue -> its finals


def _phrase_finals(compiled: CompiledTerms, strings) -> dict[str, tuple]:
    """The last words (8+ letters) of the catalogue's multi-word phrases that are no
    one-word term themselves ("diligence" of "due diligence", "zorgvuldigheid" of "passende
    zorgvuldigheid"), by NORM, as `{first four letters: (word, ...)}`, longest first."""
    return _FINALS.get(compiled, lambda: _finals_of(compiled, strings))


def _finals_of(compiled: CompiledTerms, strings) -> dict[str, tuple]:
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
    return {k: tuple(v) for k, v in out.items()}


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


def _complete_suspended(stem: str, word: str, state: ScanState) -> tuple[str, ...]:
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


def compound_hits(doc, state: ScanState, flags=None) -> list[tuple[str, int, int]]:
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
