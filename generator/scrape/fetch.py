"""Load a page from a local file or an ``http(s)://`` URL, decoded to text.

URLs are fetched with the standard library: a timeout, retries with exponential backoff
on 429 and 5xx (honouring ``Retry-After``, capped), a conditional-GET cache (ETag /
Last-Modified) so that a refresh re-downloads only what changed, and a size cap. Every
failure a user can meet (404, unknown host, refused connection, timeout, an image where
a page was expected) is an InputError that names the location and what went wrong.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the HTTP modules are imported when a URL is fetched, not for a file
    from email.message import Message

from generator.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20.0
RETRIES = 3  # extra attempts after the first
BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_WAIT = 30.0  # cap on one wait, whatever Retry-After says
USER_AGENT = "spectab/0.1 (error-table scraper; +https://pypi.org/project/spectab/)"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_TEXT_TYPES = re.compile(
    r"^(?:text/.*|application/(?:xhtml\+xml|xml|json|.*\+json|.*\+xml|yaml|x-yaml|"
    r"markdown|x-markdown|javascript))$"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


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
    timeout: float = TIMEOUT,
    retries: int = RETRIES,
    max_bytes: int = MAX_BYTES,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Fetched:
    """Read ``location`` (a path, ``file://``, ``http://`` or ``https://`` URL)."""
    if warn is None:
        from generator.report import warn as report_warn

        warn = report_warn
    lower = location.lower()
    if lower.startswith(("http://", "https://")):
        fetched = _Http(timeout, retries, max_bytes, _cache_root(cache_dir) if use_cache else None)
        result = fetched.get(location)
    elif "://" in location and not lower.startswith("file://"):
        raise InputError(f"{location}: unsupported URL scheme (use a file path or http(s)://)")
    else:
        path = location[len("file://") :] if lower.startswith("file://") else location
        result = _read_file(location, Path(path), max_bytes)
    for message in result.warnings:
        warn(message)
    return result


# -- local files ------------------------------------------------------------------------


def _read_file(location: str, path: Path, max_bytes: int) -> Fetched:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{location}: {size} bytes is over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc
    _refuse_binary(location, data, None)
    text, charset, warnings = decode(data, None, location)
    return Fetched(location, data, text, None, charset, warnings=warnings)


# -- decoding ---------------------------------------------------------------------------


def decode(data: bytes, declared: str | None, location: str) -> tuple[str, str, list[str]]:
    """Text of ``data``: BOM, then the declared charset, then an HTML ``<meta>``, then
    UTF-8, then cp1252 (with a warning, since that is a guess)."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, warnings
    candidates: list[tuple[str, str]] = []
    if declared:
        candidates.append((declared, "the Content-Type header"))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append((meta.group(1).decode("ascii", "replace"), "the page's <meta>"))
    for name, source in candidates:
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            warnings.append(f"{location}: unknown charset {name!r} named by {source}; ignored")
            continue
        try:
            return data.decode(encoding), encoding, warnings
        except UnicodeDecodeError as exc:
            warnings.append(
                f"{location}: not valid {encoding} as {source} says (byte {exc.start}); "
                "undecodable bytes replaced"
            )
            return data.decode(encoding, errors="replace"), encoding, warnings
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        warnings.append(
            f"{location}: no charset given and not UTF-8 (byte {exc.start}); read as cp1252"
        )
        return data.decode("cp1252", errors="replace"), "cp1252", warnings


def _refuse_binary(location: str, data: bytes, media_type: str | None) -> None:
    if media_type and not _TEXT_TYPES.match(media_type):
        raise InputError(f"{location}: not a text page (Content-Type {media_type})")
    head = data[:4096]
    if b"\x00" in head and not head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        raise InputError(f"{location}: not a text page (binary content)")


# -- HTTP -------------------------------------------------------------------------------


def _cache_root(cache_dir: Path | str | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    from generator.cache import cache_root

    return Path(cache_root()) / "pages"


def _sleep(seconds: float) -> None:
    """Waits between retries (a seam for tests)."""
    time.sleep(seconds)


@dataclass
class _Response:
    status: int
    headers: Message
    data: bytes


class _Http:
    def __init__(self, timeout: float, retries: int, max_bytes: int, cache: Path | None):
        self.timeout = timeout
        self.retries = max(0, retries)
        self.max_bytes = max_bytes
        self.cache = cache

    def get(self, url: str) -> Fetched:
        cached = self._cached(url)
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html, text/markdown, text/plain, application/json, "
            "application/yaml, */*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        }
        if cached is not None:
            meta = cached[0]
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
        response = self._with_retries(url, headers)
        if response.status == 304 and cached is not None:
            meta, data = cached
            media_type = meta.get("media_type") or None
            text, charset, warnings = decode(data, meta.get("charset") or None, url)
            return Fetched(url, data, text, media_type, charset, True, warnings)
        content_type = response.headers.get("Content-Type", "") or ""
        media_type = content_type.split(";")[0].strip().lower() or None
        declared = response.headers.get_param("charset", header="Content-Type")
        declared_charset = declared if isinstance(declared, str) else None
        _refuse_binary(url, response.data, media_type)
        text, charset, warnings = decode(response.data, declared_charset, url)
        self._store(url, response, media_type, declared_charset)
        return Fetched(url, response.data, text, media_type, charset, False, warnings)

    def _with_retries(self, url: str, headers: dict[str, str]) -> _Response:
        attempt = 0
        while True:
            response = self._once(url, headers)
            if response.status not in _RETRY_STATUSES:
                return response
            if attempt >= self.retries:
                raise InputError(
                    f"{url}: HTTP {response.status} after {attempt + 1} attempts; try later"
                )
            _sleep(self._wait(response, attempt))
            attempt += 1

    def _wait(self, response: _Response, attempt: int) -> float:
        wait: float = BACKOFF * (2.0**attempt)
        retry_after = (response.headers.get("Retry-After") or "").strip()
        if retry_after.isdigit():
            wait = float(retry_after)
        elif retry_after:
            from email.utils import parsedate_to_datetime

            try:
                moment = parsedate_to_datetime(retry_after)
                wait = float(moment.timestamp()) - time.time()
            except (TypeError, ValueError, IndexError):
                pass
        return min(max(wait, 0.0), MAX_WAIT)

    def _once(self, url: str, headers: dict[str, str]) -> _Response:
        import socket
        import urllib.error
        import urllib.request

        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                data = self._read_capped(url, reply, reply.headers)
                return _Response(reply.status, reply.headers, data)
        except urllib.error.HTTPError as exc:
            status = exc.code
            if status == 304 or status in _RETRY_STATUSES:
                exc.close()
                return _Response(status, exc.headers, b"")
            reason = exc.reason if isinstance(exc.reason, str) else ""
            exc.close()
            if status == 404:
                raise InputError(f"{url}: HTTP 404 Not Found (is the URL right?)") from None
            raise InputError(f"{url}: HTTP {status} {reason}".rstrip()) from None
        except urllib.error.URLError as exc:
            raise InputError(f"{url}: {_network_problem(exc.reason, self.timeout)}") from None
        except (TimeoutError, socket.timeout):
            raise InputError(f"{url}: timed out after {self.timeout:g}s") from None
        except (ConnectionError, OSError) as exc:
            raise InputError(f"{url}: {_network_problem(exc, self.timeout)}") from None

    def _read_capped(self, url: str, reply: object, headers: Message) -> bytes:
        length = headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise InputError(f"{url}: {length} bytes is over the {self.max_bytes}-byte limit")
        chunks: list[bytes] = []
        total = 0
        read = getattr(reply, "read")
        while True:
            chunk: bytes = read(65536)
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise InputError(f"{url}: more than {self.max_bytes} bytes; refused")
            chunks.append(chunk)
        data = b"".join(chunks)
        encoding = (headers.get("Content-Encoding") or "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            data = self._decompress(url, data, encoding)
        return data

    def _decompress(self, url: str, data: bytes, encoding: str) -> bytes:
        window = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        inflater = zlib.decompressobj(window)
        try:
            out = inflater.decompress(data, self.max_bytes + 1)
        except zlib.error as exc:
            raise InputError(f"{url}: body is not valid {encoding}: {exc}") from None
        if len(out) > self.max_bytes:
            raise InputError(f"{url}: more than {self.max_bytes} bytes once decompressed")
        return out

    # -- the conditional-GET cache ------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        assert self.cache is not None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache / f"{key}.json", self.cache / f"{key}.body"

    def _cached(self, url: str) -> tuple[dict[str, str], bytes] | None:
        if self.cache is None:
            return None
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None  # a torn or edited cache entry is ignored, never trusted
        return {k: v for k, v in meta.items() if isinstance(v, str)}, data

    def _store(
        self, url: str, response: _Response, media_type: str | None, charset: str | None
    ) -> None:
        if self.cache is None:
            return
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if not etag and not modified:
            return
        meta = {
            "url": url,
            "etag": etag or "",
            "last_modified": modified or "",
            "media_type": media_type or "",
            "charset": charset or "",
            "sha256": hashlib.sha256(response.data).hexdigest(),
        }
        meta_path, body_path = self._paths(url)
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, response.data)
            _write_atomic(meta_path, json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a download next time


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _network_problem(reason: object, timeout: float) -> str:
    """A user's words for why the connection failed."""
    import socket

    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name (DNS lookup failed; offline or a typo?)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    return f"network error: {reason}"
