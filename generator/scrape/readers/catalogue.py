"""Read a machine-readable error catalogue (JSON or YAML) into tables.

Shapes: an object keyed by code (``{"E101": "message"}`` or ``{"E101": {"message": ...}}``),
a list of objects (``[{"code": ..., "message": ...}]``), a list of rows, and any of these
nested under a wrapper key (``{"errors": [...]}``) or grouped (``{"sms": {...}, "voice":
{...}}``, one Heading per group). Cells are the literal text of each value (``-1`` stays
``-1``, ``1.50`` stays ``1.50``) so the interpreter decides types exactly as for a web page.

JSON is composed with the YAML composer (JSON is YAML here) because it reports the line of
every node and keeps duplicate keys, which the interpreter must warn about.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from generator.scrape.cells import clean_text, looks_like_header, make_table, one_line
from generator.scrape.document import Block, Heading, Page, Table

_MAX_NODES = 200_000  # aliases can make a small file expand without end
_MAX_DEPTH = 40
_NUMBER = re.compile(r"^-?\d+$")
_FIELD_NAME = re.compile(r"^[A-Za-z_][\w -]{0,63}$")
_TITLE_KEYS = ("title", "name")


@dataclass
class _Node:
    """A composed value: a scalar's literal text, or a mapping's/sequence's items."""

    kind: str  # "scalar" | "map" | "seq"
    line: int | None = None
    text: str = ""
    quoted: bool = False  # a scalar written as a string ("101"), not as a number
    pairs: list[tuple[_Node, _Node]] = field(default_factory=list)
    items: list[_Node] = field(default_factory=list)


def read(text: str) -> Page:
    """Tables of a JSON or YAML catalogue; never raises on malformed input."""
    warnings: list[str] = []
    root = _compose(text, warnings)
    if root is None:
        return Page(blocks=[], warnings=warnings)
    walker = _Walker(warnings)
    walker.walk(root, None, 2, 0)
    title = None
    if root.kind == "map":
        for key, value in root.pairs:
            if key.text.lower() in _TITLE_KEYS and value.kind == "scalar" and value.text:
                title = one_line(value.text)
                break
    return Page(blocks=walker.blocks, title=title, warnings=warnings)


def _compose(text: str, warnings: list[str]) -> _Node | None:
    import yaml

    from generator.spec.yamlio import StrictLoader

    text = text.lstrip("\ufeff")
    if not text.strip():
        warnings.append("catalogue: empty document")
        return None
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        warnings.append(f"catalogue: {where}not valid JSON/YAML: {exc.problem or exc.context}")
        return _from_json(text, warnings)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        warnings.append(f"catalogue: not valid JSON/YAML: {exc.__class__.__name__}")
        return _from_json(text, warnings)
    finally:
        loader.dispose()
    if node is None:
        warnings.append("catalogue: empty document")
        return None
    budget = [_MAX_NODES]
    return _convert(node, budget, 0, warnings)


def _convert(node: Any, budget: list[int], depth: int, warnings: list[str]) -> _Node:
    import yaml

    budget[0] -= 1
    line = node.start_mark.line + 1 if node.start_mark is not None else None
    if budget[0] < 0 or depth > _MAX_DEPTH:
        if budget[0] == -1 or depth == _MAX_DEPTH + 1:
            warnings.append(f"catalogue: line {line}: too large or too deep; the rest is skipped")
        return _Node("scalar", line)
    if isinstance(node, yaml.MappingNode):
        pairs = [
            (
                _convert(key, budget, depth + 1, warnings),
                _convert(value, budget, depth + 1, warnings),
            )
            for key, value in node.value
        ]
        return _Node("map", line, pairs=pairs)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(item, budget, depth + 1, warnings) for item in node.value]
        return _Node("seq", line, items=items)
    text = "" if node.tag == "tag:yaml.org,2002:null" else str(node.value)
    return _Node("scalar", line, text=text, quoted=node.style in ("'", '"', "|", ">"))


