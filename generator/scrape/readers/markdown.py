"""Read a Markdown (or MDX) page into blocks with markdown-it-py, keeping source lines.

markdown-it-py parses CommonMark with GitHub's pipe tables (outer pipes optional, ragged
rows, escaped pipes) and gives every block token its source lines. A few spellings real
pages use that CommonMark refuses are mended before parsing, outside code fences: an ATX
heading with no space after the hashes (``##Error Codes``) and MDX ``import``/``export``
lines. HTML blocks (and MDX's JSX tags, which are HTML to us) go through the HTML reader.
Code blocks are skipped: an example response is not a table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.lazyre import lazy
from generator.scrape.readers import bounds
from generator.scrape.cells import (
    clean_text,
    heading_text,
    is_quoted_title,
    looks_like_header,
    make_table,
    one_line,
    split_pipe_row,
)
from generator.scrape.readers.declarations import declared_constants
from generator.scrape.document import Block, Definition, DefinitionList, Heading, Page, Paragraph

_FENCE = lazy(r"^ {0,3}(`{3,}|~{3,})")
# ``##Error Codes``: hashes then a letter; CommonMark wants a space there
_TIGHT_ATX = lazy(r"^( {0,3}#{1,6})(?=[^\W\d_])")
_MDX_LINE = lazy(
    r"^(?:import\s.+\sfrom\s+['\"].+['\"]|import\s+['\"].+['\"]|export\s+"
    r"(?:const|let|default|function)\b.*);?\s*$"
)
# ``*Access denied. *``: a space inside the closing delimiter, left by HTML converters
_LOOSE_EMPHASIS = lazy(r"(?<![\\*\w])(\*\*?)(?=[^\s*])([^*\n]*?[^\s*])\s+\1(?=[\s.,:;!?)]|$)")
_BR = lazy(r"^<br\s*/?>$", re.I)
_ANCHOR = lazy(r"^</?(?:span|a)\b[^>]*>$", re.I)
# a paragraph that is only emphasis (``**NAME**``, ``*"Blocked IP"*:``) titles an error;
# pages converted from HTML often leave a space inside the closing delimiter
_TITLE_SOURCE = lazy(r"^(\*\*|__)(?P<a>\S.*?)\s*\1\s*:?$|^([*_])(?P<b>[^*_\s].*?)\s*\3\s*:?$")
_PIPE = lazy(r"(?<!\\)\|")
_TABLE_OPEN = lazy(r"<table\b", re.I)
_TABLE_CLOSE = lazy(r"</table\s*>", re.I)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark", {"html": True})
    parser.enable(["table", "strikethrough"])
    return parser.use(front_matter_plugin).use(deflist_plugin)


def read(text: str) -> Page:
    """Blocks of a Markdown page, in order, with 1-based line numbers."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    bounded = _bound(lines)
    lines = _mend(lines)
    tokens = _parser().parse("\n".join(lines))
    walker = _Walker(lines)
    walker.walk(tokens)
    title = walker.title or next(
        (block.text for block in walker.blocks if isinstance(block, Heading) and block.level == 1),
        None,
    )
    return Page(blocks=walker.blocks, title=title, warnings=bounded + walker.warnings)


def _bound(lines: list[str]) -> list[str]:
    """Warnings; ``lines`` cut to what :mod:`bounds` lets markdown-it parse (its table rule
    costs ~0.1 ms a row): page length, block length and row width, code fences aside."""
    literal = _fenced(lines)
    warnings = bounds.cut_runs(lines, literal)
    warnings += bounds.cut_page(lines)
    limit = bounds.MAX_ROW_CELLS + 1  # pipes of a row of MAX_ROW_CELLS cells, outer ones too
    wide: list[int] = []
    for index, line in enumerate(lines):
        if line.count("|") > limit and not literal[index]:
            pipes = list(itertools.islice(_PIPE.finditer(line), limit + 1))
            if len(pipes) > limit:
                lines[index] = line[: pipes[limit - 1].end()]
                wide.append(index)
    if wide:
        warnings.append(
            f"line {wide[0] + 1}: a row of more than {bounds.MAX_ROW_CELLS} cells; the cells "
            f"after that are left out (on {len(wide):,} such rows)"
        )
    return warnings


def _fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it is inside a code fence (its fence lines included)."""
    inside: list[bool] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is not None:
            inside.append(True)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        else:
            inside.append(bool(match))
            fence = match.group(1) if match else None
    return inside


def _mend(lines: list[str]) -> list[str]:
    """Tight ATX headings get their space; MDX import/export lines are blanked (same count
    of lines, so every line number still points into the page)."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        if not line:  # most lines of a page cut by _bound
            out.append(line)
            continue
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        if _MDX_LINE.match(line):
            out.append("")
            continue
        line = _TIGHT_ATX.sub(r"\1 ", line)
        if "*" in line:
            line = _LOOSE_EMPHASIS.sub(r"\1\2\1", line)
        out.append(line)
    return out


