"""Canonical YAML text written directly, as string building.

The text is byte for byte what libyaml's emitter writes for the same data (block style,
``allow_unicode``, indent 2, no folding): a property test and every stored spec hold the
two equal. libyaml picks each scalar's style from an analysis of its characters (plain,
else single-quoted, else double-quoted) and this module repeats that analysis with three
regular expressions instead of building one event object per scalar. What it does not
cover (a key that is multi-line or longer than 128 bytes, a scalar at the root, a type
other than str, int, bool, None, dict and list) raises ``Unwritable`` so the caller can
use the event emitter for that document.
"""

from __future__ import annotations

import re
from typing import Any, Callable

# Characters libyaml does not write as they are: outside its "printable" set (C0/C1
# controls, DEL, surrogates, U+FEFF, U+FFFE, U+FFFF, astral characters) and the line
# breaks U+2028, U+2029 (LF, CR and NEL are handled on their own). Named as the few ranges
# outside rather than the many inside: the negated class took ~10 ms to compile per pattern,
# at every start (tests/spec/test_yaml_writer.py checks both sets for every code point).
_OUTSIDE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff"

# Anything that rules the plain style out in block context (libyaml's analyze_scalar):
# an indicator or space first, "---"/"..." first, ": " or ":" last, " #", a space last,
# or a character of the set above.
_NOT_PLAIN = re.compile(
    r"\A(?:[-?:](?: |\Z)|---|\.\.\.|[#,\[\]{}&*!|>'\"%@` ])"
    r"|:(?: |\Z)| #| \Z"
    rf"|[{_OUTSIDE}]"
)

# What rules single quotes out too: a character that must be escaped (LF, U+2028 and
# U+2029 excepted), or a space next to a line break.
_NOT_SINGLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]"
    "| [\n\u2028\u2029]|[\n\u2028\u2029] "
)

_BREAKS = re.compile("[\n\u2028\u2029]")
_ANY_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # what makes a key multi-line

# What double quotes escape: the set above, '"' and '\\'.
_ESCAPED = re.compile(f'[{_OUTSIDE}"\\\\]')
_ESCAPES = {
    "\x00": "0",
    "\x07": "a",
    "\x08": "b",
    "\t": "t",
    "\n": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}

_MAX_SIMPLE_KEY = 128  # bytes: a longer key is written as "? key" (left to libyaml)


class Unwritable(Exception):
    """Data this writer does not cover; the event emitter writes it instead."""


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    short = _ESCAPES.get(char)
    if short is not None:
        return "\\" + short
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        char.encode("utf-8")  # raises UnicodeEncodeError, as libyaml's writer does
    if code <= 0xFF:
        return "\\x%02X" % code
    if code <= 0xFFFF:
        return "\\u%04X" % code
    return "\\U%08X" % code


def _double(value: str) -> str:
    return '"' + _ESCAPED.sub(_escape, value) + '"'


def _single_lines(value: str, indent: int) -> str:
    """Single quotes around text with line breaks: libyaml writes an LF as two (a blank
    line), any run of breaks after that as itself, and indents the line that follows."""
    out = ["'"]
    pad = " " * indent
    breaks = False
    for char in value:
        if char in "\n\u2028\u2029":
            if char == "\n" and not breaks:
                out.append("\n")
            out.append(char)
            breaks = True
        else:  # a space never follows a break here: that rules single quotes out
            if breaks:
                out.append(pad)
                breaks = False
            out.append("''" if char == "'" else char)
    if breaks:
        out.append(pad)
    out.append("'")
    return "".join(out)


