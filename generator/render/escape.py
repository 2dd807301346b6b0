"""Escapers for untrusted text, one per output context (registered as Jinja filters).

Every message comes from a web page, so nothing here trusts its input: each function turns
arbitrary Unicode into text that is inert in exactly one context (a Python string literal,
a docstring, a JSDoc comment, a YAML scalar, a Markdown table cell...). Characters that are
invisible or reorder text (controls, line and paragraph separators, bidi overrides, BOM) are
always written as escapes, so a reviewer sees them and "Trojan Source" tricks cannot hide.
The set is a fixed list, not a Unicode-database lookup, so output never depends on the
Python version.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

# Code points that are written as escapes in every context.
INVISIBLE: frozenset[int] = frozenset(
    [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x061C, *range(0x200B, 0x2010)]
    + [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A)]
    + [0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0xFFFE, 0xFFFF]
)

_SHORT = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _u_escape(code: int) -> str:
    return _SHORT.get(code) or f"\\u{code:04x}"


def _py_escape(code: int) -> str:
    return _SHORT.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_PY_TABLE: dict[int, str] = {code: _py_escape(code) for code in INVISIBLE}
_PY_TABLE[ord("\\")] = "\\\\"
_JS_TABLE: dict[int, str] = {code: _u_escape(code) for code in INVISIBLE}
_JS_TABLE[ord("\\")] = "\\\\"
_JS_TABLE[ord('"')] = '\\"'
_VISIBLE_TABLE: dict[int, str] = {code: f"\\u{code:04x}" for code in INVISIBLE}
_JSON_EXTRA: dict[int, str] = {code: f"\\u{code:04x}" for code in INVISIBLE if code >= 0x20}

_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")


# ------------------------------------------------------------------- Python


def py_str(value: str) -> str:
    """A Python string literal for ``value``, quoted the way black would leave it.

    Black prefers double quotes unless single quotes need fewer backslashes; choosing the
    same here keeps black to one pass over the generated module.
    """
    body = value.translate(_PY_TABLE)
    if body.count("'") < body.count('"'):
        return "'" + body.replace("'", "\\'") + "'"
    return '"' + body.replace('"', '\\"') + '"'


def py_value(value: str | int) -> str:
    """A wire code as a Python literal: integers bare, strings quoted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a code: {value!r}")
    return str(value) if isinstance(value, int) else py_str(value)


def py_doc(value: str) -> str:
    """Text for the inside of a ``\"\"\"docstring\"\"\"``.

    Backslashes are doubled (no escape sequence can appear), every quote that starts a
    run of two or ends the text is escaped (so ``\"\"\"`` can never close the string), and
    line breaks other than ``\\n`` become visible escapes.
    """
    text = value.replace("\r\n", "\n").translate({**_PY_TABLE, 0x0A: "\n"})
    out = []
    for index, char in enumerate(text):
        if char == '"' and (index + 1 == len(text) or text[index + 1] == '"'):
            out.append('\\"')
        else:
            out.append(char)
    return "".join(out)


def py_comment(value: str) -> str:
    """Text for one ``#`` comment line: line breaks and invisibles escaped."""
    return value.translate(_VISIBLE_TABLE)


def py_json_row(values: list[Any]) -> str:
    """One JSON array on one line, safe inside a raw ``r\"\"\"...\"\"\"`` string.

    JSON escapes quotes, backslashes and C0 controls itself; its separators mean three
    unescaped quotes can never touch, so the raw string cannot be closed early.
    """
    text = json.dumps(values, ensure_ascii=False, separators=(", ", ": "))
    return text.translate(_JSON_EXTRA)


# --------------------------------------------------------------- TypeScript


def ts_str(value: str) -> str:
    """A double-quoted TypeScript/JavaScript string literal (also valid JSON)."""
    return '"' + value.translate(_JS_TABLE) + '"'


def ts_value(value: str | int) -> str:
    """A wire code as a TypeScript literal: integers bare, strings quoted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a code: {value!r}")
    return str(value) if isinstance(value, int) else ts_str(value)


def ts_key(value: str | int) -> str:
    """A wire code as an object literal key, without a computed member access (a bundler
    cannot tell ``[Enum.X]`` is pure): ``5``, ``[-5]``, ``"text"``; ``__proto__`` stays
    computed, since as a plain key it would set the object's prototype."""
    literal = ts_value(value)
    if (isinstance(value, int) and value < 0) or value == "__proto__":
        return f"[{literal}]"
    return literal


