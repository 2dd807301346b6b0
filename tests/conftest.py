"""Shared test helpers: the repo root, and running the real `spectab` command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No per-example deadline anywhere: CI machines are shared and slow examples are not bugs;
# speed is measured by `make bench`, never asserted.
settings.register_profile(
    "spectab", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("spectab")

ROOT = Path(__file__).resolve().parent.parent


def run_spectab(
    *args: str, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in a subprocess, as a user would."""
    exe = Path(sys.executable).with_name("spectab")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def spectab():
    return run_spectab
