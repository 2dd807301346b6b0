"""Run one ``spectab`` command under pyinstrument; write its call tree and top self costs.

Usage: python bench/profile_cmd.py OUT_PREFIX -- SPECTAB_ARGS...
Writes OUT_PREFIX.tree.txt (wall-clock call tree) and OUT_PREFIX.top.json (functions by
self time, summed over every place they were called from), which bench/run.py puts in
RESULTS.md. A separate process so the profile sees a cold interpreter, as a user would.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _self_times(frame: Any, totals: dict[tuple[str, str, int], float]) -> None:
    """Sum each function's self time over the whole tree (iteratively: trees are deep).

    ``total_self_time`` already includes the synthetic ``[self]``/``[await]`` children, so
    those are skipped rather than counted twice. mypyc-compiled code (black) and C
    extensions are invisible to the sampler: their time is the caller's self time.
    """
    stack = [frame]
    while stack:
        node = stack.pop()
        if not node.is_synthetic:
            key = (node.function or "?", node.file_path_short or "?", node.line_no or 0)
            totals[key] += node.total_self_time
        stack.extend(node.children)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    prefix = Path(argv[0])
    command = argv[2:]
    from pyinstrument import Profiler

    from generator.cli import main as spectab_main

    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        code: int = spectab_main(command)
    finally:
        profiler.stop()
    session = profiler.last_session
    assert session is not None
    prefix.parent.mkdir(parents=True, exist_ok=True)
    tree = profiler.output_text(unicode=True, color=False, show_all=False, timeline=False)
    prefix.with_suffix(".tree.txt").write_text(tree, encoding="utf-8")
    root = session.root_frame(trim_stem=False)
    totals: dict[tuple[str, str, int], float] = defaultdict(float)
    if root is not None:
        _self_times(root, totals)
    top = sorted(totals.items(), key=lambda item: -item[1])[:25]
    payload = {
        "duration": session.duration,
        "exit_code": code,
        "top_self": [
            {"function": f, "file": p, "line": line, "seconds": round(t, 4)}
            for (f, p, line), t in top
        ],
    }
    prefix.with_suffix(".top.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
