"""Merging the requirements' compiled shares into one view of the catalogue, per language.

Each requirement is compiled on its own (`terms._compile_requirement`, cached while it
is unchanged). Matching needs their union: which terms use a phrase (`by_parts`), which
core terms requirements of different themes share (`shared_core`), and the words the
spelling, compound and gap scans look for. The union is kept with a count per entry, so
that after an edit of a few requirements only their shares are taken out and put back:
the cost follows the edit, not the size of the catalogue (issue 7: a warm re-analysis
after an edit within 50 ms). The result is always the one a merge from scratch gives
(`tests/test_matching_merging.py`).
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import NamedTuple

MAX_CHANGED = 8  # more changed requirements than this since the last merge: merge from scratch


class Merged(NamedTuple):
    """The catalogue's view for matching in one language (fresh objects on every merge:
    the view of an earlier catalogue stays valid while it is cached)."""

    by_parts: dict  # a term's one or two smallest parts -> [(use, other parts), ...]
    partners: dict  # a -> {b: (a, b) in by_parts}; may hold pairs no term uses any more
    shared_core: dict  # core term -> ids of the requirements of other themes sharing it
    fuzzy_vocab: dict  # long term word (or joined two-word form) -> its lemma
    single_words: dict  # lemma -> the keys of the one-word phrases with that lemma
    gap_first: dict  # first word NORM -> [(match id, the other words' NORMs), ...]
    term_lemmas: frozenset  # the lemma of every word of every phrase
    facet_terms: frozenset  # the terms with an "@evidence" side
    facet_requirements: frozenset  # ... and the requirements that have them
    changed_keys: frozenset | None  # phrase keys whose uses changed since the last merge (`_changed_keys`); None: from scratch


class CountedUnion:
    """The union of many parts (dicts whose values depend only on their keys, or sets),
    with a count per key: taking one part out costs that part's size."""

    __slots__ = ("count", "merged")

    def __init__(self, parts: list):
        self.count = Counter(chain.from_iterable(parts))
        self.merged: dict = {}
        for part in parts:
            if isinstance(part, dict):
                self.merged.update(part)

    def remove(self, part) -> None:
        count, merged = self.count, self.merged
        for k in part:
            n = count[k] - 1
            if n:
                count[k] = n
            else:
                del count[k]
                merged.pop(k, None)

    def add(self, part) -> None:
        count = self.count
        for k in part:
            count[k] += 1
        if isinstance(part, dict):
            self.merged.update(part)

    def replace(self, old, new) -> tuple[dict, dict]:
        """Take part `old` out and put `new` in, touching only the keys of one and not the
        other; the keys that left the union and those that entered it, with their values
        (None for a set)."""
        count, merged = self.count, self.merged
        left: dict = {}
        entered: dict = {}
        for k in old:
            if k in new:
                continue
            n = count[k] - 1
            if n:
                count[k] = n
            else:
                del count[k]
                left[k] = merged.pop(k, None)
        for k in new:
            if k in old:
                continue
            n = count[k]
            count[k] = n + 1
            if isinstance(new, dict):
                merged[k] = new[k]
            if n == 0:
                entered[k] = merged.get(k)
        return left, entered


class _CoreGroups:
    """The core phrase combinations of each theme group (requirements with the same themes)
    and those that more than one group uses (`mixed`)."""

    __slots__ = ("groups", "key_groups", "mixed", "version")

    def __init__(self, themes: list, rts: list):
        members: dict[tuple, list] = {}
        for t, rt in zip(themes, rts):
            members.setdefault(t, []).append(rt.core_keys)
        self.groups = {t: Counter(chain.from_iterable(keys)) for t, keys in members.items()}
        self.key_groups = Counter(chain.from_iterable(self.groups.values()))
        self.mixed = {k for k, n in self.key_groups.items() if n > 1}
        self.version = 0  # counts the changes of `mixed`

    def remove(self, themes: tuple, rt, keys=None) -> None:
        group, key_groups = self.groups[themes], self.key_groups
        for k in rt.core_keys if keys is None else keys:
            n = group[k] - 1
            if n:
                group[k] = n
                continue
            del group[k]
            m = key_groups[k] - 1
            if m:
                key_groups[k] = m
                if m == 1:
                    self.mixed.discard(k)
                    self.version += 1
            else:
                del key_groups[k]

    def add(self, themes: tuple, rt, keys=None) -> None:
        group, key_groups = self.groups.setdefault(themes, Counter()), self.key_groups
        for k in rt.core_keys if keys is None else keys:
            n = group[k]
            group[k] = n + 1
            if n == 0:
                m = key_groups[k] + 1
                key_groups[k] = m
                if m == 2:
                    self.mixed.add(k)
                    self.version += 1


