"""The one HTTP-status pass: an entry's own status, then its group heading's, then its
section heading's, then (for a namespace with none) its code when the codes are statuses."""

from __future__ import annotations

from generator.scrape.interpret import registry
from generator.scrape.interpret.sections import Part, Placed, Section
from generator.scrape.interpret.status_pass import entry_statuses, namespace_statuses
from generator.spec.model import RawEntry, RawNamespace


def part(group_status: int | None = None, own: int | None = None) -> Part:
    section = Section("h1", "HTTP status code 400", "page", "Errors", 2)
    entries = [RawEntry(code="E1", message="Bad"), RawEntry(code="E2", message="Worse")]
    entries[1].http_status = own
    return Part(section, entries, group_status=group_status)


def test_the_entrys_own_status_wins_then_the_group_then_the_section():
    grouped = part(group_status=404, own=409)
    entry_statuses([grouped])
    assert [entry.http_status for entry in grouped.entries] == [404, 409]
    plain = part()
    entry_statuses([plain])
    assert [entry.http_status for entry in plain.entries] == [400, 400]


def test_each_source_is_a_rule_that_can_be_turned_off():
    with registry.disabled("status.group_heading"):
        grouped = part(group_status=404)
        entry_statuses([grouped])
    assert [entry.http_status for entry in grouped.entries] == [400, 400]
    with registry.disabled("status.group_heading", "status.section_heading"):
        bare = part(group_status=404)
        entry_statuses([bare])
    assert [entry.http_status for entry in bare.entries] == [None, None]


def test_a_namespace_of_statuses_takes_its_codes_only_when_none_has_a_status():
    phrases = [
        RawEntry(code=404, message="Not Found"),
        RawEntry(code=429, message="Too Many Requests"),
    ]
    namespace_statuses([Placed(RawNamespace("errors", "Errors", "integer", phrases), "")])
    assert [entry.http_status for entry in phrases] == [404, 429]
    mixed = [
        RawEntry(code=404, message="Not Found"),
        RawEntry(code=429, message="Too Many Requests"),
    ]
    mixed[0].http_status = 400
    namespace_statuses([Placed(RawNamespace("errors", "Errors", "integer", mixed), "")])
    assert [entry.http_status for entry in mixed] == [400, None]
