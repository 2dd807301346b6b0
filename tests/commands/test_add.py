"""`spectab add`: the snapshot byte for byte, the providers.yaml entry with its hints, the
spec as `refresh` reads it, all written at once or not at all."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
import yaml

from generator.commands import add, scrape
from generator.curate.overrides import load_overrides

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "shapes"
URL = "https://docs.example.com/notify"


@pytest.fixture
def catalogue(tmp_path, spectab, monkeypatch):
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    assert spectab("init", "cat", cwd=tmp_path).returncode == 0
    page = (SHAPES / "section_hint.md").read_bytes().replace(b"\n", b"\r\n")
    (tmp_path / "notify.md").write_bytes(page.replace(b"expired", b"expir\xc3\xa9"))
    return tmp_path / "cat"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_add_saves_lists_scrapes_and_refresh_agrees(catalogue, spectab):
    result = spectab(
        "add",
        "../notify.md",
        "--id",
        "notify",
        "--docs-url",
        URL,
        "--section",
        "Push",
        cwd=catalogue,
    )
    assert result.returncode == 0, result.stderr
    specs = catalogue / "specs"
    assert (specs / "sources" / "notify.md").read_bytes() == (
        catalogue.parent / "notify.md"
    ).read_bytes()
    entry = yaml.safe_load((specs / "providers.yaml").read_text())["providers"]
    assert entry == [
        {
            "id": "notify",
            "name": "Notifications API",
            "docs_url": URL,
            "snapshot": "sources/notify.md",
            "format": "markdown",
            "hints": {"section": "Push"},
        }
    ]
    assert "# - id: acme" in (specs / "providers.yaml").read_text()  # its comments kept
    spec = yaml.safe_load((specs / "notify.yaml").read_text())
    assert [ns["id"] for ns in spec["namespaces"]] == ["push_errors"]  # the hint was applied
    overrides = load_overrides(specs / "notify.overrides.yaml")
    assert overrides.data == {"spectab_overrides": 1}
    assert "#   push_errors:" in (specs / "notify.overrides.yaml").read_text()
    assert "## notify: snapshot" in (specs / "CHANGELOG.md").read_text()
    assert "push_errors: 2 integer codes (Push errors)" in result.stdout
    assert "next: spectab generate" in result.stdout
    check = spectab("refresh", "--check", cwd=catalogue)  # read exactly as refresh reads it
    assert check.returncode == 0, check.stdout + check.stderr


def test_dry_run_writes_nothing(catalogue, spectab):
    before = tree(catalogue)
    result = spectab(
        "add", "../notify.md", "--id", "notify", "--docs-url", URL, "--dry-run", cwd=catalogue
    )
    assert result.returncode == 0, result.stderr
    assert "would write specs/notify.yaml" in result.stdout
    assert "errors: 4 integer codes" in result.stdout  # without the hint: both lists
    assert tree(catalogue) == before


@pytest.mark.parametrize(
    "extra, said",
    [
        (["--id", "notify", "--docs-url", URL], "notify is already listed"),
        (["--id", "other"], "needs --docs-url URL"),
        (["--id", "Other", "--docs-url", URL], "expected lower_snake"),
    ],
)
def test_refusals_change_nothing(catalogue, spectab, extra, said):
    first = ["add", "../notify.md", "--id", "notify", "--docs-url", URL]
    assert spectab(*first, cwd=catalogue).returncode == 0
    before = tree(catalogue)
    result = spectab("add", "../notify.md", *extra, cwd=catalogue)
    assert result.returncode == 2
    assert said in result.stderr and result.stderr.startswith("spectab")
    assert tree(catalogue) == before


def test_a_page_without_an_error_list_writes_nothing(catalogue, spectab):
    (catalogue.parent / "about.md").write_text("# About us\n\nWe make APIs.\n")
    before = tree(catalogue)
    result = spectab("add", "../about.md", "--id", "about", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 2 and "../about.md: no error" in result.stderr
    assert tree(catalogue) == before


def test_a_flow_style_providers_list_is_refused_not_rewritten(catalogue, spectab):
    providers = catalogue / "specs" / "providers.yaml"
    providers.write_text(
        "providers: [{id: other, name: O, docs_url: 'https://o.example/', snapshot: o.md}]\n"
    )
    (catalogue / "specs" / "o.md").write_text("x\n")
    result = spectab("add", "../notify.md", "--id", "notify", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 2
    assert "cannot append notify" in result.stderr
    assert not (catalogue / "specs" / "notify.yaml").exists()


def test_specs_folder_comes_from_the_settings_file(catalogue, spectab):
    (catalogue / "spectab.toml").write_text('specs = "errors/specs"\n')
    result = spectab("add", "../notify.md", "--id", "notify", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 0, result.stderr
    assert "settings from spectab.toml" in result.stderr
    assert (catalogue / "errors" / "specs" / "notify.yaml").is_file()
    assert (catalogue / "errors" / "specs" / "providers.yaml").is_file()  # made when missing
    assert not (catalogue / "specs" / "notify.yaml").exists()


def test_add_takes_exactly_the_hint_flags_of_scrape():
    def hint_flags(adder) -> set[str]:
        parser = argparse.ArgumentParser()
        adder(parser)
        groups = [g for g in parser._action_groups if g.title and g.title.startswith("hints")]
        return {
            flag for g in groups for action in g._group_actions for flag in action.option_strings
        }

    assert hint_flags(add.add_arguments) == hint_flags(scrape.add_arguments)
    assert hint_flags(add.add_arguments)  # and there are some


@pytest.fixture
def served(tmp_path):
    """A local HTTP server publishing one Markdown page, as a docs site would."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    shutil.copy(SHAPES / "section_hint.md", site / "docs" / "errors.md")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/docs/"
    server.shutdown()
    server.server_close()


