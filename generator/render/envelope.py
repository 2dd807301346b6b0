"""The provider's error body as an OpenAPI schema, built from the spec's dotted paths.

``envelope.code_field``, ``message_field`` and ``fields[].path`` are paths such as
``ResponseStatus.Errors[].ErrorCode`` (``[]`` marks an array); together they describe one
nested object, which is built here as plain data (schema and per-code example) so that the
OpenAPI template only has to print it. A spec without an envelope gets ``{code, message}``.
A problem+json media type is used only when the body looks like RFC 9457 (``type`` as the
code field and ``title`` or ``detail`` as the message field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.errors import InputError
from generator.render.escape import md_text
from generator.spec.model import Code, Envelope, EnvelopeField, Spec

if TYPE_CHECKING:
    from generator.render.views import EntryView, NamespaceView

SCHEMAS = "#/components/schemas/"


@dataclass
class _Node:
    kind: str  # "object" | "array" | "leaf"
    path: str
    props: dict[str, _Node] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    items: _Node | None = None
    leaf: dict[str, Any] | None = None
    description: str | None = None


@dataclass
class EnvelopeView:
    media_type: str
    schema_name: str
    body_schema: dict[str, Any]
    code_paths: list[tuple[str, bool]]
    message_paths: list[tuple[str, bool]] | None
    code_schema_name: str | None  # the union of every namespace's codes, when needed
    code_schema: dict[str, Any] | None
    described: bool  # False: the spec has no envelope and the minimal shape is used
    refused: str | None = None  # why the body cannot be written as a schema or example

    @property
    def schema(self) -> dict[str, Any]:
        """The body's JSON Schema; refused when a field name would read as a keyword."""
        if self.refused:
            raise InputError(self.refused)
        return self.body_schema

    def example(self, entry: EntryView) -> dict[str, Any]:
        """The body a client receives for ``entry``."""
        if self.refused:
            raise InputError(self.refused)
        body: dict[str, Any] = {}
        _put(body, self.code_paths, entry.code)
        if self.message_paths is not None:
            _put(body, self.message_paths, entry.message)
        return body


def _segments(path: str) -> list[tuple[str, bool]]:
    out = []
    for part in path.split("."):
        is_array = part.endswith("[]")
        out.append((part[:-2] if is_array else part, is_array))
    return out


def _put(body: dict[str, Any], segments: list[tuple[str, bool]], value: Any) -> None:
    current = body
    for index, (name, is_array) in enumerate(segments):
        last = index == len(segments) - 1
        if is_array:
            items = current.setdefault(name, [{}] if not last else [])
            if last:
                items.append(value)
                return
            current = items[0]
        elif last:
            current[name] = value
        else:
            current = current.setdefault(name, {})


def build_envelope(
    spec: Spec, namespaces: list[NamespaceView], base: str, openapi_version: str
) -> EnvelopeView:
    v31 = openapi_version == "3.1"
    code_ref, code_schema_name, code_schema = _code_schema(spec, namespaces, base, v31)
    envelope = spec.envelope or Envelope(
        code_field="code",
        message_field="message",
        fields=[
            EnvelopeField("code", "string", "The error code."),
            EnvelopeField("message", "string", "What went wrong, in the provider's words."),
        ],
    )
    label = f"spec {spec.provider.id!r} envelope"
    root = _Node("object", "")
    descriptions = {f.path: f.description for f in envelope.fields if f.description}
    _insert(root, envelope.code_field, _with_description({"$ref": code_ref}, None, v31), label)
    _mark_required(root, envelope.code_field)
    if envelope.message_field:
        _insert(root, envelope.message_field, {"type": "string"}, label)
    for item in envelope.fields:
        if item.path in (envelope.code_field, envelope.message_field):
            continue
        _insert(root, item.path, _leaf_schema(item.type), label)
    for path, text in descriptions.items():
        _describe(root, path, md_text(text), v31)
    problem = envelope.code_field == "type" and envelope.message_field in ("title", "detail")
    schema = _to_schema(root)
    name = md_text(spec.provider.name)
    schema["description"] = (
        f"The error body {name} sends."
        if spec.envelope
        else f"{name} documents no error body; this minimal shape carries the code."
    )
    return EnvelopeView(
        media_type="application/problem+json" if problem else "application/json",
        schema_name=base + "ErrorResponse",
        body_schema=schema,
        code_paths=_segments(envelope.code_field),
        message_paths=_segments(envelope.message_field) if envelope.message_field else None,
        code_schema_name=code_schema_name,
        code_schema=code_schema,
        described=spec.envelope is not None,
        refused=_dollar_field(label, envelope),
    )


def _dollar_field(label: str, envelope: Envelope) -> str | None:
    """A field name starting with ``$`` would be a keyword (``$ref``, ``$id``) as a key of an
    OpenAPI schema or example, so the body is never written with one; other targets are."""
    paths = [envelope.code_field, envelope.message_field or "", *(f.path for f in envelope.fields)]
    for path in paths:
        if any(name.startswith("$") for name, _ in _segments(path)):
            return (
                f"{label}: field {path!r}: a name starting with '$' would read as a keyword "
                "($ref) in OpenAPI; not written"
            )
    return None


