"""Format-neutral blocks a layout is made of; each renderer writes them in its markup.

A renderer that cannot express a block raises :class:`Unsupported`: that shape x format
pair is not a cell of the matrix (a CSV file has no headings, JSON has no prose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from tests.pagegen.model import Error


class Unsupported(Exception):
    """The format cannot express this block."""


@dataclass(frozen=True)
class H:
    text: str
    level: int = 2
    code: bool = False  # the heading text is a code, set as inline code


@dataclass(frozen=True)
class P:
    text: str
    framing: bool = False  # page furniture (title blurb) a bare data format may drop


@dataclass(frozen=True)
class T:
    header: list[str] | None
    rows: list[list[str]]
    code_cols: frozenset[int] = field(default_factory=frozenset)  # cells set as inline code


@dataclass(frozen=True)
class DL:
    """Term/text pairs. ``style``: definition (a definition list), field (reST field list),
    labelled (``**TERM**: text`` paragraphs)."""

    items: list[tuple[str, str]]
    code_terms: bool = True
    style: str = "definition"


@dataclass(frozen=True)
class Links:
    """A "See also" list of links."""

    items: list[tuple[str, str]]


@dataclass(frozen=True)
class Decl:
    """Constants declared in code with a comment each: ``#define NAME value`` or an enum."""

    group: str
    errors: tuple[Error, ...]
    style: str = "define"  # define | enum


Block = Union[H, P, T, DL, Links, Decl]


@dataclass(frozen=True)
class Doc:
    title: str
    blocks: list[Block]
