"""Helpers every reader shares for turning cell and line text into clean, comparable text.

Readers differ in how they find tables; they should not differ in what a cell's text
looks like afterwards, so whitespace rules, pipe-row splitting, header guessing and row
squaring live here once.
"""

from __future__ import annotations

import re

from generator.lazyre import lazy
from generator.scrape.document import Table

# characters that render as nothing or as a plain space on a web page
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = lazy(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SEPARATOR_CELL = lazy(r"^\s*:?-{2,}:?\s*$")
_NUMBER = lazy(r"^[+-]?\d[\d,]*(?:\.\d+)?$")
QUOTE = '"\u201c\u201d\u201e\u00ab\u00bb'
QUOTED = f"[{QUOTE}][^{QUOTE}\\n]+[{QUOTE}]"
_QUOTED_TITLE = lazy(rf"^{QUOTED}(?:\s*(?:,|/|\bor\b|\band\b)\s*{QUOTED})*\s*:?$", re.I)
_CODE = lazy(r"^[+-]?[A-Za-z0-9]*[0-9_.\-][A-Za-z0-9_.\-]*$|^[A-Z][A-Z0-9_]+$")


def clean_text(text: str) -> str:
    """Collapse runs of spaces inside each line, strip each line, drop blank edge lines.

    Newlines are kept (they are ``<br>`` or a continued cell); blank lines in the middle
    are collapsed to one newline so that a cell never has empty lines.
    """
    if not text.isascii():
        text = _SPACES.sub(" ", text.translate(_INVISIBLE))
    elif "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)  # ASCII text without these has no run to collapse
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        return text.strip()  # one line, as most cells are
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """``clean_text`` on a single line: every newline becomes a space."""
    return " ".join(clean_text(text).split("\n"))


def is_quoted_title(text: str) -> bool:
    """``"Blocked IP"`` or ``"X" or "Y"``: a line that only quotes names, as help-centre
    pages title each error."""
    return bool(_QUOTED_TITLE.match(text.strip()))


def heading_text(text: str) -> str:
    """A heading's text on one line, without a trailing colon (``Error codes:``)."""
    text = one_line(text)
    return text[:-1].rstrip() if text.endswith(":") else text


def split_pipe_row(line: str) -> list[str]:
    """Cells of a ``| a | b |`` / ``a | b`` row: outer pipes optional, ``\\|`` is a pipe.

    The text may span several lines (a cell continued on the next line); the newlines
    stay inside the cells and are tidied by :func:`clean_text`.
    """
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "|":
            cells.append(clean_text("".join(current)))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append(clean_text("".join(current)))
    return cells


def count_pipes(line: str) -> int:
    """Unescaped ``|`` characters in ``line``."""
    return len(re.findall(r"(?<!\\)\|", line))


def is_separator_row(line: str) -> bool:
    """``|---|:--:|``, ``---|---|`` or ``--- | ---``: the line under a pipe-table header."""
    text = line.strip()
    if "|" not in text or "-" not in text:
        return False
    parts = text.strip("|").split("|")
    return all(_SEPARATOR_CELL.match(part) for part in parts)


def cell_shape(text: str) -> str:
    """A coarse kind of cell text: empty, number, code (one token), word or text."""
    text = text.strip()
    if not text:
        return "empty"
    if _NUMBER.match(text):
        return "number"
    if " " in text or "\n" in text:
        return "text"
    if _CODE.match(text):
        return "code"
    return "word"


def looks_like_header(rows: list[list[str]]) -> bool:
    """Guess whether ``rows[0]`` is a header row when the markup does not say so.

    A header row has no numbers, no long sentences, and differs in kind from the body in
    at least one column (``Error Codes`` above ``invalid_did``, ``Status`` above ``400``,
    or a blank cell above a column of text).
    """
    if len(rows) < 2 or not rows[0]:
        return False
    first, body = rows[0], rows[1:]
    if any(cell_shape(cell) == "number" or len(cell) > 40 for cell in first):
        return False
    if all(cell_shape(cell) == "empty" for cell in first):
        return False
    if any(cell.rstrip().endswith((".", "!", "?")) for cell in first):
        return False
    differing = 0
    for column, head in enumerate(first):
        shapes = [cell_shape(row[column]) for row in body if column < len(row)]
        shapes = [shape for shape in shapes if shape != "empty"] or shapes
        if not shapes:
            continue
        dominant = max(sorted(set(shapes)), key=shapes.count)
        if shapes.count(dominant) / len(shapes) >= 0.6 and cell_shape(head) != dominant:
            differing += 1
    return differing > 0


def make_table(
    header: list[str] | None,
    rows: list[list[str]],
    row_lines: list[int | None],
    line: int | None,
    notes: list[str] | None = None,
    caption: str | None = None,
    join_extra: bool = True,
) -> Table:
    """Square the rows to the header's width and drop empty rows, noting what was done.

    A short row is padded with empty cells (the interpreter decides what a missing
    message means); cells beyond the header's width are joined onto the last cell with
    `` | `` because they are usually an unescaped pipe inside a message (with
    ``join_extra=False`` they are dropped, as GitHub-flavoured Markdown renders them).
    """
    notes = list(notes or [])
    if header is not None and not header:
        header = None  # a header row with no cells (e.g. an empty list-table bullet) is none
    kept: list[list[str]] = []
    kept_lines: list[int | None] = []
    for row, row_line in zip(rows, row_lines):
        if any(cell.strip() for cell in row):
            kept.append(row)
            kept_lines.append(row_line)
    width = len(header) if header else max((len(row) for row in kept), default=0)
    squared: list[list[str]] = []
    for row, row_line in zip(kept, kept_lines):
        where = f"line {row_line}" if row_line is not None else f"row {len(squared) + 1}"
        if len(row) > width > 0:
            extra = [cell for cell in row[width:] if cell]
            row = row[:width]
            if extra and join_extra:
                row[-1] = " | ".join([row[-1], *extra]) if row[-1] else " | ".join(extra)
                notes.append(f"{where}: more cells than the header; joined onto the last cell")
            elif extra:
                notes.append(f"{where}: more cells than the header; the extra cells are dropped")
        elif len(row) < width:
            row = row + [""] * (width - len(row))
        squared.append(row)
    return Table(
        header=header,
        rows=squared,
        row_lines=kept_lines,
        line=line,
        caption=caption,
        notes=notes,
    )


def is_identifier_like(text: str) -> bool:
    """``INVALID_TOKEN``, ``invalidToken``: a name written for code, not for people."""
    text = text.strip()
    if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", text):
        return False
    return "_" in text or bool(re.search(r"[a-z][A-Z]", text)) or (text.isupper() and len(text) > 3)