class _State:
    """Everything merged in one language, for the requirements in `rts` (catalogue order)."""

    def __init__(self, ids: list, themes: list, rts: list):
        self.ids, self.themes, self.rts = list(ids), list(themes), list(rts)
        self.by_parts, self.partners = _uses_from_scratch(rts)
        voc = [rt.vocabulary for rt in rts]  # (words, joined, singles, lemmas, gaps)
        self.words = CountedUnion([v[0] for v in voc])
        self.joined = CountedUnion([v[1] for v in voc])
        self.singles = CountedUnion([v[2] for v in voc])
        self.lemmas = CountedUnion([v[3] for v in voc])
        self.gaps = CountedUnion([v[4] for v in voc])
        self.facets = CountedUnion([rt.facets for rt in rts])
        self.core = _CoreGroups(self.themes, rts)
        self.last: Merged | None = None  # the view of the last merge
        self.owner = None  # what was built on that view (`terms`: its compiled catalogue); set after each merge
        self.dirty: set[str] = set()  # the parts of the view changed since then
        self.gap_changes: list[tuple[dict, dict]] = []  # (gap phrases gone, added) since then

    def replace(self, i: int, req_id: str, themes: tuple, new) -> None:
        """Put requirement `new` (compiled share) in place of the one at position `i`."""
        old, old_themes = self.rts[i], self.themes[i]
        _replace_uses(self, old, new)
        for name, n in (("words", 0), ("joined", 1), ("singles", 2), ("lemmas", 3), ("gaps", 4)):
            a, b = old.vocabulary[n], new.vocabulary[n]
            if a is not b and a != b:  # most edits leave most of these alone: their part of the view is kept
                changes = getattr(self, name).replace(a, b)
                if changes[0] or changes[1]:
                    self.dirty.add(name)
                    if name == "gaps":
                        self.gap_changes.append(changes)
        self.facets.remove(old.facets)
        self.facets.add(new.facets)
        version = self.core.version
        mixed = self.core.mixed
        before = _core_share(old, mixed) if old_themes == themes else None
        if old_themes == themes:  # only the combinations of one and not the other
            self.core.remove(themes, old, old.core_keys - new.core_keys)
            self.core.add(themes, new, new.core_keys - old.core_keys)
        else:
            self.core.remove(old_themes, old)
            self.core.add(themes, new)
        # `shared_core` changes only if the groups sharing core terms did, or what this
        # requirement brings to it: its core terms among them, and its terms made of them
        if self.core.version != version or before is None or before != _core_share(new, mixed):
            self.dirty.add("core")
        self.ids[i], self.themes[i], self.rts[i] = req_id, themes, new

    def view(self, changed_keys) -> Merged:
        last, dirty = self.last, self.dirty
        if last is None or "singles" in dirty:
            keys_of: dict = {}
            for lemma, k in self.singles.count:
                keys_of.setdefault(lemma, []).append(k)
            # every key of a lemma: the words of a synonym class share one lemma, and each
            # requirement's terms use the key of the word they were written with
            singles = {lemma: tuple(sorted(ks)) for lemma, ks in keys_of.items()}
        else:
            singles = last.single_words
        if last is None or ("gaps" in dirty and not self.gap_changes):
            gap_first: dict = {}
            for first, entry in self.gaps.merged.values():
                gap_first.setdefault(first, []).append(entry)
        elif "gaps" in dirty:  # the last view's, with the phrases gone and added since
            gap_first = dict(last.gap_first)
            for gone, added in self.gap_changes:
                for first, entry in gone.values():
                    kept = [e for e in gap_first[first] if e != entry]
                    if kept:
                        gap_first[first] = kept
                    else:
                        del gap_first[first]
                for first, entry in added.values():
                    gap_first[first] = [*gap_first.get(first, ()), entry]
        else:
            gap_first = last.gap_first
        if last is None or "words" in dirty or "joined" in dirty:
            fuzzy_vocab = {**self.joined.merged, **self.words.merged}  # a real word wins over a joined form
        else:
            fuzzy_vocab = last.fuzzy_vocab
        view = self.last = Merged(
            by_parts=self.by_parts,
            partners=self.partners,
            shared_core=(_shared_core(self.ids, self.rts, self.core.mixed)
                         if last is None or "core" in dirty else last.shared_core),
            fuzzy_vocab=fuzzy_vocab,
            single_words=singles,
            gap_first=gap_first,
            term_lemmas=frozenset(self.lemmas.count) if last is None or "lemmas" in dirty else last.term_lemmas,
            facet_terms=frozenset(self.facets.count),
            facet_requirements=frozenset(i for i, rt in zip(self.ids, self.rts) if rt.facets),
            changed_keys=changed_keys,
        )
        self.dirty = set()
        self.gap_changes = []
        return view


_STATE: dict[str, _State] = {}  # lang -> the state of the last merge


