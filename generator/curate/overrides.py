"""From what the page says (RawSpec) to the canonical Spec: overrides, names, categories.

A provider's quirks live in its overrides file, never in code. Overrides are keyed by
namespace and code so that they survive the next scrape; one that no longer matches
anything is reported as stale rather than silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from collections.abc import Collection
from typing import Any, Callable


from generator.curate import classify, naming, stable
from generator.errors import SpecError
from generator.spec.identifiers import namespace_id, why_illegal
from generator.spec.model import (
    Category,
    Code,
    Envelope,
    EnvelopeField,
    ErrorEntry,
    Namespace,
    Provider,
    RawEntry,
    RawNamespace,
    RawSpec,
    Retry,
    SourceRef,
    Spec,
)
from generator.spec.yamlio import Document, format_path, read_yaml

Warn = Callable[[str], None]

_ENTRY_FIELDS = {
    "name": {"type": "string"},
    "message": {"type": "string"},
    "description": {"type": "string"},
    "http_status": {"type": "integer", "minimum": 100, "maximum": 599},
    "category": {"enum": [c.value for c in Category]},
    "retry": {"enum": [r.value for r in Retry]},
    "aliases": {"type": "array", "items": {"type": ["string", "integer"]}},
}

OVERRIDES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["spectab_overrides"],
    "properties": {
        "spectab_overrides": {"const": 1},
        "provider": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "docs_url": {"type": "string"}},
        },
        "envelope": {"type": "object"},
        "namespaces": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*\Z"},
                    "title": {"type": "string"},
                    "code_type": {"enum": ["integer", "string"]},
                    "remove": {"type": "string", "minLength": 1},
                    "set": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": _ENTRY_FIELDS,
                        },
                    },
                    "add": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["code", "message", "reason"],
                            "properties": {
                                **_ENTRY_FIELDS,
                                "code": {"type": ["string", "integer"]},
                                "after": {"type": ["string", "integer"]},
                                "reason": {"type": "string", "minLength": 1},
                            },
                        },
                    },
                    "drop": {
                        "type": "object",
                        "additionalProperties": {"type": "string", "minLength": 1},
                    },
                },
            },
        },
    },
}


@dataclass
class Overrides:
    """A parsed overrides file (empty when the provider has none)."""

    file: str = "(no overrides)"
    data: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None
    # spec path -> the path in this file that set it; filled by ``curate``
    origins: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)

    def locate(self, path: tuple[Any, ...]) -> str | None:
        """Where in this file the value at spec ``path`` was set (after ``curate``), if it was."""
        probe = tuple(path)
        while probe:
            if probe in self.origins and self.document is not None:
                return self.where(self.origins[probe])
            probe = probe[:-1]
        return None

    def where(self, path: tuple[Any, ...]) -> str:
        if self.document is None:
            return self.file
        pos = self.document.key_position(path)
        return f"{self.file}:{pos.line}:{pos.column}"


def load_overrides(path: Path | str) -> Overrides:
    """Read and validate ``<id>.overrides.yaml``; a missing file means no overrides."""
    if not Path(path).exists():
        return Overrides()
    document = read_yaml(path)
    problems = []
    import jsonschema

    validator = jsonschema.Draft202012Validator(OVERRIDES_SCHEMA)
    for error in validator.iter_errors(document.data):
        where = tuple(error.absolute_path)
        pos = document.position(where)
        problems.append(
            f"{document.file}:{pos.line}:{pos.column}: {format_path(where)}: {error.message}"
        )
    if not problems:
        for ns_key, ns in (document.data.get("namespaces") or {}).items():
            for code, fields in (ns.get("set") or {}).items():
                if "name" in fields and why_illegal(fields["name"]):
                    where = ("namespaces", ns_key, "set", code, "name")
                    pos = document.position(where)
                    problems.append(
                        f"{document.file}:{pos.line}:{pos.column}: {format_path(where)}: {why_illegal(fields['name'])}"
                    )
        problems += _added_twice(document)
    if problems:
        raise SpecError(sorted(problems))
    return Overrides(str(path), document.data, document)


def _added_twice(document: Document) -> list[str]:
    """A code one namespace's ``add`` lists twice: which one is meant cannot be told, so
    it is an error naming both items (never the second read as a stale add)."""
    problems = []
    for ns_key, ns in (document.data.get("namespaces") or {}).items():
        first: dict[Code, int] = {}
        for index, item in enumerate(ns.get("add") or []):
            earlier = first.setdefault(item["code"], index)
            if earlier != index:
                at = ("namespaces", ns_key, "add", index, "code")
                pos, was = document.position(at), document.position(at[:3] + (earlier, "code"))
                problems.append(
                    f"{document.file}:{pos.line}:{pos.column}: {format_path(at)}: code "
                    f"{item['code']!r} is added twice (first at line {was.line}); add it once"
                )
    return problems


def curate(
    raw: RawSpec,
    overrides: Overrides | None = None,
    warn: Warn = lambda _: None,
    previous: Spec | None = None,
) -> Spec:
    """Apply overrides, then name and classify every entry. With ``previous`` (the
    committed spec), a code keeps the name it has there and a list keeps its namespace id,
    however the page rewords them; only an override renames (see ``stable``)."""
    overrides = overrides or Overrides()
    data = overrides.data
    provider = Provider(
        id=raw.provider.id,
        name=(data.get("provider") or {}).get("name", raw.provider.name),
        docs_url=(data.get("provider") or {}).get("docs_url", raw.provider.docs_url),
    )
    envelope = _envelope(data["envelope"]) if "envelope" in data else raw.envelope
    for key in ("envelope", "provider"):
        if key in data:
            overrides.origins[(key,)] = (key,)
    ns_overrides: dict[str, Any] = dict(data.get("namespaces") or {})
    namespaces: list[Namespace] = []
    keys = _override_keys([ns.id for ns in raw.namespaces], ns_overrides)
    wanted = [
        (ns_overrides.get(key, {}).get("id", ns.id), ns) for key, ns in zip(keys, raw.namespaces)
    ]
    committed = stable.committed_namespaces(
        [(ns_id, [entry.code for entry in ns.entries]) for ns_id, ns in wanted], previous
    )
    for key, raw_ns, before in zip(keys, raw.namespaces, committed):
        ns_data = ns_overrides.pop(key, {})
        if "remove" in ns_data:
            continue
        namespace = _curate_namespace(raw_ns, ns_data, overrides, warn, before, provider.id, key)
        _record_origins(overrides, len(namespaces), namespace, key, ns_data)
        namespaces.append(namespace)
    for stale in ns_overrides:
        warn(
            f"{overrides.where(('namespaces', stale))}: stale override: the page has no namespace {stale!r} "
            f"(scraped: {', '.join(ns.id for ns in raw.namespaces) or 'none'})"
        )
    return Spec(provider=provider, namespaces=namespaces, source=raw.source, envelope=envelope)


def _override_keys(raw_ids: list[str], ns_overrides: dict[str, Any]) -> list[str]:
    """The overrides key of each scraped namespace: its id, or a key written for the whole
    heading before long headings gave short ids (``namespace_id``), so no override goes stale."""
    longer = {namespace_id(key): key for key in ns_overrides if key not in raw_ids}
    return [raw_id if raw_id in ns_overrides else longer.get(raw_id, raw_id) for raw_id in raw_ids]


def _record_origins(
    overrides: Overrides, index: int, namespace: Namespace, key: str, ns_data: dict[str, Any]
) -> None:
    """Remember which line of the overrides file set each value of namespace ``index``."""
    at = ("namespaces", index)
    for name in ("id", "title"):
        if name in ns_data:
            overrides.origins[at + (name,)] = ("namespaces", key, name)
    added = {item["code"]: i for i, item in enumerate(ns_data.get("add") or [])}
    sets = ns_data.get("set") or {}
    for position, entry in enumerate(namespace.errors):
        entry_at = at + ("errors", position)
        if entry.code in added:
            overrides.origins[entry_at] = ("namespaces", key, "add", added[entry.code])
        for name in sets.get(entry.code) or {}:
            overrides.origins[entry_at + (name,)] = ("namespaces", key, "set", entry.code, name)


def _envelope(data: dict[str, Any]) -> Envelope:
    fields = [EnvelopeField(**item) for item in data.get("fields", [])]
    return Envelope(
        code_field=data["code_field"],
        message_field=data.get("message_field"),
        success=data.get("success"),
        fields=fields,
    )


def _curate_namespace(
    raw_ns: RawNamespace,
    ns_data: dict[str, Any],
    overrides: Overrides,
    warn: Warn,
    before: Namespace | None = None,
    provider_id: str = "",
    key: str | None = None,
) -> Namespace:
    ns_key = key or raw_ns.id
    ns_id = ns_data.get("id", before.id if before else raw_ns.id)
    if ns_id != raw_ns.id and "id" not in ns_data:
        warn(
            f"namespace {raw_ns.id!r} keeps the id {ns_id!r} it has in the committed spec "
            f"(its heading was reworded); set `id:` in the overrides file to rename it"
        )
    title = ns_data.get("title", raw_ns.title)
    entries = list(raw_ns.entries)  # entries are read, never changed: a new list is enough
    code_type = ns_data.get("code_type", raw_ns.code_type)
    if code_type != raw_ns.code_type:
        where = overrides.where(("namespaces", ns_key, "code_type"))
        entries = [_retyped(entry, code_type, where) for entry in entries]
    by_code = {entry.code: entry for entry in entries}

    drops: dict[Code, str] = dict(ns_data.get("drop") or {})
    for code in list(drops):
        if code not in by_code:
            warn(
                f"{overrides.where(('namespaces', ns_key, 'drop', code))}: stale override: drop of {code!r}, "
                f"which namespace {ns_key!r} no longer has"
            )
    entries = [entry for entry in entries if entry.code not in drops]

    for index, item in enumerate(ns_data.get("add") or []):
        where = overrides.where(("namespaces", ns_key, "add", index))
        if item["code"] in by_code and item["code"] not in drops:
            warn(
                f"{where}: stale override: adds {item['code']!r}, which the page now has; remove the add"
            )
            continue
        entry = RawEntry(code=item["code"], message=item["message"])
        position = len(entries)
        if "after" in item:
            codes = [e.code for e in entries]
            if item["after"] in codes:
                position = codes.index(item["after"]) + 1
            else:
                warn(
                    f"{where}: stale override: 'after' names {item['after']!r}, which is not in {ns_key!r}; added at the end"
                )
        entries.insert(position, entry)
        by_code[entry.code] = entry

    settings: dict[Code, dict[str, Any]] = {}
    for item in ns_data.get("add") or []:
        settings[item["code"]] = {
            k: v for k, v in item.items() if k not in ("code", "message", "after", "reason")
        }
    for code, fields in (ns_data.get("set") or {}).items():
        if code not in by_code or code in drops:
            warn(
                f"{overrides.where(('namespaces', ns_key, 'set', code))}: stale override: set for {code!r}, "
                f"which namespace {ns_key!r} does not have"
            )
            continue
        settings.setdefault(code, {}).update(fields)

    added = {item["code"]: index for index, item in enumerate(ns_data.get("add") or [])}

    def named_at(code: Code) -> str:
        """The overrides line that names ``code``."""
        if code in (ns_data.get("set") or {}):
            return overrides.where(("namespaces", ns_key, "set", code, "name"))
        return overrides.where(("namespaces", ns_key, "add", added.get(code, 0), "name"))

    who = f"{provider_id}: namespace {ns_id!r}" if provider_id else f"namespace {ns_id!r}"
    namespace = _finish(
        ns_id, title, code_type, entries, settings, warn, stable.committed_names(before)
    )
    _dedupe_names(
        who, namespace.errors, settings, warn, set(stable.committed_names(before)), named_at
    )
    return namespace


def _retyped(entry: RawEntry, code_type: str, where: str) -> RawEntry:
    """A copy of ``entry`` whose code and aliases are of ``code_type``."""

    def convert(code: Code) -> Code:
        if code_type == "string":
            return str(code)
        if isinstance(code, int) or re.fullmatch(r"-?\d+", code):
            return int(code)
        raise SpecError([f"{where}: code_type integer, but code {code!r} is not an integer"])

    return replace(entry, code=convert(entry.code), aliases=[convert(a) for a in entry.aliases])


def _finish(
    ns_id: str,
    title: str,
    code_type: str,
    entries: list[RawEntry],
    settings: dict[Code, dict[str, Any]],
    warn: Warn,
    kept: dict[Code, str] | None = None,
) -> Namespace:
    """Name, classify and apply field overrides; enforce unique names. ``kept``: the names
    the committed spec gives codes, used before a name derived from today's words."""
    kept = kept or {}
    result: list[ErrorEntry] = []
    for entry in entries:
        fields = settings.get(entry.code, {})
        message = fields.get("message", entry.message)
        http_status = fields.get("http_status", entry.http_status)
        # the page's own name and category label are evidence; an override's name is not
        decision = classify.classify(entry.code, message, http_status, entry.name, entry.category)
        result.append(
            ErrorEntry(
                code=entry.code,
                name=fields.get("name")
                or kept.get(entry.code)
                or naming.derive(entry.name or entry.code, message),
                message=message,
                description=fields.get("description", entry.description),
                http_status=http_status,
                category=Category(fields.get("category", decision.category)),
                retry=Retry(fields.get("retry", decision.retry)),
                aliases=list(fields.get("aliases", entry.aliases)),
                source=entry.source if entry.source else None,
            )
        )
    return Namespace(ns_id, title, code_type, result)


