"""The catalogue reader: JSON and YAML error catalogues in their usual shapes."""

from __future__ import annotations

from generator.scrape.readers import catalogue
from generator.scrape.document import Block, Heading, Table


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


def test_object_keyed_by_code_keeps_duplicates_for_the_interpreter() -> None:
    page = catalogue.read('{\n"E101": "Invalid number",\n"E102": "Missing",\n"E101": "dup"\n}')
    [table] = tables(page.blocks)
    assert table.header == ["code", "message"]
    assert table.rows == [["E101", "Invalid number"], ["E102", "Missing"], ["E101", "dup"]]
    assert table.row_lines == [2, 3, 4]


def test_list_of_objects_under_a_wrapper_with_literal_numbers() -> None:
    page = catalogue.read(
        '{\n  "title": "Acme errors",\n  "errors": [\n'
        '    {"code": -1, "message": "Auth failed", "http_status": 401},\n'
        '    {"code": "101", "message": "Looks numeric", "details": {"retry": true}},\n'
        '    {"code": "007", "message": "Bond", "aliases": ["008", "009"], "rate": 1.50}\n'
        "  ]\n}\n"
    )
    assert page.title == "Acme errors"
    [table] = tables(page.blocks)
    assert table.header == ["code", "message", "http_status", "details.retry", "aliases", "rate"]
    assert table.rows == [
        ["-1", "Auth failed", "401", "", "", ""],
        ["101", "Looks numeric", "", "true", "", ""],
        ["007", "Bond", "", "", "008, 009", "1.50"],
    ]
    assert table.row_lines == [4, 5, 6]
    assert any("'code'" in note for note in table.notes)
    assert not any(isinstance(block, Heading) for block in page.blocks)


def test_yaml_object_keyed_by_code_with_records() -> None:
    page = catalogue.read(
        "E101:\n  message: Invalid number\n  http_status: 400\n"
        "E102:\n  message: Missing parameter\n  http_status: 422\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["code", "message", "http_status"]
    assert table.rows == [["E101", "Invalid number", "400"], ["E102", "Missing parameter", "422"]]
    assert table.row_lines == [1, 4]


def test_groups_become_headings_with_a_table_each() -> None:
    page = catalogue.read(
        "sms:\n  0: Success\n  -1: Auth error\nvoice:\n  0: success\n  007: Bond\n"
    )
    kinds = [(type(b).__name__, getattr(b, "text", None), b.line) for b in page.blocks]
    assert kinds == [
        ("Heading", "sms", 1),
        ("Table", None, 2),
        ("Heading", "voice", 4),
        ("Table", None, 5),
    ]
    voice = tables(page.blocks)[1]
    assert voice.rows == [["0", "success"], ["007", "Bond"]]


def test_groups_keyed_by_code_like_names_are_not_records() -> None:
    page = catalogue.read('{"sms": {"E101": "bad", "E102": "worse"}, "voice": {"E101": "x"}}')
    assert [b.text for b in page.blocks if isinstance(b, Heading)] == ["sms", "voice"]


def test_list_of_rows() -> None:
    page = catalogue.read('[["code", "message"], [1, "a"], [2, "b"]]')
    [table] = tables(page.blocks)
    assert table.header == ["code", "message"] and table.rows == [["1", "a"], ["2", "b"]]


def test_malformed_input_is_a_warning_not_an_exception() -> None:
    for text in ["", "{", "[1, 2", "a: [b", "&a [*a]", "- - - -", '{"a": NaN}', "null"]:
        page = catalogue.read(text)
        assert isinstance(page.warnings, list)


def test_alias_bomb_is_bounded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    page = catalogue.read(bomb)
    assert any("too large" in warning for warning in page.warnings)


def test_the_field_every_record_fills_with_prose_is_the_message() -> None:
    page = catalogue.read(
        "200:\n  default: |\n    The call worked.\n  list-200: |\n    The list is in the body.\n"
        "404:\n  default: |\n    The item could not be found.\n"
        "409:\n  default: |\n    Another change is in progress.\n"
    )
    [table] = tables(page.blocks)
    assert table.header == ["code", "message", "list-200"]
    assert table.rows[1] == ["404", "The item could not be found.", ""]


def test_fields_are_kept_when_the_message_is_named_or_ambiguous() -> None:
    named = catalogue.read(
        '[{"code": 1, "message": "a b", "detail": "c d"}, {"code": 2, "message": "e f", "detail": "g h"}]'
    )
    assert tables(named.blocks)[0].header == ["code", "message", "detail"]
    two = catalogue.read(
        '[{"code": 1, "title": "a b", "detail": "c d"}, {"code": 2, "title": "e f", "detail": "g h"}]'
    )
    assert tables(two.blocks)[0].header == ["code", "title", "detail"]