class Writer:
    """One document's text; scalars already written are looked up, not analysed again."""

    def __init__(self, retypes: Callable[[str], bool]) -> None:
        self._retypes = retypes  # whether a plain scalar would read back as another type
        self._texts: dict[str, str] = {}
        self._keys: dict[tuple[int, type, Any], str] = {}  # key -> its whole line start
        self.out: list[str] = []

    def document(self, data: Any) -> str:
        if isinstance(data, dict):
            if data:
                self._mapping(data, 0, first_inline=True)
            else:
                self.out.append("{}")
        elif isinstance(data, list):
            if data:
                self._sequence(data, 0, first_inline=True)
            else:
                self.out.append("[]")
        else:
            raise Unwritable("a scalar document")
        self.out.append("\n")
        return "".join(self.out)

    def _mapping(self, mapping: dict[Any, Any], indent: int, first_inline: bool) -> None:
        """Keys at column ``indent``; the first on the current line after "- " when inline."""
        out = self.out
        for key, value in mapping.items():
            line = self._keys.get((indent, type(key), key)) or self._key_line(key, indent)
            if first_inline:
                first_inline = False
                out.append(line[indent + 1 :])
            else:
                out.append(line)
            kind = type(value)
            if kind is str:
                out.append(self._texts.get(value) or self._str(value, indent + 2))
            elif kind is int:
                out.append(" " + str(value))
            elif isinstance(value, dict):
                if value:
                    self._mapping(value, indent + 2, first_inline=False)
                else:
                    out.append(" {}")
            elif isinstance(value, list):
                if value:  # a sequence in a mapping is not indented further
                    self._sequence(value, indent, first_inline=False)
                else:
                    out.append(" []")
            else:
                out.append(self._other(value, indent + 2))

    def _sequence(self, items: list[Any], indent: int, first_inline: bool) -> None:
        out = self.out
        newline = "\n" + " " * indent
        for item in items:
            if first_inline:
                first_inline = False
                out.append("-")
            else:
                out.append(newline + "-")
            kind = type(item)
            if kind is str:
                out.append(self._texts.get(item) or self._str(item, indent + 2))
            elif kind is int:
                out.append(" " + str(item))
            elif isinstance(item, dict):
                if item:
                    out.append(" ")
                    self._mapping(item, indent + 2, first_inline=True)
                else:
                    out.append(" {}")
            elif isinstance(item, list):
                if item:
                    out.append(" ")
                    self._sequence(item, indent + 2, first_inline=True)
                else:
                    out.append(" []")
            else:
                out.append(self._other(item, indent + 2))

    def _key_line(self, key: Any, indent: int) -> str:
        """A new line, the indent and ``key:`` as a simple key (one line, <= 128 bytes)."""
        if isinstance(key, str):
            if _ANY_BREAK.search(key) or len(key.encode("utf-8")) > _MAX_SIMPLE_KEY:
                raise Unwritable("a key libyaml writes as a complex key")
            text = self._scalar(key, 0)[1:]
        else:
            text = self._other(key, 0)[1:]
            if len(text) > _MAX_SIMPLE_KEY:
                raise Unwritable("a key libyaml writes as a complex key")
        line = self._keys[(indent, type(key), key)] = "\n" + " " * indent + text + ":"
        return line

    def _str(self, value: str, indent: int) -> str:
        """`` value`` as it follows "key:" or "-", remembered unless it spans lines (the
        indent of its continuation lines depends on where it is)."""
        text = self._scalar(value, indent)
        if "\n" not in text and "\u2028" not in text and "\u2029" not in text:
            self._texts[value] = text
        return text

    def _scalar(self, value: str, indent: int) -> str:
        if value and not _NOT_PLAIN.search(value):
            if not self._retypes(value):
                return " " + value
            return " '" + value.replace("'", "''") + "'"
        if _NOT_SINGLE.search(value):
            return " " + _double(value)
        if _BREAKS.search(value):
            return " " + _single_lines(value, indent)
        return " '" + value.replace("'", "''") + "'"

    def _other(self, value: Any, indent: int) -> str:
        if isinstance(value, str):  # a subclass of str (an Enum's member, say)
            return self._scalar(str.__str__(value), indent)
        if value is None:
            return " null"
        if value is True:
            return " true"
        if value is False:
            return " false"
        if isinstance(value, int):
            return " " + str(value)
        raise Unwritable(f"cannot write {type(value).__name__} in a spec")
