"""What changed between two versions of the specs, as a sorted list of Change.

Changes are keyed by (provider, namespace, code) so that a re-ordered page or a moved row is
no change at all. How much a kind of change hurts is data (diff_rules.yaml), not code.
Formatting lives in diff_format.py; reading the two sides lives in diff_command.py.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from generator.spec.model import Code, ErrorEntry, Namespace, Spec


class Severity(str, Enum):
    """How much a change can hurt the people who use the generated output."""

    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"breaking": 3, "warning": 2, "info": 1}[self.value]


SEVERITIES = (Severity.BREAKING, Severity.WARNING, Severity.INFO)

# The kinds this module emits; the rule table must list exactly these.
KINDS = frozenset(
    {
        "namespace_added",
        "namespace_removed",
        "code_added",
        "code_removed",
        "code_renamed",
        "name_changed",
        "message_changed",
        "description_changed",
        "http_status_changed",
        "category_changed",
        "retry_changed",
        "alias_added",
        "alias_removed",
    }
)


@dataclass(frozen=True)
class Rule:
    kind: str
    severity: Severity
    description: str
    order: int


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The packaged change-kind table, by kind, in the table's order."""
    text = Path(__file__).with_name("diff_rules.yaml").read_text("utf-8")
    rows = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["rules"]
    table = {
        row["kind"]: Rule(row["kind"], Severity(row["severity"]), row["description"], index)
        for index, row in enumerate(rows)
    }
    if set(table) != KINDS or len(rows) != len(KINDS):
        raise RuntimeError(f"diff_rules.yaml must list each of {sorted(KINDS)} exactly once")
    return table


@dataclass(frozen=True)
class Change:
    """One difference. ``code`` is None for a namespace-level change.

    ``before`` and ``after`` are plain JSON values: a scalar for a changed field, the entry's
    fields for an added or removed code, the namespace's title, code type and codes for an
    added or removed namespace, the old and new code for a rename; None on the side where
    the thing does not exist. A rename is keyed by the new code, like the changes to the
    renamed entry's other fields, so they are listed together.
    """

    kind: str
    provider: str
    namespace: str
    code: Code | None
    before: Any
    after: Any

    @property
    def severity(self) -> Severity:
        return rules()[self.kind].severity

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity.value,
            "provider": self.provider,
            "namespace": self.namespace,
            "code": self.code,
            "before": self.before,
            "after": self.after,
        }


# ------------------------------------------------------------------------ ordering


def code_key(code: Code | None) -> tuple[int, int, str]:
    """Namespace-level first, then integer codes numerically, then strings by code point."""
    if code is None:
        return (0, 0, "")
    if isinstance(code, int):
        return (1, code, "")
    return (2, 0, code)


def sort_key(change: Change) -> tuple[Any, ...]:
    """Provider, namespace, code, kind in table order, then the values as canonical JSON."""
    return (
        change.provider,
        change.namespace,
        code_key(change.code),
        rules()[change.kind].order,
        _canonical(change.before),
        _canonical(change.after),
    )


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def summary(changes: Iterable[Change]) -> dict[str, int]:
    """Count per severity; every severity is present, most severe first."""
    counts = Counter(change.severity for change in changes)
    return {severity.value: counts.get(severity, 0) for severity in SEVERITIES}


def reaches(changes: Iterable[Change], level: Severity) -> bool:
    """True when some change is at ``level`` or more severe."""
    return any(change.severity.rank >= level.rank for change in changes)


# ------------------------------------------------------------------------ detection


def diff_spec_sets(old: Mapping[str, Spec], new: Mapping[str, Spec]) -> list[Change]:
    """Changes between two sets of specs keyed by provider id (missing = all namespaces)."""
    changes: list[Change] = []
    for provider_id in sorted(set(old) | set(new)):
        changes.extend(_diff_provider(provider_id, old.get(provider_id), new.get(provider_id)))
    return sorted(changes, key=sort_key)


def diff_specs(old: Spec | None, new: Spec | None) -> list[Change]:
    """Changes from ``old`` to ``new`` of one provider (None = the provider does not exist)."""
    either = new or old
    if either is None:
        return []
    return sorted(_diff_provider(either.provider.id, old, new), key=sort_key)


def _diff_provider(provider: str, old: Spec | None, new: Spec | None) -> list[Change]:
    before = {ns.id: ns for ns in old.namespaces} if old else {}
    after = {ns.id: ns for ns in new.namespaces} if new else {}
    changes: list[Change] = []
    for ns_id in sorted(set(before) | set(after)):
        old_ns, new_ns = before.get(ns_id), after.get(ns_id)
        if old_ns is None and new_ns is not None:
            changes.append(Change("namespace_added", provider, ns_id, None, None, _ns(new_ns)))
        elif new_ns is None and old_ns is not None:
            changes.append(Change("namespace_removed", provider, ns_id, None, _ns(old_ns), None))
        elif old_ns is not None and new_ns is not None:
            changes.extend(_diff_namespace(provider, old_ns, new_ns))
    return changes


def _ns(namespace: Namespace) -> dict[str, Any]:
    return {
        "title": namespace.title,
        "code_type": namespace.code_type,
        "codes": [entry.code for entry in namespace.errors],
    }


