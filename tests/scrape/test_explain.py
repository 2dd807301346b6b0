"""``scrape --explain``: golden text and JSON for a few page shapes, and the facts the
explanation must keep (it accounts for every entry, its reasons are the verdicts').

SPECTAB_UPDATE_GOLDEN=1 (``make golden``) rewrites tests/scrape/explain/golden/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.scrape.explain import to_json, to_text
from generator.scrape.interpret import registry
from generator.scrape.interpret.trace import Trace
from generator.scrape.pipeline import scrape_page

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
HERE = ROOT / "tests" / "scrape" / "explain"
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("SPECTAB_UPDATE_GOLDEN") == "1"

PAGES = [
    SHAPES / "two_tables.md",
    SHAPES / "definition_list.html",
    SHAPES / "heading_per_error.md",
    SHAPES / "quoted_titles.html",
    SHAPES / "names_first_definitions.txt",
    SHAPES / "messages_as_codes.md",
    SHAPES / "code_variants.md",
    HERE / "mixed_candidates.md",
    HERE / "no_error_list.md",
]


def explain(page: Path, hints: dict[str, object] | None = None) -> Trace:
    trace = Trace()
    try:
        scrape_page(
            str(page),
            warn=lambda _: None,
            recorded_location=page.relative_to(ROOT).as_posix(),
            hints=hints,
            trace=trace,
        )
    except InputError:
        assert trace.error  # the explanation says why there is no spec
    return trace


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path.name} missing (SPECTAB_UPDATE_GOLDEN=1 writes it)"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} differs (SPECTAB_UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_explanation_as_text(page: Path):
    check_golden(GOLDEN / f"{page.name}.txt", to_text(explain(page)))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_explanation_as_json(page: Path):
    text = to_json(explain(page))
    check_golden(GOLDEN / f"{page.name}.json", text)
    data = json.loads(text)
    assert set(data) == {"spectab_explain", "source", "format", "candidates", "namespaces", "error"}
    for candidate in data["candidates"]:
        assert set(candidate) == {
            "kind",
            "line",
            "section",
            "size",
            "columns",
            "outcome",
            "reason",
            "rule",
            "margin",
            "by_hint",
            "overrode",
            "readings",
            "entries",
            "kept",
            "repeats",
            "namespaces",
        }
        assert candidate["outcome"] in ("entries", "envelope", "left_out")
        assert candidate["reason"]


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_entry_is_accounted_for(page: Path):
    trace = explain(page)
    kept = sum(candidate.kept for candidate in trace.candidates)
    assert kept == sum(namespace.entries for namespace in trace.namespaces)


ALL_SHAPES = sorted(
    path
    for path in SHAPES.iterdir()
    if path.is_file()
    and not path.name.endswith(
        (".expected.yaml", ".warnings.txt", ".overrides.yaml", ".hints.yaml", ".error.txt")
    )
)


@pytest.mark.parametrize("page", [*PAGES, *ALL_SHAPES], ids=lambda page: page.name)
def test_every_verdict_names_a_registered_rule(page: Path):
    """Kept, left out by its columns, its context, a hint or the page: a registered rule
    decided it, and --explain json says which."""
    hints_file = page.with_name(f"{page.name.rsplit('.', 1)[0]}.hints.yaml")
    hints = yaml.safe_load(hints_file.read_text(encoding="utf-8")) if hints_file.exists() else None
    data = json.loads(to_json(explain(page, hints)))
    registered = registry.rules()
    for candidate in data["candidates"]:
        assert candidate["rule"] in registered, (page.name, candidate["line"], candidate["rule"])


def test_left_out_by_context_by_hint_and_by_the_page_name_their_rules():
    trace = explain(HERE / "mixed_candidates.md")
    opcodes = next(c for c in trace.candidates if c.section == "Gateway opcodes")
    assert opcodes.rule == "context.error_lists_exclude_others"
    negative = explain(HERE / "no_error_list.md")
    assert {c.rule for c in negative.candidates if c.outcome == "entries"} == set()
    assert "context.page_says_errors" in {c.rule for c in negative.candidates}
    hinted = explain(SHAPES / "section_hint.md", {"section": "Push"})
    assert [c.outcome for c in hinted.candidates] == ["left out", "entries"]
    assert hinted.candidates[0].rule == "hints.section"
    assert hinted.candidates[1].rule in registry.rules()  # the table rule that kept it


HINTED = [
    ("hint_code_column_repeats.md", "hints.columns_keep_table", "tables.repeating_codes_map_cases"),
    ("hint_section_no_error_words.md", "hints.section_lifts_context", "tables.vague_code_header"),
    ("hint_section_no_error_words_rst.rst", "hints.section_lifts_context", "page_says_errors"),
]


@pytest.mark.parametrize("name,rule,overrode", HINTED, ids=[row[0] for row in HINTED])
def test_a_hint_that_decided_says_by_hint_and_what_it_overrode(name, rule, overrode):
    page = SHAPES / name
    hints = yaml.safe_load(page.with_name(f"{name.rsplit('.', 1)[0]}.hints.yaml").read_text())
    trace = explain(page, hints)
    (candidate,) = trace.candidates
    assert candidate.outcome == "entries" and candidate.rule == rule
    assert overrode in candidate.overrode and candidate.overrode.startswith("left out: ")
    text = to_text(trace)
    assert f"decided by {rule} (by hint)" in text and "overrode: left out: " in text
    (data,) = json.loads(to_json(trace))["candidates"]
    assert data["by_hint"] is True and overrode in data["overrode"]
    without = explain(page)  # no hint: the heuristic's verdict stands
    assert [c.outcome for c in without.candidates] == ["left out"]


def test_a_hint_that_changed_nothing_is_not_said_to_decide():
    trace = explain(SHAPES / "two_tables.md", {"section": "Errors"})
    assert not any(c.overrode for c in trace.candidates)
    assert "(by hint)" not in to_text(trace)


def test_each_left_out_table_says_why():
    trace = explain(HERE / "mixed_candidates.md")
    reasons = {c.section: (c.outcome, c.reason) for c in trace.candidates if c.kind == "table"}
    assert reasons["Request body"] == ("left out", "parameters table: no field is the error code")
    assert reasons["Response body"][0] == "envelope"
    assert reasons["Gateway opcodes"][1].startswith("not under an error heading")
    assert reasons["Which code when"][1].startswith("no text column")
    assert reasons["Status per case"][1].startswith("codes repeat (2 of 4)")
    assert reasons["Troubleshooting"][1].startswith("only 1 of 3 code cells")
    header_only = [c for c in trace.candidates if c.reason == "header only"]
    assert [c.size for c in header_only] == [{"rows": 0, "columns": 2}]


def test_columns_say_whether_the_header_or_the_cells_decided():
    trace = explain(HERE / "mixed_candidates.md")
    plans = next(c for c in trace.candidates if c.section == "Rate limits")
    assert plans.columns[0].role == "code" and "inferred from cells" in plans.columns[0].why
    codes = trace.candidates[-1]
    assert [(c.role, c.why) for c in codes.columns] == [
        ("code", "header word 'Code'"),
        ("message", "header word 'Message'"),
    ]


def test_plain_text_definition_lists_are_code_like_lines():
    data = json.loads(to_json(explain(SHAPES / "names_first_definitions.txt")))
    assert "code-like lines" in {candidate["kind"] for candidate in data["candidates"]}


def test_the_command_prints_the_explanation_and_still_fails_without_a_list(spectab):
    result = spectab("scrape", "tests/scrape/explain/no_error_list.md", "--explain", "json")
    data = json.loads(result.stdout)
    assert data["candidates"] and data["format"] == "markdown" and not data["namespaces"]
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert data["error"] in result.stderr and "no error list found" in data["error"]


def test_the_command_explains_instead_of_printing_the_spec(spectab, tmp_path):
    out = tmp_path / "spec.yaml"
    result = spectab("scrape", "tests/fixtures/pages/shapes/two_tables.md", "--explain")
    assert result.returncode == 0, result.stderr
    assert result.stdout == to_text(explain(SHAPES / "two_tables.md"))
    written = spectab("scrape", "tests/fixtures/pages/shapes/two_tables.md", "--explain", "-o", out)
    assert written.returncode == 0 and out.read_text().startswith("spectab: 1\n")
