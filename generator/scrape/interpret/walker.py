"""From a read page to namespaces of raw entries: the interpreter's passes, in order.

    segment + decide + extract   walk.py (outline, runs, lists): candidates -> parts
    context                      context.py: does the page, does each part, list errors
    typing                       hints.coerce_codes: a ``code_type`` hint wins
    status                       status_pass.py: one HTTP status per entry, by precedence
    sections                     sections.py: parts -> namespaces

Nothing here knows a provider: what a page gets wrong goes in its overrides file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from generator.errors import InputError
from generator.spec.model import Envelope, RawNamespace
from generator.scrape.document import Heading, Page
from generator.scrape.interpret import registry
from generator.scrape.interpret.by_hint import CODE_TYPE_RULE
from generator.scrape.interpret.context import error_parts, page_says_errors
from generator.scrape.interpret.found import Found
from generator.scrape.interpret.hints import Hints, coerce_codes, parse_hints
from generator.scrape.interpret.sections import build_namespaces
from generator.scrape.interpret.status_pass import entry_statuses, namespace_statuses
from generator.scrape.interpret.trace import ENTRIES, Trace
from generator.scrape.interpret.walk import walk

if TYPE_CHECKING:  # suggesting runs only when a page yields nothing
    from generator.scrape.interpret.suggest import Suggestion

Warn = Callable[[str], None]


@dataclass
class Interpretation:
    namespaces: list[RawNamespace]
    envelope: Envelope | None
    trace: Trace


def interpret(
    page: Page,
    location: str,
    warn: Warn,
    hints: dict[str, Any] | None = None,
    trace: Trace | None = None,
    suggest: bool = True,
) -> Interpretation:
    """Namespaces and envelope of ``page``; raise InputError when it has no error list
    (naming the hints that would read one, when ``suggest`` and some would).

    ``trace`` (filled even when this raises) records every candidate and its fate."""
    trace = trace if trace is not None else Trace()
    parsed = parse_hints(hints, location)
    found = walk(page, location, warn, parsed, trace)
    try:
        _check_hints(page, location, parsed, found)
        namespaces = _namespaces(page, location, warn, parsed, found)
        if not namespaces:
            said = _nothing_found(page, found)
            found_hints = suggested(page, location, hints, trace) if suggest else []
            if found_hints:
                from generator.scrape.interpret.suggest import in_words

                said += f"; a hint would read it: {in_words(found_hints)}"
            raise InputError(f"{location}: {said}")
    except InputError as exc:
        trace.error = str(exc)
        raise
    trace.settle(namespaces)
    return Interpretation(namespaces, found.envelope.result(), trace)


def suggested(
    page: Page, location: str, hints: dict[str, Any] | None, trace: Trace
) -> list[Suggestion]:
    """The hints that would read more of the page than ``trace`` (its reading with
    ``hints``) did, each with the entries scraping with it gives."""
    from generator.scrape.interpret.suggest import suggestions

    def trial(tried: dict[str, Any]) -> int:
        result = interpret(page, location, lambda _: None, tried, suggest=False)
        return sum(len(namespace.entries) for namespace in result.namespaces)

    return suggestions(page, trace, dict(hints or {}), trial)


def _namespaces(
    page: Page, location: str, warn: Warn, hints: Hints, found: Found
) -> list[RawNamespace]:
    """The passes after the walk: context, typing, status, sections."""

    def where(line: int | None) -> str:
        return f"{location}:{line}" if line else location

    parts = error_parts(page, found, warn, where)
    if hints.code_type is not None and registry.on(CODE_TYPE_RULE):
        for part in parts:
            coerce_codes(part.entries, hints.code_type, where)
    entry_statuses(parts)
    placed = build_namespaces(parts, warn, where)
    namespace_statuses(placed)
    return [item.namespace for item in placed]


def _check_hints(page: Page, location: str, hints: Hints, found: Found) -> None:
    """A hint that matched nothing on the page is an error that names it."""
    hints.check_matched(
        location,
        found.columns_fitted,
        found.headers_seen,
        any(candidate.outcome == ENTRIES for candidate in found.trace.candidates),
        [b.text for b in page.blocks if isinstance(b, Heading)] + [page.title or ""],
    )


def _nothing_found(page: Page, found: Found) -> str:
    if found.parts and not page_says_errors(page, found):
        codes = ", ".join(str(e.code) for part in found.parts for e in part.entries[:3])
        return (
            f"no error list found: codes were listed ({codes}, ...) but nothing on the "
            "page (title, headings, captions, lead-in, column headers) says they are "
            "errors, statuses, failures or return values"
        )
    tables = ", ".join(f"[{header}]" for header in found.headers_seen[:5]) or "none"
    return (
        "no error table found: looked for a table with a code/status/error column and "
        "a message/reason/description column, headings or titles naming one error each "
        "('\"message\"', 'NAME (n)', 'E101 - text', '404 Not Found') and definition "
        f"lists of codes; table headers seen: {tables}"
    )


__all__ = ["interpret", "Interpretation", "suggested"]
