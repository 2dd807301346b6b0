"""An entry's fields from a recipe's patterns: code, name, message and description.

The message, when no pattern says where it is: the entry's text without the code and name
(an error title: ``Invalid token [E101]``), unless what is left is only punctuation or
bracketed attributes (``(string, deprecated)``); then the first line of what follows the
entry (a heading's paragraph, a term's definition, the panel after a tab title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.spec.model import Code, RawEntry, SourceRef
from generator.scrape.interpret.codes import parse_token, unquote
from generator.scrape.recipe.items import Item
from generator.scrape.recipe.safe_regex import search
from generator.scrape.recipe.spec import FieldPattern, Recipe

# the code when no pattern says where it is: the entry's first token
DEFAULT_CODE = re.compile(r"[A-Za-z0-9_$][\w.:/$-]*")
# bracketed asides and punctuation: left of an entry's text, they are no message
_ASIDES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|[\W_]+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|\{\s*\}")  # what is left of "[E101]"
_EDGES = " \t-\u2013\u2014:;,.|=>`"  # separators between a code and its text
_TRAILING = _EDGES.replace(".", "")  # a message keeps its full stop


@dataclass
class _Found:
    value: str
    source: str  # the text the pattern looked at
    span: tuple[int, int] | None  # where the whole match is in it
    sub: str | None


def _find(
    item: Item, pattern: FieldPattern | None, default: re.Pattern[str] | None
) -> _Found | None:
    sub = pattern.sub if pattern else None
    source = item.text if sub is None else item.pick(sub)
    if source is None:
        return None
    regex = pattern.regex if pattern else default
    if regex is None:
        return _Found(source.strip(), source, (0, len(source)), sub)
    match = search(regex, source)
    if match is None:
        return None
    value = match.group(1) if regex.groups and match.group(1) is not None else match.group(0)
    return _Found(value.strip(), source, match.span(), sub)


def field_found(item: Item, pattern: FieldPattern) -> bool:
    """Whether ``pattern`` (a name or message field) finds a value in the entry."""
    found = _find(item, pattern, None)
    return found is not None and bool(unquote(found.value))


def entry_of(item: Item, recipe: Recipe) -> RawEntry | None:
    """The entry an item gives, or None when the code pattern finds no code in it."""
    code = _find(item, recipe.code, DEFAULT_CODE)
    if code is None or not unquote(code.value):
        return None
    name = _find(item, recipe.name, None) if recipe.name else None
    message: str | None = None
    description: str | None = None
    pattern = recipe.message
    if pattern is not None:
        found = _find(item, pattern, None)
        message = unquote(found.value) if found and found.value else None
    if message is None:
        message, description = _default_message(item, code, name)
    elif item.follow and pattern is not None and pattern.sub is None:
        description = " ".join(item.follow)
    return RawEntry(
        code=_typed(code.value),
        message=message or (name.value if name else unquote(code.value)),
        description=description or None,
        source=SourceRef(line=item.line),
        name=unquote(name.value) if name and name.value else None,
    )


def _default_message(item: Item, code: _Found, name: _Found | None) -> tuple[str, str | None]:
    """The text the code was found in without code and name, else the first line of what
    follows the entry."""
    spans = [code.span] + ([name.span] if name and name.sub == code.sub else [])
    left = _without(code.source, [span for span in spans if span])
    if _ASIDES.sub("", left):
        return left, " ".join(item.follow) or None
    if item.follow:
        return unquote(item.follow[0]), " ".join(item.follow[1:]) or None
    return left, None


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at:start] if start >= at else "")
        at = max(at, end)
    kept.append(text[at:])
    joined = _EMPTY_BRACKETS.sub("", " ".join(" ".join(p.split()) for p in kept if p.strip()))
    return unquote(joined.lstrip(_EDGES).rstrip(_TRAILING).strip())


def _typed(text: str) -> Code:
    """A code as the interpreter types a code cell (``42`` an integer, ``0042`` text)."""
    text = unquote(text)
    parsed = parse_token(text)
    return parsed.code if parsed is not None else " ".join(text.split())


__all__ = ["entry_of", "field_found", "DEFAULT_CODE"]
