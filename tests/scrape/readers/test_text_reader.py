"""The plain-text reader on the four seed snapshots and on the other shapes it knows."""

from __future__ import annotations

from pathlib import Path

from generator.scrape.readers import text
from generator.scrape.document import Block, DefinitionList, Heading, Paragraph, Table

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "specs" / "sources"


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def heading_before(blocks: list[Block], table: Table) -> str | None:
    found = None
    for block in blocks:
        if block is table:
            return found
        if isinstance(block, Heading):
            found = block.text
    raise AssertionError("table not in blocks")


def read_source(name: str) -> list[Block]:
    return text.read((SOURCES / f"{name}.txt").read_text(encoding="utf-8")).blocks


def test_voipms_one_long_table_with_continued_cells_and_truncated_last_row() -> None:
    blocks = read_source("voipms")
    [table] = tables(blocks)
    assert table.header == ["Error Codes", ""]
    assert len(table.rows) == 299  # 298 codes + the truncated `unavailabl`
    assert table.rows[-1] == ["unavailabl", ""]
    assert table.row_lines[-1] == 311
    rows = dict((code, message) for code, message in table.rows)
    # cells continued on the next line are complete and free of pipes
    assert rows["invalid_digits"] == "These are not valid Digits"
    assert rows["invalid_password"] == "This is not a valid password"
    assert rows["invalid_timezone"] == "This is not a valid Timezone"
    assert rows["Invalid_threshold"] and rows["Unable_to_purchase"] == "Unable to purchase DIDs"
    assert not any("|" in cell for row in table.rows for cell in row if "Allowed" not in cell)
    # the row after a continued one has its own line number
    index = [row[0] for row in table.rows].index("invalid_digit_timeout")
    assert table.row_lines[index] == 53
    assert heading_before(blocks, table) == "FUNCTION STATUS AND ERROR CODE"


def test_itniotech_flattened_tables_rebuilt_by_header_width() -> None:
    blocks = read_source("itniotech")
    found = tables(blocks)
    assert [t.header for t in found[:2]] == [
        ["Parameters", "Method", "Sign"],
        ["Header Parameter", "Description", "Type"],
    ]
    assert found[0].rows == [
        [
            "Put API Key:bDqJFiq9 API Secret:7bz1lzh9 Timestamp(second):1630468800",
            "MD5(bDqJFiq97bz1lzh91630468800)",
            "05d7a50893e22a5c4bb3216ae3396c7c",
        ]
    ]
    assert len(found[1].rows) == 4
    status = found[2:]
    assert [len(t.rows) for t in status] == [29, 34, 35, 62]
    assert all(t.header == ["status", "reason"] for t in status)
    assert [heading_before(blocks, t) for t in status] == [
        "Response status code description",
        "Voice response status code description",
        "Intelligent voice response status code description",
        "Call Center response status code description",
    ]
    assert status[0].rows[0] == ["0", "Success"] and status[0].row_lines[0] == 25
    assert status[3].rows[-1] == ["-77", "There is no minimum rate value under the application"]
    assert all(t.notes for t in found)  # each says its cells were flattened


def test_fonedynamics_pipe_tables_with_separator_rows() -> None:
    blocks = read_source("fonedynamics")
    found = tables(blocks)
    assert [t.header for t in found] == [
        ["Status Code", "Name", "Description"],
        ["Parameter", "Type", "Description"],
        ["Parameter", "Type", "Description"],
        ["Error Code", "Description"],
    ]
    assert [len(t.rows) for t in found] == [4, 3, 1, 23]
    assert [heading_before(blocks, t) for t in found] == [
        "HTTP Status Codes",
        "Response Parameters",
        "Response Parameters",
        "Error Codes",
    ]
    assert found[3].rows[0][0] == "ADDRESS_CANNOT_BE_DELETED" and found[3].row_lines[0] == 25


def test_kaisa_quoted_titles_and_inline_table_without_separator() -> None:
    blocks = read_source("kaisa")
    titles = [b.text for b in blocks if isinstance(b, Paragraph) and b.title]
    assert titles == [
        '"Blacklisted IP"',
        '"Blocked IP"',
        '"Blocked User Agent"',
        '"DNCS number cap has been hit"',
        '"The destination number is not allowed"',
        '"Kaisa number not available" or "Freespee number not available"',
        '"a valid resource must be specified"',
    ]
    [table] = tables(blocks)
    assert table.header == ["e164 Number", "Country Code", "Local Number"]
    assert table.rows == [["+441234960453", "44 (United Kingdom)", "01234960453"]]
    assert table.line == 12 and table.notes
    # the paragraph whose title was lost is a plain paragraph, not glued to another
    lost = [b for b in blocks if isinstance(b, Paragraph) and b.text.startswith("If this error")]
    assert len(lost) == 1 and lost[0].line == 11


def test_column_aligned_table_with_wrapped_cell() -> None:
    page = text.read(
        "Error codes\n\n"
        "Code    Message                HTTP\n"
        "E101    Invalid number         400\n"
        "E102    Missing parameter,     422\n"
        "        see the docs\n"
        "E2000   Server error           500\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Code", "Message", "HTTP"]
    assert table.rows[1] == ["E102", "Missing parameter,\nsee the docs", "422"]
    assert table.row_lines == [4, 5, 7]


