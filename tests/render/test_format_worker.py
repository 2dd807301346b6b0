"""The forked black worker gives exactly what in-process black gives, whatever happens to it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.render.format_worker import FormatWorker
from generator.render.formatting import black_format

from .test_cli import project, spectab  # noqa: F401  (project is a fixture)

UGLY = "x = {  'a':1,'b' :[1,2,\n3]}\ndef f( a ):\n  return a\n"


@pytest.fixture
def worker():
    started = FormatWorker.start()
    if started is None:
        pytest.skip("one CPU or no os.fork: formatting stays in-process by design")
    yield started
    started.close()


def test_results_equal_in_process_black_and_come_back_in_order(worker):
    texts = [UGLY, UGLY.replace("1", "2"), "y=( 1 )\n"]
    pending = [worker.submit(text, f"text {index}") for index, text in enumerate(texts)]
    assert [wait() for wait in pending] == [black_format(text, "t") for text in texts]


def test_python_that_does_not_parse_is_an_input_error_naming_the_subject(worker):
    pending = worker.submit("def (:\n", "python/module.py.j2 for specs/demo.yaml")
    with pytest.raises(InputError, match=r"python/module.py.j2 for specs/demo.yaml: the template"):
        pending()
    assert worker.submit("z=1\n", "after")() == "z = 1\n"  # the worker keeps serving


def test_a_killed_worker_falls_back_to_formatting_here(worker):
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    first = worker.submit(UGLY, "t")
    assert first() == black_format(UGLY, "t")
    assert worker.broken
    assert worker.submit(UGLY, "t")() == black_format(UGLY, "t")


def test_one_cpu_formats_in_process_with_the_same_bytes(project, tmp_path: Path):
    """Same output whether black runs in the worker (2+ CPUs) or in-process (1 CPU)."""
    assert spectab("--no-cache", cwd=project).returncode == 0
    with_worker = {p.name: p.read_bytes() for p in (project / "out/python").iterdir()}
    one_cpu = (
        "import os, sys; os.cpu_count = lambda: 1; from generator.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", one_cpu, "generate", "--no-cache", "--out", "out1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    alone = {p.name: p.read_bytes() for p in (project / "out1/python").iterdir()}
    assert alone == with_worker
