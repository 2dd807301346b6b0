"""The neutral shape every reader produces: a page as a flat list of blocks in order.

Readers know formats (HTML, Markdown, reStructuredText, plain text, JSON/YAML) and
nothing about errors; the interpreter knows what an error table looks like and nothing
about formats. This module is the contract between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass
class Heading:
    """A section heading; tables and titled blocks below it belong to its section."""

    text: str
    level: int  # 1 = page title ... 6; plain-text readers guess (a short line ending in ':' etc.)
    line: int | None = None
    # the heading is the name of one declared object (a reST domain directive such as
    # ``.. data:: EPERM``, an API reference's member name), not the title of a section
    declaration: bool = False


@dataclass
class Paragraph:
    """Running text. ``title`` marks a paragraph that is only a bold, quoted or emphasised
    phrase, the way many help-centre pages title each error."""

    text: str
    line: int | None = None
    title: bool = False


@dataclass
class Table:
    """A table with its header (None when the reader found no header row) and body rows.

    Cells are plain text (markup reduced, entities decoded, ``<br>`` -> newline,
    colspan/rowspan expanded). ``row_lines[i]`` is the source line of ``rows[i]``.
    """

    header: list[str] | None
    rows: list[list[str]]
    row_lines: list[int | None] = field(default_factory=list)
    line: int | None = None
    caption: str | None = None
    # a reader that had to guess (ragged rows, flattened cells) says so here
    notes: list[str] = field(default_factory=list)


@dataclass
class Definition:
    """One term/definition pair (HTML <dl>, reST definition list, ``TERM: text`` lines)."""

    term: str
    text: str
    line: int | None = None


@dataclass
class DefinitionList:
    items: list[Definition]
    line: int | None = None


Block = Union[Heading, Paragraph, Table, DefinitionList]


@dataclass
class Page:
    """A read page: its blocks and the warnings the reader raised while reading it."""

    blocks: list[Block]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
