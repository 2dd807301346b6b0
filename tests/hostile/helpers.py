"""What every hostile case must end in: one line on stderr, exit 2, no traceback."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def one_line_exit_2(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The error line; fails unless the run exited 2 with exactly one line naming ``needles``."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    said = result.stderr.splitlines()  # warnings and progress lines (refresh: [1/4] id: ...) aside
    lines = [line for line in said if not line.startswith(("spectab: warn", "refresh: ["))]
    assert len(lines) == 1, result.stderr[-2000:]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` (hidden ones too) -> sha256 of its bytes/target."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[rel + "/"] = "dir"
    return found


def run_bounded(
    *args: str, cwd: Path | None = None, memory: int = 1 << 30, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``spectab`` with a cap on its address space and time, for inputs that, unchecked,
    would eat gigabytes (the cap turns that into a failed test, not a swapping machine)."""
    import os
    import resource
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    exe = Path(sys.executable).with_name("spectab")
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=timeout,
        preexec_fn=limit,
    )
