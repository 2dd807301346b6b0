"""Issue 20, item 8: `refresh --live --update-snapshots` writes the fetched snapshots with the
specs, all or nothing: a provider failing after another was fetched leaves every file as it was."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from tests.hostile.helpers import one_line_exit_2, run_bounded, tree_digest

PAGE = b"# Errors\n\n| Code | Message |\n|---|---|\n| E1 | No |\n"
PROVIDERS = """\
providers:
- id: alpha
  name: Alpha
  docs_url: {base}/alpha
  snapshot: sources/alpha.md
  format: markdown
- id: beta
  name: Beta
  docs_url: {base}/beta
  snapshot: sources/beta.md
  format: markdown
"""


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/markdown; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def specs(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("SPECTAB_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "specs"
    (folder / "sources").mkdir(parents=True)
    for name in ("alpha", "beta"):
        (folder / "sources" / f"{name}.md").write_bytes(PAGE)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (folder / "providers.yaml").write_text(PROVIDERS.format(base=base))
    _Pages.pages = {"/alpha": PAGE, "/beta": PAGE}
    assert run_bounded("refresh", "--specs", str(folder)).returncode == 0
    yield folder
    httpd.shutdown()
    httpd.server_close()


def test_a_failing_provider_leaves_every_snapshot_as_it_was(specs):
    _Pages.pages = {"/alpha": PAGE + b"| E2 | Also no |\n"}  # beta is gone: HTTP 404
    before = tree_digest(specs)
    result = run_bounded("refresh", "--specs", str(specs), "--live", "--update-snapshots")
    one_line_exit_2(result, "/beta", "404")
    assert tree_digest(specs) == before


def test_snapshots_and_specs_are_written_together(specs):
    _Pages.pages = {"/alpha": PAGE + b"| E2 | Also no |\n", "/beta": PAGE}
    result = run_bounded("refresh", "--specs", str(specs), "--live", "--update-snapshots")
    assert result.returncode == 0, result.stderr
    assert (specs / "sources" / "alpha.md").read_bytes().endswith(b"| E2 | Also no |\n")
    assert "E2" in (specs / "alpha.yaml").read_text()
    assert "alpha.md: saved" in result.stderr and "beta.md: unchanged" in result.stderr
    check = run_bounded("refresh", "--specs", str(specs), "--check")
    assert check.returncode == 0, check.stdout + check.stderr
