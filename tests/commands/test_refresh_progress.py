"""Refresh over many providers (issue 21, issue 19 item 6): snapshots read across cores with
the same specs, CHANGELOG and messages as one after another; a line per provider as it
finishes (plain lines off a terminal, one redrawn bar on it); an error of a worker is the
same one line."""

from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path

import pytest

from generator.commands.progress import Progress
from generator.errors import SpecError

ROOT = Path(__file__).resolve().parents[2]
PROGRESS = "refresh: ["


def _seeds(folder: Path) -> Path:
    """The four seed providers, with two specs gone: both are rewritten and logged."""
    specs = folder / "specs"
    shutil.copytree(ROOT / "specs", specs)
    for provider_id in ("kaisa", "voipms"):
        (specs / f"{provider_id}.yaml").unlink()
    return specs


def _files(specs: Path) -> dict[str, bytes]:
    return {p.relative_to(specs).as_posix(): p.read_bytes() for p in specs.rglob("*") if p.is_file()}


def _said(stderr: str, specs: Path) -> list[str]:
    return [line.replace(str(specs), "SPECS") for line in stderr.splitlines()]


def test_across_cores_writes_what_one_after_another_writes(tmp_path, spectab):
    one, many = _seeds(tmp_path / "one"), _seeds(tmp_path / "many")
    alone = spectab("refresh", "--specs", str(one), "--jobs", "1")
    together = spectab("refresh", "--specs", str(many), "--jobs", "2")
    assert alone.returncode == together.returncode == 0, alone.stderr + together.stderr
    assert _files(one) == _files(many)  # specs and CHANGELOG.md byte for byte
    plain = [line for line in _said(alone.stderr, one) if not line.startswith(PROGRESS)]
    assert plain == [
        line for line in _said(together.stderr, many) if not line.startswith(PROGRESS)
    ]
    assert "2 providers unchanged" in plain[-1]


def test_a_line_per_provider_as_it_finishes_when_not_a_terminal(tmp_path, spectab):
    specs = _seeds(tmp_path)
    result = spectab("refresh", "--specs", str(specs), "--check")
    lines = [line for line in result.stderr.splitlines() if line.startswith(PROGRESS)]
    assert sorted(line.split("] ")[1].split(":")[0] for line in lines) == sorted(
        ["kaisa", "fonedynamics", "voipms", "itniotech"]
    )
    assert [line.split("]")[0] for line in lines] == [f"{PROGRESS}{n}/4" for n in range(1, 5)]
    assert "voipms: " in result.stderr and "entries, changed" in result.stderr


def test_the_first_failing_provider_is_the_one_line_said(tmp_path, spectab):
    specs = _seeds(tmp_path)
    (specs / "sources" / "fonedynamics.txt").unlink()
    (specs / "sources" / "itniotech.txt").unlink()
    result = spectab("refresh", "--specs", str(specs), "--jobs", "2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("spectab: error")]
    assert len(errors) == 1 and "fonedynamics.txt" in errors[0], result.stderr


def test_jobs_must_be_positive(tmp_path, spectab):
    result = spectab("refresh", "--specs", str(_seeds(tmp_path)), "--jobs", "0")
    assert result.returncode == 2 and "--jobs 0" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_bar_redrawn(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    screen = _Terminal()
    progress = Progress(2, screen)
    progress.finished("acme", "unchanged")
    progress.finished("zeta", "3 entries, changed")
    progress.close()
    said = screen.getvalue()
    assert "\n" not in said and said.count("\r") == 3 and "2/2 zeta" in said


@pytest.mark.parametrize("env", [{"CI": "true", "TERM": "xterm"}, {"TERM": "dumb"}])
def test_ci_and_dumb_terminals_get_plain_lines(monkeypatch, env):
    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    screen = _Terminal()
    progress = Progress(1, screen)
    progress.finished("acme", "unchanged")
    progress.close()
    assert screen.getvalue() == "refresh: [1/1] acme: unchanged\n"


def test_a_spec_error_crosses_a_process_boundary_whole():
    error = pickle.loads(pickle.dumps(SpecError(["a.yaml:1:1: x: bad", "a.yaml:2:1: y: bad"])))
    assert error.problems == ["a.yaml:1:1: x: bad", "a.yaml:2:1: y: bad"]
