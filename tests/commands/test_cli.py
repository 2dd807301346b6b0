"""The real `spectab` command in a subprocess: exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOOD = (Path(__file__).parent / "data" / "good.yaml").read_text(encoding="utf-8")


def test_validate_ok(tmp_path, spectab):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = spectab("validate", str(path), "--stats")
    assert result.returncode == 0, result.stderr
    assert f"{path}: ok (1 namespaces, 3 entries)" in result.stdout
    assert "default" in result.stdout and "fell to the default rule" in result.stdout


def test_validate_reports_all_problems_exit_2(tmp_path, spectab):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        GOOD.replace("category: validation", "category: nope").replace(
            "http_status: 403", "http_status: x"
        )
    )
    other = tmp_path / "other.yaml"
    other.write_text("spectab: 2\n")
    result = spectab("validate", str(bad), str(other))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5, result.stderr
    # each problem a line that starts as every spectab error does, then names its file
    prefixes = (f"spectab: error: {bad}:", f"spectab: error: {other}:")
    assert all(line.startswith(prefixes) for line in lines)
    assert "Traceback" not in result.stderr


def test_missing_file_is_one_line_exit_2(tmp_path, spectab):
    result = spectab("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "cannot read" in result.stderr


def test_usage_error_exit_2(spectab):
    result = spectab("diff")  # OLD is required (`validate` alone checks the specs folder)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_schema_is_valid_json_schema_and_accepts_a_spec(spectab):
    result = spectab("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(GOOD), schema)


def test_python_dash_m_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stdout.startswith("spectab ")
