"""Setting up as a newcomer does: the Python version said everywhere is the one the pins
resolve for (pip's own resolver), and the Makefile rebuilds a .venv made by another Python
and shows pip's reason when an install fails."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_one_python_version_is_stated_everywhere():
    floor = PYPROJECT["project"]["requires-python"]
    assert floor == ">=3.11"
    assert PYPROJECT["tool"]["mypy"]["python_version"] == "3.11"
    assert "You need Python 3.11+" in (ROOT / "README.md").read_text("utf-8")
    assert "(3, 11)" in (ROOT / "Makefile").read_text("utf-8")


def test_the_pins_resolve_for_the_stated_python(tmp_path):
    """pip resolves runtime and test dependencies against constraints.txt for a 3.11
    interpreter, wheels only (what `make` installs), without installing anything."""
    deps = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"]["test"],
    ]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--dry-run",
            "--ignore-installed",
            "--target",
            str(tmp_path / "t"),
            "--python-version",
            "3.11",
            "--only-binary=:all:",
            "-c",
            str(ROOT / "constraints.txt"),
            *deps,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Would install" in result.stdout


def _make(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _fake_venv(tmp_path: Path) -> Path:
    """A .venv whose python says it is 3.9."""
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\necho 3.9\n")
    fake.chmod(0o755)
    return fake


def test_reading_the_makefile_never_deletes_the_venv(tmp_path):
    """`make -n`, `make help` or another PYTHON= only read the Makefile: .venv stays; the
    target that needs it says it makes it again (issue 19 item 7)."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    fake = _fake_venv(tmp_path)
    assert _make(tmp_path, "help", f"PYTHON={sys.executable}").returncode == 0
    dry = _make(tmp_path, "-n", "generate", f"PYTHON={sys.executable}")
    assert dry.returncode == 0, dry.stderr
    want = "%d.%d" % sys.version_info[:2]
    assert f".venv was made with Python 3.9, {sys.executable} is {want}" in dry.stdout
    assert "rm -rf .venv" in dry.stdout
    assert fake.exists()


def test_an_old_python_is_refused_with_the_version_needed(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    old = tmp_path / "python-old"
    old.write_text('#!/bin/sh\ncase "$2" in *">= (3, 11)"*) echo False;; *) echo 3.10;; esac\n')
    old.chmod(0o755)
    result = _make(tmp_path, "help", f"PYTHON={old}")
    assert result.returncode != 0
    assert "is Python 3.10; spectab needs 3.11+" in result.stderr


def test_a_failed_install_shows_pips_reason(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "constraints.txt").write_text("jinja2==0.0.0\n")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "0"\ndependencies = ["jinja2"]\n'
        "[tool.setuptools]\npy-modules = []\n"
    )
    fake = _fake_venv(tmp_path)  # made by another Python: the target makes it again
    result = _make(tmp_path, "generate", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    assert ".venv was made with Python 3.9" in result.stdout
    assert b"echo 3.9" not in fake.read_bytes()  # a real python now
    assert "make: pip could not install -e ." in result.stderr
    assert re.search(r"jinja2==0\.0\.0|No matching distribution", result.stderr), result.stderr


def test_make_score_without_the_corpus_says_so_in_one_line(tmp_path):
    """../shared is beside the repository, not in it: say so before building anything."""
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copy(ROOT / "Makefile", work / "Makefile")
    result = _make(work, "score", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "../shared/corpus-tools/score" in lines[0], lines
    assert not (work / ".venv").exists()
