"""Low confidence says so: a decision won by a small margin is a guess, and the user can
settle it with a hint, so the warning names the candidate's line and that hint.

A margin is the winner's total evidence minus the runner-up's (``evidence.decide``).
"""

from __future__ import annotations

import shlex
from typing import Callable, Sequence

from generator.scrape.interpret.evidence import Reading
from generator.scrape.interpret.trace import Candidate

Warn = Callable[[str], None]
Where = Callable[[int | None], str]

# a lead smaller than this is less than one unit of evidence (the weight of the weakest
# single rule): the decision could go the other way on the next page of the same kind
LOW_MARGIN = 1.0


def unsure(margin: float | None) -> bool:
    """Whether a weighed decision was won by less than one unit of evidence."""
    return margin is not None and margin < LOW_MARGIN


def runner_up(readings: Sequence[Reading]) -> Reading | None:
    """The reading that came second (``decide`` keeps the readings in their given order)."""
    ranked = sorted(enumerate(readings), key=lambda pair: (-pair[1].score, pair[0]))
    return ranked[1][1] if len(ranked) > 1 else None


def section_hint(candidate: Candidate) -> str:
    return "--section " + shlex.quote(candidate.section)


def warn_unsure(
    candidate: Candidate, margin: float | None, what: str, hint: str, warn: Warn, where: Where
) -> None:
    """One warning for a decision won by a small margin, naming the hint that settles it."""
    if not unsure(margin):
        return
    assert margin is not None
    warn(
        f"{where(candidate.line)}: {candidate.kind} under {candidate.section!r}: {what} "
        f"by a small margin ({margin:g}); if that is wrong, settle it with {hint}"
    )


__all__ = ["LOW_MARGIN", "unsure", "runner_up", "section_hint", "warn_unsure"]
