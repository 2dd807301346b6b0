"""Warnings a user can live with: each said once, known ones acknowledged, never lost.

A page read twice (snapshot and overrides, or several tables of one page) can say the same
thing twice; a warning a maintainer has looked at and accepted (``accept:`` in
providers.yaml) need not be read again on every run, and ``--quiet`` hides them all. What is
hidden is still counted in a closing line, so nothing turns into silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.lazyre import lazy
from generator.report import warn

_AT_LINE = lazy(r"(\S+?):(\d+): (.*)\Z", re.S)


@dataclass
class Notices:
    """Collects warnings: prints each new one at once, unless accepted or quiet."""

    quiet: bool = False
    seen: set[str] = field(default_factory=set)
    repeated: int = 0
    accepted: int = 0
    hidden: int = 0

    def sink(self, accept: list[str] | None = None) -> "Sink":
        """A ``warn`` callable for one provider; ``accept`` holds substrings it acknowledges."""
        return Sink(self, list(accept or []))

    def say(self, message: str, accept: list[str], used: set[str]) -> bool:
        """Whether ``message`` is to be shown (counting it when not)."""
        matched = {pattern for pattern in accept if pattern in message}
        used |= matched
        if message in self.seen:
            self.repeated += 1
            return False
        self.seen.add(message)
        if matched:
            self.accepted += 1
        elif self.quiet:
            self.hidden += 1
        else:
            return True
        return False

    def closing(self) -> str | None:
        """One line counting what was not shown, or None when everything was."""
        parts = []
        if self.repeated:
            parts.append(f"{self.repeated} repeated")
        if self.accepted:
            parts.append(f"{self.accepted} accepted in providers.yaml")
        if self.hidden:
            parts.append(f"{self.hidden} hidden by --quiet")
        if not parts:
            return None
        return f"spectab: warnings not shown: {', '.join(parts)}"


@dataclass
class Sink:
    notices: Notices
    accept: list[str]
    used: set[str] = field(default_factory=set)

    shown: list[str] = field(default_factory=list)

    def __call__(self, message: str) -> None:
        if self.notices.say(message, self.accept, self.used):
            self.shown.append(message)

    def flush(self) -> None:
        """Print what was collected; one warning at several lines of a file is one line."""
        groups: dict[tuple[str, str], list[str]] = {}
        for message in self.shown:
            match = _AT_LINE.match(message)
            key = (match.group(1), match.group(3)) if match else ("", message)
            groups.setdefault(key, []).append(match.group(2) if match else "")
        self.shown = []
        for (where, what), lines in groups.items():
            if not where:
                warn(what)
            elif len(lines) == 1:
                warn(f"{where}:{lines[0]}: {what}")
            else:
                also = "line" if len(lines) == 2 else "lines"
                warn(f"{where}:{lines[0]}: {what} (also at {also} {', '.join(lines[1:])})")

    def unused(self) -> list[str]:
        """Accepted patterns no warning matched: stale, like an override that matches nothing."""
        return [pattern for pattern in self.accept if pattern not in self.used]
