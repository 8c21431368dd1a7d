"""Burden parameters: loading `rules/burden.yaml`, overrides by dotted path, sources.

Every value `--param` can set is a plain number in the YAML file; its source sits in a
sibling `source` mapping (`{text, url, year, assumption}`) on the same level or on a
parent level, and applies to every number below it. Ranges are written as
`{low, central, high}` mappings. Text (`meta`, `source`, `note`) is never a parameter.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from codecheck.errors import ParameterError

TEXT_KEYS = frozenset({"source", "note", "meta"})
INTEGER_KEYS = frozenset({"monte_carlo.draws", "monte_carlo.seed"})


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric_paths(data: Mapping, prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        if key in TEXT_KEYS:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.extend(_numeric_paths(value, path + "."))
        elif _is_number(value):
            out.append(path)
    return out


@dataclass(frozen=True)
class BurdenParams:
    """The burden parameters, read-only, with the overrides that were applied.

    `data` is the nested parameter tree (read-only mappings); `overrides` the dotted
    keys the user set (for the report's `inputs`); `path` the file they came from.
    """

    data: Mapping[str, Any]
    path: str = ""
    overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # look-ups are pure functions of `data`, asked thousands of times per report
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # ------------------------------------------------------------------ look-ups
    def node(self, dotted: str) -> Any:
        """The value or mapping at a dotted path; KeyError when absent."""
        key = ("node", dotted)
        if key not in self._memo:
            try:
                self._memo[key] = self._node(dotted)
            except KeyError:
                self._memo[key] = KeyError
        found = self._memo[key]
        if found is KeyError:
            raise KeyError(dotted)
        return found

    def _node(self, dotted: str) -> Any:
        node: Any = self.data
        for part in _split(dotted):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(dotted)
            node = node[part]
        return node

    def has(self, dotted: str) -> bool:
        try:
            self.node(dotted)
        except KeyError:
            return False
        return True

    def number(self, dotted: str, default: float | None = None) -> float:
        """A plain number; `default` when the key is absent (KeyError without one)."""
        try:
            value = self.node(dotted)
        except KeyError:
            if default is None:
                raise
            return float(default)
        if isinstance(value, Mapping) and "central" in value:
            return float(value["central"])
        return float(value)

    def triple(self, dotted: str, default: tuple[float, float, float] | None = None) -> tuple[float, float, float]:
        """(low, central, high) of a range, or (v, v, v) of a plain number."""
        try:
            value = self.node(dotted)
        except KeyError:
            if default is None:
                raise
            return default
        if isinstance(value, Mapping):
            c = float(value["central"])
            return (float(value.get("low", c)), c, float(value.get("high", c)))
        v = float(value)
        return (v, v, v)

    def source(self, dotted: str) -> dict | None:
        """The nearest `source` on the path to `dotted` (the key itself or a parent); do not change it."""
        key = ("source", dotted)
        if key not in self._memo:
            self._memo[key] = self._source(dotted)
        return self._memo[key]

    def _source(self, dotted: str) -> dict | None:
        parts = _split(dotted)
        best = None
        node: Any = self.data
        for part in parts:
            if isinstance(node, Mapping) and isinstance(node.get("source"), Mapping):
                best = node["source"]
            if not isinstance(node, Mapping) or part not in node:
                break
            node = node[part]
        if isinstance(node, Mapping) and isinstance(node.get("source"), Mapping):
            best = node["source"]
        return _thaw(best) if best is not None else None

    def keys(self) -> list[str]:
        """Every dotted key `--param` can set, sorted."""
        return sorted(_numeric_paths(self.data))

    def to_dict(self) -> dict:
        return _thaw(self.data)

    def with_overrides(self, overrides: Mapping[str, Any]) -> "BurdenParams":
        """A copy with more overrides applied (same checks as `load_params`)."""
        data = apply_overrides(self.to_dict(), overrides)
        _validate(data, Path(self.path or "burden.yaml"))
        applied = dict(self.overrides)
        applied.update({k: _to_number(k, v) for k, v in overrides.items()})
        return BurdenParams(data=_freeze(data), path=self.path, overrides=MappingProxyType(dict(sorted(applied.items()))))

    @property
    def draws(self) -> int:
        return int(self.number("monte_carlo.draws", 6000))

    @property
    def seed(self) -> int:
        return int(self.number("monte_carlo.seed", 0))


def _split(dotted: str) -> list[str]:
    return [p for p in str(dotted).strip().split(".")]


# ---------------------------------------------------------------------- loading


def load_params(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> BurdenParams:
    """Read the burden parameters and apply `{"dotted.key": value}` overrides.

    `path` None reads the bundled `rules/burden.yaml`. Values may be strings (from the
    CLI). Unknown keys, keys naming a group or a source, and non-numbers raise
    `ParameterError`.
    """
    import yaml

    if path is None:
        from codecheck.paths import burden_params_path

        path = burden_params_path()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        memo_key = (str(path), text, repr(sorted((overrides or {}).items())))
        loaded = _LOADED.get(memo_key)
        if loaded is not None:
            return loaded
    except FileNotFoundError:
        raise ParameterError("E306", f"The burden parameter file {path} does not exist; pass an existing YAML file or omit it to use the bundled one.") from None
    except OSError as exc:
        raise ParameterError("E306", f"The burden parameter file {path} cannot be read ({exc.strerror}); check its permissions.") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe; C when available
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ParameterError("E307", f"The burden parameter file {path} is not valid YAML{where}; fix the syntax there.") from None
    if not isinstance(data, dict):
        raise ParameterError("E307", f"The burden parameter file {path} must be a YAML mapping of parameter groups; see docs/burden.md for the layout.")
    data = apply_overrides(data, overrides or {})
    _validate(data, path)
    applied = {k: _to_number(k, v) for k, v in sorted((overrides or {}).items())}
    loaded = BurdenParams(data=_freeze(data), path=str(path), overrides=MappingProxyType(applied))
    if len(_LOADED) >= 8:
        _LOADED.clear()
    _LOADED[memo_key] = loaded
    return loaded


# Parameters read before, by file, text and overrides: a notebook's `analyse` reads them on
# every call (parsing, checking and freezing the tree took ~35 ms); the object is read-only.
_LOADED: dict[tuple, BurdenParams] = {}


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """`["a.b=1", "c=2"]` (the CLI's repeated `--param`) as `{"a.b": "1", "c": "2"}`."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = str(item).partition("=")
        if not sep or not key.strip():
            raise ParameterError("E308", f"--param {item!r} is not KEY=VALUE; write it like --param population.be-cg-2020=120.")
        out[key.strip()] = value.strip()
    return out


def _to_number(key: str, value: Any) -> float:
    if _is_number(value):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace("_", ""))
        except ValueError:
            raise ParameterError("E302", f"The value {value!r} for {key} is not a number; give a plain number such as {key}=1.5.") from None
    else:
        raise ParameterError("E302", f"The value {value!r} for {key} is not a number; give a plain number such as {key}=1.5.")
    if not math.isfinite(number):
        raise ParameterError("E302", f"The value {value!r} for {key} is not a finite number; give a plain number.")
    if key in INTEGER_KEYS and number != int(number):
        raise ParameterError("E302", f"{key} must be a whole number, not {value!r}.")
    return number


def _close(word: str, candidates: Iterable[str], n: int = 3) -> str:
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=n, cutoff=0.6)
    return f" (did you mean {', '.join(matches)}?)" if matches else ""


