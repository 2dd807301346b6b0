"""load_source against a real HTTP server on 127.0.0.1 that each test module starts."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.scrape import web
from generator.scrape.fetch import load_source

PAGE = "<html><body><h1>Errors</h1><p>caf\u00e9 \u2013 ok</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    """Routes by path; ``hits`` counts requests and ``seen`` keeps request headers."""

    hits: dict[str, int] = {}
    seen: dict[str, list[dict[str, str]]] = {}

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        count = Handler.hits[path] = Handler.hits.get(path, 0) + 1
        Handler.seen.setdefault(path, []).append(dict(self.headers.items()))
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/page":
            self.send(200, PAGE.encode("utf-8"), html)
        elif path == "/latin1":
            self.send(
                200,
                PAGE.encode("latin-1", "replace"),
                {"Content-Type": "text/html; charset=ISO-8859-1"},
            )
        elif path == "/meta":
            body = b'<html><head><meta charset="windows-1252"></head><body>\x93quoted\x94</body></html>'
            self.send(200, body, {"Content-Type": "text/html"})
        elif path == "/undeclared":
            self.send(200, b"caf\xe9 au lait", {"Content-Type": "text/plain"})
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, b"late", html)
        elif path == "/flaky":
            if count == 1:
                self.send(503, b"busy", {"Retry-After": "1"})
            else:
                self.send(200, b"<p>second time lucky</p>", html)
        elif path == "/limited":
            self.send(429, b"slow down", {"Retry-After": "120"})
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, b"", {"ETag": '"v1"'})
            else:
                self.send(200, b"<p>tagged</p>", {**html, "ETag": '"v1"'})
        elif path == "/fresh":
            if self.headers.get("If-None-Match") == f'"v{count - 1}"':
                self.send(304, b"", {"ETag": f'"v{count - 1}"'})
            else:  # a new version on every full answer
                body = f"<p>version {count}</p>".encode()
                self.send(
                    200, body, {**html, "ETag": f'"v{count}"', "Cache-Control": "max-age=3600"}
                )
        elif path == "/modified":
            if self.headers.get("If-Modified-Since") == "Tue, 12 Mar 2019 15:46:00 GMT":
                self.send(304, b"", {})
            else:
                self.send(
                    200,
                    b"dated",
                    {
                        "Content-Type": "text/plain",
                        "Last-Modified": "Tue, 12 Mar 2019 15:46:00 GMT",
                    },
                )
        elif path == "/gzip":
            self.send(
                200,
                gzip.compress(b"| a | b |\n"),
                {"Content-Type": "text/plain", "Content-Encoding": "gzip"},
            )
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n\x00\x00", {"Content-Type": "image/png"})
        elif path == "/binary":
            self.send(200, b"abc\x00\x01\x02def", {"Content-Type": "text/plain"})
        elif path == "/big":
            self.send(200, b"x" * 5000, {"Content-Type": "text/plain"})
        elif path == "/markdown":
            self.send(200, b"# Errors\n", {"Content-Type": "text/markdown; charset=utf-8"})
        else:
            self.send(404, b"not here", html)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client of /slow hangs up on purpose


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff waits instead of sleeping through them."""
    slept: list[float] = []
    monkeypatch.setattr(web, "_sleep", slept.append)
    return slept


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The page cache: ``pages/`` under $SPECTAB_CACHE_DIR, as under the default folder."""
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pages"


def quiet(_: str) -> None:
    pass


def test_normal_page(server: str) -> None:
    fetched = load_source(f"{server}/page", warn=quiet)
    assert fetched.text == PAGE and fetched.media_type == "text/html"
    assert fetched.charset == "utf-8" and not fetched.from_cache
    assert "spectab" in Handler.seen["/page"][-1]["User-Agent"]


def test_charset_from_header_meta_and_fallback(server: str) -> None:
    assert "caf\u00e9" in load_source(f"{server}/latin1", warn=quiet).text
    meta = load_source(f"{server}/meta", warn=quiet)
    assert "\u201cquoted\u201d" in meta.text and meta.charset == "cp1252"
    warnings: list[str] = []
    undeclared = load_source(f"{server}/undeclared", warn=warnings.append)
    assert undeclared.text == "caf\u00e9 au lait" and undeclared.charset == "cp1252"  # ties
    assert warnings and "cp1252" in warnings[0]


def test_slow_server_times_out(server: str) -> None:
    with pytest.raises(InputError, match="timed out after 0.3s"):  # the page comes at 1.5 s
        load_source(f"{server}/slow", timeout=0.3, warn=quiet)


def test_503_then_200_is_retried_honouring_retry_after(server: str, waits: list[float]) -> None:
    fetched = load_source(f"{server}/flaky", warn=quiet)
    assert fetched.text == "<p>second time lucky</p>"
    assert waits == [1.0]


def test_429_gives_up_after_the_retries_with_capped_waits(server: str, waits: list[float]) -> None:
    with pytest.raises(InputError, match="HTTP 429 after 3 attempts"):
        load_source(f"{server}/limited", retries=2, warn=quiet)
    assert waits == [web.MAX_WAIT, web.MAX_WAIT]  # Retry-After: 120 is capped


def test_backoff_doubles_without_retry_after() -> None:
    assert [web.retry_wait(None, attempt) for attempt in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert web.retry_wait("9" * 400, 0) == web.MAX_WAIT  # a huge number is capped, not parsed


def test_etag_revalidation_uses_the_cache_on_304(server: str, cache_dir: Path) -> None:
    first = load_source(f"{server}/etag", warn=quiet)
    assert not first.from_cache and list(cache_dir.iterdir())
    second = load_source(f"{server}/etag", warn=quiet)
    assert Handler.seen["/etag"][-1].get("If-None-Match") == '"v1"'
    assert second.from_cache and second.text == "<p>tagged</p>"
    assert second.media_type == "text/html"
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


def test_a_page_still_fresh_by_its_max_age_is_revalidated_anyway(server: str) -> None:
    """A refresh asks the server every time: a docs page's max-age must not hide a change."""
    assert load_source(f"{server}/fresh", warn=quiet).text == "<p>version 1</p>"
    second = load_source(f"{server}/fresh", warn=quiet)
    assert Handler.hits["/fresh"] == 2 and second.from_cache
    assert Handler.seen["/fresh"][-1].get("If-None-Match") == '"v1"'


