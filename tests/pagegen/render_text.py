"""Plain text as RFCs, man pages and READMEs write it: underlined headings, columns
aligned with spaces, or ASCII boxes drawn with ``+---+``."""

from __future__ import annotations

from typing import Callable

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T, Unsupported
from tests.pagegen.render_common import define_lines, display_width, pad


def _widths(block: T) -> list[int]:
    every = ([block.header] if block.header else []) + block.rows
    return [max(display_width(r[i]) for r in every) or 1 for i in range(len(every[0]))]


def aligned(block: T) -> list[str]:
    widths = _widths(block)

    def line(row: list[str]) -> str:
        return "   ".join(pad(c, w) for c, w in zip(row, widths)).rstrip()

    out = [line(block.header), "   ".join("-" * w for w in widths)] if block.header else []
    return out + [line(r) for r in block.rows]


def boxed(block: T) -> list[str]:
    widths = _widths(block)
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(row: list[str]) -> str:
        return "| " + " | ".join(pad(c, w) for c, w in zip(row, widths)) + " |"

    out = [rule] + ([line(block.header), rule] if block.header else [])
    return out + [line(r) for r in block.rows] + [rule]


# the widest a wrapped cell gets before its text goes on to the next line of the row
WRAP_WIDTH = 32


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by display width (a word wider than ``width`` stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and display_width(lines[-1]) + 1 + display_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def boxed_wrapped(block: T) -> list[str]:
    """An ASCII box whose long cells wrap onto more lines; a rule closes every row."""
    cells = [[_wrap(c, WRAP_WIDTH) for c in row] for row in ([block.header] if block.header else []) + block.rows]
    widths = [max(display_width(line) for row in cells for line in row[i]) for i in range(len(cells[0]))]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [rule]
    for row in cells:
        for n in range(max(len(c) for c in row)):
            parts = [c[n] if n < len(c) else "" for c in row]
            out.append("| " + " | ".join(pad(p, w) for p, w in zip(parts, widths)) + " |")
        out.append(rule)
    return out


def _block(block: Block, table: Callable[[T], list[str]]) -> list[str]:
    if isinstance(block, H):
        return [block.text, ("=" if block.level <= 2 else "-") * display_width(block.text)]
    if isinstance(block, P):
        return [block.text]
    if isinstance(block, T):
        return ["   " + line for line in table(block)]
    if isinstance(block, DL) and block.style == "field":
        raise Unsupported("plain text has no field lists")
    if isinstance(block, DL) and block.style == "labelled":
        return [x for t, d in block.items for x in (f"   {t}: {d}", "")][:-1]
    if isinstance(block, DL):
        out: list[str] = []
        for term, text in block.items:
            out += [f"   {term}", f"      {text}", ""]
        return out[:-1]
    if isinstance(block, Links):
        return [f"   o  {text}: {url}" for text, url in block.items]
    if isinstance(block, Decl):
        return ["   " + line for line in define_lines(block)]
    raise TypeError(block)


def text(table: Callable[[T], list[str]]) -> Callable[[Doc], str]:
    def render(doc: Doc) -> str:
        lines = [doc.title.upper(), ""]
        for block in doc.blocks:
            lines += [*_block(block, table), ""]
        return "\n".join(lines)

    return render
