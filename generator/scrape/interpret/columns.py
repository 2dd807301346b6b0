"""Which column of a table holds what: header words by meaning, kept as data.

A header cell is matched first against the exact phrases of ``ROLE_HEADERS``, then
against the word patterns of ``ROLE_WORDS`` (in order, so ``Error Message`` is a message
and ``HTTP Status Code`` an HTTP status, not a code). Columns whose header is empty or
unknown get a role from their cells: a column of codes, a column of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from generator.scrape.interpret.codes import (
    is_identifier_like,
    looks_like_prose,
    parse_code,
    parse_token,
    unquote,
)

# Roles an error table can have, and roles that mark a table as something else.
ERROR_ROLES = ("code", "name", "message", "description", "http_status", "solution")
TEXT_ROLES = ("message", "name", "description")


def _header_words() -> (
    tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...], dict[str, str]]
):
    """The header words of ``header_words.yaml``: data, so a new language is a new row."""
    text = (
        resources.files("generator.scrape.interpret")
        .joinpath("header_words.yaml")
        .read_text("utf-8")
    )
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    phrases = {role: tuple(words) for role, words in data["phrases"].items()}
    patterns = tuple((row["role"], row["pattern"]) for row in data["patterns"])
    context = {key: str(value) for key, value in data["context"].items()}
    return phrases, patterns, context


# role -> header phrases; then fallback word patterns, tried in order; context words.
ROLE_HEADERS, ROLE_WORDS, _CONTEXT = _header_words()

# Code headers this vague need the section to talk about errors or status first.
WEAK_CODE_HEADERS = frozenset({"id", "value", "key", "state", "result"})
CONTEXT_WORDS = re.compile(_CONTEXT["codes"], re.IGNORECASE)
# what a page must say somewhere to list errors: "codes" alone is not enough
ERROR_WORDS = re.compile(_CONTEXT["errors"], re.IGNORECASE)


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

    def get(self, role: str) -> int | None:
        return self.roles.get(role)

    @property
    def has_text(self) -> bool:
        return any(role in self.roles for role in TEXT_ROLES)


def _unknown_header(text: str) -> str:
    return f"header {text.strip()!r} names no role" if text.strip() else "no header"


def _column(rows: list[list[str]], index: int) -> list[str]:
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _all_http_statuses(cells: list[str]) -> bool:
    return bool(cells) and all(cell.isdigit() and 100 <= int(cell) <= 599 for cell in cells)


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
    return sum(1 for cell in cells if parse_token(cell) is not None) / len(cells)


def assign(
    header: list[str] | None, rows: list[list[str]], extra: dict[str, str] | None = None
) -> Columns:
    """Roles of every column: from the header where it says, from the cells where it does not."""
    width = max([len(header or [])] + [len(row) for row in rows])
    columns = Columns()
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
    if len(claims.get("description", [])) > 1 and "message" not in claims:
        # "Meaning | When?": the first text column says what, the second adds detail
        claims["message"] = [claims["description"].pop(0)]
        columns.why[claims["message"][0]] += "; first of two description columns: the message"
    for role, indexes in claims.items():
        if role == "code" and len(indexes) > 1:
            # the same header twice (a colspan copied into both cells): the codes are in
            # the column whose cells read as codes; the other is free for inference.
            # "Status Code | Error Code": a column of 100-599 only is the HTTP status
            best = max(
                indexes,
                key=lambda i: (
                    token_share(_column(rows, i)),
                    not _all_http_statuses(_column(rows, i)),
                    -i,
                ),
            )
        else:
            best = indexes[0]
        columns.roles[role] = best
        spare = [i for i in indexes if i != best]
        if role == "code" and "name" not in columns.roles:
            # "Code | Status | Description" with PROCESSING_ERROR under Status: a name
            named = [i for i in spare if identifier_share(_column(rows, i)) >= 0.8]
            if named:
                columns.roles["name"] = named[0]
                spare.remove(named[0])
                columns.why[named[0]] += "; a second code column whose cells are identifiers"
        if role == "code" and "http_status" not in claims:
            # "Code | Status | Description" with 401 under Status: the HTTP status
            statuses = [i for i in spare if _all_http_statuses(_column(rows, i))]
            if statuses:
                columns.roles["http_status"] = statuses[0]
                spare.remove(statuses[0])
                columns.why[statuses[0]] += "; a second code column whose cells are HTTP statuses"
        unknown.extend(spare)
        for index in spare:
            columns.why[index] += f"; a second {role} column (the {role} is column {best + 1})"
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
    unknown.sort()
    if "code" not in columns.roles and not (header and "name" in columns.roles):
        # a header that names a Name column but no code column describes named things
        # (parameters, fields); its short-word columns (Kind: header, path) are no codes
        for index in unknown:
            cells = _column(rows, index)
            if len(cells) >= 2 and token_share(cells) >= 0.8 and not _numbering(cells):
                columns.roles["code"] = index
                columns.inferred = True
                unknown.remove(index)
                columns.why[index] += "; inferred from cells: code-like tokens"
                break
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
        for index in unknown:
            if identifier_share(_column(rows, index)) >= 0.8 and len(_column(rows, index)) >= 2:
                columns.roles["name"] = index  # a headerless column of AbsentSubscriber...
                columns.inferred = True
                unknown.remove(index)
                columns.why[index] += "; inferred from cells: identifiers"
                break
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
    return columns


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
