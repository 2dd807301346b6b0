"""The reST reader: every table kind, definition and field lists, one directive per error."""

from __future__ import annotations

from generator.scrape.readers import rst
from generator.scrape.document import Block, DefinitionList, Heading, Paragraph, Table

PAGE = """\
=============
 API Errors
=============

Intro *text* with ``code`` and `a link <https://x>`_ and ref_ and snake_case.

Codes
=====

+--------+--------------------+------+
| Code   | Message            | HTTP |
+========+====================+======+
| E101   | Invalid number,    | 400  |
|        | see docs           |      |
+--------+--------------------+      +
| E102   | Missing param      |      |
+--------+--------------------+------+
| E103   | Spans two columns         |
+--------+---------------------------+

Simple
------

=====  =================  ====
Code   Message            HTTP
=====  =================  ====
E201   Bad thing          400
E202   Worse thing,       500
       continued
=====  =================  ====

.. list-table:: Listed
   :header-rows: 1
   :widths: 10 30

   * - Code
     - Message
   * - ``E301``
     - Listed one
   * - E302
     - Listed two
       continued

.. csv-table:: CSV codes
   :header: "Code", "Message"
   :widths: 10, 30

   E401, "Quoted, with comma"
   "007", Leading zero

.. error:: E501

   Something went wrong.

   More text.

.. note::

   A note paragraph.

E601
   Definition of E601.
E602 : classifier
   Definition of E602.

:E701: Field message
:E702: Other field

**"Blocked IP"**

Example::

    | not | a | table |

.. code-block:: json

   {"a": 1}

.. This is a comment
   spanning lines.
"""


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def test_grid_table_with_row_and_column_spans() -> None:
    grid = tables(rst.read(PAGE).blocks)[0]
    assert grid.header == ["Code", "Message", "HTTP"]
    assert grid.rows == [
        ["E101", "Invalid number, see docs", "400"],
        ["E102", "Missing param", "400"],
        ["E103", "Spans two columns", ""],
    ]
    assert grid.row_lines == [13, 16, 18] and grid.line == 10


def test_simple_list_and_csv_tables() -> None:
    _, simple, listed, csv = tables(rst.read(PAGE).blocks)
    assert simple.header == ["Code", "Message", "HTTP"]
    assert simple.rows == [["E201", "Bad thing", "400"], ["E202", "Worse thing, continued", "500"]]
    assert simple.row_lines == [27, 28]
    assert listed.caption == "Listed" and listed.header == ["Code", "Message"]
    assert listed.rows == [["E301", "Listed one"], ["E302", "Listed two continued"]]
    assert listed.row_lines == [38, 40]
    assert csv.header == ["Code", "Message"] and csv.caption == "CSV codes"
    assert csv.rows == [["E401", "Quoted, with comma"], ["007", "Leading zero"]]
    assert csv.row_lines == [48, 49]


