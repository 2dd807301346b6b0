"""What a deciding function concluded about a candidate, and why, in words for people.

``scrape --explain`` prints these reasons as they are: they come from the decisions the
interpreter takes, so the explanation cannot drift from what the scrape did.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.scrape.interpret.evidence import Reading


@dataclass(frozen=True)
class Verdict:
    """``kind`` is the decision (``error``, ``parameter``, ``envelope``, ``other`` ...)."""

    kind: str
    reason: str
    rule: str = ""  # the registered rule (rules.yaml) that decided it
    margin: float | None = None  # how far the winning reading led the next, when weighed
    readings: tuple[Reading, ...] = ()  # the readings weighed, for ``scrape --explain``
    overrode: str = ""  # the verdict a hint overrode (by_hint.py), in words


__all__ = ["Verdict"]
