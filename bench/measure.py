"""Timing and memory of one child process, the way a user would see it from a shell.

Wall time is measured around the whole subprocess (interpreter start-up included, as in
CI). Peak memory comes from ``wait4``'s rusage for that child alone (``ru_maxrss``: the
largest single process in its tree), and optionally from sampling ``/proc`` every few
milliseconds for the summed RSS of the child and all its descendants, which is what
matters when a tool fans out to worker processes.

Caveat: Linux charges a child's ``ru_maxrss`` with the address space it had between fork
and exec, i.e. this driver's own size. So the driver never loads big data itself (inputs
are made and counted in child processes) and reports its own peak as the floor.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message carries the tail of its stderr."""


@dataclass
class Sample:
    wall: float  # seconds
    max_rss_mb: float  # largest single process of the child's tree
    tree_peak_mb: float | None = None  # sampled sum over the tree, when asked for


@dataclass
class Series:
    """Repeated samples of one command; the report uses medians."""

    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def wall_min(self) -> float:
        return min(s.wall for s in self.samples)

    @property
    def wall_max(self) -> float:
        return max(s.wall for s in self.samples)

    @property
    def rss(self) -> float:
        return max(s.max_rss_mb for s in self.samples)

    @property
    def tree_peak(self) -> float | None:
        peaks = [s.tree_peak_mb for s in self.samples if s.tree_peak_mb is not None]
        return max(peaks) if peaks else None


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after the last ")"
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_rss_kb(root: int) -> int:
    tree = _children_of()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(tree.get(pid, ()))
    return total


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            self.done.wait(self.interval)


def driver_peak_mb() -> float:
    """This process's own peak RSS: the floor under every child's ``max_rss_mb``."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    sample_tree: bool = False,
    interval: float = 0.02,
) -> Sample:
    """Run ``command`` to completion; raise CommandFailed unless it exits 0."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        sampler = _TreeSampler(process.pid, interval) if sample_tree else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        if process.returncode != 0:
            stderr.seek(0)
            tail = stderr.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise CommandFailed(
                f"{' '.join(command[:3])} ... exited {process.returncode}: " + " | ".join(tail)
            )
    tree_peak = sampler.peak_kb / 1024 if sampler else None
    return Sample(wall=wall, max_rss_mb=usage.ru_maxrss / 1024, tree_peak_mb=tree_peak)
