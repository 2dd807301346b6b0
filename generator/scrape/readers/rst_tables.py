"""reST tables the docutils parser refuses, read leniently so that their rows still count.

docutils stops at a ragged grid table, a simple table whose rows overflow, a list-table
whose rows differ in length; pages have all three. These readers work on the lines of
such a block and note what they had to guess (a missing border, a short row), which the
interpreter turns into warnings.
"""

from __future__ import annotations

import re

from generator.scrape.cells import clean_text, looks_like_header, make_table, one_line
from generator.scrape.document import Table

Line = tuple[int, str]  # (1-based source line, text)
_Line = Line
_SIMPLE_BORDER = re.compile(r"^=+(?:[ \t]+=+)+\s*$")
_OPTION = re.compile(r"^:([\w-]+):(?:\s+(.*))?$")

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


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def dedent(lines: list[_Line]) -> list[_Line]:
    indents = [_indent(text) for _, text in lines if text.strip()]
    cut = min(indents, default=0)
    return [(number, text[cut:]) for number, text in lines]


def options(body: list[_Line]) -> tuple[dict[str, str], list[_Line]]:
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
    return options, dedent(body[index:])


def _int(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and len(value.strip()) < 6 else 0


def list_table(content: list[_Line], options: dict[str, str], caption: str, line: int) -> Table:
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


def grid(lines: list[_Line]) -> Table:
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


def simple(lines: list[_Line], border: str) -> Table:
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
