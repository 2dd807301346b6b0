"""A failed generate or refresh changes nothing on disk; a run never writes through links;
two runs on one tree take turns; a crashed run's leftovers are cleaned by the next."""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2, tree_digest

EXE = str(Path(sys.executable).with_name("spectab"))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A copy of specs/ and out/ whose voipms spec has changed since out/ was generated."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "out", tmp_path / "out")
    spec = tmp_path / "specs" / "voipms.yaml"
    text = spec.read_text()
    spec.write_text(text.replace("This is not a valid DID", "This is not a valid DID number"))
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def run(tree: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [EXE, *args], cwd=tree, capture_output=True, text=True, env=env, timeout=300, **kwargs
    )


def siblings(tree: Path) -> list[str]:
    return sorted(path.name for path in tree.iterdir() if path.name.startswith("."))


def test_a_file_where_a_folder_should_be(tree):
    shutil.rmtree(tree / "out" / "typescript")
    (tree / "out" / "typescript").write_text("not a folder\n")
    before = tree_digest(tree / "out")
    result = run(tree, "generate")
    one_line_exit_2(result, "out/typescript", "cannot write")
    assert tree_digest(tree / "out") == before
    assert siblings(tree) == []


def test_file_size_limit_changes_nothing(tree):
    before = tree_digest(tree / "out")

    def limit() -> None:  # Python ignores SIGXFSZ, so a write past it is an OSError (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = run(tree, "generate", "--no-cache", preexec_fn=limit)
    one_line_exit_2(result, "out/", "cannot write", "too large")
    assert tree_digest(tree / "out") == before
    assert siblings(tree) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_out_changes_nothing(tree):
    before = tree_digest(tree / "out")
    (tree / "out" / "python").chmod(0o555)
    try:
        result = run(tree, "generate")
    finally:
        (tree / "out" / "python").chmod(0o755)
    one_line_exit_2(result, "out/python", "cannot write")
    assert tree_digest(tree / "out") == before


def test_cache_folder_is_a_file(tree):
    (tree / "cache").write_text("a file\n")
    result = run(tree, "generate")
    assert result.returncode == 0, result.stderr  # the cache only saves time
    assert "Traceback" not in result.stderr


def test_non_utf8_changelog_fails_before_any_spec_is_written(tree):
    (tree / "specs" / "CHANGELOG.md").write_bytes(b"# Changes\n\n\xff\xfe\n")
    before = tree_digest(tree / "specs")
    result = run(tree, "refresh")
    one_line_exit_2(result, "CHANGELOG.md", "not UTF-8")
    assert tree_digest(tree / "specs") == before
    assert siblings(tree) == []


def test_symlinked_target_folder_outside_out_is_refused(tree):
    outside = tree / "elsewhere"
    shutil.move(tree / "out" / "python", outside)
    (tree / "out" / "python").symlink_to(outside)
    (outside / "keep.txt").write_text("mine\n")
    before = tree_digest(outside)
    result = run(tree, "generate")
    one_line_exit_2(result, "out/python", "symbolic link")
    assert tree_digest(outside) == before
    assert (tree / "out" / "python").is_symlink()


def test_leftovers_of_a_crashed_run_are_cleaned(tree):
    run(tree, "generate")  # out/ current
    (tree / ".out.spectab-new" / "python").mkdir(parents=True)
    (tree / ".specs.spectab-new").mkdir()
    (tree / "out" / "python" / ".voipms.py.a1b2c3d4.tmp").write_text("half a fi")
    result = run(tree, "generate")
    assert result.returncode == 0, result.stderr
    assert siblings(tree) == [".specs.spectab-new"]  # refresh's, cleaned by refresh
    assert not (tree / "out" / "python" / ".voipms.py.a1b2c3d4.tmp").exists()
    assert run(tree, "refresh").returncode == 0
    assert siblings(tree) == []


def test_concurrent_refreshes_write_one_changelog_section(tree):
    runs = [
        subprocess.Popen(
            [EXE, "refresh", "voipms"],
            cwd=tree,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    log = (tree / "specs" / "CHANGELOG.md").read_text()
    original = (ROOT / "specs" / "CHANGELOG.md").read_text()
    assert log.count("## ") == original.count("## ") + 1, log[:2000]
    assert siblings(tree) == []


def test_concurrent_generates_agree(tree):
    runs = [
        subprocess.Popen(
            [EXE, "generate", "--no-cache"],
            cwd=tree,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert run(tree, "generate", "--check").returncode == 0
    assert siblings(tree) == []


def test_out_is_a_file(tree):
    shutil.rmtree(tree / "out")
    (tree / "out").write_text("mine\n")
    one_line_exit_2(run(tree, "generate"), "out", "cannot write")
    assert (tree / "out").read_text() == "mine\n"
    assert siblings(tree) == []


def test_scrape_into_a_device_writes_through_it(tmp_path):
    """`-o /dev/null` as root: renaming the spec over the device would replace the machine's
    device node with a regular file (it happened once on the build machine). A device node
    made in a temporary folder stands in for /dev/null."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    page = ROOT / "tests" / "fixtures" / "pages" / "shapes" / "two_tables.md"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "scrape", str(page), "-o", str(device)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert [item.name for item in tmp_path.iterdir()] == ["null"]
