"""The CSV/TSV reader: the first record is the header, quoted fields may span lines."""

from __future__ import annotations

from generator.scrape.readers import delimited


def test_first_row_is_the_header_and_rows_keep_their_lines() -> None:
    page = delimited.read('Value,Description\n100,Continue\n\n418,"I\'m a teapot, really"\n')
    [table] = page.blocks
    assert table.header == ["Value", "Description"]
    assert table.rows == [["100", "Continue"], ["418", "I'm a teapot, really"]]
    assert table.row_lines == [2, 4] and page.warnings == []


def test_tabs_and_a_field_over_two_lines() -> None:
    page = delimited.read('Code\tMessage\nE1\t"first\nsecond"\nE2\tplain\n')
    [table] = page.blocks
    assert table.rows == [["E1", "first\nsecond"], ["E2", "plain"]]
    assert table.row_lines == [2, 4]


def test_short_rows_are_noted_and_a_broken_quote_is_a_warning() -> None:
    page = delimited.read('Code,Message\nE1\nE2,"never closed\n')
    [table] = page.blocks
    assert table.rows == [["E1", ""]] and "line 2" in table.notes[0]
    assert page.warnings and "line" in page.warnings[0]


def test_an_empty_file_is_a_warning_not_a_crash() -> None:
    page = delimited.read("\n\n")
    assert page.blocks == [] and page.warnings
