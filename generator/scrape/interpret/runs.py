"""Runs of error titles (headings or titled paragraphs, each naming one error): the entry
being collected, and what becomes of it when the next title, table or heading closes it.

Consecutive titles of one section are one candidate and one part (a repeated title is then
a duplicate of that list); text that reads like an error of its own but has no title is
reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.spec.model import RawEntry
from generator.scrape.interpret import registry
from generator.scrape.interpret.entries import ProseEntry
from generator.scrape.interpret.found import Found
from generator.scrape.interpret.sections import Part, Section
from generator.scrape.interpret.trace import LEFT_OUT, Candidate

Warn = Callable[[str], None]
Where = Callable[[int | None], str]

# the rules (rules.yaml) that decide a run of titles and a title-less entry
TITLES_RULE = "decide.titles_name_errors"
UNTITLED_RULE = "decide.untitled_text_is_reported"


@dataclass
class OpenRun:
    """The entry being collected and where it sits."""

    entry: ProseEntry
    section: Section
    context: str  # the lead-in of the run
    around: str  # the heading above the section (the page's own title at the top)
    kind: str = "titled paragraphs"  # or "headings"
    outside: str | None = None  # the section hint's text, when the run is outside it
    heading: bool = False  # a heading opened the entry


def close(run: OpenRun | None, found: Found, warn: Warn, where: Where) -> None:
    """The run's entry is complete: add it to the run's part, or start a part."""
    if run is None:
        return
    if run.entry.title is None:
        _untitled(run, found, warn, where)
        return
    raw = run.entry.entry()
    if raw is None:
        return
    last = found.last_run()
    if (
        last is not None
        and run.outside is None
        and last[0].prose
        and last[0].section.key == run.section.key
    ):
        last[0].entries.append(raw)  # one part per run, so a repeated title is a duplicate
        last[1].size["titles"] += 1
        return
    previous = found.trace.candidates[-1] if found.trace.candidates else None
    if (
        run.outside is not None
        and previous is not None
        and previous.kind == run.kind
        and previous.section == run.section.title
        and previous.outcome == LEFT_OUT
    ):
        previous.size["titles"] += 1  # the same run, outside the hinted section
        return
    _first_of_run(run, raw, found)


def _first_of_run(run: OpenRun, raw: RawEntry, found: Found) -> None:
    candidate = found.trace.add(
        Candidate(
            run.kind,
            run.entry.line,
            run.section.title,
            {"titles": 1},
            reason=f"titles that each name one error, the first code {raw.code!r}",
            rule=(run.entry.title.rule if run.entry.title is not None else "") or TITLES_RULE,
        )
    )
    if not registry.on(TITLES_RULE):
        candidate.leave_out("runs of titles are not read as errors (rule off)", TITLES_RULE)
        return
    around = f"{run.section.title} {run.context} {run.around}"
    found.keep(Part(run.section, [raw], True, around, run.entry.line), candidate, run.outside)


def _untitled(run: OpenRun, found: Found, warn: Warn, where: Where) -> None:
    """Text that reads like an error of its own, with no title: said, never guessed."""
    if not registry.on(UNTITLED_RULE):
        return
    entry = run.entry
    snippet = entry.paragraphs[0][:60] if entry.paragraphs else ""
    warn(
        f"{where(entry.line)}: text that reads like an error of its own has no "
        f"title (lost from the page?): {snippet!r}...; left out: restore it with an "
        f"'add' override"
    )
    found.trace.add(
        Candidate(
            "untitled text",
            entry.line,
            run.section.title,
            {"paragraphs": len(entry.paragraphs)},
            reason="reads like an error of its own but has no title (lost from the page?)",
            rule=UNTITLED_RULE,
        )
    )


__all__ = ["OpenRun", "close", "TITLES_RULE", "UNTITLED_RULE"]