def ts_doc(value: str, indent: str = "") -> str:
    """Text for a ``/** ... */`` comment whose lines start with ``indent + " * "``.

    ``*/`` cannot close the comment, ``@`` cannot start a JSDoc tag, and each line break
    continues the comment on a new ``*`` line.
    """
    lines = _LINE_BREAK.split(value)
    safe = [
        line.translate(_VISIBLE_TABLE).replace("*/", "*\\/").replace("@", "\\@") for line in lines
    ]
    return f"\n{indent} * ".join(line.rstrip() for line in safe)


def ts_comment(value: str) -> str:
    """Text for one ``//`` comment line."""
    return value.translate(_VISIBLE_TABLE)


# --------------------------------------------------------------------- YAML

_YAML_TABLE: dict[int, str] = dict(_JS_TABLE)


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar; only JSON-compatible escapes, so every YAML reader agrees."""
    return '"' + value.translate(_YAML_TABLE) + '"'


_PLAIN_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.\-]*")
_YAML_WORDS = frozenset(
    "y n yes no on off true false null ~".split()
    + "Y N Yes No On Off True False Null YES NO ON OFF TRUE FALSE NULL".split()
)


def yaml_key(value: str | int) -> str:
    """A mapping key: plain when it can only be read as that string, else quoted."""
    if isinstance(value, int):
        return yaml_str(str(value))
    if _PLAIN_KEY.fullmatch(value) and value not in _YAML_WORDS:
        return value
    return yaml_str(value)


def yaml_scalar(value: Any) -> str:
    """Any scalar: strings quoted, integers bare, booleans and null in YAML 1.2 spelling."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return yaml_str(value)
    raise TypeError(f"not a YAML scalar: {value!r}")


def yaml_block(value: Any, indent: int = 0) -> str:
    """Nested dicts/lists/scalars as block YAML, every line indented by ``indent`` spaces.

    The first line carries no indentation, so a template writes ``key:`` then
    ``{{ data | yaml_block(6) }}`` on the next line after its own indentation.
    """
    lines: list[str] = []
    _emit(value, indent, lines)
    text = "\n".join(lines)
    return text[indent:]


def _emit(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(pad + "{}")
        for key, item in value.items():
            _emit_entry(pad + yaml_key(key) + ":", item, indent, lines)
    elif isinstance(value, list):
        if not value:
            lines.append(pad + "[]")
        for item in value:
            if isinstance(item, dict) and item:
                start = len(lines)
                _emit(item, indent + 2, lines)
                lines[start] = pad + "- " + lines[start][indent + 2 :]
            elif isinstance(item, list) and item:
                lines.append(pad + "-")
                _emit(item, indent + 2, lines)
            else:
                lines.append(pad + "- " + _inline(item))
    else:
        lines.append(pad + _inline(value))


def _emit_entry(head: str, item: Any, indent: int, lines: list[str]) -> None:
    if isinstance(item, (dict, list)) and item:
        lines.append(head)
        _emit(item, indent + 2, lines)
    else:
        lines.append(head + " " + _inline(item))


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return yaml_scalar(value)


# ----------------------------------------------------------------- Markdown

_MD_PUNCT = "\\`*_[]|~$#"
# Controls CommonMark will not accept as character references (it would show U+FFFD):
# shown as visible ``\\uXXXX`` text instead, which is also safe to ``cat`` in a terminal.
NO_MD_REFERENCE: frozenset[int] = frozenset(
    [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]
)
_MD_TABLE: dict[int, str] = {
    code: f"\\\\u{code:04x}" if code in NO_MD_REFERENCE else f"&#x{code:X};" for code in INVISIBLE
}
_MD_TABLE.update({ord(char): "\\" + char for char in _MD_PUNCT})
_MD_TABLE.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def md_cell(value: str) -> str:
    """Text for a GitHub-flavoured Markdown table cell (or heading) that renders as itself.

    Markdown punctuation is backslash-escaped, HTML is entity-escaped, line breaks become
    ``<br>``, and leading/trailing blanks (which table parsing trims) become character
    references. Controls that CommonMark cannot carry (NUL, ESC, DEL, C1...) render as
    visible ``\\uXXXX`` text; every other character renders as itself.
    """
    parts = [part.translate(_MD_TABLE) for part in _LINE_BREAK_MD.split(value)]
    text = "<br>".join(parts)
    if text[:1] in _MD_EDGE_SPACE:
        text = f"&#x{ord(text[0]):X};" + text[1:]
    if text[-1:] in _MD_EDGE_SPACE:
        text = text[:-1] + f"&#x{ord(text[-1]):X};"
    return text


_LINE_BREAK_MD = re.compile("\r\n|[\r\n]")
# Blanks a table parser trims from a cell's edges (fixed list: see the module docstring).
_MD_EDGE_SPACE = frozenset(
    " \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
)


# The characters that can start HTML, an entity, a link, an image or an autolink in
# CommonMark: backslash-escaped, page text in a description renders as itself and
# nothing a Markdown sanitiser would flag (no tag, no javascript: link) can arise.
_MD_TEXT_TABLE: dict[int, str] = {ord(char): "\\" + char for char in "\\`<>[]&"}


def md_text(value: str) -> str:
    """Page text inside a Markdown paragraph (an OpenAPI ``description``): inert."""
    return value.translate(_MD_TEXT_TABLE)


def md_url(value: str) -> str:
    """A URL for ``[text](url)``: anything that could end the link is percent-encoded."""
    return quote(value, safe=":/?#[]@!$&'*+,;=%~-._")


def html_attr(value: str) -> str:
    """A double-quoted HTML attribute value's content."""
    return (
        value.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .translate(_MD_TABLE_ATTR)
    )


_MD_TABLE_ATTR: dict[int, str] = {code: f"&#x{code:X};" for code in INVISIBLE}


def html_comment(value: str) -> str:
    """Text for an HTML comment: ``--`` and ``>`` cannot end it."""
    return value.translate(_VISIBLE_TABLE).replace("--", "- -").replace(">", "&gt;")


# ------------------------------------------------------------ Go, Rust, Java
# Generated Go and Rust comment only with line comments (``//``, ``///``), where ``*/`` is
# inert; Java's Javadoc is a block comment, so java_doc breaks ``*/`` there.

# Each language's keywords (and Rust's and Java's reserved words): a name that is one gets
# a "_" suffix (go_ident, rust_ident, java_ident), since page words become package names.
GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if "
    "import interface map package range return select struct switch type var".split()
)
RUST_KEYWORDS = frozenset(
    "as async await break const continue crate dyn else enum extern false fn for if impl in "
    "let loop match mod move mut pub ref return self Self static struct super trait true type "
    "unsafe use where while abstract become box do final gen macro override priv try typeof "
    "unsized virtual yield union".split()
)
JAVA_KEYWORDS = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do "
    "double else enum extends final finally float for goto if implements import instanceof "
    "int interface long native new package private protected public return short static "
    "strictfp super switch synchronized this throw throws transient try void volatile while "
    "true false null var record yield sealed permits non-sealed _".split()
)


