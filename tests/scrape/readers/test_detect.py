"""detect_format: media type first, then extension, then what the content looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.scrape.readers.detect import detect_format, sniff

ROOT = Path(__file__).resolve().parents[3]
RENDERINGS = ROOT / "tests" / "fixtures" / "pages" / "renderings"


@pytest.mark.parametrize(
    ("media_type", "location", "expected"),
    [
        ("text/html; charset=utf-8", "x.md", "html"),
        ("application/problem+json", "", "json"),
        ("application/yaml", "", "yaml"),
        ("text/markdown", "", "markdown"),
        ("text/x-rst", "", "rst"),
        ("text/plain", "https://raw.example.com/docs/errors.rst?ref=main", "rst"),
        (None, "docs/errors.MD", "markdown"),
        (None, "https://voip.ms/m/apidocs.php", "html"),
        (None, "specs/sources/voipms.txt", "text"),
        (None, "errors.yml", "yaml"),
        ("text/csv", "", "csv"),
        (None, "registry/http-status-codes.tsv", "csv"),
        (None, "modules/ROOT/pages/errors.adoc", "asciidoc"),
    ],
)
def test_media_type_then_extension(media_type: str | None, location: str, expected: str) -> None:
    assert detect_format("whatever", media_type, location) == expected


def test_sniffing_the_renderings_and_snapshots() -> None:
    for path in sorted(RENDERINGS.iterdir()):
        expected = {"html": "html", "md": "markdown"}[path.suffix[1:]]
        assert sniff(path.read_text(encoding="utf-8")) == expected, path.name
    for path in sorted((ROOT / "specs" / "sources").glob("*.txt")):
        assert sniff(path.read_text(encoding="utf-8")) == "text", path.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"E101": "bad"}', "json"),
        ("[1, 2]", "json"),
        ("E101: bad\nE102: worse\n", "yaml"),
        ("Title\n=====\n\n.. list-table::\n", "rst"),
        ("+----+----+\n| a  | b  |\n+----+----+\n", "rst"),
        ("# Errors\n\n| a | b |\n|---|---|\n", "markdown"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "html"),
        ("Error Codes\n| a | b |\n|---|---|\n", "text"),
        ("", "text"),
    ],
)
def test_sniff(text: str, expected: str) -> None:
    assert sniff(text) == expected


def test_asciidoc_is_sniffed_from_its_titles_and_table_fences() -> None:
    page = "= Errors\n\n== Client errors\n\n|===\n| Code | Text\n\n| E1\n| one\n|===\n"
    assert sniff(page) == "asciidoc"
