"""Read a plain-text rendering of a web page (copy-paste, a text browser) into blocks.

Such text has lost its markup, so shapes are recognised from what survives: pipe rows
(whole, continued on the next line, or flattened to one cell per line), column-aligned
or tab-separated rows, ``CODE - message`` lines, quoted titles and short heading lines.
Everything else is a Paragraph; the interpreter ignores what is not a table or title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from generator.scrape.cells import (
    cell_shape,
    clean_text,
    QUOTE as _QUOTE,
    QUOTED as _QUOTED,
    count_pipes,
    is_identifier_like,
    is_quoted_title,
    is_separator_row,
    looks_like_header,
    make_table,
    one_line,
    split_pipe_row,
)
from generator.scrape.readers import bounds
from generator.scrape.readers.boxes import box_table
from generator.scrape.readers.hanging import code_term, hanging_list
from generator.scrape.document import (
    Block,
    Definition,
    DefinitionList,
    Heading,
    Page,
    Paragraph,
    Table,
)

# how far to look for the line that closes a pipe row continued over several lines
_CONTINUATION_LOOKAHEAD = 6
# how many lines into a run of column-aligned lines a table may still start
_ALIGNED_RETRIES = 3

_BULLET = re.compile(r"^(?:[-*\u2022\u25aa\u25cf\u2013]|\d{1,2}[.)])\s+")
_DEFINITION = re.compile(
    rf"^(?P<term>{_QUOTED}|[^\s{_QUOTE}]{{1,64}}?)"
    r"(?:\s*:\s+|\s+[-\u2013\u2014]{1,2}\s+|\s*=\s+)(?P<text>\S.*)$"
)
_IDENTIFIER_ROW = re.compile(r"^(?P<code>\S+) (?P<name>[A-Za-z][A-Za-z0-9_]*) (?P<text>\S.*)$")
_MIN_IDENTIFIER_ROWS = 3
_COLUMN_LABELS = re.compile(
    r"\b(codes?|values?|status|errors?)\b.*\b(reason|description|messages?|comments?|meaning)\b",
    re.I,
)
_CODE_TEXT = re.compile(r"(?P<code>\S+) (?P<text>\S.*)")
_GAP = re.compile(r"\S(\s{2,}|\t+)\S")
_RULE = re.compile(r"^[\s=\-+]*$")
# ===== or -----: the rule under a heading; it spans most of the heading's width
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
_UNDERLINE_SHARE = 0.6
_SENTENCE_END = (".", "!", "?", ",", ";")


def read(text: str) -> Page:
    """Blocks of a plain-text page, in order, with 1-based line numbers."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    bounded = bounds.cut_runs(lines, most=bounds.MAX_TABLE_ROWS + 1)  # header and rows
    bounded += bounds.cut_page(lines)
    scanner = _Scanner(_without_page_furniture(lines))
    blocks = _nest_headings(_captions_to_headings(scanner.scan()))
    return Page(blocks=blocks, warnings=bounded + scanner.warnings)


# how far from a form feed a page's running footer or header may sit
_FURNITURE_REACH = 3


def _without_page_furniture(lines: list[str]) -> list[str]:
    """Paginated text (RFCs, printed manuals) breaks pages with a form feed between the
    page's running footer and the next page's running header; those two lines interrupt
    whatever list runs across the break, so they become blank (line numbers are kept)."""
    out = list(lines)
    for index, line in enumerate(lines):
        if "\f" not in line:
            continue
        out[index] = line.replace("\f", "")
        before = [i for i in range(index - 1, max(-1, index - 1 - _FURNITURE_REACH), -1)]
        after = [i for i in range(index + 1, min(len(lines), index + 1 + _FURNITURE_REACH))]
        for nearby in (before, after):
            hit = next((i for i in nearby if lines[i].strip()), None)
            if hit is not None:
                out[hit] = ""
        if out[index].strip():
            out[index] = ""
    return out


