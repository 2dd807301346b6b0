"""Identifiers for generated code: UPPER_SNAKE, legal everywhere, unique per namespace.

Names must be legal in Python and TypeScript at once and must not collide with what the
generated enum already uses (``name``, ``value``, ``mro``, dunder/sunder members), the
classic failures of other generators (duplicate identifiers, keywords as members).
"""

from __future__ import annotations

import re
import unicodedata

from generator.spec.identifiers import why_illegal, words
from generator.spec.model import Code

MAX_WORDS = 6
MAX_LENGTH = 48

# Words that add no meaning at the start of a name derived from a sentence.
_LEADING_FILLER = frozenset({"THE", "A", "AN", "PLEASE", "SORRY"})
# Articles and auxiliaries dropped anywhere in a sentence ("Users has been locked" ->
# USERS_LOCKED); and words a shortened name must not end on (..._BOUND_TO_THE).
_INNER_FILLER = frozenset({"THE", "A", "AN", "IS", "ARE", "WAS", "WERE", "BEEN"})
_DANGLING = frozenset(
    {
        "TO",
        "OF",
        "FOR",
        "WITH",
        "IN",
        "ON",
        "AT",
        "BY",
        "FROM",
        "WHEN",
        "WHICH",
        "THAT",
        "AND",
        "OR",
        "BUT",
        "CAN",
        "MUST",
        "SHOULD",
        "WILL",
        "YOU",
        "YOUR",
        "THIS",
        "NOT",
        "NO",
        "THAN",
        "HAS",
        "HAVE",
        "DOES",
        "DO",
        "DID",
    }
)


def _first_clause(text: str) -> str:
    """The part of a sentence before its first clause break: a name, not a paragraph."""
    clause = re.split(r"[.,;:!?()\[\]\n]|\s[-\u2013\u2014]\s", text.strip(), maxsplit=1)[0]
    return clause or text


def from_text(text: str) -> str:
    """A short UPPER_SNAKE name from prose ("Authentication error" -> AUTHENTICATION_ERROR);
    empty for text mostly in other scripts, whose few Latin words would misname it
    (``请求异常：错误信息根据返回的message`` is no MESSAGE): the code names it instead."""
    if not text.isascii() and _latin_share(text) < 0.5:
        return ""
    return _sentence_name(words(_first_clause(text)) or words(text))


def _latin_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for char in letters if unicodedata.normalize("NFKD", char)[:1].isascii())
    return latin / len(letters)


def _sentence_name(words: list[str]) -> str:
    start = 0  # an index, not repeated slicing: a message of many filler words stays linear
    while start < len(words) - 1 and words[start] in _LEADING_FILLER:
        start += 1
    words = words[start:]
    meaningful = [
        word
        for index, word in enumerate(words)
        if word not in _INNER_FILLER
        and not (word in ("HAS", "HAVE") and words[index + 1 : index + 2] == ["BEEN"])
    ]
    words = (meaningful or words)[:MAX_WORDS]
    while len(words) > 1 and (words[-1] in _DANGLING or len("_".join(words)) > MAX_LENGTH):
        words = words[:-1]
    return "_".join(words)[:MAX_LENGTH]


def _looks_like_name(code: str, words: list[str]) -> bool:
    """Codes such as ``invalid_did`` or ``Blacklisted IP`` name themselves; sentences do not.
    ``words`` are the code's ``words``."""
    if not words or not code.strip()[:1].isalpha():
        return False
    # an identifier the page gives (ERROR_IPSEC_DEFAULT_MM_POLICY_NOT_FOUND) is used whole
    return len(words) <= MAX_WORDS or " " not in code.strip()


def derive(code: Code, message: str) -> str:
    """The automatic name of an entry, before uniqueness is enforced."""
    code_words = words(code) if isinstance(code, str) else []
    if isinstance(code, str) and _looks_like_name(code, code_words):
        # a code with spaces is a sentence ("DNCS number cap has been hit"); an identifier
        # (invalid_ip_in_use) keeps every word
        name = _sentence_name(code_words) if " " in code.strip() else "_".join(code_words)
    else:
        name = from_text(message) if message.strip() else ""
    if not name:
        name = _code_name(code)
    if name[0].isdigit():
        name = f"E_{name}"
    if why_illegal(name):
        name = f"{name}_ERROR"
    return name


def _code_name(code: Code) -> str:
    if isinstance(code, int):
        return f"CODE_MINUS_{-code}" if code < 0 else f"CODE_{code}"
    parts = words(code)
    return "CODE_" + "_".join(parts) if parts else "CODE"


def make_unique(
    names: list[str], codes: list[Code] | None = None
) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Suffix repeated names deterministically.

    A repeat whose code is an integer takes the code (``NOT_FOUND_1044``,
    ``NOT_FOUND_MINUS_7``), so its name does not shift when the page gains or loses another
    entry; other repeats take ``_2``, ``_3``... in page order. Returns the new names and,
    for each rename, ``(index, original, new)`` so the caller can warn: a silent rename is
    how two enum members end up swapped after a re-scrape.
    """
    taken = set(names)
    seen: set[str] = set()
    result: list[str] = []
    renamed: list[tuple[int, str, str]] = []
    for index, name in enumerate(names):
        if name not in seen:
            seen.add(name)
            result.append(name)
            continue
        code = codes[index] if codes is not None else None
        new = ""
        if isinstance(code, int) and not isinstance(code, bool):
            new = f"{name}_{code}" if code >= 0 else f"{name}_MINUS_{-code}"
            if new in taken or new in seen:
                new = ""
        suffix = 2
        while not new:
            candidate = f"{name}_{suffix}"
            if candidate not in taken and candidate not in seen:
                new = candidate
            suffix += 1
        seen.add(new)
        result.append(new)
        renamed.append((index, name, new))
    return result, renamed
