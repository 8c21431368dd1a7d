"""Safe YAML loading for rule files, with the line and column of every node.

Rule files are edited by hand, so every problem must point at a line. This module
composes the YAML node graph with a `SafeLoader` subclass (libyaml when available),
then builds plain Python data from it itself, recording for every value its position
(`marks`, keyed by the path of keys and indexes from the root) and for every mapping
value the position of its key (`key_marks`). On the way it

- refuses anything beyond `safe_load`: Python tags (`!!python/...`) and every other
  non-standard tag are reported, never constructed;
- reports duplicate keys (PyYAML silently keeps the last one);
- caps the file size (`MAX_BYTES`) and the size of the document once aliases are
  expanded (`MAX_NODES`), so a "billion laughs" file is refused, not expanded;
- keeps YAML timestamps as the text written (`date: 2011-06-16` stays a string).

Fatal problems (unreadable file, syntax error, too big) raise `YamlError`; the others
are collected in `Loaded.issues` and the data is still returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 2 * 1024 * 1024
"""Largest rule file accepted, in bytes (the biggest bundled file is far smaller)."""

MAX_NODES = 200_000
"""Largest number of nodes a document may have once every alias is expanded."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}

Path_ = tuple  # a path from the root: keys (str) and list indexes (int)


class RuleLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A SafeLoader that is only ever used to compose nodes (never to construct)."""


@dataclass(frozen=True)
class YamlIssue:
    line: int  # 1-based
    column: int  # 1-based
    message: str
    kind: str  # "syntax" | "duplicate-key" | "tag" | "limit" | "read"


class YamlError(Exception):
    """A file that cannot be loaded at all."""

    def __init__(self, issue: YamlIssue):
        super().__init__(f"{issue.line}:{issue.column}: {issue.message}")
        self.issue = issue


@dataclass
class Loaded:
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The (line, column) of the node at `path`, or of its nearest ancestor.

        With `key=True` the position of the key that holds the value is preferred
        (a "missing field" problem reads best at the `terms:` line).
        """
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_constructor = yaml.constructor.SafeConstructor()


def read_text(path: str | Path) -> str:
    """The text of a rule file, refusing what is too big or not UTF-8."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                YamlIssue(1, 1, f"file is {size:,} bytes, more than the {MAX_BYTES:,} "
                          "bytes a rule file may have; split it", "limit")
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise YamlError(YamlIssue(1, 1, f"cannot read the file: {exc.strerror or exc}", "read"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(
            YamlIssue(line, 1, "the file is not UTF-8 text; save it as UTF-8", "read")
        )


def load_text(text: str) -> Loaded:
    """Load one YAML document from `text` (see the module docstring)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlError(
            YamlIssue(1, 1, f"the text is more than the {MAX_BYTES:,} bytes a rule file "
                      "may have; split it", "limit")
        )
    loader = RuleLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark is not None else (1, 1)
        what = exc.problem or "invalid YAML"
        cm = exc.context_mark
        if exc.context and cm is not None and (mark is None or cm.line != mark.line):
            what = f"{what} ({exc.context} at line {cm.line + 1})"
        hint = _syntax_hint(text, line, col, exc.problem or "")
        raise YamlError(YamlIssue(line, col, f"YAML syntax error: {what}{hint}", "syntax"))
    except yaml.YAMLError as exc:
        raise YamlError(YamlIssue(1, 1, f"YAML syntax error: {exc}", "syntax"))
    finally:
        loader.dispose()
    loaded = Loaded(data=None)
    if node is None:
        return loaded
    if "*" in text:  # an alias is written *name: without one nothing can expand
        _check_expansion(node)
    loaded.data = _Builder(loaded).build(node, ())
    return loaded


