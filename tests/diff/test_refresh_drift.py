"""`spectab refresh --check` reports page drift as a semantic diff; a refresh writes CHANGELOG.md.

End to end on a small page of our own (its own providers.yaml in a temp folder), scraped by
the real pipeline in a subprocess.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

PAGE = """\
# Acme API errors

Every error response carries a `code`.

| Code | HTTP status | Message |
|------|-------------|---------|
| invalid_did | 400 | This is not a valid DID |
| no_balance | 402 | Insufficient balance |
| missing_key | 401 | API key is missing |
| server_busy | 503 | Server busy, try again later |
"""

PROVIDERS = """\
providers:
- id: acme
  name: Acme
  docs_url: https://example.com/acme/errors
  snapshot: sources/acme.md
  format: markdown
{extra}"""

LINE = re.compile(r"^  (breaking|warning|info)\s+(\w+)\s+(\S+)\s", re.MULTILINE)


def _edit(page: str) -> str:
    """Remove a row, add a row, reword a message, change an HTTP status."""
    page = page.replace("| missing_key | 401 | API key is missing |\n", "")
    page += "| rate_limited | 429 | Too many requests |\n"
    page = page.replace("Insufficient balance", "Insufficient account balance")
    return page.replace("| invalid_did | 400 |", "| invalid_did | 422 |")


@pytest.fixture
def specs(tmp_path, spectab):
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "acme.md").write_text(PAGE)
    (folder / "providers.yaml").write_text(PROVIDERS.format(extra="  snapshot_date: 2024-03-04\n"))
    first = spectab("refresh", "--specs", str(folder))
    assert first.returncode == 0, first.stderr
    return folder


def test_first_refresh_writes_the_spec_and_a_changelog_section(specs, spectab):
    assert (specs / "acme.yaml").exists()
    log = (specs / "CHANGELOG.md").read_text()
    digest = hashlib.sha256(PAGE.encode()).hexdigest()[:12]
    assert f"## acme: snapshot {digest}, 2024-03-04\n" in log
    assert "| warning | namespace_added | errors |" in log
    check = spectab("refresh", "--check", "--specs", str(specs))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == ""


def test_check_reports_each_edit_and_changes_nothing(specs, spectab, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")  # one line per change, for the regular expression
    page = specs / "sources" / "acme.md"
    page.write_text(_edit(PAGE))
    spec_before = (specs / "acme.yaml").read_bytes()
    log_before = (specs / "CHANGELOG.md").read_bytes()
    result = spectab("refresh", "--check", "--specs", str(specs))
    assert result.returncode == 1, result.stdout + result.stderr
    assert sorted(LINE.findall(result.stdout)) == [
        ("breaking", "code_removed", "errors:missing_key"),
        ("breaking", "http_status_changed", "errors:invalid_did"),
        ("info", "message_changed", "errors:no_balance"),
        ("warning", "code_added", "errors:rate_limited"),
    ]
    assert "400 -> 422" in result.stdout
    assert '"Insufficient balance" -> "Insufficient account balance"' in result.stdout
    assert "acme: also changed: " in result.stdout and "source (" in result.stdout
    assert result.stdout.rstrip().endswith("2 breaking, 1 warning, 1 info")
    assert "1 spec(s) out of date" in result.stderr
    assert (specs / "acme.yaml").read_bytes() == spec_before
    assert (specs / "CHANGELOG.md").read_bytes() == log_before


def test_refresh_rewrites_and_prepends_then_a_rerun_writes_nothing(specs, spectab):
    page = specs / "sources" / "acme.md"
    page.write_text(_edit(PAGE))
    result = spectab("refresh", "--specs", str(specs))
    assert result.returncode == 0, result.stderr
    log = (specs / "CHANGELOG.md").read_text()
    sections = re.findall(r"^## acme: snapshot (\w+), 2024-03-04$", log, re.MULTILINE)
    new_digest = hashlib.sha256(page.read_bytes()).hexdigest()[:12]
    old_digest = hashlib.sha256(PAGE.encode()).hexdigest()[:12]
    assert sections == [new_digest, old_digest], "newest first"
    newest = log.split("\n## ")[1]
    assert "2 breaking, 1 warning, 1 info" in newest
    for row in (
        "| breaking | code_removed | errors | missing\\_key |",
        "| breaking | http_status_changed | errors | invalid\\_did | 400 | 422 |",
        "| warning | code_added | errors | rate\\_limited |",
        "| info | message_changed | errors | no\\_balance | Insufficient balance |",
    ):
        assert row in newest
    assert log.startswith("# Changes to the specs\n")

    spec_bytes = (specs / "acme.yaml").read_bytes()
    log_bytes = (specs / "CHANGELOG.md").read_bytes()
    again = spectab("refresh", "--specs", str(specs))
    assert again.returncode == 0
    assert (specs / "acme.yaml").read_bytes() == spec_bytes
    assert (specs / "CHANGELOG.md").read_bytes() == log_bytes
    assert spectab("refresh", "--check", "--specs", str(specs)).returncode == 0


def test_date_from_the_page_when_providers_yaml_gives_none(tmp_path, spectab):
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "acme.md").write_text(PAGE + "\nLast updated: March 4th, 2024\n")
    (folder / "providers.yaml").write_text(PROVIDERS.format(extra=""))
    assert spectab("refresh", "--specs", str(folder)).returncode == 0
    assert "## acme: snapshot " in (folder / "CHANGELOG.md").read_text()
    assert ", 2024-03-04\n" in (folder / "CHANGELOG.md").read_text()


def test_a_failing_page_leaves_every_spec_as_it_was(specs, spectab):
    (specs / "sources" / "acme.md").write_text(_edit(PAGE))
    providers = (specs / "providers.yaml").read_text()
    (specs / "providers.yaml").write_text(
        providers
        + "- id: beta\n  name: Beta\n  docs_url: https://example.com/b\n"
        + "  snapshot: sources/missing.md\n"
    )
    spec_before = (specs / "acme.yaml").read_bytes()
    result = spectab("refresh", "--specs", str(specs))
    assert result.returncode == 2
    assert "missing.md" in result.stderr
    assert (specs / "acme.yaml").read_bytes() == spec_before
    assert not (specs / "beta.yaml").exists()


def test_check_fails_on_a_committed_spec_that_is_invalid(specs, spectab):
    path = specs / "acme.yaml"
    path.write_text(path.read_text().replace("category: validation", "category: nope", 1))
    result = spectab("refresh", "--check", "--specs", str(specs))
    assert result.returncode == 2
    assert f"{path}:" in result.stderr and "'nope' is not one of" in result.stderr


def test_bad_snapshot_date_is_a_positioned_error(tmp_path, spectab):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "providers.yaml").write_text(PROVIDERS.format(extra="  snapshot_date: March\n"))
    result = spectab("refresh", "--specs", str(folder))
    assert result.returncode == 2
    assert f"{folder / 'providers.yaml'}:7:" in result.stderr
