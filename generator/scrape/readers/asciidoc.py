"""Read an AsciiDoc page into blocks: section titles, ``|===`` tables, paragraphs, lists.

PyPI has no maintained AsciiDoc parser that gives a document tree with source lines (the
``asciidoc`` package is the legacy converter to HTML/DocBook, the others are alphas), so
this is a small reader of its own for what error pages use: ``=``/``==`` titles, ``|===``
tables whose cells sit one per line or several per line and may start on a bare ``|``
(with ``[options="header"]``/``%header``/``cols=`` attributes, or the implicit header of a
first line followed by a blank line), ``,===`` CSV tables, ``term:: text`` lists and
``.Title`` captions. Admonitions (``[NOTE]``), listings, literals and comments are skipped.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from generator.scrape.cells import clean_text, heading_text, make_table, one_line
from generator.scrape.readers import bounds
from generator.scrape.document import (
    Block,
    Definition,
    DefinitionList,
    Heading,
    Page,
    Paragraph,
    Table,
)

_TITLE = re.compile(r"^(={1,6})\s+(\S.*?)\s*(?:\s=+)?$")
_TABLE = re.compile(r"^([|,:!])===+\s*$")
_ATTRIBUTES = re.compile(r"^\[(?!\[)(.*)\]\s*$")
_ENTRY = re.compile(r"^:[!\w][\w-]*!?:(?:\s.*)?$")
_ANCHOR = re.compile(r"^\[\[[^\]]*\]\]\s*$")
_CAPTION = re.compile(r"^\.(?![.\s])(\S.*)$")
_DELIMITED = re.compile(r"^(-{4,}|\.{4,}|/{4,}|\+{4,}|={4,}|\*{4,}|_{4,}|--)\s*$")
_SKIPPED = ("-", ".", "/", "+")  # listing, literal, comment, passthrough
_ADMONITIONS = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
_ADMONITION_LINE = re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s")
_LIST_ITEM = re.compile(r"^\s*(?:[*.-]+|\d+\.)\s+(.*)$")
_DEFINITION = re.compile(r"^(\S.*?)(?::{2,4}|;;)(?:\s+(.*))?$")
# a cell starts at an unescaped '|', optionally after a spec such as 2+, .3+, a, m, 2*
_CELL = re.compile(
    r"((?:(?<=\s)|^)(?:\d+\*)?(?:\d*(?:\.\d+)?\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?)?(?<!\\)\|"
)

_INLINE = [
    (
        re.compile(r"(?:xref|link|mailto):([^\s\[]*)\[([^\]]*)\]"),
        lambda m: m.group(2) or m.group(1),
    ),
    (re.compile(r"\b(https?://[^\s\[]+)\[([^\]]*)\]"), lambda m: m.group(2) or m.group(1)),
    (re.compile(r"<<([^,>]+)(?:,\s*([^>]*))?>>"), lambda m: m.group(2) or m.group(1)),
    (re.compile(r"(?<![\w\\])\+\+?([^+\n]+?)\+?\+(?!\w)"), lambda m: m.group(1)),
    (re.compile(r"(?<![\w\\])`([^`\n]+)`(?!\w)"), lambda m: m.group(1)),
    (
        re.compile(r"\*\*(.+?)\*\*|(?<![\w\\])\*(\S(?:.*?\S)?)\*(?!\w)"),
        lambda m: m.group(m.lastindex or 0),
    ),
    (
        re.compile(r"__(.+?)__|(?<![\w\\])_(\S(?:.*?\S)?)_(?!\w)"),
        lambda m: m.group(m.lastindex or 0),
    ),
    (
        re.compile(r"##(.+?)##|(?<![\w\\])#(\S(?:.*?\S)?)#(?!\w)"),
        lambda m: m.group(m.lastindex or 0),
    ),
    (re.compile(r"\[\.[\w-]+\]#"), lambda m: "#"),
    (re.compile(r"\s\+$", re.M), lambda m: ""),
    (re.compile(r"\\([|*_`#+\\])"), lambda m: m.group(1)),
]

_Line = tuple[int, str]


def inline_text(text: str) -> str:
    """AsciiDoc inline markup reduced to its text."""
    for pattern, replace in _INLINE:
        text = pattern.sub(replace, text)
    return clean_text(text)


def read(text: str) -> Page:
    """Blocks of an AsciiDoc page, in order, with 1-based line numbers."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text_lines = raw.split("\n")
    bounded = bounds.cut_page(text_lines)  # ~0.1 ms a line; a table may end unclosed there
    lines = [(number, line.rstrip()) for number, line in enumerate(text_lines, start=1)]
    reader = _Reader(lines, warnings=bounded)
    reader.read()
    title = next(
        (block.text for block in reader.blocks if isinstance(block, Heading) and block.level == 1),
        None,
    )
    return Page(blocks=reader.blocks, title=title, warnings=reader.warnings)


