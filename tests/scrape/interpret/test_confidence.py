"""Low confidence says so: a decision won by a small margin warns once, naming the
candidate's line and the hint that settles it."""

from __future__ import annotations

from generator.scrape.interpret import lists
from generator.scrape.interpret.confidence import LOW_MARGIN, unsure, warn_unsure
from generator.scrape.interpret.evidence import Evidence, Reading
from generator.scrape.interpret.trace import Candidate


def where(line: int | None) -> str:
    return f"page.md:{line}"


def test_only_a_small_finite_margin_is_unsure():
    assert unsure(LOW_MARGIN / 2) and unsure(0.0)
    assert not unsure(LOW_MARGIN) and not unsure(float("inf")) and not unsure(None)


def test_the_warning_names_the_line_and_the_hint():
    warnings: list[str] = []
    candidate = Candidate("table", 12, "Error codes")
    warn_unsure(
        candidate, 0.5, "chose its code column", "--columns code=Number", warnings.append, where
    )
    warn_unsure(
        candidate, 3.0, "chose its code column", "--columns code=Number", warnings.append, where
    )
    assert warnings == [
        "page.md:12: table under 'Error codes': chose its code column by a small margin (0.5); "
        "if that is wrong, settle it with --columns code=Number"
    ]


def test_a_close_verdict_warns_only_when_the_runner_up_had_evidence():
    from generator.scrape.interpret.verdict import Verdict

    candidate = Candidate("table", 7, "Limits")
    contested = [
        Reading("error list", [Evidence("decide.table_lists_errors", 1.0, "codes")]),
        Reading("not errors", [Evidence("decide.table_lists_errors", 0.5, "vague header")]),
    ]
    bare = [Reading("not errors"), Reading("error list")]
    warnings: list[str] = []
    for readings in (contested, bare):
        verdict = Verdict("error", "2 of 2 codes", "decide.table_lists_errors", 0.5)
        object.__setattr__(verdict, "readings", tuple(readings))  # as weighing deciders give
        lists.verdict_confidence(verdict, candidate, warnings.append, where)
    assert warnings == [
        "page.md:7: table under 'Limits': kept (2 of 2 codes) by a small margin (0.5); "
        "if that is wrong, settle it with --section Limits"
    ]
