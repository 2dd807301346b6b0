"""How a target cases names: filters that re-case an identifier, for file names and templates.

Spec identifiers are ``snake_case`` (provider and namespace ids) or ``UPPER_SNAKE`` (entry
names), but a target's language has its own convention (``FoneDynamicsErrors.java``, a Go
package ``fonedynamics``, a Rust variant ``InvalidApiKey``). A casing splits a name into
words (at ``_``, ``-``, spaces, a lower-to-upper step and a letter-digit step kept together:
``sms2`` is one word) and joins them again. A target's manifest names the casing of its file
names and of its type and member names; templates apply them as filters.
"""

from __future__ import annotations

from typing import Callable

MAX_NAME = 1000  # characters of one name a casing reads (identifiers are far shorter)


def words(name: str) -> list[str]:
    """``fone_dynamics`` -> [fone, dynamics]; ``HTTPError`` -> [http, error]; lower case."""
    text = name[:MAX_NAME]
    found: list[str] = []
    current = ""
    for index, char in enumerate(text):
        if not char.isalnum():
            if current:
                found.append(current)
            current = ""
            continue
        if current and char.isupper() and _starts_word(text, index):
            found.append(current)
            current = ""
        current += char
    if current:
        found.append(current)
    return [word.lower() for word in found]


def _starts_word(text: str, index: int) -> bool:
    """An upper-case letter after a lower-case one, or the last capital of a run before a
    lower-case letter (``HTTPError``: the ``E``)."""
    before = text[index - 1]
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.islower() or before.isdigit() or (before.isupper() and after.islower())


def pascal(name: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in words(name))


def camel(name: str) -> str:
    cased = pascal(name)
    return cased[:1].lower() + cased[1:]


def snake(name: str) -> str:
    return "_".join(words(name))


def upper_snake(name: str) -> str:
    return snake(name).upper()


def kebab(name: str) -> str:
    return "-".join(words(name))


def flat(name: str) -> str:
    """All words run together in lower case: a Go package name (``fonedynamics``)."""
    return "".join(words(name))


def keep(name: str) -> str:
    """The name as the spec spells it."""
    return name


CASINGS: dict[str, Callable[[str], str]] = {
    "keep": keep,
    "pascal": pascal,
    "camel": camel,
    "snake": snake,
    "upper_snake": upper_snake,
    "kebab": kebab,
    "flat": flat,
}


def cased(name: str, casing: str) -> str:
    """``{{ e.name | cased(t.names.member) }}``: the casing a manifest names, by name."""
    if casing not in CASINGS:
        raise ValueError(f"unknown casing {casing!r} (known: {', '.join(CASINGS)})")
    return CASINGS[casing](str(name))


# the filters templates see: case_pascal, case_snake, ... and cased(<casing>)
FILTERS: dict[str, Callable[..., str]] = {
    **{f"case_{name}": function for name, function in CASINGS.items() if name != "keep"},
    "cased": cased,
}
