"""Each escaper against the real reader of its context: Python's parser, JSON/YAML loaders,
a CommonMark+GFM renderer. Hostile text must come back exactly (or, for Markdown, render
as itself), and must never end the string/comment it sits in."""

from __future__ import annotations

import ast
import json
import re

import yaml
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.render import escape

from .strategies import hostile_text

MANY = settings(max_examples=400, deadline=None)
MD = MarkdownIt("commonmark", {"html": True}).enable("table")


@MANY
@given(hostile_text)
def test_py_str_round_trips_and_is_black_quoted(text):
    literal = escape.py_str(text)
    assert ast.literal_eval(literal) == text
    assert "\n" not in literal and "\r" not in literal and "\x00" not in literal
    # black keeps double quotes unless single quotes need fewer backslashes
    assert literal[0] == ("'" if text.count("'") < text.count('"') else '"')


@MANY
@given(hostile_text)
def test_py_doc_cannot_close_the_docstring(text):
    source = f'def f():\n    """{escape.py_doc(text)}"""\n    return 1\n'
    tree = ast.parse(source, feature_version=(3, 9))
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 2
    assert ast.get_docstring(function, clean=False) == text.replace("\r\n", "\n")


@MANY
@given(st.lists(st.one_of(hostile_text, st.integers(), st.none(), st.lists(hostile_text))))
def test_py_json_row_survives_a_raw_string(values):
    row = escape.py_json_row(values)
    assert "\n" not in row and "\r" not in row
    source = f'ROWS = r"""\n{row}\n"""\n'
    (statement,) = ast.parse(source).body
    assert isinstance(statement, ast.Assign)
    text = ast.literal_eval(statement.value)
    assert json.loads(text.split("\n")[1]) == values


@MANY
@given(hostile_text)
def test_ts_str_is_json_and_single_line(text):
    literal = escape.ts_str(text)
    assert json.loads(literal) == text
    assert not re.search("[\r\n\u2028\u2029]", literal)


@MANY
@given(hostile_text)
def test_ts_doc_cannot_close_the_comment_or_start_a_tag(text):
    body = escape.ts_doc(text, "  ")
    assert "*/" not in body
    for line in body.split("\n")[1:]:
        assert line.startswith("   * ")
        assert not line[5:].startswith("@")
    assert not re.search("[\r\u2028\u2029\x00]", body)


@MANY
@given(hostile_text)
def test_yaml_str_round_trips(text):
    assert yaml.safe_load("key: " + escape.yaml_str(text)) == {"key": text}


@MANY
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | hostile_text,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(hostile_text | st.integers().map(str), inner, max_size=3),
        max_leaves=12,
    )
)
def test_yaml_block_round_trips(data):
    text = "root:\n  " + escape.yaml_block(data, 2) + "\n"
    assert yaml.safe_load(text) == {"root": data}


def _cell_text(markdown: str) -> str:
    """Text of the single body cell of a one-column table, as a reader sees it."""
    tokens = MD.parse(markdown)
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 2, markdown  # header + our cell: the row did not split or vanish
    out = []
    for child in cells[1].children or []:
        if child.type == "html_inline":
            assert child.content == "<br>", markdown
            out.append("\n")
        else:
            assert child.type == "text", (child.type, markdown)
            out.append(child.content)
    return "".join(out)


@MANY
@given(hostile_text)
def test_md_cell_renders_as_itself(text):
    table = f"| h |\n|---|\n| {escape.md_cell(text)} |\n"
    assert _cell_text(table) == md_expected(text)


def md_expected(text: str) -> str:
    """What a reader sees: line breaks as breaks, uncarriable controls as visible escapes."""
    text = re.sub("\r\n|\r", "\n", text)
    return "".join(
        f"\\u{ord(char):04x}" if ord(char) in escape.NO_MD_REFERENCE else char for char in text
    )


def test_md_cell_examples():
    assert escape.md_cell("a|b") == "a\\|b"
    assert escape.md_cell("<script>") == "&lt;script&gt;"
    assert escape.md_cell("x\r\ny") == "x<br>y"
    assert escape.md_cell(" pad ") == "&#x20;pad&#x20;"


def test_md_url_cannot_end_the_link():
    assert escape.md_url("https://e.com/a b)(<x>") == "https://e.com/a%20b%29%28%3Cx%3E"


def test_invisible_characters_become_visible_escapes():
    assert escape.py_str("\u202e") == '"\\u202e"'
    assert escape.ts_str("\u2028\x00") == '"\\u2028\\u0000"'
    assert escape.yaml_str("\x85") == '"\\u0085"'
    assert escape.py_comment("a\nb") == "a\\u000ab"


def test_html_comment_cannot_close():
    assert "-->" not in escape.html_comment("a --> b -- c")


@pytest.mark.parametrize("key", ["_\n", "a\n", "ok\r\n", "x\u2028"])
def test_a_key_with_a_line_break_is_quoted(key):
    assert escape.yaml_key(key).startswith('"')
    assert yaml.safe_load(f"{escape.yaml_key(key)}: 1") == {key: 1}
