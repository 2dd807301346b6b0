"""The AsciiDoc reader: titles, |=== tables in their spellings, skipped blocks."""

from __future__ import annotations

from generator.scrape.document import Block, DefinitionList, Heading, Paragraph, Table
from generator.scrape.readers import asciidoc

PAGE = """\
:description: Error codes.

[[errors]]
= Service errors

Intro with `monospace`, *bold* and xref:other.adoc[a link].

[NOTE]
====
Do not parse the messages.

|===
| Not | A table
|===
====

== Client errors

.Codes returned to clients
[options="header", cols="<1m,<1"]
|===

| Code
| Description

| Svc.Client.BadRequest
| The request was malformed.

| Svc.Client.Forbidden
|
You may not do this.
Ask an administrator.
|===

== Compact

|===
| Code | Text

| E1 | one \\| pipe
| E2 | two
2+| a cell spanning both columns
|===

[source,json]
----
| not | a table |
----

E100:: First definition.
E200::
  Second definition.

[%header,format=csv]
,===
Code,Message
C1,"comma, inside"
,===
"""


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def test_one_cell_per_line_with_an_explicit_header() -> None:
    first = tables(asciidoc.read(PAGE).blocks)[0]
    assert first.header == ["Code", "Description"]
    assert first.caption == "Codes returned to clients"
    assert first.rows == [
        ["Svc.Client.BadRequest", "The request was malformed."],
        ["Svc.Client.Forbidden", "You may not do this.\nAsk an administrator."],
    ]
    assert first.row_lines == [26, 29] and first.line == 21


def test_several_cells_per_line_implicit_header_escapes_and_spans() -> None:
    compact = tables(asciidoc.read(PAGE).blocks)[1]
    assert compact.header == ["Code", "Text"]
    assert compact.rows == [
        ["E1", "one | pipe"],
        ["E2", "two"],
        ["a cell spanning both columns", ""],
    ]


def test_titles_paragraphs_definitions_and_skipped_blocks() -> None:
    page = asciidoc.read(PAGE)
    assert page.title == "Service errors"
    headings = [(b.text, b.level, b.line) for b in page.blocks if isinstance(b, Heading)]
    assert headings == [("Service errors", 1, 4), ("Client errors", 2, 17), ("Compact", 2, 35)]
    paragraphs = [b.text for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["Intro with monospace, bold and a link."]
    assert len(tables(page.blocks)) == 3  # the note's table and the listing are skipped
    [definitions] = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [(d.term, d.text) for d in definitions.items] == [
        ("E100", "First definition."),
        ("E200", "Second definition."),
    ]


def test_csv_table() -> None:
    csv_table = tables(asciidoc.read(PAGE).blocks)[2]
    assert csv_table.header == ["Code", "Message"]
    assert csv_table.rows == [["C1", "comma, inside"]]


def test_an_unclosed_table_is_a_warning() -> None:
    page = asciidoc.read("|===\n| a | b\n\n| 1 | 2\n")
    assert page.warnings and tables(page.blocks)[0].rows == [["1", "2"]]


def test_a_bare_pipe_inside_a_line_starts_a_cell() -> None:
    page = asciidoc.read("[%header]\n|===\n|Code|Text\n|E1|one\n|===\n")
    assert tables(page.blocks)[0].header == ["Code", "Text"]
    assert tables(page.blocks)[0].rows == [["E1", "one"]]
