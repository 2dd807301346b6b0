"""The wheel users install carries the templates and data files, and generates the same bytes.

In a checkout ``generator/templates`` is a link to ``templates/``; this builds the real
wheel, unpacks it, and runs ``generate`` from the unpacked copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_holds_templates_and_data_and_generates_the_same_bytes(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("spectab-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*.j2")}
    assert {f"generator/{name}" for name in templates} <= names
    data_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.yaml")}
    data_files |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.json")}
    assert len(data_files) >= 4 and data_files <= names
    assert not [name for name in names if name.startswith(("tests/", "bench/", "specs/"))]

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = dict(os.environ, PYTHONPATH=str(unpacked), SPECTAB_CACHE_DIR=str(tmp_path / "cache"))
    script = "import generator, sys; print(generator.__file__); sys.exit(__import__('generator.cli').cli.main())"
    run = subprocess.run(
        [sys.executable, "-c", script, "generate", "--specs", str(ROOT / "specs"), "--out", "out"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(str(unpacked))  # the wheel's copy ran, not the checkout
    for expected in (ROOT / "out").rglob("*"):
        if expected.is_file():
            produced = tmp_path / "out" / expected.relative_to(ROOT / "out")
            assert produced.read_bytes() == expected.read_bytes(), produced
