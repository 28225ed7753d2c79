"""The command line: `lawgov` and `python -m lawgov`, output formats, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_cli


def _fixture_counts(data: Path) -> dict[str, int]:
    def load(rel: str) -> dict:
        return yaml.safe_load((data / rel).read_text(encoding="utf-8"))

    return {
        "figures": len(load("figures/kunshan-2012.yaml")["figures"]),
        "relations": len(load("relations/kunshan-2012.yaml")["relations"]),
        "terms": len(load("glossary.yaml")["terms"]),
        "sections": len(load("outline/kunshan-2012.yaml")["sections"]),
    }


def test_validate_prints_the_counts(shared_data: Path) -> None:
    result = run_cli("validate", "--data", str(shared_data))
    assert result.returncode == 0 and result.stderr == ""
    n = _fixture_counts(shared_data)
    pattern = (
        rf"ok: 1 report, {n['figures']:,} figures, {n['relations']:,} relations, {n['terms']:,} terms, "
        rf"{n['sections']:,} sections checked in \d+\.\d\d s"
    )
    assert re.fullmatch(pattern, result.stdout.strip()), result.stdout


def test_console_script_and_data_from_environment(shared_data: Path) -> None:
    script = REPO / ".venv" / "bin" / "lawgov"
    if not script.exists():
        pytest.skip("console script not installed")
    result = subprocess.run(
        [str(script), "validate"],
        capture_output=True,
        text=True,
        env={"LAWGOV_DATA": str(shared_data), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0 and result.stdout.startswith("ok: 1 report")


def test_figures_csv(shared_data: Path) -> None:
    result = run_cli("figures", "--format", "csv", "--data", str(shared_data))
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == _fixture_counts(shared_data)["figures"]
    by = {r["id"]: r for r in rows}
    assert by["mediation_success_rate"]["value_text"] == "99.95"
    assert by["hotline_calls"]["period_end"] == "2012-10-31"
    assert by["normative_documents_abolished"]["framework"] == "opinion-2010.4;opinion-2010.8"


def test_figures_json(shared_data: Path) -> None:
    result = run_cli("figures", "--format", "json", "--report", "kunshan-2012", "--data", str(shared_data))
    assert result.returncode == 0
    records = json.loads(result.stdout)
    by = {r["id"]: r for r in records}
    assert by["audit_savings"]["value"] == 3.7 and by["audit_savings"]["note_en"] is None
    assert by["hotline_calls"]["full_year"] is False and by["hotline_calls"]["period_start"] is None
    assert by["hotline_calls"]["period"] == "/2012-10-31" and by["hotline_calls"]["period_end"] == "2012-10-31"
    assert by["mediation_cases"]["framework"] == []


def test_audit_json(shared_data: Path) -> None:
    result = run_cli("audit", "--format", "json", "--data", str(shared_data))
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert all(
        set(r) == {"id", "kind", "inputs", "computed", "stated", "verdict", "reason", "details"} for r in records
    )
    by = {r["id"]: r for r in records}
    mediation = by["mediation_success_rate_check"]
    assert mediation["verdict"] == "consistent (truncated)" and mediation["stated"] == 99.95
    assert mediation["inputs"] == ["mediation_success_rate", "mediation_successes", "mediation_cases"]
    assert by["suggestions_satisfaction_base"]["computed"] is None
    # every rate with a base carries the interval of counts its printed precision allows
    for r in records:
        if r["kind"] == "rate" and r["verdict"] != "not checkable":
            assert {"low", "high"} <= set(r["details"][0]), r["id"]


def test_audit_table(shared_data: Path) -> None:
    result = run_cli("audit", "--data", str(shared_data))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "kind", "computed", "stated", "verdict", "reason"]
    at = next(i for i, line in enumerate(lines) if line.startswith("mediation_success_rate_check"))
    row = lines[at]  # the reason may go on over the indented lines below
    reason = " ".join(line.strip() for line in lines[at + 1 : at + 6] if line.startswith(" ")).split()
    assert "consistent (truncated)" in row
    assert "equal only after truncation" in " ".join(row.split() + reason)


def test_unknown_report_is_a_usage_error(shared_data: Path) -> None:
    result = run_cli("figures", "--report", "wuxi-2012", "--data", str(shared_data))
    assert result.returncode == 2 and result.stderr.strip() == "lawgov: unknown report 'wuxi-2012'"


def test_bad_usage_exits_2() -> None:
    assert run_cli("figures", "--format", "xml").returncode == 2
    assert run_cli().returncode == 2


@pytest.mark.parametrize("command", [["figures"], ["audit", "--format", "json"], ["validate"]])
def test_no_traceback_for_bad_data(command: list[str], tmp_path: Path, shared_data: Path) -> None:
    broken = tmp_path / "data"
    shutil.copytree(shared_data, broken)
    (broken / "topics.yaml").write_bytes(b"topics: [\x00\n")
    result = run_cli(*command, "--data", str(broken))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("data/topics.yaml:")
    assert result.stdout == ""


def test_missing_data_dir_from_environment(tmp_path: Path) -> None:
    result = run_cli("figures", env={"LAWGOV_DATA": str(tmp_path / "none")})
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("columns", ["200", "100"])
def test_audit_table_fits_the_terminal_and_loses_no_word(columns):
    """Lines at most the terminal's width (and never over 120); each reason wrapped under its
    column, every word of it kept."""
    done = run_cli("audit", "--format", "table", env={"COLUMNS": columns})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = lines[0]
    indent = header.index("reason")
    assert max(len(line) for line in lines) <= min(int(columns), 120) or indent + 30 > int(columns)
    reasons = json.loads(run_cli("audit", "--format", "json").stdout)
    shown = " ".join(line[indent:].strip() for line in lines[1:])
    assert shown.split() == " ".join(r["reason"] for r in reasons).split()
