"""A recipe's entries on an HTML page: the elements a CSS selector matches.

An entry's text is its visible text; what follows it is its next siblings up to the next
entry (the panel after a tab title, the paragraphs after an error heading, the other cells
after a row's first cell); its section is the last heading before it that is no entry.
A field's ``{SUB}`` is CSS looked for inside the entry, then in what follows it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeAlias

from generator.errors import InputError
from generator.scrape.interpret.sections import Section
from generator.scrape.readers.html import text_of
from generator.scrape.recipe.block_items import PAGE
from generator.scrape.recipe.items import Item, Pick, lines_of

_Element: TypeAlias = Any  # lxml ships no type hints
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HIDDEN = ("script", "style", "noscript", "template")  # text no reader of the page sees
MAX_FOLLOW = 50  # siblings read after one entry: its own text, not the rest of the page


def html_items(text: str, css: str, within: str | None = None) -> list[Item]:
    """The entries ``css`` matches, outermost first, in document order; only inside what
    ``within`` (the select hint) matches when it is given."""
    root = _parse(text)
    if root is None:
        return []
    scopes = [root]
    if within is not None:
        scopes = root.xpath(_xpath(within, "descendant-or-self::", "hint select"))
    query = _xpath(css, "descendant-or-self::", "hint entries")
    matched = _in_order(root, [found for scope in scopes for found in scope.xpath(query)])
    chosen = set(matched)
    entries = [e for e in matched if not any(a in chosen for a in e.iterancestors())]
    sections = _sections(root, set(entries))
    return [_item(element, sections[element], set(entries)) for element in entries]


@lru_cache(maxsize=256)
def _xpath(css: str, prefix: str, what: str) -> str:
    from cssselect import HTMLTranslator, SelectorError

    try:
        return str(HTMLTranslator().css_to_xpath(css, prefix=prefix))
    except SelectorError as exc:
        raise InputError(f"{what} {css!r} is not a CSS selector ({exc})") from None


def _parse(text: str) -> _Element | None:
    import lxml.etree  # type: ignore[import-untyped]

    data = text.lstrip("\ufeff").encode("utf-8", errors="replace")
    if not data.strip():
        return None
    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root: _Element | None = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    if root is not None:
        for hidden in list(root.iter(*HIDDEN)):
            hidden.getparent().remove(hidden)
    return root


def _in_order(root: _Element, found: list[_Element]) -> list[_Element]:
    """``found`` once each, in document order (scopes may nest or overlap)."""
    wanted = set(found)
    return [element for element in root.iter() if element in wanted]


def _level(element: _Element) -> int | None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    return int(tag[1]) if tag in HEADINGS else None


def _sections(root: _Element, entries: set[_Element]) -> dict[_Element, Section]:
    """The section of every entry: the headings in force, in document order."""
    found: dict[_Element, Section] = {}
    open_: list[tuple[int, Section]] = []
    for number, element in enumerate(root.iter()):
        if element in entries:
            found[element] = open_[-1][1] if open_ else PAGE
            continue
        level = _level(element)
        if level is None or any(a in entries for a in element.iterancestors()):
            continue
        while open_ and open_[-1][0] >= level:
            open_.pop()
        parent = open_[-1][1] if open_ else PAGE
        title = " ".join(text_of(element).split())
        open_.append((level, Section(f"h{number}", title, parent.key, parent.title, level)))
    return found


def _item(element: _Element, section: Section, entries: set[_Element]) -> Item:
    level = _level(element)
    follow: list[_Element] = []
    for sibling in element.itersiblings():
        if len(follow) >= MAX_FOLLOW or sibling in entries:
            break
        if any(inner in entries for inner in sibling.iter()):
            break
        other = _level(sibling)
        if level is not None and other is not None and other <= level:
            break
        follow.append(sibling)
    line = element.sourceline if isinstance(element.sourceline, int) else None
    return Item(
        " ".join(text_of(element).split()),
        line,
        section,
        [text for sibling in follow for text in lines_of(text_of(sibling))],
        _picker(element, follow),
        titled=level is not None,
    )


def _picker(element: _Element, follow: list[_Element]) -> Pick:
    """``{SUB}``: the first element SUB matches inside the entry, then in what follows."""

    def pick(sub: str) -> str | None:
        inside = element.xpath(_xpath(sub, "descendant::", "hint pattern {SUB}"))
        if not inside:
            after = _xpath(sub, "descendant-or-self::", "hint pattern {SUB}")
            inside = [found for sibling in follow for found in sibling.xpath(after)]
        return " ".join(text_of(inside[0]).split()) if inside else None

    return pick


__all__ = ["html_items"]
