"""The one vocabulary for "this text talks about codes, errors, statuses": every rule that
asks reads it here.

The words are data: the ``context`` block of ``header_words.yaml``, in any script. Three
questions, from weakest to most specific:

- ``names_codes``: codes, errors, statuses, results ("Error codes", "Return values"): a vague
  code header ("ID", "Value") needs one around its table;
- ``says_errors``: errors, statuses, failures, return values ("codes" alone is not enough:
  date-format codes): a page lists errors only if some text on it says one;
- ``says_status``: HTTP statuses ("Response code", "Status codes"): 100-599 integers under
  such words are statuses; ``status_before`` words put in front of one number name it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

# a status number right after a status word ("HTTP status code 400", "status: 404")
_NUMBER_AFTER = r"\s*[:#]?\s*([1-5]\d\d)(?![\d.])"


@lru_cache(maxsize=1)
def header_words() -> dict[str, Any]:
    """``header_words.yaml``, parsed once for its two readers: the header words
    (columns.py) and the context words (here)."""
    text = Path(__file__).with_name("header_words.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def _context() -> dict[str, Any]:
    context: dict[str, Any] = header_words()["context"]
    return context


def _alternatives(words: list[str]) -> str:
    """Plain words as one alternation, longest first, a space matching any spaces."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern[str]:
    """The vocabulary's ``codes``, ``errors``, ``failures``, ``status`` or ``status_before``
    pattern, compiled when first asked for (a small page needs only some of them)."""
    data = _context()
    if name == "status":
        return re.compile(rf"(?<!\w)({_alternatives(data['status'])})(?!\w)", re.IGNORECASE)
    if name == "status_before":
        before = _alternatives(data["status_before"])
        return re.compile(rf"(?<!\w)({before}){_NUMBER_AFTER}", re.IGNORECASE)
    return re.compile(str(data[name]), re.IGNORECASE)


def names_codes(texts: Iterable[str]) -> bool:
    """Some text talks about codes, errors, statuses or results."""
    return bool(pattern("codes").search(" ".join(texts)))


def says_errors(texts: Iterable[str]) -> bool:
    """Some text names errors, statuses, failures or return values ("codes" is not enough)."""
    found = pattern("errors")
    return any(found.search(text) for text in texts)


def says_failure(texts: Iterable[str]) -> bool:
    """An entry's own words name a failure (``says_errors`` without the topic words
    "response" and "result", which a message may be about without failing)."""
    found = pattern("failures")
    return any(found.search(text) for text in texts)


def identifier_words(name: str) -> str:
    """``ERR_CONNECTION_RESET`` -> ``err connection reset``, ``ConnectFailed`` -> ``connect
    failed``: a symbol's words, so the vocabulary can read what a name says."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name.strip())
    return re.sub(r"[_.:\-]+", " ", spaced).lower()


def says_status(text: str) -> bool:
    """The text uses a word for HTTP statuses."""
    return bool(pattern("status").search(text))


def status_named(text: str) -> re.Match[str] | None:
    """A status word followed by a number (group 2): "HTTP status code 400"."""
    return pattern("status_before").search(text)


__all__ = [
    "pattern",
    "header_words",
    "names_codes",
    "says_errors",
    "says_failure",
    "says_status",
    "status_named",
    "identifier_words",
]
