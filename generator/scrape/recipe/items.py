"""One entry a recipe found, before its fields are read: the same record for HTML
elements and for blocks of the page model, so the fields are read one way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from generator.scrape.interpret.sections import Section

Pick = Callable[[str], "str | None"]


def no_part(sub: str) -> str | None:
    return None


@dataclass
class Item:
    """An entry: its own text, the lines of what follows it up to the next entry (a
    heading's paragraphs, a term's definition), where it is, and how to pick a part of it."""

    text: str
    line: int | None
    section: Section
    follow: list[str] = field(default_factory=list)
    pick: Pick = no_part
    # the entry introduces its text (a heading, a term): what follows is its message
    titled: bool = False


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text, each with its spaces folded."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


__all__ = ["Item", "Pick", "lines_of", "no_part"]