def _from_json(text: str, warnings: list[str]) -> _Node | None:
    """Plain ``json`` for what the YAML composer refuses (no line numbers then)."""
    try:
        data = json.loads(text, parse_int=_Literal, parse_float=_Literal, parse_constant=_Literal)
    except (ValueError, RecursionError):
        return None
    warnings.append("catalogue: read as plain JSON, without line numbers")
    return _from_data(data, 0)


class _Literal(str):
    """A JSON number kept as the text it was written as."""


def _from_data(data: Any, depth: int) -> _Node:
    if depth > _MAX_DEPTH:
        return _Node("scalar")
    if isinstance(data, dict):
        pairs = [(_Node("scalar", text=str(k)), _from_data(v, depth + 1)) for k, v in data.items()]
        return _Node("map", pairs=pairs)
    if isinstance(data, list):
        return _Node("seq", items=[_from_data(item, depth + 1) for item in data])
    if data is None:
        return _Node("scalar")
    if isinstance(data, bool):
        return _Node("scalar", text="true" if data else "false")
    return _Node("scalar", text=str(data), quoted=not isinstance(data, _Literal))


def _is_record(node: _Node) -> bool:
    """A mapping of field names to scalars (or short lists/maps of scalars): one entry."""
    if node.kind != "map" or not node.pairs:
        return False
    for key, value in node.pairs:
        if key.kind != "scalar" or not _FIELD_NAME.match(key.text) or _NUMBER.match(key.text):
            return False
        if value.kind == "map" and not all(v.kind == "scalar" for _, v in value.pairs):
            return False
        if value.kind == "seq" and not all(item.kind == "scalar" for item in value.items):
            return False
    return True


def _cell(node: _Node) -> str:
    if node.kind == "scalar":
        return clean_text(node.text)
    if node.kind == "seq":
        return ", ".join(_cell(item) for item in node.items if _cell(item))
    return ", ".join(f"{key.text}: {_cell(value)}" for key, value in node.pairs)


def _record_cells(record: _Node) -> dict[str, str]:
    """A record's cells by column; a nested mapping of scalars becomes ``parent.child``."""
    cells: dict[str, str] = {}
    for key, value in record.pairs:
        if value.kind == "map":
            for child_key, child in value.pairs:
                cells.setdefault(f"{key.text}.{child_key.text}", _cell(child))
        else:
            cells.setdefault(key.text, _cell(value))
    return cells