@dataclass
class _Reader:
    lines: list[_Line]
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    attributes: str = ""  # the [..] line before the next block
    caption: str | None = None  # the .Title line before the next block

    def read(self) -> None:
        index = 0
        while index < len(self.lines):
            index = self._block_at(index)

    def _block_at(self, index: int) -> int:
        number, text = self.lines[index]
        if not text.strip():
            return index + 1
        if _ANCHOR.match(text) or _ENTRY.match(text):
            return index + 1
        attributes = _ATTRIBUTES.match(text)
        if attributes:
            self.attributes = attributes.group(1)
            return index + 1
        caption = _CAPTION.match(text)
        if caption and not _LIST_ITEM.match(text):
            self.caption = one_line(inline_text(caption.group(1)))
            return index + 1
        attributes_before, self.attributes = self.attributes, ""
        caption_before, self.caption = self.caption, None
        title = _TITLE.match(text)
        if title:
            text_of_title = heading_text(inline_text(title.group(2)))
            if text_of_title:
                self.blocks.append(Heading(text_of_title, len(title.group(1)), number))
            return index + 1
        table = _TABLE.match(text)
        if table:
            return self._table(index, table.group(1), attributes_before, caption_before)
        delimited = _DELIMITED.match(text)
        if delimited:
            return self._delimited(index, delimited.group(1), attributes_before)
        style = attributes_before.split(",")[0].strip()
        if style in _ADMONITIONS or _ADMONITION_LINE.match(text):
            return self._paragraph_end(index)
        if style in ("source", "listing", "literal", "comment", "pass"):
            return self._paragraph_end(index)
        if _DEFINITION.match(text) and not _LIST_ITEM.match(text):
            return self._definitions(index)
        return self._paragraph(index)

    def _paragraph_end(self, index: int) -> int:
        end = index
        while end < len(self.lines) and self.lines[end][1].strip():
            end += 1
        return end

    def _delimited(self, index: int, fence: str, attributes: str) -> int:
        end = index + 1
        while end < len(self.lines) and self.lines[end][1].strip() != fence:
            end += 1
        style = attributes.split(",")[0].strip()
        if fence[0] in _SKIPPED or style in _ADMONITIONS or fence == "--" and style:
            return end + 1
        inner = _Reader(self.lines[index + 1 : end])
        inner.read()
        self.blocks.extend(inner.blocks)
        self.warnings.extend(inner.warnings)
        return end + 1

    def _paragraph(self, index: int) -> int:
        item = _LIST_ITEM.match(self.lines[index][1])
        parts = [item.group(1) if item else self.lines[index][1]]
        end = index + 1
        while end < len(self.lines):
            text = self.lines[end][1]
            if not text.strip() or _LIST_ITEM.match(text) or _TABLE.match(text):
                break
            if _DELIMITED.match(text) or _ATTRIBUTES.match(text) or _TITLE.match(text):
                break
            parts.append(text)
            end += 1
        words = one_line(inline_text(" ".join(part.strip() for part in parts)))
        if words:
            bold = re.fullmatch(r"\*{1,2}[^*].*?\*{1,2}:?", " ".join(parts).strip()) is not None
            self.blocks.append(Paragraph(words, line=self.lines[index][0], title=bold))
        return end

    def _definitions(self, index: int) -> int:
        items: list[Definition] = []
        end = index
        while end < len(self.lines):
            match = _DEFINITION.match(self.lines[end][1])
            if match is None or _LIST_ITEM.match(self.lines[end][1]):
                break
            number = self.lines[end][0]
            texts = [match.group(2) or ""]
            end += 1
            while end < len(self.lines):
                text = self.lines[end][1]
                if not text.strip():
                    if texts[-1:] == [""] or not any(texts):
                        end += 1
                        continue
                    break
                if _DEFINITION.match(text) and not text.startswith(" "):
                    break
                texts.append(text.strip())
                end += 1
            while end < len(self.lines) and not self.lines[end][1].strip():
                end += 1
            term = one_line(inline_text(match.group(1)))
            items.append(Definition(term, inline_text(" ".join(texts)), number))
        self.blocks.append(DefinitionList(items, self.lines[index][0]))
        return max(end, index + 1)

    # -- tables -------------------------------------------------------------------

    def _table(self, index: int, kind: str, attributes: str, caption: str | None) -> int:
        end = index + 1
        while end < len(self.lines) and not _TABLE.match(self.lines[end][1]):
            end += 1
        body = self.lines[index + 1 : end]
        start = self.lines[index][0]
        if end >= len(self.lines):
            self.warnings.append(f"line {start}: the table is never closed (no |===)")
        if kind == "!":
            return end + 1  # a nested table's own delimiter outside its parent
        if kind in (",", ":") or "format=csv" in attributes.replace('"', ""):
            delimiter = ":" if kind == ":" else ","
            records = _csv_records(body, delimiter)
        else:
            records = _psv_records(body, _columns(attributes))
        header_option = "header" in attributes and "noheader" not in attributes
        implicit = _implicit_header(body) and "noheader" not in attributes
        header: list[str] | None = None
        rows = [cells for cells, _ in records]
        row_lines: list[int | None] = [number for _, number in records]
        if rows and (header_option or implicit):
            header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
        notes: list[str] = []
        width = len(header) if header else max((len(row) for row in rows), default=0)
        for row, number in zip(rows, row_lines):
            if len(row) < width:
                notes.append(f"line {number}: {len(row)} cells, the table has {width} columns")
        self.blocks.append(make_table(header, rows, row_lines, start, notes, caption=caption))
        return end + 1


