"""The recipe hint (issue 23 item 2): its errors, its limits, and what --explain says."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from generator.commands.refresh import load_providers_file
from generator.errors import InputError
from generator.scrape.interpret.trace import Trace
from generator.scrape.pipeline import scrape_page
from generator.scrape.recipe.safe_regex import RegexTimeout, budget, compile_safe, search
from generator.scrape.recipe.spec import parse_recipe

ROOT = Path(__file__).resolve().parents[3]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
HEADINGS_MD = SHAPES / "recipe_heading_brackets_md.md"
HEADINGS_HTML = SHAPES / "recipe_heading_brackets_html.html"


@pytest.mark.parametrize(
    "pattern, why",
    [
        (r"(a+)+$", "a repeat inside a repeat"),
        (r"(?:\w*\s?)*x", "a repeat inside a repeat"),
        (r"(a|aa)*b", "an alternation inside a repeat"),
        (r"(\w)\1", "a back-reference"),
        (r"(a)(b)", "one group"),
        ("x" * 600, "at most 500"),
        (r"(unclosed", "not a regular expression"),
    ],
)
def test_hostile_or_wrong_patterns_are_refused(pattern: str, why: str) -> None:
    with pytest.raises(InputError, match=re.escape(why)):
        compile_safe(pattern, "hint code")


def test_a_hostile_pattern_is_one_line_and_exit_2(spectab) -> None:  # type: ignore[no-untyped-def]
    result = spectab("scrape", str(HEADINGS_MD), "--entries", "heading:3", "--code", r"(\w+\s?)+$")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "hint code" in result.stderr, result.stderr


def test_the_budget_stops_a_slow_search() -> None:
    slow = re.compile(r"(a+)+$")  # compiled here, past compile_safe, to prove the alarm
    with pytest.raises(RegexTimeout):
        with budget(0.2):
            search(slow, "a" * 40 + "b")


def test_the_budget_counts_only_the_searches() -> None:
    """Reading a big page takes time a user's pattern did not spend."""
    with budget(0.2):
        time.sleep(0.3)
        assert search(re.compile(r"E(\d+)"), "E101 frozen") is not None


def test_a_recipe_that_matches_nothing_names_itself() -> None:
    with pytest.raises(InputError, match=r"recipe --entries 'h5'.*matches nothing"):
        scrape_page(str(HEADINGS_HTML), hints={"entries": "h5"}, warn=lambda _: None)


def test_a_code_pattern_that_finds_no_code_names_the_first_entry() -> None:
    hints = {"entries": "heading:3", "code": r"\{(\d+)\}"}
    with pytest.raises(InputError, match=r"finds a code in none .*Account is frozen"):
        scrape_page(str(HEADINGS_MD), hints=hints, warn=lambda _: None)


def test_css_entries_on_a_text_page_say_what_works() -> None:
    with pytest.raises(InputError, match=r"on a markdown page, entries is a block kind"):
        scrape_page(str(HEADINGS_MD), hints={"entries": "h3.title"}, warn=lambda _: None)


def test_fields_need_entries() -> None:
    with pytest.raises(InputError, match="needs entries"):
        parse_recipe({"code": r"(\d+)"}, "page")


def test_explain_says_the_entries_came_from_the_recipe(spectab) -> None:  # type: ignore[no-untyped-def]
    result = spectab(
        "scrape", str(HEADINGS_HTML), "--entries", "h3", "--code", r"\[([A-Z_]+)\]$", "--explain", "json"
    )
    assert result.returncode == 0, result.stderr
    candidates = json.loads(result.stdout)["candidates"]
    assert [c["rule"] for c in candidates] == ["hints.recipe"]
    assert "recipe --entries 'h3'" in candidates[0]["reason"]


def test_explain_text_says_recipe(spectab) -> None:  # type: ignore[no-untyped-def]
    result = spectab("scrape", str(HEADINGS_MD), "--entries", "heading:3", "--code", r"\[(\w+)\]", "--explain")
    assert "entries from the recipe" in result.stdout and "hints.recipe" in result.stdout


def test_the_recipe_in_providers_yaml_passes_its_schema() -> None:
    entries = load_providers_file(ROOT / "tests" / "corpus" / "hints" / "providers.yaml")
    assert len(entries) >= 3 and all(entry.hints for entry in entries)  # one per failing page