def _suffixed(name: str, keywords: frozenset[str]) -> str:
    return name + "_" if name in keywords else name


def go_ident(name: str) -> str:
    """A Go identifier (a package name from a provider id): a keyword gets a suffix."""
    return _suffixed(name, GO_KEYWORDS)


def rust_ident(name: str) -> str:
    """A Rust identifier: a keyword gets a suffix (``r#`` cannot spell ``self``/``Self``)."""
    return _suffixed(name, RUST_KEYWORDS)


def java_ident(name: str) -> str:
    """A Java identifier (a package name from a provider id): a keyword gets a suffix."""
    return _suffixed(name, JAVA_KEYWORDS)


def rust_variants(names: list[str]) -> list[str]:
    """UPPER_SNAKE names as Rust's CamelCase enum variants, unique in their enum: ``A_1``
    and ``A1`` both spell ``A1``, so a later one takes the first free ``A1V2``, ``A1V3``...;
    ``SELF`` (``Self``, a keyword) gets a suffix."""
    taken: set[str] = set()
    out = []
    for name in names:
        camel = rust_ident("".join(word[:1] + word[1:].lower() for word in name.split("_") if word))
        candidate, number = camel, 1
        while candidate in taken:
            number += 1
            candidate = f"{camel}V{number}"
        taken.add(candidate)
        out.append(candidate)
    return out


def _go_escape(code: int) -> str:
    # \xHH is a byte in Go: only below 0x80 is it the code point (else invalid UTF-8)
    return _SHORT.get(code) or (f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}")


_GO_TABLE: dict[int, str] = {code: _go_escape(code) for code in INVISIBLE}
_GO_TABLE.update({ord("\\"): "\\\\", ord('"'): '\\"'})


def go_str(value: str) -> str:
    """A Go interpreted string literal; gofmt leaves it as it is."""
    return '"' + value.translate(_GO_TABLE) + '"'


