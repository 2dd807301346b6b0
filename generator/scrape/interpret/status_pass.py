"""The one HTTP-status pass: every entry's status, from the strongest source down.

An entry's status can come from several places; they are tried in one order here, the
``weight`` of each row in ``rules.yaml`` (pass ``status``) being its precedence, lower first,
and the first that gives a status wins:

0. the entry's own: its HTTP-status column, its code under an "HTTP" header or heading, its
   table read as a status list, a title such as ``404 (Not Found)``: set at extraction
   (tables, prose), never overwritten;
1. ``status.group_heading``: the error-title heading its table sits under ("404 - Not found
   errors" with a table of codes under it);
2. ``status.section_heading``: the heading of its section or the one above that ("HTTP
   status code 400");
3-5. ``statuses.status_words``, ``statuses.registered_spread``, ``statuses.reason_phrases``:
   a namespace with no status at all whose codes are statuses gives each entry its code.
"""

from __future__ import annotations

from generator.spec.model import RawEntry
from generator.scrape.interpret import registry
from generator.scrape.interpret.sections import Part, Placed
from generator.scrape.interpret.statuses import codes_are_statuses, heading_status


def entry_statuses(parts: list[Part]) -> None:
    """Statuses an entry takes from where it sits (group heading, section heading)."""
    for part in parts:
        for rule_id, status in _placed_statuses(part):
            if status is None or not registry.on(rule_id):
                continue
            for entry in part.entries:
                if entry.http_status is None:
                    entry.http_status = status


def _placed_statuses(part: Part) -> list[tuple[str, int | None]]:
    """The part's sources, in precedence order (the registry's weights)."""
    section = part.section
    sources = [
        ("status.group_heading", part.group_status),
        (
            "status.section_heading",
            heading_status(section.title) or heading_status(section.parent_title),
        ),
    ]
    return sorted(sources, key=lambda pair: registry.rule(pair[0]).weight)


def namespace_statuses(placed: list[Placed]) -> None:
    """A namespace of HTTP statuses however the page lists them (table, definition list, a
    heading per code): when none of its entries has a status, each takes its code."""
    for item in placed:
        entries = item.namespace.entries
        if all(entry.http_status is None for entry in entries) and codes_are_statuses(
            [entry.code for entry in entries], [entry.message for entry in entries], item.headings
        ):
            for entry in entries:
                entry.http_status = int(entry.code)


def has_status(part: Part, entry: RawEntry) -> bool:
    """Whether the entry has a status of its own or from its group heading (read before the
    status pass, by the "page says errors" check)."""
    return entry.http_status is not None or part.group_status is not None


__all__ = ["entry_statuses", "namespace_statuses", "has_status"]
