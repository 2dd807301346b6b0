"""black, in-process, behind a content-hash cache shared safely between runs.

Formatting is the most expensive step of generation, and its result depends only on the
input text, black's version and the mode, so the cache key is exactly those. Entries are
written by temp file + rename: two runs sharing the cache can only ever read a whole entry.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.render.black_style import MODE_DESCRIPTION, black_format
from generator.versions import installed_version

if TYPE_CHECKING:
    from generator.render.format_worker import FormatWorker


def _cache_key(text: str) -> str:
    digest = hashlib.sha256(f"black {installed_version('black')}\0{MODE_DESCRIPTION}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


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
        key = _cache_key(text)
        entry = cache_dir / "black" / key[:2] / f"{key}.py"
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
