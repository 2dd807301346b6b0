"""black, in-process, behind a content-hash cache shared safely between runs.

Formatting is the most expensive step of generation, and its result depends only on the
input text, black's version and the mode, so the cache key is exactly those. Entries are
written by temp file + rename: two runs sharing the cache can only ever read a whole entry.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from generator.render.black_style import MODE_DESCRIPTION, black_format, black_pieces
from generator.versions import installed_version

if TYPE_CHECKING:
    from generator.render.environment import Sink
    from generator.render.format_worker import FormatWorker


_CHUNK = 1 << 20  # characters encoded at a time: never a whole encoded copy of a module


def _cache_key(text: str) -> str:
    digest = hashlib.sha256(f"black {installed_version('black')}\0{MODE_DESCRIPTION}\0".encode())
    for first in range(0, len(text), _CHUNK):
        digest.update(text[first : first + _CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _entry(cache_dir: Path, text: str) -> Path:
    key = _cache_key(text)
    return cache_dir / "black" / key[:2] / f"{key}.py"


def format_python(text: str, cache_dir: Path | None, subject: str) -> str:
    """``black.format_str`` with the pinned mode, served from the cache when possible."""
    return format_python_later(text, cache_dir, subject, None)()


def format_python_later(
    text: str, cache_dir: Path | None, subject: str, worker: FormatWorker | None
) -> Callable[[], str]:
    """Like ``format_python``, but a cache miss is sent to ``worker`` (if any) and the
    returned function waits for it: the caller renders other targets meanwhile."""
    entry = None
    if cache_dir is not None:
        entry = _entry(cache_dir, text)
        try:
            cached = entry.read_bytes().decode("utf-8")
            return lambda: cached
        except (OSError, UnicodeDecodeError):
            pass
    if worker is not None:
        pending = worker.submit(text, subject)
    else:
        formatted = black_format(text, subject)
        pending = lambda: formatted  # noqa: E731

    def finish() -> str:
        result = pending()
        if entry is not None:
            from generator.files import write_atomic

            try:
                write_atomic(entry, result)
            except OSError:  # a read-only or full cache only costs speed
                pass
        return result

    return finish


def format_python_into(text: str, cache_dir: Path | None, subject: str, sink: Sink) -> None:
    """``format_python`` written to ``sink`` (UTF-8) piece by piece as black's pieces come:
    the formatted module is never whole in memory, neither as a string nor encoded."""
    entry = None
    if cache_dir is not None:
        entry = _entry(cache_dir, text)
        cached = _read_cached(entry)
        if cached is not None:
            sink.write(cached)
            return
    cache = _CacheWriter(entry) if entry is not None else None
    try:
        for piece in black_pieces(text, subject):
            for first in range(0, len(piece), _CHUNK):
                data = piece[first : first + _CHUNK].encode("utf-8")
                sink.write(data)
                if cache is not None:
                    cache.write(data)
    except BaseException:
        if cache is not None:
            cache.abandon()
        raise
    if cache is not None:
        cache.finish()


def _read_cached(entry: Path) -> bytes | None:
    """The entry's bytes if it exists and is UTF-8 (checked a chunk at a time)."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for first in range(0, len(data), _CHUNK):
            decoder.decode(view[first : first + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return data


class _CacheWriter:
    """A cache entry written as it comes to a temp file, renamed into place when whole;
    a read-only or full cache only costs speed, so any error just drops the entry."""

    def __init__(self, entry: Path) -> None:
        self.entry = entry
        self.handle: BinaryIO | None = None
        self.tmp = ""
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            prefix = f".{entry.name}."
            fd, self.tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=entry.parent)
            self.handle = os.fdopen(fd, "wb")
        except OSError:
            self.abandon()

    def write(self, data: bytes) -> None:
        if self.handle is None:
            return
        try:
            self.handle.write(data)
        except OSError:
            self.abandon()

    def abandon(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError:
                pass
            self.handle = None
        if self.tmp:
            try:
                Path(self.tmp).unlink(missing_ok=True)
            except OSError:
                pass
            self.tmp = ""

    def finish(self) -> None:
        if self.handle is None:
            return
        from generator.files import _umask

        try:
            self.handle.close()
            self.handle = None
            os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes 0600; as write_atomic
            os.replace(self.tmp, self.entry)
            self.tmp = ""
        except OSError:
            self.abandon()
