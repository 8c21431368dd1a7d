"""`_identity.ByIdentity`: worked out once per object, never for another object."""

from __future__ import annotations

from codecheck._identity import ByIdentity


def test_a_value_is_made_once_per_object_and_key():
    memo = ByIdentity(limit=10)
    made = []
    a, b = ["same"], ["same"]  # equal, but two objects

    def make(tag):
        made.append(tag)
        return tag

    assert memo.get(a, lambda: make("a")) == "a"
    assert memo.get(a, lambda: make("again")) == "a"  # found by identity
    assert memo.get(b, lambda: make("b")) == "b"  # an equal object is another object
    assert memo.get(a, lambda: make("a-nl"), "nl") == "a-nl"  # extra key parts
    assert made == ["a", "b", "a-nl"]


def test_the_memo_empties_at_its_limit_and_keeps_its_objects_alive():
    memo = ByIdentity(limit=2)
    first = memo.get(object(), lambda: 1)  # the object lives on in the memo: its id stays taken
    assert first == 1 and len(memo) == 1
    memo.get(object(), lambda: 2)
    memo.get(object(), lambda: 3)  # the limit reached: emptied, then this one kept
    assert len(memo) == 1
