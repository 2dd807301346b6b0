"""reStructuredText as Sphinx projects write it: grid, simple and list-table tables,
definition lists, ``code-block`` declarations, underlined section titles."""

from __future__ import annotations

from typing import Callable

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T
from tests.pagegen.render_common import define_lines, display_width, pad

# section underline character by heading level (title, then 2, 3, ...)
UNDERLINES = {1: "=", 2: "-", 3: "~", 4: "^"}


def _inline(text: str, code: bool) -> str:
    if code and text:
        return f"``{text}``"
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`").replace("|", "\\|")


def _cells(block: T) -> tuple[list[str] | None, list[list[str]]]:
    rows = [[_inline(c, i in block.code_cols) for i, c in enumerate(r)] for r in block.rows]
    return block.header, rows


def _widths(header: list[str] | None, rows: list[list[str]]) -> list[int]:
    every = ([header] if header else []) + rows
    return [max(display_width(r[i]) for r in every) or 1 for i in range(len(every[0]))]


def grid(block: T) -> list[str]:
    header, rows = _cells(block)
    widths = _widths(header, rows)
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(row: list[str]) -> str:
        return "| " + " | ".join(pad(c, w) for c, w in zip(row, widths)) + " |"

    out = [rule]
    if header:
        out += [line(header), rule.replace("-", "=")]
    for row in rows:
        out += [line(row), rule]
    return out


def simple(block: T) -> list[str]:
    header, rows = _cells(block)
    widths = _widths(header, rows)
    rule = "  ".join("=" * w for w in widths)

    def line(row: list[str]) -> str:
        return "  ".join(pad(c, w) for c, w in zip(row, widths)).rstrip()

    out = [rule]
    if header:
        out += [line(header), rule]
    return out + [line(r) for r in rows] + [rule]


def list_table(block: T) -> list[str]:
    header, rows = _cells(block)
    out = [".. list-table::", f"   :header-rows: {1 if header else 0}", ""]
    for row in ([header] if header else []) + rows:
        out += [f"   * - {row[0]}".rstrip(), *[f"     - {c}".rstrip() for c in row[1:]]]
    return out


def _block(block: Block, table: Callable[[T], list[str]]) -> list[str]:
    if isinstance(block, H):
        text = f"``{block.text}``" if block.code else _inline(block.text, False)
        return [text, UNDERLINES.get(block.level, "^") * display_width(text)]
    if isinstance(block, P):
        return [_inline(block.text, False).replace("\\`code\\`", "``code``")]
    if isinstance(block, T):
        return table(block)
    if isinstance(block, DL) and block.style == "field":
        return [f":{term}: {_inline(text, False)}" for term, text in block.items]
    if isinstance(block, DL) and block.style == "labelled":
        return [x for t, d in block.items for x in (f"**{t}**: {_inline(d, False)}", "")][:-1]
    if isinstance(block, DL):
        out: list[str] = []
        for term, text in block.items:
            out += [_inline(term, block.code_terms), f"    {_inline(text, False)}", ""]
        return out[:-1]
    if isinstance(block, Links):
        return [f"- `{text} <{url}>`_" for text, url in block.items]
    if isinstance(block, Decl):
        return [".. code-block:: c", "", *[f"   {line}" for line in define_lines(block)]]
    raise TypeError(block)


def rst(table: Callable[[T], list[str]]) -> Callable[[Doc], str]:
    def render(doc: Doc) -> str:
        bar = "=" * display_width(doc.title)
        lines = [bar, doc.title, bar, ""]
        for block in doc.blocks:
            lines += [*_block(block, table), ""]
        return "\n".join(lines)

    return render
