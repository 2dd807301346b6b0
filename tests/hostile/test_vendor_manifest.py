"""A hostile vendor manifest (spectab-vendor.json) is one line, exit 2."""

from __future__ import annotations

import json

import pytest

from tests.hostile.helpers import one_line_exit_2


def _row(path: str) -> dict[str, str]:
    return {"path": path, "provider": "acme", "target": "python", "sha256": "", "spec_sha256": ""}


@pytest.mark.parametrize(
    "manifest, message",
    [
        (json.dumps({"files": [_row("python/acme.py"), _row("python/acme.py")]}), "twice"),
        (json.dumps({"files": [_row("python/ac\x00me.py")]}), "NUL"),
        ('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
        ('{"files": [], "n": ' + "9" * 5000 + "}", "number too long"),
    ],
    ids=["duplicate", "nul", "deep", "huge-number"],
)
def test_bad_manifest_is_one_line(tmp_path, spectab, manifest, message):
    dest = tmp_path / "v"
    dest.mkdir()
    (dest / "spectab-vendor.json").write_text(manifest)
    one_line_exit_2(spectab("vendor", "--verify", str(dest), cwd=tmp_path), message)
