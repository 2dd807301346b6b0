"""The ``--columns`` hint that would name a table's code and message columns, computed from
its cells: the words a warning or ``scrape --suggest`` proposes to the user.

A column the header words already call the code is the user's likeliest answer; else a
column of unique numbers beside a column of prose, how documentation writes a list of codes.
"""

from __future__ import annotations

from generator.scrape.interpret.codes import looks_like_prose, parse_token

# a column needs this many cells to be worth a hint
MIN_CELLS = 2
# a message column: at least this share of its cells read as prose
PROSE_SHARE = 0.5


def _cells(rows: list[list[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _unique_numbers(cells: list[str]) -> bool:
    """A column of unique integers: the wire codes of a list (names and words repeat or
    are no numbers)."""
    if len(cells) < MIN_CELLS or len(set(cells)) < len(cells):
        return False
    parsed = [parse_token(cell) for cell in cells]
    return all(item is not None and isinstance(item.code, int) for item in parsed)


def code_column(rows: list[list[str]], width: int) -> int | None:
    """The leftmost column of unique integers (0-based), or None."""
    return next((i for i in range(width) if _unique_numbers(_cells(rows, i))), None)


def message_column(rows: list[list[str]], width: int, code: int) -> int | None:
    """The column with the most prose (at least half its cells; of two, the one with the
    longer texts: a message says more than a label), not the code's."""
    best: tuple[float, float, int] | None = None
    for index in range(width):
        cells = _cells(rows, index)
        if index == code or not cells:
            continue
        share = sum(looks_like_prose(cell) for cell in cells) / len(cells)
        length = sum(len(cell) for cell in cells) / len(cells)
        if share >= PROSE_SHARE and (best is None or (share, length) > best[:2]):
            best = (share, length, index)
    return best[2] if best else None


def named(header: list[str] | None, index: int) -> str:
    """A column as the hint names it: its header when that is unique, else its number."""
    texts = [" ".join(text.split()) for text in header or []]
    text = texts[index] if index < len(texts) else ""
    if text and texts.count(text) == 1 and "," not in text and "=" not in text:
        return text
    return str(index + 1)


def columns_hint(
    header: list[str] | None, rows: list[list[str]], code: int | None = None
) -> str | None:
    """``code=Number,message=Description`` for the table, or None when no column reads
    as its codes; ``code`` is a column already read as the codes (by its header)."""
    width = max([len(header or [])] + [len(row) for row in rows])
    code = code if code is not None else code_column(rows, width)
    if code is None:
        return None
    hint = f"code={named(header, code)}"
    message = message_column(rows, width, code)
    return hint if message is None else f"{hint},message={named(header, message)}"


__all__ = ["columns_hint", "code_column", "message_column", "named"]
