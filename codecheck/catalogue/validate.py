"""Every problem in a set of rule files, each at the line and column of the offending node.

`validate_paths` never stops at the first problem: it reports YAML syntax errors,
duplicate keys, refused tags, oversized or alias-bomb files, schema violations,
duplicate ids (across files too), unknown themes, missing languages, terms that can
never match, terms both included and excluded, and dangling references.
`load_catalogue` runs the same checks and raises on the first problem.

Problem codes (E2xx, the catalogue range of `codecheck.errors`):

E201 a path that is missing or unreadable, or no rule files found
E202 YAML syntax error            E203 duplicate key
E204 refused tag (Python tags ...) E205 file too large, alias bomb, recursive alias
E206 schema violation              E207 duplicate id (requirement, element, instrument)
E208 unknown theme                 E209 a term that can never match
E210 a term that is, or always contains, an excluded term
E211 dangling reference (activity element, requirement id without its instrument prefix)
E212 missing en/nl/fr terms        E213 inconsistent figures (minutes low > central > high)
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from codecheck.catalogue import yamlsafe
from codecheck.model import LANGUAGES

SCHEMA_PATH = Path(__file__).with_name("schema.json")
RULE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a rule file; `line` and `column` are 1-based."""

    path: str
    line: int
    column: int
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class ParsedFile:
    """A rule file that could be read as YAML (it may still have problems)."""

    path: Path
    name: str  # how problems name the file
    loaded: yamlsafe.Loaded

    @property
    def data(self) -> Any:
        return self.loaded.data

    def problem(self, path: tuple, message: str, code: str, *, key: bool = False) -> Problem:
        line, col = self.loaded.position(path, key=key)
        return Problem(self.name, line, col, message, code)


# ------------------------------------------------------------------ files


def display_path(path: Path) -> str:
    """The path as problems show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def rule_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The rule files named by `paths` (files, or folders of `*.yaml`/`*.yml`).

    Files are sorted by name, folder by folder, then de-duplicated. A folder with a
    `catalogue/` subfolder (like `rules/`) stands for that subfolder.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and (p / "catalogue").is_dir():
            p = p / "catalogue"
        if p.is_dir():
            found = sorted(
                (f for f in p.iterdir() if f.suffix.lower() in RULE_SUFFIXES and f.is_file()),
                key=lambda f: f.name,
            )
            if not found:
                problems.append(Problem(display_path(p), 1, 1, "no rule files (*.yaml) in this "
                                        "folder", "E201"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(Problem(str(p), 1, 1, "no such file or folder", "E201"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, problems


_YAML_CODES = {"read": "E201", "syntax": "E202", "duplicate-key": "E203", "tag": "E204",
               "limit": "E205"}


# Parsed rule files by (name, digest of their text): after an edit of one file in a
# notebook, the others are not parsed and checked against the schema again (~0.3 ms per kB).
_PARSED: dict[tuple[str, bytes], yamlsafe.Loaded] = {}
_SCHEMA_CHECKED: dict[int, tuple[yamlsafe.Loaded, list]] = {}  # id(loaded) -> (it, its schema problems)
_SEMANTIC_CHECKED: dict[int, tuple[yamlsafe.Loaded, list]] = {}  # ... its own requirements' problems


def _load(f: Path, name: str) -> yamlsafe.Loaded:
    """The file loaded safely, from `_PARSED` when its text is one already parsed."""
    text = yamlsafe.read_text(f)
    key = (name, hashlib.sha256(text.encode("utf-8")).digest())
    loaded = _PARSED.get(key)
    if loaded is None:
        loaded = yamlsafe.load_text(text)
        if len(_PARSED) >= 64:
            _PARSED.clear()
            _SCHEMA_CHECKED.clear()
            _SEMANTIC_CHECKED.clear()
        _PARSED[key] = loaded
    return loaded


def parse_files(files: Iterable[Path]) -> tuple[list[ParsedFile], list[Problem]]:
    """Load each file safely; YAML-level problems are returned, not raised."""
    parsed: list[ParsedFile] = []
    problems: list[Problem] = []
    for f in files:
        name = display_path(f)
        try:
            loaded = _load(f, name)
        except yamlsafe.YamlError as exc:
            i = exc.issue
            problems.append(Problem(name, i.line, i.column, i.message, _YAML_CODES[i.kind]))
            continue
        for i in loaded.issues:
            problems.append(Problem(name, i.line, i.column, i.message, _YAML_CODES[i.kind]))
        parsed.append(ParsedFile(f, name, loaded))
    return parsed, problems


# ------------------------------------------------------------------ schema


@cache
def schema() -> dict:
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _inline_refs(node: Any, defs: dict) -> Any:
    """The schema with every local `$ref` replaced by its definition (about a third faster
    to validate with than resolving references on every node)."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/$defs/"):
            target = _inline_refs(defs[node["$ref"].rsplit("/", 1)[1]], defs)
            extra = {k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}
            return {**target, **extra}
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    full = schema()
    return Draft202012Validator(_inline_refs(full, full.get("$defs", {})))