def _nest_headings(blocks: list[Block]) -> list[Block]:
    """Plain text has no heading levels, but a heading followed at once by another one
    introduces it (``Hangup causes`` / ``Normal completions``), so it is one level up;
    the sections it introduces then share it as their parent."""
    out = list(blocks)
    for position in range(len(out) - 2, -1, -1):
        block, following = out[position], out[position + 1]
        if isinstance(block, Heading) and isinstance(following, Heading):
            out[position] = replace(block, level=max(1, following.level - 1))
    return out


@dataclass
class _Scanner:
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    run_start: dict[int, int] = field(default_factory=dict)  # line -> first line of its run

    def scan(self) -> list[Block]:
        index = 0
        while index < len(self.lines):
            if not self.lines[index].strip():
                index += 1
                continue
            index = self._block_at(index)
        return self.blocks

    # -- dispatch -------------------------------------------------------------------

    def _block_at(self, index: int) -> int:
        """Read the block starting at ``index`` and return the index after it."""
        for reader in (
            self._underlined,
            self._box_table,
            self._pipe_table,
            self._tab_table,
            self._aligned_table,
            self._hanging,
            self._definitions,
            self._labelled_rows,
            self._identifier_rows,
        ):
            found = reader(index)
            if found is not None:
                block, after = found
                self.blocks.append(block)
                return after
        self._prose(index)
        return index + 1

    def _prose(self, index: int) -> None:
        raw = self.lines[index]
        text = one_line(_BULLET.sub("", raw.strip()))
        number = index + 1
        if not text:
            return
        if is_quoted_title(text):
            self.blocks.append(Paragraph(text, line=number, title=True))
        elif _numbered_heading(raw) or _looks_like_heading(text) and not _BULLET.match(raw.strip()):
            self.blocks.append(Heading(text, level=2, line=number))
        elif self._continues_paragraph(text):
            last = self.blocks[-1]
            assert isinstance(last, Paragraph)
            last.text = f"{last.text} {text}"
        else:
            self.blocks.append(Paragraph(text, line=number))

    def _continues_paragraph(self, text: str) -> bool:
        """A hard-wrapped paragraph: the previous line ran on and this one starts lowercase."""
        if not self.blocks or not text[:1].islower():
            return False
        last = self.blocks[-1]
        return (
            isinstance(last, Paragraph)
            and not last.title
            and len(last.text) >= 50
            and not last.text.endswith((*_SENTENCE_END, ":"))
        )

    # -- pipe tables ----------------------------------------------------------------

    def _underlined(self, index: int) -> tuple[Block, int] | None:
        """A line underlined by ``===`` or ``---`` is a heading, however many words it has
        (``=`` one level above ``-``)."""
        title = one_line(self.lines[index])
        under = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
        if not _UNDERLINE.match(under) or len(under) < _UNDERLINE_SHARE * len(title):
            return None
        if not title or _UNDERLINE.match(title) or count_pipes(title) or len(title) > 200:
            return None
        return Heading(title, level=1 if under[0] == "=" else 2, line=index + 1), index + 2

    def _box_table(self, index: int) -> tuple[Block, int] | None:
        """A table drawn with ``+---+`` borders, rows wrapped over several lines."""
        return box_table(self.lines, index)

    def _pipe_table(self, index: int) -> tuple[Block, int] | None:
        lines = self.lines
        if count_pipes(lines[index]) == 0 or is_separator_row(lines[index]):
            return None
        has_separator = index + 1 < len(lines) and is_separator_row(lines[index + 1])
        if not has_separator and not self._pipe_run(index):
            return None
        header: list[str] | None = None
        start = index
        if has_separator:
            header = split_pipe_row(lines[index])
            index += 2
        builder = _PipeRows(width=len(header) if header else None)
        while index < len(lines):
            line = lines[index]
            if not line.strip() or count_pipes(line) == 0 and not builder.pending:
                break
            if index + 1 < len(lines) and is_separator_row(lines[index + 1]):
                break  # the header of the next table
            if is_separator_row(line):
                index += 1
                continue
            if count_pipes(line) == 0:
                # text inside a flattened row: it belongs to the next cell if one follows
                if not self._cell_follows(index):
                    break
                builder.prefix.append(line)
                index += 1
                continue
            if line.strip().startswith("|") and not line.rstrip().endswith("|"):
                closing = self._closing_line(index)
                if closing is not None:
                    builder.add(index + 1, "\n".join(lines[index : closing + 1]), whole=True)
                    index = closing + 1
                    continue
                builder.add(index + 1, line, whole=True)
                builder.unclosed.append(index + 1)
                index += 1
                continue
            builder.add(index + 1, line, whole=line.strip().startswith("|"))
            index += 1
        return builder.table(header, start + 1), index

    def _pipe_run(self, index: int) -> bool:
        """At least two pipe lines in a row, or one whole ``| a | b |`` row: a table."""
        line = self.lines[index].strip()
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if count_pipes(nxt) > 0:
            return True
        return line.startswith("|") and line.endswith("|") and count_pipes(line) >= 3

    def _closing_line(self, index: int) -> int | None:
        """The line that ends a ``| cell | text`` row continued below it, if any."""
        for probe in range(index + 1, min(len(self.lines), index + 1 + _CONTINUATION_LOOKAHEAD)):
            text = self.lines[probe].strip()
            if not text or is_separator_row(text):
                return None
            if text == "|":
                return probe
            if text.startswith("|"):
                return None
            if text.endswith("|"):
                return probe
        return None

    def _cell_follows(self, index: int) -> bool:
        """Is a pipe-less line inside a flattened row the start of a multi-line cell?"""
        for probe in range(index + 1, min(len(self.lines), index + 1 + _CONTINUATION_LOOKAHEAD)):
            text = self.lines[probe].strip()
            if not text:
                return False
            if count_pipes(text):
                nxt = self.lines[probe + 1] if probe + 1 < len(self.lines) else ""
                return count_pipes(text) == 1 and text.endswith("|") and not is_separator_row(nxt)
        return False

    # -- tab-separated and column-aligned tables ------------------------------------

    def _tab_table(self, index: int) -> tuple[Block, int] | None:
        end = index
        while end < len(self.lines) and "\t" in self.lines[end].strip():
            end += 1
        if end - index < 2:
            return None
        rows = [
            [clean_text(c) for c in re.split(r"\t+", ln.strip())] for ln in self.lines[index:end]
        ]
        if max(len(row) for row in rows) < 2:
            return None
        return _headed_table(rows, list(range(index + 1, end + 1)), index + 1), end

    def _aligned_table(self, index: int) -> tuple[Block, int] | None:
        # a run of gapped lines is tried from its first few lines only, not from every
        # line (prose with two spaces after each period would make that quadratic)
        if index - self.run_start.get(index, index) > _ALIGNED_RETRIES:
            return None
        end = index
        while end < len(self.lines) and self.lines[end].strip():
            line = self.lines[end]
            if not (_GAP.search(line) or _RULE.match(line) or line[:1].isspace()):
                break
            self.run_start.setdefault(end, index)
            end += 1
        while end > index and not _GAP.search(self.lines[end - 1]):
            end -= 1  # a run ends on a row, not on a rule or an indented line
        block = [line.replace("\t", "    ").rstrip() for line in self.lines[index:end]]
        if len(block) < 2 or block[0][:1].isspace() and not _GAP.search(block[0]):
            return None
        found = _split_aligned(block, index + 1)
        if found is None:
            return None
        return found, end

    # -- definition lines -----------------------------------------------------------

    def _hanging(self, index: int) -> tuple[Block, int] | None:
        """``   250  Requested mail action okay``, or a code with its text indented below."""
        return hanging_list(self.lines, index, code_term)

    def _definitions(self, index: int) -> tuple[Block, int] | None:
        items: list[Definition] = []
        probe = index
        while probe < len(self.lines):
            text = _BULLET.sub("", self.lines[probe].strip())
            match = _DEFINITION.match(text) if count_pipes(text) == 0 else None
            if match is None or not _term_like(match["term"]):
                break
            items.append(Definition(match["term"], clean_text(match["text"]), line=probe + 1))
            probe += 1
        if len(items) < 2:
            return None
        return DefinitionList(items, line=index + 1), probe

    # -- rows whose column gaps collapsed to single spaces ----------------------------

    def _labelled_rows(self, index: int) -> tuple[Block, int] | None:
        """``Value Description`` then ``0x00000001 Message Length is invalid`` lines: a
        two-column table whose gaps a copy collapsed to one space. Read only under such a
        label line and up to the next blank line; a line there that is not a code and its
        text is left out, with a note."""
        label = self.lines[index].strip()
        if len(label.split()) != 2 or not _COLUMN_LABELS.search(label):
            return None
        rows: list[list[str]] = []
        row_lines: list[int | None] = []
        notes: list[str] = []
        probe = index + 1
        while probe < len(self.lines) and self.lines[probe].strip():
            match = _CODE_TEXT.fullmatch(self.lines[probe].strip())
            if match is not None and cell_shape(match["code"]) in ("number", "code"):
                rows.append([match["code"], clean_text(match["text"])])
                row_lines.append(probe + 1)
            else:
                notes.append(f"line {probe + 1}: not a code and its text; left out")
            probe += 1
        if len(rows) < 2:
            return None
        return make_table(label.split(), rows, row_lines, index + 1, notes), probe

    def _identifier_rows(self, index: int) -> tuple[Block, int] | None:
        """``1 AbsentSubscriber Subscriber is not registered``: a code, an identifier and
        text, single-spaced (a table whose gaps a copy collapsed). The identifier is what
        shows where the columns were; three such lines in a row make a table."""
        rows: list[list[str]] = []
        probe = index
        while probe < len(self.lines):
            match = _IDENTIFIER_ROW.match(self.lines[probe].strip())
            if match is None or cell_shape(match["code"]) not in ("number", "code"):
                break
            rows.append([match["code"], match["name"], clean_text(match["text"])])
            probe += 1
        named = sum(1 for row in rows if is_identifier_like(row[1]))
        if len(rows) < _MIN_IDENTIFIER_ROWS or named < 2 / 3 * len(rows):
            return None  # most second words must be identifiers (``Expired`` may be one)
        lines: list[int | None] = list(range(index + 1, probe + 1))
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, Heading) and last.line == index and _COLUMN_LABELS.search(last.text):
            self.blocks.pop()  # "Error code Possible Reason Comments": their labels, no title
        table = make_table(None, rows, lines, index, ["columns found by identifiers"])
        return table, probe