def apply_overrides(data: dict, overrides: Mapping[str, Any]) -> dict:
    """A deep copy of `data` with the overrides set; raises `ParameterError` for bad ones."""
    import copy

    data = copy.deepcopy(_thaw(data))
    known = _numeric_paths(data)
    for key in sorted(overrides):
        value = overrides[key]
        parts = _split(key)
        if not key or any(not p for p in parts):
            raise ParameterError("E301", f"{key!r} is not a parameter key; use a dotted path such as tariff_eur_per_hour.central.")
        if any(p in TEXT_KEYS for p in parts):
            raise ParameterError("E304", f"{key} is documentation (a source, note or meta field), not a parameter; override a number instead{_close(key, known)}.")
        node: Any = data
        for part in parts[:-1]:
            if not isinstance(node, dict) or part not in node:
                node = None
                break
            node = node[part]
        last = parts[-1]
        if isinstance(node, dict) and last in node:
            current = node[last]
            if isinstance(current, dict):
                inner = [f"{key}.{k}" for k in ("low", "central", "high") if k in current] or [
                    p for p in known if p.startswith(key + ".")
                ][:3]
                raise ParameterError("E303", f"{key} is a group of parameters, not one number; set one of its values, e.g. {', '.join(inner)}.")
            if not _is_number(current):
                raise ParameterError("E304", f"{key} is not a number parameter; only numbers can be overridden{_close(key, known)}.")
            node[last] = _to_number(key, value)
            continue
        # a new code id is allowed under `population` (for a user's own code file)
        if len(parts) == 2 and parts[0] == "population" and isinstance(data.get("population"), dict):
            near = _close(parts[1], [k for k in data["population"] if k not in TEXT_KEYS])
            if near:
                raise ParameterError("E301", f"{key} is not a known parameter{near}; check the code id.")
            data["population"][parts[1]] = _to_number(key, value)
            continue
        raise ParameterError("E301", f"{key} is not a known burden parameter{_close(key, known) or '; docs/burden.md lists every key'}.")
    return data


