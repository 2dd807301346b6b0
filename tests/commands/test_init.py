"""`spectab init`: a catalogue of one's own, every setting written, nothing written over."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser
from generator.commands import config, init
from generator.commands.init import WORKFLOW_PATH

WRITTEN = ["spectab.toml", "specs/providers.yaml", WORKFLOW_PATH, ".gitignore"]


def test_init_writes_the_catalogue_into_an_empty_folder(tmp_path, spectab):
    result = spectab("init", "catalogue", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "catalogue"
    for rel in WRITTEN:
        assert (root / rel).is_file(), rel
        assert f"wrote catalogue/{rel}" in result.stdout
    assert (root / "specs" / "sources").is_dir() and (root / "out").is_dir()
    assert yaml.safe_load((root / "specs" / "providers.yaml").read_text()) == {"providers": []}
    assert ".spectab-cache/" in (root / ".gitignore").read_text().splitlines()
    validate = spectab("validate", cwd=root)  # the empty list is a valid providers.yaml
    assert validate.returncode == 0, validate.stderr
    assert "ok (0 providers)" in validate.stdout


def test_settings_file_names_every_setting_and_loads(tmp_path, spectab):
    assert spectab("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "spectab.toml").read_text()
    named = set(re.findall(r"^#? ?([a-z_]+) = ", text, re.MULTILINE))
    assert named == set(config.KEYS)  # a new setting must be written by init too
    loaded = config.load(cwd=tmp_path)
    assert loaded.path == tmp_path / "spectab.toml" and loaded.table == ""
    assert loaded.values["targets"] == ["python", "typescript", "openapi", "markdown"]
    for line in text.splitlines():  # each setting line has its meaning above it
        if re.match(r"#? ?[a-z_]+ = ", line):
            above = text.splitlines()[text.splitlines().index(line) - 1]
            assert above.startswith("# ") and len(above) > 10, line


def test_init_refuses_to_write_over_a_file_and_writes_nothing(tmp_path, spectab):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "providers.yaml").write_text("providers: []\n")
    result = spectab("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "specs/providers.yaml: already exists" in result.stderr
    assert not (tmp_path / "spectab.toml").exists()
    assert not (tmp_path / ".gitignore").exists()


def test_init_in_an_existing_repository_adds_to_its_gitignore(tmp_path, spectab):
    (tmp_path / ".gitignore").write_text("node_modules/")  # no final newline
    (tmp_path / "README.md").write_text("my project\n")
    result = spectab("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / ".gitignore").read_text().splitlines()
    assert lines[0] == "node_modules/" and ".spectab-cache/" in lines
    again = (tmp_path / ".gitignore").read_text()
    (tmp_path / "spectab.toml").unlink()
    (tmp_path / "specs" / "providers.yaml").unlink()
    (tmp_path / WORKFLOW_PATH).unlink()
    assert spectab("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / ".gitignore").read_text() == again  # its lines are not added twice


def test_workflow_runs_the_checks_with_real_flags(tmp_path, spectab):
    assert spectab("init", cwd=tmp_path).returncode == 0
    workflow = yaml.safe_load((tmp_path / WORKFLOW_PATH).read_text())
    runs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step and step["run"].startswith("spectab ")
    ]
    joined = "\n".join(runs)
    for wanted in ("generate --check", "refresh --check", "--fail-on breaking", "--live"):
        assert wanted in joined
    assert "--format markdown" in joined and "gh pr comment" in str(workflow)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    comment = next(step for step in steps if "gh pr comment" in step.get("run", ""))
    assert comment["continue-on-error"] is True  # a fork's PR token cannot comment
    assert "schedule" in workflow[True]  # YAML 1.1 reads the `on:` key as True
    parser = build_parser()
    for run in runs:
        words = shlex.split(run.split(">")[0].split("#")[0])
        parser.parse_args(words[1:])  # a mistyped flag exits 2 here


def test_a_catalogue_in_a_subfolder_gets_its_workflow_at_the_repository_root(tmp_path, spectab):
    app = tmp_path / "app"
    (app / ".git").mkdir(parents=True)  # GitHub reads workflows only from the root's .github
    result = spectab("init", "src/errors", cwd=app)
    assert result.returncode == 0, result.stderr
    assert f"wrote {WORKFLOW_PATH}" in result.stdout
    assert not (app / "src" / "errors" / ".github").exists()
    workflow = yaml.safe_load((app / WORKFLOW_PATH).read_text())
    assert workflow["defaults"] == {"run": {"working-directory": "src/errors"}}
    cached = [s["with"]["path"] for s in workflow["jobs"]["current"]["steps"] if "cache" in str(s)]
    assert cached == ["src/errors/.spectab-cache"]  # where spectab, run there, keeps it
    assert ".spectab-cache/" in (app / "src" / "errors" / ".gitignore").read_text()
    again = spectab("init", "src/other", cwd=app)  # a second catalogue: the workflow is taken
    assert again.returncode == 2 and f"{WORKFLOW_PATH}: already exists" in again.stderr
    assert not (app / "src" / "other").exists()


class _Installed:
    """A spectab distribution whose direct_url.json (PEP 610) says where pip got it."""

    def __init__(self, recorded: dict[str, object] | None) -> None:
        self.recorded = recorded

    def read_text(self, name: str) -> str | None:
        return None if self.recorded is None else json.dumps(self.recorded)


GIT = {"url": "https://git.example.com/tools/spectab.git", "vcs_info": {"vcs": "git"}}
COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    "recorded, wanted",
    [
        (None, "spectab==VERSION"),  # from an index
        ({"url": "file:///home/me/spectab", "dir_info": {}}, "spectab==VERSION"),  # CI lacks it
        (
            {**GIT, "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            f"spectab @ git+https://git.example.com/tools/spectab.git@{COMMIT}",
        ),
        (
            {
                "url": "https://me:token@git.example.com/s.git",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT},
            },
            "spectab==VERSION",  # a credential is never written into the workflow
        ),
    ],
)
def test_the_workflow_installs_spectab_from_where_it_was_installed(monkeypatch, recorded, wanted):
    from importlib import metadata

    from generator import __version__

    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(recorded))
    wanted = wanted.replace("VERSION", __version__)
    assert init.requirement() == wanted
    installs = [line for line in init.workflow_text().splitlines() if "pip install" in line]
    assert len(installs) == 2 and all(f'pip install "{wanted}"' in line for line in installs)


def _git(repo: Path, *args: str) -> None:
    """git in ``repo``, with none of the machine's settings (an empty global file beside it)."""
    config_file = repo.parent / "gitconfig"
    config_file.touch()
    env = dict(os.environ, GIT_CONFIG_GLOBAL=str(config_file), GIT_CONFIG_NOSYSTEM="1")
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    done = subprocess.run(["git", *identity, *args], cwd=repo, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr


def test_the_pull_request_steps_run_in_the_catalogue_and_skip_a_base_without_specs(
    tmp_path, spectab
):
    """The workflow's pull-request steps, run by bash as the runner would (in the step's
    folder, base branch at origin/main): the pull request that adds the catalogue has no
    base specs, so there is nothing to diff rather than a failure; later ones diff."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    assert spectab("init", "errors", cwd=repo).returncode == 0
    workflow = yaml.safe_load((repo / WORKFLOW_PATH).read_text())
    folder = repo / workflow["defaults"]["run"]["working-directory"]
    steps = workflow["jobs"]["current"]["steps"]
    base = next(step for step in steps if step.get("id") == "base")
    diffs = [s["run"] for s in steps if s.get("run", "").startswith("spectab diff")]

    def run(script: str, output: Path) -> subprocess.CompletedProcess[str]:
        script = script.replace("${{ github.base_ref }}", "main")
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
        env = dict(os.environ, GITHUB_OUTPUT=str(output), PATH=path)
        return subprocess.run(
            ["bash", "-e", "-c", script], cwd=folder, env=env, capture_output=True, text=True
        )

    output = tmp_path / "output"
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # the base: no specs
    assert run(base["run"], output).returncode == 0
    assert not output.exists() or output.read_text() == ""  # the diff steps are skipped
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "catalogue")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert run(base["run"], output).returncode == 0
    assert output.read_text() == "specs=yes\n"
    for script in diffs:  # REV:PATH, as git reads it from the step's folder
        result = run(script, output)
        assert result.returncode == 0, result.stderr


def test_init_keeps_pyproject_settings_and_makes_the_folders_they_name(tmp_path, spectab):
    pyproject = '[project]\nname = "app"\n\n[tool.spectab]\nspecs = "errors/specs"\nout = "gen"\n'
    (tmp_path / "pyproject.toml").write_text(pyproject)
    result = spectab("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "kept the settings of pyproject.toml [tool.spectab]" in result.stdout
    assert not (tmp_path / "spectab.toml").exists()  # it would override [tool.spectab]
    assert (tmp_path / "pyproject.toml").read_text() == pyproject
    assert (tmp_path / "errors" / "specs" / "sources").is_dir() and (tmp_path / "gen").is_dir()
    assert not (tmp_path / "specs").exists() and not (tmp_path / "out").exists()
    workflow = (tmp_path / WORKFLOW_PATH).read_text()
    assert '"origin/${{ github.base_ref }}:errors/specs" --fail-on breaking' in workflow
    validate = spectab("validate", cwd=tmp_path)  # every command finds the list init wrote
    assert "errors/specs/providers.yaml: ok (0 providers)" in validate.stdout
