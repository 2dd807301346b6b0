"""One line for each way an HTTP fetch can fail, in a user's words.

requests wraps urllib3, which wraps http.client, which wraps the socket: the cause a user
can act on (no such host, nothing listening, a malformed answer, a body cut short) sits
somewhere in that chain, so it is looked for there, most specific first.
"""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator

import requests
import urllib3


def shown(text: str, limit: int = 120) -> str:
    """Server-chosen text fit for one line: control characters escaped, length capped."""
    escaped = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return escaped if len(escaped) <= limit else escaped[:limit] + "..."


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it wraps (args, ``reason``, causes), each once."""
    todo, seen = [exc], set[int]()
    while todo and len(seen) < 32:
        item = todo.pop(0)
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        inner = [getattr(item, "reason", None), item.__cause__, item.__context__, *item.args]
        todo.extend(part for part in inner if isinstance(part, BaseException))


def describe(exc: BaseException, limit: float) -> str:
    """Why the fetch failed, for a user: one line, no traceback."""
    causes = list(_chain(exc))
    for cause in causes:
        found = _known(cause, limit)
        if found:
            return found
    if any(isinstance(cause, requests.TooManyRedirects) for cause in causes):
        return "too many redirects"
    for cause in causes:
        if isinstance(cause, OSError) and cause.strerror:
            return f"network error: {shown(cause.strerror)}"
    return f"network error: {shown(' '.join(str(exc).split()) or type(exc).__name__)}"


def _known(cause: BaseException, limit: float) -> str | None:
    if isinstance(cause, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
        return "cannot resolve the host name (DNS lookup failed; offline or a typo?)"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    if isinstance(cause, (TimeoutError, socket.timeout, urllib3.exceptions.TimeoutError)) and (
        not isinstance(cause, urllib3.exceptions.NewConnectionError)  # a subclass, oddly
    ):
        return f"timed out after {limit:g}s"
    if isinstance(cause, (http.client.IncompleteRead, urllib3.exceptions.IncompleteRead)):
        partial: object = cause.partial  # bytes in http.client, a count in urllib3
        got = partial if isinstance(partial, int) else len(partial)  # type: ignore[arg-type]
        expected = cause.expected
        return f"the body was cut short ({got} bytes read, {expected} more expected)"
    if isinstance(cause, http.client.LineTooLong):
        return "malformed answer: a status or header line is too long"
    if isinstance(cause, http.client.BadStatusLine) and not isinstance(
        cause, http.client.RemoteDisconnected
    ):
        return f"malformed answer: not an HTTP status line ({shown(str(cause), 60)})"
    if isinstance(cause, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(cause, http.client.HTTPException) and "headers" in str(cause):
        return f"malformed answer: {shown(str(cause), 80)}"
    if isinstance(cause, (requests.exceptions.InvalidURL, urllib3.exceptions.LocationValueError)):
        return f"not a valid URL ({shown(str(cause), 80)})"
    if isinstance(cause, requests.exceptions.ContentDecodingError):
        return "the compressed body is not valid (Content-Encoding does not match)"
    if isinstance(cause, requests.exceptions.SSLError):
        return "TLS error (the server's certificate could not be verified?)"
    return None
