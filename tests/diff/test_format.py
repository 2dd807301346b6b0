"""Renderers: golden outputs, and escaping proven against a real Markdown parser."""

from __future__ import annotations

import html
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.diff.changes import Change, diff_spec_sets
from generator.commands.diff import load_pair
from generator.diff.formats import (
    md_cell,
    quote,
    render_json,
    render_markdown,
    render_text,
    use_colour,
)

from .helpers import FIXTURES, golden

MIXED = FIXTURES / "mixed"


def mixed_changes() -> list[Change]:
    return diff_spec_sets(*load_pair(str(MIXED / "before"), str(MIXED / "after")))


def test_golden_text():
    golden(MIXED / "expected.txt", render_text(mixed_changes()))


def test_golden_markdown():
    golden(MIXED / "expected.md", render_markdown(mixed_changes()))


def test_golden_json_and_its_exact_shape():
    text = render_json(mixed_changes())
    golden(MIXED / "expected.json", text)
    document = json.loads(text)
    assert list(document) == ["changes", "summary"]
    assert list(document["summary"]) == ["breaking", "warning", "info"]
    for change in document["changes"]:
        assert list(change) == [
            "kind",
            "severity",
            "provider",
            "namespace",
            "code",
            "before",
            "after",
        ]


def test_text_never_lets_a_control_character_through():
    text = render_text(mixed_changes())
    assert "\x1b" not in text
    assert '"This is *not* a valid DID | see <docs> @team \\x1b[2J"' in text
    assert '"Line one\\nline two"' in text


def test_empty_outputs():
    assert render_text([]) == "no changes\n"
    assert render_markdown([]) == "**spectab diff:** no changes\n"
    assert json.loads(render_json([]))["changes"] == []


# ------------------------------------------------------------------ escaping, property-based

_PARSER = MarkdownIt("commonmark").enable("table")


def _cells(markdown: str) -> list[list[str]]:
    """Body cells of the only table in ``markdown``, as the text a reader sees."""
    tokens = _PARSER.parse(markdown)
    rows: list[list[str]] = []
    in_body = False
    for index, token in enumerate(tokens):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open" and in_body:
            rows.append([])
        elif token.type == "td_open":
            inline = tokens[index + 1]
            parts = []
            for child in inline.children or []:
                if child.type == "text":
                    parts.append(child.content)
                elif child.type == "html_inline" and child.content == "<br>":
                    parts.append("\n")
                else:
                    parts.append(f"<<{child.type}>>")  # anything else is markup that got through
            rows[-1].append("".join(parts) if inline.type == "inline" else "")
    return rows


def _expected_cell(text: str) -> str:
    """What a cell should show: the text, line breaks kept, control characters as spaces.

    A table parser trims whitespace around a cell; a line break (``<br>``) is not trimmed.
    """
    shown: list[tuple[str, bool]] = []
    for char in text.replace("\r\n", "\n"):
        if char in "\n\r\u2028\u2029":
            shown.append(("\n", True))
        elif unicodedata.category(char) == "Cc":
            shown.append((" ", False))
        else:
            shown.append((char, False))
    while shown and not shown[0][1] and shown[0][0].isspace():
        shown.pop(0)
    while shown and not shown[-1][1] and shown[-1][0].isspace():
        shown.pop()
    return "".join(char for char, _ in shown)


_TRICKY = ["&amp;", "<br>", "&#124;", "\\|", "`code`", "[x](javascript:alert(1))", "@user", "$x$"]
untrusted = st.lists(
    st.characters(blacklist_categories=["Cs"])
    | st.sampled_from(list("\\`*_[]<>|~&@#$!()-+.:;=\"'\n\r\t ") + _TRICKY),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(untrusted)
def test_md_cell_shows_exactly_the_text_and_never_breaks_the_table(text):
    table = f"| a | b |\n|---|---|\n| {md_cell(text)} | end |\n"
    rows = _cells(table)
    assert len(rows) == 1 and len(rows[0]) == 2, (text, table)
    assert rows[0] == [_expected_cell(text), "end"], (text, table)


def test_markdown_of_hostile_message_renders_as_plain_text():
    markdown = render_markdown(mixed_changes())
    rendered = _PARSER.render(markdown)
    assert "<docs>" not in rendered and "<em>" not in rendered
    assert html.escape("This is *not* a valid DID | see <docs> @team", quote=False) in rendered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_quote_round_trips_and_is_printable(text):
    quoted = quote(text)
    assert all(char.isprintable() for char in quoted)
    decoded = quoted[1:-1].encode("ascii", "backslashreplace").decode("unicode_escape")
    assert decoded == text


# ------------------------------------------------------------------ colour


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_use_colour_needs_a_tty_and_no_NO_COLOR():
    assert use_colour(_Stream(True), {}) is True
    assert use_colour(_Stream(False), {}) is False
    assert use_colour(_Stream(True), {"NO_COLOR": "1"}) is False
    assert use_colour(_Stream(True), {"NO_COLOR": ""}) is True


def _run_in_terminal(*args: str, env: dict[str, str]) -> str:
    """Run spectab with its stdout on a pseudo-terminal; return what it printed."""
    exe = Path(sys.executable).with_name("spectab")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(exe), *args], stdout=follower, stderr=subprocess.PIPE, env=env, close_fds=True
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_only_and_not_with_NO_COLOR(spectab):
    args = ("diff", str(MIXED / "before"), str(MIXED / "after"))
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    coloured = _run_in_terminal(*args, env=env)
    assert "\x1b[1;31mbreaking" in coloured
    plain = _run_in_terminal(*args, env=dict(env, NO_COLOR="1"))
    assert "breaking" in plain and "\x1b[" not in plain
    piped = spectab(*args)
    assert "\x1b[" not in piped.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).replace("\r\n", "\n") == piped.stdout
