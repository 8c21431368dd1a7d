"""`codecheck check`: the CI gate for catalogue changes.

It validates the bundled rule files, runs the whole analysis on the bundled corpora,
and compares the results that a catalogue edit can move with the committed baseline
(`rules/baseline.json`):

- the coverage level of every (requirement, code) pair;
- per code, the coverage index and the burden totals (the numbers under
  `summary.<code>.burden` whose key starts with `total`: `total_eur_per_year`,
  `total.low`, `total.high` ...).

Every difference is printed as `requirement  code  old -> new` (`absent` for a
requirement or code that is new or gone); any difference not recorded in the baseline
exits 1. `check --update` records the current results instead and exits 0, so a
reviewer sees the effect of a catalogue change in the baseline's diff.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable, Mapping

from codecheck.errors import CatalogueError

BASELINE_VERSION = 1
ABSENT = "absent"
INDEX_DIGITS = 4  # coverage indices are compared at 4 decimals
BURDEN_DIGITS = 6  # burden figures are compared at 6 significant digits


def run_check(
    update: bool = False,
    echo: Callable[[str], Any] = print,
    *,
    rules: str | Path | None = None,
    baseline: str | Path | None = None,
    analyse: Callable[..., Any] | None = None,
) -> int:
    """Validate, analyse, compare with the baseline; returns the exit code (0 or 1).

    `rules`, `baseline` and `analyse` default to the bundled rule files, the committed
    baseline and `codecheck.analyse`; tests pass their own.
    """
    from codecheck import paths
    from codecheck.catalogue.validate import display_path, validate_paths

    rules = Path(rules) if rules is not None else paths.catalogue_dir()
    baseline = Path(baseline) if baseline is not None else paths.baseline_path()

    problems = validate_paths([rules])
    if problems:
        for p in problems:
            echo(str(p))
        echo(f"check: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the rule "
             "files; fix them first (`codecheck validate` lists them)")
        return 1

    if analyse is None:
        from codecheck import analyse
    report = analyse(catalogue=rules)
    current = results(report.to_dict() if hasattr(report, "to_dict") else report)

    where = display_path(baseline)
    if update:
        old = read_baseline(baseline) if baseline.exists() else None
        changes = compare(old, current) if old is not None else []
        write_baseline(baseline, current)
        for line in changes:
            echo(line)
        n_req, n_codes = len(current["coverage"]), len(current["summary"])
        echo(f"check: recorded {n_req} requirements x {n_codes} codes in {where}"
             + (f" ({len(changes)} change{'s' if len(changes) != 1 else ''})" if old else ""))
        return 0

    if not baseline.exists():
        echo(f"check: no baseline at {where}; run `codecheck check --update` to record the "
             "current results, and commit it")
        return 1
    changes = compare(read_baseline(baseline), current)
    for line in changes:
        echo(line)
    if changes:
        echo(f"check: {len(changes)} change{'s' if len(changes) != 1 else ''} not in {where}; "
             "if intended, run `codecheck check --update` and commit the baseline")
        return 1
    echo(f"check: {len(current['coverage'])} requirements x {len(current['summary'])} codes "
         f"match {where}")
    return 0


# ------------------------------------------------------------------ results


def results(report: Mapping[str, Any]) -> dict[str, Any]:
    """What the baseline records, taken from a report.json dictionary."""
    coverage: dict[str, dict[str, str]] = {}
    for req in report.get("requirements", []):
        levels = coverage.setdefault(str(req["id"]), {})
        for cov in req.get("coverage", []):
            levels[str(cov["code"])] = str(cov["level"])
    summary: dict[str, dict[str, Any]] = {}
    for code, s in (report.get("summary") or {}).items():
        figures: dict[str, Any] = {}
        if "coverage_index" in s:
            figures["coverage_index"] = _round(s["coverage_index"], INDEX_DIGITS, decimals=True)
        for key, value in _numbers(s.get("burden"), "burden"):
            if _is_total(key):
                figures[key] = _round(value, BURDEN_DIGITS)
        summary[str(code)] = figures
    return {"coverage": coverage, "summary": summary}


def _numbers(node: Any, prefix: str):
    """Dotted keys and values of the numbers in a mapping (lists are not descended)."""
    if isinstance(node, Mapping):
        for k in sorted(node, key=str):
            yield from _numbers(node[k], f"{prefix}.{k}")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield prefix, node


def _is_total(key: str) -> bool:
    """Burden figures the baseline keeps: the totals (`total_eur_per_year`, `total.low`,
    `total.high` ...), not the breakdowns, counts, seeds or parameters."""
    return any(part.startswith("total") for part in key.split(".")[1:])


def _round(value: Any, digits: int, *, decimals: bool = False) -> Any:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    if not math.isfinite(value):
        return str(value)
    if decimals:
        return round(float(value), digits)
    if value == 0:
        return 0
    return float(f"{value:.{digits}g}")


# ------------------------------------------------------------------ baseline


def read_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError("E220", f"cannot read the baseline {path} ({exc}); rebuild it "
                             "with `codecheck check --update`") from None
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise CatalogueError("E220", f"{path} is not a version-{BASELINE_VERSION} codecheck "
                             "baseline; rebuild it with `codecheck check --update`")
    return {"coverage": data.get("coverage") or {}, "summary": data.get("summary") or {}}


def dumps_baseline(current: Mapping[str, Any]) -> str:
    data = {
        "baseline_version": BASELINE_VERSION,
        "about": "Results `codecheck check` compares against; regenerate with "
        "`codecheck check --update` and commit with the catalogue change that caused it.",
        "coverage": current["coverage"],
        "summary": current["summary"],
    }
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write_baseline(path: Path, current: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps_baseline(current), encoding="utf-8")
    tmp.replace(path)


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Every difference as `what  code  old -> new`, requirements first, then summaries."""
    coverage = _differences(old.get("coverage", {}), new.get("coverage", {}), by_code_first=False)
    summary = _differences(old.get("summary", {}), new.get("summary", {}), by_code_first=True)
    return coverage + summary


def _differences(old: Mapping, new: Mapping, by_code_first: bool) -> list[str]:
    """Differences of two two-level mappings; `coverage` is requirement -> code -> level,
    `summary` is code -> figure -> value; each line reads `what  code  old -> new`."""
    lines: list[str] = []
    for outer in sorted(set(old) | set(new)):
        a, b = old.get(outer, {}), new.get(outer, {})
        for inner in sorted(set(a) | set(b)):
            before, after = a.get(inner, ABSENT), b.get(inner, ABSENT)
            if before != after:
                what, code = (inner, outer) if by_code_first else (outer, inner)
                lines.append(f"{what}  {code}  {before} -> {after}")
    return lines
