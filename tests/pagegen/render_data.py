"""Data files: a CSV export of one table, and JSON / YAML error catalogues (one list, or
one list per heading). They hold no prose: a page with more than tables is no cell."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import yaml

from tests.pagegen.layouts import HEADERS
from tests.pagegen.blocks import Doc, H, P, T, Unsupported
from tests.pagegen.render_common import slug
from tests.pagegen.model import _INTEGER

# catalogue keys for table headers a catalogue writer would name by role
_KEYS = {"code": "code", "error code": "code", "message": "message", "description": "message",
         "http status": "http_status", "name": "name", "number": "number", "category": "category",
         # a catalogue's field names are English even when its messages are not
         **{h.lower(): k for words in HEADERS.values() for h, k in zip(words, ("code", "message"))}}


def _tables(doc: Doc) -> list[tuple[str, T]]:
    """(heading, table) pairs; anything that is not a heading, table or blurb cannot go in."""
    out, heading = [], "errors"
    for block in doc.blocks:
        if isinstance(block, H):
            heading = block.text
        elif isinstance(block, T):
            out.append((heading, block))
        elif not (isinstance(block, P) and block.framing):
            raise Unsupported(type(block).__name__)
    return out


def csv_file(doc: Doc) -> str:
    tables = _tables(doc)
    if len(tables) != 1:
        raise Unsupported("a CSV file holds one table")
    (_, table), = tables
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if table.header:
        writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue()


def _value(text: str) -> Any:
    return int(text) if _INTEGER.fullmatch(text) else text


def _records(table: T) -> list[dict[str, Any]]:
    if table.header is None:
        raise Unsupported("a catalogue names its fields")
    keys = [_KEYS.get(h.lower(), re.sub(r"\W+", "_", h.lower()).strip("_") or "field") for h in table.header]
    if len(set(keys)) != len(keys):
        raise Unsupported("a record cannot hold one field twice")
    return [{k: _value(c) for k, c in zip(keys, row) if c} for row in table.rows]


def _catalogue(doc: Doc) -> dict[str, Any]:
    tables = _tables(doc)
    if len(tables) == 1:
        return {"title": doc.title, "errors": _records(tables[0][1])}
    groups: dict[str, Any] = {slug(h).replace("-", "_"): _records(t) for h, t in tables}
    if len(groups) != len(tables):
        raise Unsupported("two groups with one name")
    return {"title": doc.title, **groups}


def json_file(doc: Doc) -> str:
    return json.dumps(_catalogue(doc), indent=2, ensure_ascii=False) + "\n"


def yaml_file(doc: Doc) -> str:
    return str(yaml.safe_dump(_catalogue(doc), allow_unicode=True, sort_keys=False, width=1000))