def test_dashed_rule_marks_the_header_of_an_aligned_table() -> None:
    page = text.read("Name       Value\n---------  -----\nalpha      1\nbeta       2\n")
    [table] = tables(page.blocks)
    assert table.header == ["Name", "Value"] and table.rows == [["alpha", "1"], ["beta", "2"]]


def test_tab_separated_rows() -> None:
    [table] = tables(text.read("Status\tMeaning\n200\tOK\n404\tNot found\n").blocks)
    assert table.header == ["Status", "Meaning"] and len(table.rows) == 2


def test_definition_lines() -> None:
    page = text.read("Errors\nE101 - Invalid number\nE102: Missing parameter\n-1 = Auth failed\n")
    [items] = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [(d.term, d.text, d.line) for d in items.items] == [
        ("E101", "Invalid number", 2),
        ("E102", "Missing parameter", 3),
        ("-1", "Auth failed", 4),
    ]


def test_escaped_pipe_and_unclosed_last_row_noted() -> None:
    page = text.read(
        "| Code | Message |\n|---|---|\n| E1 | Bad \\| worse |\n| E2 | broken\ncontinued |\n"
        "| E3 | cut mid"
    )
    [table] = tables(page.blocks)
    assert table.rows == [["E1", "Bad | worse"], ["E2", "broken\ncontinued"], ["E3", "cut mid"]]
    assert any("line 6" in note and "closing" in note for note in table.notes)


def test_flattened_table_cut_mid_row_is_padded_and_noted() -> None:
    page = text.read("status | reason |\n---|---|\n0 |\nSuccess |\n-1 |\n")
    [table] = tables(page.blocks)
    assert table.rows == [["0", "Success"], ["-1", ""]]
    assert any("1 of 2 cells" in note for note in table.notes)


def test_flattened_cell_spanning_two_lines() -> None:
    page = text.read("code | message |\n---|---|\nE1 |\nfirst part\nsecond part |\nE2 |\nok |\n")
    [table] = tables(page.blocks)
    assert table.rows == [["E1", "first part\nsecond part"], ["E2", "ok"]]


def test_headerless_pipe_rows_keep_their_first_row() -> None:
    page = text.read("| account_with_dids | Has DIDs. |\n| api_not_enabled | API off |\n")
    [table] = tables(page.blocks)
    assert table.header is None and len(table.rows) == 2


def test_headings_and_captions() -> None:
    page = text.read(
        "Error Codes\nSome prose that runs on for a while, as paragraphs do in pages.\n"
        "Voice status codes:\n| code | msg |\n|---|---|\n| 1 | x |\n"
    )
    kinds = [(type(b).__name__, getattr(b, "text", None)) for b in page.blocks]
    assert kinds[0] == ("Heading", "Error Codes")
    assert kinds[1][0] == "Paragraph"
    assert kinds[2] == ("Heading", "Voice status codes")


def test_one_pipe_in_prose_is_not_a_table() -> None:
    page = text.read("Use a | b to pipe output.\n\nNothing else here.\n")
    assert not tables(page.blocks)


def test_hanging_indent_lists_codes_beside_or_above_their_text() -> None:
    page = text.read(
        "1.2.  Reply codes\n\n"
        "   250  Requested action okay\n\n"
        "   450  Action not taken: mailbox busy (e.g.,\n      locked)\n"
        "   550  Action not taken\n\n"
        "   bad_token\n         The token is not signed.\n"
    )
    heading, listed = page.blocks[:2]
    assert isinstance(heading, Heading) and heading.text == "1.2. Reply codes"
    assert isinstance(listed, DefinitionList)
    assert [(d.term, d.text, d.line) for d in listed.items] == [
        ("250", "Requested action okay", 3),
        ("450", "Action not taken: mailbox busy (e.g., locked)", 5),
        ("550", "Action not taken", 7),
        ("bad_token", "The token is not signed.", 9),  # a code alone, its text below
    ]


def test_two_hanging_items_and_table_of_contents_lines_are_no_list() -> None:
    page = text.read(
        "   error_uri\n         A URI.\n   error_description\n         Text.\n\n"
        "   3.1  Address Status ......6\n   3.2  Mailbox Status ......7\n"
        "   3.3  Routing Status ......9\n"
    )
    assert not any(isinstance(block, DefinitionList) for block in page.blocks)


def test_page_footer_and_header_around_a_form_feed_are_dropped() -> None:
    page = text.read(
        "   250  Okay\n\n   251  Not local\n\nDoe   Informational   [Page 3]\n\f\n"
        "RFC 9999   Example   May 2020\n\n   252  Cannot verify\n"
    )
    [listed] = page.blocks
    assert isinstance(listed, DefinitionList)
    assert [d.term for d in listed.items] == ["250", "251", "252"]


def test_box_tables_with_wrapped_rows_and_underlined_long_headings() -> None:
    page = text.read(
        "Codes the node returns when a replication request fails badly\n"
        "=============================================================\n\n"
        "+--------+-----------------+\n| Code   | Meaning         |\n+--------+-----------------+\n"
        "| 0x1000 | Cannot parse    |\n|        | the request.    |\n| 0x1001 | No quorum.      |\n"
        "+--------+-----------------+\n"
    )
    heading, table = page.blocks
    assert isinstance(heading, Heading) and heading.level == 1
    assert heading.text.startswith("Codes the node returns")
    assert isinstance(table, Table) and table.header == ["Code", "Meaning"]
    assert table.rows == [["0x1000", "Cannot parse the request."], ["0x1001", "No quorum."]]
    assert table.row_lines == [7, 9]