@dataclass
class _Walker:
    warnings: list[str]
    blocks: list[Block] = field(default_factory=list)

    def walk(
        self, node: _Node, name: str | None, level: int, depth: int, line: int | None = None
    ) -> None:
        """Emit the tables of ``node``; ``name`` is its group's key (a Heading at ``line``)."""
        if depth > _MAX_DEPTH:
            return
        if name and line is not None:
            self._heading(name, level, line)
            name, level = None, level + 1
        if node.kind == "seq":
            self._sequence(node, name, level)
        elif node.kind == "map":
            self._mapping(node, name, level, depth)

    def _heading(self, name: str | None, level: int, line: int | None) -> None:
        if name:
            self.blocks.append(Heading(one_line(name), min(level, 6), line))

    def _sequence(self, node: _Node, name: str | None, level: int) -> None:
        items = node.items
        if items and all(_is_record(item) for item in items):
            self._heading(name, level, node.line)
            self._records(
                [(None, item) for item in items], node.line, [item.line for item in items]
            )
        elif items and all(item.kind == "seq" for item in items):
            self._heading(name, level, node.line)
            rows = [[_cell(cell) for cell in item.items] for item in items]
            lines = [item.line for item in items]
            if looks_like_header(rows):
                self._add(make_table(rows[0], rows[1:], lines[1:], node.line))
            else:
                self._add(make_table(None, rows, lines, node.line))
        elif items and all(item.kind == "scalar" for item in items):
            self._heading(name, level, node.line)
            rows = [[_cell(item)] for item in items]
            self._add(make_table(["value"], rows, [item.line for item in items], node.line))
        else:
            for index, item in enumerate(items):
                if item.kind != "scalar":
                    self.walk(item, None, level, 1)

    def _mapping(self, node: _Node, name: str | None, level: int, depth: int) -> None:
        pairs = node.pairs
        values = [value for _, value in pairs]
        if pairs and all(value.kind == "scalar" for value in values):
            if depth == 0 and all(key.text.lower() in _META_KEYS for key, _ in pairs):
                return  # a lone metadata object, not a catalogue
            self._heading(name, level, node.line)
            rows = [[clean_text(key.text), _cell(value)] for key, value in pairs]
            self._add(
                make_table(["code", "message"], rows, [key.line for key, _ in pairs], node.line)
            )
            return
        collections = [(key, value) for key, value in pairs if value.kind != "scalar"]
        if (
            len(pairs) >= 2
            and all(_is_record(value) for value in values)
            and _shared_fields(values)
        ):
            self._heading(name, level, node.line)
            self._records(
                [(key, value) for key, value in pairs], node.line, [k.line for k, _ in pairs]
            )
            return
        if len(collections) == 1:  # a wrapper such as {"errors": [...]} (plus metadata)
            key, value = collections[0]
            self._heading(name, level, node.line)
            self.walk(value, None, level + (1 if name else 0), depth + 1)
            return
        self._heading(name, level, node.line)
        for key, value in collections:
            self.walk(value, key.text, level + (1 if name else 0), depth + 1, key.line)

    def _records(
        self, records: list[tuple[_Node | None, _Node]], line: int | None, lines: list[int | None]
    ) -> None:
        columns: list[str] = []
        table_rows: list[dict[str, str]] = []
        for key, record in records:
            cells = _record_cells(record)
            if key is not None:
                cells = {"key" if "code" in cells else "code": clean_text(key.text), **cells}
            for column in cells:
                if column not in columns:
                    columns.append(column)
            table_rows.append(cells)
        rows = [[cells.get(column, "") for column in columns] for cells in table_rows]
        notes = _quoted_numbers(records, columns)
        self._add(make_table(_field_header(columns, rows), rows, lines, line, notes))

    def _add(self, table: Table) -> None:
        self.blocks.append(table)


_PROSE = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")


def _field_header(columns: list[str], rows: list[list[str]]) -> list[str]:
    """Record keys are field names, not table headings: the one field every record fills
    with prose is the message, whatever the catalogue calls it (``default:`` in a status
    file), unless a field is already called ``message``."""
    if "message" in (column.lower() for column in columns):
        return columns
    complete = [
        index
        for index in range(len(columns))
        if rows
        and all(row[index].strip() for row in rows)
        and sum(1 for row in rows if _PROSE.search(row[index])) * 2 > len(rows)
    ]
    if len(complete) != 1:
        return columns
    return [("message" if index == complete[0] else column) for index, column in enumerate(columns)]


_META_KEYS = {"title", "name", "version", "description", "provider", "source", "url", "id"}


def _shared_fields(records: list[_Node]) -> bool:
    """Records of one catalogue share a few field names (``message``, ``http_status``);
    groups keyed by code (``{"sms": {"E101": ...}}``) have code-like or many keys."""
    key_sets = [{key.text for key, _ in record.pairs} for record in records]
    common = set.intersection(*key_sets)
    union = set.union(*key_sets)
    code_like = [key for key in union if any(c.isdigit() for c in key) or key.isupper()]
    if len(union) > 12 or len(code_like) * 2 > len(union):
        return False
    return bool(common) and len(common) * 2 >= max(len(keys) for keys in key_sets)


def _quoted_numbers(records: list[tuple[_Node | None, _Node]], columns: list[str]) -> list[str]:
    """Say which columns hold strings that look like numbers ("101"): the text alone no
    longer shows that the catalogue wrote them as strings."""
    found: list[str] = []
    for _, record in records:
        for key, value in record.pairs:
            if value.kind == "scalar" and value.quoted and _NUMBER.match(value.text):
                if key.text not in found:
                    found.append(key.text)
    return [
        f'column {column!r} holds strings that look like numbers (e.g. "101")'
        for column in columns
        if column in found
    ]
