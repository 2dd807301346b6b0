"""What a cell's text means as a wire value: an error code, a message, a field name.

Codes keep their type: ``-7`` is an integer, ``007``, ``0100C``, ``E101`` and ``TMS.0009``
are strings, because that is what a client compares against. Everything here is about
one value at a time; deciding which column holds codes is the job of :mod:`columns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from generator.lazyre import lazy
from generator.scrape.cells import is_identifier_like
from generator.scrape.interpret import registry
from generator.spec.model import Code

_INT = lazy(r"^-?\d+$")
# one token: invalid_did, E101, TMS.0009, 0100C, ERR-42, auth/invalid-key
_TOKEN = lazy(r"^[A-Za-z0-9_$][A-Za-z0-9_.:/$\-]*$")
# a family of codes: 4xx, 10xx, 110X, 2XXX, 100XX (digits, then one x per digit left open)
_RANGE = lazy(r"^\d+[xX]+$")
_SPAN = lazy(r"(\S+)(?:\s+[-\u2013]\s*|\s*[-\u2013]\s+)(\S+)")  # a dash set off by space
# "404 Not Found" or "200 (OK)" in a code cell or a title
_STATUS_LINE = lazy(r"^(\d{3})\s+(?:\(([A-Za-z][^\n()]*)\)|([A-Za-z][^\n]*))$")
# E100~E199, 1000-1999, 20001～20099: two codes of one shape joined by a tilde or a dash
_TIGHT_SPAN = lazy(
    r"^([A-Za-z]{0,8})(\d{1,12})\s*[~\uff5e\u301c\-\u2013]\s*([A-Za-z]{0,8})(\d{1,12})$"
)
SPAN_RULE = "codes.tight_span_is_range"
# an API symbol, not a wire value: scope-qualified (error::make_error_code); call forms
# (make_error_code()) never match _TOKEN
_SYMBOL = lazy(r"::")
# "1." or "1.2.1.": a list item or section number, not a code
_NUMBERING = lazy(r"^\d+(\.\d+)*\.$")
_QUOTES = {'"': '"', "'": "'", "`": "`", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
# the ways a cell lists two wire values for one error: "a or b", "a, b", "a / b"
_ALTERNATIVES = lazy(r"\s+or\s+|\s*,\s*|\s+/\s+")
_DASHES = "\u2212\u2013\u2014"  # minus sign, en dash, em dash used as a minus

# parsed cells remembered (a cell is parsed by several checks; a big table has many)
_CACHE_SIZE = 2**17
MAX_TOKEN = 80
MAX_PHRASE_WORDS = 8
MAX_MESSAGE_CODE = 200  # a message that is its own code; longer is a paragraph


@dataclass(frozen=True)
class ParsedCode:
    """A code cell read as a wire value, plus what else the cell said.

    Frozen, because parse results are cached and shared: deciding whether a table lists
    errors reads each code cell several times.
    """

    code: Code
    text: str  # the code exactly as written (for string namespaces)
    aliases: tuple[Code, ...] = ()
    rest: str | None = None  # "Not Found" of "404 Not Found"


def unquote(text: str) -> str:
    """``"Blocked IP"`` -> ``Blocked IP``: one pair of matching quotes or backticks."""
    text = text.strip()
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


_SAFE = 2**53 - 1  # the spec schema's bound: JavaScript holds integers up to it exactly


def _typed(text: str) -> Code:
    """An integer when the text is a plain decimal without a leading zero that JavaScript
    holds exactly (the spec's bound), else the text, as "007" is."""
    if _INT.match(text) and not re.match(r"^-?0\d", text) and len(text.lstrip("-")) <= 16:
        value = int(text)
        if -_SAFE <= value <= _SAFE:
            return value
    return text


def _normalise(text: str) -> str:
    text = unquote(" ".join(text.split()))
    if text[:1] in _DASHES and text[1:2].isdigit():
        text = "-" + text[1:]
    return text


def parse_token(text: str) -> ParsedCode | None:
    """A single-token code (``-7``, ``invalid_did``, ``0100C``), or None."""
    return _parse_token(text, registry.on(SPAN_RULE))


def token_reader() -> Callable[[str], ParsedCode | None]:
    """``parse_token`` for a whole column: the span rule's switch is read once, not per cell."""
    spans = registry.on(SPAN_RULE)
    return lambda text: _parse_token(text, spans)


def code_reader(*, phrases: bool = False) -> Callable[[str], ParsedCode | None]:
    """``parse_code`` for a whole column: the span rule's switch is read once, not per cell."""
    spans = registry.on(SPAN_RULE)
    return lambda text: _parse_code(text, phrases, spans)


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_token(text: str, spans: bool) -> ParsedCode | None:
    """``parse_token``, cached per switch of the span rule (the ablation test turns it off)."""
    text = _normalise(text)
    if (
        not text
        or len(text) > MAX_TOKEN
        or _RANGE.match(text)
        or _SYMBOL.search(text)
        or _NUMBERING.match(text)
        or (spans and _tight_span(text))
    ):
        return None
    if _INT.match(text) or (_TOKEN.match(text) and any(c.isalnum() for c in text)):
        return ParsedCode(_typed(text), text)
    return None


def parse_code(text: str, *, phrases: bool = False) -> ParsedCode | None:
    """Read a code cell (see ``_parse_code``)."""
    return _parse_code(text, phrases, registry.on(SPAN_RULE))


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_code(text: str, phrases: bool, spans: bool) -> ParsedCode | None:
    """Read a code cell.

    Accepts one token, ``404 Not Found`` (code plus a name), two or more tokens listed as
    alternatives (``a or b``: the first is the code, the rest aliases) and, when
    ``phrases`` is set (the column's header says it holds codes), a short phrase such as
    ``Blocked IP`` taken verbatim. Ranges such as ``4xx`` are not codes.
    """
    text = _normalise(text)
    if not text:
        return None
    single = _parse_token(text, spans)
    if single is not None:
        return single
    status = _STATUS_LINE.match(text)
    if status:
        reason = (status.group(2) or status.group(3)).strip()
        return ParsedCode(int(status.group(1)), status.group(1), rest=reason)
    parts = [unquote(part) for part in _ALTERNATIVES.split(text) if part.strip()]
    if len(parts) > 1:
        parsed = [_parse_token(part, spans) for part in parts]
        if all(item is not None for item in parsed):
            first, *others = [item for item in parsed if item is not None]
            kinds = {isinstance(item.code, int) for item in parsed if item is not None}
            if len(kinds) == 1:
                return ParsedCode(first.code, first.text, tuple(item.code for item in others))
    if phrases and is_phrase(text) and not starts_with_range(text):
        return ParsedCode(text, text)
    return None


def _tight_span(text: str) -> bool:
    """``E100~E199``: a range, not a code; ``ERR-42`` (other shapes) and ``400-001`` (the
    second end below the first) stay codes."""
    match = _TIGHT_SPAN.match(text)
    if match is None:
        return False
    head, low, tail, high = match.groups()
    return head == tail and len(low) == len(high) and int(low) < int(high)


def starts_with_range(text: str) -> bool:
    """``5xx (Server error)``, ``10000 - 19999``, ``10xx - General``: a group of codes named
    together, never a code of its own, whatever follows the range."""
    text = _normalise(text)
    words = text.split()
    first = words[0] if words else ""
    spans = _tight_span(first) or _tight_span(" ".join(words[:3]))
    if is_code_range(text) or (registry.on(SPAN_RULE) and spans):
        return True
    first = text.split()[0] if text.split() else ""
    span = _SPAN.match(text)
    return bool(_RANGE.match(first)) or (
        span is not None and all(_INT.match(end) for end in span.groups())
    )


def is_code_range(text: str) -> bool:
    """``4xx`` or ``0x16 - 0x32``: codes a table describes together, never sent as such."""
    text = _normalise(text)
    span = _SPAN.fullmatch(text)
    if span is not None:
        return all(parse_token(end) is not None for end in span.groups())
    return bool(_RANGE.match(text))


def parse_message_code(text: str) -> ParsedCode | None:
    """A message that is its own code (``Bad query: Invalid phone number``), as tables of
    the messages an API sends list them: one line, taken verbatim."""
    text = _normalise(text)
    if not text or len(text) > MAX_MESSAGE_CODE:
        return None
    return ParsedCode(text, text)


def is_phrase(text: str) -> bool:
    """A short label (``Blocked IP``), not a sentence: few words, no sentence end."""
    words = text.split()
    return (
        0 < len(words) <= MAX_PHRASE_WORDS
        and len(text) <= MAX_TOKEN
        and not text.endswith((".", "!", "?", ":"))
        and "\n" not in text
    )


def code_type(codes: list[Code]) -> str:
    """``integer`` when every code is one, else ``string``."""
    return "integer" if codes and all(isinstance(code, int) for code in codes) else "string"


def clean_message(text: str) -> str:
    """One line of the source's words: cell lines joined with spaces, stray edge pipes gone.

    A pipe at the start or end of a line is table syntax that leaked into a continued cell
    (``These are not valid Digits\\n|``); a pipe inside a line is the source's text.
    """
    if "\n" not in text and "\r" not in text and "|" not in text:
        return " ".join(text.split())  # one line without pipes, as most cells are
    lines = []
    for line in text.replace("\r", "\n").split("\n"):
        line = line.strip()
        while line.startswith("|") or line.endswith("|"):
            line = line.strip("|").strip()
        if line:
            lines.append(line)
    return " ".join(" ".join(lines).split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (a message), or all of it when it has one."""
    text = " ".join(text.split())
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\u201c])", text, maxsplit=1)
    return parts[0]


def looks_like_prose(text: str) -> bool:
    """Text meant for people: two or more words, or a run of letters of a script that does
    not separate words with spaces (``余额不足``)."""
    if len(text.split()) >= 2:
        return True
    wide = sum(1 for char in text if "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af")
    return wide >= 2


__all__ = [
    "ParsedCode",
    "parse_code",
    "parse_token",
    "token_reader",
    "code_reader",
    "starts_with_range",
    "unquote",
    "is_phrase",
    "is_identifier_like",
    "code_type",
    "clean_message",
    "first_sentence",
    "looks_like_prose",
]
