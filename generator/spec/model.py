"""The Spec model: the one thing the scrape half and the generate half share.

Plain dataclasses, no behaviour beyond small lookups, so that readers, curation,
generators and diff can all agree on one shape without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Union

FORMAT_VERSION = 1

Code = Union[str, int]


class Category(str, Enum):
    """Cross-provider error classes, for callers that handle errors generically."""

    OK = "ok"
    AUTH = "auth"
    PERMISSION = "permission"
    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    RATE_LIMITED = "rate_limited"
    QUOTA_BILLING = "quota_billing"
    RECIPIENT = "recipient"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"
    UNSUPPORTED = "unsupported"
    UNCLASSIFIED = "unclassified"  # no classification rule decided; not a guess


class Retry(str, Enum):
    """What a caller may do after seeing the error."""

    NEVER = "never"  # the same request fails again
    BACKOFF = "backoff"  # transient: retry later
    IF_IDEMPOTENT = "if_idempotent"  # outcome unknown
    AFTER_ACTION = "after_action"  # someone must act first (top up, allow-list)


CODE_TYPES = ("string", "integer")


@dataclass
class Provider:
    id: str
    name: str
    docs_url: str | None = None


@dataclass
class Source:
    """Provenance of the last scrape."""

    location: str
    format: str
    sha256: str


@dataclass
class EnvelopeField:
    """One field of the provider's error response body, e.g. ``ResponseStatus.Message``."""

    path: str
    type: str = "string"
    description: str | None = None


@dataclass
class Envelope:
    """How an error travels on the wire.

    ``code_field`` and ``message_field`` are dotted paths into the response body;
    ``[]`` marks an array (``ResponseStatus.Errors[].FieldName``).
    """

    code_field: str
    message_field: str | None = None
    success: Code | None = None
    fields: list[EnvelopeField] = field(default_factory=list)


@dataclass
class SourceRef:
    """Where in the page an entry came from (1-based)."""

    line: int | None = None
    row: int | None = None


@dataclass
class ErrorEntry:
    code: Code
    name: str
    message: str
    category: Category
    retry: Retry
    description: str | None = None
    http_status: int | None = None
    aliases: list[Code] = field(default_factory=list)
    source: SourceRef | None = None


@dataclass
class Namespace:
    """One enum's worth of codes; codes are unique within it."""

    id: str
    title: str
    code_type: str
    errors: list[ErrorEntry] = field(default_factory=list)

    def by_code(self) -> dict[Code, ErrorEntry]:
        return {entry.code: entry for entry in self.errors}


@dataclass
class Spec:
    provider: Provider
    namespaces: list[Namespace]
    source: Source | None = None
    envelope: Envelope | None = None
    spectab: int = FORMAT_VERSION

    def namespace(self, namespace_id: str) -> Namespace | None:
        for namespace in self.namespaces:
            if namespace.id == namespace_id:
                return namespace
        return None

    @property
    def entry_count(self) -> int:
        return sum(len(ns.errors) for ns in self.namespaces)


# ------------------------------------------------ before curation (what readers produce)


@dataclass
class RawEntry:
    """An entry as the page states it: no identifier or classification yet."""

    code: Code
    message: str
    description: str | None = None
    http_status: int | None = None
    aliases: list[Code] = field(default_factory=list)
    source: SourceRef | None = None
    name: str | None = None  # a name the page itself gives (``NAME (n)``, a Name column)
    category: str | None = None  # a category the page itself gives (a Type or Category column)


@dataclass
class RawNamespace:
    id: str
    title: str
    code_type: str
    entries: list[RawEntry] = field(default_factory=list)


@dataclass
class RawSpec:
    """What a reader and interpreter make of one page, before overrides and naming."""

    provider: Provider
    namespaces: list[RawNamespace]
    source: Source | None = None
    envelope: Envelope | None = None
