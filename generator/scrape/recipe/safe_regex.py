"""Regular expressions from the user, run on untrusted page text without hanging.

Three limits: a pattern is short and has no repeat inside a repeat, no alternation inside
an unbounded repeat and no back-reference (the shapes that backtrack exponentially); the
text it runs on is cut to a bound; and, in the main thread, the searches of one recipe
share a time budget (CPython's matcher checks for signals, so an alarm stops it).
"""

from __future__ import annotations

import importlib
import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

from generator.errors import InputError

MAX_PATTERN = 500  # characters of one pattern; a field pattern is a line, not a program
MAX_TEXT = 20_000  # characters of one entry's text a pattern looks at
BUDGET_SECONDS = 2.0  # seconds all the searches of one recipe may take together

# re's own parser (typeshed has no stubs for it): opcodes of the parsed pattern
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")
_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}
_UNBOUNDED = _constants.MAXREPEAT
_BACKREFS = {_constants.GROUPREF, _constants.GROUPREF_EXISTS}


class RegexTimeout(Exception):
    """The recipe's searches took longer than their budget."""


def compile_safe(pattern: str, what: str) -> re.Pattern[str]:
    """``pattern`` compiled, or an InputError saying why ``what`` (the hint) is refused."""
    if len(pattern) > MAX_PATTERN:
        raise InputError(f"{what}: pattern of {len(pattern)} characters; at most {MAX_PATTERN}")
    try:
        compiled = re.compile(pattern)
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise InputError(f"{what}: not a regular expression ({exc})") from None
    if compiled.groups > 1:
        raise InputError(
            f"{what}: one group (...) says where the value is; found {compiled.groups}"
        )
    problem = _hazard(list(parsed), inside_unbounded=False)
    if problem:
        raise InputError(f"{what}: refused, {problem} can take exponential time on some text")
    return compiled


def _hazard(items: list[Any], inside_unbounded: bool) -> str | None:
    """The first construct of a parsed pattern that backtracks without bound, or None."""
    for op, arg in items:
        if op in _BACKREFS:
            return "a back-reference"
        if op in _REPEATS:
            low, high, body = arg
            if inside_unbounded and high > 1:
                return "a repeat inside a repeat"
            nested = _hazard(list(body), inside_unbounded or high == _UNBOUNDED)
            if nested:
                return nested
            continue
        if op == _constants.BRANCH:
            if inside_unbounded:
                return "an alternation inside a repeat"
            for branch in arg[1]:
                found = _hazard(list(branch), inside_unbounded)
                if found:
                    return found
        elif op == _constants.SUBPATTERN:
            found = _hazard(list(arg[-1]), inside_unbounded)
            if found:
                return found
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            found = _hazard(list(arg[1]), inside_unbounded)
            if found:
                return found
    return None


# seconds left to the searches of the recipe being read (innermost last); empty outside one
_left: list[float] = []


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search`` on at most MAX_TEXT characters of ``text``; inside ``budget``,
    stopped by an alarm once the recipe's searches together have used the budget."""
    text = text[:MAX_TEXT]
    if not _left:
        return pattern.search(text)
    if _left[-1] <= 0:
        raise RegexTimeout()
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, _left[-1])
    try:
        return pattern.search(text)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _left[-1] -= time.perf_counter() - start


@contextmanager
def budget(seconds: float = BUDGET_SECONDS) -> Iterator[None]:
    """Give the searches in the block ``seconds`` in all (the time reading the page is not
    counted); main thread only, and only when no other interval timer is running:
    elsewhere the size limits hold."""
    usable = (
        threading.current_thread() is threading.main_thread()
        and hasattr(signal, "setitimer")
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise RegexTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    _left.append(seconds)
    try:
        yield
    finally:
        _left.pop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


__all__ = ["compile_safe", "search", "budget", "RegexTimeout", "MAX_TEXT", "BUDGET_SECONDS"]
