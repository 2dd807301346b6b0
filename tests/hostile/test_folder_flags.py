"""Issue 20, item 9: a folder flag naming no folder of spectab's own (empty, the root, the
working folder or one containing it, for a folder that is replaced as a whole) is one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded, tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path


@pytest.mark.parametrize(
    "args, needle",
    [
        (["generate", "--out", "."], "working folder"),
        (["generate", "--out", ".."], "working folder"),
        (["generate", "--out", ""], "empty"),
        (["generate", "--out", "/"], "root"),
        (["generate", "--check", "--out", "/"], "root"),
        (["generate", "--specs", "/"], "root"),
        (["generate", "--specs", ""], "empty"),
        (["refresh", "--specs", "/"], "root"),
        (["refresh", "--specs", "."], "working folder"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_folder_flag_that_names_no_folder_of_its_own_is_one_line(project, args, needle):
    before = tree_digest(project)
    result = run_bounded(*args, "--no-cache" if args[0] == "generate" else "--quiet", cwd=project)
    one_line_exit_2(result, args[-2], needle)
    assert tree_digest(project) == before
