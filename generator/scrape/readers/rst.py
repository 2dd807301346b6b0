"""Read a reStructuredText page into blocks with docutils, keeping source lines.

docutils parses the page (sections, grid and simple tables, ``list-table``, ``csv-table``,
definition and field lists, admonitions) and its nodes carry their lines. What it does not
know is made harmless before parsing: Sphinx's directives (``.. data::``, ``.. c:macro::``,
``.. py:exception::``, ``.. option::``...) read as description entries, a Heading with the
directive's argument followed by the body's blocks (that is how one-directive-per-error
pages title each error), and Sphinx's roles (``:ref:``, ``:command:``) read as their text.
docutils' own messages never reach the user: a table it refuses is read leniently by
:mod:`rst_tables`, and a block it could not read becomes one warning of ours.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles, states
from docutils.parsers.rst.directives.body import CodeBlock

from generator.scrape.readers import bounds
from generator.scrape.readers import rst_tables
from generator.scrape.readers.declarations import declared_constants
from generator.scrape.cells import heading_text, is_quoted_title, looks_like_header, make_table
from generator.scrape.cells import one_line
from generator.scrape.document import Block, Definition, DefinitionList, Heading, Page, Paragraph
from generator.scrape.document import Table

# directives whose content is code, navigation or layout, never an error list
_SKIPPED_DIRECTIVES = (
    "literalinclude toctree highlight index graphviz only doctest "
    "testcode testoutput testsetup tabularcolumns autosummary automodule autoclass "
    "autofunction autoexception automethod autodata mermaid plantuml uml jinja"
).split()
# Sphinx's object directives (``.. data:: EPERM``, ``.. c:macro:: NAME``): each declares one
# named object of an API; a domain-qualified name (``c:enumerator``, ``py:data``) always does
_OBJECT_DIRECTIVES = frozenset(
    "data const constant macro enumerator enum var member type exception attribute "
    "class function method envvar".split()
)
# Sphinx's code listings; read only for constants they declare (``#define``, enums)
_CODE_DIRECTIVES = ("code-block", "sourcecode")
_DIRECTIVE_NAME = re.compile(r"^[ \t]*\.\.[ \t]+([\w:.+-]+)[ \t]*::", re.M)
_ROLE_NAME = re.compile(r"(?<![\w`]):([\w:.+-]+):`")
_ROLE_TARGET = re.compile(r"\s*<[^<>]*>\s*$")
_SKIPPED_NODES = (
    nodes.literal_block,
    nodes.comment,
    nodes.target,
    nodes.substitution_definition,
    nodes.pending,
    nodes.image,
    nodes.figure,
    nodes.footnote,
    nodes.citation,
    nodes.transition,
    nodes.math_block,
    nodes.doctest_block,
    nodes.sidebar,
    nodes.raw,
    nodes.title,
)
_INLINE_SKIPPED = (nodes.footnote_reference, nodes.citation_reference, nodes.system_message)


class _description(nodes.Element):  # noqa: N801 (docutils names node classes in lower case)
    """A directive docutils does not know, with its argument; its body is its children."""


class _AnyOption(dict[str, Any]):
    """Every option name is accepted (Sphinx directives have many: ``:noindex:``)."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


class _Description(Directive):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption({"noindex": directives.flag})

    def run(self) -> list[nodes.Node]:
        node = _description()
        node["argument"] = self.arguments[0] if self.arguments else ""
        node["directive"] = self.name
        node.line = self.lineno
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class _Skip(Directive):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption({"noindex": directives.flag})

    def run(self) -> list[nodes.Node]:
        return []


class _table_block(nodes.Element):  # noqa: N801
    """A table read by :mod:`rst_tables` (``node["table"]``), ready for the page."""


