"""Load a page from a local file or an ``http(s)://`` URL, decoded to text.

URLs go through web.py (requests + CacheControl: retries, revalidation, a size cap, a total
deadline); it is imported only for a URL, so reading a file loads no HTTP stack. Files are
read with the same cap on the bytes actually read, and only regular files: a FIFO or a
device (``/dev/zero``) would hang or never end. Every failure a user can meet is an
InputError that names the location and what went wrong.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.errors import InputError
from generator.scrape.decoding import decode, media_type_of, refuse_binary

MAX_BYTES = 20 * 1024 * 1024
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


@dataclass
class Fetched:
    """A page's bytes decoded to text, with what the transport said about it."""

    location: str
    data: bytes
    text: str
    media_type: str | None = None
    charset: str | None = None  # the encoding the text was decoded with
    from_cache: bool = False  # a 304 answer: the cached copy was used
    warnings: list[str] = field(default_factory=list)


def load_source(
    location: str,
    *,
    timeout: float | None = None,
    retries: int | None = None,
    max_bytes: int = MAX_BYTES,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Fetched:
    """Read ``location`` (a path, ``file://``, ``http://`` or ``https://`` URL).

    ``timeout`` is the total for one URL, redirects and retries included (default
    ``$SPECTAB_FETCH_TIMEOUT`` or 60 s)."""
    if warn is None:
        from generator.report import warn as report_warn

        warn = report_warn
    lower = location.lower()
    if lower.startswith(("http://", "https://")):
        result = _fetch_url(location, timeout, retries, max_bytes, cache_dir, use_cache)
    elif "://" in location and not lower.startswith("file://"):
        raise InputError(f"{location}: unsupported URL scheme (use a file path or http(s)://)")
    else:
        path = location[len("file://") :] if lower.startswith("file://") else location
        result = _read_file(location, Path(path), max_bytes)
    for message in result.warnings:
        warn(message)
    return result


def _fetch_url(
    url: str,
    timeout: float | None,
    retries: int | None,
    max_bytes: int,
    cache_dir: Path | str | None,
    use_cache: bool,
) -> Fetched:
    from generator.scrape import deadline, web

    if timeout is None:
        timeout = deadline.seconds_from_env(deadline.FETCH_ENV, deadline.FETCH_LIMIT)
    cache = _cache_root(cache_dir) if use_cache else None
    client = web.Client(timeout, web.RETRIES if retries is None else retries, max_bytes, cache)
    data, headers, from_cache = client.get(url)
    media_type = media_type_of(headers.get("Content-Type"))
    declared = headers.get_param("charset", header="Content-Type")
    refuse_binary(url, data, media_type)
    text, charset, warnings = decode(data, declared if isinstance(declared, str) else None, url)
    return Fetched(url, data, text, media_type, charset, from_cache, warnings)


def _cache_root(cache_dir: Path | str | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    from generator.cache import cache_root

    return Path(cache_root()) / "pages"


def _read_file(location: str, path: Path, max_bytes: int) -> Fetched:
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(handle)
        kind = _KINDS.get(stat.S_IFMT(info.st_mode))
        if kind is not None or not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{location}: not a regular file ({kind or 'special file'}); "
                "save the page to a file first"
            )
        if info.st_size > max_bytes:
            raise InputError(f"{location}: {info.st_size} bytes is over the {max_bytes}-byte limit")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)  # st_size is a claim: cap what is read
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(handle)
    if len(data) > max_bytes:
        raise InputError(f"{location}: more than {max_bytes} bytes; over the limit")
    refuse_binary(location, data, None)
    text, charset, warnings = decode(data, None, location)
    return Fetched(location, data, text, None, charset, warnings=warnings)


__all__ = ["Fetched", "load_source", "decode", "MAX_BYTES"]
