"""Issue 21's generate goals: each target alone against its dedicated peer at 30k codes,
and the peak memory of 100k codes in one spec; bench/latency.py puts them in its section.

The Python target is set against datamodel-codegen (Python enums from the JSON Schema),
the TypeScript target against openapi-typescript (types from the OpenAPI document), both
on the same codes (bench/make_inputs.py writes all three inputs). Every run is cold: an
empty cache folder and an empty out folder. Timings are measured, never asserted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work" / "latency" / "generate"
BIN = Path(sys.executable).parent
PEER_GOAL = 0.5  # each target alone / its peer, at TARGET_CODES
TARGET_CODES = 30_000
HUGE_CODES = 100_000
MEMORY_GOAL_MB = 250.0  # peak RSS of generate (every target) on HUGE_CODES

if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from measure import run_once  # noqa: E402


def inputs(count: int) -> Path:
    """The spec, JSON Schema and OpenAPI document of ``count`` codes, made once."""
    folder = WORK / f"n{count}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(BENCH / "make_inputs.py"), "spec", str(count),
                        str(folder)], check=True, stdout=subprocess.DEVNULL)
        (folder / "done").touch()
    return folder


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def spectab(folder: Path, *targets: str) -> Callable[[], list[str]]:
    """A cold ``generate`` of the given targets (every target when none is named)."""
    def command() -> list[str]:
        out = _fresh(WORK / "out")
        chosen = [arg for target in targets for arg in ("--target", target)]
        return [str(BIN / "spectab"), "generate", "--specs", str(folder / "specs"),
                "--out", str(out), *chosen]
    return command


def datamodel_codegen(folder: Path, count: int) -> Callable[[], list[str]]:
    def command() -> list[str]:
        out = _fresh(WORK / "peer")
        return [str(BIN / "datamodel-codegen"), "--input", str(folder / f"bench{count}.schema.json"),
                "--input-file-type", "jsonschema", "--output", str(out / "codes.py"),
                "--disable-timestamp", "--formatters", "black", "isort"]
    return command


def openapi_typescript(folder: Path, count: int) -> Callable[[], list[str]] | None:
    tool = ROOT / "node_modules" / ".bin" / "openapi-typescript"
    if not tool.exists():
        return None

    def command() -> list[str]:
        out = _fresh(WORK / "peer")
        return [str(tool), str(folder / f"bench{count}.openapi.json"), "-o", str(out / "codes.ts")]
    return command


def cold_env() -> dict[str, str]:
    return dict(os.environ, SPECTAB_CACHE_DIR=str(_fresh(WORK / "cache")))


def measure(rounds: int, wall: Callable[..., tuple[float, float]],
            add: Callable[[str, tuple[float, float]], None],
            log: Callable[[str], None]) -> dict[str, float]:
    """Time each target and its peer interleaved by round; return the 100k peak in MB."""
    folder = inputs(TARGET_CODES)
    pairs: list[tuple[str, Callable[[], list[str]]]] = [
        (f"generate --target python, {TARGET_CODES} codes", spectab(folder, "python")),
        (f"datamodel-codegen, {TARGET_CODES} codes", datamodel_codegen(folder, TARGET_CODES)),
        (f"generate --target typescript, {TARGET_CODES} codes", spectab(folder, "typescript")),
    ]
    ots = openapi_typescript(folder, TARGET_CODES)
    if ots is not None:
        pairs.append((f"openapi-typescript, {TARGET_CODES} codes", ots))
    for run in range(rounds):
        log(f"targets alone at {TARGET_CODES} codes: round {run + 1}/{rounds}")
        for label, command in pairs:
            add(label, wall(command(), env=cold_env()))
    huge = inputs(HUGE_CODES)
    log(f"peak memory: one spec of {HUGE_CODES} codes, every target")
    sample = run_once(spectab(huge)(), env=cold_env(), sample_tree=True)
    # the larger of the biggest single process (wait4) and the sampled sum over its workers
    return {"huge_peak_mb": max(sample.max_rss_mb, sample.tree_peak_mb or 0.0)}


def goal_rows(median: Callable[[str], float], peaks: dict[str, float],
              status: Callable[[bool], str]) -> list[str]:
    """Rows of latency.py's goal table for the generate goals."""
    rows = []
    pairs = [("python", "datamodel-codegen"), ("typescript", "openapi-typescript")]
    for target, peer in pairs:
        try:
            ratio = (median(f"generate --target {target}, {TARGET_CODES} codes")
                     / median(f"{peer}, {TARGET_CODES} codes"))
        except KeyError:
            rows.append(f"| {target} target alone at {TARGET_CODES} codes vs {peer} "
                        f"| <= {PEER_GOAL}x | not measured ({peer} missing) | **not met** |")
            continue
        rows.append(f"| {target} target alone at {TARGET_CODES} codes vs {peer} "
                    f"| <= {PEER_GOAL}x | {ratio:.2f}x | {status(ratio <= PEER_GOAL)} |")
    peak = peaks["huge_peak_mb"]
    rows.append(f"| {HUGE_CODES} codes in one spec, every target: peak RSS "
                f"| < {MEMORY_GOAL_MB:.0f} MB | {peak:.0f} MB | {status(peak < MEMORY_GOAL_MB)} |")
    return rows