def _dedupe_names(
    who: str,
    entries: list[ErrorEntry],
    settings: dict[Code, dict[str, Any]],
    warn: Warn,
    kept: Collection[Code],
    named_at: Callable[[Code], str],
) -> None:
    """Unique names per namespace; names set by an override keep their spelling, then the
    names a committed spec gives (a new code yields to them). An override that gives a
    code another code's name is an error: the other would be renamed behind the user's back.

    Every other rename is reported, in one warning per namespace naming the provider (a
    page with many repeated messages would otherwise print a screenful)."""
    pinned = {code for code, fields in settings.items() if "name" in fields}
    order = sorted(
        range(len(entries)),
        key=lambda i: (entries[i].code not in pinned, entries[i].code not in kept, i),
    )
    owner = {entries[i].name: entries[i].code for i in order if entries[i].code in pinned}
    names = [entries[i].name for i in order]
    unique, renamed = naming.make_unique(names, [entries[i].code for i in order])
    lines = []
    for position, original, new in renamed:
        entry = entries[order[position]]
        if original in owner:
            other = owner[original]
            what = (
                f"overrides give name {original!r} to two codes ({other!r} and {entry.code!r})"
                if entry.code in pinned
                else f"the override gives {other!r} the name {original!r}, which code "
                f"{entry.code!r} has; name {entry.code!r} too (set: {{{entry.code!r}: {{name: ...}}}})"
            )
            raise SpecError([f"{named_at(other)}: {who}: {what}"])
        lines.append(f"{entry.code!r} -> {new}")
    if lines:
        warn(
            f"{who}: {len(lines)} code(s) would share a name with an earlier "
            f"entry and got a suffix (set a name in the overrides file to choose): "
            + ", ".join(lines)
        )
    for position, name in enumerate(unique):
        entries[order[position]].name = name