@dataclass
class _PipeRows:
    """Collects pipe rows: whole rows, or cells flattened one (or a few) per line."""

    width: int | None
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int | None] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # a flattened row being filled
    cells_line: int | None = None
    prefix: list[str] = field(default_factory=list)  # text lines before the next cell
    unclosed: list[int] = field(default_factory=list)
    flattened: bool = False

    @property
    def pending(self) -> bool:
        return bool(self.cells or self.prefix)

    def add(self, number: int, text: str, whole: bool) -> None:
        if text.strip() == "|":
            self._close_row()
            return
        cells = split_pipe_row(text)
        if self.prefix:
            cells[0] = clean_text("\n".join([*self.prefix, cells[0]]))
            self.prefix = []
        self._add_cells(number, cells, whole)

    def _close_row(self) -> None:
        """A lone ``|`` ends a row whose last cells were empty (``-101 | No username |``
        then ``|`` for the blank third column), as wiki pages render them as text."""
        if self.width is None or not self.cells:
            return
        self.cells.extend([""] * (self.width - len(self.cells)))
        self._add_cells(self.cells_line or 0, [], whole=False)

    def _add_cells(self, number: int, cells: list[str], whole: bool) -> None:
        if whole or self.width is None or not self.cells and len(cells) >= self.width:
            self.rows.append(cells)
            self.row_lines.append(number)
            return
        self.flattened = True
        if not self.cells:
            self.cells_line = number
        self.cells.extend(cells)
        while self.width and len(self.cells) >= self.width:
            self.rows.append(self.cells[: self.width])
            self.row_lines.append(self.cells_line)
            self.cells = self.cells[self.width :]
            self.cells_line = number if self.cells else None

    def table(self, header: list[str] | None, line: int) -> Table:
        notes: list[str] = []
        if self.cells:
            notes.append(
                f"line {self.cells_line}: last row has {len(self.cells)} of {self.width} "
                "cells (page cut mid-row?)"
            )
            self.rows.append(self.cells)
            self.row_lines.append(self.cells_line)
        for number in self.unclosed:
            notes.append(f"line {number}: row has no closing '|' (page cut mid-row?)")
        rows, row_lines = self.rows, self.row_lines
        if header is None and rows and all(len(row) == 1 for row in rows):
            return _unflatten(rows, row_lines, line, notes)
        if header is None and _ragged_under_header(rows):
            # "Code | Description |" with no separator row, then rows that are sometimes
            # split over two lines ("2000 |" / "validity ... |"): regroup by its width
            regrouped = _PipeRows(width=len(rows[0]))
            for row, row_line in zip(rows[1:], row_lines[1:]):
                regrouped._add_cells(row_line or 0, row, whole=False)
            table = regrouped.table(rows[0], row_lines[0] or line)
            return replace(table, notes=notes + table.notes)
        if self.flattened:
            notes.append("rows were spread over several lines; rebuilt by the header's width")
        if header is None and looks_like_header(rows):
            header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
            line = row_lines[0] - 1 if row_lines and row_lines[0] else line
        return make_table(header, rows, row_lines, line, notes)