def go_value(value: str | int) -> str:
    """A wire code as a Go constant: integers bare (an int64 type), strings quoted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a code: {value!r}")
    return str(value) if isinstance(value, int) else go_str(value)


# gofmt (Go 1.19+) rewrites `` and '' in a doc comment as curly quotes: one of each pair
# is written as an escape, so the comment stays as generated and says what the page says.
_GO_DOC_PAIRS = (("``", "`\\u0060"), ("''", "'\\u0027"))


def go_comment(value: str) -> str:
    """Text for one ``//`` line: breaks and invisibles (NUL and BOM are illegal in Go
    source) as visible escapes, no pair gofmt would turn into a quote, and trailing blanks
    (which gofmt would take off) as escapes too."""
    text = value.translate(_VISIBLE_TABLE)
    for pair, broken in _GO_DOC_PAIRS:
        text = text.replace(pair, broken)
    body = text.rstrip()
    return body + "".join(f"\\u{ord(char):04x}" for char in text[len(body) :])


# clippy's invisible_characters (deny by default) refuses these in a literal, even where
# they are not in INVISIBLE: soft hyphen, zero-width space, word joiner
_CLIPPY_INVISIBLE = (0xAD, 0x200B, 0x2060)
_RUST_TABLE: dict[int, str] = {
    code: _SHORT.get(code) or f"\\u{{{code:x}}}" for code in (*INVISIBLE, *_CLIPPY_INVISIBLE)
}
_RUST_TABLE.update({ord("\\"): "\\\\", ord('"'): '\\"'})


def rust_str(value: str) -> str:
    """A Rust string literal (no bare CR, no NUL: every invisible is a ``\\u{..}`` escape)."""
    return '"' + value.translate(_RUST_TABLE) + '"'


def rust_value(value: str | int) -> str:
    """A wire code as a Rust literal: integers bare (i64), strings quoted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a code: {value!r}")
    return str(value) if isinstance(value, int) else rust_str(value)


# Markdown punctuation rustdoc would read: backslash-escaped (CommonMark allows any ASCII
# punctuation after a backslash), so a doc line renders as the page's text.
_RUST_DOC_TABLE: dict[int, str] = dict(_VISIBLE_TABLE)
_RUST_DOC_TABLE.update({ord(char): "\\" + char for char in "\\`*_[]<>&|~#!"})


def rust_doc(value: str) -> str:
    """Text for one ``///`` line: Markdown-inert, breaks and invisibles as visible escapes."""
    return value.translate(_RUST_DOC_TABLE).rstrip(" ")


def _java_unit(unit: int) -> str:
    if unit < 0x80:
        return _JAVA_SHORT.get(unit) or f"\\{unit:03o}"  # octal: not a \\u (read before lexing)
    return f"\\u{unit:04x}"


_JAVA_SHORT = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"}


def java_str(value: str) -> str:
    """A Java string literal in ASCII, whatever javac's -encoding: non-ASCII as ``\\uXXXX``
    (UTF-16 units), controls as octal or short escapes. javac turns ``\\u000a`` into a line
    break before it reads a literal, so no line break or quote is ever a ``\\u`` escape."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:
            high, low = divmod(code - 0x10000, 0x400)
            out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
        else:
            out.append(_java_unit(code))
    return '"' + "".join(out) + '"'


def java_value(value: str | int) -> str:
    """A wire code as a Java literal: integers as ``long`` (``-5L``), strings quoted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a code: {value!r}")
    return f"{value}L" if isinstance(value, int) else java_str(value)


_JAVA_DOC_TABLE: dict[int, str] = {ord(char): f"&#{ord(char)};" for char in "&<>@\\{}"}


def java_doc(value: str) -> str:
    """Text for a Javadoc line, in ASCII: HTML-inert, no tag (``@``, ``{@``), no ``*/``,
    and no backslash (javac reads ``\\u002a\\u002f`` as ``*/`` even in a comment); line
    breaks, invisibles and non-ASCII as character references."""
    out = []
    for char in value.translate(_JAVA_DOC_TABLE).replace("*/", "*&#47;"):
        code = ord(char)
        out.append(char if 0x20 <= code < 0x7F else f"&#x{code:X};")
    return "".join(out).rstrip(" ")


FILTERS = {
    "py_str": py_str,
    "py_value": py_value,
    "py_doc": py_doc,
    "py_comment": py_comment,
    "py_json_row": py_json_row,
    "ts_str": ts_str,
    "ts_value": ts_value,
    "ts_key": ts_key,
    "ts_doc": ts_doc,
    "ts_comment": ts_comment,
    "yaml_str": yaml_str,
    "yaml_key": yaml_key,
    "yaml_scalar": yaml_scalar,
    "yaml_block": yaml_block,
    "md_cell": md_cell,
    "md_text": md_text,
    "md_url": md_url,
    "html_attr": html_attr,
    "html_comment": html_comment,
    "go_str": go_str,
    "go_value": go_value,
    "go_comment": go_comment,
    "go_ident": go_ident,
    "rust_comment": go_comment,  # a // line in Rust reads text as Go's does
    "java_comment": java_doc,  # javac reads a \\u escape even in a // comment
    "rust_str": rust_str,
    "rust_value": rust_value,
    "rust_doc": rust_doc,
    "rust_ident": rust_ident,
    "rust_variants": rust_variants,
    "java_str": java_str,
    "java_value": java_value,
    "java_doc": java_doc,
    "java_ident": java_ident,
}
