"""The refresh flow a maintainer runs: a live fetch from a real server on 127.0.0.1 saved as
the snapshot (byte for byte) with --update-snapshots, said not to be without it; "N providers
unchanged"; warnings said once, acknowledged with `accept:`, counted under --quiet."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# CRLF line ends, a non-ASCII byte and no final newline: a byte-exact copy keeps all three
PAGE = (
    "# Acme API errors\r\n\r\n| Code | HTTP status | Message |\r\n|---|---|---|\r\n"
    "| invalid_did | 400 | This is not a valid DID |\r\n| no_balance | 402 | Solde insuffisant \u00e9 |"
).encode("utf-8")
NEW_ROW = b"\r\n| server_busy | 503 | Server busy, try again later |"

PROVIDERS = """\
providers:
- id: acme
  name: Acme
  docs_url: {url}
  snapshot: sources/acme.md
  format: markdown
"""


class _Page(BaseHTTPRequestHandler):
    body = PAGE

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/markdown; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    handler = type("Handler", (_Page,), {"body": PAGE})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, handler
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def specs(tmp_path, server, monkeypatch):
    httpd, _ = server
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "acme.md").write_bytes(PAGE)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/errors"
    (folder / "providers.yaml").write_text(PROVIDERS.format(url=url))
    return folder


def test_nothing_to_do_says_how_many_providers_are_unchanged(specs, spectab):
    assert spectab("refresh", "--specs", str(specs)).returncode == 0
    again = spectab("refresh", "--specs", str(specs))
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip().endswith("1 provider unchanged")


def test_live_with_update_snapshots_saves_the_fetched_bytes(specs, server, spectab):
    _, handler = server
    assert spectab("refresh", "--specs", str(specs)).returncode == 0
    handler.body = PAGE + NEW_ROW  # the provider's docs moved on
    result = spectab("refresh", "--specs", str(specs), "--live", "--update-snapshots")
    assert result.returncode == 0, result.stderr
    assert (specs / "sources" / "acme.md").read_bytes() == PAGE + NEW_ROW
    assert "snapshot " in result.stderr and "acme.md: saved" in result.stderr
    assert "server_busy" in (specs / "acme.yaml").read_text()
    check = spectab("refresh", "--specs", str(specs), "--check")  # compares with the new bytes
    assert check.returncode == 0, check.stdout + check.stderr


def test_live_without_update_says_the_snapshot_was_not_updated(specs, server, spectab):
    _, handler = server
    assert spectab("refresh", "--specs", str(specs)).returncode == 0
    spec = (specs / "acme.yaml").read_bytes()
    handler.body = PAGE + NEW_ROW
    result = spectab("refresh", "--specs", str(specs), "--live")
    assert result.returncode == 0, result.stderr
    assert "were not updated" in result.stderr and "--update-snapshots" in result.stderr
    assert "refresh: [1/1] acme: 3 entries, changed" in result.stderr  # a line as it finishes
    assert "server_busy" in result.stdout  # the drift is shown
    assert (specs / "sources" / "acme.md").read_bytes() == PAGE
    assert (specs / "acme.yaml").read_bytes() == spec  # neither the snapshot nor the spec
    check = spectab("refresh", "--specs", str(specs), "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_update_snapshots_needs_live(specs, spectab):
    result = spectab("refresh", "--specs", str(specs), "--update-snapshots")
    assert result.returncode == 2
    assert "needs --live" in result.stderr and "Traceback" not in result.stderr


SPREAD = """\
Acme SMS status codes:
status | reason |
---|---|
0 |
Success |
-1 |
Authentication error |

Acme voice status codes:
status | reason |
---|---|
0 |
Success |
-9 |
Line busy |
"""


def test_warnings_grouped_accepted_and_quiet(tmp_path, spectab):
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "acme.txt").write_text(SPREAD)
    providers = PROVIDERS.format(url="https://example.com/e").replace("acme.md", "acme.txt")
    (folder / "providers.yaml").write_text(providers.replace("markdown", "text"))
    plain = spectab("refresh", "--specs", str(folder), "--check")
    warnings = [line for line in plain.stderr.splitlines() if "warning:" in line]
    assert len(warnings) >= 1, plain.stderr
    assert len(warnings) == len(set(warnings))
    grouped = [line for line in warnings if "(also at line " in line]
    assert grouped, plain.stderr  # the same warning at two lines is one line
    assert "acme.txt:" in grouped[0]

    first = grouped[0].split(": ", 3)[-1].split(" (also")[0]
    accepted = providers.replace("markdown", "text") + f"  accept:\n  - {first[:30]!r}\n"
    (folder / "providers.yaml").write_text(accepted)
    result = spectab("refresh", "--specs", str(folder), "--check")
    assert first not in result.stderr
    assert "accepted in providers.yaml" in result.stderr

    (folder / "providers.yaml").write_text(accepted + "  - never said by any page\n")
    stale = spectab("refresh", "--specs", str(folder), "--check")
    assert "'never said by any page' matched no warning" in stale.stderr

    (folder / "providers.yaml").write_text(providers.replace("markdown", "text"))
    quiet = spectab("refresh", "--specs", str(folder), "--check", "--quiet")
    assert "warning:" not in quiet.stderr
    assert "hidden by --quiet" in quiet.stderr


def test_scrape_says_a_warning_at_several_lines_once(tmp_path, spectab):
    page = tmp_path / "acme.txt"
    page.write_text(SPREAD)
    result = spectab("scrape", str(page), "--id", "acme", "-o", str(tmp_path / "acme.yaml"))
    assert result.returncode == 0, result.stderr
    spread = [line for line in result.stderr.splitlines() if "spread over several" in line]
    assert len(spread) == 1 and "(also at line " in spread[0], result.stderr


NUMBERED = "# Acme errors\n\n| Code | Message |\n|---|---|\n| 21211 | Invalid phone number |\n| 21212 | Account suspended |\n"


def test_a_reworded_message_never_renames_a_committed_code(tmp_path, spectab):
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    page = folder / "sources" / "acme.md"
    page.write_text(NUMBERED)
    (folder / "providers.yaml").write_text(PROVIDERS.format(url="https://example.com/e"))
    assert spectab("refresh", "--specs", str(folder)).returncode == 0
    assert "name: INVALID_PHONE_NUMBER" in (folder / "acme.yaml").read_text()

    page.write_text(NUMBERED.replace("Invalid phone number", "The phone number is not valid"))
    check = spectab("refresh", "--specs", str(folder), "--check")
    assert "name_changed" not in check.stdout + check.stderr
    assert spectab("refresh", "--specs", str(folder)).returncode == 0
    spec = (folder / "acme.yaml").read_text()
    assert "name: INVALID_PHONE_NUMBER" in spec and "The phone number is not valid" in spec
