"""How much of one page the readers parse and hand on, so the work per page follows what
real documentation holds, not what the 20 MiB input cap (``fetch.MAX_BYTES``) allows.

At the cap a page can hold about 3.5 million six-byte Markdown rows (``|E1|x|``); parsing
one costs ~0.1 ms and reading it into an entry ~0.5 ms more, so the cap alone allows half
an hour for one page. The longest real error list we have seen has 2,530 entries and the
longest real page 10,121 lines, so every bound below leaves several times that.

What goes past a bound is cut, not refused, with one warning naming the line and what was
left out: a page is often much more than its error list (a data dump, a changelog), and
the error list beside it must still read; the warning says the spec may be short.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from generator.scrape.document import Block, Page, Table

# rows of one table handed on: 4x the longest real error list (2,530 entries)
MAX_TABLE_ROWS = 10_000
# rows of all the tables of one page together (two tables at the bound)
MAX_PAGE_ROWS = 2 * MAX_TABLE_ROWS
# cells of one row: error tables have under 10 columns; at 20 MiB one row could have 10M
MAX_ROW_CELLS = 64
# non-blank lines in a row before a blank one (one block): a table at MAX_TABLE_ROWS and its
# header, with a Markdown row on one line, a reST grid-table row on two (text and border)
MAX_RUN_LINES = MAX_TABLE_ROWS + 2
MAX_GRID_RUN_LINES = 2 * MAX_TABLE_ROWS + 4
# non-blank lines of a page the parser sees: 5x the longest real page (10,121 lines, HTML)
# and 9x the longest Markdown one; a page of one-line paragraphs reads ~0.3 ms a line
MAX_PAGE_LINES = 50_000
# elements of an HTML page walked: 10x the largest real page (18,296); the reader makes
# several passes over every element at ~20 us each, so 20 MiB of <tr>s took half a minute
MAX_ELEMENTS = 200_000
# indentation levels of reST (each a nested block): docutils copies every deeper line once
# per level, so 6,000 levels in 18 MB took 4 GB; real pages nest under 10
MAX_INDENT_LEVELS = 32


def cut_page(lines: list[str]) -> list[str]:
    """Warnings; ``lines`` is cut after its ``MAX_PAGE_LINES``-th non-blank line, and the
    blank lines ending it are dropped (a long block cut at the end of a page leaves a
    million, which the parsers would still step through)."""
    while lines and not lines[-1].strip():
        lines.pop()
    seen = 0
    for index, line in enumerate(lines):
        if line.strip():
            seen += 1
            if seen > MAX_PAGE_LINES:
                left = len(lines) - index
                del lines[index:]
                return [
                    f"line {index + 1}: the page is read up to here ({MAX_PAGE_LINES:,} lines "
                    f"of text); the {left:,} lines after it are left out"
                ]
    return []


def cut_runs(
    lines: list[str],
    literal: list[bool] | None = None,
    boundary: Callable[[str], bool] | None = None,
    most: int = MAX_RUN_LINES,
) -> list[str]:
    """Warnings; in ``lines``, a run of non-blank lines longer than ``most`` is blanked after
    its last ``boundary`` line within the bound (after the bound when none): line numbers
    stay, the block ends there. ``literal`` lines (code) are never counted. Run it before
    :func:`cut_page`, which counts the lines left."""
    warnings: list[str] = []
    start: int | None = None
    for index in range(len(lines) + 1):
        plain = index < len(lines) and bool(lines[index].strip())
        if plain and literal is not None and literal[index]:
            plain = False
        if plain and start is None:
            start = index
        elif not plain and start is not None:
            if index - start > most:
                warnings.append(_blank_run(lines, start, index, boundary, most))
            start = None
    return warnings


def _blank_run(
    lines: list[str], start: int, end: int, boundary: Callable[[str], bool] | None, most: int
) -> str:
    """Blank ``lines[cut:end]`` and say so; ``cut`` follows a boundary line when one is near."""
    cut = start + most
    if boundary is not None:
        edge = next((i for i in range(cut - 1, start, -1) if boundary(lines[i])), None)
        cut = edge + 1 if edge is not None else cut
    for index in range(cut, end):
        lines[index] = ""
    return (
        f"line {start + 1}: a block of {end - start:,} lines; read up to line {cut} "
        f"({most:,} lines at most), the {end - cut:,} lines after it are left out"
    )


def flatten_indent(lines: list[str]) -> list[str]:
    """Warnings; a line indented past ``MAX_INDENT_LEVELS`` levels gets the indentation of the
    deepest level kept (read as part of that block, not a block of its own). Linear: each
    level is pushed and popped once."""
    levels = [0]
    first: int | None = None
    for index, line in enumerate(lines):
        text = line.lstrip(" ")
        if not text:
            continue
        width = len(line) - len(text)
        while levels[-1] > width:
            levels.pop()
        if width > levels[-1]:
            if len(levels) > MAX_INDENT_LEVELS:
                lines[index] = " " * levels[-1] + text
                first = index + 1 if first is None else first
            else:
                levels.append(width)
    if first is None:
        return []
    return [
        f"line {first}: indented more than {MAX_INDENT_LEVELS} levels deep; "
        "deeper lines are read at that level"
    ]


def cut_tree(root: Any, line_offset: int = 0) -> list[str]:
    """Warnings; the elements of ``root`` (an lxml tree) after its ``MAX_ELEMENTS``-th, in
    document order, are removed: the element there, then what follows it at every level."""
    last = None
    for count, element in enumerate(root.iter()):
        if count == MAX_ELEMENTS:
            last = element
            break
    if last is None:
        return []
    line = (last.sourceline or 0) + line_offset
    node = last
    while node is not root:
        parent = node.getparent()
        index = parent.index(node)
        del parent[index if node is last else index + 1 :]  # one slice: removing one by one
        node = parent  # costs a search of the parent's children each
    return [
        f"line {line}: the page is read up to here ({MAX_ELEMENTS:,} HTML elements); "
        "what follows is left out"
    ]


def bound_tables(page: Page) -> Page:
    """The page with each table cut to ``MAX_TABLE_ROWS`` rows (all together to
    ``MAX_PAGE_ROWS``: the tables after that are left out) and ``MAX_ROW_CELLS`` cells a
    row, a warning for each cut table and one for the tables left out."""
    budget = MAX_PAGE_ROWS
    warnings: list[str] = []
    blocks: list[Block] = []
    left_out: list[Table] = []  # a catalogue page can hold 100,000s of one-row tables
    for block in page.blocks:
        if not isinstance(block, Table):
            blocks.append(block)
        elif budget == 0:
            left_out.append(block)
        else:
            block = _bounded(block, min(MAX_TABLE_ROWS, budget), warnings)
            budget -= len(block.rows)
            blocks.append(block)
    if left_out:
        where = f"line {left_out[0].line}" if left_out[0].line is not None else "a table"
        warnings.append(
            f"{where}: the page's tables are read up to here ({MAX_PAGE_ROWS:,} rows a page); "
            f"{len(left_out):,} more tables left out"
        )
    if not warnings:
        return page
    return replace(page, blocks=blocks, warnings=[*page.warnings, *warnings])


def _bounded(table: Table, keep: int, warnings: list[str]) -> Table:
    """``table`` cut to ``keep`` rows and ``MAX_ROW_CELLS`` cells a row, saying so."""
    where = f"line {table.line}" if table.line is not None else "a table"
    if len(table.rows) > keep:
        left = len(table.rows) - keep
        warnings.append(
            f"{where}: a table of {len(table.rows):,} rows; the first {keep:,} are read "
            f"({MAX_TABLE_ROWS:,} a table, {MAX_PAGE_ROWS:,} a page), {left:,} left out"
        )
        table = replace(table, rows=table.rows[:keep], row_lines=table.row_lines[:keep])
    widest = max([len(table.header or [])] + [len(row) for row in table.rows])
    if widest > MAX_ROW_CELLS:
        warnings.append(
            f"{where}: rows of up to {widest:,} cells; the cells after the "
            f"{MAX_ROW_CELLS}th are left out"
        )
        table = _narrowed(table)
    return table


def _narrowed(table: Table) -> Table:
    header = None if table.header is None else table.header[:MAX_ROW_CELLS]
    return replace(table, header=header, rows=[row[:MAX_ROW_CELLS] for row in table.rows])
