"""From a read page to namespaces of raw entries: what an error table looks like.

The interpreter walks the page's blocks in order, keeping track of the section heading
each block sits under. Error tables (a code column and a message-like column, see
:mod:`columns`), error titles with paragraphs and definition lists of codes become parts;
parts become namespaces by section, and a section whose tables repeat each other's codes
becomes several namespaces. Parameter tables that describe the error body become the
envelope. Nothing here knows a provider: what a page gets wrong goes in its overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import InputError
from ..model import Code, Envelope, RawEntry, RawNamespace, SourceRef
from ..naming import slug
from .codes import clean_message, code_type, is_identifier_like, parse_code
from .columns import (
    CONTEXT_WORDS,
    ERROR_ROLES,
    Columns,
    assign,
    code_share,
    header_role,
    token_share,
)
from .document import DefinitionList, Heading, Page, Paragraph, Table
from .envelope import EnvelopeBuilder
from .prose import ProseEntry, definition_entries, is_chrome, parse_title, starts_untitled

Warn = Callable[[str], None]

# A table needs this share of code-like cells in its code column to be an error table.
MIN_CODE_SHARE = 0.6
# More repeated codes than this share: a "case -> code" usage table, not a list of codes.
MAX_REPEAT_SHARE = 0.34
HINT_KEYS = frozenset({"roles"})


@dataclass
class Interpretation:
    namespaces: list[RawNamespace]
    envelope: Envelope | None


@dataclass
class _Section:
    key: str  # "page", "h<block index>" or "caption<line>": parts with one key may merge
    title: str
    parent: str = ""  # key of the enclosing section: sibling sections may merge into it
    parent_title: str = ""
    level: int = 0


@dataclass
class _Open:
    """A heading (or a label line standing for one) that is still in force."""

    level: int
    key: str
    title: str
    is_error: bool


# a label line ("Error codes:") acts as a heading below every real heading level
LABEL_LEVEL = 7


@dataclass
class _Part:
    """Entries from one table, definition list or run of titled paragraphs."""

    section: _Section
    entries: list[RawEntry] = field(default_factory=list)
    prose: bool = False


def interpret(
    page: Page,
    location: str,
    warn: Warn,
    hints: dict[str, Any] | None = None,
) -> Interpretation:
    """Namespaces and envelope of ``page``; raise InputError when it has no error list."""
    walker = _Walker(page, location, warn, _roles_hint(hints or {}, location))
    walker.walk()
    namespaces = walker.namespaces()
    if not namespaces:
        raise InputError(f"{location}: {walker.nothing_found()}")
    return Interpretation(namespaces, walker.envelope.result())


def _roles_hint(hints: dict[str, Any], location: str) -> dict[str, str]:
    unknown = sorted(set(hints) - HINT_KEYS)
    if unknown:
        raise InputError(
            f"{location}: unknown reader hint(s) {', '.join(unknown)} (known: {', '.join(sorted(HINT_KEYS))})"
        )
    roles = hints.get("roles") or {}
    allowed = set(ERROR_ROLES) | {"parameter", "type", "usage"}
    if not isinstance(roles, dict) or not all(
        isinstance(k, str) and v in allowed for k, v in roles.items()
    ):
        raise InputError(
            f"{location}: hint 'roles' must map header text to one of {', '.join(sorted(allowed))}"
        )
    return {str(k): str(v) for k, v in roles.items()}


class _Walker:
    """One pass over the blocks: sections, open prose entries, parts, envelope."""

    def __init__(self, page: Page, location: str, warn: Warn, roles: dict[str, str]):
        self.page = page
        self.location = location
        self.warn = warn
        self.roles = roles
        self.envelope = EnvelopeBuilder()
        self.parts: list[_Part] = []
        self.stack: list[_Open] = []
        self.context: list[str] = []  # paragraphs since the last heading or table
        self.open: ProseEntry | None = None
        self.open_section: _Section | None = None
        self.headers_seen: list[str] = []
        self.page_heading = self._page_heading()

    # ------------------------------------------------------------ where things are

    def where(self, line: int | None) -> str:
        return f"{self.location}:{line}" if line else self.location

    def _page_heading(self) -> int | None:
        """A lone level-1 heading that opens the page names the page, not a section."""
        headings = [i for i, b in enumerate(self.page.blocks) if isinstance(b, Heading)]
        if not headings:
            return None
        first = self.page.blocks[headings[0]]
        assert isinstance(first, Heading)
        ones = [i for i in headings if getattr(self.page.blocks[i], "level", 0) == 1]
        if first.level == 1 and ones == [headings[0]]:
            return headings[0]
        return None

    def page_title(self) -> str:
        if self.page_heading is not None:
            block = self.page.blocks[self.page_heading]
            assert isinstance(block, Heading)
            return block.text.strip().rstrip(":").strip() or "Errors"
        return (self.page.title or "").strip() or "Errors"

    def section(self) -> _Section:
        """The heading the next block belongs to (error-title headings are not sections)."""
        chain: list[_Open] = []
        for item in self.stack:
            if item.is_error:
                break
            chain.append(item)
        if not chain:
            return _Section("page", self.page_title())
        chosen = chain[-1]
        parent = chain[-2] if len(chain) > 1 else None
        return _Section(
            chosen.key,
            chosen.title or self.page_title(),
            parent.key if parent else "page",
            (parent.title if parent else "") or self.page_title(),
            chosen.level,
        )

    # ------------------------------------------------------------ the walk

    def walk(self) -> None:
        for index, block in enumerate(self.page.blocks):
            if isinstance(block, Heading):
                self._heading(index, block)
            elif isinstance(block, Paragraph):
                self._paragraph(index, block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, DefinitionList):
                self._definitions(block)
        self._close()

    def _heading(self, index: int, block: Heading) -> None:
        if index == self.page_heading:
            return
        if _lead_in(block.text) and any(not item.is_error for item in self.stack):
            # "This endpoint can fail with the following codes:" guessed as a heading by a
            # plain-text reader introduces a table; the section keeps its real heading
            self.context.append(block.text)
            return
        self._open_heading(block.level, f"h{index}", block.text, block.line)

    def _open_heading(self, level: int, key: str, text: str, line: int | None) -> None:
        self.stack = [item for item in self.stack if item.level < level]
        title = parse_title(text, heading=True)
        self._close()
        self.context = []
        name = text.strip().rstrip(":").strip()
        self.stack.append(_Open(level, key, name, title is not None))
        if title is not None:
            self._start(ProseEntry(title, line))

    def _paragraph(self, index: int, block: Paragraph) -> None:
        if _label(block.text):
            # "Error codes:" on a line of its own names what follows, like a heading
            self._open_heading(LABEL_LEVEL, f"p{index}", block.text, block.line)
            return
        title = parse_title(block.text, heading=block.title)
        if title is not None:
            self._close()
            self._start(ProseEntry(title, block.line))
            return
        if is_chrome(block.text):
            self._close()
            return
        if self.open is not None:
            if self.open.title is not None and self.open.paragraphs and starts_untitled(block.text):
                self._close()
                self._start(ProseEntry(None, block.line))
            self.open.add(block)
            return
        self.context.append(block.text)

    def _table(self, table: Table) -> None:
        header = table.header
        rows = table.rows
        if header is None and rows and self._header_like(rows[0]):
            header, rows = rows[0], rows[1:]
            table = Table(header, rows, table.row_lines[1:], table.line, table.caption, table.notes)
        if header:
            self.headers_seen.append(" | ".join(header))
        columns = assign(header, rows, self.roles)
        kind = self._kind(table, columns)
        if kind == "error":
            self._close()
            section = self._table_section(table)
            part = _Part(section, self._table_entries(table, columns, section))
            if part.entries:
                self.parts.append(part)
            for note in table.notes:
                self.warn(f"{self.where(table.line)}: {note}")
        elif kind == "parameter":
            self.envelope.consider(table, columns, self.context)
        if self.open is None:
            self.context = []

    def _definitions(self, block: DefinitionList) -> None:
        context = " ".join([self.section().title, *self.context])
        entries = definition_entries(block, context, self.where, self.warn)
        if entries is None:
            return
        self._close()
        if entries:
            self.parts.append(_Part(self.section(), entries))
        self.context = []

    def _start(self, entry: ProseEntry) -> None:
        self.open = entry
        self.open_section = self.section()

    def _close(self) -> None:
        entry, section = self.open, self.open_section
        self.open = self.open_section = None
        if entry is None or section is None:
            return
        if entry.title is None:
            snippet = entry.paragraphs[0][:60] if entry.paragraphs else ""
            self.warn(
                f"{self.where(entry.line)}: text that reads like an error of its own has no "
                f"title (lost from the page?): {snippet!r}...; left out: restore it with an "
                f"'add' override"
            )
            return
        raw = entry.entry()
        if raw is None:
            return
        last = self.parts[-1] if self.parts else None
        if last is not None and last.prose and last.section.key == section.key:
            last.entries.append(raw)  # one part per run, so a repeated title is a duplicate
        else:
            self.parts.append(_Part(section, [raw], prose=True))

    # ------------------------------------------------------------ tables

    def _header_like(self, row: list[str]) -> bool:
        """A first row that names columns (``Error Codes | ``) when the reader saw no header."""
        roles = [header_role(cell, self.roles) for cell in row if cell.strip()]
        if not roles or not any(role in ("code", "http_status") for role in roles):
            return False
        if any(role is None for role in roles):
            return False
        return all(parse_code(cell) is None or " " in cell.strip() for cell in row if cell.strip())

    def _context_text(self, table: Table) -> str:
        return " ".join([self.section().title, table.caption or "", *self.context])

    def _kind(self, table: Table, columns: Columns) -> str:
        if "code" in columns.roles and columns.has_text:
            if "parameter" in columns.others:
                return "parameter"
            return "error" if self._codes_fit(table, columns) else "other"
        if ("parameter" in columns.others or "name" in columns.roles) and (
            "description" in columns.roles or "message" in columns.roles
        ):
            return "parameter"
        return "other"

    def _codes_fit(self, table: Table, columns: Columns) -> bool:
        index = columns.roles["code"]
        cells = [
            row[index].strip() for row in table.rows if index < len(row) and row[index].strip()
        ]
        if not cells:
            return False
        if not columns.code_from_header and len(table.rows) < 2:
            return False
        phrases = columns.code_from_header
        if code_share(cells, phrases=phrases) < MIN_CODE_SHARE:
            return False
        if columns.weak_code and not CONTEXT_WORDS.search(self._context_text(table)):
            return False
        codes = [parse_code(cell, phrases=phrases) for cell in cells]
        values = [parsed.code for parsed in codes if parsed is not None]
        repeats = len(values) - len(set(values))
        if len(values) >= 4 and repeats / len(values) > MAX_REPEAT_SHARE:
            return False
        return not self._shifted(table, columns)

    def _shifted(self, table: Table, columns: Columns) -> bool:
        """Integers where the messages should be: the reader's rows are out of step."""
        text_col = next(
            (columns.roles[r] for r in ("message", "name", "description") if r in columns.roles),
            None,
        )
        if text_col is None:
            return False
        cells = [row[text_col].strip() for row in table.rows if text_col < len(row)]
        cells = [cell for cell in cells if cell]
        numbers = [cell for cell in cells if re.fullmatch(r"-?\d+", cell)]
        if len(cells) >= 3 and len(numbers) > 0.3 * len(cells):
            self.warn(
                f"{self.where(table.line)}: the message column holds codes "
                f"({', '.join(numbers[:3])}): the table's rows look out of step; table left out"
            )
            return True
        return False

    def _table_section(self, table: Table) -> _Section:
        section = self.section()
        if table.caption and table.caption.strip():
            return _Section(
                f"caption{table.line}", table.caption.strip(), section.key, section.title, 99
            )
        return section

    def _table_entries(self, table: Table, columns: Columns, section: _Section) -> list[RawEntry]:
        roles = columns.roles
        code_col = roles["code"]
        http_col = roles.get("http_status")
        http_table = http_col is not None and http_col == code_col
        entries: list[RawEntry] = []
        lines = list(table.row_lines) + [None] * (len(table.rows) - len(table.row_lines))

        def cell(row: list[str], role: str) -> str:
            index = roles.get(role)
            if index is None or index >= len(row) or (role != "code" and index == code_col):
                return ""
            return clean_message(row[index])

        last_row = len(table.rows)
        code_header = (
            table.header[code_col] if table.header and code_col < len(table.header) else ""
        )
        said_http = "http" in (
            f"{section.title} {section.parent_title} {table.caption or ''} {code_header}".lower()
        )
        code_cells = [row[code_col] for row in table.rows if code_col < len(row)]
        # a short phrase is a code only in a column of phrases, not among tokens
        phrases = (
            columns.code_from_header and token_share([c for c in code_cells if c.strip()]) < 0.5
        )
        for number, (row, line) in enumerate(zip(table.rows, lines), start=1):
            at = self.where(line) if line else f"{self.where(table.line)}: row {number}"
            raw_code = row[code_col] if code_col < len(row) else ""
            texts = [clean_message(c) for c in row]
            if len(texts) > 1 and len(set(texts)) == 1 and _label_like(texts[0]):
                continue  # a group label spanning the row ("Authentication errors")
            name = cell(row, "name")
            message = cell(row, "message")
            description = cell(row, "description")
            solution = cell(row, "solution")
            if not clean_message(raw_code):
                text = message or name or description
                if text and entries:
                    previous = entries[-1]
                    previous.message = f"{previous.message} {text}"
                    self.warn(f"{at}: row has no code; its text was joined onto the row above")
                continue
            parsed = parse_code(raw_code, phrases=phrases)
            if parsed is None:
                self.warn(f"{at}: {clean_message(raw_code)!r} is not a code; row left out")
                continue
            name_hint: str | None = None
            if parsed.rest and not name:
                name = parsed.rest
            if name and is_identifier_like(name) and (message or description):
                name_hint, name = name, ""
            text = message or name or description
            if not text:
                ending = "; the page looks cut off here" if number == last_row else ""
                self.warn(f"{at}: code {parsed.code!r} has no message{ending}; left out")
                continue
            details = description if description and description != text else None
            if solution:
                details = f"{details} Solution: {solution}" if details else f"Solution: {solution}"
            http_status = _http_status(row, http_col, parsed.code, http_table or said_http)
            entries.append(
                RawEntry(
                    code=parsed.code,
                    message=text,
                    description=details,
                    http_status=http_status,
                    aliases=list(parsed.aliases),
                    source=SourceRef(line=line, row=number),
                    name=name_hint,
                )
            )
        return entries

    # ------------------------------------------------------------ namespaces

    def namespaces(self) -> list[RawNamespace]:
        groups: list[tuple[_Section, list[RawEntry]]] = []
        for part in self.parts:
            if groups and groups[-1][0].key == part.section.key:
                entries = groups[-1][1]
                if not self._overlap(entries, part.entries):
                    entries.extend(part.entries)
                    continue
            groups.append((part.section, list(part.entries)))
        groups = self._merge_siblings(groups)
        used: set[str] = set()
        result: list[RawNamespace] = []
        for section, entries in groups:
            base = "errors" if section.key == "page" else slug(section.title)
            ns_id, suffix = base, 2
            while ns_id in used:
                ns_id, suffix = f"{base}_{suffix}", suffix + 1
            used.add(ns_id)
            wire = [entry.code for entry in entries] + [a for e in entries for a in e.aliases]
            kind = code_type(wire)
            if kind == "string":
                for entry in entries:
                    entry.code = str(entry.code)
                    entry.aliases = [str(alias) for alias in entry.aliases]
            result.append(RawNamespace(ns_id, section.title, kind, self._dedupe(ns_id, entries)))
        return result

    def _merge_siblings(
        self, groups: list[tuple[_Section, list[RawEntry]]]
    ) -> list[tuple[_Section, list[RawEntry]]]:
        """Sibling sections (``General``, ``Validation`` under ``Error codes``) whose codes do
        not overlap are one code space: one namespace, named after their parent."""
        result: list[tuple[_Section, list[RawEntry]]] = []
        index = 0
        while index < len(groups):
            section, entries = groups[index]
            entries = list(entries)
            end = index + 1
            while end < len(groups):
                other, more = groups[end]
                if not (_siblings(section, other) and _compatible(entries, more)):
                    break
                entries.extend(more)
                end += 1
            if end > index + 1:
                section = _Section(section.parent, section.parent_title)
            result.append((section, entries))
            index = end
        return result

    @staticmethod
    def _overlap(first: list[RawEntry], second: list[RawEntry]) -> bool:
        codes = {entry.code for entry in first}
        return any(entry.code in codes for entry in second)

    def _dedupe(self, ns_id: str, entries: list[RawEntry]) -> list[RawEntry]:
        """One entry per wire value: a repeated code drops its entry, a repeated alias itself."""
        seen: dict[Code, RawEntry] = {}
        kept: list[RawEntry] = []
        for entry in entries:
            clash = seen.get(entry.code)
            if clash is not None:
                self.warn(
                    f"{self.where(_line(entry))}: duplicate code {entry.code!r} in namespace "
                    f"{ns_id!r} (first at line {_line(clash) or '?'}); kept the first"
                )
                continue
            aliases: list[Code] = []
            for alias in entry.aliases:
                if alias == entry.code or alias in aliases:
                    continue
                if alias in seen:
                    self.warn(
                        f"{self.where(_line(entry))}: alias {alias!r} of {entry.code!r} is already "
                        f"a code of namespace {ns_id!r} (line {_line(seen[alias]) or '?'}); "
                        "alias left out"
                    )
                    continue
                aliases.append(alias)
            entry.aliases = aliases
            for value in (entry.code, *aliases):
                seen[value] = entry
            kept.append(entry)
        return kept

    def nothing_found(self) -> str:
        tables = ", ".join(f"[{header}]" for header in self.headers_seen[:5]) or "none"
        return (
            "no error table found: looked for a table with a code/status/error column and "
            "a message/reason/description column, headings or titles naming one error each "
            "('\"message\"', 'NAME (n)', 'E101 - text', '404 Not Found') and definition "
            f"lists of codes; table headers seen: {tables}"
        )


