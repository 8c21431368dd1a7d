"""Reading the matcher's own data files (`synonyms/`, `concepts/`): safe YAML, and one
`CatalogueError` line with the file's error code when a file cannot be parsed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import CatalogueError


def read_yaml(path: Path, code: str) -> Any:
    """The data of the YAML file at `path` (None for an empty file)."""
    import yaml

    try:
        return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe; C when available
    except yaml.YAMLError as exc:
        raise CatalogueError(code, f"{path} is not valid YAML ({exc.__class__.__name__}); fix the file") from None