def _syntax_hint(text: str, line: int, col: int, problem: str) -> str:
    """A likely cause, in the words of someone editing the file."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: max(col, 1)] or (problem.startswith("found character") and "\t" in here):
        return "; indent with spaces, not tabs"
    if problem.startswith("mapping values are not allowed"):
        return "; a value containing ': ' must be put in quotes (or the line is indented too far)"
    if problem.startswith("did not find expected key") or problem.startswith(
        "did not find expected '-'"
    ):
        return "; check the indentation of this line and the one before"
    if problem.startswith("found undefined alias"):
        return "; an alias (*name) needs an anchor (&name) before it"
    return ""


def load_file(path: str | Path) -> Loaded:
    return load_text(read_text(path))


# ------------------------------------------------------------------ alias bombs


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a document whose alias-expanded size exceeds MAX_NODES, or that is recursive.

    Sizes are memoised per node, so this costs one visit per distinct node however
    many times aliases repeat it.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    # iterative post-order DFS (documents can nest deeper than Python's recursion limit)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            total = 1
            for child in _children(node):
                total += sizes[id(child)]
            if total > MAX_NODES:
                line, col = _pos(node.start_mark)
                raise YamlError(
                    YamlIssue(line, col, f"aliases here expand to more than {MAX_NODES:,} "
                              "nodes (a 'billion laughs' document); refused", "limit")
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in active:
            line, col = _pos(node.start_mark)
            raise YamlError(YamlIssue(line, col, "a recursive alias (an anchor used inside "
                                      "itself) cannot be expanded; refused", "limit"))
        active.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                line, col = _pos(child.start_mark)
                raise YamlError(YamlIssue(line, col, "a recursive alias (an anchor used "
                                          "inside itself) cannot be expanded; refused", "limit"))
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        out: list[yaml.Node] = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []


# ------------------------------------------------------------------ construction


class _Builder:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded

    def issue(self, node: yaml.Node, message: str, kind: str) -> None:
        line, col = _pos(node.start_mark)
        self.loaded.issues.append(YamlIssue(line, col, message, kind))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.loaded.marks[path] = _pos(node.start_mark)
        tag = node.tag or ""
        if tag.startswith("tag:yaml.org,2002:python/") or tag.startswith("!!python"):
            self.issue(node, f"Python tag '{_short(tag)}' refused: rule files are plain data "
                       "(remove the tag)", "tag")
            return None
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _TIMESTAMP:
                return node.value  # keep dates as written
            if tag in _SCALAR_TAGS:
                return _constructor.yaml_constructors[tag](_constructor, node)
            self.issue(node, f"tag '{_short(tag)}' is not allowed in a rule file "
                       "(only plain strings, numbers, booleans, null, lists and mappings)", "tag")
            return None
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                self.issue(node, f"tag '{_short(tag)}' is not allowed in a rule file "
                           "(use a plain list)", "tag")
                return None
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if tag != _MAP:
                self.issue(node, f"tag '{_short(tag)}' is not allowed in a rule file "
                           "(use a plain mapping)", "tag")
                return None
            return self.mapping(node, path)
        self.issue(node, "unsupported YAML node", "tag")  # pragma: no cover
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        out: dict = {}
        seen: dict[Any, tuple[int, int]] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            key = self.scalar_key(key_node)
            if key is _BAD:
                self.issue(key_node, "mapping keys must be plain words", "tag")
                continue
            kpos = _pos(key_node.start_mark)
            if key in seen:
                first = seen[key]
                self.issue(key_node, f"duplicate key '{key}' (first at line {first[0]}); "
                           "YAML would silently keep only the last one", "duplicate-key")
                continue
            seen[key] = kpos
            sub = path + (key,)
            self.loaded.key_marks[sub] = kpos
            out[key] = self.build(value_node, sub)
        for merge in merges:  # `<<: *defaults` fills keys that are not written out
            for key_node, value_node in self.merged_pairs(merge):
                key = self.scalar_key(key_node)
                if key is _BAD or key in out:
                    continue
                sub = path + (key,)
                self.loaded.key_marks[sub] = _pos(key_node.start_mark)
                out[key] = self.build(value_node, sub)
        return out


    def scalar_key(self, key_node: yaml.Node) -> Any:
        if not isinstance(key_node, yaml.ScalarNode):
            return _BAD
        if key_node.tag in (_STR, _TIMESTAMP):
            return key_node.value
        if key_node.tag in _SCALAR_TAGS:
            return _constructor.yaml_constructors[key_node.tag](_constructor, key_node)
        return _BAD

    def merged_pairs(self, merge: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
        sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.issue(source, "a merge key '<<' needs a mapping", "tag")
                continue
            nested = []
            for k, v in source.value:
                if k.tag == _MERGE:
                    nested.append(v)
                else:
                    pairs.append((k, v))
            for n in nested:
                pairs.extend(self.merged_pairs(n))
        return pairs


_BAD = object()


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
