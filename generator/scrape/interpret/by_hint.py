"""A hint is the user's word: where a hint names a list, the heuristics step aside.

A ``columns`` hint that names a table's code column keeps the table whatever the repeat,
enumeration or context checks say; a ``section`` hint lifts the error-context requirement
for the lists under its heading. Each is a registered rule (``rules.yaml``) whose weight
is above every heuristic's, so ``evidence.decide`` picks the hinted reading, and the
verdict keeps the one it overrode for ``scrape --explain``.
"""

from __future__ import annotations

from generator.scrape.interpret import registry
from generator.scrape.interpret.evidence import Evidence, Reading, cite, decide
from generator.scrape.interpret.verdict import Verdict

# the rules (rules.yaml) of the hints that decide
COLUMNS_RULE = "hints.columns_keep_table"
SECTION_LIFT_RULE = "hints.section_lifts_context"
CODE_TYPE_RULE = "hints.code_type_wins"
# the verdicts that only ask whether the words around a table name errors: the section
# hint says which heading holds the error list, so these step aside under it
CONTEXT_VERDICTS = frozenset(
    {"tables.vague_code_header_needs_context", "tables.zero_based_enumeration_needs_error_words"}
)
# what a verdict that kept nothing is called in --explain
LEFT_OUT = "left out"


def described(kind: str, reason: str, rule: str) -> str:
    """A verdict in words, as ``--explain`` says what a hint overrode."""
    fate = "kept" if kind == "error" else LEFT_OUT
    by = f" [{rule}]" if rule else ""
    return f"{fate}: {reason}{by}"


def overrule(verdict: Verdict, rule_id: str, note: str) -> Verdict:
    """The verdict with the hint's evidence for the ``error`` reading weighed in: the
    hinted reading when the hint's rule is on (its weight tops every heuristic), else the
    verdict as it was."""
    if verdict.kind == "error" or not registry.on(rule_id):
        return verdict
    readings = [Reading(r.label, list(r.evidence), r.payload) for r in verdict.readings]
    if not readings:  # a verdict that was not weighed: its rule spoke against the list
        weight = max(registry.rule(verdict.rule).weight, 1.0) if verdict.rule else 1.0
        against = [Evidence(verdict.rule, weight, verdict.reason)] if verdict.rule else []
        readings = [Reading(verdict.kind, against), Reading("error")]
    error = next((r for r in readings if r.label == "error"), None)
    if error is None:
        error = Reading("error")
        readings.append(error)
    error.evidence += cite(rule_id, note)
    decision = decide(readings)
    if decision.best.label != "error":
        return verdict
    return Verdict(
        "error",
        note,
        rule_id,
        decision.margin,
        decision.readings,
        overrode=described(verdict.kind, verdict.reason, verdict.rule),
    )


def table_verdict(verdict: Verdict, code_hinted: str | None, in_section: bool) -> Verdict:
    """A table's verdict after the hints: ``code_hinted`` is the code column the columns
    hint named on this table (its header or number), ``in_section`` whether the section
    hint covers it."""
    if code_hinted is not None:
        note = f"the columns hint names the code column ({code_hinted})"
        return overrule(verdict, COLUMNS_RULE, note)
    if in_section and verdict.rule in CONTEXT_VERDICTS:
        note = "the section hint names its heading: the words around it need not say errors"
        return overrule(verdict, SECTION_LIFT_RULE, note)
    return verdict


def lifted_definitions(verdict: Verdict, lifted: Verdict) -> Verdict:
    """A definition list's verdict when the section hint covers it: ``lifted`` is the
    verdict read as if its heading named errors."""
    if verdict.kind == "error" or lifted.kind != "error":
        return verdict
    note = f"the section hint names its heading ({lifted.reason})"
    return overrule(verdict, SECTION_LIFT_RULE, note)


__all__ = [
    "COLUMNS_RULE",
    "SECTION_LIFT_RULE",
    "CODE_TYPE_RULE",
    "described",
    "overrule",
    "table_verdict",
    "lifted_definitions",
]
