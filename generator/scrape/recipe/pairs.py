"""``--pair-columns``: a table that holds two or more code/message lists side by side
(``Code | Message | Code | Message``, printed that way to save space) is one list.

The width of one list is the period of the header (``Code, Meaning, Code, Meaning``: 2);
a table without a header is read as pairs of columns; a table whose header does not repeat
(``Code | Name | Message | Retry``) is one list already and is left as it is. The left list
comes first, then the next one, as a reader reads the page. A page where no table holds
lists side by side is an error naming the hint.
"""

from __future__ import annotations

from dataclasses import replace

from generator.errors import InputError
from generator.scrape.document import Block, Page, Table

PAIR = 2  # columns of one list when the header does not say: a code and its message


def unfold_pairs(page: Page, location: str) -> Page:
    """The page with every side-by-side table unfolded into one list."""
    blocks: list[Block] = [
        _unfolded(block) if isinstance(block, Table) else block for block in page.blocks
    ]
    if all(new is old for new, old in zip(blocks, page.blocks)):
        headers = [" | ".join(b.header) for b in page.blocks if isinstance(b, Table) and b.header]
        seen = "; ".join(f"[{header}]" for header in headers[:3]) or "none"
        raise InputError(
            f"{location}: hint pair_columns: no table holds lists side by side "
            f"(a header that repeats, or pairs of columns without one; table headers seen: {seen})"
        )
    return replace(page, blocks=blocks)


def _period(table: Table) -> int | None:
    """The width of one list in ``table``, or None when it is not lists side by side."""
    width = max((len(row) for row in table.rows), default=0)
    if table.header and any(text.strip() for text in table.header):  # blank: no header
        width = max(width, len(table.header))
        keys = [" ".join(text.split()).casefold() for text in table.header]
        keys += [""] * (width - len(keys))
        for period in range(1, width // 2 + 1):
            if width % period == 0 and all(keys[i] == keys[i % period] for i in range(width)):
                return period
        return None
    return PAIR if width >= 2 * PAIR and width % PAIR == 0 else None


def _unfolded(table: Table) -> Table:
    period = _period(table)
    if period is None:
        return table
    width = max([len(row) for row in table.rows] + [len(table.header or [])])
    rows: list[list[str]] = []
    lines: list[int | None] = []
    for start in range(0, width, period):
        for number, row in enumerate(table.rows):
            cells = (row + [""] * width)[start : start + period]
            if any(cell.strip() for cell in cells):
                rows.append(cells)
                lines.append(table.row_lines[number] if number < len(table.row_lines) else None)
    header = table.header[:period] if table.header else None
    return replace(table, header=header, rows=rows, row_lines=lines)


__all__ = ["unfold_pairs"]
