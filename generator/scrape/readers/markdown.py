"""Read a Markdown page into blocks: a small block parser that keeps source lines.

It understands what error pages use: ATX and setext headings, pipe tables (outer pipes
optional, ragged rows, alignment colons, escaped pipes), lists, block quotes, definition
lists, YAML front matter (its ``title`` names the page) and HTML blocks (read by the HTML
reader). Code blocks are skipped: an example response is not a table. Inline markup in
cells and paragraphs is reduced to its text.
"""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass, field
from typing import Any

from generator.scrape.readers import html as html_reader
from generator.scrape.cells import (
    clean_text,
    count_pipes,
    heading_text,
    is_quoted_title,
    is_separator_row,
    looks_like_header,
    make_table,
    one_line,
    split_pipe_row,
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

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_QUOTE_MARK = re.compile(r"^ {0,3}> ?")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]+(.*)$")
_HTML_BLOCK = re.compile(
    r"^ {0,3}<(?:table|div|dl|section|article|p|ul|ol|details|figure|blockquote|center|"
    r"h[1-6]|pre|aside|nav|main|header|footer|form|hr)\b",
    re.I,
)
_HTML_COMMENT = re.compile(r"^ {0,3}<!--")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_TITLE_EMPHASIS = re.compile(r"^(\*\*|__)(?P<a>.+?)\1\s*:?$|^([*_])(?P<b>[^*_].*?)\3\s*:?$")

# inline markup, reduced to text in this order
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_BR = re.compile(r"<br\s*/?>", re.I)
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|em|strong|code|span|sup|sub|small|kbd|mark|u|s|del|ins|abbr|tt|var|"
    r"samp|font|img|q|cite)\b[^>]*>",
    re.I,
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def inline_text(text: str) -> str:
    """Markdown inline markup reduced to its text; newlines only where ``<br>`` was."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(2).strip())
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(keep, text.replace("\n", " "))
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BR.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda match: match.group(match.lastindex or 0), text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html_entities.unescape(text)
    text = re.sub("\x00(\\d+)\x00", lambda match: spans[int(match.group(1))], text)
    return clean_text(text)


def read(text: str) -> Page:
    """Blocks of a Markdown page, in order, with 1-based line numbers."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    lines = [_QUOTE_MARK.sub("", line) if _QUOTE_MARK.match(line) else line for line in lines]
    scanner = _Scanner(lines)
    scanner.scan()
    title = scanner.title or next(
        (block.text for block in scanner.blocks if isinstance(block, Heading) and block.level == 1),
        None,
    )
    return Page(blocks=scanner.blocks, title=title, warnings=scanner.warnings)


