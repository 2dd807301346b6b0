"""Killing spectab does not leave its black worker running or holding spectab's stdout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.hostile.helpers import ROOT

PARENT = textwrap.dedent("""\
    import os, signal, sys, time
    from generator.render.format_worker import FormatWorker
    worker = FormatWorker.start()
    assert worker is not None
    text = "".join(f"x{i} = {{ 'a' : [1,2,3], 'b' : ( {i} , ) }}\\n" for i in range(20000))
    worker.submit(text, "big")  # black is busy with this for seconds
    time.sleep(0.5)  # not a timing assumption: only lets the child reach its loop
    print(worker.pid, os.readlink(f"/proc/{worker.pid}/fd/1"), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][0] not in "ZX"
    except FileNotFoundError:
        return False


def test_worker_dies_with_its_parent_and_lets_go_of_stdout():
    if (os.cpu_count() or 1) < 2 or not Path("/proc").is_dir():
        import pytest

        pytest.skip("the worker runs only with 2+ CPUs; /proc needed to look at it")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, env=env, text=True
    )
    # communicate() returns when every holder of the stdout pipe has closed it
    out, _ = parent.communicate(timeout=120)
    assert parent.returncode == -signal.SIGKILL
    pid_text, stdout_target = out.split()
    assert stdout_target == "/dev/null"  # the worker never held spectab's stdout
    pid = int(pid_text)
    deadline = time.monotonic() + 60  # generous: it dies at once; black alone takes seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
