"""The lock a run holds on a tree it changes (out/, specs/), and what a crashed run left.

The lock is an flock on the tree's parent folder. It is never inherited: a forked worker
closes it at once, so a run killed while its workers render frees it, and a lock held only
by what a vanished run left behind is taken over with a notice.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import InputError


def _sibling(folder: Path, kind: str) -> Path:
    return folder.with_name(f".{folder.name}.spectab-{kind}")


_HELD: set[int] = set()  # lock fds this process holds; a forked child closes them at once


def _let_go_in_child() -> None:
    """A forked child (a render worker, the black helper) must not keep the run's lock:
    flock belongs to the open file, so a child outliving a killed run would hold it."""
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_let_go_in_child)


@contextmanager
def locked(folder: Path | str) -> Iterator[Path]:
    """Hold the lock of ``folder`` (its parent's flock) for a whole run: a second run on the
    same tree waits, then starts from what the first wrote; a forked worker never holds it,
    so it frees when the run ends, however. Crash leftovers are cleaned. Yields the real path."""
    real = Path(folder).resolve()
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(real.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise _write_error(exc, real.parent) from None
    try:
        _take(fd, real)
        _HELD.add(fd)
        _recover(real)
        yield real
    finally:
        _HELD.discard(fd)
        os.close(fd)


def _take(fd: int, real: Path) -> None:
    """Wait for the lock; one held only by what a vanished run left is taken over."""
    import fcntl
    import time

    said = False
    while True:
        try:
            return fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if holder is not None and not _alive(holder):
                print(f"spectab: {real}: the run holding its lock (pid {holder}) is gone; "
                      "taking over", file=sys.stderr)  # fmt: skip
                return None
            if not said:
                print(f"spectab: waiting for another spectab run on {real}", file=sys.stderr)
                said = True
            time.sleep(0.2)


def _holder(fd: int) -> int | None:
    """The pid that took the flock on ``fd``'s file, from /proc/locks (Linux), else None."""
    info = os.fstat(fd)
    key = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            rows = [line.split() for line in handle if "FLOCK" in line and key in line]
    except OSError:
        return None
    pids = [int(row[4]) for row in rows if len(row) > 5 and row[4].isdigit() and row[5] == key]
    return pids[0] if pids else None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(real: Path) -> None:
    """Undo what a run killed half-way left: the old tree put back if the swap was cut
    between its two renames, then its staging folders removed."""
    old = _sibling(real, "old")
    if old.is_dir() and not os.path.lexists(real):
        os.rename(old, real)
    for kind in ("new", "old"):
        shutil.rmtree(_sibling(real, kind), ignore_errors=True)
    _remove_dead_stages(real)


def _remove_dead_stages(real: Path) -> None:
    """The staging folders (render/staging.py) of runs that are gone: each name holds the
    pid of the run that made it (a running ``generate --check`` keeps its own)."""
    prefix = f".{real.name}.spectab-stage-"
    try:
        names = [entry.name for entry in os.scandir(real.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(real.parent / name, ignore_errors=True)


def _write_error(exc: OSError, real: Path, staging: Path | None = None) -> InputError:
    """One line naming the path the user knows (not the staging copy's)."""
    name = os.fsdecode(exc.filename) if exc.filename is not None else str(real)
    if staging is not None and name.startswith(str(staging)):
        name = str(real) + name[len(str(staging)) :]
    return InputError(f"{name}: cannot write: {exc.strerror or exc}")
