"""`spectab scrape` run for real in a subprocess: output, warnings, exit codes."""

from __future__ import annotations

from pathlib import Path

from generator.spec.io import load_spec

ROOT = Path(__file__).resolve().parents[2]


def test_scrape_with_overrides_reproduces_the_committed_spec(spectab, tmp_path):
    out = tmp_path / "voipms.yaml"
    result = spectab(
        "scrape",
        "specs/sources/voipms.txt",
        "--id",
        "voipms",
        "--format",
        "text",
        "--overrides",
        "specs/voipms.overrides.yaml",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    # the committed spec also carries the provider's name and docs URL from providers.yaml
    built = load_spec(out)
    committed = load_spec(ROOT / "specs" / "voipms.yaml")
    assert built.source == committed.source
    assert built.namespaces == committed.namespaces
    assert built.envelope == committed.envelope
    assert f"wrote {out} (298 entries)" in result.stderr


def test_scrape_to_stdout_warns_on_stderr_about_the_truncated_row(spectab):
    result = spectab("scrape", "specs/sources/voipms.txt", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("spectab: 1\nprovider:\n  id: voipms\n")
    assert "code: unavailabl\n" not in result.stdout
    assert (
        "spectab: warning: specs/sources/voipms.txt:311: code 'unavailabl' has no message; "
        "the page looks cut off here; left out"
    ) in result.stderr.splitlines()


def test_page_without_an_error_table_exits_2_with_one_line(spectab, tmp_path):
    page = tmp_path / "intro.md"
    page.write_text(
        "# Getting started\n\n| Parameter | Type | Description |\n|---|---|---|\n"
        "| to | string | Destination number. |\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.yaml"
    result = spectab("scrape", str(page), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"spectab: error: {page}: no error table found: looked for")
    assert "[Parameter | Type | Description]" in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()  # nothing half-written


def test_format_is_detected_and_can_be_forced(spectab):
    page = "tests/fixtures/pages/shapes/two_tables.md"
    detected = spectab("scrape", page)
    assert detected.returncode == 0, detected.stderr
    assert "  format: markdown\n" in detected.stdout
    forced = spectab("scrape", page, "--format", "text")
    assert forced.returncode == 0, forced.stderr
    assert "  format: text\n" in forced.stdout


def test_bad_arguments_are_one_line_errors(spectab, tmp_path):
    missing = spectab("scrape", str(tmp_path / "nope.html"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "nope.html" in missing.stderr
    bad_id = spectab("scrape", "specs/sources/voipms.txt", "--id", "Not-An-Id")
    assert bad_id.returncode == 2 and "--id 'Not-An-Id'" in bad_id.stderr
    no_overrides = spectab(
        "scrape", "specs/sources/voipms.txt", "--overrides", str(tmp_path / "none.yaml")
    )
    assert no_overrides.returncode == 2 and "overrides file not found" in no_overrides.stderr
    bad_format = spectab("scrape", "specs/sources/voipms.txt", "--format", "pdf")
    assert bad_format.returncode == 2 and "usage:" in bad_format.stderr


def test_scrape_reads_the_page_from_standard_input(spectab):
    page = "Code,Message\nE1,The first thing failed\nE2,The second thing failed\n"
    result = spectab("scrape", "-", "--format", "csv", input=page)
    assert result.returncode == 0, result.stderr
    assert "  id: stdin\n" in result.stdout and "  location: '-'\n" in result.stdout
    assert "code: E2" in result.stdout
    markdown = "# Errors\n\n| Code | Message |\n|---|---|\n| E1 | The first thing failed |\n"
    detected = spectab("scrape", "-", "--id", "piped", input=markdown)
    assert detected.returncode == 0, detected.stderr
    assert "  format: markdown\n" in detected.stdout and "  id: piped\n" in detected.stdout


def test_an_empty_standard_input_is_one_line_and_exit_2(spectab):
    result = spectab("scrape", "-", input="")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_strict_exits_1_when_reading_the_page_lost_something(spectab):
    lossy = "tests/fixtures/pages/shapes/status_reason_cells.md"  # a range row, an opcode table
    loose = spectab("scrape", lossy)
    assert loose.returncode == 0, loose.stderr
    strict = spectab("scrape", lossy, "--strict")
    assert strict.returncode == 1
    assert strict.stdout == loose.stdout  # the spec is still written
    assert "'5xx (SERVER ERROR)' is a range of codes; row left out" in strict.stderr
    assert strict.stderr.strip().endswith("2 warning(s) while reading the page; exit 1 (--strict)")
    clean = spectab("scrape", "tests/fixtures/pages/shapes/two_tables.md", "--strict")
    assert clean.returncode == 0, clean.stderr
