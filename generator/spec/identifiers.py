"""What a legal generated identifier and id is: the rules both halves of spectab share.

A name must be legal in Python and TypeScript at once and must not collide with what the
generated enum already uses (``name``, ``value``, ``mro``, dunder/sunder members). Deriving a
name from a message is curation's job (``generator.curate.naming``); this is only the law.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata

# Lower-case only in practice, but checked so an override can never sneak one in.
RESERVED = frozenset(
    {"MRO", "NAME", "VALUE"}
    | {word.upper() for word in keyword.kwlist}
    | {"NULL", "UNDEFINED", "NAN", "INFINITY", "PROTOTYPE", "CONSTRUCTOR", "__PROTO__"}
)
_IDENTIFIER = re.compile(r"[A-Z][A-Z0-9_]*")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z0-9]+")


def why_illegal(name: str) -> str | None:
    """The reason ``name`` cannot be a generated identifier, or None when it can."""
    if not _IDENTIFIER.fullmatch(name):
        return f"name {name!r} is not UPPER_SNAKE (a capital letter, then capitals, digits, _)"
    if name.upper() in RESERVED or name.lower() in {"mro", "name", "value"}:
        return f"name {name!r} is reserved in generated code; choose another"
    if name.endswith("_") and name.startswith("_"):
        return f"name {name!r} looks like a dunder/sunder name"
    return None


def words(text: str) -> list[str]:
    """The ASCII words of a text, upper-cased, accents off and camelCase split."""
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("'", "").replace("\u2019", "")
    # split camelCase / PascalCase boundaries so "ResponseStatus" -> RESPONSE_STATUS
    text = _CAMEL_BOUNDARY.sub(" ", text)
    return [word.upper() for word in _WORD.findall(text)]


def slug(text: str) -> str:
    """lower_snake id for namespaces and providers ("HTTP Status Codes" -> http_status_codes)."""
    value = "_".join(word.lower() for word in words(text)) or "errors"
    return value if value[0].isalpha() else f"n_{value}"


# a namespace id (and so its class and module names) from a heading is at most this many
# characters, cut after a whole word: a heading that is a sentence does not become a name
MAX_NAMESPACE_ID = 40
# words an id cut short must not end on ("errors_written_to_the" -> "errors_written")
_CUT_ENDINGS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or"}
    | {"its", "their", "your", "this", "that", "which", "while", "when", "is", "are"}
)


def namespace_id(heading: str) -> str:
    """The id of the list under ``heading``: its ``slug``, cut after the last whole word
    that keeps it within MAX_NAMESPACE_ID characters, without a dangling little word."""
    full = slug(heading)
    if len(full) <= MAX_NAMESPACE_ID:
        return full
    kept: list[str] = []
    for word in full.split("_"):
        if len("_".join(kept + [word])) > MAX_NAMESPACE_ID:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in _CUT_ENDINGS:
        kept.pop()
    return "_".join(kept) or full[:MAX_NAMESPACE_ID].rstrip("_")


MAX_ID_LENGTH = 64  # a provider id names files and modules; longer is a mistake, not a name
# names a provider id must not take: spectab's own files in specs/ (providers.yaml, CHANGELOG)
# and names Windows reserves for devices in every folder (con.py cannot be created there)
_OWN_FILES = frozenset({"providers", "changelog"})
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin", "conout"}
    | {f"{stem}{digit}" for stem in ("com", "lpt") for digit in range(10)}
)


def why_illegal_provider_id(provider_id: str) -> str | None:
    """Why ``provider_id`` cannot name a provider's files and generated modules, or None.
    A spec ``specs/<id>.yaml`` and a module ``<id>.py`` beside its siblings must not shadow
    spectab's own files, a standard-library module the generated code imports, a keyword,
    or a device name on Windows."""
    shown = provider_id if len(provider_id) <= 40 else provider_id[:40] + "..."
    if len(provider_id) > MAX_ID_LENGTH:
        return f"provider id {shown!r} is {len(provider_id)} characters (at most {MAX_ID_LENGTH})"
    lower = provider_id.lower()
    if lower in _OWN_FILES:
        return f"provider id {shown!r} would overwrite spectab's own {lower} file; choose another"
    if lower in sys.stdlib_module_names:
        return f"provider id {shown!r} would shadow the standard-library module {lower!r}"
    if keyword.iskeyword(lower):
        return f"provider id {shown!r} is a Python keyword"
    if lower in _WINDOWS_DEVICES:
        return f"provider id {shown!r} is a reserved device name on Windows"
    return None
