"""Persisted `generate` settings: spectab.toml or [tool.spectab], flags over them, and the
no-change shortcut noticing a settings file that appears, changes or goes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A consumer project with one spec and its own cache (so stamps start empty)."""
    (tmp_path / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "kaisa.yaml", tmp_path / "specs" / "kaisa.yaml")
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_pyproject_table_holds_every_option_and_is_named(project, spectab):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "consumer"\n\n[tool.spectab]\n'
        'specs = "specs"\nout = "generated"\ntargets = ["python", "openapi"]\n'
        'openapi_version = "3.0"\ndocs_base_url = "https://errors.example.com/"\n'
    )
    result = spectab("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "settings from pyproject.toml [tool.spectab]" in result.stderr
    assert sorted(p.name for p in (project / "generated").iterdir()) == ["openapi", "python"]
    python = (project / "generated" / "python" / "kaisa.py").read_text()
    assert 'DOCS_URL = "https://errors.example.com/kaisa.md"' in python
    assert "openapi: 3.0.3" in (project / "generated" / "openapi" / "kaisa.yaml").read_text()
    check = spectab("generate", "--check", cwd=project)  # same settings for --check
    assert check.returncode == 0, check.stdout + check.stderr
    assert "settings from pyproject.toml" in check.stderr


def test_flags_override_the_file(project, spectab):
    (project / "spectab.toml").write_text('targets = ["python"]\ndocs_base_url = "https://a/"\n')
    result = spectab(
        "generate", "--docs-base-url", "https://b/", "--target", "typescript", cwd=project
    )
    assert result.returncode == 0, result.stderr
    assert "settings from spectab.toml" in result.stderr
    assert sorted(p.name for p in (project / "out").iterdir()) == ["typescript"]
    assert '"https://b/kaisa.md"' in (project / "out" / "typescript" / "kaisa.ts").read_text()


def test_spectab_toml_wins_over_pyproject_and_paths_are_relative_to_it(project, spectab):
    (project / "pyproject.toml").write_text('[tool.spectab]\ntargets = ["markdown"]\n')
    (project / "spectab.toml").write_text('targets = ["python"]\n')
    sub = project / "sub"
    sub.mkdir()
    (sub / "other.toml").write_text('specs = "../specs"\nout = "gen"\ntargets = ["python"]\n')
    assert spectab("generate", cwd=project).returncode == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == ["python"]
    result = spectab("generate", "--config", "sub/other.toml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (sub / "gen" / "python" / "kaisa.py").is_file()


def test_shortcut_notices_a_settings_change(project, spectab):
    (project / "spectab.toml").write_text('targets = ["python"]\n')
    assert spectab("generate", cwd=project).returncode == 0
    (project / "spectab.toml").write_text('targets = ["python"]\ndocs_base_url = "https://c/"\n')
    result = spectab("generate", cwd=project)
    assert "1 written" in result.stderr, result.stderr
    assert '"https://c/kaisa.md"' in (project / "out" / "python" / "kaisa.py").read_text()
    (project / "spectab.toml").unlink()  # back to the defaults: all four targets
    result = spectab("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "settings from" not in result.stderr
    assert (project / "out" / "typescript" / "kaisa.ts").is_file()
    (project / "pyproject.toml").write_text('[tool.spectab]\ntargets = ["python"]\n')
    result = spectab("generate", cwd=project)  # a new file in the folder is noticed too
    assert "settings from pyproject.toml" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "text, expected",
    [
        ('targets = ["nope"]\n', "spectab.toml: targets: unknown target(s): nope"),
        ("colour = 1\n", "spectab.toml: colour: unknown setting"),
        ('openapi_version = "2.0"\n', 'spectab.toml: openapi_version: expected "3.1" or "3.0"'),
        ("targets = \n", "spectab.toml: invalid TOML"),
    ],
)
def test_bad_settings_one_line_exit_2(project, spectab, text, expected):
    (project / "spectab.toml").write_text(text)
    result = spectab("generate", cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
