"""What the interpreter considered on a page and what became of each candidate.

The walker records one :class:`Candidate` per table, definition list and run of error
titles as it decides about it, with the verdicts (and their reasons) the deciding
functions returned; ``scrape --explain`` prints the record. Recording is cheap (one
object per block, not per row), so every scrape keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from generator.spec.model import RawEntry, RawNamespace
from generator.scrape.interpret.columns import Columns
from generator.scrape.interpret.evidence import Reading
from generator.scrape.interpret.verdict import Verdict

# what a candidate became
ENTRIES = "entries"
ENVELOPE = "envelope"
LEFT_OUT = "left out"


@dataclass
class ColumnNote:
    """One column of a table: its 1-based position, header, role (or none) and why."""

    index: int
    header: str
    role: str | None
    why: str
    rule: str = ""  # the rule that gave the role (or left the column without one)


@dataclass
class ReadingNote:
    """A reading that was weighed: its label, total, and each rule's contribution."""

    label: str
    score: float
    evidence: list[tuple[str, float, str]]  # (rule id, weight, note)


def reading_notes(readings: Iterable[Reading]) -> list[ReadingNote]:
    return [
        ReadingNote(
            reading.label,
            reading.score,
            [(item.rule, item.weight, item.note) for item in reading.evidence],
        )
        for reading in readings
    ]


@dataclass
class Candidate:
    """A block (or run of blocks) that might list errors."""

    kind: str  # table, definition list, code-like lines, headings, titled paragraphs, ...
    line: int | None
    section: str  # the heading it sits under
    size: dict[str, int] = field(default_factory=dict)  # rows/columns, items, titles
    columns: list[ColumnNote] = field(default_factory=list)
    outcome: str = LEFT_OUT
    reason: str = ""
    entries: list[RawEntry] = field(default_factory=list)  # the part's own list (it grows)
    kept: int = 0  # entries that reached a namespace (duplicates are dropped there)
    repeats: int = 0  # entries not kept whose code the spec has from another entry
    namespaces: list[str] = field(default_factory=list)
    rule: str = ""  # the registered rule that decided the candidate's fate
    margin: float | None = None  # the winning reading's lead over the next, when weighed
    readings: list[ReadingNote] = field(default_factory=list)
    overrode: str = ""  # the verdict a hint overrode, when a hint decided (by_hint.py)

    def leave_out(self, reason: str, rule: str = "") -> None:
        self.outcome, self.reason, self.entries = LEFT_OUT, reason, []
        if rule:
            self.rule = rule

    def by_hint(self, rule: str, reason: str, overrode: str) -> None:
        """A later pass would have left the candidate out; the hint (``rule``) kept it (a
        candidate a hint decided already keeps its reason and adds what was overridden)."""
        if self.overrode:
            self.overrode = f"{self.overrode}; then {overrode}"
            return
        self.rule, self.reason, self.overrode = rule, reason, overrode

    def decided(self, verdict: Verdict) -> None:
        """Record a deciding function's verdict: its reason, rule, margin and the readings
        it weighed (when the deciding function weighs readings)."""
        self.reason, self.rule, self.margin = verdict.reason, verdict.rule, verdict.margin
        self.overrode = verdict.overrode
        if verdict.readings:
            self.readings = reading_notes(verdict.readings)


@dataclass
class NamespaceNote:
    id: str
    title: str
    code_type: str
    entries: int


@dataclass
class Trace:
    """Every candidate of one page in page order, then the namespaces they made."""

    candidates: list[Candidate] = field(default_factory=list)
    namespaces: list[NamespaceNote] = field(default_factory=list)
    error: str | None = None  # why the page gave no spec, when it gave none
    source: str = ""
    format: str = ""

    def add(self, candidate: Candidate) -> Candidate:
        self.candidates.append(candidate)
        return candidate

    def settle(self, namespaces: list[RawNamespace]) -> None:
        """Say in which namespace each candidate's entries ended up."""
        home: dict[int, str] = {}
        codes = {(e.code, type(e.code)) for namespace in namespaces for e in namespace.entries}
        for namespace in namespaces:
            self.namespaces.append(
                NamespaceNote(
                    namespace.id, namespace.title, namespace.code_type, len(namespace.entries)
                )
            )
            for entry in namespace.entries:
                home[id(entry)] = namespace.id
        for candidate in self.candidates:
            if candidate.outcome != ENTRIES:
                continue
            kept = [home[id(entry)] for entry in candidate.entries if id(entry) in home]
            candidate.kept = len(kept)
            candidate.repeats = sum(
                1
                for entry in candidate.entries
                if id(entry) not in home and (entry.code, type(entry.code)) in codes
            )
            candidate.namespaces = list(dict.fromkeys(kept))


def column_notes(header: list[str] | None, width: int, columns: Columns) -> list[ColumnNote]:
    """The role of every column and why, as ``columns.assign`` decided it."""
    roles: dict[int, list[str]] = {}
    for role, index in [*columns.roles.items(), *columns.others.items()]:
        roles.setdefault(index, []).append(role)
    notes = []
    for index in range(width):
        text = header[index] if header and index < len(header) else ""
        named = roles.get(index)
        notes.append(
            ColumnNote(
                index + 1,
                " ".join(text.split()),
                "+".join(named) if named else None,
                columns.why.get(index, "no header"),
                columns.rule.get(index, ""),
            )
        )
    return notes


__all__ = [
    "Trace",
    "Candidate",
    "ColumnNote",
    "NamespaceNote",
    "ReadingNote",
    "column_notes",
    "reading_notes",
]
