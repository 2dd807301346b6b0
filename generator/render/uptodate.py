"""The no-change shortcut of ``spectab generate``, taken before anything heavy is imported.

Most CI runs change no spec. After every successful run, a stamp records what the run
depended on: its arguments and working directory, the versions of Python, black and Jinja,
the sha256 of every file it read (specs, templates, spectab's own code) or wrote (out/),
and the listing of every folder it looked through (so an added spec, template or stray
output is noticed). The next run with the same arguments re-hashes those files and folders
and, if nothing differs, prints what the recorded run would print and stops: nothing it
could render would differ. Any difference, or any doubt (a missing or unreadable stamp),
falls through to the full run, which has its own per-spec reuse (pipeline.py).

This module imports only the standard library's cheapest parts (no pathlib, no argparse):
the shortcut is meant to cost little more than Python's own start-up.
"""

from __future__ import annotations

import hashlib
import os
import sys

TYPE_CHECKING = False  # typing itself costs 2 ms to import; mypy reads this name as usual
if TYPE_CHECKING:
    from typing import Iterable

from generator.cache import cache_root

STAMP_HEADER = "spectab generate stamp 1"
_MISSING = "missing"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")  # file names need not be UTF-8


_FILE_TYPE = 0o170000  # st_mode bits of a file's type (stat.S_IFMT, without importing stat)
_REGULAR = 0o100000  # ... of a regular file (stat.S_IFREG)


def file_digest(path: str) -> str:
    """sha256 of a regular file; a FIFO or device in its place (a read could hang) counts
    as missing, so the full run, which refuses it in one line, goes ahead."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return _MISSING
    try:
        if os.fstat(fd).st_mode & _FILE_TYPE != _REGULAR:
            return _MISSING
        with os.fdopen(fd, "rb", closefd=False) as handle:  # a chunk at a time: 80 MB files
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return _MISSING
    finally:
        os.close(fd)


def folder_digest(path: str) -> str:
    """sha256 of the sorted names in a folder: adding, removing or renaming shows."""
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return _MISSING
    return _sha(_encode("\0".join(names)))


def _key(argv: list[str]) -> str:
    """What the run was asked and with which tools: the stamp's name and first check."""
    from generator.versions import installed_version

    parts = [*argv, os.getcwd(), sys.version, installed_version("black")]
    return _sha(_encode("\0".join([*parts, installed_version("jinja2")])))


def _stamp_path(cache_dir: str, argv: list[str]) -> str:
    name = _sha(_encode("\0".join([os.getcwd(), *argv])))[:32]
    return os.path.join(cache_dir, "runs", f"{name}.txt")


def _wants_shortcut(argv: list[str]) -> bool:
    return argv[:1] == ["generate"] and not {"--no-cache", "-h", "--help"} & set(argv)


def replay(argv: list[str]) -> int | None:
    """The recorded run's exit code, after printing its lines, if nothing it depended on
    has changed; ``None`` when the full run is needed.

    The stamp is lines of text (``key``, ``exit``, ``say``, ``folder``, ``file``), read
    without json: json imports ``re``, and that alone is a fifth of this path's budget.
    """
    if not _wants_shortcut(argv):
        return None
    try:
        with open(_stamp_path(cache_root(), argv), encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
    except OSError:
        return None
    if lines[:1] != [STAMP_HEADER] or lines[-1] != "end":
        return None  # not a stamp this version wrote, or not all of one
    said: list[str] = []
    code = None
    for line in lines[1:-1]:
        kind, _, rest = line.partition(" ")
        if kind == "key" and rest != _key(argv):
            return None
        if kind == "exit":
            code = int(rest) if rest.isdigit() else None
        elif kind == "say":
            said.append(rest)
        elif kind in ("folder", "file"):
            digest, _, path = rest.partition(" ")
            current = folder_digest(path) if kind == "folder" else file_digest(path)
            if current != digest:
                return None
    if code is None:
        return None
    for line in said:
        print(line, file=sys.stderr)
    return code


class Recorder:
    """What a full run read, looked through and wrote; saved as the stamp when it succeeds."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.files: dict[str, str] = {}
        self.folders: dict[str, str] = {}

    def read(self, path: str | os.PathLike[str], data: bytes | None = None) -> None:
        """A file the output depends on (its bytes, if already in hand, else read now)."""
        path = os.path.abspath(path)
        self.files[path] = file_digest(path) if data is None else _sha(data)

    def read_digest(self, path: str | os.PathLike[str], sha256: str) -> None:
        """A file the output depends on, whose bytes were hashed when read (``read``)."""
        self.files[os.path.abspath(path)] = sha256

    def listed(self, folders: Iterable[str | os.PathLike[str]]) -> None:
        for folder in folders:
            path = os.path.abspath(folder)
            self.folders[path] = folder_digest(path)

    def save(self, cache_dir: str | os.PathLike[str], said: list[str], code: int) -> None:
        """Write the stamp (temp file + rename: two runs sharing a cache never see half).
        A run whose paths or messages hold a line break is not stamped: it would not parse."""
        from generator.files import write_atomic

        lines = [STAMP_HEADER, f"key {_key(self.argv)}", f"exit {code}"]
        lines += [f"say {line}" for line in said]
        lines += [f"folder {digest} {path}" for path, digest in sorted(self.folders.items())]
        lines += [f"file {digest} {path}" for path, digest in sorted(self.files.items())]
        if any("\n" in line or "\r" in line for line in lines):
            return
        lines.append("end")
        try:
            write_atomic(_stamp_path(os.fspath(cache_dir), self.argv), _encode("\n".join(lines)))
        except OSError:  # the stamp only saves time
            pass
