"""Members of an API reference, as documentation generators render them, read as a table.

Sphinx autodoc (``<dl class="py data">``), rustdoc (enum variants), TypeDoc (enum members),
mkdocstrings and their kin render each constant as a small block: a signature that declares
it (``NAME = 3001``, ``NAME: int = 7001``, ``Variant = 4_000``, ``Member: 60001``,
``NAME = 'blocked'``) followed by its doc comment. The declared value is the wire code, the
identifier its name, the doc comment its message: a run of at least ``MIN_DECLARATIONS``
sibling members becomes a ``Name | Value | Description`` table, as a code listing of
declarations does (readers/declarations.py). A lone constant stays what it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from generator.lazyre import lazy
from generator.scrape.cells import one_line
from generator.scrape.document import Block, Paragraph, Table
from generator.scrape.readers.declarations import HEADER, MIN_DECLARATIONS, declared_member
from generator.scrape.readers.declarations import NOTE as LISTING_NOTE

_Element = Any  # lxml.html.HtmlElement (lxml ships no type hints)
TextOf = Callable[[_Element], str]
MAX_SEARCH = 40  # elements of a member searched for its signature (bounds the work)
MAX_MEMBER_CHARS = 4000  # a member longer than this is a section, not one constant
# what the table says of itself (a reader that guessed says so)
VALUES_NOTE = "values of the names read from their declaration elsewhere on the page"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
NOTE = "read from an API reference's member declarations: value as code, doc comment as text"


@dataclass
class Member:
    """One rendered member: its declaration and its doc comment."""

    name: str
    value: str
    doc: str
    line: int | None
    uses_next: bool  # the doc comment is the next sibling (rustdoc's docblock)


def member_runs(children: list[_Element], text_of: TextOf) -> dict[int, tuple[Table, int]]:
    """Index of the first child of each run of members -> (its table, index after the run)."""
    runs: dict[int, tuple[Table, int]] = {}
    index = 0
    while index < len(children):
        start, members = index, []
        while index < len(children):
            member = _member(children, index, text_of)
            if member is None:
                break
            members.append(member)
            index += 2 if member.uses_next else 1
        if len(members) >= MIN_DECLARATIONS:
            runs[start] = (_table(members), index)
        index = max(index, start + 1)
    return runs


def _member(children: list[_Element], index: int, text_of: TextOf) -> Member | None:
    """The member ``children[index]`` renders, with its doc comment, or None."""
    element = children[index]
    if not isinstance(element.tag, str) or _longer(element, MAX_MEMBER_CHARS):
        return None
    found = _signature(element)
    if found is None:
        return None
    top, name, value = found
    doc = _doc_after(element, top, text_of)
    uses_next = False
    if not doc and index + 1 < len(children):
        following = children[index + 1]
        if isinstance(following.tag, str) and _signature(following) is None:
            doc, uses_next = text_of(following), True
    return Member(name, value, doc, element.sourceline, uses_next)


def _signature(element: _Element) -> tuple[_Element, str, str] | None:
    """(child of ``element`` holding it, name, value) of the first declaring descendant."""
    for count, node in enumerate(element.iter()):
        if count > MAX_SEARCH:
            return None
        if not isinstance(node.tag, str):
            continue
        raw = _raw(node)
        # a declaration has "=", ":" or "#define"; most text has none of them
        if not _may_declare(raw):
            if node is element:
                return None  # nor has any node inside it
            continue
        declared = declared_member(one_line(raw))
        if declared is not None and (
            node.tag in HEADINGS or next(node.iter(*HEADINGS), None) is not None
        ):
            return None  # a heading per member: read as headings ("NAME = 7" names one error)
        if declared is not None:
            top = node
            while top is not element and top.getparent() is not element:
                top = top.getparent()
            return top, declared[0], declared[1]
    return None


def _doc_after(element: _Element, top: _Element, text_of: TextOf) -> str:
    """The text of ``element``'s children after the one that holds the signature."""
    parts: list[str] = []
    seen = False
    for child in element:
        if seen and isinstance(child.tag, str):
            text = text_of(child).strip()
            if text:
                parts.append(text)
        seen = seen or child is top
    return "\n".join(parts)


def _raw(element: _Element) -> str:
    return "".join(element.itertext())


def _may_declare(text: str) -> bool:
    return "=" in text or ":" in text or "#" in text


def _longer(element: _Element, limit: int) -> bool:
    """Whether the element's text is longer than ``limit``, read only that far (every child
    of every level is asked, and a page wrapper holds the whole page)."""
    total = 0
    for piece in element.itertext():
        total += len(piece)
        if total > limit:
            return True
    return False


