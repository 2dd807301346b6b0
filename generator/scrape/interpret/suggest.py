"""Suggested hints: when a page yields nothing (or a list was left out), the hints that
would settle it, computed from the candidates the walk left out, each tried on the page.

Two kinds, as issue 23 asks: ``--columns`` naming the code (and message) column of a table
that was left out (a column of unique numbers beside prose, or the column its header
words call the code), and ``--section`` naming the heading that holds the most code-like
items left out. A suggestion is only offered with the entry count scraping with it gives.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any, Callable

from generator.errors import InputError
from generator.scrape.document import Page, Table
from generator.scrape.interpret.hint_columns import columns_hint
from generator.scrape.interpret.hints import Hints
from generator.scrape.interpret.lists import with_header
from generator.scrape.interpret.trace import LEFT_OUT, Candidate, Trace

# at most this many hints are tried and offered for one page
MAX_SUGGESTIONS = 4
# a list needs this many items to be worth a hint
MIN_ITEMS = 2
# the candidates' size keys that count code-like items
ITEM_KEYS = ("rows", "items", "titles")

# scraping the page with the hints given: the entries it gives (raises InputError)
Trial = Callable[[dict[str, Any]], int]


@dataclass(frozen=True)
class Suggestion:
    hints: dict[str, str]  # as ``hints:`` in providers.yaml
    why: str  # the candidate it would settle, in words
    entries: int = 0  # what scraping with it gave

    def flags(self) -> str:
        """The hint as ``scrape`` flags."""
        return " ".join(
            f"--{key.replace('_', '-')} {shlex.quote(value)}" for key, value in self.hints.items()
        )


def _items(candidate: Candidate) -> int:
    return sum(candidate.size.get(key, 0) for key in ITEM_KEYS)


def _table_hints(page: Page, trace: Trace) -> list[Suggestion]:
    """A ``--columns`` hint for each table left out (the walk made one candidate per table,
    in page order)."""
    tables = [with_header(block, Hints()) for block in page.blocks if isinstance(block, Table)]
    candidates = [c for c in trace.candidates if c.kind == "table"]
    found: list[Suggestion] = []
    for table, candidate in zip(tables, candidates):
        if candidate.outcome != LEFT_OUT or len(table.rows) < MIN_ITEMS:
            continue
        code = next((c.index - 1 for c in candidate.columns if c.role == "code"), None)
        hint = columns_hint(table.header, table.rows, code)
        if hint is not None:
            at = f" at line {table.line}" if table.line else ""
            why = f"the table{at} was left out: {candidate.reason}"
            found.append(Suggestion({"columns": hint}, why))
    return found


def _section_hints(trace: Trace) -> list[Suggestion]:
    """A ``--section`` hint for the headings holding the most code-like items left out."""
    held: dict[str, int] = {}
    for candidate in trace.candidates:
        if candidate.outcome == LEFT_OUT and candidate.section.strip():
            held[candidate.section] = held.get(candidate.section, 0) + _items(candidate)
    ranked = sorted(held.items(), key=lambda pair: -pair[1])
    return [
        Suggestion({"section": title}, f"{count} code-like item(s) under {title!r} were left out")
        for title, count in ranked
        if count >= MIN_ITEMS
    ]


def suggestions(page: Page, trace: Trace, given: dict[str, Any], trial: Trial) -> list[Suggestion]:
    """The hints that would read more of the page, each tried (with the hints ``given``),
    best first; a hint that gives nothing is not offered."""
    proposed = [*_section_hints(trace), *_table_hints(page, trace)][: MAX_SUGGESTIONS * 2]
    tried: list[Suggestion] = []
    seen: set[str] = set()
    for suggestion in proposed:
        if suggestion.flags() in seen:
            continue
        seen.add(suggestion.flags())
        try:
            count = trial({**given, **suggestion.hints})
        except InputError:
            continue
        if count:
            tried.append(Suggestion(suggestion.hints, suggestion.why, count))
    tried.sort(key=lambda item: -item.entries)
    return tried[:MAX_SUGGESTIONS]


def entries_in_words(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def in_words(found: list[Suggestion]) -> str:
    """The suggestions for an error or warning: ``--section 'X' (5 entries), ...``."""
    return ", ".join(f"{item.flags()} ({entries_in_words(item.entries)})" for item in found)


__all__ = ["Suggestion", "suggestions", "in_words", "entries_in_words", "MAX_SUGGESTIONS"]