def _inline(token: Token | None) -> str:
    """An inline token's text: markup reduced, entities decoded, ``<br>`` as a newline."""
    if token is None or not token.children:
        return clean_text(token.content) if token is not None else ""
    parts: list[str] = []
    for child in token.children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append(" ")
        elif kind == "image":
            parts.append(_inline(child))
        elif kind == "html_inline" and _BR.match(child.content.strip()):
            parts.append("\n")
    return clean_text("".join(parts))


def _inline_source(text: str) -> str:
    """Inline Markdown source (a cell split by hand) reduced to its text."""
    tokens = _parser().parseInline(text)
    return _inline(tokens[0]) if tokens else clean_text(text)


def _lines_of(token: Token) -> list[Token]:
    """An inline token's children split at hard breaks (and ``<br>``): one list per line."""
    out: list[list[Token]] = [[]]
    for child in token.children or []:
        if child.type == "hardbreak" or (
            child.type == "html_inline" and _BR.match(child.content.strip())
        ):
            out.append([])
        else:
            out[-1].append(child)
    result: list[Token] = []
    for children in out:
        line = Token("inline", "", 0)
        line.children = children
        result.append(line)
    return result


def _only_emphasis(token: Token) -> bool:
    """Inline content that is one strong/emphasis run (anchors and spaces around it aside)."""
    children = [
        child
        for child in token.children or []
        if not (child.type == "text" and not child.content.strip())
        and not (child.type == "html_inline" and _ANCHOR.match(child.content.strip()))
    ]
    if children and children[-1].type == "text" and children[-1].content.strip() == ":":
        children = children[:-1]
    if len(children) < 3 or children[0].type not in ("strong_open", "em_open"):
        return False
    closing = children[0].type.replace("_open", "_close")
    depth = 0
    for position, child in enumerate(children):
        if child.type == children[0].type:
            depth += 1
        elif child.type == closing:
            depth -= 1
            if depth == 0:
                return position == len(children) - 1
    return False


def _title_source(source: str) -> str | None:
    """The text of a line written as a title whose delimiters CommonMark refused
    (``**Name **``), or None."""
    stripped = re.sub(r"^(?:\s*</?(?:span|a)\b[^>]*>)+", "", source.strip())
    match = _TITLE_SOURCE.match(stripped)
    if match is None:
        return None
    return match.group("a") or match.group("b")


