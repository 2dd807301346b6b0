"""Read a file or a folder as it was at a git revision: ``REV:PATH`` (``HEAD~1:specs``).

PATH is taken relative to the current directory, like every other path argument (git's own
``REV:PATH`` is relative to the repository root); both files and folders work.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.errors import InputError

_REF = re.compile(r"(?P<rev>[^:\s][^:]*):(?P<path>.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class GitRef:
    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"

    @property
    def object_name(self) -> str:
        """The name git resolves: ``./`` makes the path relative to the working directory."""
        path = self.path.strip("/")
        return f"{self.rev}:./{path}" if path not in ("", ".") else f"{self.rev}:./"


def parse(argument: str) -> GitRef | None:
    """A ``REV:PATH`` reference, or None when ``argument`` is an existing path or no ref."""
    if Path(argument).exists():
        return None
    match = _REF.match(argument)
    if not match:
        return None
    return GitRef(match["rev"], match["path"])


def _git(args: list[str], ref: GitRef, cwd: Path | None) -> bytes:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError as exc:
        raise InputError(
            f"{ref}: reading a git revision needs git, which is not installed"
        ) from exc
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[0] if reason else f"git exited with {result.returncode}"
        raise InputError(f"{ref}: not readable from git: {detail}")
    return result.stdout


def read_files(
    ref: GitRef, cwd: Path | None = None, wanted: Callable[[str], bool] = lambda name: True
) -> dict[str, bytes]:
    """The file at ``ref``, or the ``wanted`` files directly in the folder at ``ref``.

    Keys are display names (``HEAD~1:specs/voipms.yaml``) so errors can point at them.
    """
    kind = _git(["cat-file", "-t", ref.object_name], ref, cwd).decode().strip()
    if kind == "blob":
        return {str(ref): _git(["cat-file", "blob", ref.object_name], ref, cwd)}
    if kind != "tree":
        raise InputError(f"{ref}: is a git {kind}, expected a file or a folder")
    # --full-tree: from a subfolder, ls-tree would otherwise filter by the working directory
    listing = _git(["ls-tree", "-z", "--full-tree", ref.object_name], ref, cwd).decode(
        "utf-8", "replace"
    )
    files: dict[str, bytes] = {}
    prefix = ref.path.rstrip("/")
    prefix = "" if prefix in ("", ".") else prefix
    for row in filter(None, listing.split("\0")):
        meta, name = row.split("\t", 1)
        _mode, object_type, object_id = meta.split()
        if object_type != "blob" or not wanted(name):
            continue
        display = f"{ref.rev}:{prefix}/{name}" if prefix else f"{ref.rev}:{name}"
        files[display] = _git(["cat-file", "blob", object_id], ref, cwd)
    return files