def test_a_recipe_in_a_hints_mapping_reads_like_the_flags() -> None:
    trace = Trace()
    raw = scrape_page(
        str(HEADINGS_MD),
        hints={"entries": "heading:3", "code": r"\[([A-Z_]+)\]$"},
        warn=lambda _: None,
        trace=trace,
    )
    codes = [entry.code for namespace in raw.namespaces for entry in namespace.entries]
    assert codes == ["ACC_FROZEN", "ACC_MISSING", "TRF_FUNDS", "TRF_LIMIT"]
    assert trace.candidates[0].kind == "recipe"


def test_row_entries_pick_cells_by_header_or_number(tmp_path: Path) -> None:
    page = tmp_path / "gateway.md"
    page.write_text(
        "# Gateway errors\n\n| Symbol | Detail |\n|---|---|\n"
        "| GW-101 (timeout) | The upstream did not answer. |\n"
        "| GW-102 (refused) | The upstream refused the connection. |\n",
        encoding="utf-8",
    )
    hints = {
        "entries": "row",
        "code": r"{Symbol} ^([A-Z]+-\d+)",
        "name": r"{1} \((\w+)\)",
        "message": "{Detail}",
    }
    raw = scrape_page(str(page), hints=hints, warn=lambda _: None)
    entries = raw.namespaces[0].entries
    assert [(e.code, e.name, e.message) for e in entries] == [
        ("GW-101", "timeout", "The upstream did not answer."),
        ("GW-102", "refused", "The upstream refused the connection."),
    ]


def test_codes_of_one_pattern_are_one_kind(tmp_path: Path) -> None:
    """``53000`` under one heading and ``54P00`` under the next are SQLSTATE-like text
    both: one pattern captured them."""
    page = tmp_path / "states.md"
    page.write_text(
        "# States\n\n## Class 53\n\n- 53000 out of resources\n\n"
        "## Class 54\n\n- 54P00 plugin failed\n",
        encoding="utf-8",
    )
    raw = scrape_page(str(page), hints={"entries": "item", "code": r"^(\w{5})\s"}, warn=lambda _: None)
    assert [e.code for n in raw.namespaces for e in n.entries] == ["53000", "54P00"]


def test_explain_names_the_entries_left_without_a_code() -> None:
    trace = Trace()
    hints = {"entries": "heading:3", "code": r"\[(ACC_[A-Z]+)\]$"}
    scrape_page(str(HEADINGS_MD), hints=hints, warn=lambda _: None, trace=trace)
    reason = trace.candidates[0].reason
    assert "2 without a code left out, the first 'Insufficient funds [TRF_FUNDS]'" in reason, reason


def test_the_recipe_reads_as_typed_in_a_shell() -> None:
    recipe = parse_recipe({"entries": "h3", "code": r"\[([A-Z_]+)\]$"}, "page")
    assert recipe is not None
    assert recipe.describe() == r"--entries 'h3' --code '\[([A-Z_]+)\]$'"


def _codes(page: Path, hints: dict[str, Any]) -> list[object]:
    raw = scrape_page(str(page), hints=hints, warn=lambda _: None)
    return [entry.code for namespace in raw.namespaces for entry in namespace.entries]


@pytest.mark.parametrize(
    "page, entries", [(HEADINGS_MD, "heading:3"), (HEADINGS_HTML, "h3")], ids=["md", "html"]
)
def test_the_section_hint_narrows_a_recipe(page: Path, entries: str) -> None:
    hints = {"entries": entries, "code": r"\[([A-Z_]+)\]$", "section": "transfers"}
    assert _codes(page, hints) == ["TRF_FUNDS", "TRF_LIMIT"]


def test_a_section_no_recipe_entry_sits_under_is_an_error() -> None:
    hints = {"entries": "heading:3", "code": r"\[([A-Z_]+)\]$", "section": "Refunds"}
    with pytest.raises(InputError, match=r"hint section 'Refunds': no entry sits under"):
        scrape_page(str(HEADINGS_MD), hints=hints, warn=lambda _: None)