def test_sections_directives_and_lists() -> None:
    page = rst.read(PAGE)
    assert page.title == "API Errors"
    headings = [(b.text, b.level, b.line) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [
        ("API Errors", 1, 2),
        ("Codes", 2, 7),
        ("Simple", 3, 21),
        ("E501", 4, 51),  # one directive per error: a heading one level down
    ]
    index = next(
        i for i, b in enumerate(page.blocks) if isinstance(b, Heading) and b.text == "E501"
    )
    assert page.blocks[index + 1] == Paragraph("Something went wrong.", 53)
    lists = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [[(d.term, d.text) for d in dl.items] for dl in lists] == [
        [("E601", "Definition of E601."), ("E602", "Definition of E602.")],
        [("E701", "Field message"), ("E702", "Other field")],
    ]
    paragraphs = [(b.text, b.title) for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0] == ("Intro text with code and a link and ref and snake_case.", False)
    assert ('"Blocked IP"', True) in paragraphs
    assert ("Example:", False) in paragraphs
    assert not any("not" in text and "table" in text for text, _ in paragraphs)


def test_csv_table_from_a_file_is_a_warning() -> None:
    page = rst.read(".. csv-table:: X\n   :file: codes.csv\n")
    assert page.warnings and not page.blocks


def test_unterminated_grid_table_is_noted() -> None:
    page = rst.read("+----+----+\n| a  | b  |\n+====+====+\n| 1  | 2  |\n")
    [table] = tables(page.blocks)
    assert table.notes


def test_raw_html_directive() -> None:
    page = rst.read(
        "Title\n=====\n\n.. raw:: html\n\n   <table><tr><th>C</th><th>M</th></tr>\n   <tr><td>1</td><td>x</td></tr></table>\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["C", "M"] and table.row_lines == [7]


def test_list_table_whose_header_row_is_an_empty_bullet():
    from generator.scrape.readers import rst

    page = rst.read(".. list-table:: T\n   :header-rows: 1\n\n   *\n   * - 1\n     - 2\n")
    tables = [block for block in page.blocks if hasattr(block, "rows")]
    assert all(len(row) == len(table.header or row) for table in tables for row in table.rows)


def test_list_table_nested_in_a_definition_body_is_found() -> None:
    page = rst.read(
        "Commands\n========\n\n``tool check``\n  Checks the deployment.\n\n  **Return Codes**\n\n"
        "  .. list-table::\n     :header-rows: 1\n\n     * - Return code\n       - Description\n"
        "     * - 0\n       - All checks passed and there is\n         nothing to do.\n"
        "     * - 255\n       - An unexpected error occurred.\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Return code", "Description"]
    assert table.rows == [
        ["0", "All checks passed and there is nothing to do."],
        ["255", "An unexpected error occurred."],
    ]
    assert table.row_lines == [14, 17]
    headings = [(b.text, b.level) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [("Commands", 1), ("tool check", 2)]
    assert Paragraph("Return Codes", 7, True) in page.blocks


def test_grid_table_without_a_header_separator() -> None:
    page = rst.read(
        "+------+-----------------+\n| 400  | Bad request     |\n+------+-----------------+\n"
        "| 404  | Item not found  |\n+------+-----------------+\n"
    )
    [table] = tables(page.blocks)
    assert table.header is None
    assert table.rows == [["400", "Bad request"], ["404", "Item not found"]]
    assert table.row_lines == [2, 4]


def test_sphinx_directives_and_roles_read_as_entries_without_messages(capsys) -> None:
    page = rst.read(
        "Errors\n======\n\nSee :ref:`the intro <intro>` and :command:`tool`.\n\n"
        ".. c:macro:: EPERM\n\n   Operation not permitted.\n\n"
        ".. data:: ENOENT\n   :noindex:\n\n   No such file or directory.\n\n"
        ".. py:exception:: app.errors.Timeout\n\n   The call timed out.\n\n"
        ".. option:: --strict\n\n   Exit 1 on warnings.\n\n"
        ".. code-block:: python\n\n   raise Timeout()\n"
    )
    assert [(b.text, b.level) for b in page.blocks if isinstance(b, Heading)] == [
        ("Errors", 1),
        ("EPERM", 2),
        ("ENOENT", 2),
        ("app.errors.Timeout", 2),
        ("--strict", 2),
    ]
    paragraphs = [b.text for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "See the intro and tool.",
        "Operation not permitted.",
        "No such file or directory.",
        "The call timed out.",
        "Exit 1 on warnings.",
    ]
    assert page.warnings == []
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_table_docutils_refuses_is_read_leniently_or_warned() -> None:
    page = rst.read(
        "+------+------+\n| Code | Text |\n+======+======+\n| E1   | one  |\n+------+---\n\n"
        "=====  =====\nCode   Text\n=====  =====\nE2xxxxxxxxx two\n=====  =====\n"
    )
    grid, simple = tables(page.blocks)
    assert grid.rows == [["E1", "one"]] and grid.notes and grid.line == 1
    assert simple.rows[0][0].startswith("E2") and simple.notes
    assert simple.line == 7 and simple.row_lines == [10]
    assert page.warnings == []


def test_csv_table_rows_keep_their_own_lines() -> None:
    page = rst.read(
        ".. csv-table:: Codes\n   :header: Code, Message\n\n"
        '   E1, "One, failed"\n   E2, Two failed\n\n   E3, "Three\n   failed"\n   E4, Four\n'
    )
    [table] = tables(page.blocks)
    assert table.rows[2] == ["E3", "Three failed"]
    assert table.row_lines == [4, 5, 7, 9]


def test_grid_table_without_a_separator_whose_first_row_is_a_header() -> None:
    page = rst.read(
        "+-------------+-----------------+\n| Status code | Description     |\n"
        "+-------------+-----------------+\n| 500         | Server fault    |\n"
        "+-------------+-----------------+\n| 503         | Try again later |\n"
        "+-------------+-----------------+\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Status code", "Description"]
    assert table.rows == [["500", "Server fault"], ["503", "Try again later"]]
    assert table.row_lines == [4, 6]


def test_object_directives_are_declared_headings_and_notes_are_not() -> None:
    page = rst.read(
        "Errors\n======\n\n.. data:: EPERM\n\n   Not permitted.\n\n   .. versionadded:: 3.2\n\n"
        ".. c:enumerator:: ZZ_BUSY\n\n   Busy.\n\n.. note:: Plain.\n\n.. error:: E501\n\n   x\n"
    )
    declared = [(b.text, b.declaration) for b in page.blocks if isinstance(b, Heading)]
    assert declared == [
        ("Errors", False),
        ("EPERM", True),
        ("3.2", False),
        ("ZZ_BUSY", True),
        ("E501", False),
    ]
