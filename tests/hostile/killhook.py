"""Run spectab, SIGKILLing it at its N-th change to the files under a folder.

``python killhook.py ROOT N LOG spectab-args...``: every change the process makes under
ROOT (a file opened for writing, a rename, link, unlink, mkdir, rmdir, chmod, and the
renameat2 call behind a folder swap) is counted through Python's audit hooks; at the N-th
the process kills itself with SIGKILL, so "the moment a file changes" is hit exactly, not
by timing. N = 0 only logs the changes (one per line in LOG) and lets the run finish.
"""

from __future__ import annotations

import os
import signal
import sys

ROOT, AT, LOG = os.path.realpath(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
PID = os.getpid()
_PATH_EVENTS = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.link",
    "os.symlink",
    "os.chmod",
    "os.truncate",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
count = 0
log = open(LOG, "w")


def _under_root(path: object) -> bool:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return False
    return os.path.realpath(os.path.join(os.getcwd(), path)).startswith(ROOT + os.sep)


def _is_change(event: str, args: tuple) -> bool:
    if event == "open":
        path, mode, flags = args
        writing = (mode and any(c in mode for c in "wax+")) or (
            mode is None and flags & _WRITE_FLAGS
        )
        return bool(writing) and _under_root(path)
    if event in _PATH_EVENTS:
        return _under_root(args[0]) or (len(args) > 1 and _under_root(args[1]))
    return event == "ctypes.call_function"  # renameat2: the folder swap


def hook(event: str, args: tuple) -> None:
    global count
    if os.getpid() != PID or not _is_change(event, args):
        return
    count += 1
    if AT == 0:
        log.write(f"{event} {args[0]!r}\n")
        log.flush()
    elif count == AT:
        os.kill(PID, signal.SIGKILL)


sys.argv = ["spectab", *sys.argv[4:]]
sys.addaudithook(hook)
from generator.cli import main  # noqa: E402

sys.exit(main())
