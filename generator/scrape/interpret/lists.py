"""Tables and definition lists as candidates: recorded in the trace, decided by the
deciding functions (``tables.table_kind``, ``prose.definition_entries``), each verdict
carrying the registered rule that decided it.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import Callable

from generator.scrape.document import DefinitionList, Table
from generator.scrape.interpret import by_hint, registry
from generator.scrape.interpret.columns import Columns, assign
from generator.scrape.interpret.found import Found
from generator.scrape.interpret.hint_columns import columns_hint
from generator.scrape.interpret.hints import Hints
from generator.scrape.interpret.prose import definition_entries
from generator.scrape.interpret.tables import (
    fold_code_text_cells,
    fold_side_by_side,
    header_like,
    table_kind,
)
from generator.spec.model import RawEntry
from generator.scrape.interpret.confidence import runner_up, section_hint, warn_unsure
from generator.scrape.interpret.trace import ENVELOPE, Candidate, column_notes
from generator.scrape.interpret.verdict import Verdict

Warn = Callable[[str], None]
Where = Callable[[int | None], str]

# the rules (rules.yaml) that decide a table's and a definition list's fate, whichever way
TABLE_RULE = "decide.table_lists_errors"
DEFINITIONS_RULE = "decide.definitions_list_errors"


def with_header(table: Table, hints: Hints) -> Table:
    """A table whose first row reads as a header (and has none) gets it as its header; a
    header repeating a group of columns is read as one group (side-by-side entries)."""
    if table.header is None and table.rows and header_like(table.rows[0], hints.roles):
        table = Table(
            table.rows[0],
            table.rows[1:],
            table.row_lines[1:],
            table.line,
            table.caption,
            table.notes,
        )
    return fold_side_by_side(fold_code_text_cells(table))


def table_candidate(
    table: Table, hints: Hints, section: str, found: Found
) -> tuple[Columns, Candidate, str | None]:
    """The table's column roles (the columns hint applied), its candidate in the trace,
    and the code column the columns hint named on it (None when it named none here)."""
    if table.header:
        found.headers_seen.append(" | ".join(table.header))
    columns = assign(table.header, table.rows, hints.roles)
    width = max([len(table.header or [])] + [len(row) for row in table.rows])
    fitted = hints.fit_columns(table.header, width, columns)
    found.columns_fitted += fitted
    code_hinted = str(hints.columns["code"]) if fitted and "code" in hints.columns else None
    candidate = found.trace.add(
        Candidate(
            "table",
            table.line,
            section,
            {"rows": len(table.rows), "columns": width},
            column_notes(table.header, width, columns),
        )
    )
    return columns, candidate, code_hinted


def verdict_confidence(
    verdict: Verdict,
    candidate: Candidate,
    warn: Warn,
    where: Where,
    table: Table | None = None,
    code: int | None = None,
) -> None:
    """A table's verdict won by a small margin over a reading that had evidence of its own
    (a tie of two readings nobody spoke for is no contest): say so, with the hint that
    settles it (for a table left out, the columns its cells suggest; ``code``: the column
    read as its codes)."""
    second = runner_up(list(verdict.readings))
    if second is None or not second.evidence:
        return
    if verdict.kind == "error":
        what, hint = f"kept ({verdict.reason})", section_hint(candidate)
    else:
        columns = columns_hint(table.header, table.rows, code) if table is not None else None
        what, hint = f"left out ({verdict.reason})", "--columns " + shlex.quote(
            columns or "code=COLUMN"
        )
    warn_unsure(candidate, verdict.margin, what, hint, warn, where)


def table_verdict(
    table: Table,
    columns: Columns,
    context: str,
    warn: Warn,
    where: Where,
    code_hinted: str | None = None,
    in_section: bool = False,
) -> Verdict:
    """Whether the table lists errors, describes parameters, or neither; a hint that
    names the table has the last word (by_hint.py), and then the warnings of the verdict
    it overrode are not given."""
    heard: list[str] = []
    hinted = code_hinted is not None or in_section
    verdict = table_kind(table, columns, context, heard.append if hinted else warn, where)
    if verdict.kind == "error" and not registry.on(TABLE_RULE):
        verdict = Verdict("other", "tables are not read as error lists (rule off)")
    verdict = replace(verdict, rule=verdict.rule or TABLE_RULE)
    final = by_hint.table_verdict(verdict, code_hinted, in_section)
    for message in [] if final.overrode else heard:
        warn(message)
    return final


def parameter_table(
    table: Table, columns: Columns, context: list[str], found: Found, candidate: Candidate
) -> None:
    """A parameters table may describe the error body: the envelope."""
    body = found.envelope.consider(table, columns, context)
    candidate.reason = body.reason
    if body.kind == "envelope":
        candidate.outcome = ENVELOPE


def code_header_warning(table: Table, columns: Columns, warn: Warn, where: Where) -> None:
    """A column headed as codes whose cells are not codes (ranges, prose): say so."""
    if columns.code_from_header and columns.has_text and not columns.weak_code:
        warn(
            f"{where(table.line)}: table of {len(table.rows)} row(s) headed "
            f"{' | '.join(table.header or [])!r} has a code column but too few codes "
            "in it; table left out"
        )


def definitions_verdict(
    block: DefinitionList, context: str, warn: Warn, where: Where, in_section: bool = False
) -> tuple[Verdict, list[RawEntry]]:
    """Whether the definition list's terms are codes of errors, and its entries; under
    the section hint the words around it need not name errors (by_hint.py)."""
    verdict, entries = definition_entries(block, context, where, warn)
    if verdict.kind != "error" and in_section:
        heard: list[str] = []
        lifted, more = definition_entries(block, context, where, heard.append, in_context=True)
        verdict = by_hint.lifted_definitions(verdict, lifted)
        if verdict.overrode:
            entries = more
            for message in heard:
                warn(message)
    if verdict.kind == "error" and not registry.on(DEFINITIONS_RULE):
        verdict, entries = Verdict("other", "definition lists are not read (rule off)"), []
    return replace(verdict, rule=verdict.rule or DEFINITIONS_RULE), entries


__all__ = [
    "TABLE_RULE",
    "DEFINITIONS_RULE",
    "with_header",
    "table_candidate",
    "table_verdict",
    "verdict_confidence",
    "parameter_table",
    "code_header_warning",
    "definitions_verdict",
]
