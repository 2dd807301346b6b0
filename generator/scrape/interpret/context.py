"""The context pass: what the words around the lists say. Is the page a list of errors at
all, and which of its code tables list errors rather than opcodes, permissions or formats.

The words are the vocabulary's (vocabulary.py).
"""

from __future__ import annotations

from typing import Callable

from generator.scrape.document import Heading, Page
from generator.scrape.interpret import registry
from generator.scrape.interpret.vocabulary import (
    identifier_words,
    names_codes,
    says_errors,
    says_failure,
)
from generator.scrape.interpret.found import Found
from generator.scrape.interpret.sections import Part
from generator.scrape.interpret.status_pass import has_status

Warn = Callable[[str], None]
Where = Callable[[int | None], str]

# the rules (rules.yaml) of this pass
PAGE_RULE = "context.page_says_errors"
OTHERS_RULE = "context.error_lists_exclude_others"

# why every list of a page that never says "error" is left out (``--explain``)
NOT_ERRORS = (
    "nothing on the page (title, headings, captions, lead-in, column headers) says "
    "these codes are errors, statuses, failures or return values"
)


def error_parts(page: Page, found: Found, warn: Warn, where: Where) -> list[Part]:
    """The parts that list errors: none when the page never says so, else those in an
    error context (the others are left out in the trace, with the rule that did it)."""
    if not page_says_errors(page, found):
        named = [part for part in found.parts if found.kept_by_hint(part, NOT_ERRORS, PAGE_RULE)]
        kept = {id(part) for part in named}
        for part in found.parts:
            if id(part) not in kept:
                found.left_out(part, NOT_ERRORS, PAGE_RULE)
        return named
    return in_error_context(found.parts, warn, where, found)


def page_says_errors(page: Page, found: Found) -> bool:
    """A page lists errors only when it says so somewhere: in its title, a heading, a
    caption, a lead-in, a code column's header or the entries' own words. A table of
    ``Code | Description`` rows under "Date and time format codes" lists formats."""
    if not registry.on(PAGE_RULE):
        return True
    texts = [page.title or "", *found.evidence]
    texts += [block.text for block in page.blocks if isinstance(block, Heading)]
    own = (  # built only when nothing before it says errors (a generator: any() stops early)
        f"{entry.code} {entry.message} {entry.description or ''} "
        f"{identifier_words(entry.name or '')}"
        for part in found.parts
        for entry in part.entries
    )
    statuses = any(  # codes read as HTTP statuses (their reason phrases) are statuses
        part.entries and all(has_status(part, entry) for entry in part.entries)
        for part in found.parts
    )
    return found.message_column or statuses or says_errors(texts) or says_failure(own)


def in_error_context(parts: list[Part], warn: Warn, where: Where, found: Found) -> list[Part]:
    """When some code tables or lists of a page sit under words for errors or statuses, a
    code table or definition list with no such word around it (``Gateway Opcodes``,
    ``Permissions``, ``Matching criteria``) lists something else; it is left out, with a
    warning (and the trace is told why)."""
    if not registry.on(OTHERS_RULE):
        return parts
    if not says_errors(part.context for part in parts if part.line is not None):
        return parts
    kept: list[Part] = []
    for part in parts:
        # a table under a heading naming one HTTP status ("409 Conflict") is under a status
        if part.line is not None and part.group_status is None and not _names_codes(part.context):
            reason = (
                "other tables of the page sit under error or status headings and this "
                "one's headings name neither"
            )
            if found.kept_by_hint(part, f"not under an error heading: {reason}", OTHERS_RULE):
                kept.append(part)
                continue
            warn(
                f"{where(part.line)}: list of {len(part.entries)} code(s) under "
                f"{part.section.title!r} left out: {reason}"
            )
            found.left_out(part, f"not under an error heading: {reason}", OTHERS_RULE)
            continue
        kept.append(part)
    return kept


def _names_codes(text: str) -> bool:
    return names_codes([text]) or says_errors([text])


__all__ = ["error_parts", "page_says_errors", "in_error_context", "NOT_ERRORS"]
