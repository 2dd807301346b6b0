"""Pieces several renderers share: declarations as C source, display widths, slugs."""

from __future__ import annotations

import re
import unicodedata

from tests.pagegen.blocks import Decl


def define_lines(block: Decl) -> list[str]:
    """``#define NAME value  /* message */`` per constant, aligned as headers are; or a C
    enum with a doc comment above each enumerator."""
    width = max(len(e.name or "") for e in block.errors)
    if block.style == "define":
        return [f"#define {(e.name or ''):<{width}}  {e.written:>6}  /* {e.message} */" for e in block.errors]
    lines = [f"enum {block.group} {{"]
    for e in block.errors:
        lines += [f"    /** {e.message} */", f"    {e.name} = {e.written},"]
    return lines + ["};"]


def display_width(text: str) -> int:
    """Columns a monospace font gives ``text`` (East Asian wide letters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
