"""Which column of a table holds what: header words by meaning, kept as data.

A header cell is matched first against the exact phrases of ``ROLE_HEADERS``, then
against the word patterns of ``ROLE_WORDS`` (in order, so ``Error Message`` is a message
and ``HTTP Status Code`` an HTTP status, not a code). Columns whose header is empty or
unknown get a role from their cells: a column of codes, a column of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from generator.lazyre import lazy
from generator.scrape.interpret.column_evidence import choose_code, shape, symbols, telling_rule
from generator.scrape.interpret import registry
from generator.scrape.interpret.evidence import Reading
from generator.scrape.interpret.vocabulary import header_words
from generator.scrape.interpret.codes import (
    is_identifier_like,
    looks_like_prose,
    parse_code,
    token_reader,
    unquote,
)

# Roles an error table can have, and roles that mark a table as something else.
ERROR_ROLES = ("code", "name", "message", "description", "http_status", "solution", "category")
TEXT_ROLES = ("message", "name", "description")


def _header_words() -> (
    tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...], dict[str, str]]
):
    """The header words of ``header_words.yaml``: data, so a new language is a new row."""
    data = header_words()
    phrases = {role: tuple(words) for role, words in data["phrases"].items()}
    patterns = tuple((row["role"], row["pattern"]) for row in data["patterns"])
    context = {key: str(value) for key, value in data["context"].items()}
    return phrases, patterns, context


# role -> header phrases; then fallback word patterns, tried in order; context words.
ROLE_HEADERS, ROLE_WORDS, _CONTEXT = _header_words()

# a text-headed column with this share of identifiers holds symbols, not prose
SYMBOL_SHARE = 0.8
SYMBOLS_RULE = "columns.symbols_are_not_text"
# Code headers this vague need the section to talk about errors or status first.
WEAK_CODE_HEADERS = frozenset({"id", "value", "key", "state", "result"})
CONTEXT_WORDS = lazy(_CONTEXT["codes"], re.IGNORECASE)
# what a page must say somewhere to list errors: "codes" alone is not enough
ERROR_WORDS = lazy(_CONTEXT["errors"], re.IGNORECASE)


def normalise_header(text: str) -> str:
    """Lower case, punctuation as spaces; letters of any script are kept (``código``, ``错误码``)."""
    text = text.lower().replace("(s)", "s")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def header_role(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The role a header cell names, or None for an empty or unknown header."""
    key = normalise_header(text)
    if not key:
        return None
    for phrase, role in (extra or {}).items():
        if normalise_header(phrase) == key:
            return role
    for role, phrases in ROLE_HEADERS.items():
        if key in phrases:
            return role
    for role, pattern in ROLE_WORDS:
        if re.search(pattern, key):
            return role
    return None


@dataclass
class Columns:
    """Column index per role; ``weak_code`` when the code header alone proves little."""

    roles: dict[str, int] = field(default_factory=dict)
    others: dict[str, int] = field(default_factory=dict)  # parameter / type / usage columns
    weak_code: bool = False
    inferred: bool = False  # some role came from the cells, not the header
    code_from_header: bool = False
    codes_are_messages: bool = False  # "Message | Comments": each message is its own code
    # column index -> why it got its role (or none), for ``scrape --explain``
    why: dict[int, str] = field(default_factory=dict)
    rule: dict[int, str] = field(default_factory=dict)  # column index -> deciding rule id
    # the weighed readings of which column is the code, when more than one could be
    code_readings: list[Reading] = field(default_factory=list)
    code_margin: float | None = None

    def get(self, role: str) -> int | None:
        return self.roles.get(role)

    @property
    def has_text(self) -> bool:
        return any(role in self.roles for role in TEXT_ROLES)


def _unknown_header(text: str) -> str:
    return f"header {text.strip()!r} names no role" if text.strip() else "no header"