def schema_problems(pf: ParsedFile) -> list[Problem]:
    """The schema violations of one file, explained at their lines.

    A valid file (the usual case) is recognised by `fast_valid` in a few milliseconds;
    only an invalid one is handed to `jsonschema` for the full list of errors.
    """
    if fast_valid(pf.data):
        return []
    if not isinstance(pf.data, dict):
        return [pf.problem((), "a rule file is a mapping with 'instrument' and 'requirements', "
                           f"but this file holds {'nothing' if pf.data is None else _kind(pf.data)}",
                           "E206")]
    out: list[Problem] = []
    for error in _validator().iter_errors(pf.data):
        out.extend(_explain(pf, error))
    return out


# A compiled checker for exactly the keywords schema.json uses: it only says valid or
# not, ~10x faster than jsonschema (and without importing it). Tests check that it
# agrees with jsonschema on the bundled catalogue and on hundreds of broken variants.

_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$defs", "$comment",
                          "default", "examples"})


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPE_TESTS = {
    "string": lambda x: isinstance(x, str),
    "number": _is_number,
    "integer": lambda x: _is_number(x) and float(x).is_integer(),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "array": lambda x: isinstance(x, list),
    "object": lambda x: isinstance(x, dict),
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _compile(node: Any) -> Any:
    if node is True:
        return lambda x: True
    if node is False:
        return lambda x: False
    checks: list[Any] = []
    for kw, val in node.items():
        if kw in _ANNOTATIONS or kw in ("then", "else"):
            continue
        if kw == "type":
            tests = [_TYPE_TESTS[t] for t in ([val] if isinstance(val, str) else val)]
            checks.append(lambda x, tests=tests: any(t(x) for t in tests))
        elif kw == "properties":
            props = {k: _compile(v) for k, v in val.items()}
            checks.append(lambda x, props=props: not isinstance(x, dict) or all(
                check(x[k]) for k, check in props.items() if k in x))
        elif kw == "additionalProperties":
            if val is not False:
                raise ValueError("fast_valid supports only additionalProperties: false")
            allowed = frozenset(node.get("properties", {}))
            checks.append(lambda x, allowed=allowed: not isinstance(x, dict)
                          or all(k in allowed for k in x))
        elif kw == "required":
            checks.append(lambda x, req=tuple(val): not isinstance(x, dict)
                          or all(k in x for k in req))
        elif kw == "items":
            item = _compile(val)
            checks.append(lambda x, item=item: not isinstance(x, list) or all(map(item, x)))
        elif kw == "enum":
            checks.append(lambda x, opts=tuple(val): any(_same(x, o) for o in opts))
        elif kw == "const":
            checks.append(lambda x, c=val: _same(x, c))
        elif kw == "pattern":
            rx = re.compile(val)
            checks.append(lambda x, rx=rx: not isinstance(x, str) or rx.search(x) is not None)
        elif kw == "minItems":
            checks.append(lambda x, n=val: not isinstance(x, list) or len(x) >= n)
        elif kw == "uniqueItems":
            if val:
                checks.append(lambda x: not isinstance(x, list) or all(
                    not _same(a, b) for i, a in enumerate(x) for b in x[i + 1:]))
        elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            op = {"minimum": lambda a, b: a >= b, "maximum": lambda a, b: a <= b,
                  "exclusiveMinimum": lambda a, b: a > b,
                  "exclusiveMaximum": lambda a, b: a < b}[kw]
            checks.append(lambda x, op=op, b=val: not _is_number(x) or op(x, b))
        elif kw == "anyOf":
            subs = [_compile(v) for v in val]
            checks.append(lambda x, subs=subs: any(s(x) for s in subs))
        elif kw == "if":
            cond = _compile(val)
            then = _compile(node.get("then", True))
            other = _compile(node.get("else", True))
            checks.append(lambda x, c=cond, t=then, o=other: t(x) if c(x) else o(x))
        else:
            raise ValueError(f"fast_valid does not support the keyword {kw!r}")
    if len(checks) == 1:
        return checks[0]
    return lambda x: all(check(x) for check in checks)


@cache
def _fast() -> Any:
    full = schema()
    return _compile(_inline_refs(full, full.get("$defs", {})))


def fast_valid(data: Any) -> bool:
    """Whether `data` satisfies schema.json (no explanation: see `schema_problems`)."""
    return bool(_fast()(data))


_REQUIRED_RE = re.compile(r"^'(.+)' is a required property")

_PATTERN_HINTS = {
    "\\S": "must not be empty",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "is not a date; write YYYY-MM-DD",
    "^https?://[^\\s]+$": "is not a web address (http:// or https://)",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "is not a valid element id (lower-case words joined by '-', "
    "like approved-by-board)",
    "^[A-Z][A-Za-z0-9]*([-.][A-Za-z0-9]+)*$": "is not a valid requirement id (like UNGP-16, "
    "OECD-DDG-1.2, ESRS-2-GOV-4)",
    "^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$": "is not a valid instrument id (like UNGP, OECD-MNE)",
}

_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "array": "a list", "object": "a mapping",
               "null": "null"}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def where(data: Any, path: tuple) -> str:
    """A readable location: `UNGP-16 terms.nl`, `instrument.date`, `requirements[3]`."""
    parts: list[str] = []
    rest = list(path)
    if len(rest) >= 2 and rest[0] == "requirements" and isinstance(rest[1], int):
        req = _get(data, ("requirements", rest[1]))
        rid = req.get("id") if isinstance(req, dict) else None
        head = rid if isinstance(rid, str) and rid else f"requirements[{rest[1]}]"
        rest = rest[2:]
        node = req
        out = head
        for p in rest:
            if isinstance(p, int):
                item = node[p] if isinstance(node, list) and p < len(node) else None
                eid = item.get("id") if isinstance(item, dict) else None
                out += f"[{eid}]" if isinstance(eid, str) and eid else f"[{p}]"
                node = item
            else:
                out += ("." if out != head else " ") + str(p)
                node = node.get(p) if isinstance(node, dict) else None
        return out
    for p in rest:
        parts.append(f"[{p}]" if isinstance(p, int) else ("." if parts else "") + str(p))
    return "".join(parts) or "the file"


