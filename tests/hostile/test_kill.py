"""SIGKILL at the moment a file changes, at many such moments: out/ and specs/ are always
entirely old or entirely new, and the next run ends with the new tree and no strays.

killhook.py counts every change the run makes under the tree (through audit hooks) and
kills the run at the N-th: deterministic, no timing. A dry run lists the changes; the test
kills at the first, at the folder swap and the changes on either side of it, at the last,
and at evenly spaced ones between.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.helpers import ROOT, tree_digest

HOOK = Path(__file__).with_name("killhook.py")
EXE = str(Path(sys.executable).with_name("spectab"))


def _fresh(tmp_path: Path, name: str) -> Path:
    tree = tmp_path / name
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir()
    shutil.copytree(ROOT / "specs", tree / "specs")
    shutil.copytree(ROOT / "out", tree / "out")
    spec = tree / "specs" / "voipms.yaml"
    spec.write_text(spec.read_text().replace("not a valid DID", "not a valid DID number"))
    return tree


def _run(tree: Path, command: list[str], at: int, log: Path) -> int:
    env = dict(os.environ, SPECTAB_CACHE_DIR=str(tree / "cache"), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, str(HOOK), str(tree), str(at), str(log), *command],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode


def _state(tree: Path) -> tuple[dict[str, str], dict[str, str]]:
    return tree_digest(tree / "out"), tree_digest(tree / "specs")


def _moments(log: Path) -> list[int]:
    events = log.read_text().splitlines()
    total = len(events)
    swaps = [i + 1 for i, line in enumerate(events) if line.startswith("ctypes.call_function")]
    picked = {1, 2, total, *range(1, total + 1, max(1, total // 8))}
    for swap in swaps:
        picked |= {swap - 1, swap, swap + 1}
    return sorted(n for n in picked if 1 <= n <= total)


@pytest.mark.parametrize("command", [["generate"], ["refresh"]])
def test_kill_at_any_change_leaves_old_or_new(tmp_path, command):
    expected = _fresh(tmp_path, "expected")
    old = _state(expected)
    log = tmp_path / "changes.log"
    assert _run(expected, command, 0, log) == 0
    new = _state(expected)
    assert new != old
    moments = _moments(log)
    assert len(moments) >= 5, log.read_text()
    for at in moments:
        tree = _fresh(tmp_path, "killed")
        code = _run(tree, command, at, tmp_path / "unused.log")
        assert code == -signal.SIGKILL, (at, code)
        state = _state(tree)
        assert state in (old, new), f"killed at change {at}: a mix of old and new"
        assert _run(tree, command, 10**9, tmp_path / "unused.log") == 0  # the next run
        assert _state(tree) == new, f"after a kill at change {at}"
        strays = [p.name for p in tree.iterdir() if p.name not in {"out", "specs", "cache"}]
        assert strays == [], (at, strays)
