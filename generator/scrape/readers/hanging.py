"""Hanging-indent lists of plain text: a code, then its text beside it or indented below.

RFC-style documents list codes as the items of a hanging indent: the code at the item's
indentation and its text either after a gap of two or more spaces on the same line
(``   250  Requested mail action okay, completed``) or on the lines below it, indented
deeper (``   invalid_request`` / ``         The request is missing ...``). Lines indented
deeper than the code continue its text; blank lines may separate items. A run of at
least ``MIN_ITEMS`` items at one indentation is a definition list (fewer may be a
parameter or two described in prose).
"""

from __future__ import annotations

import re
from typing import Callable

from generator.lazyre import lazy
from generator.scrape.cells import cell_shape, clean_text
from generator.scrape.document import Definition, DefinitionList

MIN_ITEMS = 3  # items at one indentation that make a list
MAX_CONTINUATION = 40  # lines of text one item may run over (bounds the scan)
# "   250  Requested mail action okay": an indented code, a gap, its text
_GAP_ITEM = lazy(r"^(?P<term>[^\s:]{1,64})(?: {2,}|\t+)(?P<text>\S.*)$")
# "   invalid_request": an indented code alone on its line, its text below
_ALONE_ITEM = lazy(r"^(?P<term>[^\s:]{1,64})$")

# "Address Status ......6": a dot leader and a page number end a table-of-contents line
_TOC_LINE = lazy(r"\.{4,}\s*\d{1,4}$")

IsTerm = Callable[[str], bool]


def code_term(term: str) -> bool:
    """A hanging list's item opens with a code (``250``, ``invalid_request``, ``2yz``)."""
    return cell_shape(term) in ("number", "code") and not term.endswith((".", ","))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item(
    lines: list[str], index: int, indent: int | None, is_term: IsTerm
) -> tuple[Definition, int, int] | None:
    """The item starting at ``index`` (its definition, the index after it, its indentation),
    or None when the line does not open an item at ``indent``."""
    line = lines[index].replace("\t", "    ").rstrip()
    lead = _indent(line)
    if lead == 0 or (indent is not None and lead != indent):
        return None
    body = line.strip()
    gap, alone = _GAP_ITEM.match(body), _ALONE_ITEM.match(body)
    match = gap or alone
    if match is None or not is_term(match["term"]) or _TOC_LINE.search(body[-200:]):
        return None
    texts = [gap["text"]] if gap else []
    probe = index + 1
    while probe < len(lines) and probe - index <= MAX_CONTINUATION:
        following = lines[probe].replace("\t", "    ").rstrip()
        if not following or _indent(following) <= lead:
            break
        texts.append(following.strip())
        probe += 1
    if not texts:
        return None  # a code alone with nothing below it is no item
    text = clean_text(" ".join(texts))
    return Definition(match["term"], text, line=index + 1), probe, lead


def hanging_list(
    lines: list[str], index: int, is_term: IsTerm
) -> tuple[DefinitionList, int] | None:
    """A hanging-indent list starting at ``index`` and the index after it, or None."""
    items: list[Definition] = []
    indent: int | None = None
    probe = after = index
    while probe < len(lines):
        found = _item(lines, probe, indent, is_term)
        if found is None:
            break
        definition, after, indent = found
        items.append(definition)
        probe = after
        while probe < len(lines) and not lines[probe].strip():
            probe += 1  # blank lines between items
    if len(items) < MIN_ITEMS:
        return None
    return DefinitionList(items, line=index + 1), after


__all__ = ["hanging_list", "code_term", "MIN_ITEMS"]
