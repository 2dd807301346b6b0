"""`spectab validate` tells specs, overrides and providers.yaml apart and takes folders;
`spectab schema --kind` prints a JSON Schema for each, which the files users write pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_a_folder_checks_every_kind(spectab):
    result = spectab("validate", "specs")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "specs/providers.yaml: ok (4 providers)" in lines
    assert any(line.startswith("specs/kaisa.overrides.yaml: ok (overrides of") for line in lines)
    assert any(line.startswith("specs/kaisa.yaml: ok (1 namespaces") for line in lines)


def test_problems_of_each_kind_are_positioned_and_reported_together(tmp_path, spectab):
    folder = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", folder)
    overrides = folder / "kaisa.overrides.yaml"
    overrides.write_text(overrides.read_text() + "colour: red\n")
    providers = folder / "providers.yaml"
    (folder / "old").mkdir()
    broken = folder / "old" / "providers.yaml"  # sub-folders are checked too
    broken.write_text(providers.read_text().replace("format: text", "format: word", 1))
    (folder / "sources" / "voipms.txt").unlink()
    renamed = folder / "my-fixes.yaml"  # an overrides file under another name: told by its key
    renamed.write_text("spectab_overrides: 1\nnamespaces: {x: {drop: 5}}\n")
    result = spectab("validate", str(folder))
    assert result.returncode == 2
    prefix = "spectab: error: "  # every problem line starts as every spectab error does
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    errors = [line.removeprefix(prefix) for line in lines]
    assert any(line.startswith(f"{overrides}:") and "colour" in line for line in errors), errors
    assert any(line.startswith(f"{broken}:10:11:") and "word" in line for line in errors), errors
    assert f"{providers}: voipms: snapshot sources/voipms.txt not found" in errors
    assert any(line.startswith(f"{renamed}:") and "drop" in line for line in errors), errors
    assert "Traceback" not in result.stderr


def test_an_empty_folder_is_one_line_exit_2(tmp_path, spectab):
    result = spectab("validate", str(tmp_path))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"spectab: error: {tmp_path}: no spec, overrides or providers.yaml files in it"
    )


@pytest.mark.parametrize(
    "kind, files",
    [
        ("spec", ["kaisa.yaml", "itniotech.yaml"]),
        ("overrides", ["kaisa.overrides.yaml", "itniotech.overrides.yaml"]),
        ("providers", ["providers.yaml"]),
    ],
)
def test_each_schema_is_valid_and_accepts_the_committed_files(spectab, kind, files):
    result = spectab("schema", "--kind", kind)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name in files:
        data = yaml.safe_load((ROOT / "specs" / name).read_text())
        assert not list(validator.iter_errors(data)), name
    others = {"spec": "providers.yaml", "overrides": "kaisa.yaml", "providers": "kaisa.yaml"}
    wrong = yaml.safe_load((ROOT / "specs" / others[kind]).read_text())
    assert list(validator.iter_errors(wrong))  # each schema tells its own kind from the rest