def test_last_modified_revalidation(server: str) -> None:
    load_source(f"{server}/modified", warn=quiet)
    second = load_source(f"{server}/modified", warn=quiet)
    assert second.from_cache and second.text == "dated"
    assert Handler.seen["/modified"][-1].get("If-Modified-Since") == "Tue, 12 Mar 2019 15:46:00 GMT"


def test_a_cache_folder_that_cannot_be_used_costs_only_a_download(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(blocker))
    assert load_source(f"{server}/etag", warn=quiet).text == "<p>tagged</p>"
    assert load_source(f"{server}/etag", warn=quiet).text == "<p>tagged</p>"


def test_a_tampered_cache_entry_is_not_trusted(server: str, cache_dir: Path) -> None:
    load_source(f"{server}/etag", warn=quiet)
    entries = [path for path in cache_dir.rglob("*") if path.is_file() and path.suffix != ".lock"]
    assert entries
    for path in entries:
        path.write_bytes(path.read_bytes()[:20])  # a torn write
    again = load_source(f"{server}/etag", warn=quiet)
    assert Handler.seen["/etag"][-1].get("If-None-Match") is None
    assert again.text == "<p>tagged</p>"


def test_no_cache_when_disabled(server: str, cache_dir: Path) -> None:
    load_source(f"{server}/etag", use_cache=False, warn=quiet)
    assert not cache_dir.exists()


def test_gzip_body_is_decompressed(server: str) -> None:
    assert load_source(f"{server}/gzip", warn=quiet).text == "| a | b |\n"


def test_404_is_a_clear_input_error(server: str) -> None:
    with pytest.raises(InputError, match=r"/nowhere: HTTP 404 Not Found"):
        load_source(f"{server}/nowhere", warn=quiet)


@pytest.mark.parametrize("path", ["/image", "/binary"])
def test_non_text_body_is_refused(server: str, path: str) -> None:
    with pytest.raises(InputError, match="not a text page"):
        load_source(f"{server}{path}", warn=quiet)


def test_size_cap(server: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        load_source(f"{server}/big", max_bytes=1000, warn=quiet)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        load_source(str(big), max_bytes=1000, warn=quiet)


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        load_source(f"http://127.0.0.1:{port}/x", warn=quiet)


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(InputError, match="cannot resolve the host name"):
        load_source("http://docs.example.invalid/errors", warn=quiet)


def test_local_files(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"\xef\xbb\xbf# Errors\n")
    fetched = load_source(str(page), warn=quiet)
    assert fetched.text == "# Errors\n" and fetched.media_type is None
    assert load_source(f"file://{page}", warn=quiet).text == "# Errors\n"
    with pytest.raises(InputError, match="cannot read"):
        load_source(str(tmp_path / "missing.html"), warn=quiet)
    with pytest.raises(InputError, match="unsupported URL scheme"):
        load_source("ftp://example.com/x", warn=quiet)


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes("E101 - caf\u00e9\n".encode("utf-16"))
    assert load_source(str(page), warn=quiet).text == "E101 - caf\u00e9\n"