def _ragged_under_header(rows: list[list[str]]) -> bool:
    """A header-like first row, wider than some rows below it, none of them wider."""
    if not rows:
        return False  # pipes with nothing between them ("|" lines) make no row
    width = len(rows[0])
    body = rows[1:]
    return (
        width >= 2
        and any(len(row) < width for row in body)
        and all(len(row) <= width for row in body)
        and looks_like_header(rows)
    )


def _unflatten(
    rows: list[list[str]], row_lines: list[int | None], line: int, notes: list[str]
) -> Table:
    """One cell per line and no separator row: the header is the run of label-like cells
    before the first data-like one (``e164 Number | Country Code | Local Number |`` then
    ``+441234960453 |``), if the cells divide evenly into rows of that width."""
    cells = [row[0] for row in rows]
    width = next(
        (i for i, cell in enumerate(cells) if cell_shape(cell) in ("number", "code")), len(cells)
    )
    if 2 <= width < len(cells) and len(cells) % width == 0:
        notes.append(
            f"cells were flattened one per line with no separator row; "
            f"read as {width} columns (the label-like cells before the first value)"
        )
        body = [cells[i : i + width] for i in range(width, len(cells), width)]
        body_lines = [row_lines[i] for i in range(width, len(cells), width)]
        return make_table(cells[:width], body, body_lines, line, notes)
    notes.append("cells were flattened one per line and the column count is unknown")
    return make_table(None, rows, row_lines, line, notes)


