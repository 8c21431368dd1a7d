"""The whole flow in one call: codes and catalogue in, `Report` out."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping

from .errors import UsageError
from .model import Catalogue, Code


def analyse(
    codes: Iterable[str | Path | Code] | None = None,
    catalogue: Catalogue | str | Path | None = None,
    params: Mapping[str, float | str] | None = None,
    *,
    lang: str | None = None,
    budget: float | None = None,
    target: float | None = None,
    progress: bool = False,
    generated_at: str | None = None,
    hints: bool = False,
    learned_check: bool = False,
):
    """Measure codes against the catalogue and price every gap.

    codes: bundled ids, file paths or `Code` objects (default: every bundled code).
    catalogue: a `Catalogue`, a path to rule files, or None for the bundled catalogue.
    lang: the language of the codes: bundled codes are taken in it, files are read as it
    (default: each bundled code's default language; files detect their own).
    params: burden-parameter overrides by dotted key, e.g. {"population.be-cg-2020": 120}.
    budget / target: ask for the best amendment package within a yearly budget in euros,
    or reaching a coverage index.
    hints: add the learned second reader's hints (themes it reads in a provision that the
    matcher found no evidence of; `matching/learned.py`), apart from the evidence.
    learned_check: let the learned reader set aside evidence of a theme it reads as absent
    from its provision (`matching/learned.py`, `set_aside`); the report lists what it set
    aside, uncounted. Off by default: measured on the team's sets it helps, on a sample of
    real ESRS text it does not (README, "Accuracy").
    """
    from . import burden, matching
    from .catalogue import load_catalogue
    from .documents import load_code
    from .report import Report

    if target is not None and not 0 <= target <= 1:
        raise UsageError("E003", f"--target must be a coverage index between 0 and 1, not {target}")
    if budget is not None and budget < 0:
        raise UsageError("E004", f"--budget must be a non-negative number of euros, not {budget}")

    targets = codes if codes is not None else _bundled_in(lang)
    code_list = _load_codes(targets, lambda t: load_code(t, lang=lang), progress)
    if not isinstance(catalogue, Catalogue):
        catalogue = load_catalogue(catalogue)
    burden_params = burden.load_params(overrides=dict(params or {}))

    coverages = matching.assess(code_list, catalogue, progress=progress, learned_check=learned_check)
    assessment = burden.assess(catalogue, code_list, coverages, burden_params, progress=progress)
    learned_hints = None
    if hints:
        from .matching.learned import code_hints

        learned_hints = {code.id: tuple(code_hints(code, coverages)) for code in code_list}
    return Report(
        codes=tuple(code_list),
        catalogue=catalogue,
        coverages=coverages,
        burden=assessment,
        params=dict(sorted((params or {}).items())),
        budget=budget,
        target=target,
        generated_at=generated_at or datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        hints=learned_hints,
        learned_check=learned_check,
    )


def _bundled_in(lang: str | None) -> list[str]:
    """Every bundled code, or, for a language, every bundled code written in it."""
    from .documents.bundled import bundled_ids, manifest

    if lang is None:
        return bundled_ids()
    codes = manifest()["codes"]
    ids = [i for i in bundled_ids() if lang in codes[i]["languages"]]
    if not ids:
        raise UsageError("E006", f"no bundled code is written in '{lang}'; `codecheck corpora list` shows the languages")
    return ids


def _load_codes(targets, load_code, progress: bool) -> list[Code]:
    targets = list(targets)
    if progress and len(targets) > 1:
        from tqdm import tqdm

        targets = tqdm(targets, desc="reading codes", unit="code", leave=False)
    codes = [load_code(t) for t in targets]
    seen: set[str] = set()
    for code in codes:
        if code.id in seen:
            raise UsageError("E005", f"code id '{code.id}' given twice; each code must appear once")
        seen.add(code.id)
    return codes