def test_the_select_hint_narrows_css_entries(tmp_path: Path) -> None:
    page = tmp_path / "two.html"
    page.write_text(
        "<h1>Errors</h1><div id='v1'><h3>Gone [OLD_ONE]</h3><p>Removed.</p></div>"
        "<div id='v2'><h3>Frozen [ACC_FROZEN]</h3><p>Frozen.</p></div>",
        encoding="utf-8",
    )
    hints = {"entries": "h3", "code": r"\[([A-Z_]+)\]$", "select": "#v2"}
    assert _codes(page, hints) == ["ACC_FROZEN"]


@pytest.mark.parametrize("key, value", [("columns", "code=1"), ("roles", {"Code": "code"})])
def test_column_hints_beside_a_recipe_are_refused(key: str, value: object) -> None:
    hints = {"entries": "heading:3", "code": r"\[([A-Z_]+)\]$", key: value}
    with pytest.raises(InputError, match=f"hint {key} does not apply to a recipe"):
        scrape_page(str(HEADINGS_MD), hints=hints, warn=lambda _: None)


def test_a_slow_pattern_is_one_line_and_exit_2(spectab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``\\w*\\w*\\w*`` passes the pattern check (no repeat inside a repeat) and is cubic."""
    page = tmp_path / "long.md"
    page.write_text("# Errors\n\n" + "a" * 20_000 + "\n", encoding="utf-8")
    result = spectab("scrape", str(page), "--entries", "line", "--code", r"\w*\w*\w*(!)")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "took over 2 s" in result.stderr, result.stderr


def test_pair_columns_leaves_a_table_whose_header_does_not_repeat(tmp_path: Path) -> None:
    page = tmp_path / "modem.md"
    page.write_text(
        "# Modem codes\n\n## Result codes\n\n| Code | Meaning | Code | Meaning |\n|---|---|---|---|\n"
        "| 0 | OK | 6 | No dial tone |\n| 1 | Connected | 7 | Line busy |\n\n"
        "## Driver errors\n\n| Code | Name | Message | Retry |\n|---|---|---|---|\n"
        "| 100 | E_PORT | The port is busy. | yes |\n| 101 | E_BAUD | The rate is not supported. | no |\n",
        encoding="utf-8",
    )
    raw = scrape_page(str(page), hints={"pair_columns": True}, warn=lambda _: None)
    read = [(e.code, e.message) for n in raw.namespaces for e in n.entries]
    assert read == [
        (0, "OK"), (1, "Connected"), (6, "No dial tone"), (7, "Line busy"),
        (100, "The port is busy."), (101, "The rate is not supported."),
    ]


def test_pair_columns_on_a_page_without_such_a_table_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "plain.md"
    page.write_text(
        "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | Busy |\n| 2 | Gone |\n", encoding="utf-8"
    )
    said = r"hint pair_columns: no table holds lists side by side.*\[Code \| Message\]"
    with pytest.raises(InputError, match=said):
        scrape_page(str(page), hints={"pair_columns": True}, warn=lambda _: None)


def test_pair_columns_with_css_entries_is_refused() -> None:
    page = SHAPES / "recipe_pair_columns_html.html"
    with pytest.raises(InputError, match=r"pair_columns unfolds tables for block kinds"):
        scrape_page(str(page), hints={"entries": "tr", "pair_columns": True}, warn=lambda _: None)


def test_pair_columns_with_row_entries_reads_every_list() -> None:
    page = SHAPES / "recipe_pair_columns_html.html"
    codes = _codes(page, {"entries": "row", "code": r"{1} ^(\d+)$", "pair_columns": True})
    assert codes == [0, 1, 3, 4, 6, 7, 8]


@pytest.mark.parametrize(
    "key, pattern", [("message", "{h6}"), ("name", r"\{(\w+)\}")], ids=["message", "name"]
)
def test_a_field_that_finds_nothing_in_any_entry_names_itself(key: str, pattern: str) -> None:
    hints = {"entries": "h3", "code": r"\[([A-Z_]+)\]$", key: pattern}
    with pytest.raises(InputError, match=f"{key} finds nothing in any of the 4 entries"):
        scrape_page(str(HEADINGS_HTML), hints=hints, warn=lambda _: None)


def test_a_heading_level_out_of_range_is_said_as_such() -> None:
    with pytest.raises(InputError, match="heading levels are 1 to 6"):
        parse_recipe({"entries": "heading:9"}, "page")
