"""``scrape --suggest``: the hints that would read more of a page, each with the entries
scraping with it gives, computed from the candidates its reading left out.

The page is loaded and read once; each suggestion is tried on the read page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.errors import InputError
from generator.scrape.interpret.suggest import Suggestion, entries_in_words
from generator.scrape.interpret.trace import Trace


@dataclass
class Suggested:
    entries: int  # what the page gives as read now (with the hints given)
    error: str | None  # why it gives nothing, when it gives nothing
    hints: list[Suggestion]


def suggest_page(
    location: str, fmt: str = "auto", hints: dict[str, Any] | None = None
) -> Suggested:
    """The page's reading with ``hints`` and the hints that would read more of it."""
    from generator.scrape.interpret.hints import parse_hints
    from generator.scrape.interpret.walker import interpret, suggested
    from generator.scrape.pipeline import STDIN, read_page, read_stdin
    from generator.scrape.fetch import load_source
    from generator.scrape.readers.select import SelectError

    fetched = read_stdin() if location == STDIN else load_source(location)
    if fmt in (None, "", "auto"):
        from generator.scrape.readers.detect import detect_format

        fmt = detect_format(fetched.text, fetched.media_type, location)
    try:
        page = read_page(fetched.text, fmt, parse_hints(hints, location).select)
    except SelectError as exc:  # as scrape says it: naming the page
        raise InputError(f"{location}: {exc}") from exc
    trace = Trace()
    try:
        result = interpret(page, location, lambda _: None, hints, trace, suggest=False)
        entries, error = sum(len(ns.entries) for ns in result.namespaces), None
    except InputError as exc:
        entries, error = 0, str(exc)
    return Suggested(entries, error, suggested(page, location, hints, trace))


def to_text(found: Suggested, location: str) -> str:
    """One line per suggestion (the flags, then the entries and why), best first."""
    error = (found.error or "").removeprefix(f"{location}: ")
    now = entries_in_words(found.entries) if found.error is None else f"nothing ({error})"
    lines = [f"{location}: as read now: {now}"]
    for item in found.hints:
        lines.append(f"{item.flags()}\n    {entries_in_words(item.entries)}; {item.why}")
    if not found.hints:
        lines.append("no hint found that reads more of the page (see --explain)")
    return "\n".join(lines) + "\n"


__all__ = ["Suggested", "suggest_page", "to_text"]