def without_synopses(blocks: list[Block]) -> list[Block]:
    """Blocks where a code listing that only repeats members documented on the page and
    the members' table are one table: the listing's place, the members' doc comments.

    A reference page opens with the type's declaration (rustdoc's ``pub enum E { A = 1 }``)
    and then documents each member: both declare the same names and values; the listing
    stands where the page introduces the constants, the members carry their doc comments."""
    kept: list[Block] = []
    listings: list[Table] = []
    for block in blocks:
        if isinstance(block, Table) and LISTING_NOTE in block.notes:
            listings.append(block)
        elif isinstance(block, Table) and NOTE in block.notes:
            docs = {(row[0], row[1]): row[2] for row in block.rows}
            synopsis = next((t for t in listings if _pairs(t) == set(docs)), None)
            if synopsis is not None:
                for row in synopsis.rows:
                    row[2] = docs[(row[0], row[1])] or row[2]
                synopsis.notes = list(block.notes)
                continue
        kept.append(block)
    return kept


# "acme_status { ACME_OK = 0, ACME_BUSY = 100 }": a name given a number inside a line
_INLINE = lazy(
    r"\b([A-Za-z_][A-Za-z0-9_]{0,80})\s*=\s*(-?(?:0[xX][0-9A-Fa-f]{1,16}|\d{1,12}))\b"
)
# "public static final int", "static int", "int": a column of types beside the names
_TYPE_CELL = lazy(
    r"^(?:(?:public|protected|static|final|const|unsigned)\s+)*[a-z][a-z0-9_]{0,20}$"
)
_IDENTIFIER = lazy(r"^[A-Za-z_][A-Za-z0-9_.]{0,120}$")
_NUMBER = lazy(r"^-?(?:0[xX][0-9A-Fa-f]{1,16}|\d{1,12})$")
MAX_SCAN = 20_000  # characters of one block scanned for declared values (bounds the work)


def with_declared_values(blocks: list[Block]) -> list[Block]:
    """Blocks where a table of names beside their docs gains the values the page declares
    for those names elsewhere: in a synopsis (Doxygen's ``enum status { OK = 0, BUSY = 100 }``)
    or in a table of the names and their values only (Javadoc's constant field values),
    which then says nothing more. Each name's value is its code."""
    declared: dict[str, str] = {}
    for block in blocks:
        for text in _texts(block):
            if "=" not in text:
                continue  # no "NAME = 7" in it (most cells)
            for name, value in _INLINE.findall(text[:MAX_SCAN]):
                declared.setdefault(name, value)
    values = [block for block in blocks if isinstance(block, Table) and _values_only(block)]
    for table in values:
        declared.update({row[0].strip(): row[1].strip() for row in table.rows})
    merged: set[int] = set()
    for block in blocks:
        if not isinstance(block, Table) or block in values:
            continue
        column = _named_column(block, declared)
        if column is None:
            continue
        names = {row[column].strip() for row in block.rows}
        merged.update(id(t) for t in values if {row[0].strip() for row in t.rows} <= names)
        _insert_values(block, column, declared)
    return [block for block in blocks if id(block) not in merged]


def _values_only(table: Table) -> bool:
    """Names and their numbers and nothing else (a type column aside), name first."""
    if len(table.rows) < MIN_DECLARATIONS:
        return False
    rows: list[list[str]] = []
    for row in table.rows:  # row by row: most tables fail at their first row
        rows.append([cell for cell in row if not _TYPE_CELL.match(cell.strip())])
        if len(rows[-1]) != 2:
            return False
    if not all(_IDENTIFIER.match(row[0].strip()) and _NUMBER.match(row[1].strip()) for row in rows):
        return False
    table.rows = rows
    return True


def _named_column(table: Table, declared: dict[str, str]) -> int | None:
    """The column whose every cell is a name the page declares a value for, when the
    table has text beside it and no value column of its own."""
    if len(table.rows) < MIN_DECLARATIONS or any(VALUES_NOTE in n for n in table.notes):
        return None
    width = min(len(row) for row in table.rows)
    if width < 2 or NOTE in table.notes or LISTING_NOTE in table.notes:
        return None
    for column in range(width):
        if all(row[column].strip() in declared for row in table.rows):
            return column
    return None


def _insert_values(table: Table, column: int, declared: dict[str, str]) -> None:
    table.rows = [
        row[: column + 1] + [declared[row[column].strip()]] + row[column + 1 :]
        for row in table.rows
    ]
    if table.header is not None and len(table.header) == 2 and column == 0:
        table.header = list(HEADER)  # "Enumerator" spanning both columns: name and doc
    elif table.header is not None:
        table.header = table.header[: column + 1] + ["Value"] + table.header[column + 1 :]
    table.notes.append(VALUES_NOTE)


def _texts(block: Block) -> list[str]:
    if isinstance(block, Table):
        return [cell for row in block.rows for cell in row]
    return [block.text] if isinstance(block, Paragraph) else []


def _pairs(table: Table) -> set[tuple[str, str]]:
    return {(row[0], row[1]) for row in table.rows}


def _table(members: list[Member]) -> Table:
    rows = [[member.name, member.value, member.doc] for member in members]
    lines = [member.line for member in members]
    return Table(list(HEADER), rows, lines, lines[0], None, [NOTE])


__all__ = ["member_runs", "with_declared_values", "without_synopses", "Member", "MIN_DECLARATIONS"]
