"""Values worked out once per object, found again by the object's identity.

Several steps keep what they worked out from an object (a requirement, its signature, a
compiled catalogue) for as long as the same object comes back: a notebook edit of one
requirement leaves the other requirement objects as they were. Looking them up by
identity costs nothing, where hashing a tuple of terms again costs its whole length (a
tuple does not keep its hash). Each entry keeps its object alive, so the object's `id`
cannot be reused by another while the entry stands; the memo is emptied when it reaches
its limit.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable


class ByIdentity:
    """`memo.get(obj, make, *extra)`: `make()` once per object (and extra key parts)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[tuple, tuple[Any, Any]] = {}

    def get(self, obj: Any, make: Callable[[], Any], *extra: Hashable) -> Any:
        key = (id(obj), *extra)
        found = self._entries.get(key)
        if found is not None and found[0] is obj:
            return found[1]
        value = make()
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = (obj, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
