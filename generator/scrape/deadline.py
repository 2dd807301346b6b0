"""Total time limits: one per fetch, one per ``refresh --live`` run.

A socket timeout bounds each read, not the whole answer: a server that sends one byte a
second never trips it. So every fetch runs under a :class:`Deadline` whose watchdog shuts
down the fetch's sockets when the time is up, which wakes any read blocked on them. Only
the standard library here: it is imported before we know whether HTTP is needed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from types import TracebackType

from generator.errors import InputError

FETCH_LIMIT = 60.0  # seconds for one page, redirects and retries included
RUN_LIMIT = 600.0  # seconds for every fetch of one ``refresh --live`` run
FETCH_ENV = "SPECTAB_FETCH_TIMEOUT"
RUN_ENV = "SPECTAB_RUN_TIMEOUT"

_current: ContextVar[Deadline | None] = ContextVar("spectab_fetch_deadline", default=None)
_run_end: ContextVar[tuple[float, float] | None] = ContextVar("spectab_run_end", default=None)


def seconds_from_env(name: str, default: float) -> float:
    """A positive number of seconds from ``$name``; a bad value is one clear line."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise InputError(f"${name}: {raw[:40]!r} is not a positive number of seconds")
    return value


@contextlib.contextmanager
def run_limit(seconds: float | None = None) -> Iterator[None]:
    """Every fetch inside shares one total budget (``$SPECTAB_RUN_TIMEOUT``, default 600 s)."""
    limit = seconds if seconds is not None else seconds_from_env(RUN_ENV, RUN_LIMIT)
    token = _run_end.set((time.monotonic() + limit, limit))
    try:
        yield
    finally:
        _run_end.reset(token)


class Deadline:
    """The time left for one fetch; closes the sockets it watches once that is spent."""

    def __init__(self, seconds: float) -> None:
        self.limit = seconds
        self.reason = f"timed out after {seconds:g}s"
        run = _run_end.get()
        self.end = time.monotonic() + seconds
        if run is not None and run[0] < self.end:
            self.end = run[0]
            self.reason = f"the run's total time limit of {run[1]:g}s (${RUN_ENV}) is spent"
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def check(self, location: str) -> None:
        """Raise the timeout as one line if the time is up (or the watchdog fired)."""
        if self.expired or self.remaining() <= 0:
            raise InputError(f"{location}: {self.reason}")

    def watch(self, sock: socket.socket) -> None:
        """Watch a duplicate: TLS wrapping detaches the original, the connection stays."""
        with self._lock:
            try:
                copy = sock.dup()
            except OSError:
                return
            self._sockets.append(copy)
            if self.expired:
                _shut(copy)

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> Deadline:
        self._timer = threading.Timer(self.remaining(), self._fire)
        self._timer.daemon = True
        self._timer.start()
        self._token = _current.set(self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        _current.reset(self._token)
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def current() -> Deadline | None:
    """The deadline of the fetch running in this context, if any."""
    return _current.get()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to wake
