"""Which of several code-like columns holds the code, weighed rather than ordered.

A table may have more than one column that could be its code: a symbol beside a number
(``OK | 0``), a header said twice (a colspan copied into both cells), an ``errno`` beside a
``status code``. Each candidate column is a reading; rules cite evidence for or against it
(``rules.yaml``, pass ``evidence``), and :func:`evidence.decide` picks the best, with the
margin and the deciding rule recorded for ``scrape --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.lazyre import lazy
from generator.scrape.interpret.codes import is_identifier_like, token_reader, unquote
from generator.scrape.interpret.evidence import Decision, Reading, cite, decide

# a column is "numbers" or "identifiers" when at least this share of its cells are
MOSTLY = 0.8
# the range of HTTP status codes
HTTP_LOW, HTTP_HIGH = 100, 599
# how strongly 100-599 numbers read as HTTP statuses: when they repeat, and when unique
REPEAT_SCALE, UNIQUE_SCALE = 1.0, 0.5


_CAPITALS = lazy(r"[A-Z][A-Z_]{1,40}")  # OK, EOF: a constant too short to look like one


def _cells(rows: list[list[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _integers(cells: list[str]) -> list[int]:
    return [int(cell) for cell in cells if cell.lstrip("-").isdecimal() and not _zero_led(cell)]


def _zero_led(cell: str) -> bool:
    """``09000``: a code written with a leading zero is a string, never a number."""
    digits = cell.lstrip("-")
    return len(digits) > 1 and digits.startswith("0")


def _symbol(text: str) -> bool:
    """``NOT_FOUND``, ``notFound``, ``OK``: a name written for code (capitals alone count)."""
    return is_identifier_like(text) or bool(_CAPITALS.fullmatch(text))


@dataclass(frozen=True)
class Shape:
    """What a column's cells look like, for weighing it as the code."""

    cells: int
    token_share: float  # cells that read as one code token
    numeric: bool  # mostly plain integers
    symbols: bool  # mostly symbols (NOT_FOUND, AbsentSubscriber, OK)
    unique: bool  # no value twice
    http_range: bool  # every integer within 100-599

    @classmethod
    def of(cls, cells: list[str]) -> Shape:
        numbers = _integers(cells)
        token = token_reader()
        tokens = [cell for cell in cells if token(cell) is not None]
        count = max(len(cells), 1)
        return cls(
            len(cells),
            len(tokens) / count,
            len(numbers) >= MOSTLY * count and bool(cells),
            _mostly_symbols(cells),
            len(set(cells)) == len(cells),
            bool(numbers) and all(HTTP_LOW <= n <= HTTP_HIGH for n in numbers),
        )


def shape(rows: list[list[str]], index: int) -> Shape:
    return Shape.of(_cells(rows, index))


def _mostly_symbols(cells: list[str]) -> bool:
    ids = [cell for cell in cells if _symbol(unquote(cell))]
    return len(ids) >= MOSTLY * max(len(cells), 1) and bool(cells)


def symbols(rows: list[list[str]], index: int) -> bool:
    """``shape(rows, index).symbols`` alone (the rest of a shape reads every cell again)."""
    return _mostly_symbols(_cells(rows, index))


def _evidence(index: int, mine: Shape, others: list[Shape]) -> Reading:
    """The evidence for reading column ``index`` as the code."""
    reading = Reading(f"code is column {index + 1}", payload=index)
    add = reading.evidence.extend
    add(
        cite(
            "columns.code_like_cells",
            f"{mine.token_share:.0%} of cells are code tokens",
            mine.token_share,
        )
    )
    symbols_beside = any(other.symbols and not other.numeric for other in others)
    if mine.numeric and mine.unique and mine.cells >= 2 and not mine.http_range and symbols_beside:
        add(
            cite(
                "columns.unique_number_beside_symbol_is_code",
                "unique numbers beside a column of symbols: the number is the wire code",
            )
        )
    if mine.numeric and mine.http_range:
        # repeating: surely statuses; unique: still more likely statuses than wire codes
        scale = REPEAT_SCALE if not mine.unique else UNIQUE_SCALE
        add(
            cite(
                "columns.status_range_is_http",
                "numbers in 100-599 beside another code column: HTTP statuses",
                scale,
            )
        )
    if mine.unique and any(not other.unique for other in others):
        add(cite("columns.unique_values_are_code", "its values are unique, another's repeat"))
    return reading


def choose_code(rows: list[list[str]], candidates: list[int]) -> Decision:
    """The best code column among ``candidates``, in column order (a tie goes to the first)."""
    shapes = {index: shape(rows, index) for index in candidates}
    readings = [
        _evidence(index, shapes[index], [shapes[i] for i in candidates if i != index])
        for index in candidates
    ]
    return decide(readings)


def telling_rule(decision: Decision) -> str:
    """The rule that set the winner apart from the runner-up: the largest difference in what
    each rule gave them (evidence both share decided nothing)."""
    others = [r for r in decision.readings if r is not decision.best]
    if not others:
        return decision.rule
    runner = max(others, key=lambda reading: reading.score)
    lead: dict[str, float] = {}
    for item in decision.best.evidence:
        lead[item.rule] = lead.get(item.rule, 0.0) + item.weight
    for item in runner.evidence:
        lead[item.rule] = lead.get(item.rule, 0.0) - item.weight
    telling = [(gap, rule) for rule, gap in lead.items() if gap > 0]
    return max(telling)[1] if telling else decision.rule


__all__ = ["Shape", "shape", "choose_code", "telling_rule", "MOSTLY"]
