"""Fuzz every reader with mangled pages: whatever comes in, a Page comes out, never an
exception, and the blocks keep the contract's shape."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.scrape.readers import asciidoc
from generator.scrape.readers import catalogue
from generator.scrape.readers import delimited
from generator.scrape.readers import html
from generator.scrape.readers import markdown
from generator.scrape.readers import rst
from generator.scrape.readers import text
from generator.scrape.readers.detect import FORMATS, detect_format
from generator.scrape.document import DefinitionList, Heading, Page, Paragraph, Table

ROOT = Path(__file__).resolve().parents[3]
RENDERINGS = ROOT / "tests" / "fixtures" / "pages" / "renderings"

READERS: list[Callable[[str], Page]] = [
    text.read,
    markdown.read,
    html.read,
    rst.read,
    catalogue.read,
    asciidoc.read,
    delimited.read,
]

SAMPLES = (
    [path.read_text(encoding="utf-8")[:6000] for path in sorted(RENDERINGS.iterdir())]
    + [
        path.read_text(encoding="utf-8")[:6000]
        for path in sorted((ROOT / "specs" / "sources").glob("*.txt"))
    ]
    + [
        "Codes\n=====\n\n+----+-----+\n| a  | b   |\n+====+=====+\n| 1  | x   |\n+----+-----+\n\n"
        "=====  =====\nCode   Msg\n=====  =====\nE1     one\n=====  =====\n\n"
        ".. list-table:: T\n   :header-rows: 1\n\n   * - a\n     - b\n   * - 1\n     - 2\n\n"
        '.. csv-table:: C\n   :header: a, b\n\n   1, "x, y"\n\n.. error:: E1\n\n   body\n\nterm\n   def\n',
        '{"errors": [{"code": -1, "message": "x"}, {"code": "007", "message": "y"}], "title": "t"}',
        "sms:\n  0: ok\n  -1: bad\nvoice:\n  E1:\n    message: m\n    http_status: 400\n",
        '= T\n\n== S\n\n[cols="1,2",options="header"]\n|===\n| a\n| b\n\n2+| c\n|===\n\nX:: y\n',
        'Code,Message\nE1,"a, b"\nE2\n',
        ".. c:macro:: E_X\n   :noindex:\n\n   body :ref:`x <y>`\n\nterm\n  .. list-table::\n\n     * - 1\n",
    ]
)

TOKENS = [
    "|",
    "||",
    "\\|",
    "|---|",
    "---|---|",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "</table>",
    "<th colspan=99999>",
    "<td rowspan=0>",
    "<br>",
    "<dl><dt>",
    "<pre>",
    "```",
    "~~~",
    "---",
    "===",
    "+--+--+",
    "| x |",
    ".. list-table::",
    ".. csv-table::",
    "   :header-rows: 9",
    "   * - ",
    "|===",
    "2+|",
    "[NOTE]",
    "====",
    ".. data:: ",
    ":py:class:`",
    ".. error:: ",
    "::",
    "**",
    "__",
    "`",
    "[",
    "](",
    "<!--",
    "-->",
    '"',
    "\u201c",
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "* ",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "\x00",
    "\ufeff",
    "\r",
    "\u2028",
    "\udcff"[:0],
    "0 |",
    "-1 |",
    "E101 - ",
    "&a",
    "*a",
]


@st.composite
def mangled(draw: st.DrawFn) -> str:
    page = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "swap"]))
        if not page:
            page = draw(st.sampled_from(TOKENS))
            continue
        at = draw(st.integers(0, len(page)))
        if action == "insert":
            piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)))
            page = page[:at] + piece + page[at:]
        elif action == "delete":
            page = page[:at] + page[at + draw(st.integers(1, 200)) :]
        elif action == "duplicate":
            page = page[:at] + page[at : at + draw(st.integers(1, 300))] * 2 + page[at:]
        elif action == "truncate":
            page = page[:at]
        else:
            lines = page.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            page = "\n".join(lines)
    return page


def check(page: Page) -> None:
    assert isinstance(page, Page)
    assert all(isinstance(w, str) for w in page.warnings)
    for block in page.blocks:
        assert isinstance(block, (Heading, Paragraph, Table, DefinitionList))
        assert block.line is None or (isinstance(block.line, int) and block.line >= 1)
        if isinstance(block, Table):
            assert len(block.rows) == len(block.row_lines)
            width = len(block.header) if block.header is not None else None
            for row in block.rows:
                assert all(isinstance(cell, str) for cell in row)
                assert width is None or len(row) == width
        elif isinstance(block, DefinitionList):
            assert all(isinstance(d.term, str) and isinstance(d.text, str) for d in block.items)
        else:
            assert isinstance(block.text, str)


FUZZ = settings(
    max_examples=int(__import__("os").environ.get("SPECTAB_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(mangled())
def test_mangled_pages_never_raise(page_text: str) -> None:
    for read in READERS:
        check(read(page_text))
    assert detect_format(page_text) in FORMATS


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from(list("|-+=:*_`#<>/\\\"' \t\nabcE0123.,[](){}&;!")), max_size=400
    )
)
@example("|\n|")  # pipe lines with no cells: once an IndexError in the text reader
def test_markup_soup_never_raises(page_text: str) -> None:
    for read in READERS:
        check(read(page_text))


@FUZZ
@given(st.text(max_size=300))
def test_any_unicode_never_raises(page_text: str) -> None:
    for read in READERS:
        check(read(page_text))