class _ListTable(Directive):
    """``list-table`` read by the light reader: docutils parses each item of each row
    with a state machine of its own, 10 ms a row; this reads the rows in one pass."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption({"header-rows": directives.unchanged})

    def run(self) -> list[nodes.Node]:
        lines = [(self.content.items[i][1] + 1, text) for i, text in enumerate(self.content)]
        options = {str(k): str(v) for k, v in self.options.items()}
        caption = rst_tables.inline_text(self.arguments[0]) if self.arguments else ""
        node = _table_block()
        node["table"] = rst_tables.list_table(lines, options, caption, self.lineno)
        node.line = self.lineno
        return [node]


# what a table cell needs the full parser for: lists, directives, fields, line blocks,
# quotes, literal blocks, section adornments
_RICH_CELL = re.compile(
    r"^(?:[-*+\u2022](?:\s|$)|\.\.\s|\(?[\d#a-zA-Z]+[.)]\s|\||:\w|>>>|\s)"
    r"|::\s*$|^([=\-~^\"'`#*+])\1{3,}\s*$"
)


class Body(states.Body):
    """docutils' Body state with a fast path for a table cell that is one plain paragraph:
    its text is parsed inline, without a nested state machine per cell (most of the time a
    large table takes in docutils)."""

    def build_table_row(self, rowdata: Any, tableline: int) -> nodes.row:
        row = nodes.row()
        for cell in rowdata:
            if cell is None:
                continue
            morerows, morecols, offset, cellblock = cell
            attributes = {}
            if morerows:
                attributes["morerows"] = morerows
            if morecols:
                attributes["morecols"] = morecols
            entry = nodes.entry(**attributes)
            row += entry
            texts = [str(line) for line in cellblock]
            while texts and not texts[-1].strip():
                texts.pop()
            if not "".join(texts):
                continue
            if "" in (text.strip() for text in texts) or any(_RICH_CELL.search(t) for t in texts):
                self.nested_parse(cellblock, input_offset=tableline + offset - 1, node=entry)
                continue
            lineno = tableline + offset
            inline, messages = self.inline_text("\n".join(texts), lineno)
            paragraph = nodes.paragraph("\n".join(texts), "", *inline)
            paragraph.source, paragraph.line = self.state_machine.get_source_and_line(lineno)
            entry += paragraph
            entry += messages
        return row


def _text_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """A role docutils does not know (``:ref:`Title <target>```) reads as its title."""
    shown = _ROLE_TARGET.sub("", text).lstrip("~!") or text
    return [nodes.literal(rawtext, shown)], []


def _declares(directive: str) -> bool:
    """Whether a directive declares one named object (its argument is the object's name)."""
    name = directive.lower()
    return name.rsplit(":", 1)[-1] in _OBJECT_DIRECTIVES


def _known_directives() -> set[str]:
    registry: dict[str, Any] = getattr(directives, "_directive_registry", {})
    registered: dict[str, Any] = getattr(directives, "_directives", {})
    return set(registry) | set(registered)


def _prepare(text: str) -> None:
    """Register every directive and role the page uses that docutils does not know."""
    known = _known_directives()
    for name in {match.group(1).lower() for match in _DIRECTIVE_NAME.finditer(text)}:
        if name in _CODE_DIRECTIVES:
            directives.register_directive(name, CodeBlock)  # read for declared constants
        elif name in _SKIPPED_DIRECTIVES:
            directives.register_directive(name, _Skip)
        elif name not in known:
            directives.register_directive(name, _Description)
    registered_roles: dict[str, Any] = getattr(roles, "_roles", {})
    role_registry: dict[str, Any] = getattr(roles, "_role_registry", {})
    for name in {match.group(1).lower() for match in _ROLE_NAME.finditer(text)}:
        if name not in registered_roles and name not in role_registry:
            roles.register_local_role(name, cast(Any, _text_role))


@lru_cache(maxsize=1)
def _setup() -> tuple[Any, Any]:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    # on an error page, ``.. error:: E101`` names an error; docutils' admonition does not
    directives.register_directive("error", _Description)
    directives.register_directive("list-table", _ListTable)
    parser = Parser()
    parser.state_classes = tuple(Body if c is states.Body else c for c in parser.state_classes)
    settings = get_default_settings(Parser)
    settings.report_level = 5  # docutils' messages never reach the user
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = True
    settings.syntax_highlight = "none"
    settings.character_level_inline_markup = False
    settings.line_length_limit = 10**8  # a minified line is no reason to stop reading
    return parser, settings


def read(text: str) -> Page:
    """Blocks of a reST page, in order, with 1-based line numbers."""
    from docutils.utils import new_document

    source = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").expandtabs(8)
    source, bounded = _bound(source)
    parser, settings = _setup()
    _prepare(source)
    settings.warning_stream = io.StringIO()
    document = new_document("page", settings)
    walker = _Walker(source.split("\n"))
    try:
        parser.parse(source, document)
    except Exception as exc:  # docutils raises on what it cannot recover from
        walker.warnings.append(f"reST: the page could not be parsed ({exc.__class__.__name__})")
        return Page(blocks=[], warnings=bounded + walker.warnings)
    walker.children(document, 0)
    title = next(
        (block.text for block in walker.blocks if isinstance(block, Heading) and block.level == 1),
        None,
    )
    return Page(blocks=walker.blocks, title=title, warnings=bounded + walker.warnings)


def _bound(source: str) -> tuple[str, list[str]]:
    """The page cut to what :mod:`bounds` lets docutils parse, and warnings saying so: page
    length, block length (a grid table cut after a row border) and indentation depth."""
    lines = source.split("\n")
    border, most = (lambda line: line.lstrip().startswith("+")), bounds.MAX_GRID_RUN_LINES
    warnings = bounds.cut_runs(lines, boundary=border, most=most)
    warnings += bounds.cut_page(lines)
    warnings += bounds.flatten_indent(lines)
    return "\n".join(lines), warnings


def _text(node: nodes.Node) -> str:
    """A node's text without footnote references or docutils' messages."""
    if isinstance(node, nodes.Text):
        return node.astext()  # backslash escapes resolved
    if isinstance(node, _INLINE_SKIPPED) or not isinstance(node, nodes.Element):
        return ""
    return "".join(_text(child) for child in node.children)


def _lines_of(node: nodes.Element) -> list[str]:
    """One line of text per paragraph (or line, or literal) inside ``node``."""
    out: list[str] = []
    for child in node.findall(
        lambda n: isinstance(n, (nodes.paragraph, nodes.line, nodes.literal_block, nodes.term))
    ):
        text = one_line(_text(child))
        if text:
            out.append(text)
    return out


def _only_emphasis(node: nodes.Element) -> bool:
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if children and isinstance(children[-1], nodes.Text) and children[-1].strip() == ":":
        children = children[:-1]
    return len(children) == 1 and isinstance(children[0], (nodes.strong, nodes.emphasis))


@dataclass
class _Walker:
    source: list[str]
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cursor: int = 0  # 0-based source line the reading has reached

    def children(self, node: nodes.Element, level: int) -> None:
        for child in node.children:
            if isinstance(child, nodes.Element):
                self.node(child, level)

    def node(self, node: nodes.Element, level: int) -> None:
        if not isinstance(node, nodes.system_message):  # its line is where docutils gave up
            self._advance(node.line)
        if isinstance(node, nodes.section):
            self._section(node, level)
        elif isinstance(node, nodes.paragraph):
            text = one_line(_text(node))
            if text:
                title = _only_emphasis(node) or is_quoted_title(text)
                self.blocks.append(Paragraph(text, line=node.line, title=title))
        elif isinstance(node, nodes.line_block):
            text = one_line(" ".join(_lines_of(node)))
            if text:
                self.blocks.append(Paragraph(text, line=node.line))
        elif isinstance(node, nodes.table):
            self._table(node)
        elif isinstance(node, _table_block):
            self.blocks.append(node["table"])
        elif isinstance(node, nodes.definition_list):
            self._definition_list(node, level)
        elif isinstance(node, nodes.field_list):
            self._field_list(node)
        elif isinstance(node, _description):
            self._description(node, level)
        elif isinstance(node, nodes.rubric):
            text = heading_text(_text(node))
            if text:
                self.blocks.append(Heading(text, min(level + 1, 6), node.line))
        elif isinstance(node, nodes.raw):
            self._raw(node)
        elif isinstance(node, nodes.literal_block):
            self._listing(node)
        elif isinstance(node, nodes.system_message):
            self._refused(node)
        elif not isinstance(node, _SKIPPED_NODES):
            self.children(node, level)  # lists, quotes, admonitions, containers

    def _advance(self, line: int | None) -> None:
        if line is not None and line - 1 > self.cursor:
            self.cursor = min(line - 1, len(self.source))

    # -- sections and descriptions ------------------------------------------------

    def _section(self, node: nodes.section, level: int) -> None:
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        depth = min(level + 1, 6)
        if title is not None:
            text = heading_text(_text(title))
            # docutils puts a title at its underline; the text is the line above
            line = title.line - 1 if title.line else None
            if text:
                self.blocks.append(Heading(text, depth, line))
        self.children(node, level + 1)

    def _description(self, node: _description, level: int) -> None:
        argument = heading_text(one_line(str(node["argument"])))
        if argument:
            declares = _declares(str(node.get("directive", "")))
            self.blocks.append(Heading(argument, min(level + 1, 6), node.line, declares))
        self.children(node, level + 1 if argument else level)

    # -- lists --------------------------------------------------------------------

    def _definition_list(self, node: nodes.definition_list, level: int) -> None:
        items: list[Definition] = []
        start = node.line
        for item in node.children:
            if not isinstance(item, nodes.definition_list_item):
                continue
            term = next((c for c in item.children if isinstance(c, nodes.term)), None)
            body = next((c for c in item.children if isinstance(c, nodes.definition)), None)
            term_text = one_line(_text(term)) if term is not None else ""
            if body is not None and _structured(body):
                # a definition holding tables or lists of its own reads like a section
                if items:
                    self.blocks.append(DefinitionList(items, start))
                    items = []
                if term_text:
                    self.blocks.append(Heading(term_text, min(level + 1, 6), item.line))
                self.children(body, level + 1)
                start = None
                continue
            text = "\n".join(_lines_of(body)) if body is not None else ""
            items.append(Definition(term_text, text, item.line))
            start = start if start is not None else item.line
        if items:
            self.blocks.append(DefinitionList(items, start))

    def _field_list(self, node: nodes.field_list) -> None:
        items: list[Definition] = []
        for item in node.findall(nodes.field):
            name = next((c for c in item.children if isinstance(c, nodes.field_name)), None)
            body = next((c for c in item.children if isinstance(c, nodes.field_body)), None)
            text = "\n".join(_lines_of(body)) if body is not None else ""
            items.append(Definition(one_line(_text(name)) if name else "", text, item.line))
        if items:
            self.blocks.append(DefinitionList(items, node.line or items[0].line))

    # -- tables -------------------------------------------------------------------

    def _table(self, node: nodes.table) -> None:
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        caption = one_line(_text(title)) if title is not None else None
        group = next((c for c in node.children if isinstance(c, nodes.tgroup)), None)
        if group is None:
            return
        width = sum(1 for c in group.children if isinstance(c, nodes.colspec))
        head = next((c for c in group.children if isinstance(c, nodes.thead)), None)
        body = next((c for c in group.children if isinstance(c, nodes.tbody)), None)
        head_rows = _grid_rows(head, width) if head is not None else []
        rows = _grid_rows(body, width) if body is not None else []
        line = node.line
        row_lines = self._row_lines(rows, line)
        cells = [cells for cells, _ in rows]
        header: list[str] | None = None
        if head_rows:
            header = [
                " ".join(row[column] for row, _ in head_rows if row[column])
                for column in range(width)
            ]
        elif line is not None and self.source[line - 1 : line][:1] != [""]:
            # a grid or simple table with no header border: guessed from the first row's shape
            if self.source[line - 1].lstrip()[:1] in ("=", "+") and looks_like_header(cells):
                header, cells, row_lines = cells[0], cells[1:], row_lines[1:]
        self.blocks.append(make_table(header, cells, row_lines, line, caption=caption or None))

    def _row_lines(
        self, rows: list[tuple[list[str], int | None]], line: int | None
    ) -> list[int | None]:
        """Each row's line; where docutils gives none in the page (a csv-table's rows all
        say its first line), the next source line holding its first cell."""
        found = [number for _, number in rows]
        known = [number for number in found if number is not None]
        if len(set(known)) == len(known) and all(line is None or number > line for number in known):
            return found
        out: list[int | None] = []
        cursor = (line or 1) - 1
        for cells, _ in rows:
            first = next((cell.split("\n")[0] for cell in cells if cell.strip()), "")
            hit = next(
                (i for i in range(cursor, len(self.source)) if first and first in self.source[i]),
                None,
            )
            out.append(hit + 1 if hit is not None else None)
            cursor = hit + 1 if hit is not None else cursor
        return out

    def _listing(self, node: nodes.literal_block) -> None:
        """A code listing is read only for the constants it declares."""
        text = node.astext()
        first = text.split("\n", 1)[0].strip()
        near = node.line or self.cursor + 1
        found = [i for i, line in enumerate(self.source) if first and first in line]
        start = min(found, key=lambda i: abs(i + 1 - near)) if found else None
        table = declared_constants(text, start + 1 if start is not None else node.line)
        if table is not None:
            self.blocks.append(table)

    # -- raw HTML, refused blocks -------------------------------------------------

    def _raw(self, node: nodes.raw) -> None:
        if "html" not in str(node.get("format", "")).lower():
            return
        text = node.astext()
        first = text.split("\n", 1)[0].strip()
        start = next(
            (i for i in range(self.cursor, len(self.source)) if first and first in self.source[i]),
            self.cursor,
        )
        from generator.scrape.readers import html as html_reader  # only for raw HTML

        page = html_reader.read(text, line_offset=start)
        self.blocks.extend(page.blocks)

    def _refused(self, node: nodes.system_message) -> None:
        """A block docutils refused: a table is read leniently, anything else that may
        hold data becomes a warning; docutils' own wording is never shown."""
        block = next((c for c in node.children if isinstance(c, nodes.literal_block)), None)
        if block is None:
            return
        text = block.astext()
        first = text.split("\n", 1)[0]
        start = next(
            (i for i in range(self.cursor, len(self.source)) if self.source[i] == first),
            next((i for i, s in enumerate(self.source) if s == first), self.cursor),
        )
        lines = [
            (start + 1 + offset, part.rstrip()) for offset, part in enumerate(text.split("\n"))
        ]
        stripped = first.strip()
        table: Table | None = None
        if stripped.startswith("+"):
            table = rst_tables.grid(lines)
        elif stripped.startswith("="):
            table = rst_tables.simple(lines, first)
        elif re.match(r"^\.\.\s+list-table::", stripped):
            match = re.match(r"^\.\.\s+list-table::\s*(.*)$", stripped)
            options, content = rst_tables.options(rst_tables.dedent(lines[1:]))
            caption = match.group(1) if match else ""
            table = rst_tables.list_table(content, options, caption, start + 1)
        if table is not None:
            table.notes.append("the table is malformed in reST; its cells were read leniently")
            self.blocks.append(table)
        elif re.match(r"^\.\.\s+csv-table::", stripped) and re.search(r":(file|url):", text):
            self.warnings.append(f"line {start + 1}: csv-table with :file:/:url: is not read")
        elif "|" in text or re.match(r"^\.\.\s+[\w-]*table::", stripped):
            self.warnings.append(
                f"line {start + 1}: a table the reST parser could not read is left out"
            )
        self.cursor = max(self.cursor, start + len(lines))


def _structured(body: nodes.Element) -> bool:
    """A definition body that holds more than prose: a table, a nested list of its own."""
    kinds = (nodes.table, _table_block, nodes.definition_list, nodes.field_list, _description)
    return any(True for _ in body.findall(lambda n: isinstance(n, kinds)))


def _grid_rows(part: nodes.Element, width: int) -> list[tuple[list[str], int | None]]:
    """Rows of a thead/tbody as text, spans expanded: a cell spanning rows repeats its text
    in each, a cell spanning columns leaves the later columns empty."""
    out: list[tuple[list[str], int | None]] = []
    carried: dict[tuple[int, int], str] = {}  # (row, column) filled by a span from above
    for index, row in enumerate(c for c in part.children if isinstance(c, nodes.row)):
        cells = [""] * width
        taken = {column for (r, column) in carried if r == index}
        for column in taken:
            cells[column] = carried.pop((index, column))
        column = 0
        line: int | None = None
        for entry in (c for c in row.children if isinstance(c, nodes.entry)):
            while column in taken:
                column += 1
            if column >= width:
                break
            text = "\n".join(_lines_of(entry)) or one_line(_text(entry))
            cells[column] = text
            paragraph = next(entry.findall(nodes.paragraph), None)
            if line is None and paragraph is not None:
                line = paragraph.line
            for down in range(1, int(entry.get("morerows", 0)) + 1):
                carried[(index + down, column)] = text
            column += 1 + int(entry.get("morecols", 0))
        out.append((cells, line))
    return out