@dataclass
class _Scanner:
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None

    def scan(self) -> None:
        index = self._front_matter()
        while index < len(self.lines):
            if not self.lines[index].strip():
                index += 1
                continue
            index = self._block_at(index)

    def _block_at(self, index: int) -> int:
        line = self.lines[index]
        for reader in (
            self._fence,
            self._heading,
            self._html,
            self._indented_code,
            self._table,
            self._rule,
            self._list_item,
            self._definition_list,
        ):
            after = reader(index)
            if after is not None:
                return after
        return self._paragraph(index) if line.strip() else index + 1

    # -- front matter ---------------------------------------------------------------

    def _front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for end in range(1, min(len(self.lines), 500)):
            if self.lines[end].strip() in ("---", "..."):
                self._front_matter_title("\n".join(self.lines[1:end]))
                return end + 1
        return 0

    def _front_matter_title(self, text: str) -> None:
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

    # -- leaf blocks ----------------------------------------------------------------

    def _fence(self, index: int) -> int | None:
        match = _FENCE.match(self.lines[index])
        if match is None:
            return None
        fence = match.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        for end in range(index + 1, len(self.lines)):
            if closing.match(self.lines[end]):
                return end + 1
        return len(self.lines)  # an unclosed fence runs to the end of the page

    def _heading(self, index: int) -> int | None:
        match = _ATX.match(self.lines[index])
        if match is None:
            return None
        text = inline_text(match.group(2) or "")
        if text:
            self.blocks.append(Heading(heading_text(text), len(match.group(1)), index + 1))
        return index + 1

    def _rule(self, index: int) -> int | None:
        """A thematic break, or a link reference definition: neither is content."""
        line = self.lines[index]
        return index + 1 if _RULE.match(line) or _LINK_DEFINITION.match(line) else None

    def _indented_code(self, index: int) -> int | None:
        line = self.lines[index]
        if not (line.startswith("    ") or line.startswith("\t")):
            return None
        if index > 0 and self.lines[index - 1].strip():
            return None  # a lazy continuation, not code
        end = index
        while end < len(self.lines) and (
            not self.lines[end].strip() or self.lines[end].startswith(("    ", "\t"))
        ):
            end += 1
        return end

    def _html(self, index: int) -> int | None:
        line = self.lines[index]
        if _HTML_COMMENT.match(line):
            end = index
            while end < len(self.lines) and "-->" not in self.lines[end]:
                end += 1
            return end + 1
        if not _HTML_BLOCK.match(line):
            return None
        end = index + 1
        if re.match(r"^\s*<table\b", line, re.I):
            depth = 0
            for end in range(index, len(self.lines)):
                depth += len(re.findall(r"<table\b", self.lines[end], re.I))
                depth -= len(re.findall(r"</table\s*>", self.lines[end], re.I))
                if depth <= 0:
                    break
            end += 1
        else:
            while end < len(self.lines) and self.lines[end].strip():
                end += 1
        fragment = "\n".join(self.lines[index:end])
        page = html_reader.read(fragment, line_offset=index)
        self.blocks.extend(page.blocks)
        self.warnings.extend(page.warnings)
        return end

    # -- tables ---------------------------------------------------------------------

    def _table(self, index: int) -> int | None:
        lines = self.lines
        if count_pipes(lines[index]) == 0 or is_separator_row(lines[index]):
            return None
        has_delimiter = index + 1 < len(lines) and is_separator_row(lines[index + 1])
        starts_with_pipe = lines[index].lstrip().startswith("|")
        if not has_delimiter:
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            if not (starts_with_pipe and nxt.lstrip().startswith("|")):
                return None
        header: list[str] | None = None
        end = index
        if has_delimiter:
            header = [inline_text(cell) for cell in split_pipe_row(lines[index])]
            end = index + 2
        rows: list[list[str]] = []
        row_lines: list[int | None] = []
        while end < len(lines) and lines[end].strip():
            # as GitHub renders it, a row needs no pipe once the table has begun
            if self._starts_block(end) and end > index + 1 or _LIST_ITEM.match(lines[end]):
                break
            if count_pipes(lines[end]) == 0 and not has_delimiter:
                break
            if not is_separator_row(lines[end]):
                rows.append([inline_text(cell) for cell in split_pipe_row(lines[end])])
                row_lines.append(end + 1)
            end += 1
        notes: list[str] = []
        if header is None:
            notes.append("no delimiter row under the first row")
            if looks_like_header(rows):
                header, rows, row_lines = rows[0], rows[1:], row_lines[1:]
        width = len(header) if header else None
        for row, number in zip(rows, row_lines):
            if width is not None and len(row) < width and any(row):
                notes.append(f"line {number}: {len(row)} cells, the header has {width}")
        self.blocks.append(make_table(header, rows, row_lines, index + 1, notes, join_extra=False))
        return max(end, index + 1)

    # -- lists, definitions, paragraphs ---------------------------------------------

    def _list_item(self, index: int) -> int | None:
        match = _LIST_ITEM.match(self.lines[index])
        if match is None or _RULE.match(self.lines[index]):
            return None
        parts = [match.group(2) or ""]
        end = index + 1
        while end < len(self.lines):
            line = self.lines[end]
            if not line.strip() or _LIST_ITEM.match(line) or self._starts_block(end):
                break
            parts.append(line)
            end += 1
        self._add_paragraph(parts, index + 1)
        return end

    def _definition_list(self, index: int) -> int | None:
        if index + 1 >= len(self.lines) or not _DEFINITION.match(self.lines[index + 1]):
            return None
        items: list[Definition] = []
        end = index
        while end + 1 < len(self.lines) and self.lines[end].strip():
            term_line = end
            end += 1
            texts: list[str] = []
            while end < len(self.lines) and (match := _DEFINITION.match(self.lines[end])):
                texts.append(inline_text(match.group(1)))
                end += 1
            if not texts:
                end = term_line
                break
            term = one_line(inline_text(self.lines[term_line]))
            items.append(Definition(term, "\n".join(texts), term_line + 1))
            while end < len(self.lines) and not self.lines[end].strip():
                end += 1
            if end + 1 >= len(self.lines) or not _DEFINITION.match(self.lines[end + 1]):
                break
        self.blocks.append(DefinitionList(items, index + 1))
        return max(end, index + 1)

    def _paragraph(self, index: int) -> int:
        parts = [self.lines[index]]
        end = index + 1
        while end < len(self.lines) and self.lines[end].strip():
            if _SETEXT.match(self.lines[end]):
                level = 1 if self.lines[end].strip().startswith("=") else 2
                text = heading_text(inline_text(" ".join(parts)))
                if text:
                    self.blocks.append(Heading(text, level, index + 1))
                return end + 1
            if self._starts_block(end) or _LIST_ITEM.match(self.lines[end]):
                break
            parts.append(self.lines[end])
            end += 1
        self._add_paragraph(parts, index + 1)
        return end

    def _starts_block(self, index: int) -> bool:
        line = self.lines[index]
        if _FENCE.match(line) or _ATX.match(line) or _RULE.match(line) or _HTML_BLOCK.match(line):
            return True
        return (
            count_pipes(line) > 0
            and index + 1 < len(self.lines)
            and is_separator_row(self.lines[index + 1])
        )

    def _add_paragraph(self, parts: list[str], line: int) -> None:
        raw = " ".join(part.strip() for part in parts).strip()
        text = one_line(inline_text(raw))
        if not text:
            return
        title = bool(_TITLE_EMPHASIS.match(raw)) or is_quoted_title(text)
        self.blocks.append(Paragraph(text, line=line, title=title))
