"""Matching: which requirements a code covers, how far, and the evidence for it.

`assess(codes, catalogue)` returns a `Coverage` for every (requirement id, code id);
`coverage_index` and friends turn those into weighted indices; `provision_themes` gives
each provision's predicted themes (what `evaluate` scores). spaCy is imported only when
`assess` runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from ..model import Catalogue, Code, Coverage, Vouched
from .coverage import (
    coverage_index,
    coverage_of,
    instrument_indices,
    level_counts,
    provision_themes,
    theme_indices,
)

# imported here, not inside a wrapper of the same name: the first import of the submodule
# `matching/evaluate.py` sets the package's attribute `evaluate` to the module, so a wrapper
# defined here became the module after its first call (light imports only: no spaCy)
from .evaluate import evaluate

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
    sets aside evidence of a theme it reads as absent from its provision (`learned.set_aside`)
    and vouches for hits the matcher's gate held back (`learned.vouched_themes`, listed in
    `Coverage.vouched`)."""
    from .learned import set_aside, vouched_themes
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
    gc.disable()
    try:
        for code in iterator:
            lang = code.language
            if lang not in compiled_by_lang:
                compiled_by_lang[lang] = compile_terms(catalogue, lang)
            vouched: dict = {}
            evidence = find_evidence(code, compiled_by_lang[lang], vouched_themes if learned_check else None, vouched)
            aside = {}
            if learned_check:
                evidence, aside = set_aside(code, evidence)
            for req in catalogue.requirements:
                out[(req.id, code.id)] = coverage_of(
                    req, code.id, evidence.get(req.id, ()), aside.get(req.id, ()),
                    [Vouched(e, p) for e, p in vouched.get(req.id, ())])
    finally:
        if gc_was_enabled:
            _promote_survivors()
            gc.enable()
    return dict(sorted(out.items()))


def _promote_survivors() -> None:
    """Move the objects the collector tracks into its oldest generation, unwalked.

    What matching leaves behind is long-lived: parsed documents, memos, evidence, and after
    a first compile ~0.4 M objects of compiled terms. Left in the youngest generation, the
    collector walks all of it in the first allocation after `assess` (0.13-0.16 s on
    10,000 provisions), then again in the middle generation, and a compiled catalogue
    cost the next re-analyses one more full pass (165 and 210 ms for runs that otherwise
    take 48 ms). `gc.freeze()` then `gc.unfreeze()` moves every tracked object to the
    oldest generation without walking it: from there only full collections walk it, as
    they walk any long-lived object. The caller's own young objects move too, so their
    cycles, if any, wait for the next full collection. Skipped when the caller keeps
    objects frozen (unfreezing would release theirs); `gc.get_freeze_count()` counts them one
    by one, ~60 ms per million (28 ms after a three-language analysis), which only such a
    caller pays. Skipped too when `assess` left few objects (a re-analysis after an edit
    leaves ~1,000): the young passes walk those in a moment, and the freeze count is not
    taken.
    """
    if gc.get_count()[0] < PROMOTE_MIN or gc.get_freeze_count():
        return
    gc.freeze()
    gc.unfreeze()


PROMOTE_MIN = 20_000  # objects `assess` left (the collector was off: `gc.get_count()[0]`) worth promoting
