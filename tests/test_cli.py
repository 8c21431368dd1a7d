"""The command line, feature by feature, the same features as tests/test_api.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codecheck.cli import main
from codecheck.report.schema import report_problems

REPO = Path(__file__).resolve().parents[1]
SUBCOMMANDS = ["report", "parse", "validate", "check", "corpora", "evaluate"]


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert command in capsys.readouterr().out


def test_report_writes_every_format_and_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, stderr = run(["report", "--out", str(out)], capsys)
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["coverage.csv", "report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert report_problems(data) == []
    for c in data["codes"]:
        assert c["id"] in stdout
    assert str(out) in stdout
    assert "biggest gaps" in stdout


def test_report_quiet_prints_nothing(tmp_path, capsys):
    code, stdout, stderr = run(["report", "--quiet", "--format", "json", "--out", str(tmp_path / "q")], capsys)
    assert (code, stdout, stderr) == (0, "", "")
    assert (tmp_path / "q" / "report.json").exists()


def test_report_one_code_one_format(tmp_path, capsys):
    out = tmp_path / "one"
    code, _, stderr = run(["report", "-q", "--code", "be-cg-2020", "--format", "md", "--out", str(out)], capsys)
    assert code == 0, stderr
    assert [p.name for p in out.iterdir()] == ["report.md"]
    text = (out / "report.md").read_text("utf-8")
    assert "be-cg-2020" in text and "be-buysse-iv-2024" not in text


def test_report_replaces_an_existing_report_and_keeps_other_files(tmp_path, capsys):
    out = tmp_path / "existing"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "coverage.csv").write_text("stale")
    (out / "report.json").write_text("stale")
    code, _, _ = run(["report", "-q", "--format", "json", "--out", str(out)], capsys)
    assert code == 0
    assert (out / "notes.txt").read_text() == "mine"
    assert not (out / "coverage.csv").exists(), "a stale file of an earlier report must go"
    assert json.loads((out / "report.json").read_text("utf-8"))["schema_version"] == "1.0"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".codecheck-")]


def test_param_override_from_the_cli(tmp_path, capsys):
    def total(argv):
        out = tmp_path / str(len(list(tmp_path.iterdir())))
        assert main(["report", "-q", "--code", "be-cg-2020", "--format", "json", "--out", str(out), *argv]) == 0
        return json.loads((out / "report.json").read_text())["summary"]["be-cg-2020"]["burden"]["total_eur_per_year"]

    base = total([])
    assert total(["--param", "tariff_eur_per_hour.central=69"]) > base


BAD_INPUTS = [
    (["report", "--code", "be-cg-2099"], "E103"),
    (["report", "--code", "missing/file.pdf"], "E101"),
    (["report", "--format", "json,docx"], "E002"),
    (["report", "--param", "population.be-cg-2020"], "E308"),
    (["report", "--param", "population.be-cg-202=3"], "E301"),
    (["report", "--param", "tariff_eur_per_hour.central=cheap"], "E3"),
    (["report", "--budget", "lots"], "--budget"),
    (["report", "--catalogue", "no/such/rules"], "E2"),
    (["parse", "no/such/file.pdf"], "E101"),
    (["nonsense"], "invalid choice"),
]


@pytest.mark.parametrize("argv,expected", BAD_INPUTS, ids=[" ".join(a) for a, _ in BAD_INPUTS])
def test_bad_input_is_one_line_and_exit_2(argv, expected, tmp_path, capsys):
    out = tmp_path / "never"
    try:
        code = main([*argv, "--out", str(out)] if argv[0] == "report" else argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    _, err = capsys.readouterr()
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert not out.exists(), "nothing may be written on bad input"


def test_unwritable_out_is_refused_cleanly(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run(["report", "-q", "--format", "json", "--out", str(blocker / "sub")], capsys)
    assert code == 2 and "E40" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(["report", "-q", "--format", "json", "--out", str(blocker)], capsys)
    assert code == 2 and "E401" in err
    assert blocker.read_text() == "x"


def test_python_dash_m_and_exit_codes(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ok = subprocess.run(
        [sys.executable, "-m", "codecheck", "report", "--code", "be-cg-2020", "--format", "csv", "--out", str(tmp_path / "r")],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "r" / "coverage.csv").read_text().startswith("requirement,")
    bad = subprocess.run(
        [sys.executable, "-m", "codecheck", "report", "--code", "nope"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_parse_a_bundled_code_as_json(capsys):
    code, out, _ = run(["parse", "be-cg-2020", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["code"]["id"] == "be-cg-2020"
    assert [p["id"] for p in data["provisions"] if p["kind"] == "principle"] == [str(n) for n in range(1, 11)]
    assert {"id", "kind", "parent", "heading", "text", "pages"} <= set(data["provisions"][0])


def test_report_in_french(tmp_path, capsys):
    code, out, err = run(["report", "--lang", "fr", "--format", "json", "--out", str(tmp_path / "fr")], capsys)
    assert code == 0, err
    data = json.loads((tmp_path / "fr" / "report.json").read_text("utf-8"))
    assert {c["language"] for c in data["codes"]} == {"fr"}
    assert " fr " in out


@pytest.mark.parametrize("option", [["--budget", "250000"], ["--target", "0.5"]])
def test_recommended_package_in_every_format(option, tmp_path, capsys):
    out = tmp_path / "rec"
    code, _, err = run(["report", "-q", "--code", "be-cg-2020", "--out", str(out), *option], capsys)
    assert code == 0, err
    data = json.loads((out / "report.json").read_text("utf-8"))
    rec = data["summary"]["be-cg-2020"]["recommended"]
    assert rec and rec["requirements"]
    if option[0] == "--budget":
        assert rec["burden_eur_per_year"] <= 250000
    else:
        assert rec["coverage_index"] >= 0.5
    assert ", ".join(rec["requirements"][:3]) in (out / "report.md").read_text("utf-8")
    assert "Recommended package" in (out / "report.html").read_text("utf-8")
    import csv

    rows = list(csv.DictReader((out / "coverage.csv").open(encoding="utf-8")))
    assert {r["requirement"] for r in rows if r["in_recommended_package"] == "True"} == set(rec["requirements"])
