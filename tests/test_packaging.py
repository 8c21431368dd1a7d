"""A built wheel carries rules/ and corpora/ and works outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend?): {build.stderr[-300:]}")
    return next(out.glob("codecheck-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("codecheck/_data/rules/catalogue/") and n.endswith(".yaml") for n in names)
    assert "codecheck/_data/rules/burden.yaml" in names
    assert "codecheck/_data/corpora/manifest.yaml" in names
    assert "codecheck/report/templates/report.html.j2" in names
    for lang in ("en", "nl", "fr"):  # the matcher's synonym classes and concept sets
        assert f"codecheck/matching/synonyms/{lang}.yaml" in names
        assert f"codecheck/matching/concepts/{lang}.yaml" in names
    assert "codecheck/report/report.schema.json" in names


def test_installed_wheel_reports_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-m", "codecheck", "report", "-q", "--format", "json"],
        cwd=run_dir, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((run_dir / "codecheck-report" / "report.json").read_text("utf-8"))
    assert len(data["codes"]) >= 2 and len(data["requirements"]) >= 60
    probe = subprocess.run(
        [sys.executable, "-c", "import codecheck; print(codecheck.__file__)"],
        cwd=run_dir, env=env, capture_output=True, text=True,
    )
    assert probe.stdout.strip().startswith(str(site))
