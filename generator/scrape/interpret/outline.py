"""Where a block sits: the headings in force above it, as the segment walk meets them.

A lone level-1 heading that opens the page names the page, not a section; a heading read
as an error title ("404 - Not found") is an entry, not a section; a label line ("Error
codes:") stands for a heading below every real level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.scrape.document import Heading, Page
from generator.scrape.interpret.sections import Section

# the fallback title of a page that names itself nowhere
FALLBACK_TITLE = "Errors"


@dataclass
class Open:
    """A heading (or a label line standing for one) that is still in force."""

    level: int
    key: str
    title: str
    is_error: bool


def page_heading(page: Page) -> int | None:
    """The index of a lone level-1 heading that opens the page (it names the page)."""
    headings = [i for i, b in enumerate(page.blocks) if isinstance(b, Heading)]
    if not headings:
        return None
    first = page.blocks[headings[0]]
    assert isinstance(first, Heading)
    ones = [i for i in headings if getattr(page.blocks[i], "level", 0) == 1]
    if first.level == 1 and ones == [headings[0]]:
        return headings[0]
    return None


@dataclass
class Outline:
    """The stack of open headings of one page."""

    page: Page
    stack: list[Open] = field(default_factory=list)
    heading_index: int | None = None

    @classmethod
    def of(cls, page: Page) -> Outline:
        return cls(page, [], page_heading(page))

    def named_title(self) -> str:
        """The title the page gives itself, or "" (never the fallback)."""
        if self.heading_index is not None:
            block = self.page.blocks[self.heading_index]
            assert isinstance(block, Heading)
            return block.text.strip().rstrip(":").strip()
        return (self.page.title or "").strip()

    def page_title(self) -> str:
        return self.named_title() or FALLBACK_TITLE

    def above(self, section: Section) -> str:
        """The title of the heading above ``section``: the page's own, never the fallback."""
        return section.parent_title if section.parent != "page" else self.named_title()

    def close_to(self, level: int) -> None:
        """A heading at ``level`` closes every heading at its level or deeper."""
        self.stack = [item for item in self.stack if item.level < level]

    def push(self, level: int, key: str, text: str, is_error: bool) -> None:
        """Open a heading (closing every heading at its level or deeper)."""
        self.close_to(level)
        self.stack.append(Open(level, key, text.strip().rstrip(":").strip(), is_error))

    def section(self) -> Section:
        """The heading the next block belongs to (error-title headings are not sections)."""
        chain: list[Open] = []
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

    def error_title_on_top(self) -> Open | None:
        """The innermost heading, when it was read as an error title."""
        top = self.stack[-1] if self.stack else None
        return top if top is not None and top.is_error else None

    def in_plain_section(self) -> bool:
        """Some heading in force is a real section (not an error title)."""
        return any(not item.is_error for item in self.stack)

    def headings(self, caption: str | None = None) -> list[str]:
        """The headings the next block sits under (for the section hint)."""
        texts = [item.title for item in self.stack if not item.is_error]
        if self.heading_index is not None:
            texts.append(self.page_title())
        return [*texts, caption or ""]


__all__ = ["Open", "Outline", "page_heading", "FALLBACK_TITLE"]
