"""Problems found after merging overrides name the overrides file and line (or the page
line), never an invented ``<spec id>`` location."""

from __future__ import annotations

import shutil

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2

ADD = "      -26: {name: GETTING_FEE_FAILED}\n  voice"


@pytest.fixture
def specs(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path / "specs"


def _edit(path, old, new):
    """Replace ``old`` once; the 1-based line where it began (the file's lines move as
    overrides are added above, so tests do not hard-code them)."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def test_added_code_beyond_safe_integers_names_the_overrides_line(specs, spectab):
    overrides = specs / "itniotech.overrides.yaml"
    at = _edit(
        overrides,
        ADD,
        "      -26: {name: GETTING_FEE_FAILED}\n    add:\n"
        "    - {code: 99999999999999999999, message: Too big, reason: test}\n  voice",
    )
    result = spectab("refresh", "itniotech", "--specs", str(specs))
    line = one_line_exit_2(result, f"{overrides}:{at + 2}:", "maximum")  # the add item
    assert "<spec" not in line


def test_renamed_namespace_clash_names_the_overrides_line(specs, spectab):
    overrides = specs / "itniotech.overrides.yaml"
    at = _edit(overrides, "    id: voice", "    id: sms")
    result = spectab("refresh", "itniotech", "--specs", str(specs))
    line = one_line_exit_2(result, f"{overrides}:{at}:", "duplicate namespace id")
    assert "<spec" not in line


def test_scraped_code_beyond_safe_integers_is_kept_exactly_as_text(tmp_path, spectab):
    # a wire value JavaScript cannot hold as a number stays exact, as a string code ("007")
    page = tmp_path / "page.md"
    page.write_text(
        "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | one |\n| 9007199254740993 | big |\n"
    )
    result = spectab("scrape", str(page), "--id", "x")
    assert result.returncode == 0, result.stderr
    assert "code: '9007199254740993'" in result.stdout and "code_type: string" in result.stdout


def test_scrape_id_with_trailing_newline_refused(tmp_path, spectab):
    page = tmp_path / "page.md"
    page.write_text("# Errors\n\n| Code | Message |\n|---|---|\n| E1 | one |\n")
    one_line_exit_2(spectab("scrape", str(page), "--id", "x\n"), "--id")
