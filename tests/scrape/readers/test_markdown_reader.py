"""The Markdown reader: pipe tables in their many spellings, headings, front matter."""

from __future__ import annotations

from generator.scrape.readers import markdown
from generator.scrape.document import Block, DefinitionList, Heading, Paragraph, Table


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def test_pipe_table_cells_reduced_to_text() -> None:
    page = markdown.read(
        "| Code | Message | HTTP |\n"
        "|:-----|:-------:|-----:|\n"
        "| `E101` | Invalid *number* \\| really, see [docs](https://x.io/a_(b)) | 400 |\n"
        "| **E102** | Missing<br>param | 422 |\n"
        "| E103 | snake_case_name and __init__ stay | 500 |\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Code", "Message", "HTTP"]
    assert table.rows == [
        ["E101", "Invalid number | really, see docs", "400"],
        ["E102", "Missing\nparam", "422"],
        ["E103", "snake_case_name and init stay", "500"],
    ]
    assert table.row_lines == [3, 4, 5] and table.line == 1


def test_table_without_outer_pipes_and_ragged_rows() -> None:
    page = markdown.read("Code | Message\n--- | ---\nE1 | one\nE2\nE3 | three | extra\n")
    [table] = tables(page.blocks)
    assert table.rows == [["E1", "one"], ["E2", ""], ["E3", "three"]]
    assert any("line 4" in note for note in table.notes)
    assert any("dropped" in note for note in table.notes)  # as GitHub renders it


def test_front_matter_title_and_headings() -> None:
    page = markdown.read(
        '---\ntitle: "Errors: the list"\nlayout: doc\n---\n\nErrors\n======\n\n'
        "## INVALID_DID (400)\nThis is not a valid DID.\n\nSub\n---\ntext\n"
    )
    assert page.title == "Errors: the list"
    headings = [(b.text, b.level, b.line) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [("Errors", 1, 6), ("INVALID_DID (400)", 2, 9), ("Sub", 2, 12)]
    [paragraph] = [b for b in page.blocks if isinstance(b, Paragraph) and "DID" in b.text]
    assert paragraph.text == "This is not a valid DID." and paragraph.line == 10


def test_code_blocks_are_not_tables() -> None:
    page = markdown.read(
        "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n\n    | c | d |\n    |---|---|\n\n~~~~\nx\n~~~~\n"
    )
    assert page.blocks == []


def test_titles_lists_quotes_and_definitions() -> None:
    page = markdown.read(
        '**"Blocked IP"**\n\nA description\nover two lines.\n\n- item one\n- item two\n  continued\n\n'
        "> quoted para\n\nE101\n: Invalid number\n\nE102\n: Missing\n"
    )
    paragraphs = [(b.text, b.title) for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        ('"Blocked IP"', True),
        ("A description over two lines.", False),
        ("item one", False),
        ("item two continued", False),
        ("quoted para", False),
    ]
    [definitions] = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [(d.term, d.text) for d in definitions.items] == [
        ("E101", "Invalid number"),
        ("E102", "Missing"),
    ]


def test_html_table_inside_markdown_keeps_file_line_numbers() -> None:
    page = markdown.read(
        "# Title\n\nIntro.\n\n<table>\n<tr><th>Code</th><th>Msg</th></tr>\n"
        "<tr><td>X1</td><td>hello &amp; bye</td></tr>\n</table>\n\nAfter.\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Code", "Msg"] and table.rows == [["X1", "hello & bye"]]
    assert table.line == 5 and table.row_lines == [7]
    assert isinstance(page.blocks[-1], Paragraph) and page.blocks[-1].text == "After."


def test_rows_without_delimiter_guess_the_header() -> None:
    page = markdown.read(
        "| Error Codes | |\n| account_with_dids | Has DIDs. |\n| did_in_use | In use |\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Error Codes", ""] and len(table.rows) == 2


def test_bad_front_matter_is_a_warning() -> None:
    page = markdown.read("---\ntitle: [unclosed\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert page.warnings and len(tables(page.blocks)) == 1


def test_link_reference_definitions_are_not_paragraphs() -> None:
    page = markdown.read("See [the docs][docs].\n\n[docs]: https://example.com/docs\n")
    assert [b.text for b in page.blocks if isinstance(b, Paragraph)] == ["See the docs."]


def test_heading_without_a_space_after_the_hashes() -> None:
    page = markdown.read("##Error Codes\n\nText.\n\n```\n##not a heading\n```\n\n#1 is a number\n")
    headings = [(b.text, b.level, b.line) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [("Error Codes", 2, 1)]
    assert [b.text for b in page.blocks if isinstance(b, Paragraph)] == ["Text.", "#1 is a number"]


def test_bold_line_ending_in_a_hard_break_is_a_title() -> None:
    page = markdown.read(
        "**AccessDenied **  \nMessage: *Access denied\\. *  \nThe client did not sign.\n\n"
        "**Plain bold** then text on the same line.\n"
    )
    paragraphs = [(b.text, b.line, b.title) for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        ("AccessDenied", 1, True),
        ("Message: Access denied.", 2, False),
        ("The client did not sign.", 3, False),
        ("Plain bold then text on the same line.", 5, False),
    ]


def test_empty_anchors_before_a_bold_title_and_escapes_inside_it() -> None:
    page = markdown.read(
        '<span id="ERROR_X"></span><span id="error_x"></span>**ERROR\\_X\\_\\***\n\n'
        "12000 (0x2EE0)\n"
    )
    paragraphs = [(b.text, b.title) for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [("ERROR_X_*", True), ("12000 (0x2EE0)", False)]


def test_mdx_imports_and_jsx_tags_around_a_table() -> None:
    page = markdown.read(
        "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Errors\n\n"
        '<Tabs>\n<TabItem value="rest">\n\n| Code | Message |\n|---|---|\n| E1 | one |\n\n'
        "</TabItem>\n</Tabs>\n"
    )
    assert [type(b).__name__ for b in page.blocks] == ["Heading", "Table"]
    [table] = tables(page.blocks)
    assert table.rows == [["E1", "one"]] and table.row_lines == [11]
    assert page.warnings == []


def test_html_table_with_blank_lines_inside_is_one_table() -> None:
    page = markdown.read(
        "<table>\n<tr><th>Code</th><th>Msg</th></tr>\n\n<tr><td>X1</td><td>one</td></tr>\n\n"
        "<tr><td>X2</td><td>two</td></tr>\n</table>\n\nAfter.\n"
    )
    [table] = tables(page.blocks)
    assert table.rows == [["X1", "one"], ["X2", "two"]] and table.row_lines == [4, 6]
    assert [b.text for b in page.blocks if isinstance(b, Paragraph)] == ["After."]