LEAD_IN = re.compile(
    r"^(this|these|the following|following|below|here|you can|all|each|every)\b|\bthe following\b",
    re.IGNORECASE,
)


def _siblings(first: _Section, second: _Section) -> bool:
    return (
        first.key != second.key
        and first.key != "page"
        and first.parent == second.parent
        and first.level == second.level
    )


def _compatible(first: list[RawEntry], second: list[RawEntry]) -> bool:
    """Same kind of code (integers or not) and no wire value in common."""

    def wire(entries: list[RawEntry]) -> set[Code]:
        return {value for entry in entries for value in (entry.code, *entry.aliases)}

    kinds = {code_type(sorted(wire(first), key=str)), code_type(sorted(wire(second), key=str))}
    return len(kinds) == 1 and not wire(first) & wire(second)


def _label(text: str) -> bool:
    """A short line ending in ':' that names a list (``Error codes:``), not a sentence."""
    text = " ".join(text.split())
    body = text[:-1]
    return (
        text.endswith(":")
        and 0 < len(body.split()) <= 5
        and not re.search(r"[.:;!?\"\u201c]", body)
        and not _lead_in(body)
    )


def _lead_in(text: str) -> bool:
    """A sentence that introduces what follows, not a section title."""
    return bool(LEAD_IN.search(text)) or len(text.split()) >= 9


def _label_like(text: str) -> bool:
    """A row label such as ``Authentication errors``, not a code such as ``OK`` or ``E1``."""
    if not text:
        return False
    if " " in text:
        return True
    return not (text.isupper() or any(c.isdigit() or c in "_.-" for c in text))


def _line(entry: RawEntry) -> int | None:
    return entry.source.line if entry.source else None


def _http_status(
    row: list[str], http_col: int | None, code: Code, code_is_http: bool
) -> int | None:
    """The row's HTTP status: its own column, or the code itself in an HTTP status table."""
    if http_col is not None and http_col < len(row):
        words = row[http_col].split()
        parsed = parse_code(words[0]) if words else None
        value = parsed.code if parsed is not None else None
        if isinstance(value, int) and 100 <= value <= 599:
            return value
    if code_is_http and isinstance(code, int) and 100 <= code <= 599:
        return code
    return None


__all__ = ["interpret", "Interpretation"]
