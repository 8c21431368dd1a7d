"""The JSON Schema report.json follows (`report.schema.json`, shipped in the package)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def report_schema() -> dict:
    return json.loads(resources.files("codecheck.report").joinpath("report.schema.json").read_text("utf-8"))


def report_problems(report: dict) -> list[str]:
    """Every way `report` breaks the schema, as `path: message` lines (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema())
    return sorted(
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(report)
    )
