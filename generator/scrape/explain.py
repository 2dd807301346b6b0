"""``scrape --explain``: what the interpreter saw on a page and why it kept or left out each
candidate, as text for people or JSON for tools.

The JSON keys are a documented interface (docs/scraping.md); a change to them bumps
``spectab_explain``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.scrape.interpret.trace import ENTRIES, Candidate, Trace

FORMAT_VERSION = 3


def kind_of(candidate: Candidate, fmt: str) -> str:
    """A plain-text page's definition lists are ``CODE - text`` lines, not markup."""
    if candidate.kind == "definition list" and fmt == "text":
        return "code-like lines"
    return candidate.kind


def to_json(trace: Trace) -> str:
    data: dict[str, Any] = {
        "spectab_explain": FORMAT_VERSION,
        "source": trace.source,
        "format": trace.format,
        "candidates": [
            {
                "kind": kind_of(candidate, trace.format),
                "line": candidate.line,
                "section": candidate.section,
                "size": candidate.size,
                "columns": [
                    {
                        "index": c.index,
                        "header": c.header,
                        "role": c.role,
                        "why": c.why,
                        "rule": c.rule,
                    }
                    for c in candidate.columns
                ],
                "outcome": candidate.outcome.replace(" ", "_"),
                "reason": candidate.reason,
                "rule": candidate.rule,
                "margin": _finite(candidate.margin),
                "by_hint": bool(candidate.overrode),
                "overrode": candidate.overrode or None,
                "readings": [
                    {
                        "label": reading.label,
                        "score": _finite(reading.score),
                        "evidence": [
                            {"rule": rule, "weight": weight, "note": note}
                            for rule, weight, note in reading.evidence
                        ],
                    }
                    for reading in candidate.readings
                ],
                "entries": len(candidate.entries),
                "kept": candidate.kept,
                "repeats": candidate.repeats,
                "namespaces": candidate.namespaces,
            }
            for candidate in trace.candidates
        ],
        "namespaces": [
            {"id": n.id, "title": n.title, "code_type": n.code_type, "entries": n.entries}
            for n in trace.namespaces
        ],
        "error": trace.error,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _finite(value: float | None) -> float | None:
    """JSON has no infinity: a margin with no runner-up is null."""
    if value is None or value in (float("inf"), float("-inf")):
        return None
    return round(value, 3)


def _size(size: dict[str, int]) -> str:
    return ", ".join(f"{count} {name if count != 1 else name[:-1]}" for name, count in size.items())


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _fate(candidate: Candidate) -> str:
    if candidate.outcome != ENTRIES:
        return f"{candidate.outcome}: {candidate.reason}"
    found = len(candidate.entries)
    where = ", ".join(candidate.namespaces) or "none"
    text = f"{_entries(candidate.kept)} in namespace {where} ({candidate.reason})"
    if candidate.repeats:
        text += f"; {candidate.repeats} of {found} repeat a code the spec has from elsewhere"
    if candidate.kept + candidate.repeats < found:
        text += f"; {found - candidate.kept - candidate.repeats} of {found} dropped (see warnings)"
    return text


def to_text(trace: Trace) -> str:
    lines = [f"{trace.source} ({trace.format}): {len(trace.candidates)} candidate(s)"]
    for candidate in trace.candidates:
        at = f"line {candidate.line}" if candidate.line else "line ?"
        under = f', under "{candidate.section}"' if candidate.section else ""
        lines.append("")
        lines.append(f"{kind_of(candidate, trace.format)}, {at}, {_size(candidate.size)}{under}")
        for column in candidate.columns:
            header = f'"{column.header}"' if column.header else "(no header)"
            role = column.role or "no role"
            by = f" [{column.rule}]" if column.rule else ""
            lines.append(f"  column {column.index} {header}: {role} ({column.why}){by}")
        for reading in candidate.readings:
            lines.append(f"  reading {reading.label!r}: {reading.score:+g}")
            for rule, weight, note in reading.evidence:
                lines.append(f"    {weight:+g} {rule}: {note}")
        lines.append(f"  -> {_fate(candidate)}")
        if candidate.rule:
            margin = candidate.margin
            lead = "" if margin is None or margin == float("inf") else f", margin {margin:g}"
            hint = " (by hint)" if candidate.overrode else ""
            lines.append(f"     decided by {candidate.rule}{hint}{lead}")
        if candidate.overrode:
            lines.append(f"     overrode: {candidate.overrode}")
    lines.append("")
    if trace.namespaces:
        lines.append("namespaces:")
        for n in trace.namespaces:
            lines.append(f'  {n.id} ("{n.title}"): {_entries(n.entries)}, {n.code_type} codes')
    if trace.error:
        lines.append(f"no spec: {trace.error}")
    return "\n".join(lines) + "\n"


__all__ = ["to_text", "to_json", "FORMAT_VERSION"]
