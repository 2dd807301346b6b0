"""Plain text carried in HTML paragraphs: read with the plain-text reader's eyes.

Some converters put a plain-text document (an RFC, a man page) into HTML paragraphs and
let the style sheet keep its spaces and line breaks. The lines keep a plain-text layout
that HTML would collapse: a hanging indent (a code at one indentation, its text indented
deeper). A run of such paragraphs is read again as plain text when that reading finds a
list in it; otherwise the paragraphs stay as they are.
"""

from __future__ import annotations

import re

from generator.scrape.document import Block, DefinitionList, Paragraph, Table

MIN_INDENTED_LINES = 2  # indented lines a paragraph needs to keep a plain-text layout
MIN_INDENT = 3  # spaces that open an indented line of plain text
MAX_RUN_CHARS = 200_000  # a run longer than this is left as HTML read it (bounds the work)
_LEAD = re.compile(r"^( *)\S")


def keeps_layout(raw: str) -> bool:
    """Whether a paragraph's source text keeps a plain-text layout: several lines
    indented by ``MIN_INDENT`` spaces or more, at two or more different indentations (a
    pretty-printed HTML source indents every line of a paragraph alike)."""
    indents = []
    for line in raw.split("\n"):
        match = _LEAD.match(line)
        if match is not None and len(match.group(1)) >= MIN_INDENT:
            indents.append(len(match.group(1)))
    return len(indents) >= MIN_INDENTED_LINES and len(set(indents)) >= 2


def reread(blocks: list[Block], raws: dict[int, str]) -> list[Block]:
    """``blocks`` with every run of laid-out paragraphs (``raws``: id of a paragraph -> its
    source text) replaced by its plain-text reading, when that reading holds a list."""
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in [*blocks, None]:
        if isinstance(block, Paragraph) and id(block) in raws and keeps_layout(raws[id(block)]):
            run.append(block)
            continue
        if run:
            out.extend(_read_run(run, raws))
            run = []
        if block is not None:
            out.append(block)
    return out


def _read_run(run: list[Paragraph], raws: dict[int, str]) -> list[Block]:
    from generator.scrape.readers import text as text_reader

    lines: list[str] = []
    origin: list[int | None] = []  # joined line index -> source line
    for paragraph in run:
        for offset, line in enumerate(raws[id(paragraph)].split("\n")):
            lines.append(line)
            origin.append(paragraph.line + offset if paragraph.line is not None else None)
    if sum(len(line) for line in lines) > MAX_RUN_CHARS:
        return list(run)
    blocks = text_reader.read("\n".join(lines)).blocks
    if not any(isinstance(block, DefinitionList) for block in blocks):
        return list(run)
    # a table the text reader had to guess without a header row is left out, as in <pre>
    kept = [b for b in blocks if not (isinstance(b, Table) and b.header is None)]
    for block in kept:
        _relocate(block, origin)
    return kept


def _relocate(block: Block, origin: list[int | None]) -> None:
    """Line numbers of the joined text back to the page's."""

    def moved(line: int | None) -> int | None:
        return origin[line - 1] if line is not None and 0 < line <= len(origin) else None

    block.line = moved(block.line)
    if isinstance(block, DefinitionList):
        for item in block.items:
            item.line = moved(item.line)
    elif isinstance(block, Table):
        block.row_lines = [moved(line) for line in block.row_lines]


__all__ = ["keeps_layout", "reread"]
