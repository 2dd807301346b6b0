"""`spectab diff` as a user runs it: exit codes, inputs (files, folders, git revisions), errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import FIXTURES

MIXED = FIXTURES / "mixed"


def _pair(kind: str) -> tuple[str, str]:
    return str(FIXTURES / kind / "before.yaml"), str(FIXTURES / kind / "after.yaml")


@pytest.mark.parametrize(
    "kind, fail_on, code",
    [
        ("code_removed", "breaking", 1),
        ("code_removed", "warning", 1),
        ("code_removed", "info", 1),
        ("code_added", "breaking", 0),
        ("code_added", "warning", 1),
        ("code_added", "info", 1),
        ("message_changed", "breaking", 0),
        ("message_changed", "warning", 0),
        ("message_changed", "info", 1),
        ("alias_removed", "breaking", 0),
        ("alias_removed", "warning", 1),
    ],
)
def test_fail_on_levels(kind, fail_on, code, spectab):
    result = spectab("diff", *_pair(kind), "--fail-on", fail_on)
    assert result.returncode == code, result.stdout + result.stderr


def test_without_fail_on_changes_exit_0(spectab):
    result = spectab("diff", *_pair("code_removed"))
    assert result.returncode == 0
    assert "breaking  code_removed  api:invalid_did" in result.stdout


def test_bad_fail_on_level_is_a_usage_error(spectab):
    result = spectab("diff", *_pair("code_removed"), "--fail-on", "severe")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_missing_path_is_one_line_exit_2(spectab, tmp_path):
    result = spectab(
        "diff", str(tmp_path / "nope.yaml"), _pair("code_added")[0], "--fail-on", "info"
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope.yaml: no such file or folder" in result.stderr
    assert result.stdout == ""


def test_invalid_specs_on_both_sides_give_their_positioned_lines(spectab, tmp_path):
    before, after = _pair("code_added")
    bad_old = tmp_path / "old.yaml"
    bad_old.write_text(Path(before).read_text().replace("http_status: 400", "http_status: many"))
    bad_new = tmp_path / "new.yaml"
    bad_new.write_text(Path(after).read_text().replace("category: auth", "category: nope"))
    result = spectab("diff", str(bad_old), str(bad_new))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"{bad_old}:14:") and "http_status" in lines[0]
    assert lines[1].startswith(f"{bad_new}:") and "'nope' is not one of" in lines[1]
    assert "Traceback" not in result.stderr


def test_folders_match_by_provider_id_and_skip_non_specs(spectab):
    result = spectab("diff", str(MIXED / "before"), str(MIXED / "after"), "--format", "json")
    assert result.returncode == 0, result.stderr
    providers = {change["provider"] for change in json.loads(result.stdout)["changes"]}
    assert providers == {"acme", "beta", "gamma"}


def test_a_file_against_a_folder_is_an_error_naming_the_file_to_use(spectab):
    old, new = MIXED / "before" / "acme.yaml", MIXED / "after"
    result = spectab("diff", str(old), str(new))
    assert result.returncode == 2 and result.stdout == ""
    assert "no changes" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert f"{old} is a spec file but {new} is a folder" in result.stderr
    assert f"(here: {old} {new / 'acme.yaml'})" in result.stderr
    reverse = spectab("diff", str(new), str(old))
    assert reverse.returncode == 2 and "is a folder" in reverse.stderr


def test_breaking_first_and_wrapped_to_the_terminal(spectab, monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    result = spectab("diff", str(MIXED / "before"), str(MIXED / "after"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 72
    severities = [line.split()[0] for line in lines if line.startswith("  ") and line[2] != " "]
    assert severities[0] == "breaking"
    acme = severities[: severities.index("info") + 2]  # the first block, in severity order
    ranks = [("breaking", "warning", "info").index(word) for word in acme]
    assert ranks == sorted(ranks)
    assert "<docs> @team" in result.stdout  # the long message is all there, on two lines


def test_duplicate_provider_in_a_folder_is_an_error(spectab, tmp_path):
    shutil.copy(MIXED / "before" / "acme.yaml", tmp_path / "a.yaml")
    shutil.copy(MIXED / "before" / "acme.yaml", tmp_path / "b.yaml")
    result = spectab("diff", str(tmp_path), str(MIXED / "after"))
    assert result.returncode == 2
    assert "provider id 'acme' is also the id of" in result.stderr


# ------------------------------------------------------------------ git revisions


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path):
    """A repository whose HEAD~1 has the 'before' specs and HEAD the 'after' ones."""
    root = tmp_path / "repo"
    specs = root / "specs"
    specs.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    for name in ("acme.yaml", "beta.yaml"):
        shutil.copy(MIXED / "before" / name, specs / name)
    (specs / "acme.overrides.yaml").write_text("not: a spec\n")
    _git(root, "add", "specs")
    _git(root, "commit", "-q", "-m", "before")
    (specs / "beta.yaml").unlink()
    for name in ("acme.yaml", "gamma.yaml"):
        shutil.copy(MIXED / "after" / name, specs / name)
    _git(root, "add", "-A", "specs")
    _git(root, "commit", "-q", "-m", "after")
    return root


def test_rev_path_folder_against_the_working_tree(repo, spectab):
    result = spectab("diff", "HEAD~1:specs", "specs", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    expected = spectab("diff", str(MIXED / "before"), str(MIXED / "after"), "--format", "json")
    assert result.stdout == expected.stdout


def test_rev_path_both_sides_and_a_single_file(repo, spectab):
    both = spectab("diff", "HEAD~1:specs", "HEAD:specs", "--fail-on", "breaking", cwd=repo)
    assert both.returncode == 1, both.stderr
    one = spectab("diff", "HEAD~1:specs/acme.yaml", "specs/acme.yaml", "--format", "json", cwd=repo)
    assert one.returncode == 0, one.stderr
    assert {c["provider"] for c in json.loads(one.stdout)["changes"]} == {"acme"}


def test_rev_path_is_relative_to_the_current_folder(repo, spectab):
    result = spectab("diff", "HEAD~1:.", ".", "--format", "json", cwd=repo / "specs")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"] == {"breaking": 4, "warning": 4, "info": 2}


def test_invalid_spec_in_a_revision_names_the_revision(repo, spectab):
    (repo / "specs" / "acme.yaml").write_text("spectab: 1\n")
    _git(repo, "commit", "-q", "-am", "broken")
    result = spectab("diff", "HEAD:specs", "HEAD~1:specs", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("HEAD:specs/acme.yaml:1:1: ")


@pytest.mark.parametrize("ref", ["nosuchrev:specs", "HEAD:nosuchdir"])
def test_bad_revision_or_path_is_one_line_exit_2(repo, spectab, ref):
    result = spectab("diff", ref, "specs", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"{ref}: not readable from git" in result.stderr


def test_output_is_byte_identical_across_hash_seeds_locales_and_time_zones():
    import os
    import sys

    exe = Path(sys.executable).with_name("spectab")
    outputs = set()
    for seed, locale, zone in [("1", "C", "UTC"), ("2", "C.UTF-8", "Asia/Kolkata"), ("3", "", "")]:
        for fmt in ("json", "markdown", "text"):
            env = dict(os.environ, PYTHONHASHSEED=seed, LC_ALL=locale, TZ=zone, COLUMNS="1000")
            result = subprocess.run(
                [str(exe), "diff", str(MIXED / "before"), str(MIXED / "after"), "--format", fmt],
                capture_output=True,
                env=env,
                check=True,
            )
            outputs.add((fmt, result.stdout))
    assert len(outputs) == 3
    expected = {"json": "expected.json", "markdown": "expected.md", "text": "expected.txt"}
    for fmt, stdout in outputs:
        assert stdout == (MIXED / expected[fmt]).read_bytes()


def test_empty_git_folder_warns(repo, spectab):
    (repo / "empty").mkdir()
    (repo / "empty" / "notes.txt").write_text("x\n")
    _git(repo, "add", "empty")
    _git(repo, "commit", "-q", "-m", "empty")
    result = spectab("diff", "HEAD:empty", "specs", cwd=repo)
    assert result.returncode == 0
    assert "HEAD:empty: no spec files in this folder" in result.stderr