def _headed_table(rows: list[list[str]], row_lines: list[int | None], line: int) -> Table:
    if looks_like_header(rows):
        return make_table(rows[0], rows[1:], row_lines[1:], line)
    return make_table(None, rows, row_lines, line)


# stands for the second column a wide character takes on screen (never a space)
_WIDE_FILL = "\x00"


def _as_displayed(line: str) -> str:
    """The line as a terminal shows it: a wide (CJK) character takes two columns, so a
    table aligned for the eye splits where it looks split."""
    if line.isascii():
        return line
    return "".join(
        char + _WIDE_FILL if unicodedata.east_asian_width(char) in "WF" else char for char in line
    )


def _split_aligned(block: list[str], first_line: int) -> Table | None:
    """Split column-aligned lines at the gutters (2+ columns blank on every row line).

    A dashed rule under the first line marks it as the header; a line whose first
    column is blank continues the row above it.
    """
    block = [_as_displayed(line) for line in block]
    rule_rows = [i for i, line in enumerate(block) if _RULE.match(line) and line.strip()]
    content = [line for i, line in enumerate(block) if i not in rule_rows]
    if len(content) < 2:
        return None
    width = max(len(line) for line in content)
    blank = [all(col >= len(line) or line[col] == " " for line in content) for col in range(width)]
    starts = [col for col in range(width) if not blank[col] and (col == 0 or blank[col - 1])]
    # a column start needs a gutter of at least two blanks before it
    starts = [
        col
        for col in starts
        if col == starts[0] or (col >= 2 and blank[col - 1] and blank[col - 2])
    ]
    if len(starts) < 2:
        return None
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    header: list[str] | None = None
    for offset, line in enumerate(block):
        if offset in rule_rows:
            if offset == 1 and rows:
                header = rows.pop()
                row_lines.pop()
            continue
        cells = [
            line[start : starts[i + 1] if i + 1 < len(starts) else len(line)]
            .replace(_WIDE_FILL, "")
            .strip()
            for i, start in enumerate(starts)
        ]
        if not cells[0] and rows:
            rows[-1] = [clean_text(f"{old}\n{new}") for old, new in zip(rows[-1], cells)]
            continue
        rows.append([clean_text(cell) for cell in cells])
        row_lines.append(first_line + offset)
    if len(rows) < 2 and header is None:
        return None
    if header is None and looks_like_header(rows):
        header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
    return make_table(header, rows, row_lines, first_line, ["columns found by alignment"])


