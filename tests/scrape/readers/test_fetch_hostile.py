"""Hostile servers and files: each answer is one line (exit 2), never a hang or a traceback.

A raw TCP server on 127.0.0.1 plays scripted answers (bytes to send, pauses between them),
so that malformed HTTP can be sent exactly; every script is finite.
"""

from __future__ import annotations

import gzip
import os
import resource
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.scrape import deadline, web
from generator.scrape.fetch import load_source

Script = list[bytes | float]  # bytes are sent, a float is a pause in seconds
# A drip sends a byte each 0.1 s, well inside any per-read timeout, and would end with a
# complete answer after 4 s: only the total deadline can turn it into "timed out".
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"


def answer(headers: bytes, body: bytes = b"") -> Script:
    return [OK + headers + b"\r\n" + body]


def redirect(location: str) -> Script:
    return [
        b"HTTP/1.1 302 Found\r\nLocation: "
        + location.encode()
        + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ]  # this server answers once per connection, and says so (else a reused one races it)


SCRIPTS: dict[str, Script] = {
    "/short": answer(b"Content-Length: 100\r\n", b"No"),
    "/chunked-cut": answer(b"Transfer-Encoding: chunked\r\n", b"10\r\n0123456789"),
    "/headers": [OK + b"".join(b"X-N%d: v\r\n" % n for n in range(150)) + b"\r\nbody"],
    "/long-line": [OK + b"X-Long: " + b"a" * 70_000 + b"\r\n\r\nbody"],
    "/status": [b"HTTX/1.1 200 OK\r\n\r\nbody"],
    "/silent": [],
    "/drip-body": answer(b"Content-Length: 40\r\n") + [b"x", 0.1] * 40,  # 4 s, then complete
    "/drip-head": [bytes([c]) for c in OK] + [0.1] + [b"X-Slow: ", *[b"y", 0.1] * 40],
    "/no-length": answer(b"Connection: close\r\n", b"z" * 5000),
    "/ftp": redirect("ftp://127.0.0.1/errors.html"),
    "/file": redirect("file:///etc/passwd"),
    "/data": redirect("data:text/plain,E1%20-%20injected"),
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/hop": redirect("/short"),
    "/rot13": [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=rot13\r\n\r\ncaf\xc3\xa9"],
    "/zlib": [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<meta charset=zlib><p>caf\xc3\xa9"
    ],
    "/undefined": [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=undefined\r\n\r\n<p>caf\xc3\xa9</p>"
    ],
    "/table": answer(b"Content-Length: 41\r\n", b"| Code | Message |\n|---|---|\n| E1 | No |\n"),
    "/bomb": answer(b"Content-Encoding: gzip\r\n", gzip.compress(b"\0" * 20_000_000)),
    "/huge-length": answer(b"Content-Length: " + b"9" * 5000 + b"\r\n", b"body"),
    "/wait": [b"HTTP/1.1 503 Busy\r\nRetry-After: 20\r\nContent-Length: 0\r\n\r\n"],
}


SENT: dict[str, int] = {}  # path -> parts of its script sent before the client hung up


class Scripted(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5)
        received, path, sent = b"", "", 0
        try:
            while b"\r\n\r\n" not in received and len(received) < 65536:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                received += chunk
            path = received.split(b" ", 2)[1].decode()
            for part in SCRIPTS.get(path, redirect("/short")):
                if isinstance(part, float):
                    time.sleep(part)
                else:
                    self.request.sendall(part)
                sent += 1
        except OSError:
            pass  # the client hung up, as it should on a hostile answer
        finally:
            SENT[path] = sent


def cut_short(path: str) -> bool:
    """Whether the client hung up on ``path`` before its script ended (waits for the server)."""
    for _ in range(100):
        if path in SENT:
            return SENT.pop(path) < len(SCRIPTS[path])
        time.sleep(0.1)
    raise AssertionError(f"the server never finished {path}")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    tcp = Server(("127.0.0.1", 0), Scripted)
    thread = threading.Thread(target=tcp.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{tcp.server_address[1]}"
    tcp.shutdown()
    tcp.server_close()


DATA = Path(__file__).parent / "data"  # a self-signed certificate for 127.0.0.1 (tests only)


class TLSServer(Server):
    def get_request(self) -> tuple[socket.socket, object]:
        sock, address = super().get_request()
        sock.settimeout(5)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(DATA / "localhost-cert.pem", DATA / "localhost-key.pem")
        return context.wrap_socket(sock, server_side=True), address


@pytest.fixture(scope="module")
def tls_server() -> Iterator[str]:
    tcp = TLSServer(("127.0.0.1", 0), Scripted)
    thread = threading.Thread(target=tcp.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{tcp.server_address[1]}"
    tcp.shutdown()
    tcp.server_close()


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pages"


def fails(url: str, **options: object) -> str:
    """The one-line message ``load_source`` refuses ``url`` with."""
    with pytest.raises(InputError) as caught:
        load_source(url, warn=lambda _: None, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and message.startswith(url), message
    return message


def test_a_body_shorter_than_its_content_length_is_an_error(server: str) -> None:
    assert "cut short (2 bytes read, 98 more expected)" in fails(f"{server}/short")


def test_a_chunked_body_that_stops_is_an_error(server: str) -> None:
    assert "cut short" in fails(f"{server}/chunked-cut") or "network error" in fails(
        f"{server}/chunked-cut"
    )


@pytest.mark.parametrize(
    "path, words",
    [
        ("/headers", "malformed answer: got more than 100 headers"),
        ("/long-line", "line is too long"),
        ("/status", "not an HTTP status line"),
        ("/silent", "closed the connection without answering"),
    ],
)
def test_malformed_http_is_one_line(server: str, path: str, words: str) -> None:
    assert words in fails(f"{server}{path}")


@pytest.mark.parametrize("path", ["/ftp", "/file", "/data"])
def test_a_redirect_off_http_is_refused_like_the_url_itself(server: str, path: str) -> None:
    message = fails(f"{server}{path}")
    assert "redirected to" in message and "unsupported URL scheme" in message


def test_a_redirect_loop_is_named(server: str) -> None:
    assert "redirect loop" in fails(f"{server}/loop-a")


def test_redirects_are_followed_and_errors_name_the_url_asked_for(server: str) -> None:
    assert fails(f"{server}/hop").startswith(f"{server}/hop: the body was cut short")


def test_a_dripping_body_is_stopped_by_the_total_deadline(server: str) -> None:
    SENT.pop("/drip-body", None)
    assert "timed out after 0.8s" in fails(f"{server}/drip-body", timeout=0.8)
    assert cut_short("/drip-body")


def test_dripping_headers_are_stopped_by_the_total_deadline(server: str) -> None:
    SENT.pop("/drip-head", None)
    assert "timed out after 0.8s" in fails(f"{server}/drip-head", timeout=0.8)
    assert cut_short("/drip-head")


def test_the_deadline_holds_over_tls(tls_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(DATA / "localhost-cert.pem"))
    assert load_source(f"{tls_server}/table", warn=lambda _: None).text.startswith("| Code")
    SENT.pop("/drip-head", None)
    assert "timed out after 0.8s" in fails(f"{tls_server}/drip-head", timeout=0.8)
    assert cut_short("/drip-head")  # the watchdog reached the socket under TLS


def test_an_unverified_certificate_is_one_line(tls_server: str) -> None:
    assert "TLS error" in fails(f"{tls_server}/table")


def test_the_fetch_limit_comes_from_the_environment(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(deadline.FETCH_ENV, "0.5")
    assert "timed out after 0.5s" in fails(f"{server}/drip-body")
    monkeypatch.setenv(deadline.FETCH_ENV, "soon")
    with pytest.raises(InputError, match=r"\$SPECTAB_FETCH_TIMEOUT: 'soon' is not a positive"):
        load_source(f"{server}/short")


def test_a_run_limit_bounds_every_fetch_inside_it(server: str) -> None:
    with deadline.run_limit(0.6):
        message = fails(f"{server}/drip-body")
        assert "the run's total time limit of 0.6s ($SPECTAB_RUN_TIMEOUT) is spent" in message
        assert "time limit" in fails(f"{server}/drip-body")  # nothing left for the next


def test_a_retry_after_past_the_deadline_gives_up_at_once(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(web, "_sleep", slept.append)
    assert "waiting 20s to retry would pass the 5s time limit" in fails(f"{server}/wait", timeout=5)
    assert slept == []


def test_the_cap_counts_bytes_read_without_a_content_length(server: str) -> None:
    assert "more than 1000 bytes" in fails(f"{server}/no-length", max_bytes=1000)


def test_a_content_length_of_thousands_of_digits_is_over_the_cap(server: str) -> None:
    message = fails(f"{server}/huge-length")
    assert "over the" in message and "limit" in message and len(message) < 300, message


def test_a_compressed_body_is_capped_once_decompressed(server: str) -> None:
    assert "more than 100000 bytes" in fails(f"{server}/bomb", max_bytes=100_000)


def test_refresh_live_stops_at_the_run_limit_in_one_line(server: str, tmp_path: Path) -> None:
    """The real command: two providers, the first page drips; the run limit ends it, exit 2."""
    specs = tmp_path / "specs"
    specs.mkdir()
    rows = "".join(
        f"- id: {name}\n  name: {name}\n  docs_url: {server}{path}\n  snapshot: {name}.md\n"
        for name, path in [("first", "/drip-body"), ("second", "/table")]
    )
    (specs / "providers.yaml").write_text(f"providers:\n{rows}", encoding="utf-8")
    exe = Path(sys.executable).with_name("spectab")
    env = dict(os.environ, SPECTAB_RUN_TIMEOUT="0.7", SPECTAB_FETCH_TIMEOUT="30")
    result = subprocess.run(
        [str(exe), "refresh", "--live", "--specs", str(specs)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.strip() == (
        f"spectab: error: {server}/drip-body: the run's total time limit of 0.7s "
        "($SPECTAB_RUN_TIMEOUT) is spent"
    )


@pytest.mark.parametrize("path", ["/rot13", "/zlib", "/undefined"])
def test_a_charset_that_is_not_a_text_encoding_is_ignored(server: str, path: str) -> None:
    warnings: list[str] = []
    fetched = load_source(f"{server}{path}", warn=warnings.append)
    assert "caf\u00e9" in fetched.text and fetched.charset == "utf-8"
    assert len(warnings) == 1 and "is not a text encoding; ignored" in warnings[0]


# -- local files --------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            load_source(str(fifo), warn=lambda _: None)
            outcome.append("read")
        except InputError as exc:
            outcome.append(str(exc))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # today's code blocks in open(): release it, then fail
        with open(fifo, "wb"):
            pass
        reader.join(10)
        pytest.fail("reading a FIFO hung waiting for a writer")
    assert outcome == [
        f"{fifo}: not a regular file (a named pipe (FIFO)); save the page to a file first"
    ]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert "not a regular file (a directory)" in fails(str(tmp_path))


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_in_one_line(device: str) -> None:
    """In a child with 1 GiB of address space: today's code reads until memory runs out."""
    exe = Path(sys.executable).with_name("spectab")
    result = subprocess.run(
        [str(exe), "scrape", device],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.strip() == (
        f"spectab: error: {device}: not a regular file (a character device); save the page to a file first"
    )


def test_a_regular_file_is_capped_on_the_bytes_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows after stat() (a log being written) is still cut at the cap."""
    page = tmp_path / "page.txt"
    page.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def stale_fstat(handle: int) -> os.stat_result:
        info = real_fstat(handle)
        page.write_bytes(b"x" * 5000)  # grows between the size check and the read
        return info

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert "more than 1000 bytes" in fails(str(page), max_bytes=1000)


def test_reading_a_file_imports_no_http_stack(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("| Code | Message |\n| --- | --- |\n| E1 | Bad key |\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main(['scrape', {str(page)!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('requests', 'urllib3', 'cachecontrol', 'http.client') "
        "if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert "HEAVY []" in result.stderr, result.stderr[-500:]
