"""Issue 20, items 1 and 6: nothing a providers.yaml or a spec says leads out of the project
folder, and no provider id shadows a file or a module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded, tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    (tmp_path / "secret").write_text("not a page\n")
    return tmp_path


def _providers(project: Path, old: str, new: str) -> None:
    path = project / "specs" / "providers.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("snapshot", ["../secret", "/etc/passwd", "sources/../../secret"])
def test_a_snapshot_outside_the_specs_folder_is_refused(project, snapshot):
    _providers(project, "snapshot: sources/fonedynamics.txt", f"snapshot: {snapshot}")
    result = run_bounded("refresh", "--check", cwd=project)
    one_line_exit_2(result, "fonedynamics", "snapshot", "inside")


def test_a_snapshot_link_leading_out_is_refused(project):
    (project / "specs" / "sources" / "fonedynamics.txt").unlink()
    (project / "specs" / "sources" / "fonedynamics.txt").symlink_to(project / "secret")
    result = run_bounded("refresh", "--check", cwd=project)
    one_line_exit_2(result, "fonedynamics", "leads out")


def test_a_snapshot_folder_link_leading_out_is_refused_for_writing(project):
    """--update-snapshots would write the fetched bytes through the link: refused before
    any fetch (the docs_url is never contacted)."""
    (project / "elsewhere").mkdir()
    _providers(project, "snapshot: sources/kaisa.txt", "snapshot: away/config")
    (project / "specs" / "away").symlink_to(project / "elsewhere")
    before = tree_digest(project)
    result = run_bounded("refresh", "--live", "--update-snapshots", "kaisa", cwd=project)
    one_line_exit_2(result, "kaisa", "leads out")
    assert tree_digest(project) == before


@pytest.mark.parametrize(
    "provider_id, needle",
    [
        ("providers", "providers"),
        ("enum", "standard-library"),
        ("json", "standard-library"),
        ("typing", "standard-library"),
        ("re", "standard-library"),
        ("class", "keyword"),
        ("con", "Windows"),
        ("nul", "Windows"),
        ("a" * 260, "characters"),
    ],
)
def test_provider_ids_that_shadow_are_refused(project, provider_id, needle):
    _providers(project, "- id: kaisa", f"- id: {provider_id}")
    before = tree_digest(project / "specs")
    result = run_bounded("refresh", cwd=project)
    one_line_exit_2(result, "providers[0].id", needle)
    assert tree_digest(project / "specs") == before


def test_a_provider_listed_twice_is_refused(project):
    _providers(project, "- id: voipms", "- id: kaisa")
    result = run_bounded("refresh", "--check", cwd=project)
    one_line_exit_2(result, "providers[2].id", "listed twice")


@pytest.mark.parametrize("provider_id", ["enum", "json", "con", "x" * 200])
def test_a_spec_whose_provider_id_shadows_is_refused_by_generate(tmp_path, provider_id):
    """The spec named after its id, as `spectab scrape` would write it."""
    specs = tmp_path / "specs"
    specs.mkdir()
    text = (ROOT / "specs" / "kaisa.yaml").read_text()
    (specs / f"{provider_id}.yaml").write_text(
        text.replace("  id: kaisa\n", f"  id: {provider_id}\n", 1)
    )
    result = run_bounded("generate", "--out", "out", "--no-cache", cwd=tmp_path)
    one_line_exit_2(result, "provider.id", provider_id[:20])
    assert not (tmp_path / "out").exists()


def test_a_260_character_scrape_id_is_one_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("| Code | Message |\n|---|---|\n| E1 | No |\n")
    result = run_bounded("scrape", str(page), "--id", "a" * 260, cwd=tmp_path)
    line = one_line_exit_2(result, "--id", "260 characters")
    assert len(line) < 300


def test_a_long_file_name_is_one_line_asking_for_an_id(tmp_path):
    """Without --id the id comes from the file name: the line names the file, not an
    invented ``<spec ...>`` location, and says what to do."""
    page = tmp_path / ("b" * 250 + ".md")
    page.write_text("| Code | Message |\n|---|---|\n| E1 | No |\n")
    result = run_bounded("scrape", page.name, cwd=tmp_path)
    line = one_line_exit_2(result, "file name", "250 characters", "--id")
    assert "<spec" not in line


def test_a_5000_selector_select_is_one_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<table><tr><th>Code</th><th>Message</th></tr><tr><td>E1</td><td>No</td></tr></table>"
    )
    result = run_bounded("scrape", str(page), "--select", ",".join(["table"] * 5000), cwd=tmp_path)
    line = one_line_exit_2(result, "--select", "characters")
    assert len(line) < 300


def test_ids_differing_only_in_case_are_listed_twice(project):
    """Item 6: ``KAISA`` beside ``kaisa`` would be one file on a case-insensitive disk."""
    _providers(project, "- id: voipms", "- id: KAISA")
    result = run_bounded("refresh", "--check", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "providers[2].id: 'KAISA' is listed twice (first at line 6, providers[0])" in result.stderr
