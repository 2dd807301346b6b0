"""Suggested hints (issue 23 item 3): a page that yields nothing, or a table left out by a
small margin, names the hint that would settle it, computed from the candidates and tried
on the page; ``scrape --suggest`` prints them with the entries each gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.scrape.interpret import lists
from generator.scrape.interpret.evidence import Evidence, Reading
from generator.scrape.interpret.hint_columns import columns_hint
from generator.scrape.interpret.trace import Candidate
from generator.scrape.interpret.verdict import Verdict
from generator.scrape.pipeline import scrape_page
from generator.scrape.suggesting import suggest_page, to_text

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
CORPUS = ROOT.parent / "shared" / "corpus" / "sources"


def test_the_columns_hint_names_a_unique_numeric_column_and_the_prose_beside_it():
    header = ["Name", "Number", "Description"]
    rows = [
        ["QUOTA", "17", "The quota for this key is spent."],
        ["LOCKED", "23", "The account is locked until an admin unlocks it."],
    ]
    assert columns_hint(header, rows) == "code=Number,message=Description"


def test_the_columns_hint_numbers_a_column_whose_header_is_not_unique_or_absent():
    rows = [["5", "Out of paper in the tray."], ["9", "The lid is open, close it."]]
    assert columns_hint(None, rows) == "code=1,message=2"
    assert columns_hint(["Code", "Code"], rows) == "code=1,message=2"


def test_no_columns_hint_without_a_column_that_reads_as_codes():
    rows = [["red", "A warm colour."], ["red", "The same warm colour."]]
    assert columns_hint(["Colour", "Note"], rows) is None


@pytest.mark.parametrize(
    "name", ["format_codes.md", "unclaimed_header_words_html.html", "response_words_not_errors.md"]
)
def test_each_suggested_hint_gives_the_entries_it_promises(name):
    page = str(SHAPES / name)
    with pytest.raises(InputError):
        scrape_page(page, warn=lambda _: None)
    found = suggest_page(page)
    assert found.entries == 0 and found.error is not None
    kinds = {key for item in found.hints for key in item.hints}
    assert kinds == {"section", "columns"}
    for item in found.hints:
        raw = scrape_page(page, warn=lambda _: None, hints=item.hints)
        assert sum(len(ns.entries) for ns in raw.namespaces) == item.entries > 0


def test_a_table_left_out_by_a_small_margin_names_its_columns():
    from generator.scrape.document import Table

    table = Table(["Level", "Value", "Meaning"], [["low", "10", "Rarely matters at all."]] * 1)
    table.rows.append(["high", "40", "Look at it at once, please."])
    candidate = Candidate("table", 3, "Levels")
    verdict = Verdict("not errors", "no error words", "decide.table_lists_errors", 0.5)
    readings = (
        Reading("not errors", [Evidence("decide.table_lists_errors", 1.0, "no words")]),
        Reading("error list", [Evidence("decide.table_lists_errors", 0.5, "codes")]),
    )
    object.__setattr__(verdict, "readings", readings)  # as weighing deciders give
    warnings: list[str] = []
    lists.verdict_confidence(
        verdict, candidate, warnings.append, lambda line: f"p.md:{line}", table
    )
    assert len(warnings) == 1
    assert warnings[0].endswith("settle it with --columns code=Value,message=Meaning")


def test_scrape_suggest_prints_each_hint_with_its_entries(spectab):
    result = spectab("scrape", "--suggest", "tests/fixtures/pages/shapes/format_codes.md")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "tests/fixtures/pages/shapes/format_codes.md: as read now: nothing (no error list found"
    )
    assert "--section 'Date and time formatting'" in lines
    assert "--columns code=Code,message=Description" in lines
    assert (
        lines.count(
            "    4 entries; the table at line 5 was left out: nothing on the page "
            "(title, headings, captions, lead-in, column headers) says these codes "
            "are errors, statuses, failures or return values"
        )
        == 1
    )


def test_a_page_read_right_says_so():
    found = suggest_page(str(SHAPES / "hint_code_type_hex.md"), hints={"code_type": "integer"})
    assert found.error is None and found.entries > 0
    assert to_text(found, "p").startswith(f"p: as read now: {found.entries} entries\n")


def corpus_page(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not there (the corpus sits in ../shared beside the project)")
    return str(path)


def test_on_a_real_page_of_format_codes_the_heading_is_suggested_and_tried():
    """A real page with no error list (a table of date format codes): nothing is read, and
    the suggestion reads its table when the user says it is the list they want."""
    found = suggest_page(corpus_page("a-rackspace-servers-date-time-format.rst"))
    assert found.error is not None
    best = found.hints[0]
    assert "section" in best.hints and best.entries >= 5


def test_on_a_real_page_read_right_suggestions_are_only_offers():
    page = corpus_page("c-grpc-statuscodes.md")
    found = suggest_page(page)
    assert found.error is None and found.entries == 17


def test_scrape_suggest_with_a_bad_selector_is_one_line_naming_the_page(spectab):
    page = "tests/fixtures/pages/shapes/unclaimed_header_words_html.html"
    result = spectab("scrape", "--suggest", page, "--select", "!!")
    assert result.returncode == 2
    assert result.stderr.startswith(f"spectab: error: {page}: hint select '!!' is not a CSS")
    assert len(result.stderr.strip().splitlines()) == 1
