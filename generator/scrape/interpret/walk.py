"""The segment pass: one walk over a page's blocks, in order, finding the candidates (tables,
definition lists, runs of error titles), each with its section and lead-in, and handing each
to its deciding function as it is met.

Segmenting and deciding share this walk because what a paragraph is (a title, a lead-in, a
label, a paragraph of the entry above) decides where the next candidate starts. Everything
the later passes need is in the :class:`Found` record this returns; the walk's own state
(the open headings, the open run, the lead-in) ends with it.
"""

from __future__ import annotations

import re
from typing import Callable

from generator.lazyre import lazy
from generator.scrape.document import DefinitionList, Heading, Page, Paragraph, Table
from generator.scrape.interpret import by_hint, lists, registry
from generator.scrape.interpret.codes import is_identifier_like, parse_token
from generator.scrape.interpret.columns import Columns
from generator.scrape.interpret.entries import NUMBER_LINE, ProseEntry, Title
from generator.scrape.interpret.found import Found
from generator.scrape.interpret.hints import Hints
from generator.scrape.interpret.outline import Outline
from generator.scrape.interpret.prose import (
    constant_titles,
    is_chrome,
    is_declaration,
    joined_definitions,
    needs_error_context,
    parse_title,
    starts_untitled,
)
from generator.scrape.interpret.runs import OpenRun, close
from generator.scrape.interpret.sections import Part, Section
from generator.scrape.interpret.tables import table_entries
from generator.scrape.interpret.trace import Candidate, Trace
from generator.scrape.interpret.vocabulary import names_codes

Warn = Callable[[str], None]

# the rule (rules.yaml) that lets only claimed columns' headers say what a table lists
UNCLAIMED_RULE = "context.unclaimed_headers_say_nothing"
# a label line ("Error codes:") acts as a heading below every real heading level
LABEL_LEVEL = 7
# a sentence of this many words introduces what follows; it is not a title
LEAD_IN_WORDS = 9
LEAD_IN = lazy(
    r"^(this|these|the following|following|below|here|you can|all|each|every)\b|\bthe following\b",
    re.IGNORECASE,
)
# a label line has at most this many words ("Error codes:")
LABEL_WORDS = 5


def walk(page: Page, location: str, warn: Warn, hints: Hints, trace: Trace) -> Found:
    """Every candidate of the page, decided, and the parts kept."""
    walker = _Walk(page, location, warn, hints, trace)
    for index, block in joined_definitions(page.blocks):
        if isinstance(block, Heading):
            walker.heading(index, block)
        elif isinstance(block, Paragraph):
            walker.paragraph(index, block)
        elif isinstance(block, Table):
            walker.table(block)
        elif isinstance(block, DefinitionList):
            walker.definitions(block)
    walker.close()
    return walker.found


