"""Load, validate and canonically dump specs.

Validation reports every problem at once, each as ``FILE:LINE:COL: key.path: what is
wrong``, because a spec is fixed by hand in an editor and one round trip per typo is
a poor experience. Dumping is the only way spectab writes a spec, so
``dump(load(f)) == f`` holds byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable

import fastjsonschema
import yaml

from generator.lazyre import lazy
from generator.spec import identifiers
from generator.errors import SpecError
from generator.spec.model import (
    Category,
    Code,
    Envelope,
    EnvelopeField,
    ErrorEntry,
    Namespace,
    Provider,
    Retry,
    Source,
    SourceRef,
    Spec,
)

if TYPE_CHECKING:
    import jsonschema

from generator.spec.yamlio import (
    Document,
    decode_utf8,
    dump_yaml,
    format_path,
    load_fast,
    read_bytes,
    read_yaml,
    uses_libyaml,
)

_PURE_PYTHON_YAML = not uses_libyaml()


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the spec format (``spectab schema``)."""
    text = Path(__file__).with_name("spec.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _python_schema() -> dict[str, Any]:
    """The schema as Python validators must read it: each pattern's closing ``$`` becomes
    ``\\Z``. In JSON Schema (ECMA-262) ``$`` ends the text; in Python it also matches before
    a final newline, which would let ``"GOOD\\n"`` pass as a name and break generated code."""

    def strict(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    value[:-1] + "\\Z"
                    if key == "pattern" and isinstance(value, str) and value.endswith("$")
                    else strict(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [strict(item) for item in node]
        return node

    schema: dict[str, Any] = strict(json_schema())
    return schema


# ---------------------------------------------------------------- loading


def load_spec(path: Path | str, text: str | bytes | None = None) -> Spec:
    """Read and fully validate a spec file; raise SpecError listing every problem.

    Valid files take a fast path (C YAML reader fed the UTF-8 bytes, compiled schema
    check, no positions); only a file with problems is decoded and read again with
    positions, to say where each one is.
    """
    if text is None:
        text = read_bytes(path)
    data = _fast_valid_data(text)
    if data is not None:
        return spec_from_data(data, consume=True)
    if isinstance(text, bytes):
        text = decode_utf8(path, text)
    document = read_yaml(path, text)
    problems = validate_document(document)
    if problems:
        raise SpecError(problems)
    return spec_from_data(document.data)


def _fast_valid_data(text: str | bytes) -> Any:
    """The parsed spec if it is certainly valid, else None (the slow path will explain)."""
    try:
        data = load_fast(text)
    except yaml.YAMLError:
        return None
    if _PURE_PYTHON_YAML and _strings_with_surrogates(data, ()):
        return None  # libyaml refuses surrogate escapes itself; the Python reader does not
    return data if _is_valid_data(data) else None


def _is_valid_data(data: Any) -> bool:
    try:
        _compiled_schema()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return not _consistency_problems(data, lambda _path: 0)


def validator_schema() -> dict[str, Any]:
    """The schema as fastjsonschema reads it (it speaks draft-07; ours uses only keywords
    that mean the same there)."""
    schema = _python_schema()
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return schema


@lru_cache(maxsize=1)
def _compiled_schema() -> Callable[[Any], Any]:
    """The spec schema compiled to Python, about 30x faster than interpreting it; generated
    once into the package (generator/spec/validator.py) rather than at every start."""
    from generator.spec.validator import compiled

    return compiled(validator_schema())


def validate_document(document: Document) -> list[str]:
    """Every schema and consistency problem of a parsed spec, in file order."""
    found: list[tuple[int, int, str]] = []
    for path, message, at_key in data_problems(document.data, lambda p: document.position(p).line):
        pos = document.key_position(path) if at_key else document.position(path)
        found.append(
            (
                pos.line,
                pos.column,
                f"{document.file}:{pos.line}:{pos.column}: {format_path(path)}: {message}",
            )
        )
    found.sort(key=lambda item: (item[0], item[1], item[2]))
    return [text for _, _, text in found]


def data_problems(
    data: Any, line_of: Callable[[tuple[Any, ...]], int]
) -> list[tuple[tuple[Any, ...], str, bool]]:
    """Every problem of spec data as (key path, what is wrong, whether it is about the key)."""
    import jsonschema  # only for files with problems: its import is a third of start-up

    found: list[tuple[tuple[Any, ...], str, bool]] = []
    validator = jsonschema.Draft202012Validator(_python_schema())
    for error in validator.iter_errors(data):
        found.extend(_explain(error))
    for path, text in _strings_with_surrogates(data, ()):
        found.append(
            (path, f"lone surrogate U+{ord(text):04X} cannot be written as UTF-8; remove it", False)
        )
    if not found and isinstance(data, dict):
        found.extend(
            (path, message, False) for path, message in _consistency_problems(data, line_of)
        )
    return found


def _explain(error: jsonschema.ValidationError) -> list[tuple[tuple[Any, ...], str, bool]]:
    """Turn a jsonschema error into messages a person can act on."""
    path = tuple(error.absolute_path)
    kind = error.validator
    schema: Any = error.schema
    value: Any = error.validator_value
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        return [
            (path + (key,), f"unknown key {key!r} (expected one of: {', '.join(allowed)})", True)
            for key in extra
        ]
    if kind == "required":
        return [
            (
                path,
                error.message.replace("is a required property", "is required but missing"),
                False,
            )
        ]
    if kind == "type":
        expected = value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        return [(path, f"expected {expected_text}, got {_describe(error.instance)}", False)]
    if kind == "enum":
        options = ", ".join(str(option) for option in value)
        return [(path, f"{error.instance!r} is not one of: {options}", False)]
    if kind == "pattern":
        return [(path, f"{error.instance!r} does not match {error.validator_value}", False)]
    if kind == "const":
        return [(path, f"expected {error.validator_value!r}, got {error.instance!r}", False)]
    return [(path, error.message, False)]


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_SURROGATE = lazy("[\ud800-\udfff]")


def _strings_with_surrogates(
    value: Any, path: tuple[Any, ...]
) -> list[tuple[tuple[Any, ...], str]]:
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(value, str):
        surrogate = _SURROGATE.search(value)
        if surrogate:
            found.append((path, surrogate.group()))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.extend(_strings_with_surrogates(item, path + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_strings_with_surrogates(item, path + (index,)))
    return found


def _consistency_problems(
    data: dict[str, Any], line_of: Callable[[tuple[Any, ...]], int]
) -> list[tuple[tuple[Any, ...], str]]:
    """Rules JSON Schema cannot say: uniqueness and code types, per namespace."""
    problems: list[tuple[tuple[Any, ...], str]] = []
    provider_reason = identifiers.why_illegal_provider_id(data["provider"]["id"])
    if provider_reason:  # it names out/<target>/<id>.* and a module beside its siblings
        problems.append((("provider", "id"), provider_reason))
    seen_ids: dict[str, int] = {}
    for ns_index, namespace in enumerate(data["namespaces"]):
        ns_path = ("namespaces", ns_index)
        if namespace["id"] in seen_ids:
            problems.append(
                (
                    ns_path + ("id",),
                    f"duplicate namespace id {namespace['id']!r} (first at line {line_of(('namespaces', seen_ids[namespace['id']], 'id'))})",
                )
            )
        seen_ids.setdefault(namespace["id"], ns_index)
        want_int = namespace["code_type"] == "integer"
        codes: dict[Code, int] = {}
        names: dict[str, int] = {}
        for index, entry in enumerate(namespace["errors"]):
            entry_path = ns_path + ("errors", index)
            wire_values = [(entry_path + ("code",), entry["code"])] + [
                (entry_path + ("aliases", i), alias)
                for i, alias in enumerate(entry.get("aliases", []))
            ]
            for value_path, value in wire_values:
                if isinstance(value, int) != want_int:
                    problems.append(
                        (
                            value_path,
                            f"{_describe(value)} in a namespace whose code_type is {namespace['code_type']}",
                        )
                    )
                if value in codes:
                    first = line_of(ns_path + ("errors", codes[value], "code"))
                    problems.append(
                        (value_path, f"duplicate code {value!r} (first at line {first})")
                    )
                else:
                    codes[value] = index
            name = entry["name"]
            reason = identifiers.why_illegal(name)
            if reason:
                problems.append((entry_path + ("name",), reason))
            if name in names:
                first = line_of(ns_path + ("errors", names[name], "name"))
                problems.append(
                    (entry_path + ("name",), f"duplicate name {name!r} (first at line {first})")
                )
            else:
                names[name] = index
    envelope = data.get("envelope")
    if envelope and "success" in envelope and isinstance(envelope["success"], bool):
        problems.append((("envelope", "success"), "expected string or integer, got a boolean"))
    return problems


def spec_from_data(data: dict[str, Any], consume: bool = False) -> Spec:
    """Build the model from already-validated data. ``consume`` empties each namespace's
    error list as its entries are built: a 100k-entry spec's parsed dicts (about 140 MB)
    are then freed while the model grows, not held beside all of it."""
    provider = Provider(**data["provider"])
    source = Source(**data["source"]) if "source" in data else None
    envelope = None
    if "envelope" in data:
        raw = dict(data["envelope"])
        raw["fields"] = [EnvelopeField(**item) for item in raw.get("fields", [])]
        envelope = Envelope(**raw)
    namespaces = []
    for ns in data["namespaces"]:
        errors = []
        for item in _items(ns["errors"], consume):
            item = dict(item)
            item["category"] = Category(item["category"])
            item["retry"] = Retry(item["retry"])
            if "source" in item:
                item["source"] = SourceRef(**item["source"])
            item["aliases"] = list(item.get("aliases", []))
            errors.append(ErrorEntry(**item))
        namespaces.append(Namespace(ns["id"], ns["title"], ns["code_type"], errors))
    return Spec(
        provider=provider,
        namespaces=namespaces,
        source=source,
        envelope=envelope,
        spectab=data["spectab"],
    )


def _items(items: list[Any], consume: bool) -> Iterator[Any]:
    """Each item in order; with ``consume``, each is dropped from the list once taken."""
    if not consume:
        yield from items
        return
    items.reverse()
    while items:
        yield items.pop()


# ---------------------------------------------------------------- dumping


def spec_to_data(spec: Spec) -> dict[str, Any]:
    """The spec as plain data in canonical key order, optional keys omitted when empty."""
    out: dict[str, Any] = {"spectab": spec.spectab}
    out["provider"] = _compact(
        {"id": spec.provider.id, "name": spec.provider.name, "docs_url": spec.provider.docs_url}
    )
    if spec.source:
        out["source"] = {
            "location": spec.source.location,
            "format": spec.source.format,
            "sha256": spec.source.sha256,
        }
    if spec.envelope:
        env = spec.envelope
        out["envelope"] = _compact(
            {
                "code_field": env.code_field,
                "message_field": env.message_field,
                "success": env.success,
                "fields": [
                    _compact({"path": f.path, "type": f.type, "description": f.description})
                    for f in env.fields
                ],
            }
        )
    out["namespaces"] = [
        {
            "id": ns.id,
            "title": ns.title,
            "code_type": ns.code_type,
            "errors": [_entry_to_data(entry) for entry in ns.errors],
        }
        for ns in spec.namespaces
    ]
    return out


def _entry_to_data(entry: ErrorEntry) -> dict[str, Any]:
    source = None
    if entry.source and (entry.source.line is not None or entry.source.row is not None):
        source = _compact({"line": entry.source.line, "row": entry.source.row})
    return _compact(
        {
            "code": entry.code,
            "name": entry.name,
            "message": entry.message,
            "description": entry.description,
            "http_status": entry.http_status,
            "category": Category(entry.category).value,
            "retry": Retry(entry.retry).value,
            "aliases": list(entry.aliases),
            "source": source,
        }
    )


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None and value != []}


def dump_spec(spec: Spec, locate: Callable[[tuple[Any, ...]], str | None] | None = None) -> str:
    """Canonical YAML text of a spec; validated first so nothing invalid is ever written.

    ``locate`` names where a value came from (``FILE:LINE:COL``: the overrides file, the
    page), so a problem is reported where it can be fixed; else at the spec text's line."""
    data = spec_to_data(spec)
    try:  # libyaml refuses a lone surrogate itself; only then is every string searched
        text = dump_yaml(data)
        if _PURE_PYTHON_YAML:
            text.encode("utf-8")
    except UnicodeEncodeError:
        surrogates = _strings_with_surrogates(data, ())
        if not surrogates:
            raise
        raise SpecError(
            [
                f"spec {spec.provider.id!r}: {format_path(path)}: lone surrogate U+{ord(char):04X} cannot be written as UTF-8"
                for path, char in surrogates
            ]
        ) from None
    if not _is_valid_data(data):
        document = read_yaml(f"<spec {spec.provider.id}>", text)
        problems = validate_document(document)
        if problems and locate is not None:
            problems = []
            for path, message, _ in data_problems(data, lambda p: document.position(p).line):
                where = locate(path)
                if where is None:
                    pos = document.position(path)
                    where = f"{document.file}:{pos.line}:{pos.column}"
                problems.append(f"{where}: {format_path(path)}: {message}")
        if problems:
            raise SpecError(problems)
    return text


def spec_hash(text: str | bytes) -> str:
    """sha256 of a spec's canonical bytes: what generated files name instead of a date."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(raw).hexdigest()
