"""From parts (one table, one run of titled errors) to namespaces.

Parts of one section merge when their codes are of one kind and do not overlap (a part
of words beside a part of integers is a second code space, never a reason to turn the
integers into strings); sibling sections under one
parent heading merge the same way and take the parent's name; whatever overlaps stays
apart, because overlapping codes mean separate code spaces (the SMS and the voice table
of one page both using ``-1``). Within a namespace every wire value appears once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from generator.spec.model import Code, RawEntry, RawNamespace
from generator.spec.identifiers import namespace_id
from generator.scrape.interpret import registry
from generator.scrape.interpret.codes import code_type

# the rule (rules.yaml) that keeps parallel per-endpoint lists apart
PARALLEL_RULE = "sections.parallel_lists_stay_apart"

Warn = Callable[[str], None]
Where = Callable[[int | None], str]


@dataclass
class Section:
    """The heading a part sits under, and the heading above that."""

    key: str  # "page", "h<block index>", "p<block index>" (a label line), "caption<line>"
    title: str
    parent: str = ""  # key of the enclosing section: sibling sections may merge into it
    parent_title: str = ""
    level: int = 0


@dataclass
class Part:
    """Entries from one table, definition list or run of titled paragraphs."""

    section: Section
    entries: list[RawEntry] = field(default_factory=list)
    prose: bool = False
    context: str = ""  # headings, caption and lead-in around a table
    line: int | None = None  # where a table starts
    group_status: int | None = None  # the status its group heading names (status pass)


@dataclass(frozen=True)
class Placed:
    """A namespace and the words of the headings above it (for the status pass)."""

    namespace: RawNamespace
    headings: str


def build_namespaces(parts: list[Part], warn: Warn, where: Where) -> list[Placed]:
    """Namespaces in page order, ids unique (``codes``, ``codes_2``), codes deduplicated."""
    groups: list[tuple[Section, list[RawEntry]]] = []
    for part in parts:
        if groups and groups[-1][0].key == part.section.key:
            if _compatible(groups[-1][1], part.entries):
                groups[-1][1].extend(part.entries)
                continue
        groups.append((part.section, list(part.entries)))
    used: set[str] = set()
    result: list[Placed] = []
    merged = _merge_repeats(_merge_siblings(groups), warn, where)
    for (section, entries), title in zip(merged, _titles([group[0] for group in merged])):
        base = "errors" if section.key == "page" else namespace_id(title)
        ns_id, suffix = base, 2
        while ns_id in used:
            ns_id, suffix = f"{base}_{suffix}", suffix + 1
        used.add(ns_id)
        kind = code_type(
            [entry.code for entry in entries] + [a for e in entries for a in e.aliases]
        )
        if kind == "string":
            for entry in entries:
                entry.code = str(entry.code)
                entry.aliases = [str(alias) for alias in entry.aliases]
        kept = _dedupe(ns_id, entries, warn, where)
        headings = f"{section.title} {section.parent_title}"
        result.append(Placed(RawNamespace(ns_id, title, kind, kept), headings))
    return result


def _merge_siblings(
    groups: list[tuple[Section, list[RawEntry]]],
) -> list[tuple[Section, list[RawEntry]]]:
    """Sibling sections (``General``, ``Validation`` under ``Error codes``) whose codes do
    not overlap are one code space: one namespace, named after their parent."""
    result: list[tuple[Section, list[RawEntry]]] = []
    index = 0
    while index < len(groups):
        section, entries = groups[index]
        entries = list(entries)
        end = index + 1
        while end < len(groups):
            other, more = groups[end]
            if not (_siblings(section, other) and _compatible(entries, more)):
                break
            entries.extend(more)
            end += 1
        if end > index + 1:
            section = Section(section.parent, section.parent_title)
        result.append((section, entries))
        index = end
    return result


def _merge_repeats(
    groups: list[tuple[Section, list[RawEntry]]], warn: Warn, where: Where
) -> list[tuple[Section, list[RawEntry]]]:
    """A section that repeats codes of an earlier one with the same messages (the error
    table printed again per endpoint, the same list printed twice) is that code space
    again: its new codes join the earlier one, its repeats are dropped (one warning)."""
    result: list[tuple[Section, list[RawEntry]]] = []
    for section, entries in groups:
        home = next(
            (
                group
                for group in result
                if not _parallel(group[0], section) and _repeats(group[1], entries)
            ),
            None,
        )
        if home is None:
            result.append((section, entries))
            continue
        known = _wire(home[1])
        fresh = [entry for entry in entries if entry.code not in known]
        repeated = len(entries) - len(fresh)
        warn(
            f"{where(_line(entries[0]))}: {repeated} code(s) under {section.title!r} repeat "
            f"those under {home[0].title!r} with the same messages; listed once"
            + (f", {len(fresh)} new code(s) joined them" if fresh else "")
        )
        home[1].extend(fresh)
    return result


def _repeats(first: list[RawEntry], second: list[RawEntry]) -> bool:
    """Most of the second's codes are the first's, each with the same message, and codes of
    one kind (two code spaces may share a ``0 Success``, not most of their codes)."""
    messages = {entry.code: _said(entry) for entry in first}
    shared = [entry for entry in second if entry.code in messages]
    return (
        len(shared) * 2 > len(second)
        and all(messages[entry.code] == _said(entry) for entry in shared)
        and code_type(sorted(_wire(first), key=str)) == code_type(sorted(_wire(second), key=str))
    )


def _parallel(first: Section, second: Section) -> bool:
    """Lists under headings of one title at one level, each under a heading of its own (the
    "Error responses" of every endpoint), are each that heading's own list: a code they
    share is listed in each, never merged away."""
    return (
        registry.on(PARALLEL_RULE)
        and first.key != "page"
        and first.parent != second.parent
        and first.level == second.level
        and _said_title(first.title) == _said_title(second.title)
    )


def _titles(sections: list[Section]) -> list[str]:
    """Each namespace's title: its section's, or, when parallel lists share that title (every
    endpoint's "Error responses"), the title of the heading each sits under."""
    titles = []
    for section in sections:
        shared = any(_parallel(other, section) for other in sections if other is not section)
        titles.append(section.parent_title if shared and section.parent_title else section.title)
    return titles


def _said_title(title: str) -> str:
    return " ".join(title.casefold().split())


def _said(entry: RawEntry) -> str:
    return " ".join(entry.message.lower().split())


def _siblings(first: Section, second: Section) -> bool:
    return (
        first.key != second.key
        and first.key != "page"
        and first.parent == second.parent
        and first.level == second.level
    )


def _wire(entries: list[RawEntry]) -> set[Code]:
    return {value for entry in entries for value in (entry.code, *entry.aliases)}


def _compatible(first: list[RawEntry], second: list[RawEntry]) -> bool:
    """Same kind of code (integers or not) and no wire value in common."""
    kinds = {
        code_type(sorted(_wire(first), key=str)),
        code_type(sorted(_wire(second), key=str)),
    }
    return len(kinds) == 1 and not _wire(first) & _wire(second)


def _line(entry: RawEntry) -> int | None:
    return entry.source.line if entry.source else None


def _dedupe(ns_id: str, entries: list[RawEntry], warn: Warn, where: Where) -> list[RawEntry]:
    """One entry per wire value: a repeated code drops its entry, a repeated alias itself."""
    seen: dict[Code, RawEntry] = {}
    kept: list[RawEntry] = []
    for entry in entries:
        clash = seen.get(entry.code)
        if clash is not None:
            kept_as = "kept the first"
            if _said(entry) != _said(clash) and entry.message not in (clash.description or ""):
                # the same code with another text: a variant the page gives, not noise
                variant = f"Also: {entry.message}"
                clash.description = (
                    f"{clash.description} {variant}" if clash.description else variant
                )
                kept_as = "kept the first, its text added to the first's description"
            warn(
                f"{where(_line(entry))}: duplicate code {entry.code!r} in namespace "
                f"{ns_id!r} (first at line {_line(clash) or '?'}); {kept_as}"
            )
            continue
        aliases: list[Code] = []
        for alias in entry.aliases:
            if alias == entry.code or alias in aliases:
                continue
            if alias in seen:
                warn(
                    f"{where(_line(entry))}: alias {alias!r} of {entry.code!r} is already "
                    f"a code of namespace {ns_id!r} (line {_line(seen[alias]) or '?'}); "
                    "alias left out"
                )
                continue
            aliases.append(alias)
        entry.aliases = aliases
        for value in (entry.code, *aliases):
            seen[value] = entry
        kept.append(entry)
    return kept


__all__ = ["Section", "Part", "Placed", "build_namespaces"]
