"""Shared fixtures: one default analysis per test session (the flow is deterministic)."""

from __future__ import annotations

import pytest

FIXED_TIME = "2026-01-01T00:00:00+00:00"


@pytest.fixture(scope="session")
def default_report():
    import codecheck

    return codecheck.analyse(generated_at=FIXED_TIME)


@pytest.fixture(scope="session")
def default_dict(default_report):
    return default_report.to_dict()


@pytest.fixture()
def own_code_file(tmp_path):
    """A user's own code as Markdown: ids that are not numbering, no parent, no burden parameters."""
    path = tmp_path / "our-draft-code.md"
    path.write_text(
        "# Draft code of the Example Federation\n\n"
        "## Principle 1. Responsible business\n\n"
        "1.1 The board shall adopt a human rights policy, approved by the board, and shall "
        "oversee human rights due diligence across the value chain.\n\n"
        "1.2 The company should carry out a human rights impact assessment of its operations "
        "and business relationships every year.\n\n"
        "## Principle 2. Shareholders\n\n"
        "2.1 The company shall treat all shareholders equally.\n",
        encoding="utf-8",
    )
    return path
