"""How accurate the matcher was measured to be, as a report states it.

The figures are measured with `codecheck evaluate` on labelled text nobody tuned the matcher
on and kept in `accuracy.yaml`; the tests measure them again, so a change of the matcher
that moves one cannot leave the report saying something else.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ACCURACY_PATH = Path(__file__).with_name("accuracy.yaml")


@lru_cache(maxsize=1)
def _read() -> dict:
    import yaml

    return yaml.safe_load(ACCURACY_PATH.read_text(encoding="utf8"))


def measured_accuracy() -> dict:
    """`{measured, catalogue, texts: [{name, sets, f1_min, f1_max}]}`, JSON-ready (a new
    dict on each call)."""
    data = _read()
    return {
        "measured": data["measured"],
        "catalogue": data["catalogue"],
        "texts": [
            {"name": t["name"], "sets": len(t["sets"]), "f1_min": min(t["f1"]), "f1_max": max(t["f1"])}
            for t in data["texts"]
        ],
    }


def stated_figures() -> dict[str, float]:
    """Each labelled set named in `accuracy.yaml` (a path under tests/data) with the micro F1
    stated for it: what the tests measure again."""
    return {name: f1 for t in _read()["texts"] for name, f1 in zip(t["sets"], t["f1"], strict=True)}
