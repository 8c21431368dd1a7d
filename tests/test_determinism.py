"""Same inputs, same report: byte for byte, apart from `generated_at`."""

from __future__ import annotations

import codecheck


def test_two_runs_give_the_same_bytes(default_report, tmp_path):
    again = codecheck.analyse(generated_at="2030-12-31T23:59:59+00:00")
    first, second = tmp_path / "a", tmp_path / "b"
    default_report.write(first)
    again.write(second)
    for name in ("report.json", "report.html", "report.md", "coverage.csv"):
        a = (first / name).read_bytes().replace(default_report.generated_at.encode(), b"T")
        b = (second / name).read_bytes().replace(again.generated_at.encode(), b"T")
        assert a == b, f"{name} differs between two identical runs"


def test_generated_at_is_the_only_difference(default_dict):
    other = codecheck.analyse(generated_at="another time").to_dict()
    assert other.pop("generated_at") != default_dict["generated_at"]
    assert other == {k: v for k, v in default_dict.items() if k != "generated_at"}


def test_processes_with_different_hash_seeds_write_the_same_report(tmp_path):
    """Python orders sets of strings by a per-process hash seed; nothing in the report may
    depend on that order (the learned reader's sums once did: a hint at its threshold came
    and went between processes). Two processes, two seeds, the learned reader on."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    import shutil

    from codecheck.burden import stored

    root = Path(__file__).resolve().parent.parent
    reports = []
    for seed in ("1", "2"):
        if stored.folder() is not None:  # each process prices the gaps itself, not the other's
            shutil.rmtree(stored.folder(), ignore_errors=True)
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "codecheck", "report", "--quiet", "--learned-hints", "--learned-check",
             "--format", "json", "--out", str(out)],
            cwd=root, env=env, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
        data.pop("generated_at")
        reports.append(data)
    assert reports[0] == reports[1]
