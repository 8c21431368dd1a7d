"""Concept sets: named lists of phrases that a catalogue term can use as one alternative.

`codecheck/matching/concepts/<lang>.yaml` defines, per language, sets such as `harm`: the
concrete situations in which people are harmed (excessive overtime, recruitment fees,
exposure to hazardous substances, forced evictions ...). A term writes the set's name with
an `@` as one alternative of a side (`"monitor | track + human rights | @harm"`): a hit of
any phrase of the set then counts as a hit of that alternative. Every phrase of a set is
matched once, whatever the number of terms using it, so a set adds no phrase combinations
(the matcher's cost follows those) where writing its phrases into each term would add
thousands. A set's words are looked for as a term's are: in other spellings, inside Dutch
compounds, in inflected forms (`terms._with_concept_phrases`). An exclusion can name a set
too (`exclude: ["@site-people"]`): a sentence with any of its phrases then gives the
requirement nothing, as one with a written-out exclusion phrase does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import CatalogueError
from .datafile import read_yaml
from .nlp import SUPPORTED

CONCEPT_DIR = Path(__file__).parent / "concepts"
PREFIX = "@"


@lru_cache(maxsize=None)
def concept_sets(lang: str) -> dict[str, tuple[str, ...]]:
    """`{"@name": (phrase, ...)}` for `lang` (empty if the file is absent)."""
    path = CONCEPT_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = read_yaml(path, "E222") or {}
    sets = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(sets, dict):
        raise CatalogueError("E222", f"{path} must be a mapping with a mapping 'concepts' of phrase lists")
    out: dict[str, tuple[str, ...]] = {}
    for name, phrases in sets.items():
        ok = isinstance(name, str) and name.replace("-", "").isalpha() and name.islower()
        if not ok or not isinstance(phrases, list) or not phrases \
                or not all(isinstance(p, str) and p.strip() and not p.strip().startswith(PREFIX) for p in phrases):
            raise CatalogueError(
                "E222", f"{path}: concept '{name}' must be a lower-case name with a non-empty list of phrases")
        out[PREFIX + name] = tuple(dict.fromkeys(" ".join(p.split()) for p in phrases))
    return out


@lru_cache(maxsize=None)
def concept_names() -> frozenset[str]:
    """Every `@name` defined in some language."""
    return frozenset(n for lang in SUPPORTED for n in concept_sets(lang))