def _code_schema(
    spec: Spec, namespaces: list[NamespaceView], base: str, v31: bool
) -> tuple[str, str | None, dict[str, Any] | None]:
    """The schema the code field refers to: one namespace's, or a union named ``<Base>Code``."""
    options: list[dict[str, Any]] = [{"$ref": SCHEMAS + ns.class_name} for ns in namespaces]
    success = spec.envelope.success if spec.envelope else None
    known: set[tuple[bool, Code]] = {
        (isinstance(code, int), code) for ns in namespaces for e in ns.entries for code in [e.code]
    }
    if success is not None and (isinstance(success, int), success) not in known:
        kind = "integer" if isinstance(success, int) else "string"
        const: dict[str, Any] = (
            {"type": kind, "const": success} if v31 else {"type": kind, "enum": [success]}
        )
        const["description"] = "The value that means success."
        options.append(const)
    # An open enum, as the TypeScript ``...Open`` types: a code the docs do not list yet is
    # still a valid body (a provider adds codes before its documentation says so).
    for kind in sorted({ns.code_type for ns in namespaces}, reverse=True):
        other: dict[str, Any] = {"type": kind}
        other["description"] = "A code the documentation does not list (yet)."
        options.append(other)
    name = base + "Code"
    schema = {
        "description": f"Any status value {md_text(spec.provider.name)} documents, or another one.",
        "anyOf": options,
    }
    return SCHEMAS + name, name, schema


def _leaf_schema(kind: str) -> dict[str, Any]:
    if kind == "array":
        return {"type": "array", "items": {}}
    return {"type": kind}


def _with_description(schema: dict[str, Any], text: str | None, v31: bool) -> dict[str, Any]:
    if text is None:
        return schema
    if "$ref" in schema and not v31:  # 3.0 ignores siblings of $ref
        return {"description": text, "allOf": [schema]}
    return {**schema, "description": text}


def _insert(root: _Node, path: str, leaf: dict[str, Any], label: str) -> None:
    """Add ``path`` to the tree; a field typed object/array may later get fields under it."""
    node = root
    segments = _segments(path)
    for index, (name, is_array) in enumerate(segments):
        last = index == len(segments) - 1
        child = node.props.get(name)
        if is_array or not last:
            child = _container(node, name, child, "array" if is_array else "object", path, label)
        if last and not is_array:
            if child is None:
                node.props[name] = _Node("leaf", path, leaf=leaf)
            elif child.kind != "leaf" and leaf.get("type") != child.kind:
                raise InputError(
                    f"{label}: {path!r} is a {leaf.get('type', 'code')}, "
                    f"but {child.path!r} makes it an {child.kind}"
                )
            return
        assert child is not None
        if child.kind == "array":
            if last:
                if child.items is None:
                    child.items = _Node("leaf", path, leaf=leaf)
                return
            if child.items is None or child.items.kind == "leaf":
                child.items = _Node("object", path)
            node = child.items
        else:
            node = child


def _container(
    parent: _Node, name: str, child: _Node | None, kind: str, path: str, label: str
) -> _Node:
    """The object/array node at ``name``, replacing a leaf that declared that type."""
    if child is None or (child.kind == "leaf" and (child.leaf or {}).get("type") == kind):
        child = parent.props[name] = _Node(kind, path)
    elif child.kind != kind:
        raise InputError(
            f"{label}: {path!r} makes {name!r} an {kind}, but {child.path!r} makes it "
            f"{'a field' if child.kind == 'leaf' else 'an ' + child.kind}"
        )
    return child


def _find(root: _Node, path: str) -> _Node | None:
    node: _Node | None = root
    for name, is_array in _segments(path):
        if node is None or node.kind != "object":
            return None
        node = node.props.get(name)
        if node is not None and is_array:
            node = node.items if node.items is not None else node
    return node


def _describe(root: _Node, path: str, text: str, v31: bool) -> None:
    node = _find(root, path)
    if node is None:
        return
    if node.kind == "leaf" and node.leaf is not None:
        node.leaf = _with_description(node.leaf, text, v31)
    else:
        node.description = text


def _mark_required(root: _Node, path: str) -> None:
    node: _Node | None = root
    for name, _ in _segments(path):
        if node is None or node.kind != "object":
            return
        if name not in node.required:
            node.required.append(name)
        child = node.props.get(name)
        node = child.items if child is not None and child.kind == "array" else child


def _to_schema(node: _Node) -> dict[str, Any]:
    if node.kind == "leaf":
        return dict(node.leaf or {})
    if node.kind == "array":
        schema: dict[str, Any] = {"type": "array"}
        schema["items"] = _to_schema(node.items) if node.items is not None else {}
    else:
        schema = {"type": "object"}
        if node.required:
            schema["required"] = list(node.required)
        schema["properties"] = {name: _to_schema(child) for name, child in node.props.items()}
    if node.description:
        schema["description"] = node.description
    return schema
