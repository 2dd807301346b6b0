"""Each invariant of tests/invariants.py catches what it is there to catch, and stays quiet
on a page read right (so a clean corpus record means something)."""

from __future__ import annotations

from generator.scrape.document import Heading, Page, Paragraph, Table
from generator.scrape.interpret.trace import ENTRIES, Candidate, Trace
from generator.spec.model import RawEntry, RawNamespace, RawSpec, Provider, SourceRef
from tests.invariants import (
    codes_on_page,
    codes_typed_as_written,
    entries_from_kept_candidates,
    messages_from_own_block,
    violations,
)


def _page() -> Page:
    rows = [["007", "Token expired"], ["0x1A", "Quota exhausted"], ["ERR_BUSY", "Device busy"],
            ["1200", "Signature mismatch"]]
    return Page([Heading("Errors", 2, 1), Paragraph("Codes below.", 2),
                 Table(["Code", "Message"], rows, [4, 5, 6, 40], 3)])


def _spec(*items: tuple[int | str, str, int]) -> RawSpec:
    entries = [RawEntry(code, message, source=SourceRef(line=line)) for code, message, line in items]
    return RawSpec(Provider("p", "p"), [RawNamespace("errors", "Errors", "string", entries)])


def _kept(raw: RawSpec) -> Trace:
    candidate = Candidate("table", 3, "Errors", outcome=ENTRIES)
    candidate.entries = [e for ns in raw.namespaces for e in ns.entries]
    return Trace([candidate])


GOOD = (("007", "Token expired", 4), ("0x1A", "Quota exhausted", 5), ("ERR_BUSY", "Device busy", 6))


def test_a_right_reading_violates_nothing() -> None:
    raw = _spec(*GOOD)
    assert violations(raw, _kept(raw), _page()) == []


def test_a_code_inside_a_longer_token_is_not_on_the_page() -> None:
    assert codes_on_page(_spec(("ERR", "Device busy", 6), ("120", "x", 40)), _page()) == [
        "'ERR': not on the page as a whole token", "'120': not on the page as a whole token"]
    assert codes_on_page(_spec(("ERR_BUSY", "Device busy", 6), (1200, "x", 40)), _page()) == []


def test_leading_zero_and_hex_codes_read_as_integers_are_mistyped() -> None:
    found = codes_typed_as_written(_spec((7, "Token expired", 4), (26, "Quota exhausted", 5)), _page())
    assert found == ["7: an integer, but the page writes '007'", "26: an integer, but the page writes '0x1A'"]


def test_an_entry_from_a_left_out_candidate_is_caught() -> None:
    raw = _spec(*GOOD)
    trace = _kept(raw)
    trace.candidates[0].outcome = "left out"
    assert len(entries_from_kept_candidates(raw, trace)) == 3


def test_a_message_from_another_row_is_caught() -> None:
    found = messages_from_own_block(_spec(("007", "Signature mismatch", 4)), _page())
    assert found == ["'007': message words not near line 4"]
