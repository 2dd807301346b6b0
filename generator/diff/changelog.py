"""specs/CHANGELOG.md: what each refresh changed, newest first, dated by the page snapshot.

A section's label comes from the snapshot (its sha256, and a date if providers.yaml or the
page itself gives one), never from the clock: the same snapshot gives the same bytes on every
machine, and a rerun that changes no spec writes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.diff.changes import Change
from generator.diff.formats import markdown_table, md_cell, summary_line
from generator.spec.model import Spec
from generator.spec.yamlio import decode_utf8, read_bytes

FILE_NAME = "CHANGELOG.md"
HEADER = (
    "# Changes to the specs\n"
    "\n"
    "Written by `spectab refresh`, newest first. Each section is labelled by the page snapshot\n"
    "it was scraped from (the snapshot's sha256, and its date when `providers.yaml` or the page\n"
    "gives one), never by the clock. Severities: see `docs/diff.md`.\n"
)

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE = (
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    rf"|{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]{3,9})\.?,?\s+(?P<year2>\d{4}))"
)
# "Last updated: March 4, 2024", "Updated 2024-03-04", <meta ... modified_time" content="2024-…
_PAGE_DATE = re.compile(
    r"\b(?:last[\s_-]*)?(?:updated|modified|revised|edited)(?:[\s_-]*(?:time|at|on|date))?"
    r"[^0-9A-Za-z]{0,12}(?:content=[\"'])?" + _DATE,
    re.IGNORECASE,
)


def page_date(text: str) -> str | None:
    """The first "updated/modified <date>" the page states, as YYYY-MM-DD, if any."""
    for match in _PAGE_DATE.finditer(text):
        if match["iso"]:
            year, month, day = (int(part) for part in match["iso"].split("-"))
        else:
            name = (match["month"] or match["month2"]).lower()
            if name not in _MONTHS:
                continue
            month = _MONTHS[name]
            day = int(match["day"] or match["day2"])
            year = int(match["year"] or match["year2"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def snapshot_label(spec: Spec, date: str | None) -> str:
    """``snapshot 1a2b3c4d5e6f, 2024-03-04``: from the page's bytes, not from the clock."""
    digest = spec.source.sha256[:12] if spec.source else "unknown"
    return f"snapshot {digest}, {date}" if date else f"snapshot {digest}"


def section(provider_id: str, label: str, changes: list[Change], other: list[str]) -> str:
    """One provider's section: heading, summary, table of changes, other differences."""
    parts = [f"## {md_cell(provider_id)}: {md_cell(label)}\n"]
    if changes:
        parts.append(f"{summary_line(changes)}\n")
        parts.append(markdown_table(changes))
    else:
        parts.append("No change to the error entries.\n")
    if other:
        parts.append("Also changed: " + ", ".join(md_cell(item) for item in other) + ".\n")
    return "\n".join(parts)


def prepended(path: Path, sections: list[str]) -> str | None:
    """The changelog with ``sections`` above the existing ones (after the header); None when
    there is nothing to add. Only reads: the caller writes it together with the specs."""
    if not sections:
        return None
    block = "\n".join(sections)
    if not path.exists():
        return HEADER + "\n" + block
    text = decode_utf8(path, read_bytes(path))
    first = re.search(r"^## ", text, re.MULTILINE)
    if first is None:
        head, rest = text.rstrip("\n") + "\n", ""
    else:
        head, rest = text[: first.start()], text[first.start() :]
    head = head if head.endswith("\n\n") else head.rstrip("\n") + "\n\n"
    return head + block + ("\n" + rest if rest else "")


def prepend(path: Path, sections: list[str]) -> None:
    """``prepended`` written in place (refresh writes it together with the specs instead)."""
    from generator.files import write_atomic

    text = prepended(path, sections)
    if text is not None:
        write_atomic(path, text)
