"""Invariants every scrape must keep, on any page: checked on the real corpus pages and on
every generated page. One function per invariant, each returning its violations as short
stable lines (``code: what is wrong``) so a test can record today's and catch new ones.

The page text they compare with is the page *after the reader's decoding* (entities,
markup and escapes gone): the blocks the reader made, each with its source line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterator

from generator.scrape.document import DefinitionList, Heading, Page, Paragraph, Table
from generator.scrape.interpret.trace import ENTRIES, Trace
from generator.spec.model import RawEntry, RawSpec

# lines after an entry's source line its message may sit on (a heading's paragraph, an
# HTML row's cells each on a line, a wrapped ASCII-box row), and before it (a term above)
AFTER_LINES, BEFORE_LINES = 40, 3
# a word of a message, in any script (digits too: "100 %" must be there as well)
_WORD = re.compile(r"\w+")
# the share of a message's words that must be near its code (a reader may drop a word of
# inline markup or a footnote mark; a message from another row shares almost none)
MIN_WORD_SHARE = 0.8
# a leading-zero or hex spelling of a number
_LEADING_ZERO = re.compile(r"(?<![\w.-])0[0-9]+(?![\w])")
_HEX = re.compile(r"(?<![\w.-])0[xX][0-9A-Fa-f]+(?![\w])")


@dataclass(frozen=True)
class Line:
    """A piece of decoded page text and the source line it came from."""

    line: int | None
    text: str
    row: bool = False  # a table row or a definition: one entry's own block at most


def page_lines(page: Page) -> list[Line]:
    """Every text the reader kept, with its line: headings, paragraphs, rows, definitions."""
    out = [Line(None, page.title)] if page.title else []
    for block in page.blocks:
        if isinstance(block, (Heading, Paragraph)):
            out.append(Line(block.line, block.text))
        elif isinstance(block, Table):
            if block.header:
                out.append(Line(block.line, "\t".join(block.header)))
            if block.caption:
                out.append(Line(block.line, block.caption))
            for index, row in enumerate(block.rows):
                line = block.row_lines[index] if index < len(block.row_lines) else block.line
                out.append(Line(line, "\t".join(row), True))
        elif isinstance(block, DefinitionList):
            out += [Line(item.line or block.line, f"{item.term}\t{item.text}", True) for item in block.items]
    return out


def entries(raw: RawSpec) -> Iterator[RawEntry]:
    for namespace in raw.namespaces:
        yield from namespace.entries


def _token(code: str) -> re.Pattern[str]:
    """``code`` as a whole token: not inside a longer word, number, dotted or dashed name."""
    before = r"(?<![\w.\-])" if code[:1].isdigit() or code[:1] == "-" else r"(?<![\w])"
    return re.compile(before + re.escape(code) + r"(?![\w]|[.\-]\w)")


def codes_on_page(raw: RawSpec, page: Page) -> list[str]:
    """Each scraped code occurs on the page as written, as a whole token."""
    text = "\n".join(piece.text for piece in page_lines(page))
    return [f"{entry.code!r}: not on the page as a whole token"
            for entry in entries(raw) if not _token(str(entry.code)).search(text)]


def codes_typed_as_written(raw: RawSpec, page: Page) -> list[str]:
    """A leading-zero or hex code is a string: an integer code must be written as one."""
    text = "\n".join(piece.text for piece in page_lines(page))
    out = []
    for entry in entries(raw):
        if not isinstance(entry.code, int) or _token(str(entry.code)).search(text):
            continue
        spelt = [m.group() for m in _LEADING_ZERO.finditer(text) if int(m.group()) == entry.code]
        spelt += [m.group() for m in _HEX.finditer(text) if int(m.group(), 16) == entry.code]
        if spelt:
            out.append(f"{entry.code!r}: an integer, but the page writes {spelt[0]!r}")
    return out


def entries_from_kept_candidates(raw: RawSpec, trace: Trace) -> list[str]:
    """No entry comes from a candidate the explanation leaves out (or from none at all)."""
    kept = {id(entry) for c in trace.candidates if c.outcome == ENTRIES for entry in c.entries}
    return [f"{entry.code!r}: from no candidate the explanation keeps"
            for entry in entries(raw) if id(entry) not in kept]


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _own_block(placed: list[tuple[int, bool, set[str]]], where: int) -> set[str]:
    """The words of the pieces on the line holding ``where`` (its row; a minified page puts
    a whole table on one line), of text just above, and of the text after it up to the
    next row (a heading's paragraphs)."""
    starts = [line for line, _, _ in placed]
    at = bisect_right(starts, where) - 1
    first = bisect_left(starts, placed[at][0]) if at >= 0 else 0
    words: set[str] = set()
    for _, row, found in placed[bisect_left(starts, where - BEFORE_LINES):first]:
        if not row:
            words |= found
    for _, _, found in placed[first:at + 1]:
        words |= found
    for line, row, found in placed[at + 1:]:
        if row or line > where + AFTER_LINES:
            break
        words |= found
    return words


def messages_from_own_block(raw: RawSpec, page: Page) -> list[str]:
    """An entry's message is text of its own row or block: its words are near its line."""
    pieces = page_lines(page)
    anywhere = set().union(*(_words(p.text) for p in pieces if p.line is None))
    placed = sorted(((p.line, p.row, set(_words(p.text))) for p in pieces if p.line is not None),
                    key=lambda piece: piece[0])
    everything = anywhere.union(*(words for _, _, words in placed))
    out = []
    for entry in entries(raw):
        words = _words(entry.message)
        where = entry.source.line if entry.source else None
        if not words:
            continue
        near = everything if where is None else anywhere | _own_block(placed, where)
        share = sum(word in near for word in words) / len(words)
        if share < MIN_WORD_SHARE:
            out.append(f"{entry.code!r}: message words not near line {where}")
    return out


def violations(raw: RawSpec, trace: Trace, page: Page) -> list[str]:
    """Every invariant's violations, each line prefixed with the invariant's name."""
    checks = {
        "code-on-page": codes_on_page(raw, page),
        "typed-as-written": codes_typed_as_written(raw, page),
        "kept-candidate": entries_from_kept_candidates(raw, trace),
        "message-own-block": messages_from_own_block(raw, page),
    }
    return [f"{name} {line}" for name, found in checks.items() for line in found]
