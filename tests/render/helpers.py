"""Helpers for the generator tests: rendering in-process and locating the real tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.spec.model import Spec
from generator.render.environment import make_environment, render
from generator.render.formatting import format_python
from generator.spec.io import dump_spec, spec_hash
from generator.render.targets import TARGETS
from generator.render.viewmodel import Options, build_view

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURE_SPECS = HERE / "specs"
NODE_BIN = ROOT / "node_modules" / ".bin"

_ENV = None


def node_tool(name: str) -> str:
    """A tool from the committed npm lockfile (installed by `make test`); missing = failure."""
    path = NODE_BIN / name
    if not path.exists():
        pytest.fail(f"{path} missing: run `npm ci` (make test does it)")
    return str(path)


def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node is not on PATH (Node 20 is required)")
    return found


def run(
    cmd: list[str], cwd: Path | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def render_spec(
    spec: Spec, cache_dir: Path | None = None, openapi_version: str = "3.1"
) -> dict[str, str]:
    """Every per-provider file of one spec, rendered in-process exactly as `generate` does."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment(None)
    text = dump_spec(spec)
    view = build_view(
        spec, f"specs/{spec.provider.id}.yaml", spec_hash(text), Options(openapi_version)
    )
    files = {}
    for target in TARGETS.values():
        out = render(_ENV, target.template, {"p": view}, spec.provider.id)
        if target.python:
            out = format_python(out, cache_dir, spec.provider.id)
        files[target.name] = out
    return files
