"""Weighed evidence and the one place a candidate's reading is decided.

A rule that has something to say about a reading cites itself (``cite``): its registered
weight, scaled by how strongly it applies, and a note in words. ``decide`` takes the
reading with the highest total, says by how much it beat the next one, and names the rule
that carried it, so ``--explain`` and a contributor can see which rule to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.scrape.interpret import registry


@dataclass(frozen=True)
class Evidence:
    rule: str
    weight: float
    note: str


def cite(rule_id: str, note: str, scale: float = 1.0) -> list[Evidence]:
    """The rule's evidence (a list, empty when the rule is turned off, so callers extend)."""
    if not registry.on(rule_id):
        return []
    return [Evidence(rule_id, registry.rule(rule_id).weight * scale, note)]


@dataclass
class Reading:
    """One way to read a candidate (``error list``, ``not errors``, a role assignment)."""

    label: str
    evidence: list[Evidence] = field(default_factory=list)
    payload: object = None  # what extraction needs when this reading wins

    @property
    def score(self) -> float:
        return sum(item.weight for item in self.evidence)


@dataclass(frozen=True)
class Decision:
    best: Reading
    margin: float  # the best score minus the runner-up's (inf when there is no runner-up)
    rule: str  # the rule that carried the decision
    readings: tuple[Reading, ...]


def deciding_rule(best: Reading, others: list[Reading]) -> str:
    """The winner's strongest evidence for it, else the strongest against the runner-up."""
    if best.evidence:
        return max(best.evidence, key=lambda item: item.weight).rule
    against = [item for other in others for item in other.evidence]
    return min(against, key=lambda item: item.weight).rule if against else ""


def decide(readings: list[Reading]) -> Decision:
    """The best reading; ties go to the reading listed first (callers list the cautious one
    first, e.g. "not an error list")."""
    if not readings:
        raise ValueError("decide() needs at least one reading")
    ranked = sorted(enumerate(readings), key=lambda pair: (-pair[1].score, pair[0]))
    best = ranked[0][1]
    others = [reading for _, reading in ranked[1:]]
    margin = best.score - others[0].score if others else float("inf")
    return Decision(best, margin, deciding_rule(best, others), tuple(readings))


__all__ = ["Evidence", "Reading", "Decision", "cite", "decide", "deciding_rule"]