def _get(data: Any, path: tuple) -> Any:
    node = data
    for p in path:
        if isinstance(p, int) and isinstance(node, list) and p < len(node):
            node = node[p]
        elif isinstance(node, dict) and p in node:
            node = node[p]
        else:
            return None
    return node


def _suggest(value: Any, options: Iterable[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _explain(pf: ParsedFile, error: Any) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    loc = where(pf.data, path)
    kw = error.validator
    inst = error.instance
    if kw == "required":
        m = _REQUIRED_RE.match(error.message)
        name = m.group(1) if m else str(error.validator_value)
        if path and path[-1] in ("terms", "suggested_provision") and name in LANGUAGES:
            what = "terms" if path[-1] == "terms" else "suggested provision"
            yield pf.problem(path, f"{loc}: missing the '{name}' {what} (en, nl and fr are "
                             "all required)", "E212", key=True)
        else:
            yield pf.problem(path, f"{loc}: missing required field '{name}'", "E206", key=True)
    elif kw == "additionalProperties" and isinstance(inst, dict):
        allowed = list(error.schema.get("properties", {}))
        for extra in inst:
            if extra not in allowed:
                yield pf.problem(path + (extra,), f"{loc}: unknown field '{extra}'"
                                 f"{_suggest(extra, allowed)}; allowed: {', '.join(allowed)}",
                                 "E206", key=True)
    elif kw == "enum":
        options = list(error.validator_value)
        if "policy-commitment" in options:
            yield pf.problem(path, f"{loc}: unknown theme {inst!r}{_suggest(inst, options)}; "
                             f"the themes are: {', '.join(options)}", "E208")
        else:
            yield pf.problem(path, f"{loc}: {_kind(inst)} is not one of: "
                             f"{', '.join(map(str, options))}{_suggest(inst, options)}", "E206")
    elif kw == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        hint = ""
        if "string" in expected and isinstance(inst, (int, float)) and not isinstance(inst, bool):
            hint = " (put it in quotes)"
        elif "string" in expected and isinstance(inst, bool):
            hint = " (YAML reads yes/no/true/false as booleans; put it in quotes)"
        yield pf.problem(path, f"{loc}: expected {names}, found {_kind(inst)}{hint}", "E206")
    elif kw == "pattern":
        hint = _PATTERN_HINTS.get(error.validator_value, f"does not match {error.validator_value}")
        yield pf.problem(path, f"{loc}: {_kind(inst)} {hint}", "E206")
    elif kw == "minItems":
        yield pf.problem(path, f"{loc}: the list is empty; give at least "
                         f"{error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}", "E212" if _is_terms(path) else "E206")
    elif kw == "uniqueItems":
        dupes = sorted({str(x) for x in inst if inst.count(x) > 1}) if isinstance(inst, list) else []
        yield pf.problem(path, f"{loc}: lists {', '.join(dupes) or 'an entry'} more than once",
                         "E206")
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most",
                 "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[kw]
        yield pf.problem(path, f"{loc}: {inst} must be {words} {error.validator_value}", "E206")
    elif kw in ("anyOf", "oneOf"):
        if path and path[-1] == "applies_from":
            yield pf.problem(path, f"{loc}: expected a date (YYYY-MM-DD) or null, found "
                             f"{_kind(inst)}", "E206")
        else:
            from jsonschema.exceptions import best_match

            sub = best_match(error.context) if error.context else None
            if sub is not None:
                yield from _explain(pf, sub)
            else:
                yield pf.problem(path, f"{loc}: {error.message}", "E206")
    else:
        yield pf.problem(path, f"{loc}: {error.message}", "E206")


def _is_terms(path: tuple) -> bool:
    return len(path) >= 2 and path[-2] == "terms" and path[-1] in LANGUAGES


# ------------------------------------------------------------------ beyond the schema


def term_sides(term: str) -> list[str]:
    """The phrases of a term, split as the matcher splits them: on " + " when present,
    else on "+" (`codecheck.matching.terms.split_term`, which drops empty sides)."""
    return term.split(" + ") if " + " in term else term.split("+")


@lru_cache(maxsize=1 << 15)
def term_problem(term: str) -> str | None:
    """Why `term` can never match (as written) after tokenisation, or None when it can.

    Every side of an "A + B" term must occur in one sentence; a side may list
    alternatives ("A | B + C"); each side and each alternative needs at least
    one letter or digit, since the tokeniser keeps no phrase made of punctuation alone,
    and an empty side would silently turn the term into a different one.
    """
    if not term.strip():
        return "is empty"
    sides = term_sides(term)
    if len(sides) > 1 and any(not s.strip() for s in sides):
        return "has a '+' with nothing on one side ('A + B' needs words on both sides)"
    for side in sides:
        alternatives = side.split("|")
        if len(alternatives) > 1 and any(not a.strip() for a in alternatives):
            return ("has a '|' with nothing on one side ('A | B' needs words on both "
                    "sides)")
        for alternative in alternatives:
            if _ALNUM.search(alternative) is None:
                return "has no letters or digits, so it can never match"
            if alternative.strip().startswith("@"):
                problem = _at_alternative_problem(alternative.strip(), alternatives, sides)
                if problem:
                    return problem
    return None


EVIDENCE_SIDE = "@evidence"  # `codecheck.matching.terms.EVIDENCE_SIDE`


def _at_alternative_problem(alternative: str, alternatives: list[str], sides: list[str]) -> str | None:
    """An "@" alternative is a concept set (`codecheck/matching/concepts/`, "@harm"), or the
    one word `@evidence`, alone on its side, next to a side of words."""
    from ..matching.concepts import concept_names

    if alternative != EVIDENCE_SIDE:
        if alternative in concept_names():
            return None
        known = ", ".join(sorted(concept_names() | {EVIDENCE_SIDE}))
        return f"has '{alternative}', but the '@' alternatives are {known}"
    if len(alternatives) > 1:
        return f"lists '{EVIDENCE_SIDE}' as an alternative; it must be a side of its own"
    if sum(1 for s in sides if s.strip() == EVIDENCE_SIDE) == len(sides):
        return f"has only '{EVIDENCE_SIDE}'; it needs a side of words ('supplier + {EVIDENCE_SIDE}')"
    return None


_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit, in any script


@lru_cache(maxsize=1 << 15)
def normalise_term(term: str) -> str:
    """The form two terms are compared in: case-folded, single spaces, ' + ' joints."""
    return " + ".join(" ".join(s.split()) for s in term_sides(term.casefold()))


@lru_cache(maxsize=1 << 15)
def term_alternatives(term: str) -> tuple[tuple[str, ...], ...]:
    """The normalised alternatives of each side, as the matcher reads a term
    (`codecheck.matching.terms.term_alternatives`): `"a | b + c"` -> `(("a", "b"), ("c",))`."""
    sides: list[tuple[str, ...]] = []
    for side in term_sides(term.casefold()):
        alts = tuple(a for a in dict.fromkeys(" ".join(x.split()) for x in side.split("|")) if a)
        if alts:
            sides.append(alts)
    return tuple(sides)


@lru_cache(maxsize=1 << 15)
def term_combos(term: str) -> tuple[tuple[str, ...], ...]:
    """Every combination of one alternative per side (`expand_term` in the matcher):
    `"a | b + c"` -> `(("a", "c"), ("b", "c"))`."""
    sides = term_alternatives(term)
    return tuple(itertools.product(*sides)) if sides else ()


def excluded_alternatives(term: str, excludes: Iterable[tuple[str, ...]]):
    """How `term` collides with the exclude combinations `excludes`:
    `("all", None, ex)` when every combination of its alternatives contains `ex`,
    `("some", combo, ex)` for the first combination that does, or None.

    A one-phrase exclusion (the usual case) is decided side by side, without expanding
    the term's alternatives (a term can have hundreds of combinations)."""
    sides = term_alternatives(term)
    first: tuple | None = None
    for ex in excludes:
        if len(ex) == 1:
            e = f" {ex[0]} "
            for i, alts in enumerate(sides):
                inside = [a for a in alts if e in f" {a} "]
                if len(inside) == len(alts):
                    return ("all", None, ex)
                if inside and first is None:
                    combo = [s[0] for s in sides]
                    combo[i] = inside[0]
                    first = ("some", tuple(combo), ex)
            continue
        total = 1
        for alts in sides:
            total *= len(alts)
        dead = [c for c in itertools.islice(itertools.product(*sides), 4096)
                if _excluded_by(c, (ex,))]
        if dead and len(dead) == total:
            return ("all", None, ex)
        if dead and first is None:
            first = ("some", dead[0], ex)
    return first


@lru_cache(maxsize=1 << 15)
def _words(term: str) -> frozenset[str]:
    """The words of a term (case-folded, without the '+' and '|' operators)."""
    return frozenset(term.casefold().replace("+", " ").replace("|", " ").split())


def _excluded_by(combo: tuple[str, ...], excludes: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The exclude combination that every sentence matching `combo` also matches: each of
    its phrases occurs, as whole words, inside one of the combination's phrases."""
    padded = [f" {p} " for p in combo]
    for ex in excludes:
        if all(any(f" {e} " in p for p in padded) for e in ex):
            return ex
    return None


def _with_set_phrases(excludes: list[str], lang: str) -> list[str]:
    """`excludes` with each concept set it names ("@false-friends") replaced by the set's
    phrases in `lang`, so that a term containing one of those phrases is found as well."""
    if not any(t.strip().startswith("@") for t in excludes):
        return excludes
    from ..matching.concepts import concept_sets

    sets = concept_sets(lang) if isinstance(lang, str) else {}
    out: list[str] = []
    for t in excludes:
        out.extend(sets.get(t.strip(), ()) if t.strip().startswith("@") else (t,))
    return out


def semantic_problems(parsed: list[ParsedFile]) -> list[Problem]:
    problems: list[Problem] = []
    req_ids: dict[str, str] = {}
    instrument_ids: dict[str, str] = {}
    for pf in parsed:
        data = pf.data
        if not isinstance(data, dict):
            continue  # reported by schema_problems
        instrument = data.get("instrument")
        inst_id = instrument.get("id") if isinstance(instrument, dict) else None
        if isinstance(inst_id, str):
            here = f"{pf.name}:{pf.loaded.position(('instrument', 'id'))[0]}"
            if inst_id in instrument_ids:
                problems.append(pf.problem(("instrument", "id"), f"instrument id '{inst_id}' "
                                           f"is already used at {instrument_ids[inst_id]}",
                                           "E207"))
            else:
                instrument_ids[inst_id] = here
        reqs = data.get("requirements")
        if not isinstance(reqs, list):
            continue
        for i, req in enumerate(reqs):
            rid = req.get("id") if isinstance(req, dict) else None
            if isinstance(rid, str):
                path = ("requirements", i, "id")
                if rid in req_ids:
                    problems.append(pf.problem(path, f"duplicate requirement id '{rid}' (already "
                                               f"used at {req_ids[rid]})", "E207"))
                else:
                    req_ids[rid] = f"{pf.name}:{pf.loaded.position(path)[0]}"
        # what concerns one file only, worked out once per file text (`_PARSED`)
        checked = _SEMANTIC_CHECKED.get(id(pf.loaded))
        if checked is None or checked[0] is not pf.loaded:
            own = [p for i, req in enumerate(reqs) if isinstance(req, dict)
                   for p in _requirement_problems(pf, i, req, inst_id)]
            checked = _SEMANTIC_CHECKED[id(pf.loaded)] = (pf.loaded, own)
        problems.extend(checked[1])
    return problems


def _requirement_problems(pf: ParsedFile, i: int, req: dict, inst_id: Any) -> list[Problem]:
    """The problems of one requirement that need no other file (the duplicate ids are
    found in `semantic_problems`)."""
    out: list[Problem] = []
    base = ("requirements", i)
    rid = req.get("id")
    if isinstance(rid, str):
        if isinstance(inst_id, str) and not rid.startswith(inst_id + "-"):
            out.append(pf.problem(base + ("id",), f"requirement id '{rid}' does not start "
                                  f"with its instrument id '{inst_id}-'", "E211"))
    label = rid if isinstance(rid, str) else f"requirements[{i}]"

    def term_lists(mapping: Any, path: tuple) -> Iterator[tuple[str, list, tuple]]:
        if isinstance(mapping, dict):
            for lang, terms in mapping.items():
                if isinstance(terms, list):
                    yield lang, terms, path + (lang,)

    # terms that can never match
    groups = [(req.get("terms"), base + ("terms",), f"{label} terms"),
              (req.get("exclude"), base + ("exclude",), f"{label} exclude")]
    elements = req.get("elements") if isinstance(req.get("elements"), list) else []
    for j, el in enumerate(elements):
        if isinstance(el, dict):
            eid = el.get("id") if isinstance(el.get("id"), str) else str(j)
            groups.append((el.get("terms"), base + ("elements", j, "terms"),
                           f"{label}[{eid}] terms"))
    for mapping, path, where_ in groups:
        for lang, terms, lpath in term_lists(mapping, path):
            for k, term in enumerate(terms):
                if isinstance(term, str):
                    why = term_problem(term)
                    if why:
                        out.append(pf.problem(lpath + (k,), f"{where_}.{lang}: term {term!r} "
                                              f"{why}", "E209"))

    # a term both included and excluded: the matcher drops every sentence of this
    # requirement that matches an exclude term, so an included term (or one of its
    # alternatives) that always contains an excluded one can never count as evidence
    excluded: dict[str, set[str]] = {}
    # exclude combinations indexed by the first words of their phrases: a term sharing
    # none of those words cannot contain an excluded phrase (the common, fast case)
    by_word: dict[str, dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]] = {}
    for lang, terms, _ in term_lists(req.get("exclude"), base + ("exclude",)):
        strings = _with_set_phrases([t for t in terms if isinstance(t, str)], lang)
        excluded[lang] = {normalise_term(t) for t in strings}
        index: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
        for t in strings:
            for combo in term_combos(t):
                first = frozenset(e.split()[0] for e in combo)
                for w in first:
                    index.setdefault(w, []).append((combo, first))
        by_word[lang] = index
    for mapping, path, where_ in groups:
        if path[-1] == "exclude":
            continue
        for lang, terms, lpath in term_lists(mapping, path):
            index = by_word.get(lang)
            if not index:
                continue
            for k, term in enumerate(terms):
                if not isinstance(term, str):
                    continue
                words = _words(term)
                hits = [w for w in words if w in index]
                if not hits:
                    continue  # fast path: no excluded phrase can be inside
                excludes = list(dict.fromkeys(
                    combo for w in hits for combo, first in index[w] if first <= words))
                if not excludes:
                    continue
                if normalise_term(term) in excluded[lang]:
                    out.append(pf.problem(lpath + (k,), f"{where_}.{lang}: term {term!r} is "
                                          "also in exclude, so it can never count as evidence",
                                          "E210"))
                    continue
                found = excluded_alternatives(term, excludes)
                if found is None:
                    continue
                kind, combo, ex = found
                if kind == "all":
                    what = (f"term {term!r} always contains the excluded "
                            f"{' + '.join(ex)!r}, so it can never count as evidence")
                else:
                    what = (f"term {term!r}: the alternative {' + '.join(combo)!r} contains "
                            f"the excluded {' + '.join(ex)!r}, so it can never count as evidence")
                out.append(pf.problem(lpath + (k,), f"{where_}.{lang}: {what}", "E210"))

    # element ids unique; activity elements must exist
    element_ids: dict[str, int] = {}
    for j, el in enumerate(elements):
        eid = el.get("id") if isinstance(el, dict) else None
        if isinstance(eid, str):
            if eid in element_ids:
                out.append(pf.problem(base + ("elements", j, "id"), f"{label}: duplicate "
                                      f"element id '{eid}'", "E207"))
            else:
                element_ids[eid] = j
    burden = req.get("burden")
    activities = burden.get("activities") if isinstance(burden, dict) else None
    if isinstance(activities, list):
        for k, act in enumerate(activities):
            if not isinstance(act, dict):
                continue
            apath = base + ("burden", "activities", k)
            ref = act.get("element")
            if isinstance(ref, str) and ref not in element_ids:
                known = ", ".join(element_ids) or "none"
                out.append(pf.problem(apath + ("element",), f"{label} burden.activities[{k}]: "
                                      f"element '{ref}' is not one of this requirement's "
                                      f"elements ({known}){_suggest(ref, element_ids)}", "E211"))
            minutes = act.get("minutes")
            if isinstance(minutes, dict):
                lo, mid, hi = (minutes.get(x) for x in ("low", "central", "high"))
                if all(isinstance(v, (int, float)) and not isinstance(v, bool)
                       for v in (lo, mid, hi)) and not lo <= mid <= hi:
                    out.append(pf.problem(apath + ("minutes",), f"{label} burden.activities"
                                          f"[{k}].minutes: need low <= central <= high, found "
                                          f"{lo}, {mid}, {hi}", "E213"))
    return out


# ------------------------------------------------------------------ entry points


def check_files(files: list[Path]) -> tuple[list[ParsedFile], list[Problem]]:
    """Parse and check `files`; the problems come back sorted by path and line."""
    parsed, problems = parse_files(files)
    for pf in parsed:
        checked = _SCHEMA_CHECKED.get(id(pf.loaded))
        if checked is None or checked[0] is not pf.loaded:
            checked = _SCHEMA_CHECKED[id(pf.loaded)] = (pf.loaded, schema_problems(pf))
        problems.extend(checked[1])
    problems.extend(semantic_problems(parsed))
    return parsed, sorted(set(problems))


def validate_paths(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the rule files at `paths` (files or folders), sorted by path/line."""
    files, problems = rule_files(paths)
    _, more = check_files(files)
    return sorted(set(problems + more))
