"""Read a reStructuredText page into blocks, keeping the source line of every row.

A focused parser (docutils loses row line numbers and stops at the first severe error):
section titles, grid and simple tables, ``list-table`` and inline ``csv-table``,
definition and field lists, lists, and directives. A directive with an argument, such as
``.. error:: E101`` with an indented body, is a Heading followed by the body's blocks:
that is how one-directive-per-error pages title each error.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from generator.scrape.readers import html as html_reader
from generator.scrape.cells import (
    clean_text,
    heading_text,
    is_quoted_title,
    looks_like_header,
    make_table,
    one_line,
)
from generator.scrape.document import (
    Block,
    Definition,
    DefinitionList,
    Heading,
    Page,
    Paragraph,
    Table,
)

_Line = tuple[int, str]  # (1-based source line, text)

_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_GRID_BORDER = re.compile(r"^\+(?:[-=]+\+)+\s*$")
_SIMPLE_BORDER = re.compile(r"^=+(?:[ \t]+=+)+\s*$")
_DIRECTIVE = re.compile(r"^\.\.[ \t]+([\w:.+-]+)[ \t]*::(?:[ \t]+(.*))?$")
_EXPLICIT = re.compile(r"^\.\.(?:\s|$)")
_FIELD = re.compile(r"^:([^:\s][^:]*?):(?:\s+(.*))?$")
_BULLET = re.compile(r"^(?:[-*+\u2022]|\(?(?:\d+|#|[a-zA-Z])[.)])\s+(.*)$")
_OPTION = re.compile(r"^:([\w-]+):(?:\s+(.*))?$")

_SKIPPED_DIRECTIVES = {
    "code",
    "code-block",
    "sourcecode",
    "literalinclude",
    "image",
    "figure",
    "include",
    "toctree",
    "contents",
    "sectnum",
    "meta",
    "highlight",
    "math",
    "index",
    "graphviz",
    "sidebar",
    "only",
    "default-role",
    "role",
    "title",
    "footer",
    "header",
    "parsed-literal",
    "doctest",
    "testcode",
    "testoutput",
}

_INLINE = [
    (re.compile(r"``(.+?)``"), r"\1"),
    (re.compile(r":[\w:.+-]+:`([^`<]*?)\s*<[^`>]*>`"), r"\1"),
    (re.compile(r":[\w:.+-]+:`([^`]*)`"), r"\1"),
    (re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?"), r"\1"),
    (re.compile(r"`([^`]+)`(?:__?)?"), r"\1"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"\s*\[(?:\d+|#\w*|\*)\]_"), ""),
    (re.compile(r"(?<=\w)__?(?=[\s.,;:!?)]|$)"), ""),
    (re.compile(r"\|(\w[\w -]*)\|"), r"\1"),
    (re.compile(r"\\ "), ""),
    (re.compile(r"\\(.)"), r"\1"),
]


def inline_text(text: str) -> str:
    """reST inline markup reduced to its text."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return clean_text(text)


