"""Constants declared in a code listing, read as the table they amount to.

Header files and their renderings list error codes as declarations: C ``#define NAME 12``
and ``enum { NAME = 12, ... }`` members, Rust ``Name = 12,`` variants, Java and Kotlin
``public static final int NAME = 12;`` and ``const val NAME = 12``. The value is what the
API returns, the identifier its name, and the comment beside the declaration (or the doc
comment above it) says what it means. A listing that declares at least
``MIN_DECLARATIONS`` numeric constants becomes a ``Name | Value | Description`` table;
other code is left alone.
"""

from __future__ import annotations

import re

from generator.lazyre import lazy
from generator.scrape.document import Table

MIN_DECLARATIONS = 3  # numeric constants a listing declares before it is read as a table
MAX_LINES = 5000  # longer listings are not read (bounds the work)
_NAME = r"(?P<name>[A-Za-z_][A-Za-z0-9_]{0,80})"
# 12, -12, 0x0C, 4_000 (a digit separator: the value is 4000)
_VALUE = (
    r"\(?\s*(?P<value>-?\s*(?:0[xX][0-9A-Fa-f]{1,16}|\d{1,12}(?:_\d{3}){0,4}))[uUlL]{0,3}\s*\)?"
)
_COMMENT = r"(?:\s*(?://+!?<?|/\*+!?<?|#)\s*(?P<comment>.*?)\s*(?:\*+/)?)?"
# #define ZZ_ERR_NOMEM (-12) /* Out of memory. */
DEFINE = lazy(rf"^\s*#\s*define\s+{_NAME}\s+{_VALUE}{_COMMENT}$")
# ZZ_BUSY = 16, / NotFound = 404, / public static final int SC_GONE = 410; / const val X = 7
ASSIGN = lazy(
    r"^\s*(?:(?:public|private|protected|internal|pub(?:\([a-z]+\))?|static|final|const|val|"
    r"let|constexpr|inline)\s+)*(?:(?:unsigned\s+)?[A-Za-z_][\w:<>]*\s+)?"
    rf"{_NAME}\s*(?::\s*[A-Za-z_][\w:<>]*\s*)?=\s*{_VALUE}\s*[,;]?{_COMMENT}$"
)
# ZZ_ERR_NOMEM, NotFound, kTimeout: how constants and enum members are named
_CONSTANT_NAME = lazy(r"^(?:[A-Z]|k[A-Z])")
MAX_LINE = 400  # longer lines are no declarations (bounds the matching)
# /** Out of memory. */, /// Out of memory., * Out of memory., // Out of memory.
_DOC_LINE = lazy(r"^\s*(?:/\*\*+|/\*|///?|\*(?!/)|#)\s*(?P<text>.*?)\s*(?:\*+/)?\s*$")
_DOC_CLOSE = lazy(r"^\s*\*+/\s*$")
HEADER = ["Name", "Value", "Description"]
# what the table says of itself (a reader that guessed says so)
NOTE = "read from constants declared in a code listing: value as code, comment as text"


def declared_constants(code: str, first_line: int | None) -> Table | None:
    """The constants ``code`` declares as a table, or None when it declares too few."""
    lines = code.split("\n")[:MAX_LINES]
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    doc: list[str] = []
    for offset, line in enumerate(lines):
        match = (DEFINE.match(line) or ASSIGN.match(line)) if len(line) <= MAX_LINE else None
        if match is not None and not _CONSTANT_NAME.match(match["name"]):
            match = None  # "int x = 3;": a variable in an example, not a constant
        if match is not None:
            comment = (match["comment"] or "").strip() or " ".join(doc)
            value = plain_number(match["value"])
            rows.append([match["name"], value, comment])
            row_lines.append(first_line + offset if first_line is not None else None)
            doc = []
        elif _DOC_CLOSE.match(line) or not line.strip():
            continue
        elif line.strip().startswith(("/*", "//", "*", "#")) and not line.strip().startswith(
            ("#d", "#[", "#!")  # a directive or a Rust attribute, not a comment
        ):
            found = _DOC_LINE.match(line)
            text = found["text"].strip() if found else ""
            if line.strip().startswith(("/**", "/*", "///")) and doc and _ended(doc):
                doc = []
            if text:
                doc.append(text)
        else:
            doc = []  # other code between a comment and a declaration: not its comment
    if len(rows) < MIN_DECLARATIONS:
        return None
    return Table(list(HEADER), rows, row_lines, first_line, None, [NOTE])


def plain_number(value: str) -> str:
    """A declared number as its value: spaces and digit separators dropped (``4_000``)."""
    return re.sub(r"[\s_]+", "", value)


# one member as an API reference renders it: ``errors.NAME: int = 7001``, ``Name = 4_000``,
# ``NAME = 'blocked'``, ``Member: 60001`` (TypeDoc), ``#define NAME (-1)``
_QUOTED = r"(?:'(?P<single>[^'\n]{1,200})'|\"(?P<double>[^\"\n]{1,200})\")"
_QUALIFIED = r"(?:[A-Za-z_][\w]{0,80}\.){0,8}"
_TYPE = r"[A-Za-z_][\w.\[\], |]{0,60}"
SIGNATURE = lazy(
    r"^\s*(?:(?:public|protected|static|final|const|readonly|enum|member|data|attribute|"
    rf"variable|constant)\s+)*(?:(?:unsigned\s+)?[a-z][\w]{{0,20}}\s+)?{_QUALIFIED}{_NAME}"
    rf"\s*(?:(?::\s*{_TYPE}?\s*)?=|:)\s*(?:{_VALUE}|{_QUOTED})\s*[,;]?\s*$"
)


def declared_member(text: str) -> tuple[str, str] | None:
    """(name, value) of one rendered member declaration, or None for other text.

    A number keeps its meaning (``4_000`` is 4000); a quoted value is a string code
    without its quotes."""
    if len(text) > MAX_LINE:
        return None
    match = SIGNATURE.match(text) or DEFINE.match(text)
    if match is None or not _CONSTANT_NAME.match(match["name"]):
        return None
    groups = match.groupdict()
    if groups.get("value") is not None:
        return match["name"], plain_number(match["value"])
    quoted = groups.get("single") or groups.get("double") or ""
    return (match["name"], quoted) if quoted.strip() else None


_SEPARATOR = lazy(r"(?<=\d)_(?=\d{3})")


def plain_declaration(text: str) -> str:
    """A member's declaration with its number as the value it means (``Name = 4_000`` ->
    ``Name = 4000``); any other text as it is."""
    if "_" not in text or declared_member(text) is None:
        return text
    return _SEPARATOR.sub("", text)


def _ended(doc: list[str]) -> bool:
    """A doc comment that ended a sentence belongs to a declaration already seen."""
    return doc[-1].endswith((".", "!", "?"))


__all__ = [
    "declared_constants",
    "declared_member",
    "plain_declaration",
    "plain_number",
    "MIN_DECLARATIONS",
]
