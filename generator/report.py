"""Warnings go to stderr, always: a truncated row or a stale override is never swallowed.

Messages quote page text, and a page is untrusted: control characters in them are shown
escaped, so no terminal escape sequence a page carries reaches the user's terminal."""

from __future__ import annotations

import re
import sys

# C0 and C1 controls but newline, DEL, and the invisible bidi/format controls that can make
# a line read differently from what it holds
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """``message`` with every control character but newline written as an escape."""
    return _CONTROL.sub(lambda match: ascii(match.group())[1:-1], message)


def warn(message: str) -> None:
    print(f"spectab: warning: {printable(message)}", file=sys.stderr)