def merge(lang: str, ids: list, themes: list, rts: list) -> Merged:
    """The merged view of these requirements (ids, sorted theme tuples, compiled shares).

    From scratch, or, when the requirements are those of the last merge in this language
    with at most MAX_CHANGED of them changed (same count, changed ones in place), by
    replacing only the changed shares."""
    state = _STATE.get(lang)
    changed = None
    if state is not None and len(state.rts) == len(rts):
        changed = [i for i, (a, b) in enumerate(zip(state.rts, rts)) if a is not b]
        if len(changed) > MAX_CHANGED:
            changed = None
    if changed is None:
        state = _STATE[lang] = _State(ids, themes, rts)
        return state.view(None)
    state.owner = None  # whatever was built on the view before no longer matches it
    keys: set = set()
    for i in changed:
        keys |= _changed_keys(state.rts[i], rts[i], state.themes[i] == themes[i])
        state.replace(i, ids[i], themes[i], rts[i])
    return state.view(frozenset(keys))


def changed_shares(old: tuple, new: tuple) -> tuple[list, list]:
    """The terms (`terms._TermShare`) of a requirement's compile `old` that are not in `new`,
    and those of `new` not in `old` (the same objects while a term is unchanged)."""
    now, was = {id(t) for t in new}, {id(t) for t in old}
    return [t for t in old if id(t) not in now], [t for t in new if id(t) not in was]


def _changed_keys(old, new, same_themes: bool) -> set:
    """The phrase keys whose uses an edit of one requirement changed: those of its terms
    that came or went (`terms._term_uses`), or all of its keys when its themes changed."""
    if not (same_themes and old.shares and new.shares):
        return old.keys | new.keys
    gone, came = changed_shares(old.shares, new.shares)
    return {k for t in (*gone, *came) for k in t.keys}


def owner(lang: str):
    """What was built on the last merge in `lang` (None if nothing, or if that merge was
    made by someone else since)."""
    state = _STATE.get(lang)
    return state.owner if state is not None else None


def set_owner(lang: str, built) -> None:
    """Record what was built on the last merge in `lang`."""
    _STATE[lang].owner = built


def reset() -> None:
    """Forget the last merges (the next one in each language is from scratch)."""
    _STATE.clear()


def _uses_from_scratch(rts: list) -> tuple[dict, dict]:
    by_parts: dict = {}
    for rt in rts:
        for index_key, group in rt.index.items():
            have = by_parts.get(index_key)
            if have is None:
                by_parts[index_key] = group  # one requirement's tuple, not copied
            elif type(have) is tuple:
                by_parts[index_key] = [*have, *group]
            else:
                have.extend(group)
    pairs: dict[str, set] = {}
    for index_key in by_parts:
        if len(index_key) == 2:
            pairs.setdefault(index_key[0], set()).add(index_key[1])
    return by_parts, {a: frozenset(b) for a, b in pairs.items()}


def _replace_uses(state: _State, old, new) -> None:
    """Swap one requirement's entries in `by_parts` / `partners`, on copies (the lists of
    an earlier view are never modified). A group of uses the edit left as it was (the same
    tuple: `terms._compile_requirement`) keeps its place."""
    by_parts = state.by_parts = dict(state.by_parts)
    partners = state.partners = dict(state.partners)
    old_index, new_index = old.index, new.index
    if old.shares and new.shares:  # the groups of the terms that came or went (`terms`)
        gone, came = changed_shares(old.shares, new.shares)
        touched = {k for t in (*gone, *came) for k in t.by_key}
    else:
        touched = old_index.keys() | new_index.keys()
    touched = [k for k in touched if old_index.get(k) is not new_index.get(k)]
    gone = {id(entry) for k in touched for entry in old_index.get(k, ())}
    for index_key in touched:
        if index_key in old_index:
            kept = [e for e in by_parts.get(index_key, ()) if id(e) not in gone]
            if kept:
                by_parts[index_key] = kept
            else:
                by_parts.pop(index_key, None)
    for index_key in touched:
        group = new_index.get(index_key)
        if group is None:
            continue
        by_parts[index_key] = [*by_parts.get(index_key, ()), *group]
        if len(index_key) == 2:
            a, b = index_key
            if b not in partners.get(a, ()):
                partners[a] = partners.get(a, frozenset()) | {b}


def _core_share(rt, mixed: set) -> tuple:
    """What one requirement brings to `_shared_core`: its core phrase combinations that
    other theme groups use too, and its core terms made only of such combinations."""
    here = rt.core_keys & mixed
    if not here:
        return (here, ())
    return (here, tuple((term, combos) for term, combos in rt.core.items() if all(k in mixed for k in combos)))


def _shared_core(ids: list, rts: list, mixed: set) -> dict:
    """Core terms whose every combination requirements of other themes also use as their
    core concept -> the ids of all requirements using those combinations."""
    users: dict[tuple, list[str]] = {}
    here_of = []
    for req_id, rt in zip(ids, rts):
        here = rt.core_keys & mixed
        here_of.append(here)
        for k in sorted(here):
            users.setdefault(k, []).append(req_id)
    shared: dict = {}
    for rt, here in zip(rts, here_of):
        if not here:
            continue
        for term, combos in rt.core.items():
            if all(k in mixed for k in combos):
                found = tuple(dict.fromkeys(r for k in combos for r in users[k]))
                shared[term] = tuple(dict.fromkeys(shared.get(term, ()) + found))
    return shared
