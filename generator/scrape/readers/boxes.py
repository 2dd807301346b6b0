"""Tables drawn as ASCII boxes in plain text (``+------+------+`` borders, ``|`` cells).

Registries and database manuals draw tables with ``+``/``-`` borders. A row may wrap
over several lines: between two borders, a line whose first cell is empty continues the
row above, and a line whose first cell holds text starts a new row (boxes often draw no
border between rows). Cell text is kept as written (``0x1000`` stays a hex string).
"""

from __future__ import annotations

import re

from generator.scrape.cells import looks_like_header
from generator.scrape.document import Table
from generator.scrape.readers import rst_tables

# +------+-----------+ or +======+===========+: a border of a box
_BORDER = re.compile(r"^\s*\+(?:[-=]+\+){1,40}\s*$")
MAX_BOX_LINES = 5000  # a box longer than this is not read as one table (bounds the work)


def box_table(lines: list[str], index: int) -> tuple[Table, int] | None:
    """The box table whose top border is ``lines[index]``, and the index after it."""
    if not _BORDER.match(lines[index]):
        return None
    indent = len(lines[index]) - len(lines[index].lstrip())
    top = lines[index].strip()
    bounds = [position for position, char in enumerate(top) if char == "+"]
    end = index + 1
    while end < len(lines) and end - index < MAX_BOX_LINES:
        body = lines[end][indent:].rstrip()
        if not body.startswith(("|", "+")):
            break
        end += 1
    if end - index < 3 or not _BORDER.match(lines[end - 1]):
        return None
    rows = _with_row_borders(
        [(n + 1, lines[n][indent:].rstrip()) for n in range(index, end)], bounds
    )
    table = rst_tables.grid(rows)
    if table.header is None and looks_like_header(table.rows):
        table = Table(
            table.rows[0], table.rows[1:], table.row_lines[1:], table.line, None, table.notes
        )
    return table, end


def _with_row_borders(lines: list[tuple[int, str]], bounds: list[int]) -> list[tuple[int, str]]:
    """A border before every line whose first cell holds text and follows a cell line:
    such a line starts a new row; a line with an empty first cell continues its row."""
    border = lines[0][1].replace("=", "-")
    out: list[tuple[int, str]] = []
    for position, (number, text) in enumerate(lines):
        previous = lines[position - 1][1] if position else ""
        first = text[bounds[0] + 1 : bounds[1]].strip() if len(bounds) > 1 else ""
        if text.startswith("|") and previous.startswith("|") and first:
            out.append((number, border))
        out.append((number, text))
    return out


__all__ = ["box_table"]
