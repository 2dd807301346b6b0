"""Issue 20, items 3, 4 and 9 (special files): a link or a FIFO where spectab reads or writes
a file (out/, a vendor DEST, its manifest, a --templates folder) is refused, never followed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded, tree_digest

SECRET = "PRIVATE KEY 0123456789"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """specs/ and out/ as in the repository, and a secret file beside them."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "out", tmp_path / "out")
    (tmp_path / "key").write_text(SECRET + "\n")
    return tmp_path


def _generate(project: Path, *args: str):
    return run_bounded("generate", "--no-cache", *args, cwd=project, timeout=120)


@pytest.mark.parametrize("check", [True, False], ids=["check", "write"])
def test_an_output_file_that_is_a_link_is_refused(project, check):
    (project / "out" / "python" / "kaisa.py").unlink()
    (project / "out" / "python" / "kaisa.py").symlink_to(project / "key")
    before = tree_digest(project)
    result = _generate(project, *(["--check"] if check else []))
    one_line_exit_2(result, "out/python/kaisa.py", "symbolic link")
    assert SECRET not in result.stdout + result.stderr
    assert tree_digest(project) == before


@pytest.mark.parametrize("check", [True, False], ids=["check", "write"])
def test_a_fifo_in_place_of_an_output_file_is_refused(project, check):
    (project / "out" / "docs" / "kaisa.md").unlink()
    os.mkfifo(project / "out" / "docs" / "kaisa.md")
    result = _generate(project, *(["--check"] if check else []))
    one_line_exit_2(result, "out/docs/kaisa.md", "not a regular file")


def _vendor(project: Path, *args: str):
    return run_bounded("vendor", *args, cwd=project, timeout=60)


def test_vendor_writes_nothing_through_a_folder_link_in_dest(project):
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (project / "dest").mkdir()
    (project / "dest" / "python").symlink_to(elsewhere)
    result = _vendor(project, "dest", "--target", "python")
    one_line_exit_2(result, "dest/python", "symbolic link")
    assert list(elsewhere.iterdir()) == []


def test_vendor_writes_nothing_through_a_file_link_in_dest(project):
    (project / "dest" / "python").mkdir(parents=True)
    (project / "dest" / "python" / "kaisa.py").symlink_to(project / "key")
    result = _vendor(project, "dest", "--target", "python", "--force")
    one_line_exit_2(result, "dest/python/kaisa.py", "symbolic link")
    assert (project / "key").read_text() == SECRET + "\n"


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_vendor_manifest_that_is_a_link_or_fifo_is_never_read(project, kind):
    (project / "dest").mkdir()
    manifest = project / "dest" / "spectab-vendor.json"
    if kind == "link":
        manifest.symlink_to(project / "key")
    else:
        os.mkfifo(manifest)
    result = _vendor(project, "dest", "--verify")
    one_line_exit_2(result, "spectab-vendor.json", "symbolic link" if kind == "link" else "FIFO")
    assert SECRET not in result.stdout + result.stderr


def test_a_vendored_file_that_is_a_fifo_is_refused_by_verify(project):
    assert _vendor(project, "dest", "--target", "python").returncode == 0
    (project / "dest" / "python" / "kaisa.py").unlink()
    os.mkfifo(project / "dest" / "python" / "kaisa.py")
    result = _vendor(project, "dest", "--verify")
    one_line_exit_2(result, "dest/python/kaisa.py", "not a regular file")


def test_an_output_link_in_out_is_not_vendored(project):
    (project / "out" / "python" / "kaisa.py").unlink()
    (project / "out" / "python" / "kaisa.py").symlink_to(project / "key")
    result = _vendor(project, "dest", "--target", "python", "--provider", "kaisa")
    one_line_exit_2(result, "out/python/kaisa.py", "symbolic link")


def _templates(project: Path) -> Path:
    folder = project / "templates" / "python"
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_template_link_leading_out_is_refused(project, what):
    folder = _templates(project)
    if what == "file":
        (folder / "secret.j2").symlink_to(project / "key")
        included = "secret.j2"
    else:
        (project / "outside").mkdir()
        (project / "outside" / "secret.j2").write_text(SECRET + "\n")
        (folder / "parts").symlink_to(project / "outside")
        included = "parts/secret.j2"
    (folder / "module.py.j2").write_text(f'X = """{{% include "python/{included}" %}}"""\n')
    result = _generate(project, "--templates", "templates", "--out", "out2")
    one_line_exit_2(result, "leading out of templates")
    assert not (project / "out2").exists()
    assert SECRET not in result.stdout + result.stderr


def test_a_template_link_inside_the_folder_is_fine(project):
    folder = _templates(project)
    shutil.copy(ROOT / "templates" / "python" / "module.py.j2", folder / "real.j2")
    (folder / "module.py.j2").symlink_to(folder / "real.j2")
    result = _generate(project, "--templates", "templates", "--check")
    assert result.returncode == 0, result.stderr