def read(text: str) -> Page:
    """Blocks of a reST page, in order, with 1-based line numbers."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").expandtabs(8)
    lines = [(number, line.rstrip()) for number, line in enumerate(raw.split("\n"), start=1)]
    reader = _Reader()
    reader.read(lines, depth=0)
    title = next(
        (block.text for block in reader.blocks if isinstance(block, Heading) and block.level == 1),
        None,
    )
    return Page(blocks=reader.blocks, title=title, warnings=reader.warnings)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _dedent(lines: list[_Line]) -> list[_Line]:
    indents = [_indent(text) for _, text in lines if text.strip()]
    cut = min(indents, default=0)
    return [(number, text[cut:]) for number, text in lines]


def _indented_block(lines: list[_Line], start: int, parent_indent: int) -> int:
    """Index after the block of lines indented deeper than ``parent_indent`` (or blank)."""
    end = start
    while end < len(lines):
        text = lines[end][1]
        if text.strip() and _indent(text) <= parent_indent:
            break
        end += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    return end


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    styles: list[tuple[str, bool]] = field(default_factory=list)  # adornment styles seen
    section: int = 0  # level of the last section title

    def read(self, lines: list[_Line], depth: int) -> None:
        if depth > 20:
            self.warnings.append(f"line {lines[0][0] if lines else '?'}: nesting too deep")
            return
        index = 0
        while index < len(lines):
            if not lines[index][1].strip():
                index += 1
                continue
            index = self._block_at(lines, index, depth)

    def _block_at(self, lines: list[_Line], index: int, depth: int) -> int:
        text = lines[index][1]
        if _indent(text) > 0:  # a block quote: read its content
            end = _indented_block(lines, index, _indent(text) - 1)
            self.read(_dedent(lines[index:end]), depth + 1)
            return max(end, index + 1)
        for step in (
            self._section,
            self._grid_table,
            self._simple_table,
            self._explicit,
            self._field_list,
            self._bullet,
            self._definition_list,
        ):
            after = step(lines, index, depth)
            if after is not None:
                return after
        return self._paragraph(lines, index, depth)

    # -- sections -------------------------------------------------------------------

    def _section(self, lines: list[_Line], index: int, depth: int) -> int | None:
        text = lines[index][1]
        nxt = lines[index + 1][1] if index + 1 < len(lines) else ""
        after = lines[index + 2][1] if index + 2 < len(lines) else ""
        if _ADORNMENT.match(text) and nxt.strip() and _ADORNMENT.match(after):
            if after.strip()[0] == text.strip()[0] and not _ADORNMENT.match(nxt.strip()):
                self._title(nxt.strip(), (text.strip()[0], True), lines[index + 1][0])
                return index + 3
        if _ADORNMENT.match(text) and (not nxt.strip() or index + 1 >= len(lines)):
            return index + 1  # a transition
        if text.strip() and _ADORNMENT.match(nxt) and not _ADORNMENT.match(text):
            if len(nxt.strip()) >= min(len(text.strip()), 4):
                self._title(text.strip(), (nxt.strip()[0], False), lines[index][0])
                return index + 2
        return None

    def _title(self, text: str, style: tuple[str, bool], line: int) -> None:
        if style not in self.styles:
            self.styles.append(style)
        self.section = min(self.styles.index(style) + 1, 6)
        title = heading_text(inline_text(text))
        if title:
            self.blocks.append(Heading(title, self.section, line))

    # -- tables ---------------------------------------------------------------------

    def _grid_table(self, lines: list[_Line], index: int, depth: int) -> int | None:
        if not _GRID_BORDER.match(lines[index][1]):
            return None
        end = index
        while end < len(lines) and lines[end][1].lstrip()[:1] in ("+", "|"):
            end += 1
        self.blocks.append(_grid(lines[index:end]))
        return end

    def _simple_table(self, lines: list[_Line], index: int, depth: int) -> int | None:
        if not _SIMPLE_BORDER.match(lines[index][1]):
            return None
        borders = [index]
        end = index + 1
        while end < len(lines):
            text = lines[end][1]
            if _SIMPLE_BORDER.match(text):
                borders.append(end)
                following = lines[end + 1][1] if end + 1 < len(lines) else ""
                if len(borders) == 3 or not following.strip():
                    end += 1
                    break
            end += 1
        self.blocks.append(_simple(lines[index:end], lines[index][1]))
        return end

    # -- explicit markup: directives, comments, targets -----------------------------

    def _explicit(self, lines: list[_Line], index: int, depth: int) -> int | None:
        text = lines[index][1]
        if not _EXPLICIT.match(text):
            return None
        end = _indented_block(lines, index + 1, 0)
        match = _DIRECTIVE.match(text)
        if match is None:
            return max(end, index + 1)  # a comment, target or footnote
        name = match.group(1).lower()
        argument = (match.group(2) or "").strip()
        body = _dedent(lines[index + 1 : end])
        options, content = _options(body)
        line = lines[index][0]
        if name == "list-table":
            self.blocks.append(_list_table(content, options, argument, line))
        elif name == "csv-table":
            self._csv_table(content, options, argument, line)
        elif name == "table":
            first = len(self.blocks)
            self.read(content, depth + 1)
            for block in self.blocks[first:]:
                if isinstance(block, Table) and argument:
                    block.caption = one_line(inline_text(argument))
        elif name == "raw":
            if "html" in argument.lower() and content:
                fragment = "\n".join(text for _, text in content)
                page = html_reader.read(fragment, line_offset=content[0][0] - 1)
                self.blocks.extend(page.blocks)
        elif name == "rubric":
            self.blocks.append(
                Heading(one_line(inline_text(argument)), min(self.section + 1, 6), line)
            )
        elif name in _SKIPPED_DIRECTIVES:
            pass
        else:
            if argument:
                level = min(self.section + 1, 6)
                self.blocks.append(Heading(heading_text(inline_text(argument)), level, line))
            self.read(content, depth + 1)
        return max(end, index + 1)

    def _csv_table(
        self, content: list[_Line], options: dict[str, str], caption: str, line: int
    ) -> None:
        if "file" in options or "url" in options:
            self.warnings.append(f"line {line}: csv-table with :file:/:url: is not read")
            return
        delimiter = options.get("delim", ",")
        delimiter = {"tab": "\t", "space": " "}.get(delimiter, delimiter[:1] or ",")
        header: list[str] | None = None
        if "header" in options:
            parsed = _csv_rows([(line, options["header"])], delimiter)
            header = parsed[0][0] if parsed else None
        rows: list[list[str]] = []
        row_lines: list[int | None] = []
        for cells, number in _csv_rows(content, delimiter):
            rows.append(cells)
            row_lines.append(number)
        count = _int(options.get("header-rows"))
        if header is None and count:
            header = rows[0] if rows else None
            rows, row_lines = rows[count:], row_lines[count:]
        self.blocks.append(
            make_table(header, rows, row_lines, line, caption=one_line(caption) or None)
        )

    # -- lists ----------------------------------------------------------------------

    def _field_list(self, lines: list[_Line], index: int, depth: int) -> int | None:
        if not _FIELD.match(lines[index][1]):
            return None
        items: list[Definition] = []
        end = index
        while end < len(lines):
            match = _FIELD.match(lines[end][1])
            if match is None:
                break
            body_end = _indented_block(lines, end + 1, 0)
            parts = [match.group(2) or ""] + [text for _, text in lines[end + 1 : body_end]]
            items.append(
                Definition(
                    one_line(inline_text(match.group(1))),
                    inline_text("\n".join(parts)),
                    lines[end][0],
                )
            )
            end = body_end
            while end < len(lines) and not lines[end][1].strip():
                end += 1
        self.blocks.append(DefinitionList(items, lines[index][0]))
        return end

    def _definition_list(self, lines: list[_Line], index: int, depth: int) -> int | None:
        items: list[Definition] = []
        end = index
        while end + 1 < len(lines):
            term, nxt = lines[end][1], lines[end + 1][1]
            if not term.strip() or _indent(term) or not nxt.strip() or _indent(nxt) == 0:
                break
            body_end = _indented_block(lines, end + 1, 0)
            paragraphs = _paragraph_texts(_dedent(lines[end + 1 : body_end]))
            term_text = re.split(r"\s+:\s+", term.strip())[0]
            items.append(
                Definition(one_line(inline_text(term_text)), "\n".join(paragraphs), lines[end][0])
            )
            end = body_end
            while end < len(lines) and not lines[end][1].strip():
                end += 1
        if not items:
            return None
        self.blocks.append(DefinitionList(items, lines[index][0]))
        return end

    def _bullet(self, lines: list[_Line], index: int, depth: int) -> int | None:
        match = _BULLET.match(lines[index][1])
        if match is None:
            return None
        end = _indented_block(lines, index + 1, 0)
        first = match.group(1)
        continuation: list[_Line] = []
        for number, text in lines[index + 1 : end]:
            if continuation or not text.strip() or _BULLET.match(text.strip()):
                continuation.append((number, text))
            else:
                first = f"{first} {text.strip()}"
        self._add_paragraph(first, lines[index][0])
        if continuation:
            self.read(_dedent(continuation), depth + 1)
        return max(end, index + 1)

    # -- paragraphs -----------------------------------------------------------------

    def _paragraph(self, lines: list[_Line], index: int, depth: int) -> int:
        parts: list[str] = []
        end = index
        while end < len(lines) and lines[end][1].strip() and _indent(lines[end][1]) == 0:
            if end > index and (_ADORNMENT.match(lines[end][1]) or _EXPLICIT.match(lines[end][1])):
                break
            parts.append(re.sub(r"^\|\s?", "", lines[end][1]))  # line blocks too
            end += 1
        text = " ".join(part.strip() for part in parts)
        if text.endswith("::"):  # a literal block follows: skip it
            text = text[:-2].rstrip() + (":" if not text[:-2].endswith(" ") else "")
            self._add_paragraph(text.strip(), lines[index][0])
            while end < len(lines) and not lines[end][1].strip():
                end += 1
            if end < len(lines) and _indent(lines[end][1]) > 0:
                end = _indented_block(lines, end, 0)
            return max(end, index + 1)
        self._add_paragraph(text, lines[index][0])
        return max(end, index + 1)

    def _add_paragraph(self, raw: str, line: int) -> None:
        text = one_line(inline_text(raw))
        if not text:
            return
        strong = re.fullmatch(r"\*\*[^*].*?\*\*:?|\*[^*].*?\*:?", raw.strip()) is not None
        self.blocks.append(Paragraph(text, line=line, title=strong or is_quoted_title(text)))


def _options(body: list[_Line]) -> tuple[dict[str, str], list[_Line]]:
    """A directive's ``:name: value`` options, and the content after them."""
    options: dict[str, str] = {}
    index = 0
    while index < len(body):
        match = _OPTION.match(body[index][1])
        if match is None:
            break
        value = [match.group(2) or ""]
        index += 1
        while index < len(body) and body[index][1][:1] == " " and body[index][1].strip():
            value.append(body[index][1].strip())
            index += 1
        options[match.group(1).lower()] = " ".join(value).strip()
    while index < len(body) and not body[index][1].strip():
        index += 1
    return options, _dedent(body[index:])


