"""Matching: which requirements a code covers, how far, and the evidence for it.

`assess(codes, catalogue)` returns a `Coverage` for every (requirement id, code id);
`coverage_index` and friends turn those into weighted indices; `provision_themes` gives
each provision's predicted themes (what `evaluate` scores). spaCy is imported only when
`assess` runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from ..model import Catalogue, Code, Coverage
from .coverage import (
    coverage_index,
    coverage_of,
    instrument_indices,
    level_counts,
    provision_themes,
    theme_indices,
)

__all__ = [
    "assess",
    "coverage_index",
    "coverage_of",
    "instrument_indices",
    "theme_indices",
    "provision_themes",
    "level_counts",
    "evaluate",
]


def assess(
    codes: Code | Iterable[Code], catalogue: Catalogue, *, progress: bool = False, learned_check: bool = False
) -> dict[tuple[str, str], Coverage]:
    """Coverage of every requirement by every code, keyed `(requirement id, code id)`.

    Every piece of the matcher's evidence counts; with `learned_check`, the learned reader
    sets aside evidence of a theme it reads as absent from its provision (`learned.set_aside`)."""
    from .learned import set_aside
    from .matcher import find_evidence
    from .terms import compile_terms

    if isinstance(codes, Code):
        codes = [codes]
    codes = list(codes)
    seen: dict[str, str] = {}
    for code in codes:
        if code.id in seen:
            from ..errors import UsageError

            raise UsageError(
                "E055",
                f"two codes have the id '{code.id}' ({seen[code.id]} and {code.language}); "
                "give each code its own id, e.g. with the language appended",
            )
        seen[code.id] = code.language
    iterator = codes
    if progress:
        try:
            from tqdm import tqdm

            iterator = tqdm(codes, desc="matching", unit="code", leave=False)
        except ImportError:  # pragma: no cover
            pass
    out: dict[tuple[str, str], Coverage] = {}
    compiled_by_lang = {}
    # Matching allocates many small objects (hits, sentences, evidence) next to the
    # parsed documents kept for re-analysis; Python's cyclic collector would walk all of
    # them again and again (a fifth to a quarter of the time on 10,000 provisions). Nothing
    # here makes reference cycles that need it, so it is paused while matching.
    gc_was_enabled = gc.isenabled()
    compiled_before = _compiled_requirements()
    gc.disable()
    try:
        for code in iterator:
            lang = code.language
            if lang not in compiled_by_lang:
                compiled_by_lang[lang] = compile_terms(catalogue, lang)
            evidence = find_evidence(code, compiled_by_lang[lang])
            aside = {}
            if learned_check:
                evidence, aside = set_aside(code, evidence)
            for req in catalogue.requirements:
                out[(req.id, code.id)] = coverage_of(req, code.id, evidence.get(req.id, ()), aside.get(req.id, ()))
    finally:
        if gc_was_enabled:
            gc.enable()
    if gc_was_enabled and SETTLE_AFTER_COMPILE and _compiled_requirements() - compiled_before >= SETTLE_MIN_REQUIREMENTS:
        # A catalogue compiled from scratch leaves ~0.4 M long-lived objects in the
        # collector's youngest generation. Left there, they cost one pass of the middle
        # generation (~0.1 s) and then one full pass (~0.15 s) in the next re-analyses
        # (measured: 165 and 210 ms for runs that otherwise take 48 ms). Settling them now
        # puts that cost in the first analysis, which takes seconds anyway.
        gc.collect()
    return dict(sorted(out.items()))


# A command-line run ends right after its analysis; it turns the settling off (cli.py).
SETTLE_AFTER_COMPILE = True
SETTLE_MIN_REQUIREMENTS = 50  # requirement compilations in one call that count as "from scratch"


def _compiled_requirements() -> int:
    from .terms import _REQUIREMENTS

    return len(_REQUIREMENTS)


def evaluate(path, catalogue: Catalogue | None = None, learned_check: bool = False):
    """Precision, recall and F1 of the predicted themes on a labelled file (see evaluate.py)."""
    from .evaluate import evaluate as _evaluate

    return _evaluate(path, catalogue=catalogue, learned_check=learned_check)
