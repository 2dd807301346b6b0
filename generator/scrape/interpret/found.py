"""What the segment walk hands to the later passes: the parts it kept, the trace of every
candidate it met, and the words around what it kept.

The later passes (context, typing, status, sections) read this record; the only thing they
change in it is a candidate's fate in the trace, through :meth:`Found.left_out`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.scrape.interpret import registry
from generator.scrape.interpret.by_hint import described
from generator.scrape.interpret.envelope import EnvelopeBuilder
from generator.scrape.interpret.hints import SECTION_RULE
from generator.scrape.interpret.sections import Part
from generator.scrape.interpret.trace import ENTRIES, Candidate, Trace


@dataclass
class Found:
    trace: Trace
    parts: list[Part] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # lead-ins, captions, headers kept
    headers_seen: list[str] = field(default_factory=list)
    message_column: bool = False  # a column headed as the messages an API sends back
    columns_fitted: int = 0  # tables the columns hint matched
    envelope: EnvelopeBuilder = field(default_factory=EnvelopeBuilder)
    candidate_of: dict[int, Candidate] = field(default_factory=dict)  # id(part) -> candidate
    # the rule (by_hint.py) of the hint that named a kept part: id(part) -> rule id
    hinted: dict[int, str] = field(default_factory=dict)
    section_hint: str = ""  # the section hint's lifting rule when one is given, else ""

    def keep(
        self, part: Part, candidate: Candidate, outside: str | None = None, hint: str = ""
    ) -> None:
        """Keep a part's entries, unless the section hint (``outside``: its text) puts it
        outside the chosen lists; ``hint`` is the rule of a hint that named the part (a
        part inside the section hint is named by it)."""
        if outside is not None:
            reason = f"not under a heading containing {outside!r} (hint)"
            candidate.leave_out(reason, SECTION_RULE)
            return
        candidate.outcome, candidate.entries = ENTRIES, part.entries
        self.candidate_of[id(part)] = candidate
        self.parts.append(part)
        if hint or self.section_hint:
            self.hinted[id(part)] = hint or self.section_hint

    def kept_by_hint(self, part: Part, reason: str, rule: str) -> bool:
        """Whether a hint named the part a later pass would leave out (``reason``,
        ``rule``); if so the trace says the hint kept it and what it overrode."""
        hint = self.hinted.get(id(part))
        if hint is None or not registry.on(hint):
            return False
        candidate = self.candidate_of.get(id(part))
        if candidate is not None:
            overrode = described("other", reason, rule)
            candidate.by_hint(hint, f"named by a hint ({candidate.reason})", overrode)
        return True

    def left_out(self, part: Part, reason: str, rule: str) -> None:
        """A later pass (the page's or the part's context) left a kept part out."""
        candidate = self.candidate_of.get(id(part))
        if candidate is not None:
            candidate.leave_out(reason, rule)

    def last_run(self) -> tuple[Part, Candidate] | None:
        """The last kept part and its candidate (a run of titles may grow it)."""
        if not self.parts:
            return None
        last = self.parts[-1]
        candidate = self.candidate_of.get(id(last))
        return (last, candidate) if candidate is not None else None


__all__ = ["Found"]
