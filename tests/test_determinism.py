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