@dataclass
class _Walker:
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    skip_until: int = -1  # source lines already read (an HTML table spread over blocks)

    def walk(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            index = self._token(tokens, index)

    def _token(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        if token.map is not None and token.level == 0 and token.map[0] < self.skip_until:
            return _after(tokens, index)
        kind = token.type
        if kind == "front_matter":
            self._front_matter(token.content)
        elif kind == "heading_open":
            text = heading_text(_inline(tokens[index + 1]))
            if text:
                self.blocks.append(Heading(text, int(token.tag[1]), _line(token)))
            return index + 3
        elif kind == "paragraph_open":
            self._paragraph(tokens[index + 1], token)
            return index + 3
        elif kind == "table_open":
            return self._table(tokens, index)
        elif kind == "html_block":
            self._html(token)
        elif kind == "dl_open":
            return self._definitions(tokens, index)
        elif kind in ("fence", "code_block"):
            # a listing of constants (#define, enum members) is the table it amounts to
            start = _line(token)
            first = start + (kind == "fence") if start is not None else None  # after the fence
            declared = declared_constants(token.content, first)
            if declared is not None:
                self.blocks.append(declared)
        return index + 1

    # -- front matter -------------------------------------------------------------

    def _front_matter(self, text: str) -> None:
        import yaml

        from generator.spec.yamlio import StrictLoader

        try:
            data: Any = yaml.load(text, Loader=StrictLoader)
        except yaml.YAMLError as exc:
            self.warnings.append(
                f"line 1: front matter is not valid YAML ({exc.__class__.__name__})"
            )
            return
        if isinstance(data, dict) and isinstance(data.get("title"), (str, int)):
            self.title = one_line(str(data["title"]))

    # -- paragraphs ---------------------------------------------------------------

    def _paragraph(self, inline: Token, opening: Token) -> None:
        line = _line(opening)
        source = self._source(opening)
        table = _headerless_pipe_table(source, line)
        if table is not None:
            self.blocks.append(table)
            return
        pieces = _lines_of(inline)
        first = source.split("\n", 1)[0]
        if len(pieces) > 1 and (_only_emphasis(pieces[0]) or _title_source(first) is not None):
            # ``**Name**`` ending in a hard break: a title, then the lines under it
            source_title = _title_source(first)
            text = _inline(pieces[0]) if source_title is None else _inline_source(source_title)
            self._add(text, line, True)
            for offset, piece in enumerate(pieces[1:], start=1):
                self._add(_inline(piece), None if line is None else line + offset, False)
            return
        text = one_line(_inline(inline))
        title = _only_emphasis(inline) or is_quoted_title(text)
        source_title = None if title else _title_source(source)
        if source_title is not None:
            text, title = _inline_source(source_title), True
        self._add(text, line, title)

    def _add(self, text: str, line: int | None, title: bool) -> None:
        text = one_line(text)
        if text:
            self.blocks.append(Paragraph(text, line=line, title=title or is_quoted_title(text)))

    def _source(self, token: Token) -> str:
        if token.map is None:
            return ""
        return "\n".join(self.lines[token.map[0] : token.map[1]])

    # -- tables -------------------------------------------------------------------

    def _table(self, tokens: list[Token], index: int) -> int:
        opening = tokens[index]
        header: list[str] | None = None
        rows: list[list[str]] = []
        row_lines: list[int | None] = []
        widths: list[int] = []
        current: list[str] = []
        in_head = False
        end = index
        while end < len(tokens) and tokens[end].type != "table_close":
            token = tokens[end]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                current = []
                if not in_head:
                    row_lines.append(_line(token))
                    source = self.lines[token.map[0]] if token.map else ""
                    widths.append(_cell_count(source))
            elif token.type == "inline":
                current.append(_inline(token))
            elif token.type == "tr_close":
                if in_head:
                    header = current
                else:
                    rows.append(current)
            end += 1
        notes: list[str] = []
        width = len(header or [])
        for row_line, cells in zip(row_lines, widths):
            if cells < width:
                notes.append(f"line {row_line}: {cells} cells, the header has {width}")
            elif cells > width:
                notes.append(
                    f"line {row_line}: more cells than the header; the extra cells are dropped"
                )
        self.blocks.append(make_table(header, rows, row_lines, _line(opening), notes))
        return end + 1

    # -- HTML, definition lists ---------------------------------------------------

    def _html(self, token: Token) -> None:
        if token.map is None:
            return
        start, end = token.map
        fragment = "\n".join(self.lines[start:end])
        depth = len(_TABLE_OPEN.findall(fragment)) - len(_TABLE_CLOSE.findall(fragment))
        while depth > 0 and end < len(self.lines):
            # a table with blank lines inside: CommonMark ends the HTML block there
            depth += len(_TABLE_OPEN.findall(self.lines[end]))
            depth -= len(_TABLE_CLOSE.findall(self.lines[end]))
            end += 1
        if end > token.map[1]:
            fragment = "\n".join(self.lines[start:end])
            self.skip_until = end
        from generator.scrape.readers import html as html_reader  # only for raw HTML

        page = html_reader.read(fragment, line_offset=start)
        self.blocks.extend(page.blocks)
        if page.blocks:  # an empty fragment (a comment, a closing JSX tag) held no data
            self.warnings.extend(page.warnings)

    def _definitions(self, tokens: list[Token], index: int) -> int:
        items: list[Definition] = []
        term: tuple[str, int | None] | None = None
        texts: list[str] = []
        depth = 0
        end = index
        while end < len(tokens):
            token = tokens[end]
            if token.type == "dl_open":
                depth += 1
            elif token.type == "dl_close":
                depth -= 1
                if depth == 0:
                    break
            elif token.type == "dt_open":
                if term is not None:
                    items.append(Definition(term[0], "\n".join(texts), term[1]))
                term, texts = (one_line(_inline(tokens[end + 1])), _line(token)), []
                end += 2
            elif token.type == "inline" and term is not None:
                text = _inline(token)
                if text:
                    texts.append(text)
            end += 1
        if term is not None:
            items.append(Definition(term[0], "\n".join(texts), term[1]))
        self.blocks.append(DefinitionList(items, _line(tokens[index])))
        return end + 1


def _cell_count(row: str) -> int:
    """Cells on a pipe-table row as written (outer pipes optional, ``\\|`` is no pipe)."""
    text = row.strip()
    pipes = len(_PIPE.findall(text))
    return pipes + 1 - text.startswith("|") - (text.endswith("|") and not text.endswith("\\|"))


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _after(tokens: list[Token], index: int) -> int:
    """Index after the block that opens at ``index`` (its closing token, or itself)."""
    token = tokens[index]
    if token.nesting != 1:
        return index + 1
    depth = 0
    for end in range(index, len(tokens)):
        depth += tokens[end].nesting
        if depth == 0:
            return end + 1
    return len(tokens)


def _headerless_pipe_table(source: str, line: int | None) -> Any:
    """Pipe rows with no delimiter row (``| a | b |`` on every line): GitHub shows text,
    but the page meant a table; the header is guessed."""
    rows_text = source.split("\n")
    if len(rows_text) < 2 or not all(
        row.lstrip().startswith("|") and row.count("|") >= 2 for row in rows_text
    ):
        return None
    rows = [[_inline_source(cell) for cell in split_pipe_row(row)] for row in rows_text]
    row_lines: list[int | None] = [
        None if line is None else line + offset for offset in range(len(rows))
    ]
    notes = ["no delimiter row under the first row"]
    header: list[str] | None = None
    if looks_like_header(rows):
        header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
    return make_table(header, rows, row_lines, line, notes, join_extra=False)
