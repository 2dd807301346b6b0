"""What an entry offers the classification rules, read once per entry.

Besides its words, an entry may carry evidence the page states outright: a well-known
status symbol as its code or name (gRPC's NOT_FOUND, POSIX's ENOENT), an HTTP status, or
the page's own label for its class (a Type, Category or Severity column). These are read
here into plain values; the rows of classify_rules.yaml decide what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.lazyre import lazy
from generator.spec.model import Code

# a symbol is an identifier: longer text is a sentence, not a symbol
MAX_SYMBOL_LENGTH = 64
# a category label names a class in a few words; a longer cell is a description
MAX_LABEL_WORDS = 6
MAX_LABEL_LENGTH = 60

# what qualifies a symbol's last part: StatusCode.NOT_FOUND, grpc::StatusCode::NOT_FOUND
_QUALIFIER = lazy(r"\.|::")
_IDENTIFIER = lazy(r"[A-Za-z][A-Za-z0-9_]*")
# an errno symbol: E and capitals or digits (ENOENT, E2BIG), read also after a library
# prefix (UV_ENOENT)
_ERRNO_SHAPED = lazy(r"E[A-Z0-9]{2,}")


@dataclass(frozen=True)
class Facts:
    text: str  # the code's words and the message, as the word rows read them
    lowered: str | None  # ``text.lower()`` when the text is ASCII (else None)
    http_status: int | None
    symbols: frozenset[str]  # ``symbol_key`` of the code, the page's name, and their suffixes
    label: str | None  # the page's category label, its words separated by spaces


def symbol_key(symbol: str) -> str:
    """One spelling for a symbol written in any case style: NOT_FOUND, NotFound and
    not_found are the same symbol (gRPC's own languages write all three)."""
    return symbol.replace("_", "").upper()


def symbol_keys(value: object) -> set[str]:
    """The keys under which ``value`` (a code or a name) may name a well-known symbol.

    The last part of a qualified name counts, and so does a suffix of an underscored
    identifier when it has two words or more (USER_NOT_FOUND says NOT_FOUND) or is shaped
    like an errno symbol (UV_EAGAIN); a one-word suffix does not (NOT_OK is not OK)."""
    if not isinstance(value, str) or len(value) > MAX_SYMBOL_LENGTH:
        return set()
    last = _QUALIFIER.split(value.strip())[-1].lstrip("-")
    if not _IDENTIFIER.fullmatch(last):
        return set()
    keys = {symbol_key(last)}
    parts = last.split("_")
    for start in range(1, len(parts)):
        suffix = parts[start:]
        if len(suffix) >= 2 or _ERRNO_SHAPED.fullmatch(suffix[0]):
            keys.add(symbol_key("_".join(suffix)))
    return keys


def label_text(category: str | None) -> str | None:
    """The page's category label as words (``invalid_request_error`` -> ``invalid request
    error``), or None when there is none or it is too long to be a label."""
    if category is None:
        return None
    words = re.sub(r"[_\-/]+", " ", category).split()
    if not words or len(words) > MAX_LABEL_WORDS or len(category) > MAX_LABEL_LENGTH:
        return None
    return " ".join(words)


def facts(
    text: str,
    code: Code,
    http_status: int | None,
    name: str | None,
    category: str | None,
    known: tuple[str, ...] | None = None,
) -> Facts:
    """The evidence of one entry; ``text`` is what the word rows search. With ``known``
    (symbol keys), ``symbols`` holds only what may be among them: finding a symbol's
    suffixes is most of this for a code that names no symbol."""
    return Facts(
        text=text,
        lowered=text.lower() if text.isascii() else None,
        http_status=http_status,
        symbols=frozenset(_keys(code, known) | _keys(name, known)),
        label=label_text(category),
    )


def _keys(value: object, known: tuple[str, ...] | None) -> set[str]:
    """``symbol_keys(value)``, or none when no key of ``known`` can be among them: every
    key ends the key of the whole value, so a value whose key ends in none names none."""
    if known is not None and not (
        isinstance(value, str) and symbol_key(value.strip()).endswith(known)
    ):
        return set()
    return symbol_keys(value)
