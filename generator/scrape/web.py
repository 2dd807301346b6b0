"""Fetch an ``http(s)://`` page: requests with CacheControl, the HTTP stack pip uses.

CacheControl keeps pages on disk and revalidates them (ETag / Last-Modified), so a refresh
downloads only what changed. Around it, what a scraper of untrusted servers needs: retries
on 429/5xx honouring ``Retry-After`` (capped, and never past the deadline), redirects
followed by hand so that they stay on http(s) and a loop is named, a cap on the bytes
actually read, and a total deadline (deadline.py) whose watchdog closes the sockets. Every
failure is one InputError line. Imported only when a URL is fetched.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from http.client import HTTPException
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
import urllib3
from cachecontrol import CacheControlAdapter
from cachecontrol.caches import FileCache
from cachecontrol.heuristics import LastModified

from generator.errors import InputError
from generator.scrape import deadline
from generator.scrape.decoding import media_type_of, refuse_media_type
from generator.scrape.web_errors import describe, shown

READ_TIMEOUT = 20.0  # one socket read; the whole fetch is bounded by its Deadline
RETRIES = 3  # extra attempts after the first
BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_WAIT = 30.0  # cap on one wait, whatever Retry-After says
MAX_REDIRECTS = 10
USER_AGENT = "spectab/0.1 (error-table scraper; +https://pypi.org/project/spectab/)"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
ALLOW_PRIVATE_ENV = "SPECTAB_ALLOW_PRIVATE"  # "1": redirects may lead into private networks
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html, text/markdown, text/plain, application/json, "
    "application/yaml, */*;q=0.5",
    "Accept-Encoding": "gzip, deflate",
    "Cache-Control": "max-age=0",  # revalidate a cached page rather than trust its age
}


def _sleep(seconds: float) -> None:
    """Waits between retries (a seam for tests)."""
    time.sleep(seconds)


class _WatchedHTTP(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(super()._new_conn())


class _WatchedHTTPS(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:  # the raw socket, before TLS wraps it
        return _watched(super()._new_conn())


def _watched(sock: socket.socket) -> socket.socket:
    current = deadline.current()
    if current is not None:
        current.watch(sock)
    return sock


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Cache(FileCache):
    """The page cache; a failing disk or a fetch cut short by its deadline stores nothing."""

    def get(self, key: str) -> bytes | None:
        try:
            return super().get(key)
        except OSError:
            return None

    def set(self, key: str, value: bytes, expires: int | Any = None) -> None:
        current = deadline.current()
        if current is not None and current.expired:
            return  # the watchdog's EOF can look like a complete close-delimited body
        try:
            super().set(key, value, expires)
        except OSError:
            pass  # a cache that cannot be written only costs a download next time


class _Watched(HTTPAdapter):
    """Connections whose sockets the running fetch's deadline watches (direct or by proxy)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


class _CachingAdapter(_Watched, CacheControlAdapter):
    pass


_FAILURES = (  # OSError: sockets; ValueError: a URL that requests cannot parse
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    HTTPException,
    OSError,
    ValueError,
)