def _term_like(term: str) -> bool:
    """A definition term is a code-like token (``E101``, ``-1``, ``TMS.0009``, ``"x"``)."""
    if term[:1] in _QUOTE:
        return True
    return cell_shape(term) in ("number", "code") or term.isupper() and len(term) > 1


# "4.2.3.  Reply Codes in Numeric Order", "3.1 Address Status": a section number, a title
_SECTION_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,5}\.?\s+(?=[A-Z])|^\d{1,3}\.\s{2,}(?=[A-Z])")
MAX_NUMBERED_WORDS = 16  # a numbered title may be long; a longer line is a sentence


def _numbered_heading(raw: str) -> bool:
    """A line at the margin that opens with a section number and reads as a title, however
    many words it has (numbered documents title sections this way)."""
    match = _SECTION_NUMBER.match(raw)
    if match is None:
        return False
    title = one_line(raw[match.end() :])
    words = title.split()
    return (
        0 < len(words) <= MAX_NUMBERED_WORDS
        and not title.endswith((*_SENTENCE_END, ":"))
        and not re.search(r"[.!?] ", title)
        and "|" not in title
    )


def _looks_like_heading(text: str) -> bool:
    """A short line with no sentence ending that starts like a title."""
    words = text.split()
    if not words or len(words) > 8 or len(text) > 70 or "|" in text:
        return False
    if text.endswith((*_SENTENCE_END, ":")) or not (text[0].isupper() or text[0].isdigit()):
        return False
    if re.search(r"[.!?] ", text):
        return False  # two sentences ("Sorry! We couldn't be helpful") are prose
    return not text[0].isdigit() or len(words) > 1 and words[1][:1].isupper()


def _captions_to_headings(blocks: list[Block]) -> list[Block]:
    """A short line ending in ':' right before a table names that table's section."""
    out: list[Block] = []
    for position, block in enumerate(blocks):
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if (
            isinstance(block, Paragraph)
            and not block.title
            and block.text.endswith(":")
            and len(block.text.split()) <= 10
            and not re.search(r"[.!?] ", block.text)  # a sentence leading in, not a caption
            and isinstance(following, (Table, DefinitionList))
        ):
            out.append(Heading(block.text[:-1].rstrip(), level=2, line=block.line))
        else:
            out.append(block)
    return out
