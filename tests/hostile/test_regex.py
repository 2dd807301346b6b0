"""Regexes over page text are linear: pathological pages of 100,000 characters are read in
about a second, not minutes.

Time bounds here are generous on purpose (not a speed test): each input takes well under a
second when the code is linear, and tens of seconds to minutes when a pattern is quadratic
(50,000 "<table " without ">" took 15 s to sniff; 50,000 "[" then "](" 21-34 s to read as
Markdown, 100,000 minutes). A bound 20-50x above the linear time cannot flake on a busy
machine and still fails on every quadratic pattern found.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.scrape.readers.detect import sniff
from tests.hostile.helpers import one_line_exit_2

EXE = str(Path(sys.executable).with_name("spectab"))
N = 100_000
PATHOLOGICAL = {
    "link": "[" * N + "](",
    "link_target": "[a](" * N,
    "tag": "<table " * N,
    "bold": "**a" * N,
    "code": "``a" * N,
    "role": ":a:`b" * N,
    "heading_rule": ("x\n" + "=" * 3 + " " * N + "y\n"),
    "grid": "+" + "-+" * N + " x",
    "yaml_key": ("a" * N + "\n") * 2,
}
SNIFF_BOUND = 5.0  # seconds; the linear time is about 0.05 s
SCRAPE_BOUND = 30.0  # seconds; a whole scrape of these pages takes 1-2 s


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_sniffing_is_linear(name):
    start = time.monotonic()
    sniff(PATHOLOGICAL[name])
    assert time.monotonic() - start < SNIFF_BOUND


def test_sniffing_deep_json_is_not_a_recursion_error():
    assert sniff("[" * 200_000) in ("text", "markdown")
    assert sniff("- " * 50_000 + "x\n" + "a: 1\n") in ("text", "markdown", "yaml")


def _scrape(page: Path, fmt: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    result = subprocess.run(
        [EXE, "scrape", str(page), "--format", fmt, "--id", "x", "-o", str(page) + ".yaml"],
        capture_output=True,
        text=True,
        timeout=SCRAPE_BOUND * 4,
    )
    return result, time.monotonic() - start


def _page(tmp_path: Path, tail: str) -> Path:
    page = tmp_path / "page.txt"
    page.write_text("Errors\n\nE1 - first\nE2 - second\n\n" + tail + "\n")
    return page


@pytest.mark.parametrize("fmt", ["text", "rst", "html", "auto"])
@pytest.mark.parametrize("name", ["link", "tag", "link_target"])
def test_readers_are_linear(tmp_path, fmt, name):
    result, took = _scrape(_page(tmp_path, PATHOLOGICAL[name]), fmt)
    assert "Traceback" not in result.stderr
    assert took < SCRAPE_BOUND


def test_markdown_reader_is_linear_on_unclosed_links(tmp_path):
    # 150,000: the quadratic reader takes a minute (6.6 s at 50,000), a linear one 2 s
    result, took = _scrape(_page(tmp_path, "[" * 150_000 + "]("), "markdown")
    assert "Traceback" not in result.stderr
    assert took < SCRAPE_BOUND


@pytest.mark.parametrize("fmt", ["markdown", "html", "text", "rst"])
@pytest.mark.parametrize("entity", ["&#" + "9" * 5000 + ";", "&#x" + "f" * 5000 + ";"])
def test_entity_of_thousands_of_digits(tmp_path, fmt, entity):
    page = tmp_path / "page.txt"
    if fmt == "html":
        page.write_text(
            "<table><tr><th>Code</th><th>Message</th></tr>"
            f"<tr><td>E1</td><td>bad {entity} x</td></tr><tr><td>E2</td><td>ok</td></tr></table>"
        )
    else:
        page.write_text(f"| Code | Message |\n|---|---|\n| E1 | bad {entity} x |\n| E2 | ok |\n")
    result, _ = _scrape(page, fmt)
    if result.returncode != 0:  # read (the entity kept as text) or refused in one line
        one_line_exit_2(result)
    assert "Traceback" not in result.stderr
