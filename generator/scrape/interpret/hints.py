"""Reader hints: pointing at the error list of a page without writing code.

Hints come from ``scrape`` flags or from a provider's ``hints:`` in providers.yaml, so
``refresh`` reads the page the same way. ``roles`` adds header words; ``select`` (HTML)
reads only what a CSS selector matches; ``section`` keeps only lists under headings that
contain a text; ``columns`` says which column holds what; ``code_type`` makes every code
an integer or a string. A hint that matches nothing is an input error that names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.lazyre import lazy
from generator.errors import InputError
from generator.spec.model import Code, RawEntry
from generator.scrape.interpret import registry
from generator.scrape.interpret.columns import ERROR_ROLES, Columns, normalise_header
from generator.scrape.recipe import RECIPE_KEYS

if TYPE_CHECKING:  # read only when a recipe hint is given
    from generator.scrape.recipe.spec import Recipe

HINT_KEYS = frozenset({"roles", "select", "section", "columns", "code_type", "pair_columns"})
HINT_KEYS |= frozenset(RECIPE_KEYS)  # the recipe hint (scrape/recipe): entries and fields
CODE_TYPES = ("integer", "string")
# the registered rule (rules.yaml) that leaves out a list the section hint does not cover
SECTION_RULE = "hints.section"
ROLE_HINT_VALUES = frozenset(ERROR_ROLES) | {"parameter", "type", "usage"}


@dataclass
class Hints:
    roles: dict[str, str] = field(default_factory=dict)  # header text -> role
    select: str | None = None
    section: str | None = None
    columns: dict[str, str | int] = field(default_factory=dict)  # role -> header or 1-based
    code_type: str | None = None
    recipe: Recipe | None = None  # where the entries and their fields are (scrape/recipe)
    pair_columns: bool = False  # a table of code/message pairs side by side is one list

    def columns_text(self) -> str:
        return ",".join(f"{role}={want}" for role, want in self.columns.items())

    def in_section(self, headings: list[str]) -> bool:
        """Whether one of ``headings`` (the ones a list sits under) contains the text."""
        if self.section is None or not registry.on(SECTION_RULE):
            return True
        wanted = " ".join(self.section.split()).casefold()
        return any(wanted in " ".join(text.split()).casefold() for text in headings)

    def check_matched(
        self,
        location: str,
        tables_fitted: int,
        headers: list[str],
        kept_any: bool,
        headings: list[str],
    ) -> None:
        """Raise for a ``columns`` hint no table fitted, or a ``section`` hint under which
        nothing was kept, naming the hint and what the page had instead."""
        if self.columns and not tables_fitted:
            seen = ", ".join(f"[{header}]" for header in headers[:5]) or "none"
            raise InputError(
                f"{location}: hint columns {self.columns_text()!r} matches no table "
                f"(table headers seen: {seen})"
            )
        if self.section is not None and not kept_any:
            if not self.in_section(headings):
                what = "no heading contains it"
            else:
                what = "no error list sits under the headings that contain it"
            raise InputError(f"{location}: hint section {self.section!r}: {what}")

    def fit_columns(self, header: list[str] | None, width: int, columns: Columns) -> bool:
        """Give the hinted roles to their columns when the table has them all; say if so."""
        if not self.columns:
            return False
        found: dict[str, int] = {}
        keys = [normalise_header(text) for text in header or []]
        for role, want in self.columns.items():
            if isinstance(want, int):
                if want > width:
                    return False
                found[role] = want - 1
            elif normalise_header(want) in keys:
                found[role] = keys.index(normalise_header(want))
            else:
                return False
        for role, index in found.items():
            for table in (columns.roles, columns.others):
                for taken in [r for r, i in table.items() if i == index or r == role]:
                    del table[taken]
        columns.others.pop("parameter", None)  # the hint says this is the error list
        for role, index in found.items():
            columns.roles[role] = index
            columns.why[index] = f"columns hint {role}={self.columns[role]}"
        columns.code_from_header = "code" in found or columns.code_from_header
        # code and message in one column (code=Message,message=Message): each message is
        # its own code, sent verbatim, as ``roles`` makes a Message | Comments table read
        own = "code" in found and found["code"] == found.get("message")
        columns.weak_code, columns.codes_are_messages = False, own  # the hint is the proof
        if own:
            columns.why[found["code"]] += "; each message is its own code"
        return True


def parse_hints(hints: dict[str, Any] | None, location: str) -> Hints:
    """Check and read a hints mapping (providers.yaml or the scrape flags)."""
    hints = hints or {}
    unknown = sorted(set(hints) - HINT_KEYS)
    if unknown:
        raise InputError(
            f"{location}: unknown reader hint(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(HINT_KEYS))})"
        )
    roles = hints.get("roles") or {}
    if not isinstance(roles, dict) or not all(
        isinstance(k, str) and v in ROLE_HINT_VALUES for k, v in roles.items()
    ):
        raise InputError(
            f"{location}: hint 'roles' must map header text to one of "
            f"{', '.join(sorted(ROLE_HINT_VALUES))}"
        )
    result = Hints(roles={str(k): str(v) for k, v in roles.items()})
    for key in ("select", "section"):
        value = hints.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InputError(f"{location}: hint {key!r} must be a non-empty text")
    result.select, result.section = hints.get("select"), hints.get("section")
    code_type = hints.get("code_type")
    if code_type is not None and code_type not in CODE_TYPES:
        raise InputError(f"{location}: hint 'code_type' must be integer or string")
    result.code_type = code_type
    if hints.get("columns") is not None:
        result.columns = _columns(hints["columns"], location)
    if any(hints.get(key) is not None for key in RECIPE_KEYS):
        from generator.scrape.recipe.spec import parse_recipe

        result.recipe = parse_recipe(hints, location)
    if hints.get("pair_columns") not in (None, True, False):
        raise InputError(f"{location}: hint 'pair_columns' must be true or false")
    result.pair_columns = bool(hints.get("pair_columns"))
    return result


def _columns(value: Any, location: str) -> dict[str, str | int]:
    """``code=Number,name=Code`` (or a mapping): role -> header text or 1-based index."""
    expected = (
        f"{location}: hint 'columns' expects ROLE=HEADER or ROLE=N pairs such as "
        f"code=Number,message=Description (roles: {', '.join(ERROR_ROLES)})"
    )
    if isinstance(value, str):
        pairs = [item.partition("=") for item in value.split(",") if item.strip()]
        if not pairs or any(not sep for _, sep, _ in pairs):
            raise InputError(expected)
        items: list[tuple[Any, Any]] = [(role.strip(), want.strip()) for role, _, want in pairs]
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        raise InputError(expected)
    result: dict[str, str | int] = {}
    for role, want in items:
        if role not in ERROR_ROLES or role in result or want in ("", None):
            raise InputError(expected)
        if isinstance(want, int) or (isinstance(want, str) and want.isdigit()):
            if int(want) < 1:
                raise InputError(f"{expected}; column numbers start at 1")
            result[role] = int(want)
        else:
            result[role] = str(want)
    return result


_INTEGER = lazy(r"^-?\d+$")
# an integer written in hexadecimal (C headers, firmware manuals): 0x1F, -0x01
_HEX = lazy(r"^-?0[xX][0-9a-fA-F]{1,16}$")


def coerce_codes(entries: list[RawEntry], code_type: str, where: Any) -> None:
    """Make every code and alias of ``entries`` the hinted type; an integer hint that a
    code cannot meet is an input error naming the code."""
    for entry in entries:
        entry.code = _coerce(entry.code, code_type, entry, where)
        entry.aliases = [_coerce(alias, code_type, entry, where) for alias in entry.aliases]


def _coerce(code: Code, code_type: str, entry: RawEntry, where: Any) -> Code:
    if code_type == "string":
        return str(code)
    if isinstance(code, int):
        return code
    text = code.strip().replace("\u2212", "-")
    if _INTEGER.match(text):
        return int(text)
    if _HEX.match(text):  # the user said integer: a hex literal is the number it writes
        return int(text, 16)
    line = entry.source.line if entry.source else None
    raise InputError(
        f"{where(line)}: hint code_type integer: code {code!r} is not an integer "
        "(use code_type string, or an override for this code)"
    )


__all__ = ["Hints", "parse_hints", "coerce_codes", "HINT_KEYS", "CODE_TYPES", "SECTION_RULE"]