def locator(spec: Spec, overrides: Overrides | None) -> Callable[[tuple[Any, ...]], str | None]:
    """Where a value of the curated ``spec`` can be fixed: the overrides line that set it,
    else the page line its entry was read from (for ``dump_spec``'s problems)."""

    def locate(path: tuple[Any, ...]) -> str | None:
        found = overrides.locate(path) if overrides is not None else None
        if found is None and len(path) >= 4 and path[0] == "namespaces" and path[2] == "errors":
            try:
                entry = spec.namespaces[path[1]].errors[path[3]]
            except (IndexError, TypeError):
                return None
            if entry.source and entry.source.line and spec.source:
                return f"{spec.source.location}:{entry.source.line}"
        return found

    return locate


def classification_stats(spec: Spec) -> dict[str, int]:
    """How many entries each rule decides (``validate --stats``), overrides not counted apart."""
    counts: dict[str, int] = {}
    for namespace in spec.namespaces:
        for entry in namespace.errors:
            decision = classify.classify(entry.code, entry.message, entry.http_status, entry.name)
            same = decision.category == entry.category and decision.retry == entry.retry
            key = decision.rule if same else "override"
            counts[key] = counts.get(key, 0) + 1
    return counts


__all__ = ["Overrides", "load_overrides", "curate", "classification_stats", "SourceRef", "locator"]