class _Walk:
    """The state of one walk: open headings, the open run of titles, the lead-in."""

    def __init__(self, page: Page, location: str, warn: Warn, hints: Hints, trace: Trace):
        self.page, self.location, self.hints = page, location, hints
        self.warned = 0  # warnings given so far: a table already reported is not reported twice
        self.outer_warn = warn
        self.found = Found(trace)
        if hints.section is not None:
            self.found.section_hint = by_hint.SECTION_LIFT_RULE
        self.outline = Outline.of(page)
        self.context: list[str] = []  # paragraphs since the last heading or table
        self.run: OpenRun | None = None
        self.constants = constant_titles(page.blocks)
        self.runs_about_errors: dict[int, bool] = {}

    def warn(self, message: str) -> None:
        self.warned += 1
        self.outer_warn(message)

    def where(self, line: int | None) -> str:
        return f"{self.location}:{line}" if line else self.location

    # ------------------------------------------------------------ headings and titles

    def heading(self, index: int, block: Heading) -> None:
        if index == self.outline.heading_index:
            return
        if _lead_in(block.text) and self.outline.in_plain_section():
            # "This endpoint can fail with the following codes:" guessed as a heading by a
            # plain-text reader introduces a table; the section keeps its real heading
            self.context.append(block.text)
            return
        self.open_heading(block.level, f"h{index}", block.text, block.line)

    def open_heading(self, level: int, key: str, text: str, line: int | None) -> None:
        self.outline.close_to(level)
        self.found.evidence.append(text)
        title = self.in_context(parse_title(text, heading=True)) or self.constant(int(key[1:]))
        self.close()
        self.context = []
        self.outline.push(level, key, text, title is not None)
        if title is not None:
            self.start(ProseEntry(title, line), "headings")
            assert self.run is not None
            self.run.heading = True

    def paragraph(self, index: int, block: Paragraph) -> None:
        entry = self.run.entry if self.run is not None else None
        if entry is not None and entry.title is None:
            entry = None
        if entry is not None and entry.numbered(block):
            return
        if self.symbol_then_number(index, block):
            return
        title = self.in_context(parse_title(block.text, heading=block.title))
        title = title or self.constant(index)
        if title is None and entry is not None and entry.label(block):
            return  # "Message", "Cause:" inside an entry label its parts
        if _label(block.text):
            # "Error codes:" on a line of its own names what follows, like a heading
            self.open_heading(LABEL_LEVEL, f"p{index}", block.text, block.line)
            return
        if title is not None:
            self.close()
            self.start(ProseEntry(title, block.line))
            return
        self.text(block)

    def text(self, block: Paragraph) -> None:
        """A paragraph that is no title: it ends, continues or opens an entry, or leads in."""
        if is_chrome(block.text) or is_declaration(block.text):
            self.close()  # a declaration of a function or type ends the entry above
            return
        run = self.run
        if run is None:
            self.context.append(block.text)
            return
        if run.entry.title is not None and run.entry.paragraphs and starts_untitled(block.text):
            self.close()
            self.start(ProseEntry(None, block.line))
            run = self.run
            assert run is not None
        run.entry.add(block)

    def in_context(self, title: Title | None) -> Title | None:
        """A keyword title (``always_false``) only where the page talks about errors."""
        if title is None or not needs_error_context(title):
            return title
        return title if self.about_errors(page_title=True) else None

    def about_errors(self, page_title: bool) -> bool:
        """Whether the section heading, its parent (the page's title only when asked) or
        the lead-in talk about errors, codes or status."""
        section = self.outline.section()
        parent = section.parent_title if page_title or section.parent != "page" else ""
        return names_codes([section.title, parent, *self.context])

    def constant(self, index: int) -> Title | None:
        """A declaration or bold line naming a constant, in a section about errors."""
        found = self.constants.get(index)
        if found is None:
            return None
        name, run = found
        if run not in self.runs_about_errors:
            # not the page's title: "Socket errors" pages also declare their flags
            self.runs_about_errors[run] = self.about_errors(page_title=False)
        return Title(name, name=name) if self.runs_about_errors[run] else None

    def symbol_then_number(self, index: int, block: Paragraph) -> bool:
        """``ERROR_QUOTA`` then ``13000 (0x32C8)`` as two plain paragraphs: error 13000,
        named ``ERROR_QUOTA`` (a title the reader did not see as one)."""
        number = NUMBER_LINE.match(" ".join(block.text.split()))
        previous = self.page.blocks[index - 1] if index else None
        parsed = parse_token(number["code"]) if number is not None else None
        if parsed is None or not isinstance(previous, Paragraph):
            return False  # a parsed token keeps "017" as text: a leading zero is written
        symbol = " ".join(previous.text.split())
        if not is_identifier_like(symbol):
            return False
        if self.run is not None and self.run.entry.paragraphs[-1:] == [symbol]:
            self.run.entry.paragraphs.pop()
        elif self.context[-1:] == [previous.text]:
            self.context.pop()
        else:
            return False
        self.close()
        self.start(ProseEntry(Title(parsed.code, name=symbol), previous.line))
        return True

    def start(self, entry: ProseEntry, kind: str = "titled paragraphs") -> None:
        self.found.evidence.extend(self.context)
        section = self.outline.section()
        inside = self.hints.in_section(self.outline.headings())
        self.run = OpenRun(
            entry,
            section,
            " ".join(self.context),
            self.outline.above(section),
            kind,
            None if inside else self.hints.section,
        )

    def close(self) -> None:
        run, self.run = self.run, None
        close(run, self.found, self.warn, self.where)

    # ------------------------------------------------------------ tables and lists

    def table(self, table: Table) -> None:
        table = lists.with_header(table, self.hints)
        section = self.table_section(table)
        columns, candidate, code_hinted = lists.table_candidate(
            table, self.hints, section.title, self.found
        )
        warned = self.warned
        verdict = lists.table_verdict(
            table,
            columns,
            self.context_text(table),
            self.warn,
            self.where,
            code_hinted,
            self.in_section_hint(section.title),
        )
        candidate.decided(verdict)
        if verdict.kind == "error":
            hint = by_hint.COLUMNS_RULE if code_hinted is not None else ""
            self.error_table(table, columns, candidate, hint)
        elif verdict.kind == "parameter":
            lists.parameter_table(table, columns, self.context, self.found, candidate)
        elif self.warned == warned:
            lists.code_header_warning(table, columns, self.warn, self.where)
        code = columns.roles.get("code")
        lists.verdict_confidence(verdict, candidate, self.warn, self.where, table, code)
        if self.run is None:
            self.context = []

    def error_table(
        self, table: Table, columns: Columns, candidate: Candidate, hint: str = ""
    ) -> None:
        """The entries of a table that lists errors, as a part of its section (``hint``:
        the rule of the hint that named it)."""
        status = self.group_heading()
        self.close()
        section = self.table_section(table)
        candidate.section = section.title  # a group heading may have become the section
        headings = f"{section.title} {section.parent_title}"
        entries = table_entries(table, columns, headings, self.warn, self.where)
        context = f"{self.context_text(table)} {self.outline.above(section)}"
        self.found.evidence.extend([context, *_role_headers(table, columns)])
        # a column headed as the messages an API sends back says as much as a heading
        self.found.message_column |= "message" in columns.roles and not columns.inferred
        if entries:
            part = Part(section, entries, context=context, line=table.line, group_status=status)
            self.found.keep(part, candidate, self.outside(section.title), hint)
        else:
            candidate.reason += "; no row gave an entry"
        for note in table.notes:
            self.warn(f"{self.where(table.line)}: {note}")

    def in_section_hint(self, caption: str) -> bool:
        """Whether a section hint is given and the next list sits under it."""
        return self.hints.section is not None and self.outside(caption) is None

    def outside(self, caption: str) -> str | None:
        """The section hint's text when the list is outside it, else None."""
        return None if self.hints.in_section(self.outline.headings(caption)) else self.hints.section

    def group_heading(self) -> int | None:
        """A heading read as an error title ("404 - Not found errors") with a table of codes
        under it names a group: it becomes the section, never an entry (its paragraphs are
        the table's lead-in), and an HTTP status in it is the status of the group's rows."""
        run, top = self.run, self.outline.error_title_on_top()
        if run is None or not run.heading or top is None:
            return None
        top.is_error = False
        self.run = None
        self.context.extend(run.entry.paragraphs)  # what it said is the table's lead-in
        code = run.entry.title.code if run.entry.title is not None else None
        return code if isinstance(code, int) and 100 <= code <= 599 else None

    def definitions(self, block: DefinitionList) -> None:
        section = self.outline.section()
        context = " ".join([section.title, *self.context])
        inside = self.in_section_hint(section.title)
        verdict, entries = lists.definitions_verdict(block, context, self.warn, self.where, inside)
        candidate = self.found.trace.add(
            Candidate("definition list", block.line, section.title, {"items": len(block.items)})
        )
        candidate.decided(verdict)
        if verdict.kind != "error":
            return
        self.close()
        self.found.evidence.append(context)
        if entries:
            section = self.outline.section()
            around = f"{context} {self.outline.above(section)}"
            part = Part(section, entries, context=around, line=block.line)
            self.found.keep(part, candidate, self.outside(section.title))
        else:
            candidate.reason += "; no term gave an entry"
        self.context = []

    def context_text(self, table: Table) -> str:
        section = self.outline.section()
        # a page with no title and no heading says nothing: "Errors" is only our fallback
        title = self.outline.named_title() if section.key == "page" else section.title
        return " ".join([title, table.caption or "", *self.context])

    def table_section(self, table: Table) -> Section:
        section = self.outline.section()
        if table.caption and table.caption.strip():
            return Section(
                f"caption{table.line}", table.caption.strip(), section.key, section.title, 99
            )
        return section


def _role_headers(table: Table, columns: Columns) -> list[str]:
    """The headers of the columns given a role: a column no role claimed ("Return Model")
    says nothing about what the table lists."""
    header = table.header or []
    if not registry.on(UNCLAIMED_RULE):
        return list(header)
    claimed = {*columns.roles.values(), *columns.others.values()}
    return [text for index, text in enumerate(header) if index in claimed]


def _label(text: str) -> bool:
    """A short line ending in ':' that names a list (``Error codes:``), not a sentence."""
    text = " ".join(text.split())
    body = text[:-1]
    return (
        text.endswith(":")
        and 0 < len(body.split()) <= LABEL_WORDS
        and not re.search(r"[.:;!?\"\u201c]", body)
        and not _lead_in(body)
    )


def _lead_in(text: str) -> bool:
    """A sentence that introduces what follows, not a section title."""
    return bool(LEAD_IN.search(text)) or len(text.split()) >= LEAD_IN_WORDS


__all__ = ["walk"]
