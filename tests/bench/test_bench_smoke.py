"""The benchmark's inputs are what they claim: a valid spec, and peer documents with the same codes.

Only correctness is checked here; timings live in bench/RESULTS.md, never in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openapi_spec_validator import validate as validate_openapi

from generator.spec.io import load_spec

ROOT = Path(__file__).resolve().parents[2]


def _enum_members(schemas: dict) -> dict[str, list[tuple[object, str]]]:
    """Schema name -> [(wire value, member name)] for every enum schema."""
    return {
        name: list(zip(schema["enum"], schema["x-enum-varnames"], strict=True))
        for name, schema in schemas.items()
        if "enum" in schema
    }


def test_make_inputs_writes_a_valid_spec_and_peer_documents_with_the_same_codes(tmp_path, spectab):
    made = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_inputs.py"), "spec", "40", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    spec_path = tmp_path / "specs" / "bench40.yaml"

    checked = spectab("validate", str(spec_path))
    assert checked.returncode == 0, checked.stderr
    assert "ok (2 namespaces, 40 entries)" in checked.stdout

    spec = load_spec(spec_path)
    expected = [[(entry.code, entry.name) for entry in ns.errors] for ns in spec.namespaces]
    assert {type(e.code) for ns in spec.namespaces for e in ns.errors} == {str, int}

    schema = json.loads((tmp_path / "bench40.schema.json").read_text("utf-8"))
    assert list(_enum_members(schema["$defs"]).values()) == expected

    openapi = json.loads((tmp_path / "bench40.openapi.json").read_text("utf-8"))
    validate_openapi(openapi)
    assert list(_enum_members(openapi["components"]["schemas"]).values()) == expected
