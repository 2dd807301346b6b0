"""Shared by the diff tests: fixture paths, golden comparison, specs from YAML text."""

from __future__ import annotations

import os
from pathlib import Path

from generator.spec.model import Spec
from generator.spec.io import load_spec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"


def golden(path: Path, actual: str) -> None:
    """Compare with a golden file; SPECTAB_UPDATE_GOLDEN=1 rewrites it instead."""
    if os.environ.get("SPECTAB_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs (review, then `make golden`)"


def spec(text: str, name: str = "<test>") -> Spec:
    return load_spec(name, text)


def entries(*rows: str, code_type: str = "string", provider: str = "acme") -> Spec:
    """A one-namespace spec whose entries are given as YAML flow mappings."""
    body = "".join(f"  - {row}\n" for row in rows)
    return spec(
        f"spectab: 1\nprovider: {{id: {provider}, name: Acme}}\nnamespaces:\n"
        f"- id: api\n  title: API\n  code_type: {code_type}\n  errors:\n{body}"
        if rows
        else f"spectab: 1\nprovider: {{id: {provider}, name: Acme}}\nnamespaces:\n"
        f"- id: api\n  title: API\n  code_type: {code_type}\n  errors: []\n"
    )