def _entry(entry: ErrorEntry) -> dict[str, Any]:
    """An entry's fields as data (the code is the change's own key; provenance left out)."""
    data: dict[str, Any] = {
        "name": entry.name,
        "message": entry.message,
        "description": entry.description,
        "http_status": entry.http_status,
        "category": entry.category.value,
        "retry": entry.retry.value,
        "aliases": list(entry.aliases),
    }
    return {key: value for key, value in data.items() if value is not None and value != []}


def _diff_namespace(provider: str, old: Namespace, new: Namespace) -> list[Change]:
    before, after = old.by_code(), new.by_code()
    removed = [code for code in before if code not in after]
    added = [code for code in after if code not in before]
    renamed = _renames(removed, added, before, after)
    changes: list[Change] = []
    for code in removed:
        if code in renamed:
            new_code = renamed[code]
            changes.append(Change("code_renamed", provider, old.id, new_code, code, new_code))
            changes.extend(_diff_entry(provider, old.id, new_code, before[code], after[new_code]))
        else:
            changes.append(
                Change("code_removed", provider, old.id, code, _entry(before[code]), None)
            )
    renamed_to = set(renamed.values())
    for code in added:
        if code not in renamed_to:
            changes.append(Change("code_added", provider, old.id, code, None, _entry(after[code])))
    for code, entry in before.items():
        if code in after:
            changes.extend(_diff_entry(provider, old.id, code, entry, after[code]))
    return changes


def _renames(
    removed: list[Code],
    added: list[Code],
    before: dict[Code, ErrorEntry],
    after: dict[Code, ErrorEntry],
) -> dict[Code, Code]:
    """Removed code -> added code, where exactly one of each carries the same message.

    An ambiguous message (two removed or two added codes share it) pairs nothing: a wrong
    pairing would hide a real removal, so those stay removed plus added.
    """
    gone: dict[str, list[Code]] = {}
    for code in removed:
        gone.setdefault(_words(before[code].message), []).append(code)
    new: dict[str, list[Code]] = {}
    for code in added:
        new.setdefault(_words(after[code].message), []).append(code)
    pairs: dict[Code, Code] = {}
    for message, old_codes in gone.items():
        new_codes = new.get(message, [])
        if message and len(old_codes) == 1 and len(new_codes) == 1:
            pairs[old_codes[0]] = new_codes[0]
    return pairs


def _words(text: str) -> str:
    """A message compared for renames: same words, whitespace differences ignored."""
    return " ".join(text.split())


# (kind, attribute) for the fields compared one to one.
_FIELDS = (
    ("name_changed", "name"),
    ("message_changed", "message"),
    ("description_changed", "description"),
    ("http_status_changed", "http_status"),
    ("category_changed", "category"),
    ("retry_changed", "retry"),
)


def _diff_entry(
    provider: str, namespace: str, code: Code, old: ErrorEntry, new: ErrorEntry
) -> list[Change]:
    changes: list[Change] = []
    for kind, attribute in _FIELDS:
        was, now = _plain(getattr(old, attribute)), _plain(getattr(new, attribute))
        if was != now:
            changes.append(Change(kind, provider, namespace, code, was, now))
    for alias in old.aliases:
        if alias not in new.aliases:
            changes.append(Change("alias_removed", provider, namespace, code, alias, None))
    for alias in new.aliases:
        if alias not in old.aliases:
            changes.append(Change("alias_added", provider, namespace, code, None, alias))
    return changes


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# ------------------------------------------------------------------------ the rest


def other_differences(old: Spec, new: Spec, provenance: bool = True) -> list[str]:
    """Differences the change kinds do not cover, as short labels, so none go unmentioned.

    ``refresh --check`` fails on any byte difference; this says what it was when the list of
    changes is empty (a re-titled namespace, moved rows, and with ``provenance`` also a new
    snapshot hash or row numbers, which say where data came from rather than what it is).
    """
    found: list[str] = []
    for attribute in ("name", "docs_url"):
        if getattr(old.provider, attribute) != getattr(new.provider, attribute):
            found.append(f"provider.{attribute}")
    if old.envelope != new.envelope:
        found.append("envelope")
    if old.spectab != new.spectab:
        found.append("spectab (format version)")
    before = {ns.id: ns for ns in old.namespaces}
    after = {ns.id: ns for ns in new.namespaces}
    common = [ns_id for ns_id in before if ns_id in after]
    if common != [ns_id for ns_id in after if ns_id in before]:
        found.append("namespace order")
    for ns_id in common:
        was, now = before[ns_id], after[ns_id]
        if was.title != now.title:
            found.append(f"namespaces.{ns_id}.title")
        if was.code_type != now.code_type:
            found.append(f"namespaces.{ns_id}.code_type")
        old_entries, new_entries = was.by_code(), now.by_code()
        kept = [code for code in old_entries if code in new_entries]
        if kept != [code for code in new_entries if code in old_entries]:
            found.append(f"namespaces.{ns_id}: entry order")
        moved = any(old_entries[code].source != new_entries[code].source for code in kept)
        if provenance and moved:
            found.append(f"namespaces.{ns_id}: source positions")
    if provenance and old.source != new.source:
        found.append("source (the snapshot's location, format or hash)")
    return found
