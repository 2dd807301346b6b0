"""The per-entry and per-namespace views that templates and the envelope builder both read."""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.model import Code


@dataclass
class EntryView:
    code: Code
    name: str
    message: str
    description: str | None
    category: str
    retry: str
    retry_advice: str
    http_status: int | None
    aliases: list[Code]
    anchor: str
    doc_url: str


@dataclass
class NamespaceView:
    id: str
    title: str
    code_type: str
    is_int: bool
    class_name: str
    const_name: str  # UPPER_SNAKE prefix for module-private Python tables
    entries: list[EntryView]
    has_descriptions: bool
    has_aliases: bool
    has_http_status: bool = True  # any entry documents one (else Markdown leaves the column out)
    name_repeats_message: bool = False  # every name only re-spells its message or code