SHARE_GROUPS = (
    "bau_share",
    "legal_overlap.population_share",
    "legal_overlap.pre_omnibus",
    "legal_overlap.reach",
    "comply_or_explain.comply_share",
    "comply_or_explain.silent_share",
    "comply_or_explain.explains",
)


def _validate(data: Mapping, path: Path) -> None:
    for key in _numeric_paths(data):
        value = _get(data, key)
        if value < 0 and not key.startswith("monte_carlo"):
            raise ParameterError("E305", f"{key} = {value:g} is negative in {path.name}; burden parameters must be zero or more.")
        if any(key.startswith(g + ".") for g in SHARE_GROUPS) and value > 1:
            raise ParameterError("E305", f"{key} = {value:g} is a share and must lie between 0 and 1.")
    _check_ranges(data, "")
    draws = _get(data, "monte_carlo.draws", 6000)
    if draws < 1 or draws > 1_000_000 or draws != int(draws):
        raise ParameterError("E305", f"monte_carlo.draws = {draws:g} must be a whole number between 1 and 1,000,000.")
    seed = _get(data, "monte_carlo.seed", 0)
    if seed < 0 or seed != int(seed):
        raise ParameterError("E305", f"monte_carlo.seed = {seed:g} must be a whole number of zero or more.")
    for code, spread in (data.get("population_spread") or {}).items():
        if code in TEXT_KEYS or not isinstance(spread, dict):
            continue
        if not (spread.get("low", 1) <= 1 <= spread.get("high", 1)):
            raise ParameterError("E305", f"population_spread.{code} must have low <= 1 <= high (they multiply the population).")


def _check_ranges(node: Mapping, prefix: str) -> None:
    for key, value in node.items():
        if key in TEXT_KEYS or not isinstance(value, Mapping):
            continue
        here = f"{prefix}{key}"
        if "central" in value and _is_number(value.get("central")):
            low = value.get("low", value["central"])
            high = value.get("high", value["central"])
            if not (low <= value["central"] <= high):
                raise ParameterError("E305", f"{here} needs low <= central <= high but has {low:g} / {value['central']:g} / {high:g}; set {here}.low or {here}.high too.")
        _check_ranges(value, here + ".")


def _get(data: Mapping, dotted: str, default: float | None = None) -> float:
    node: Any = data
    for part in _split(dotted):
        if not isinstance(node, Mapping) or part not in node:
            if default is None:
                raise KeyError(dotted)
            return default
        node = node[part]
    return node


def parameter_table(params: BurdenParams | None = None) -> list[dict]:
    """Every parameter as a row: key, low, central, high, source text, url, year, flags.

    A `{low, central, high}` range is one row (its key is the range's path); a plain
    number is a row with low = central = high. Sorted by key; for docs and notebooks.
    """
    params = params if params is not None else load_params()
    rows: dict[str, dict] = {}
    for key in params.keys():
        parent, _, last = key.rpartition(".")
        if last in ("low", "central", "high") and parent:
            node = params.node(parent)
            if "central" in node or parent.startswith("population_spread"):
                row_key = parent
            else:
                row_key = key
        else:
            row_key = key
        if row_key in rows:
            continue
        node = params.node(row_key)
        if isinstance(node, Mapping):
            central = node.get("central", 1.0)
            low, high = node.get("low", central), node.get("high", central)
        else:
            low = central = high = node
        src = params.source(row_key) or {}
        rows[row_key] = {
            "key": row_key,
            "low": float(low),
            "central": float(central),
            "high": float(high),
            "source": " ".join(str(src.get("text", "")).split()),
            "url": src.get("url"),
            "year": src.get("year"),
            "assumption": bool(src.get("assumption", False)),
            "verified": bool(src.get("verified", not src.get("assumption", False))),
        }
    return [rows[k] for k in sorted(rows)]
