"""A line per finished item of long work (``refresh`` over many providers, ``--live``).

On a terminal the line is one bar redrawn in place; where nobody watches a cursor (a pipe,
a log file, CI) each item gets a plain line of its own, so a log shows what finished when.
Progress goes to stderr and says nothing the summary lines after it do not also say.
"""

from __future__ import annotations

import os
from typing import TextIO

BAR_WIDTH = 24  # characters of the bar between its brackets


def redraws(stream: TextIO) -> bool:
    """Whether to redraw one bar: a terminal that is not a CI log nor a dumb terminal."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return False
    return not os.environ.get("CI") and os.environ.get("TERM", "") != "dumb"


class Progress:
    """Counts finished items out of ``total`` and says each one as it finishes."""

    def __init__(self, total: int, stream: TextIO, label: str = "refresh") -> None:
        self.total = total
        self.stream = stream
        self.label = label
        self.done = 0
        self.bar = redraws(stream)

    def finished(self, name: str, outcome: str) -> None:
        """One item is done: ``outcome`` is a few words (``12 entries, changed``)."""
        self.done += 1
        if not self.bar:
            self.stream.write(f"{self.label}: [{self.done}/{self.total}] {name}: {outcome}\n")
        else:
            filled = BAR_WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K{self.label} [{bar}] {self.done}/{self.total} {name}")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar, so what is printed next starts on a clean line."""
        if self.bar and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
