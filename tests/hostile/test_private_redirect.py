"""Issue 20, item 2: a redirect into a loopback, private, link-local or metadata address is
refused, unless the URL given was itself such an address or SPECTAB_ALLOW_PRIVATE=1.

No traffic leaves 127.0.0.0/8: a fake resolver says ``docs.test`` is a public address and
``internal.test`` a private one, while connections to any ``*.test`` go to the local server.
Refused redirects are refused before any connection is made."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from generator.errors import InputError
from generator.scrape import web
from generator.scrape.fetch import load_source

FAKE_DNS = {"docs.test": "93.184.216.34", "internal.test": "10.1.2.3"}
LOCATIONS: dict[str, str] = {}  # request path -> where it redirects; else a page
CONNECTED: list[str] = []  # every host a connection was opened for


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the base class's name)
        location = LOCATIONS.get(self.path)
        self.send_response(302 if location else 200)
        if location:
            self.send_header("Location", location)
        body = b"" if location else b"| Code | Message |\n|---|---|\n| E1 | No |\n"
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def port(monkeypatch) -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    real = socket.getaddrinfo

    def local(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        CONNECTED.append(str(host))
        if str(host).endswith(".test"):
            host = "127.0.0.1"
        if not str(host).startswith("127."):
            raise AssertionError(f"a connection to {host} was attempted")
        return real(host, *args, **kwargs)

    def fake_resolve(host: str) -> list[str]:  # literal addresses, however spelt, as is
        if host in FAKE_DNS:
            return [FAKE_DNS[host]]
        flags = socket.AI_NUMERICHOST
        return [str(info[4][0]) for info in real(host, None, flags=flags)]

    monkeypatch.setattr(socket, "getaddrinfo", local)
    monkeypatch.setattr(web, "_resolve", fake_resolve)
    monkeypatch.delenv("SPECTAB_ALLOW_PRIVATE", raising=False)
    CONNECTED.clear()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _fetch(url: str) -> str:
    return load_source(url, use_cache=False, retries=0, timeout=10).text


@pytest.mark.parametrize(
    "target, address",
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://127.0.0.1:{port}/page", "127.0.0.1"),
        ("http://internal.test:{port}/page", "10.1.2.3"),
        ("http://[::1]:{port}/page", "::1"),
        ("http://0x7f.1:{port}/page", "127.0.0.1"),
    ],
    ids=["metadata", "loopback", "private-by-dns", "loopback-v6", "odd-spelling"],
)
def test_a_redirect_into_a_private_network_is_refused(port, target, address):
    LOCATIONS["/start"] = target.format(port=port)
    with pytest.raises(InputError) as caught:
        _fetch(f"http://docs.test:{port}/start")
    message = str(caught.value)
    assert "\n" not in message
    assert address in message and "private" in message, message
    assert CONNECTED == ["docs.test"]  # the refused address was never contacted


def test_the_environment_allows_it(port, monkeypatch):
    monkeypatch.setenv("SPECTAB_ALLOW_PRIVATE", "1")
    LOCATIONS["/start"] = f"http://127.0.0.1:{port}/page"
    assert "E1" in _fetch(f"http://docs.test:{port}/start")


def test_a_private_url_given_by_the_user_may_redirect_privately(port):
    LOCATIONS["/start"] = f"http://internal.test:{port}/page"
    assert "E1" in _fetch(f"http://127.0.0.1:{port}/start")


def test_a_redirect_to_a_public_address_is_followed(port):
    LOCATIONS["/start"] = f"http://docs.test:{port}/page"
    assert "E1" in _fetch(f"http://docs.test:{port}/start")
