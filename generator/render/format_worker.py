"""black in a forked helper process, so its import and its work overlap the other targets.

A cold run of one spec spends half its time in black: 60 ms importing it, then formatting
the Python module. Started first, a forked child imports black while the parent loads the
spec and renders the Python template; it then formats that text while the parent renders
TypeScript, OpenAPI and Markdown. On a machine with one CPU, or without ``os.fork``, or if
the child fails in any way, formatting simply happens in this process:
the worker only ever changes when the work is done, never what it produces.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import IO, Callable

from generator.errors import InputError
from generator.render.black_style import black_format


class FormatWorker:
    """One forked child serving format requests in order, over a pair of pipes."""

    def __init__(self, pid: int, requests: IO[bytes], replies: IO[bytes]) -> None:
        self.pid = pid
        self.requests = requests
        self.replies = replies
        self.broken = False

    @classmethod
    def start(cls) -> FormatWorker | None:
        """A running worker, or ``None`` where one would not help (one CPU, no fork)."""
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            detach(parent)
            os.close(request_write)
            os.close(reply_read)
            _serve(os.fdopen(request_read, "rb"), os.fdopen(reply_write, "wb"))
        os.close(request_read)
        os.close(reply_write)
        return cls(pid, os.fdopen(request_write, "wb"), os.fdopen(reply_read, "rb"))

    def submit(self, text: str, subject: str) -> Callable[[], str]:
        """Send ``text`` now; the returned function waits for and returns the result.
        Results must be collected in the order they were submitted."""
        if self.broken:
            return lambda: black_format(text, subject)
        try:
            pickle.dump((text, subject), self.requests)
            self.requests.flush()
        except OSError:
            self.broken = True
            return lambda: black_format(text, subject)
        return lambda: self._reply(text, subject)

    def _reply(self, text: str, subject: str) -> str:
        try:
            status, value = pickle.load(self.replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.broken = True
            status, value = "failed", ""
        if status == "ok":
            return str(value)
        if status == "input":
            raise InputError(value)
        return black_format(text, subject)  # anything unexpected: do it here, to see it

    def close(self) -> None:
        for stream in (self.requests, self.replies):
            try:
                stream.close()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # already reaped
            pass


def detach(parent: int) -> None:
    """Die with the parent (a killed ``spectab`` must not leave black running), and let go
    of its stdin/stdout, so a pipe reading spectab's output ends when spectab does."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, 9)  # SIGKILL
    except (AttributeError, OSError):  # not Linux: the closed pipe still ends the loop
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)


def _serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The child's loop: import black at once, then answer until the parent hangs up."""
    code = 0
    try:
        import black  # noqa: F401  (the point: imported while the parent works)

        while True:
            try:
                text, subject = pickle.load(requests)
            except EOFError:
                break
            try:
                reply: tuple[str, str] = ("ok", black_format(text, subject))
            except InputError as exc:
                reply = ("input", str(exc))
            except Exception as exc:  # the parent redoes it in-process and reports it
                reply = ("failed", repr(exc))
            pickle.dump(reply, replies)
            replies.flush()
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing the parent's buffers twice