def test_add_from_a_url_keeps_it_as_docs_url_and_names_the_snapshot_by_format(
    catalogue, spectab, served
):
    result = spectab("add", served + "errors.md", "--id", "notify", cwd=catalogue)
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((catalogue / "specs" / "providers.yaml").read_text())["providers"][0]
    assert entry["docs_url"] == served + "errors.md"
    assert entry["snapshot"] == "sources/notify.md" and entry["format"] == "markdown"
    page = (catalogue / "specs" / "sources" / "notify.md").read_bytes()
    assert page == (SHAPES / "section_hint.md").read_bytes()
    live = spectab("refresh", "--check", "--live", cwd=catalogue)  # docs_url is fetchable
    assert live.returncode == 0, live.stdout + live.stderr


def test_add_counts_the_warnings_it_printed_and_points_at_the_overrides(catalogue, spectab):
    shutil.copy(SHAPES / "cases_to_codes.md", catalogue.parent / "cases.md")
    result = spectab("add", "../cases.md", "--id", "cases", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1 and "specs/sources/cases.md:" in warnings[0]
    assert "1 warning(s) while reading the page" in result.stdout
    assert "cases.overrides.yaml" in result.stdout


@pytest.mark.parametrize(
    "present, said",
    [
        ("sources/other.md", "sources/other.md: already exists with other bytes"),
        ("other.yaml", "other.yaml: already exists"),
    ],
)
def test_add_writes_over_no_file_of_its_own(catalogue, spectab, present, said):
    (catalogue / "specs" / present).write_text("mine\n")
    before = tree(catalogue)
    result = spectab("add", "../notify.md", "--id", "other", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 2 and said in result.stderr
    assert tree(catalogue) == before


def test_add_keeps_an_overrides_file_that_exists(catalogue, spectab):
    mine = "spectab_overrides: 1\nnamespaces: {errors: {title: Mine}}\n"
    (catalogue / "specs" / "notify.overrides.yaml").write_text(mine)
    result = spectab("add", "../notify.md", "--id", "notify", "--docs-url", URL, cwd=catalogue)
    assert result.returncode == 0, result.stderr
    assert (catalogue / "specs" / "notify.overrides.yaml").read_text() == mine
    assert "notify.overrides.yaml" not in result.stdout.split("notify (")[0]  # not "wrote"
    assert "title: Mine" in (catalogue / "specs" / "notify.yaml").read_text()  # and applied
