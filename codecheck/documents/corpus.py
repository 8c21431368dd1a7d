"""The YAML corpus format: a code as a list of provisions, in a plain text file.

```yaml
code:
  id: be-cg-2020              # stable id used everywhere
  title: 2020 Belgian Code on Corporate Governance
  edition: "2020"
  language: en                # en | nl | fr
  kind: digest                # digest | official | file (default: file)
  publisher: Corporate Governance Committee
  source: {url: https://..., retrieved: "2026-11-26", sha256: ...}
  note: free text, ignored by the analysis
provisions:
  - {id: "2", kind: principle, heading: "...", text: "..."}
  - {id: "2.1", kind: provision, parent: "2", text: "...", verified: false, pages: [8]}
```

Loading is `yaml.safe_load`-safe (no Python objects, no custom tags). Provision ids
(and `parent`, `code.id`, `code.edition`) are read from the raw YAML scalar, so
`2.10` stays "2.10" rather than becoming the float 2.1. Every problem raises a
`DocumentError` (E140-E149) naming the file, the line and what to change.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from codecheck.errors import DocumentError
from codecheck.model import CODE_KINDS, LANGUAGES, PROVISION_KINDS, Code, Provision

CODE_FIELDS = ("id", "title", "edition", "language", "kind", "publisher", "source", "note")
SOURCE_FIELDS = ("url", "path", "retrieved", "sha256")
PROVISION_FIELDS = ("id", "kind", "heading", "text", "parent", "verified", "pages", "note")

# Error codes of this module.
E_FILE = "E140"  # the file cannot be opened or decoded
E_YAML = "E141"  # the YAML syntax is broken
E_SHAPE = "E142"  # the top level, `code` or `provisions` is missing or of the wrong type
E_CODE_FIELD = "E143"  # a field of `code` is missing or invalid
E_PROVISION = "E144"  # a provision is not a mapping, lacks its id or text, or has a bad field
E_DUPLICATE = "E145"  # two provisions share an id, or a mapping repeats a key
E_KIND = "E146"  # an unknown provision or code kind
E_PARENT = "E147"  # a parent that is not a provision id, or a cycle of parents
E_UNKNOWN_FIELD = "E148"  # a field this format does not know (often a typo)


def read_corpus(path: str | os.PathLike[str], lang: str | None = None) -> Code:
    """Read a YAML corpus file into a `Code`.

    `lang` is used only when the file does not say `code.language`; when both are
    given they must agree.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(E_FILE, f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise DocumentError(E_FILE, f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            E_FILE, f"{path}: is not UTF-8 text (byte {exc.start}); save the corpus file as UTF-8"
        ) from None
    return parse_corpus_text(text, source=str(path), lang=lang)


def parse_corpus_text(text: str, source: str = "<string>", lang: str | None = None) -> Code:
    """Parse the text of a YAML corpus file; `source` names it in messages and `Code.source`."""
    node, data = _load_yaml(text, source)
    where = _Where(source)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise DocumentError(
            E_SHAPE,
            f"{source}: a corpus file must be a mapping with the keys `code` and `provisions`; "
            "see the corpus format in the README",
        )
    _check_duplicate_keys(node, where)
    top_nodes = _key_nodes(node)
    for key in data:
        if key not in ("code", "provisions"):
            raise DocumentError(
                E_UNKNOWN_FIELD,
                f"{where(top_nodes.get(key))}unknown top-level key `{key}`; "
                "a corpus file has only `code` and `provisions`",
            )
    if "code" not in data:
        raise DocumentError(E_SHAPE, f"{source}: the `code` section is missing; add `code:` with at least id, title and language")
    if "provisions" not in data:
        raise DocumentError(E_SHAPE, f"{source}: the `provisions` list is missing; add `provisions:` with one entry per provision")

    code_node = top_nodes["code"]
    if not isinstance(data["code"], dict) or not isinstance(code_node, yaml.MappingNode):
        raise DocumentError(E_SHAPE, f"{where(code_node)}`code` must be a mapping (id, title, edition, language, ...)")
    header = _read_header(data["code"], code_node, where, source, lang)

    prov_node = top_nodes["provisions"]
    if not isinstance(data["provisions"], list) or not isinstance(prov_node, yaml.SequenceNode):
        raise DocumentError(E_SHAPE, f"{where(prov_node)}`provisions` must be a list of provisions (`- id: ...`)")
    if not data["provisions"]:
        raise DocumentError(E_SHAPE, f"{where(prov_node)}`provisions` is empty; a corpus needs at least one provision")
    provisions = _read_provisions(data["provisions"], prov_node, where)

    return Code(provisions=provisions, **header)


def code_to_dict(code: Code) -> dict[str, Any]:
    """The `parse --format json` shape of a code (JSON-ready, stable key order)."""
    return {
        "code": {
            "id": code.id,
            "title": code.title,
            "edition": code.edition,
            "language": code.language,
            "kind": code.kind,
            "source": code.source,
            "publisher": code.publisher,
        },
        "provisions": [
            {
                "id": p.id,
                "kind": p.kind,
                "parent": p.parent,
                "heading": p.heading,
                "text": p.text,
                "pages": list(p.pages),
            }
            for p in code.provisions
        ],
    }


def corpus_to_dict(code: Code) -> dict[str, Any]:
    """A code in the YAML corpus format (what `write_corpus` writes; `read_corpus` reads it back)."""
    source: dict[str, Any] = {}
    if code.source:
        source["url" if "://" in code.source else "path"] = code.source
    if code.sha256:
        source["sha256"] = code.sha256
    header: dict[str, Any] = {
        "id": code.id,
        "title": code.title,
        "edition": code.edition,
        "language": code.language,
        "kind": code.kind,
        "publisher": code.publisher,
    }
    if source:
        header["source"] = source
    provisions = []
    for p in code.provisions:
        entry: dict[str, Any] = {"id": p.id, "kind": p.kind}
        if p.parent is not None:
            entry["parent"] = p.parent
        if p.heading:
            entry["heading"] = p.heading
        entry["text"] = p.text
        if not p.verified:
            entry["verified"] = False
        if p.pages:
            entry["pages"] = list(p.pages)
        provisions.append(entry)
    return {"code": header, "provisions": provisions}


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with multi-line text as readable `|` blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_corpus(code: Code) -> str:
    """The YAML text of a code in the corpus format."""
    return yaml.dump(
        corpus_to_dict(code), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )


def write_corpus(code: Code, path: str | os.PathLike[str]) -> Path:
    """Write `code` as a YAML corpus file (atomically); `read_corpus` gives the same code back."""
    path = Path(path)
    text = dump_corpus(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        _usual_permissions(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --------------------------------------------------------------------- internals


def _usual_permissions(path: str | os.PathLike[str]) -> None:
    """Give a `mkstemp` file (mode 0600) the mode a plain `open` would (0666 minus the umask)."""
    if os.name != "posix":
        return
    umask = os.umask(0o022)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


class _Where:
    """Formats 'file, line N: ' for a YAML node."""

    def __init__(self, source: str):
        self.source = source

    def __call__(self, node: yaml.Node | None) -> str:
        if node is None:
            return f"{self.source}: "
        return f"{self.source}, line {node.start_mark.line + 1}: "


def _load_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # safe; the C parser when available
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "syntax error"
        raise DocumentError(
            E_YAML, f"{source}{line}: invalid YAML ({problem}); fix the syntax there (quote text containing ': ' or '#')"
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(E_YAML, f"{source}: invalid YAML ({exc}); fix the syntax") from None
    finally:
        loader.dispose()
    return node, data


def _key_nodes(node: yaml.MappingNode) -> dict[Any, yaml.Node]:
    """Value nodes of a mapping node, by key (scalar keys only)."""
    out: dict[Any, yaml.Node] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            out[key_node.value] = value_node
    return out


def _check_duplicate_keys(node: yaml.Node, where: _Where) -> None:
    """PyYAML silently keeps the last of two equal keys; a corpus file must not have any."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    first = seen[key_node.value].start_mark.line + 1
                    raise DocumentError(
                        E_DUPLICATE,
                        f"{where(key_node)}the key `{key_node.value}` appears twice in one mapping "
                        f"(first on line {first}); keep only one",
                    )
                seen[key_node.value] = key_node
            _check_duplicate_keys(value_node, where)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, where)


def _raw_string(value: Any, node: yaml.Node | None) -> str | None:
    """A scalar as the string written in the file (so 2.10 stays "2.10"); None when null/empty."""
    if value is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        text = node.value.strip()
        return text or None
    return None  # a mapping or list where a string belongs


def _read_header(
    data: dict[str, Any], node: yaml.MappingNode, where: _Where, source: str, lang: str | None
) -> dict[str, Any]:
    nodes = _key_nodes(node)
    for key in data:
        if key not in CODE_FIELDS:
            raise DocumentError(
                E_UNKNOWN_FIELD,
                f"{where(nodes.get(key))}unknown field `code.{key}`; the fields are {', '.join(CODE_FIELDS)}",
            )

    def text_field(name: str, required: bool) -> str:
        value = data.get(name)
        if value is not None and not isinstance(nodes.get(name), yaml.ScalarNode):
            raise DocumentError(E_CODE_FIELD, f"{where(nodes.get(name))}`code.{name}` must be a single value, not a list or mapping")
        text = _raw_string(value, nodes.get(name))
        if text is None:
            if required:
                raise DocumentError(E_CODE_FIELD, f"{where(node)}`code.{name}` is missing; add it to the `code` section")
            return ""
        return text

    code_id = text_field("id", required=True)
    title = text_field("title", required=False) or code_id
    edition = text_field("edition", required=False)
    publisher = text_field("publisher", required=False)

    language = text_field("language", required=False)
    if not language:
        if lang is None:
            raise DocumentError(
                E_CODE_FIELD, f"{where(node)}`code.language` is missing; add `language: en` (or nl, fr)"
            )
        language = lang
    language = language.lower()
    if language not in LANGUAGES:
        raise DocumentError(
            E_CODE_FIELD,
            f"{where(nodes.get('language'))}unsupported language `{language}`; use one of {', '.join(LANGUAGES)}",
        )
    if lang is not None and lang.lower() != language:
        raise DocumentError(
            E_CODE_FIELD,
            f"{where(nodes.get('language'))}the file says language `{language}` but `{lang}` was asked for; "
            "fix `code.language` or the --lang option",
        )

    kind = text_field("kind", required=False) or "file"
    if kind not in CODE_KINDS:
        raise DocumentError(
            E_KIND, f"{where(nodes.get('kind'))}unknown code kind `{kind}`; use one of {', '.join(CODE_KINDS)}"
        )

    src_value = data.get("source")
    src_node = nodes.get("source")
    sha256: str | None = None
    code_source = source
    if isinstance(src_value, dict) and isinstance(src_node, yaml.MappingNode):
        src_nodes = _key_nodes(src_node)
        for key in src_value:
            if key not in SOURCE_FIELDS:
                raise DocumentError(
                    E_UNKNOWN_FIELD,
                    f"{where(src_nodes.get(key))}unknown field `code.source.{key}`; "
                    f"the fields are {', '.join(SOURCE_FIELDS)}",
                )
        url = _raw_string(src_value.get("url"), src_nodes.get("url"))
        src_path = _raw_string(src_value.get("path"), src_nodes.get("path"))
        code_source = url or src_path or source
        sha256 = _raw_string(src_value.get("sha256"), src_nodes.get("sha256"))
        if sha256 is not None:
            sha256 = sha256.lower()
            if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
                raise DocumentError(
                    E_CODE_FIELD,
                    f"{where(src_nodes.get('sha256'))}`code.source.sha256` must be 64 hexadecimal digits",
                )
    elif isinstance(src_node, yaml.ScalarNode) and src_value is not None:
        code_source = src_node.value.strip() or source
    elif src_value is not None:
        raise DocumentError(
            E_CODE_FIELD, f"{where(src_node)}`code.source` must be a URL or a mapping {{url, retrieved, sha256}}"
        )

    return {
        "id": code_id,
        "title": title,
        "edition": edition,
        "language": language,
        "kind": kind,
        "source": code_source,
        "publisher": publisher,
        "sha256": sha256,
    }


def _read_provisions(items: list[Any], node: yaml.SequenceNode, where: _Where) -> tuple[Provision, ...]:
    provisions: list[Provision] = []
    first_line: dict[str, int] = {}
    parent_nodes: dict[str, yaml.Node] = {}
    for index, (item, item_node) in enumerate(zip(items, node.value), start=1):
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            raise DocumentError(
                E_PROVISION,
                f"{where(item_node)}provision {index} must be a mapping like `- {{id: \"2.1\", text: ...}}`",
            )
        nodes = _key_nodes(item_node)
        for key in item:
            if key not in PROVISION_FIELDS:
                raise DocumentError(
                    E_UNKNOWN_FIELD,
                    f"{where(nodes.get(key))}unknown field `{key}` in provision {index}; "
                    f"the fields are {', '.join(PROVISION_FIELDS)}",
                )

        def string(name: str) -> str | None:
            value = item.get(name)
            if value is not None and not isinstance(nodes.get(name), yaml.ScalarNode):
                raise DocumentError(
                    E_PROVISION,
                    f"{where(nodes.get(name))}`{name}` of provision {index} must be a single value, not a list or mapping",
                )
            return _raw_string(value, nodes.get(name))

        pid = string("id")
        if pid is None:
            raise DocumentError(E_PROVISION, f"{where(item_node)}provision {index} has no `id`; give every provision an id")
        label = f"provision {pid!r}"
        text = item.get("text")
        if text is not None and not isinstance(nodes.get("text"), yaml.ScalarNode):
            raise DocumentError(E_PROVISION, f"{where(nodes.get('text'))}the `text` of {label} must be a string")
        text = _raw_string(text, nodes.get("text"))
        if text is None:
            raise DocumentError(E_PROVISION, f"{where(item_node)}{label} has no `text`; write its substance in `text:`")
        heading = string("heading") or ""

        kind = string("kind") or "provision"
        if kind not in PROVISION_KINDS:
            raise DocumentError(
                E_KIND,
                f"{where(nodes.get('kind'))}{label} has unknown kind `{kind}`; use one of {', '.join(PROVISION_KINDS)}",
            )

        parent = string("parent")
        if parent is not None:
            parent_nodes[pid] = nodes.get("parent")  # type: ignore[assignment]

        verified = item.get("verified", True)
        if verified is None:
            verified = True
        if not isinstance(verified, bool):
            raise DocumentError(
                E_PROVISION, f"{where(nodes.get('verified'))}`verified` of {label} must be true or false"
            )

        pages = _pages(item.get("pages"), nodes.get("pages"), label, where)

        line = item_node.start_mark.line + 1
        if pid in first_line:
            raise DocumentError(
                E_DUPLICATE,
                f"{where(nodes.get('id'))}duplicate provision id {pid!r} (first on line {first_line[pid]}); "
                "every provision needs its own id",
            )
        first_line[pid] = line
        provisions.append(
            Provision(
                id=pid, kind=kind, text=text, heading=heading, parent=parent, pages=pages, verified=verified
            )
        )

    # Parents must name a provision of this file, and must not loop.
    parents = {p.id: p.parent for p in provisions}
    for p in provisions:
        if p.parent is None:
            continue
        if p.parent not in parents:
            raise DocumentError(
                E_PARENT,
                f"{where(parent_nodes.get(p.id))}provision {p.id!r} has parent {p.parent!r}, "
                "which is not a provision id in this file; fix the parent or add that provision",
            )
        seen = {p.id}
        current = p.parent
        while current is not None:
            if current in seen:
                raise DocumentError(
                    E_PARENT,
                    f"{where(parent_nodes.get(p.id))}the parents of provision {p.id!r} form a cycle; "
                    "a provision cannot be its own ancestor",
                )
            seen.add(current)
            current = parents.get(current)
    return tuple(provisions)


def _pages(value: Any, node: yaml.Node | None, label: str, where: _Where) -> tuple[int, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise DocumentError(
            E_PROVISION, f"{where(node)}`pages` of {label} must be a page number or a list of page numbers, like [8, 9]"
        )
    return tuple(values)
