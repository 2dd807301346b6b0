"""A recipe's entries on the page model (any format): headings, definition terms or
field names, paragraphs or list items, lines, or table rows."""

from __future__ import annotations

from typing import Callable

from generator.scrape.document import Block, DefinitionList, Heading, Page, Paragraph, Table
from generator.scrape.interpret.sections import Section
from generator.scrape.recipe.items import Item, Pick, lines_of
from generator.scrape.recipe.spec import Recipe

PAGE = Section("page", "")
CELL_GAP = "  "  # how a table row reads as a line: its cells two spaces apart


class _Outline:
    """The headings in force while the blocks are walked (a heading that is itself an
    entry is not a section)."""

    def __init__(self) -> None:
        self.open: list[tuple[int, Section]] = []

    def enter(self, heading: Heading, index: int) -> None:
        while self.open and self.open[-1][0] >= heading.level:
            self.open.pop()
        parent = self.open[-1][1] if self.open else PAGE
        section = Section(f"h{index}", heading.text, parent.key, parent.title, heading.level)
        self.open.append((heading.level, section))

    def above(self, level: int | None = None) -> Section:
        for open_level, section in reversed(self.open):
            if level is None or open_level < level:
                return section
        return PAGE


def block_items(page: Page, recipe: Recipe, is_entry: Callable[[str], bool]) -> list[Item]:
    """Every entry of ``recipe.kind`` in page order; ``is_entry`` says whether a heading's
    text is an entry when every line is a candidate (``line``)."""
    outline = _Outline()
    items: list[Item] = []
    for index, block in enumerate(page.blocks):
        if isinstance(block, Heading):
            if recipe.kind == "heading" and recipe.level in (None, block.level):
                items.append(_heading(page.blocks, index, block, outline))
                continue
            if recipe.kind == "line" and is_entry(block.text):
                items.append(Item(" ".join(block.text.split()), block.line, outline.above()))
                continue
            outline.enter(block, index)
            continue
        items.extend(_others(block, recipe.kind or "", outline.above()))
    return items


def _heading(blocks: list[Block], index: int, heading: Heading, outline: _Outline) -> Item:
    """A heading entry: its text, and the lines of the blocks under it."""
    follow: list[str] = []
    for block in blocks[index + 1 :]:
        if isinstance(block, Heading) and block.level <= heading.level:
            break
        follow.extend(_block_lines(block))
    text = " ".join(heading.text.split())
    return Item(text, heading.line, outline.above(heading.level), follow, titled=True)


def _others(block: Block, kind: str, section: Section) -> list[Item]:
    if isinstance(block, DefinitionList) and kind in ("dt", "field"):
        return [
            Item(" ".join(d.term.split()), d.line, section, lines_of(d.text), titled=True)
            for d in block.items
        ]
    if isinstance(block, Paragraph) and kind == "item":
        return [Item(" ".join(block.text.split()), block.line, section)]
    if isinstance(block, Table) and kind in ("row", "line"):
        return _rows(block, section, with_header=kind == "line")
    if kind == "line" and not isinstance(block, (Table, Heading)):
        start = block.line
        return [
            Item(text, start + offset if start else None, section)
            for offset, text in enumerate(_block_lines(block))
        ]
    return []


def _rows(table: Table, section: Section, with_header: bool) -> list[Item]:
    rows = ([table.header] if with_header and table.header else []) + table.rows
    lines = ([table.line] if with_header and table.header else []) + list(table.row_lines)
    return [
        Item(
            CELL_GAP.join(" ".join(cell.split()) for cell in row),
            lines[number] if number < len(lines) else table.line,
            section,
            pick=_cell_picker(table.header, row),
        )
        for number, row in enumerate(rows)
    ]


def _cell_picker(header: list[str] | None, row: list[str]) -> Pick:
    """A row's part: a column by 1-based number or by its header's text."""
    keys = [" ".join(text.split()).casefold() for text in header or []]

    def pick(sub: str) -> str | None:
        wanted = " ".join(sub.split()).casefold()
        index = (
            int(wanted) - 1 if wanted.isdigit() else (keys.index(wanted) if wanted in keys else -1)
        )
        return row[index] if 0 <= index < len(row) else None

    return pick


def _block_lines(block: Block) -> list[str]:
    if isinstance(block, (Heading, Paragraph)):
        return lines_of(block.text)
    if isinstance(block, Table):
        rows = ([block.header] if block.header else []) + block.rows
        return [CELL_GAP.join(" ".join(cell.split()) for cell in row) for row in rows]
    return [f"{d.term}: {' '.join(d.text.split())}" for d in block.items]


__all__ = ["block_items", "PAGE"]
