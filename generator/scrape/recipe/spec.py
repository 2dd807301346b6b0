"""A recipe as the user writes it: where the entries are and where each field is.

``entries`` is a CSS selector (HTML) or a block kind of the page model (any format):
``heading`` or ``heading:N``, ``dt`` / ``field`` (a definition term or a field name),
``item`` (a paragraph or list item), ``line`` (every line of text), ``row`` (a table row).
A field pattern is ``{SUB} REGEX``, both parts optional: SUB picks a part of the entry (a
CSS selector inside the entry or what follows it; for a row, a column number or header),
REGEX, with at most one group, finds the value in that text (its group, else the match).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.errors import InputError
from generator.scrape.recipe import RECIPE_KEYS
from generator.scrape.recipe.safe_regex import compile_safe

FIELDS = ("code", "name", "message")
# the block kinds an entries hint may name (heading may say its level: heading:3)
BLOCK_KIND = re.compile(r"^(heading)(?::([1-6]))?$|^(dt|field|item|line|row)$")
KINDS_TEXT = "heading, heading:N, dt, field, item, line, row"
MAX_ENTRIES_TEXT = 1000  # characters of the entries selector (as for --select)


@dataclass(frozen=True)
class FieldPattern:
    """Where one field is: a part of the entry (``sub``) and a regex in its text."""

    written: str
    sub: str | None
    regex: re.Pattern[str] | None


@dataclass(frozen=True)
class Recipe:
    entries: str
    kind: str | None  # a block kind, or None for a CSS selector
    level: int | None  # heading:N
    code: FieldPattern | None = None
    name: FieldPattern | None = None
    message: FieldPattern | None = None

    def describe(self) -> str:
        """The recipe as flags, for messages and --explain."""
        said = [f"--entries {_quoted(self.entries)}"]
        for key in FIELDS:
            field = getattr(self, key)
            if field is not None:
                said.append(f"--{key} {_quoted(field.written)}")
        return " ".join(said)


def _quoted(text: str) -> str:
    """``text`` as a shell user would type it (single quotes, backslashes as written)."""
    return f"'{text}'" if "'" not in text else repr(text)


def parse_recipe(hints: dict[str, Any], location: str) -> Recipe | None:
    """The recipe of a hints mapping, or None when it has none; bad parts are input errors."""
    given: dict[str, Any] = {key: hints[key] for key in RECIPE_KEYS if hints.get(key) is not None}
    if not given:
        return None
    for key, value in given.items():
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{location}: hint {key!r} must be a non-empty text")
    entries = given.get("entries")
    if entries is None:
        named = ", ".join(sorted(given))
        raise InputError(f"{location}: hint {named} needs entries (where each entry is)")
    if len(entries) > MAX_ENTRIES_TEXT:
        raise InputError(f"{location}: hint entries: at most {MAX_ENTRIES_TEXT} characters")
    kind = BLOCK_KIND.match(entries.strip())
    if kind is None and entries.strip().startswith("heading:"):  # no HTML element is <heading>
        raise InputError(f"{location}: hint entries {entries.strip()!r}: heading levels are 1 to 6")
    fields = {
        key: _field(str(given[key]), f"{location}: hint {key}") for key in FIELDS if key in given
    }
    return Recipe(
        entries=entries.strip(),
        kind=(kind.group(1) or kind.group(3)) if kind else None,
        level=int(kind.group(2)) if kind and kind.group(2) else None,
        **fields,
    )


def _field(written: str, what: str) -> FieldPattern:
    """``{SUB} REGEX``, ``{SUB}`` or ``REGEX``."""
    sub: str | None = None
    rest = written
    if written.startswith("{"):
        end = written.find("}")
        if end < 0:
            raise InputError(f"{what}: {{SUB}} is not closed in {written!r}")
        sub, rest = written[1:end].strip(), written[end + 1 :].strip()
        if not sub:
            raise InputError(f"{what}: empty {{}} in {written!r}")
    regex = compile_safe(rest, what) if rest else None
    return FieldPattern(written, sub, regex)


__all__ = ["Recipe", "FieldPattern", "parse_recipe", "RECIPE_KEYS", "KINDS_TEXT"]
