"""What text a word rule's pattern needs before it can match, so that classify searches a
row only when the entry's text has it.

A large page is tens of rows per entry, and Python's regex engine tries every alternative
of a row at every position of the text. Most rows cannot match most entries: each needs
one of a few literal strings ("not found", "quota" ...). ``needs(source)`` reads those
strings off the parsed pattern; ``key(string)`` is a three-letter slice of one, looked up
in the set of an entry's slices. A row is still searched whenever it might match: this
only skips rows that cannot, so the first matching row, and so every decision, is the same.

Only for ASCII text searched by the lower-case twin of a row (``Rule.folded``): a string
with a character beyond ASCII can never be found in such text.

Parsing every pattern costs more than a small page's whole classification, so the parts
of the packaged rows are generated into ``_classify_needs.py`` (looked up by the pattern's
text: a changed row is simply read again at run time).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

# the parser ``re`` compiles with (private, but what re itself uses); anything this module
# does not recognise counts as needing nothing, so an unknown construct costs speed only
_parser: Any = importlib.import_module("re._parser")

GENERATED = Path(__file__).with_name("_classify_needs.py")
KEY = 3  # letters of a key; a needed string shorter than this is looked for whole
# letters by how often English uses them: a key of rare letters is found in fewer entries
_RARITY = {char: rank for rank, char in enumerate("etaoinshrdlcumwfgypbvkjxqz")}


def parts(source: str) -> tuple[str, ...] | None:
    """What classify looks up for a row with pattern ``source``: the key of each string
    it needs, or the string itself when shorter than a key; None: search it always."""
    from generator.curate._classify_needs import PARTS

    if source in PARTS:
        return PARTS[source]
    return read_parts(source)


def read_parts(source: str) -> tuple[str, ...] | None:
    """``parts(source)`` read off the pattern itself."""
    needed = needs(source)
    if needed is None:
        return None
    return tuple(sorted({key(s) if len(s) >= KEY else s for s in needed}))


def generate_source(sources: list[str]) -> str:
    """The text of ``_classify_needs.py`` for the patterns ``sources``."""
    lines = [
        "# Generated from classify_rules.yaml by generator/curate/required.py; do not edit.",
        "# SPECTAB_UPDATE_GOLDEN=1 pytest tests/curate/test_classify_plan.py rewrites it.",
        "# fmt: off",
        "# the parts each word pattern needs (``required.parts``), by the pattern's text",
        "PARTS: dict[str, tuple[str, ...] | None] = {",
    ]
    lines += [f"    {source!r}: {read_parts(source)!r}," for source in sources]
    return "\n".join(lines + ["}", ""])


def needs(source: str) -> frozenset[str] | None:
    """Strings one of which every ASCII text that ``source`` matches contains (empty: it
    matches no ASCII text), or None when nothing is known to be needed."""
    try:
        found = _sequence(_parser.parse(source))
    except Exception:  # noqa: BLE001  (a construct the parser of this Python reads otherwise)
        return None
    return None if found is None else frozenset(found)


def key(string: str) -> str:
    """The slice of ``string`` of ``KEY`` letters that text holds most rarely."""
    rarity = [_RARITY.get(char, -1) for char in string]
    start = max(range(len(string) - KEY + 1), key=lambda i: sum(rarity[i : i + KEY]))
    return string[start : start + KEY]


def _sequence(items: Any) -> set[str] | None:
    """Needs of a sequence: any one item's, or a run of literal characters (zero-width
    items such as ``\\b`` or a lookahead leave the run whole); the most telling one."""
    known: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _parser.LITERAL:
            run.append(chr(value))
            continue
        if op in (_parser.AT, _parser.ASSERT_NOT):
            continue
        if run:
            known.append({"".join(run)})
            run = []
        inner = _item(op, value)
        if inner is not None:
            known.append(inner)
    if run:
        known.append({"".join(run)})
    ascii_only = [{s for s in strings if s.isascii()} for strings in known]
    return max(ascii_only, key=_telling, default=None)


def _item(op: Any, value: Any) -> set[str] | None:
    """Needs of one item that is not a literal character."""
    if op is _parser.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            inner = _sequence(branch)
            if inner is None:
                return None
            found |= inner
        return found
    if op is _parser.SUBPATTERN:
        _group, add_flags, del_flags, inner_items = value
        return None if add_flags or del_flags else _sequence(inner_items)
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        least, _most, inner_items = value
        return _sequence(inner_items) if least >= 1 else None
    if op is _parser.ASSERT:  # what a lookaround asserts is in the text too
        return _sequence(value[1])
    if op is _parser.ATOMIC_GROUP:
        return _sequence(value)
    return None


def _telling(strings: set[str]) -> tuple[bool, bool, int, int]:
    """Which of a sequence's needs skips most: none to find beats all, then strings long
    enough for a key, then fewer strings, then longer ones."""
    return (
        not strings,
        all(len(s) >= KEY for s in strings),
        -len(strings),
        min((len(s) for s in strings), default=0),
    )
