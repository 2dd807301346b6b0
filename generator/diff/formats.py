"""Renderers for a list of Change: text (terminals), markdown (pull-request comments), json.

Every message comes from a web page, so each renderer neutralises it for its medium:
control characters are escaped in text (no terminal escape sequences get through), Markdown
syntax is backslash-escaped in table cells, and JSON is JSON.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
import unicodedata
from itertools import groupby
from typing import Any, Callable, Mapping, Sequence, TextIO

from generator.diff.changes import Change, Severity, summary

# ------------------------------------------------------------------------ json


def render_json(changes: list[Change]) -> str:
    """``{"changes": [...], "summary": {...}}`` with changes in diff.sort_key order."""
    document = {
        "changes": [change.to_json() for change in changes],
        "summary": summary(changes),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------ text

_COLOURS = {
    Severity.BREAKING: "\x1b[1;31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"
_BARE_CODE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def use_colour(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return bool(stream.isatty()) and not environ.get("NO_COLOR")


def summary_line(changes: list[Change]) -> str:
    counts = summary(changes)
    return ", ".join(f"{count} {severity}" for severity, count in counts.items())


def terminal_width() -> int:
    """Columns of the terminal (``$COLUMNS`` first); 100 when output is not a terminal."""
    return shutil.get_terminal_size((100, 24)).columns


def by_severity(changes: Sequence[Change]) -> list[list[Change]]:
    """Changes grouped per provider, breaking changes first (as oasdiff lists them): the
    provider with the worst change leads, and inside a provider the order is severity, then
    the table order the changes came in."""
    groups = [list(group) for _, group in groupby(changes, key=lambda change: change.provider)]
    for group in groups:
        group.sort(key=lambda change: -change.severity.rank)
    groups.sort(key=lambda group: -group[0].severity.rank)
    return groups


def _wrap(prefix: str, detail: str, width: int | None) -> list[str]:
    """``prefix + detail``, the detail wrapped under itself to fit ``width`` (None: no limit).
    When the prefix leaves under 30 columns, the detail goes on lines of its own below it."""
    plain = len(_ANSI.sub("", prefix))
    if width is None or plain + len(detail) <= width:
        return [prefix + detail]
    indent = plain if width - plain >= 30 else 6
    chunks = textwrap.wrap(
        detail, max(width - indent, 20), break_on_hyphens=False, drop_whitespace=True
    ) or [detail]
    if indent == plain:
        return [prefix + chunks[0], *(" " * indent + chunk for chunk in chunks[1:])]
    return [prefix.rstrip(), *(" " * indent + chunk for chunk in chunks)]


def render_text(
    changes: list[Change],
    colour: bool = False,
    notes: Sequence[str] = (),
    width: int | None = None,
) -> str:
    """One block per provider, breaking changes first, one aligned line per change (the detail
    wrapped to ``width``), ``notes``, then a summary line."""
    if not changes and not notes:
        return "no changes\n"
    lines: list[str] = []
    for group in by_severity(changes):
        provider = group[0].provider
        rows = [
            (change.severity, change.kind, _location(change), _detail(change)) for change in group
        ]
        kind_width = max(len(kind) for _, kind, _, _ in rows)
        where_width = max(len(where) for _, _, where, _ in rows)
        lines.append(f"{_BOLD}{provider}{_RESET}" if colour else provider)
        for severity, kind, where, detail in rows:
            label = f"{severity.value:<8}"
            if colour:
                label = f"{_COLOURS[severity]}{label}{_RESET}"
            prefix = f"  {label}  {kind:<{kind_width}}  {where:<{where_width}}  "
            lines.extend(_wrap(prefix, detail, width))
        lines.append("")
    if notes:
        lines.extend(notes)
        lines.append("")
    lines.append(summary_line(changes))
    return "\n".join(lines) + "\n"


def _location(change: Change) -> str:
    if change.code is None:
        return text_code(change.namespace)
    return f"{text_code(change.namespace)}:{text_code(change.code)}"


def text_code(code: Any) -> str:
    """A code as typed: integers bare, simple strings bare, anything else quoted."""
    if isinstance(code, int) or (isinstance(code, str) and _BARE_CODE.match(code)):
        return str(code)
    return quote(str(code))


def quote(text: str) -> str:
    """Double-quoted, with quotes, backslashes and every unprintable character escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char.isprintable():  # False for control, format and separator characters
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _text_value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return quote(value)
    return str(value)


def _text_namespace(data: dict[str, Any]) -> str:
    count = len(data["codes"])
    return f"{quote(data['title'])}, {count} code{'s' if count != 1 else ''}"


def _text_entry(data: dict[str, Any]) -> str:
    return f"{data['name']} {quote(data['message'])}"


def _detail(change: Change) -> str:
    before, after = change.before, change.after
    if change.kind in ("namespace_added", "namespace_removed"):
        return _text_namespace(after if before is None else before)
    if change.kind in ("code_added", "code_removed"):
        return _text_entry(after if before is None else before)
    if change.kind == "code_renamed":
        return f"{text_code(before)} -> {text_code(after)}"
    if change.kind == "alias_added":
        return f"+ {text_code(after)}"
    if change.kind == "alias_removed":
        return f"- {text_code(before)}"
    if change.kind in ("message_changed", "description_changed"):
        return f"{_text_value(before)} -> {_text_value(after)}"
    return f"{_plain(before)} -> {_plain(after)}"


def _plain(value: Any) -> str:
    """Identifiers, enum values and statuses: shown bare, quoted only if they need it."""
    if value is None:
        return "(none)"
    return text_code(value)


# ------------------------------------------------------------------------ markdown

_MD_SPECIAL = set("\\`*_[]<>|~&@#$!")
_COLUMNS = ("severity", "change", "namespace", "code", "before", "after")


def md_cell(text: str) -> str:
    """Text safe inside one Markdown (GFM) table cell, showing exactly its characters.

    Markdown punctuation is backslash-escaped (no emphasis, links, HTML, mentions, math or
    cell breaks from a page's text); line breaks become ``<br>``, other control characters
    a space.
    """
    out = []
    for char in text.replace("\r\n", "\n"):
        if char in _MD_SPECIAL:
            out.append("\\" + char)
        elif char in "\n\r\u2028\u2029":
            out.append("<br>")
        elif unicodedata.category(char) == "Cc":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _md_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "codes" in value:
        count = len(value["codes"])
        return md_cell(f"{value['title']} ({count} code{'s' if count != 1 else ''})")
    if isinstance(value, dict):
        return md_cell(f"{value['name']}: {value['message']}")
    return md_cell(str(value))


def markdown_table(changes: list[Change]) -> str:
    """One table of changes (all providers in it), one row per change."""
    rows = ["| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
    for change in changes:
        cells = (
            change.severity.value,
            change.kind,
            md_cell(change.namespace),
            "" if change.code is None else md_cell(str(change.code)),
            _md_value(change.before),
            _md_value(change.after),
        )
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def markdown_tables(changes: list[Change], heading: str = "###") -> str:
    """A heading and a table per provider (without the summary line)."""
    parts = [
        f"{heading} {md_cell(group[0].provider)}\n\n" + markdown_table(group)
        for group in by_severity(changes)
    ]
    return "\n".join(parts)


def render_markdown(changes: list[Change]) -> str:
    """A summary line, then a table per provider: ready to post as a pull-request comment."""
    if not changes:
        return "**spectab diff:** no changes\n"
    return f"**spectab diff:** {summary_line(changes)}\n\n" + markdown_tables(changes)


RENDERERS: dict[str, Callable[[list[Change]], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
