"""One settings file for every command: refresh, vendor, diff, validate (and add, in
test_add.py) read `specs`/`out` from spectab.toml or [tool.spectab] as generate does; flags
override; the README's settings block works as printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ("kaisa.yaml", "kaisa.overrides.yaml", "sources/kaisa.txt")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A consumer project whose specs live in a folder only the settings file names."""
    specs = tmp_path / "errors" / "specs"
    (specs / "sources").mkdir(parents=True)
    for rel in SEED:
        shutil.copy(ROOT / "specs" / rel, specs / rel)
    listed = yaml.safe_load((ROOT / "specs" / "providers.yaml").read_text())["providers"]
    kaisa = [entry for entry in listed if entry["id"] == "kaisa"]
    (specs / "providers.yaml").write_text(yaml.safe_dump({"providers": kaisa}))
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "spectab.toml").write_text(
        'specs = "errors/specs"\nout = "errors/out"\ntargets = ["python", "markdown"]\n'
    )
    return tmp_path


def test_refresh_reads_the_specs_folder_from_the_settings(project, spectab):
    result = spectab("refresh", "--check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "settings from spectab.toml" in result.stderr
    assert "1 spec(s) match their pages" in result.stderr
    flag = spectab("refresh", "--check", "--specs", "nowhere", cwd=project)  # flag wins
    assert flag.returncode == 2 and "nowhere/providers.yaml: not found" in flag.stderr


def test_validate_without_paths_checks_the_settings_specs_folder(project, spectab):
    result = spectab("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "errors/specs/kaisa.yaml: ok" in result.stdout
    assert "errors/specs/providers.yaml: ok (1 providers)" in result.stdout


def test_diff_compares_with_the_settings_specs_folder(project, spectab):
    (project / "old").mkdir()
    old = project / "old" / "kaisa.yaml"
    text = (project / "errors" / "specs" / "kaisa.yaml").read_text()
    old.write_text(text.replace("code: Blocked IP", "code: Gone IP", 1))
    assert text != old.read_text()
    result = spectab("diff", "old", "--fail-on", "breaking", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr  # a wire code changed: breaking
    assert "code_renamed" in result.stdout and "settings from spectab.toml" in result.stderr


def test_vendor_reads_out_specs_and_targets_from_the_settings(project, spectab):
    assert spectab("generate", cwd=project).returncode == 0
    assert sorted(p.name for p in (project / "errors" / "out").iterdir()) == ["docs", "python"]
    result = spectab("vendor", "consumer", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "consumer").iterdir()) == [
        "docs",
        "python",
        "spectab-vendor.json",
    ]
    verify = spectab("vendor", "--verify", "consumer", cwd=project)  # staleness checked too
    assert verify.returncode == 0, verify.stderr
    assert "not found, so staleness is not checked" not in verify.stderr


def _readme_settings_block() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Settings") :]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("where", ["spectab.toml", "pyproject.toml", "pasted"])
def test_the_readme_settings_block_works_as_printed(project, spectab, where):
    block = _readme_settings_block()
    assert "[tool.spectab]" not in block  # the README shows spectab.toml's top-level keys
    (project / "spectab.toml").unlink()
    shutil.copytree(project / "errors" / "specs", project / "specs")
    if where == "spectab.toml":
        (project / "spectab.toml").write_text(block)
    elif where == "pyproject.toml":
        (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.spectab]\n' + block)
    else:  # a [tool.spectab] block pasted into spectab.toml reads as its keys
        (project / "spectab.toml").write_text("[tool.spectab]\n" + block)
    result = spectab("generate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        "https://errors.example.com/kaisa.md"
        in (project / "out" / "python" / "kaisa.py").read_text()
    )


def test_a_missing_templates_folder_names_the_file_and_key(project, spectab):
    (project / "spectab.toml").write_text('specs = "errors/specs"\ntemplates = "mine"\n')
    result = spectab("generate", cwd=project)
    assert result.returncode == 2
    assert "spectab.toml: templates: " in result.stderr and "is not a folder" in result.stderr
