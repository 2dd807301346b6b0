"""From a read page to namespaces of raw entries: what an error table looks like.

The interpreter walks the page's blocks in order, keeping track of the section heading
each block sits under. Error tables (:mod:`tables`, with column roles from :mod:`columns`),
error titles with their paragraphs and definition lists of codes (:mod:`prose`) become
parts; parts become namespaces by section (:mod:`sections`). Parameter tables that describe
the error body become the envelope (:mod:`envelope`). Nothing here knows a provider: what a
page gets wrong goes in its overrides file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from generator.errors import InputError
from generator.spec.model import Envelope, RawNamespace
from generator.scrape.interpret.columns import assign
from generator.scrape.interpret.context import in_error_context, says_errors
from generator.scrape.document import DefinitionList, Heading, Page, Paragraph, Table
from generator.scrape.interpret.envelope import EnvelopeBuilder
from generator.scrape.interpret.codes import is_identifier_like
from generator.scrape.interpret.entries import NUMBER_LINE, ProseEntry, Title
from generator.scrape.interpret.prose import (
    about_errors,
    constant_titles,
    is_declaration,
    joined_definitions,
    needs_error_context,
    definition_entries,
    is_chrome,
    parse_title,
    starts_untitled,
)
from generator.scrape.interpret.hints import Hints, coerce_codes, parse_hints
from generator.scrape.interpret.sections import Part, Section, build_namespaces
from generator.scrape.interpret.tables import header_like, table_entries, table_kind
from generator.scrape.interpret.trace import (
    ENTRIES,
    ENVELOPE,
    LEFT_OUT,
    Candidate,
    Trace,
    column_notes,
)

Warn = Callable[[str], None]


@dataclass
class Interpretation:
    namespaces: list[RawNamespace]
    envelope: Envelope | None
    trace: Trace


@dataclass
class _Open:
    """A heading (or a label line standing for one) that is still in force."""

    level: int
    key: str
    title: str
    is_error: bool


# why every list of a page that never says "error" is left out (``--explain``)
NOT_ERRORS = (
    "nothing on the page (title, headings, captions, lead-in, column headers) says "
    "these codes are errors, statuses, failures or return values"
)

# a label line ("Error codes:") acts as a heading below every real heading level
LABEL_LEVEL = 7


def interpret(
    page: Page,
    location: str,
    warn: Warn,
    hints: dict[str, Any] | None = None,
    trace: Trace | None = None,
) -> Interpretation:
    """Namespaces and envelope of ``page``; raise InputError when it has no error list.

    ``trace`` (filled even when this raises) records every candidate and its fate."""
    trace = trace if trace is not None else Trace()
    walker = _Walker(page, location, warn, parse_hints(hints, location), trace)
    walker.walk()
    try:
        walker.check_hints()
        namespaces = walker.namespaces()
        if not namespaces:
            raise InputError(f"{location}: {walker.nothing_found()}")
    except InputError as exc:
        trace.error = str(exc)
        raise
    trace.settle(namespaces)
    return Interpretation(namespaces, walker.envelope.result(), trace)


class _Walker:
    """One pass over the blocks: sections, open prose entries, parts, envelope."""

    def __init__(self, page: Page, location: str, warn: Warn, hints: Hints, trace: Trace):
        self.page = page
        self.location = location
        self.warned = 0  # warnings given so far: a table already reported is not reported twice
        self.warn = self._counting(warn)
        self.hints = hints
        self.roles = hints.roles
        self.trace = trace
        self.columns_fitted = 0  # tables the columns hint matched
        self.envelope = EnvelopeBuilder()
        self.parts: list[Part] = []
        self.stack: list[_Open] = []
        self.context: list[str] = []  # paragraphs since the last heading or table
        self.open: ProseEntry | None = None
        self.open_section: Section | None = None
        self.open_context = ""  # the lead-in of the open run of titles
        self.open_heading = False
        self.headers_seen: list[str] = []
        self.evidence: list[str] = []  # lead-ins, captions and headers around what was kept
        self.message_column = False
        self.open_kind = "titled paragraphs"
        self.open_in_section = True
        self.candidates: dict[int, Candidate] = {}  # id of a kept part -> its candidate
        self.page_heading = self._page_heading()
        self.constants = constant_titles(page.blocks)
        self.runs_about_errors: dict[int, bool] = {}

    def _counting(self, warn: Warn) -> Warn:
        def counted(message: str) -> None:
            self.warned += 1
            warn(message)

        return counted

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
        return self._named_title() or "Errors"

    def _above(self, section: Section) -> str:
        """The title of the heading above ``section``: the page's own, never "Errors"."""
        return section.parent_title if section.parent != "page" else self._named_title()

    def _named_title(self) -> str:
        """The title the page gives itself, or "" (never the "Errors" fallback)."""
        if self.page_heading is not None:
            block = self.page.blocks[self.page_heading]
            assert isinstance(block, Heading)
            return block.text.strip().rstrip(":").strip()
        return (self.page.title or "").strip()

    def section(self) -> Section:
        """The heading the next block belongs to (error-title headings are not sections)."""
        chain: list[_Open] = []
        for item in self.stack:
            if item.is_error:
                break
            chain.append(item)
        if not chain:
            return Section("page", self.page_title())
        chosen = chain[-1]
        parent = chain[-2] if len(chain) > 1 else None
        return Section(
            chosen.key,
            chosen.title or self.page_title(),
            parent.key if parent else "page",
            (parent.title if parent else "") or self.page_title(),
            chosen.level,
        )

    # ------------------------------------------------------------ the walk

    def walk(self) -> None:
        for index, block in joined_definitions(self.page.blocks):
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
        self.evidence.append(text)
        title = self._in_context(parse_title(text, heading=True)) or self._constant(int(key[1:]))
        self._close()
        self.context = []
        name = text.strip().rstrip(":").strip()
        self.stack.append(_Open(level, key, name, title is not None))
        if title is not None:
            self._start(ProseEntry(title, line), "headings")
            self.open_heading = True

    def _paragraph(self, index: int, block: Paragraph) -> None:
        entry = self.open if self.open is not None and self.open.title is not None else None
        if entry is not None and entry.numbered(block):
            return
        if self._symbol_then_number(index, block):
            return
        title = self._in_context(parse_title(block.text, heading=block.title))
        title = title or self._constant(index)
        if title is None and entry is not None and entry.label(block):
            return  # "Message", "Cause:" inside an entry label its parts
        if _label(block.text):
            # "Error codes:" on a line of its own names what follows, like a heading
            self._open_heading(LABEL_LEVEL, f"p{index}", block.text, block.line)
            return
        if title is not None:
            self._close()
            self._start(ProseEntry(title, block.line))
            return
        if is_chrome(block.text) or is_declaration(block.text):
            self._close()  # a declaration of a function or type ends the entry above
            return
        if self.open is not None:
            if self.open.title is not None and self.open.paragraphs and starts_untitled(block.text):
                self._close()
                self._start(ProseEntry(None, block.line))
            self.open.add(block)
            return
        self.context.append(block.text)

    def _in_context(self, title: Title | None) -> Title | None:
        """A keyword title (``always_false``) only where the page talks about errors."""
        if title is None or not needs_error_context(title):
            return title
        return title if self._about_errors(page_title=True) else None

    def _about_errors(self, page_title: bool) -> bool:
        """Whether the section heading, its parent (the page's title only when asked) or
        the lead-in talk about errors, codes or status."""
        section = self.section()
        parent = section.parent_title if page_title or section.parent != "page" else ""
        return about_errors([section.title, parent, *self.context])

    def _constant(self, index: int) -> Title | None:
        """A declaration or bold line naming a constant, in a section about errors."""
        found = self.constants.get(index)
        if found is None:
            return None
        name, run = found
        if run not in self.runs_about_errors:
            # not the page's title: "Socket errors" pages also declare their flags
            self.runs_about_errors[run] = self._about_errors(page_title=False)
        return Title(name, name=name) if self.runs_about_errors[run] else None

    def _symbol_then_number(self, index: int, block: Paragraph) -> bool:
        """``ERROR_QUOTA`` then ``13000 (0x32C8)`` as two plain paragraphs: error 13000,
        named ``ERROR_QUOTA`` (a title the reader did not see as one)."""
        number = NUMBER_LINE.match(" ".join(block.text.split()))
        previous = self.page.blocks[index - 1] if index else None
        if number is None or not isinstance(previous, Paragraph):
            return False
        symbol = " ".join(previous.text.split())
        if not is_identifier_like(symbol):
            return False
        if self.open is not None and self.open.paragraphs[-1:] == [symbol]:
            self.open.paragraphs.pop()
        elif self.context[-1:] == [previous.text]:
            self.context.pop()
        else:
            return False
        self._close()
        self._start(ProseEntry(Title(int(number["code"]), name=symbol), previous.line))
        return True

    def _table(self, table: Table) -> None:
        if table.header is None and table.rows and header_like(table.rows[0], self.roles):
            table = Table(
                table.rows[0],
                table.rows[1:],
                table.row_lines[1:],
                table.line,
                table.caption,
                table.notes,
            )
        if table.header:
            self.headers_seen.append(" | ".join(table.header))
        columns = assign(table.header, table.rows, self.roles)
        width = max([len(table.header or [])] + [len(row) for row in table.rows])
        self.columns_fitted += self.hints.fit_columns(table.header, width, columns)
        candidate = self.trace.add(
            Candidate(
                "table",
                table.line,
                self._table_section(table).title,
                {"rows": len(table.rows), "columns": width},
                column_notes(table.header, width, columns),
            )
        )
        warned = self.warned
        verdict = table_kind(table, columns, self._context_text(table), self.warn, self.where)
        candidate.reason = verdict.reason
        if verdict.kind == "error":
            status = self._group_heading()
            self._close()
            section = self._table_section(table)
            candidate.section = section.title  # a group heading may have become the section
            headings = f"{section.title} {section.parent_title}"
            entries = table_entries(table, columns, headings, self.warn, self.where)
            for entry in entries:
                if status is not None and entry.http_status is None:
                    entry.http_status = status
            context = f"{self._context_text(table)} {self._above(section)}"
            self.evidence.extend([context, *(table.header or [])])
            # a column headed as the messages an API sends back says as much as a heading
            self.message_column |= "message" in columns.roles and not columns.inferred
            if entries:
                part = Part(section, entries, context=context, line=table.line)
                self._keep(part, candidate)
            else:
                candidate.reason += "; no row gave an entry"
            for note in table.notes:
                self.warn(f"{self.where(table.line)}: {note}")
        elif verdict.kind == "parameter":
            body = self.envelope.consider(table, columns, self.context)
            candidate.reason = body.reason
            if body.kind == "envelope":
                candidate.outcome = ENVELOPE
        elif (
            columns.code_from_header
            and columns.has_text
            and not columns.weak_code
            and self.warned == warned
        ):
            # a column headed as codes whose cells are not codes (ranges, prose): say so
            self.warn(
                f"{self.where(table.line)}: table of {len(table.rows)} row(s) headed "
                f"{' | '.join(table.header or [])!r} has a code column but too few codes "
                "in it; table left out"
            )
        if self.open is None:
            self.context = []

    def _group_heading(self) -> int | None:
        """A heading read as an error title ("404 - Not found errors") with a table of codes
        under it names a group: it becomes the section, never an entry (its paragraphs are
        the table's lead-in), and an HTTP status in it is the status of the group's rows."""
        entry, top = self.open, self.stack[-1] if self.stack else None
        if entry is None or not self.open_heading or top is None or not top.is_error:
            return None
        top.is_error = False
        self.open = self.open_section = None
        self.context.extend(entry.paragraphs)  # what it said is the table's lead-in
        code = entry.title.code if entry.title is not None else None
        return code if isinstance(code, int) and 100 <= code <= 599 else None

    def _definitions(self, block: DefinitionList) -> None:
        context = " ".join([self.section().title, *self.context])
        verdict, entries = definition_entries(block, context, self.where, self.warn)
        candidate = self.trace.add(
            Candidate(
                "definition list",
                block.line,
                self.section().title,
                {"items": len(block.items)},
                reason=verdict.reason,
            )
        )
        if verdict.kind != "error":
            return
        self._close()
        self.evidence.append(context)
        if entries:
            section = self.section()
            around = f"{context} {self._above(section)}"
            self._keep(Part(section, entries, context=around, line=block.line), candidate)
        else:
            candidate.reason += "; no term gave an entry"
        self.context = []

    def _start(self, entry: ProseEntry, kind: str = "titled paragraphs") -> None:
        self.evidence.extend(self.context)
        self.open_context = " ".join(self.context)
        self.open_heading = False  # set by the caller when a heading opened the entry
        self.open = entry
        self.open_section = self.section()
        self.open_kind = kind
        self.open_in_section = self.hints.in_section(self._headings())

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
            self.trace.add(
                Candidate(
                    "untitled text",
                    entry.line,
                    section.title,
                    {"paragraphs": len(entry.paragraphs)},
                    reason="reads like an error of its own but has no title (lost from the page?)",
                )
            )
            return
        raw = entry.entry()
        if raw is None:
            return
        last = self.parts[-1] if self.parts else None
        run = self.candidates.get(id(last)) if last is not None else None
        if (
            last is not None
            and run is not None
            and self.open_in_section
            and last.prose
            and last.section.key == section.key
        ):
            last.entries.append(raw)  # one part per run, so a repeated title is a duplicate
            run.size["titles"] += 1
            return
        previous = self.trace.candidates[-1] if self.trace.candidates else None
        if (
            not self.open_in_section
            and previous is not None
            and previous.kind == self.open_kind
            and previous.section == section.title
            and previous.outcome == LEFT_OUT
        ):
            previous.size["titles"] += 1  # the same run, outside the hinted section
            return
        run = self.trace.add(
            Candidate(
                self.open_kind,
                entry.line,
                section.title,
                {"titles": 1},
                reason=f"titles that each name one error, the first code {raw.code!r}",
            )
        )
        around = f"{section.title} {self.open_context} {self._above(section)}"
        self._keep(Part(section, [raw], True, around, entry.line), run, self.open_in_section)

    def _headings(self, caption: str | None = None) -> list[str]:
        """The headings the next block sits under (for the section hint)."""
        texts = [item.title for item in self.stack if not item.is_error]
        if self.page_heading is not None:
            texts.append(self.page_title())
        return [*texts, caption or ""]

    def _keep(self, part: Part, candidate: Candidate, in_section: bool | None = None) -> None:
        """Keep a part's entries, unless the section hint puts it outside the chosen lists
        (``in_section``: decided when a run of titles began)."""
        if in_section is None:
            in_section = self.hints.in_section(self._headings(part.section.title))
        if not in_section:
            candidate.leave_out(f"not under a heading containing {self.hints.section!r} (hint)")
            return
        candidate.outcome, candidate.entries = ENTRIES, part.entries
        self.candidates[id(part)] = candidate
        self.parts.append(part)

    def _left_out(self, part: Part, reason: str) -> None:
        """A later decision (the page's or the part's context) left a kept part out."""
        candidate = self.candidates.get(id(part))
        if candidate is not None:
            candidate.leave_out(reason)

    def check_hints(self) -> None:
        """A hint that matched nothing on the page is an error that names it."""
        self.hints.check_matched(
            self.location,
            self.columns_fitted,
            self.headers_seen,
            any(candidate.outcome == ENTRIES for candidate in self.trace.candidates),
            [b.text for b in self.page.blocks if isinstance(b, Heading)] + [self.page.title or ""],
        )

    # ------------------------------------------------------------ tables

    def _context_text(self, table: Table) -> str:
        section = self.section()
        # a page with no title and no heading says nothing: "Errors" is only our fallback
        title = self._named_title() if section.key == "page" else section.title
        return " ".join([title, table.caption or "", *self.context])

    def _table_section(self, table: Table) -> Section:
        section = self.section()
        if table.caption and table.caption.strip():
            return Section(
                f"caption{table.line}", table.caption.strip(), section.key, section.title, 99
            )
        return section

    def namespaces(self) -> list[RawNamespace]:
        if not self._says_errors():
            for part in self.parts:
                self._left_out(part, NOT_ERRORS)
            return []
        parts = in_error_context(self.parts, self.warn, self.where, self._left_out)
        if self.hints.code_type is not None:
            for part in parts:
                coerce_codes(part.entries, self.hints.code_type, self.where)
        return build_namespaces(parts, self.warn, self.where)

    def _says_errors(self) -> bool:
        """A page lists errors only when it says so somewhere: in its title, a heading, a
        caption, a lead-in, a code column's header or the entries' own words. A table of
        ``Code | Description`` rows under "Date and time format codes" lists formats."""
        texts = [self.page.title or "", *self.evidence]
        texts += [block.text for block in self.page.blocks if isinstance(block, Heading)]
        texts += [
            f"{entry.code} {entry.message} {entry.description or ''}"
            for part in self.parts
            for entry in part.entries
        ]
        statuses = any(  # codes read as HTTP statuses (their reason phrases) are statuses
            part.entries and all(entry.http_status is not None for entry in part.entries)
            for part in self.parts
        )
        return self.message_column or statuses or says_errors(texts)

    def nothing_found(self) -> str:
        if self.parts and not self._says_errors():
            codes = ", ".join(str(e.code) for part in self.parts for e in part.entries[:3])
            return (
                f"no error list found: codes were listed ({codes}, ...) but nothing on the "
                "page (title, headings, captions, lead-in, column headers) says they are "
                "errors, statuses, failures or return values"
            )
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


__all__ = ["interpret", "Interpretation"]
