"""Table and page rules from real pages nobody tuned for: ranges, status cells, context."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.scrape.document import Heading, Page, Paragraph, Table
from generator.scrape.interpret.codes import parse_code, parse_token
from generator.scrape.interpret.walker import interpret

LOC = "page.md"


def table(header, rows, first_line=10, caption=None):
    return Table(
        header=header,
        rows=[list(row) for row in rows],
        row_lines=[first_line + i for i in range(len(rows))],
        line=first_line - 1,
        caption=caption,
    )


def run(*blocks, title=None):
    warnings: list[str] = []
    result = interpret(Page(list(blocks), title=title), LOC, warnings.append)
    return result, warnings


def test_a_status_cell_with_its_reason_in_brackets_is_the_status_and_a_name():
    parsed = parse_code("404 (NOT FOUND)", phrases=True)
    assert parsed is not None and (parsed.code, parsed.rest) == (404, "NOT FOUND")


@pytest.mark.parametrize(
    "cell", ["5xx (SERVER ERROR)", "10000 - 19999", "10xx - General server issues", "2XXX"]
)
def test_a_cell_that_starts_with_a_range_is_never_a_code(cell):
    assert parse_code(cell, phrases=True) is None


@pytest.mark.parametrize("cell", ["error::make_error_code", "std::errc::io_error"])
def test_scope_qualified_names_are_api_symbols_not_codes(cell):
    assert parse_token(cell) is None


def test_negative_integers_and_colon_codes_stay_codes():
    assert parse_token("-7").code == -7
    assert parse_token("urn:error:quota").code == "urn:error:quota"


def test_a_symbol_heading_is_not_an_error_title():
    with pytest.raises(InputError):
        run(
            Heading("error::make_error_code", 2, 3),
            Paragraph("Returns an error_code built from the enum value.", 4),
        )


def test_codes_with_no_error_words_anywhere_are_no_error_list():
    with pytest.raises(InputError, match="nothing on the page"):
        run(
            Heading("Date and time format codes", 2, 1),
            table(["Code", "Description"], [["YYYY", "Four-digit year"], ["MM", "Month"]]),
            title="Date and time format",
        )


def test_the_same_table_under_an_error_heading_is_an_error_list():
    result, _ = run(
        Heading("Validation error codes", 2, 1),
        table(["Code", "Description"], [["YYYY", "Four-digit year"], ["MM", "Month"]]),
    )
    assert [e.code for ns in result.namespaces for e in ns.entries] == ["YYYY", "MM"]


def test_a_code_table_under_no_error_heading_beside_error_tables_is_left_out_with_a_warning():
    result, warnings = run(
        Heading("Opcodes", 2, 1),
        table(
            ["Code", "Name", "Description"],
            [["0", "Dispatch", "An event."], ["1", "Ping", "Alive."]],
        ),
        Heading("Close codes", 2, 20),
        table(["Code", "Description"], [["4000", "Unknown error."], ["4001", "Bad opcode."]], 30),
        Heading("错误码参考", 2, 40),
        table(["Code", "Description"], [["E1", "余额不足"], ["E2", "参数错误"]], 50),
    )
    assert [e.code for ns in result.namespaces for e in ns.entries] == [4000, 4001, "E1", "E2"]
    assert warnings == [
        f"{LOC}:9: list of 2 code(s) under 'Opcodes' left out: other tables of the page "
        "sit under error or status headings and this one's headings name neither"
    ]


@pytest.mark.parametrize("cell", ["1.", "1.2.1.", "12."])
def test_section_numbers_are_not_codes(cell):
    assert parse_token(cell) is None


def test_a_column_counting_rows_is_not_a_code_column():
    result, _ = run(
        Heading("HTTP request errors", 2, 1),
        table(
            ["Line", "Contents"], [["1", "GET / HTTP/1.1"], ["2", "Host: a"], ["3", "Accept: b"]]
        ),
        Heading("Error codes", 2, 20),
        table(["Code", "Message"], [["E1", "Bad request."], ["E2", "No host."]], 30),
    )
    assert [e.code for ns in result.namespaces for e in ns.entries] == ["E1", "E2"]


# ------------------------------------------------------------------ helper "tables"


def entries_of(result):
    return [entry for ns in result.namespaces for entry in ns.entries]


def test_unique_numbers_beside_symbols_are_the_codes_in_either_order():
    rows = [["NOT_READY", "11", "The device is not ready."], ["DISK_FULL", "0", "The disk is full."]]
    result, _ = run(Heading("Errors", 1, 1), table(["Code", "Number", "Description"], rows))
    assert [(e.code, e.name) for e in entries_of(result)] == [(11, "NOT_READY"), (0, "DISK_FULL")]
    swapped = [[row[1], row[0], row[2]] for row in rows]
    result, _ = run(Heading("Errors", 1, 1), table(["Number", "Code", "Description"], swapped))
    assert [e.code for e in entries_of(result)] == [11, 0]


def test_repeating_statuses_beside_symbols_are_http_statuses():
    rows = [
        ["400", "BAD_DATE", "The date is not a date."],
        ["400", "BAD_RANGE", "The range is reversed."],
        ["404", "NO_REPORT", "No report has this id."],
    ]
    result, _ = run(Heading("Errors", 1, 1), table(["Status", "Code", "Message"], rows))
    assert [(e.code, e.http_status) for e in entries_of(result)] == [
        ("BAD_DATE", 400),
        ("BAD_RANGE", 400),
        ("NO_REPORT", 404),
    ]


def test_a_repeating_word_column_beside_the_code_is_the_category():
    rows = [
        ["TR1", "REJECTED", "The account is closed."],
        ["TR2", "REJECTED", "The bank is unknown."],
        ["TR3", "HELD", "The transfer waits for a check."],
    ]
    result, _ = run(Heading("Errors", 1, 1), table(["Error code", "Result", "Message"], rows))
    assert [(e.code, e.category) for e in entries_of(result)] == [
        ("TR1", "REJECTED"),
        ("TR2", "REJECTED"),
        ("TR3", "HELD"),
    ]
    named, _ = run(Heading("Errors", 1, 1), table(["Code", "Severity", "Message"], rows))
    assert [e.category for e in entries_of(named)] == ["REJECTED", "REJECTED", "HELD"]


@pytest.mark.parametrize("cell", ["E100~E199", "1000-1999", "20001\uff5e20099", "L10 ~ L19"])
def test_two_codes_of_one_shape_joined_by_a_tilde_or_dash_are_a_range(cell):
    assert parse_code(cell, phrases=True) is None


@pytest.mark.parametrize("cell", ["ERR-42", "400-001", "auth-failed"])
def test_dashed_codes_of_other_shapes_stay_codes(cell):
    assert parse_code(cell, phrases=True) is not None


@pytest.mark.parametrize("cell", ["09000", "0A000", "0x1000", "007"])
def test_leading_zero_and_hex_codes_stay_strings_as_written(cell):
    parsed = parse_code(cell)
    assert parsed is not None and parsed.code == cell


def test_a_table_of_settings_with_defaults_is_no_error_list():
    rows = [["retry_limit", "3", "Attempts before giving up."], ["timeout", "30", "Seconds."]]
    with pytest.raises(InputError):
        run(Heading("Error handling", 2), table(["Key", "Default", "Description"], rows))


def test_a_superscript_digit_in_a_code_column_is_no_number():
    """``²`` is a digit to str.isdigit but no integer to int(): assign must not crash."""
    from generator.scrape.interpret.columns import assign as assign_columns

    columns = assign_columns(["Code"], [["²"]], {})  # raised ValueError before
    assert columns.why