def _int(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and len(value.strip()) < 6 else 0


def _paragraph_texts(lines: list[_Line]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for _, text in [*lines, (0, "")]:
        if text.strip():
            current.append(text.strip())
        elif current:
            paragraphs.append(one_line(inline_text(" ".join(current))))
            current = []
    return [paragraph for paragraph in paragraphs if paragraph]


def _csv_rows(content: list[_Line], delimiter: str) -> list[tuple[list[str], int]]:
    """Records of inline CSV with the line each starts on (quoted fields may span lines)."""
    out: list[tuple[list[str], int]] = []
    texts = [text for _, text in content]
    numbers = [number for number, _ in content]
    reader = csv.reader(texts, delimiter=delimiter, skipinitialspace=True, strict=False)
    consumed = 0
    try:
        for record in reader:
            start = consumed
            consumed = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            out.append(
                ([inline_text(cell) for cell in record], numbers[min(start, len(numbers) - 1)])
            )
    except csv.Error:
        pass  # an unterminated quote: keep the records read so far
    return out


def _list_table(content: list[_Line], options: dict[str, str], caption: str, line: int) -> Table:
    """``* - a`` / ``  - b`` rows of a list-table; ``:header-rows:`` says how many head it."""
    rows: list[list[list[str]]] = []
    row_lines: list[int | None] = []
    cell_indent = -1
    for number, text in content:
        stripped = text.strip()
        indent = _indent(text)
        bullet = re.match(r"^[-*+]\s*(.*)$", stripped) if stripped else None
        if bullet and indent == 0:
            rows.append([])
            row_lines.append(number)
            rest = bullet.group(1)
            inner = re.match(r"^[-*+]\s*(.*)$", rest)
            if inner:
                cell_indent = len(text) - len(rest)
                rows[-1].append([inner.group(1)])
            continue
        if not rows:
            continue
        if bullet and (cell_indent < 0 or indent <= cell_indent) and indent > 0:
            cell_indent = indent
            rows[-1].append([bullet.group(1)])
        elif rows[-1]:
            rows[-1][-1].append(stripped)
    cells = [[_cell_text(parts) for parts in row] for row in rows]
    count = _int(options.get("header-rows"))
    header = cells[0] if count and cells else None
    body, body_lines = (cells[count:], row_lines[count:]) if count else (cells, row_lines)
    return make_table(header, body, body_lines, line, caption=one_line(caption) or None)


def _cell_text(parts: list[str]) -> str:
    """Lines of one cell: paragraphs (split by blank lines) become lines of text."""
    paragraphs: list[str] = []
    current: list[str] = []
    for part in [*parts, ""]:
        if part:
            current.append(part)
        elif current:
            paragraphs.append(one_line(inline_text(" ".join(current))))
            current = []
    return "\n".join(paragraph for paragraph in paragraphs if paragraph)


def _grid(lines: list[_Line]) -> Table:
    """A grid table: columns from the ``+`` of the top border; ``=`` marks the header's end.

    Spanned columns (no ``|`` at a boundary) leave the later columns empty; a cell whose
    bottom border is open (a row span) repeats its text in each row it spans.
    """
    top = lines[0][1]
    bounds = [position for position, char in enumerate(top) if char == "+"]
    width = len(bounds) - 1
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    header_count = 0
    open_text: list[list[str]] = [[] for _ in range(width)]
    open_rows: list[list[int]] = [[] for _ in range(width)]  # rows waiting for a spanning cell
    row_start: int | None = None
    notes: list[str] = []
    for number, text in lines[1:]:
        closed = [_segment_closed(text, bounds, column) for column in range(width)]
        if any(closed):  # a row border (open segments belong to cells spanning rows)
            for column in range(width):
                if not closed[column]:
                    segment = text[bounds[column] + 1 : bounds[column + 1]]
                    open_text[column].append(segment.strip())
            if row_start is None:
                continue
            rows.append([""] * width)
            row_lines.append(row_start)
            for column in range(width):
                open_rows[column].append(len(rows) - 1)
                if closed[column]:
                    value = clean_text("\n".join(open_text[column]))
                    for waiting in open_rows[column]:
                        rows[waiting][column] = value
                    open_text[column], open_rows[column] = [], []
            if "=" in text and not header_count:
                header_count = len(rows)
            row_start = None
            continue
        if row_start is None:
            row_start = number
        column = 0
        while column < width:
            end = column + 1
            while end < width and not _boundary(text, bounds[end]):
                end += 1
            segment = text[bounds[column] + 1 : bounds[end]] if bounds[column] < len(text) else ""
            open_text[column].append(segment.strip())
            column = end
    if row_start is not None or any(open_rows):
        notes.append("the grid table's last border is missing")
    cells = [[_cell_text(value.split("\n")) for value in row] for row in rows]
    header: list[str] | None = None
    if header_count:
        header = [
            " ".join(row[column] for row in cells[:header_count] if row[column])
            for column in range(width)
        ]
        cells, row_lines = cells[header_count:], row_lines[header_count:]
    return make_table(header, cells, row_lines, lines[0][0], notes)


def _boundary(text: str, position: int) -> bool:
    return position >= len(text) or text[position] in "|+"


def _segment_closed(text: str, bounds: list[int], column: int) -> bool:
    segment = text[bounds[column] + 1 : bounds[column + 1]]
    return bool(segment) and set(segment) <= {"-", "=", "+"}


def _simple(lines: list[_Line], border: str) -> Table:
    """A simple table: columns from the ``=`` runs of its top border; a row whose first
    column is blank continues the row above; a middle border ends the header."""
    spans = [(match.start(), match.end()) for match in re.finditer(r"=+", border)]
    borders = [i for i, (_, text) in enumerate(lines) if _SIMPLE_BORDER.match(text)]
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    header_rows = 0
    for position, (number, text) in enumerate(lines):
        if position in borders:
            if len(borders) > 2 and position == borders[1]:
                header_rows = len(rows)
            continue
        if not text.strip() or re.fullmatch(r"[-\s]+", text):
            continue
        cells = []
        for column, (start, stop) in enumerate(spans):
            stop = len(text) if column == len(spans) - 1 else spans[column + 1][0]
            cells.append(text[start:stop].strip())
        if not cells[0] and rows:
            rows[-1] = [f"{old} {new}" if new else old for old, new in zip(rows[-1], cells)]
            continue
        rows.append(cells)
        row_lines.append(number)
    rows = [[inline_text(cell) for cell in row] for row in rows]
    header: list[str] | None = None
    if header_rows:
        header = rows[0]
        rows, row_lines = rows[header_rows:], row_lines[header_rows:]
    elif looks_like_header(rows):
        header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
    return make_table(header, rows, row_lines, lines[0][0])
