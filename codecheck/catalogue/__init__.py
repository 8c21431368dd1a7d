"""The requirements catalogue: rule files, their schema, safe loading and validation.

- `load_catalogue(path=None)` builds a `codecheck.model.Catalogue` (bundled rules by default);
- `codecheck.catalogue.validate.validate_paths(paths)` lists every problem with its line;
- `schema.json` is the JSON Schema (draft 2020-12) of a rule file.
"""

from codecheck.catalogue.load import load_catalogue

__all__ = ["load_catalogue"]
