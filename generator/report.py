"""Warnings go to stderr, always: a truncated row or a stale override is never swallowed."""

from __future__ import annotations

import sys


def warn(message: str) -> None:
    print(f"spectab: warning: {message}", file=sys.stderr)
