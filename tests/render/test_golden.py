"""Golden files: the seed providers' and the fixture specs' outputs, byte for byte.

The committed ``out/`` is the golden record of the four seed providers (one copy, reviewed
as a diff in every pull request; ``make golden`` regenerates it first). Beside it:
tests/golden/openapi-3.0/ for ``--openapi-version 3.0``, tests/golden/fixtures/... for the
specs in tests/render/specs. ``SPECTAB_UPDATE_GOLDEN=1`` (``make golden``) rewrites them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.render import outputs
from generator.render import pipeline
from generator.render import targets
from generator.render.viewmodel import Options

from .helpers import FIXTURE_SPECS, ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("SPECTAB_UPDATE_GOLDEN") == "1"
SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")


def _plan(specs_dir: Path, out_dir: Path, version: str = "3.1") -> dict[str, str]:
    selected = targets.select(None if version == "3.1" else ["openapi"])
    plan = pipeline.build(specs_dir, out_dir, selected, Options(version), use_manifest=False)
    return {rel: data.decode("utf-8") for rel, data in plan.desired.items()}


def _compare(desired: dict[str, str], golden_dir: Path, prefix: str = "") -> None:
    """``desired`` (out/-relative paths) against ``golden_dir/<prefix><path>``."""
    wanted = {prefix + rel: text for rel, text in desired.items()}
    folders = {rel.split("/")[0] for rel in wanted}
    if UPDATE:
        for folder in folders:
            shutil.rmtree(golden_dir / folder, ignore_errors=True)
        for rel, text in wanted.items():
            path = golden_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        return
    have = {
        path.relative_to(golden_dir).as_posix()
        for folder in folders
        for path in (golden_dir / folder).rglob("*")
        if path.is_file()
    }
    assert have == set(wanted), f"golden files differ in {golden_dir}; run `make golden`"
    for rel, text in wanted.items():
        expected = (golden_dir / rel).read_bytes().decode("utf-8")
        assert text == expected, f"{golden_dir / rel} differs; run `make golden` and review"


def _seed_specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for seed in SEEDS:
        source = ROOT / "specs" / f"{seed}.yaml"
        if not source.exists():
            pytest.fail(f"seed spec {source} missing")
        shutil.copy(source, folder / source.name)
    return folder


def test_seed_openapi_30_matches_golden(tmp_path):
    desired = _plan(_seed_specs(tmp_path), tmp_path / "out", "3.0")
    _compare(
        {rel.replace("openapi/", "", 1): text for rel, text in desired.items()},
        GOLDEN,
        "openapi-3.0/",
    )


def test_fixture_outputs_match_golden(tmp_path):
    _compare(_plan(FIXTURE_SPECS, tmp_path / "out"), GOLDEN, "fixtures/")


def test_committed_out_is_the_seeds_golden_record(tmp_path):
    desired = {
        rel: text.encode("utf-8")
        for rel, text in _plan(_seed_specs(tmp_path), ROOT / "out").items()
    }
    existing = outputs.scan(ROOT / "out", targets.select(None))
    changed, missing, extra = outputs.stale(ROOT / "out", desired, existing)
    assert (changed, missing, extra) == ([], [], []), "out/ is stale: run `make golden`, review"