class Client:
    """One fetch: a session, its deadline and its limits."""

    def __init__(self, limit: float, retries: int, max_bytes: int, cache: Path | None):
        self.limit = limit
        self.retries = max(0, retries)
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.headers.update(HEADERS)
        self.session.max_redirects = MAX_REDIRECTS
        adapter: HTTPAdapter = _Watched()
        if cache is not None:  # LastModified: keep pages that have no ETag, to revalidate
            adapter = _CachingAdapter(cache=_Cache(str(cache)), heuristic=LastModified())
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def get(self, url: str) -> tuple[bytes, Message, bool]:
        """The body (decompressed, within the cap), its headers and whether it was cached."""
        with deadline.Deadline(self.limit) as budget, self.session:
            try:
                return self._get(url, budget)
            except InputError:
                raise
            except _FAILURES as exc:
                budget.check(url)  # a failure caused by the watchdog is a timeout
                raise InputError(f"{url}: {describe(exc, budget.limit)}") from None

    def _get(self, url: str, budget: deadline.Deadline) -> tuple[bytes, Message, bool]:
        current, seen = url, {url}
        guarded = os.environ.get(ALLOW_PRIVATE_ENV) != "1" and private_address(url) is None
        for _ in range(MAX_REDIRECTS + 1):
            response = self._with_retries(url, current, budget)
            if not response.is_redirect:
                return self._body(url, response, budget)
            target = urljoin(current, response.headers.get("Location", ""))
            response.close()
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise InputError(
                    f"{url}: redirected to {shown(target)}: unsupported URL scheme "
                    "(redirects must stay on http(s))"
                )
            if target in seen:
                raise InputError(f"{url}: redirect loop ({shown(current)} -> {shown(target)})")
            address = private_address(target) if guarded else None
            if address is not None:
                raise InputError(
                    f"{url}: redirected to {shown(target)}, a private address ({address}); "
                    f"refused (set {ALLOW_PRIVATE_ENV}=1 to allow)"
                )
            seen.add(target)
            current = target
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str, current: str, budget: deadline.Deadline) -> requests.Response:
        attempt = 0
        while True:
            budget.check(url)
            wait = max(0.01, min(READ_TIMEOUT, budget.remaining()))
            response = self.session.get(
                current, stream=True, allow_redirects=False, timeout=(wait, wait)
            )
            if response.status_code not in _RETRY_STATUSES:
                return response
            response.close()
            status = response.status_code
            if attempt >= self.retries:
                raise InputError(f"{url}: HTTP {status} after {attempt + 1} attempts; try later")
            pause = retry_wait(response.headers.get("Retry-After"), attempt)
            if pause >= budget.remaining():
                raise InputError(
                    f"{url}: HTTP {status}; waiting {pause:g}s to retry would pass the "
                    f"{budget.limit:g}s time limit; try later"
                )
            _sleep(pause)
            attempt += 1

    def _body(
        self, url: str, response: requests.Response, budget: deadline.Deadline
    ) -> tuple[bytes, Message, bool]:
        status = response.status_code
        if status == 404:
            raise InputError(f"{url}: HTTP 404 Not Found (is the URL right?)")
        if status >= 300:
            raise InputError(f"{url}: HTTP {status} {shown(response.reason or '')}".rstrip())
        headers = Message()
        for name in ("Content-Type", "Content-Length", "Content-Encoding"):
            if name in response.headers:
                headers[name] = response.headers[name]
        refuse_media_type(url, media_type_of(headers.get("Content-Type")))
        length = (response.headers.get("Content-Length") or "").strip()
        if length.isascii() and length.isdigit() and int(length[:20]) > self.max_bytes:
            shown_length = length if len(length) <= 20 else f"a {len(length)}-digit number of"
            raise InputError(f"{url}: {shown_length} bytes is over the {self.max_bytes}-byte limit")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_content(65536):
            total += len(chunk)
            if total > self.max_bytes:
                raise InputError(f"{url}: more than {self.max_bytes} bytes; refused")
            chunks.append(chunk)
            budget.check(url)
        budget.check(url)  # the watchdog's shutdown ends a body as if it were complete
        return b"".join(chunks), headers, bool(getattr(response, "from_cache", False))


def _resolve(host: str) -> list[str]:
    """Every address ``host`` names (a seam for tests: a fake resolver)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


def private_address(url: str) -> str | None:
    """The first address of ``url``'s host that is not on the public internet (loopback,
    private, link-local and so cloud metadata, shared, reserved, multicast), or None. A
    host that does not resolve is None: the fetch itself then says why."""
    host = urlsplit(url).hostname
    if not host:
        return None
    try:
        addresses = _resolve(host)
    except (OSError, UnicodeError, ValueError):
        return None
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            continue
        mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
        if mapped is not None:
            ip = mapped
        if not ip.is_global or ip.is_multicast:
            return address
    return None


def retry_wait(retry_after: str | None, attempt: int) -> float:
    """Seconds before retry ``attempt``: Retry-After if given, else doubling; capped."""
    wait: float = BACKOFF * (2.0**attempt)
    value = (retry_after or "").strip()
    if value.isascii() and value.isdigit():
        wait = float(value) if len(value) < 10 else MAX_WAIT
    elif value:
        from email.utils import parsedate_to_datetime

        try:
            wait = float(parsedate_to_datetime(value).timestamp()) - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return min(max(wait, 0.0), MAX_WAIT)