def _columns(attributes: str) -> int | None:
    """The column count ``cols=`` gives (``"1,2m"`` -> 2, ``3*`` -> 3, ``3`` -> 3)."""
    match = re.search(r"cols\s*=\s*\"?([^\"\]]*?)\"?(?:,\s*\w+\s*=|$)", attributes)
    if match is None:
        return None
    spec = match.group(1).strip().strip("'")
    if spec.isdigit():
        return int(spec)
    count = 0
    for part in spec.replace(";", ",").split(","):
        part = part.strip()
        repeat = re.match(r"^(\d+)\*", part)
        count += int(repeat.group(1)) if repeat else 1 if part else 0
    return count or None


def _cells(text: str) -> list[tuple[str, int]]:
    """Pieces of one line split at cell starts: (text, span) where span is the number of
    columns a ``2+|`` cell covers; a line not starting with ``|`` continues the last cell."""
    matches = list(_CELL.finditer(text))
    if not matches:
        return [(text, 0)]
    out: list[tuple[str, int]] = []
    if matches[0].start() > 0:
        out.append((text[: matches[0].start()], 0))
    for position, match in enumerate(matches):
        stop = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        spec = match.group(1) or ""
        span = re.match(r"^(\d+)\+", spec)
        repeat = re.match(r"^(\d+)\*", spec)
        out.append((text[match.end() : stop], int(span.group(1)) if span else 1))
        for _ in range(int(repeat.group(1)) - 1 if repeat else 0):
            out.append((text[match.end() : stop], 1))
    return out


def _psv_records(body: list[_Line], columns: int | None) -> list[tuple[list[str], int]]:
    """Rows of a ``|===`` table: cells in order, grouped by the column count (from
    ``cols=``, else the cells on the first line that has any)."""
    cells: list[tuple[list[str], int, int]] = []  # (lines of text, span, source line)
    for number, text in body:
        if columns is None and text.strip() and _CELL.search(text):
            columns = sum(span for _, span in _cells(text) if span)
        for piece, span in _cells(text):
            if span == 0:
                if cells:
                    cells[-1][0].append(piece)
                continue
            cells.append(([piece], span, number))
    width = columns or 1
    records: list[tuple[list[str], int]] = []
    current: list[str] = []
    used = 0
    start = 0
    for lines_of_cell, span, number in cells:
        if not current:
            start = number
        current.append(inline_text("\n".join(part.strip() for part in lines_of_cell)))
        current.extend([""] * (span - 1))
        used += span
        if used >= width:
            records.append((current, start))
            current, used = [], 0
    if current:
        records.append((current, start))
    return records


def _implicit_header(body: list[_Line]) -> bool:
    """Asciidoctor's rule: the first line holds several cells and a blank line follows."""
    lines = [text for _, text in body]
    first = next((i for i, text in enumerate(lines) if text.strip()), None)
    if first is None or first + 1 >= len(lines) or lines[first + 1].strip():
        return False
    return sum(1 for _, span in _cells(lines[first]) if span) >= 2


def _csv_records(body: list[_Line], delimiter: str) -> list[tuple[list[str], int]]:
    texts = [text for _, text in body if text.strip()]
    numbers = [number for number, text in body if text.strip()]
    out: list[tuple[list[str], int]] = []
    reader = csv.reader(texts, delimiter=delimiter, skipinitialspace=True)
    consumed = 0
    try:
        for record in reader:
            out.append(
                ([inline_text(cell) for cell in record], numbers[min(consumed, len(numbers) - 1)])
            )
            consumed = reader.line_num
    except csv.Error:
        pass
    return out


__all__ = ["read", "inline_text", "Table"]
