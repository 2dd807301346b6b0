"""What the words around a list say: is it a list of errors at all, and which of a page's
code tables list errors rather than opcodes, permissions or formats.

The words are data (``context`` in ``header_words.yaml``), in any script.
"""

from __future__ import annotations

from typing import Callable, Iterable

from generator.scrape.interpret.columns import CONTEXT_WORDS, ERROR_WORDS
from generator.scrape.interpret.sections import Part

Warn = Callable[[str], None]
Where = Callable[[int | None], str]


def says_errors(texts: Iterable[str]) -> bool:
    """Some text names errors, statuses, failures or return values ("codes" is not enough)."""
    return any(ERROR_WORDS.search(text) for text in texts)


def in_error_context(
    parts: list[Part],
    warn: Warn,
    where: Where,
    left_out: Callable[[Part, str], None] = lambda part, reason: None,
) -> list[Part]:
    """When some code tables or lists of a page sit under words for errors or statuses, a
    code table or definition list with no such word around it (``Gateway Opcodes``,
    ``Permissions``, ``Matching criteria``) lists something else; it is left out, with a
    warning (and ``left_out`` is told why)."""
    if not any(ERROR_WORDS.search(part.context) for part in parts if part.line is not None):
        return parts
    kept: list[Part] = []
    for part in parts:
        if part.line is not None and not _names_codes(part.context):
            reason = (
                "other tables of the page sit under error or status headings and this "
                "one's headings name neither"
            )
            warn(
                f"{where(part.line)}: list of {len(part.entries)} code(s) under "
                f"{part.section.title!r} left out: {reason}"
            )
            left_out(part, f"not under an error heading: {reason}")
            continue
        kept.append(part)
    return kept


def _names_codes(text: str) -> bool:
    return bool(CONTEXT_WORDS.search(text) or ERROR_WORDS.search(text))


__all__ = ["says_errors", "in_error_context"]