def _column(rows: list[list[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _numbering(cells: list[str]) -> bool:
    """1, 2, 3 ... n: the rows of an example counted (``Line | Contents``), not codes; a
    stray word (the second line of a wrapped header) does not hide it."""
    numbers = [cell.rstrip(".") for cell in cells if cell.rstrip(".").isdigit()]
    return (
        len(numbers) >= 3
        and len(numbers) * 2 > len(cells)
        and numbers == [str(n) for n in range(1, len(numbers) + 1)]
    )


def identifier_share(cells: list[str]) -> float:
    if not cells:
        return 0.0
    return sum(1 for cell in cells if is_identifier_like(unquote(cell))) / len(cells)


def prose_share(cells: list[str]) -> float:
    if not cells:
        return 0.0
    return sum(1 for cell in cells if looks_like_prose(cell)) / len(cells)


def token_share(cells: list[str]) -> float:
    if not cells:
        return 0.0
    token = token_reader()
    return sum(1 for cell in cells if token(cell) is not None) / len(cells)


def assign(
    header: list[str] | None, rows: list[list[str]], extra: dict[str, str] | None = None
) -> Columns:
    """Roles of every column: from the header where it says, from the cells where it does not."""
    width = max([len(header or [])] + [len(row) for row in rows])
    columns = Columns()
    claims, unknown = _header_claims(columns, header, width, extra)
    _symbols_under_text_header(columns, claims, rows)
    if len(claims.get("description", [])) > 1 and "message" not in claims:
        # "Meaning | When?": the first text column says what, the second adds detail
        claims["message"] = [claims["description"].pop(0)]
        columns.why[claims["message"][0]] += "; first of two description columns: the message"
    _numbers_beside_symbols(claims, unknown, rows)
    _settle_claims(columns, claims, unknown, rows)
    _code_from_other_headers(columns, header)
    unknown.sort()
    _infer_from_cells(columns, header, unknown, rows)
    return columns


def _header_claims(
    columns: Columns, header: list[str] | None, width: int, extra: dict[str, str] | None
) -> tuple[dict[str, list[int]], list[int]]:
    """The columns each role's header words claim, and the columns no header word names."""
    unknown: list[int] = []
    claims: dict[str, list[int]] = {}
    for index in range(width):
        text = header[index] if header and index < len(header) else ""
        role = header_role(text, extra)
        if role is None:
            unknown.append(index)
            columns.why[index] = _unknown_header(text)
        elif role in ERROR_ROLES:
            claims.setdefault(role, []).append(index)
            columns.why[index] = f"header word {text.strip()!r}"
        else:
            columns.others.setdefault(role, index)
            columns.why[index] = f"header word {text.strip()!r}"
    return claims, unknown


def _settle_claims(
    columns: Columns, claims: dict[str, list[int]], unknown: list[int], rows: list[list[str]]
) -> None:
    """One column per claimed role: several code columns are weighed, other repeats spare."""
    for role, indexes in claims.items():
        if role == "code" and len(indexes) > 1:
            _weigh_codes(columns, claims, unknown, rows)
            continue
        columns.roles[role] = indexes[0]
        unknown.extend(indexes[1:])
        for index in indexes[1:]:
            columns.why[
                index
            ] += f"; a second {role} column (the {role} is column {indexes[0] + 1})"


def _code_from_other_headers(columns: Columns, header: list[str] | None) -> None:
    """A code column named by the header; else HTTP statuses, or error types, are the codes."""
    if "code" in columns.roles and header:
        columns.code_from_header = True
        columns.weak_code = normalise_header(header[columns.roles["code"]]) in WEAK_CODE_HEADERS
    if "code" not in columns.roles and "http_status" in columns.roles:
        columns.roles["code"] = columns.roles["http_status"]
        columns.code_from_header = True
        columns.why[columns.roles["code"]] += "; HTTP statuses are the codes"
    if (
        "code" not in columns.roles
        and "type" in columns.others
        and "parameter" not in columns.others
        and "name" not in columns.roles
    ):
        # "Type | Meaning" under an errors heading lists error types; needs that context
        columns.roles["code"] = columns.others.pop("type")
        columns.code_from_header = columns.weak_code = True
        columns.why[columns.roles["code"]] += "; error types are the codes"


def _infer_from_cells(
    columns: Columns, header: list[str] | None, unknown: list[int], rows: list[list[str]]
) -> None:
    """Roles the header did not give, from what the cells look like."""
    if "code" not in columns.roles and not (header and "name" in columns.roles):
        # a header that names a Name column but no code column describes named things
        # (parameters, fields); its short-word columns (Kind: header, path) are no codes
        _infer_role(columns, unknown, rows, "code", _code_tokens, "code-like tokens")
    if (
        "code" not in columns.roles
        and "message" in columns.roles
        and "description" in columns.roles
        and "name" not in columns.roles
        and "parameter" not in columns.others
    ):
        # "Message | Comments" under a status heading: the API sends these messages as
        # they are, so each is its own code (as help-centre pages title errors by quote)
        columns.roles["code"] = columns.roles["message"]
        columns.code_from_header = columns.weak_code = columns.codes_are_messages = True
        columns.why[columns.roles["code"]] += "; no code column: each message is its own code"
    if "code" in columns.roles and "name" not in columns.roles:
        # a headerless column of AbsentSubscriber...
        _infer_role(columns, unknown, rows, "name", _identifiers, "identifiers")
    if "message" not in columns.roles and "description" not in columns.roles:
        best_index, best_share = None, 0.0
        for index in unknown:
            share = prose_share(_column(rows, index))
            if share > best_share:
                best_index, best_share = index, share
        if best_index is not None and best_share >= 0.5:
            columns.roles["message"] = best_index
            columns.inferred = True
            columns.why[best_index] += "; inferred from cells: prose"


def _code_tokens(cells: list[str]) -> bool:
    return len(cells) >= 2 and token_share(cells) >= 0.8 and not _numbering(cells)


def _identifiers(cells: list[str]) -> bool:
    return identifier_share(cells) >= 0.8 and len(cells) >= 2


def _infer_role(
    columns: Columns,
    unknown: list[int],
    rows: list[list[str]],
    role: str,
    fits: Callable[[list[str]], bool],
    what: str,
) -> None:
    """The first column without a role whose cells fit ``role`` takes it."""
    for index in unknown:
        if fits(_column(rows, index)):
            columns.roles[role] = index
            columns.inferred = True
            unknown.remove(index)
            columns.why[index] += f"; inferred from cells: {what}"
            return


def _symbols_under_text_header(
    columns: Columns, claims: dict[str, list[int]], rows: list[list[str]]
) -> None:
    """``Cause | Description`` with ORIGINATOR_CANCEL under Cause: symbols are never prose,
    whatever the header word; with no code column and another text column, they are the codes."""
    if "code" in claims or not registry.on(SYMBOLS_RULE):
        return
    texts = [(role, i) for role in ("message", "description") for i in claims.get(role, [])]
    for role, index in sorted(texts, key=lambda pair: pair[1]):
        cells = _column(rows, index)
        rest = [i for _, i in texts if i != index]
        if len(cells) >= 2 and rest and identifier_share(cells) >= SYMBOL_SHARE:
            claims[role].remove(index)
            if not claims[role]:
                del claims[role]
            claims["code"] = [index]
            columns.inferred = True
            columns.rule[index] = SYMBOLS_RULE
            columns.why[index] += "; its cells are symbols, not prose: the codes"
            return


def _numbers_beside_symbols(
    claims: dict[str, list[int]], unknown: list[int], rows: list[list[str]]
) -> None:
    """``Code | Number`` with NOT_FOUND under Code: a headerless-role column of unique
    numbers joins the code candidates, to be weighed against the symbols."""
    codes = claims.get("code", [])
    if not codes or not any(symbols(rows, i) for i in codes):
        return
    for index in list(unknown):
        cells = _column(rows, index)
        found = shape(rows, index)
        if found.numeric and found.unique and len(cells) >= 2 and not _numbering(cells):
            codes.append(index)
            unknown.remove(index)


def _weigh_codes(
    columns: Columns, claims: dict[str, list[int]], unknown: list[int], rows: list[list[str]]
) -> None:
    """Several code candidates: the weighed best is the code; a symbol among the others is
    its name, numbers in 100-599 its HTTP status, the rest stay free for inference."""
    indexes = claims["code"]
    decision = choose_code(rows, sorted(indexes))
    best = int(str(decision.best.payload))
    columns.roles["code"] = best
    columns.code_readings = list(decision.readings)
    columns.code_margin = decision.margin
    rule = telling_rule(decision)
    columns.rule[best] = rule
    columns.why[best] += f"; weighed the best code column (by {decision.margin:g})"
    for index in indexes:
        if index == best:
            continue
        found = shape(rows, index)
        if "name" not in columns.roles and "name" not in claims and found.symbols and found.unique:
            columns.roles["name"] = index
            columns.rule[index] = rule
            columns.why[index] += "; a second code column whose cells are identifiers: the name"
        elif "category" not in claims and "category" not in columns.roles and found.symbols:
            columns.roles["category"] = index
            columns.rule[index] = rule
            columns.why[index] += "; a second code column of repeating words: the category"
        elif (
            "http_status" not in claims
            and "http_status" not in columns.roles
            and (found.numeric and found.http_range)
        ):
            columns.roles["http_status"] = index
            columns.rule[index] = rule
            columns.why[index] += "; a second code column whose cells are HTTP statuses"
        else:
            unknown.append(index)
            columns.why[index] += f"; a second code column (the code is column {best + 1})"


__all__ = [
    "ROLE_HEADERS",
    "ROLE_WORDS",
    "Columns",
    "assign",
    "header_role",
    "normalise_header",
    "CONTEXT_WORDS",
    "ERROR_WORDS",
]
