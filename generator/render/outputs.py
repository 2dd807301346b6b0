"""Comparing rendered files with ``out/`` and swapping them in.

Nothing here renders: by the time these run, every file of the run exists (staged on disk,
staging.py), so a failure earlier leaves ``out/`` untouched. Only files spectab generated (their first lines
carry the header mark) count as "extra" and are deleted; anything else in ``out/`` is left.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from generator.errors import InputError
from generator.render.staging import Staged, same_file
from generator.render.targets import Target
from generator.render.viewmodel import HEADER_MARK

_PEEK = 1024
_LEFTOVER = re.compile(r"\.(.+)\.[^.]+\.tmp\Z")  # files.write_atomic's temp file names


def is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK)
    except OSError:
        return False
    return HEADER_MARK.encode() in head


def _places(folder: Path, depth: int) -> list[Path]:
    """The folders ``depth`` levels under ``folder`` (where a target's files lie when its
    file pattern has folders: "{id}/errors.go"); links are not followed."""
    level = [folder] if folder.is_dir() else []
    for _ in range(depth):
        level = [
            sub
            for place in level
            for sub in sorted(place.iterdir())
            if sub.is_dir() and not sub.is_symlink()
        ]
    return level


def _owned(target: Target, name: str) -> bool:
    """A file name a target could have generated (its index, or its pattern's fixed end)."""
    return name.endswith(target.suffix) or (target.index is not None and name == target.index[1])


def scan(out_dir: Path, targets: Iterable[Target]) -> dict[str, Path]:
    """Generated files now in ``out/`` for these targets: relative path -> path."""
    found: dict[str, Path] = {}
    for target in targets:
        for place in _places(out_dir / target.directory, target.depth):
            for path in sorted(place.iterdir()):
                leftover = _LEFTOVER.match(path.name)  # a crashed write's temp file: extra
                if path.is_file() and (
                    (_owned(target, path.name) and is_generated(path))
                    or (leftover and _owned(target, leftover[1]))
                ):
                    found[path.relative_to(out_dir).as_posix()] = path
    return found


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _readable(path: Path) -> bool:
    """Whether ``read_bytes`` would give the file's bytes (not None)."""
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False


def _text(data: bytes | None) -> str:
    return "" if data is None else data.decode("utf-8", "replace")


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only (``splitlines`` would also split on U+2028 and friends)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def stale(
    out_dir: Path, desired: Mapping[str, bytes], existing: dict[str, Path]
) -> tuple[list[str], list[str], list[str]]:
    """(changed, missing, extra) relative paths, each sorted."""
    changed, missing = [], []
    for rel in sorted(desired):
        path = out_dir / rel
        if isinstance(desired, Staged):  # compared a chunk at a time, never whole in memory
            if not _readable(path):
                missing.append(rel)
            elif not same_file(desired.path(rel), path):
                changed.append(rel)
            continue
        current = read_bytes(path)
        if current is None:
            missing.append(rel)
        elif current != desired[rel]:
            changed.append(rel)
    extra = sorted(rel for rel in existing if rel not in desired)
    return changed, missing, extra


def unified_diffs(
    out_dir: Path,
    desired: Mapping[str, bytes],
    changed: list[str],
    missing: list[str],
    extra: list[str],
) -> str:
    """One unified diff per stale, missing or extra file, in path order."""
    chunks: list[str] = []
    label = out_dir.as_posix().rstrip("/")
    for rel in sorted(changed + missing + extra):
        old = "" if rel in missing else _text(read_bytes(out_dir / rel))
        new = "" if rel in extra else desired[rel].decode("utf-8")
        diff = difflib.unified_diff(
            _lines(old),
            _lines(new),
            fromfile="/dev/null" if rel in missing else f"a/{label}/{rel}",
            tofile="/dev/null" if rel in extra else f"b/{label}/{rel}",
        )
        for line in diff:
            chunks.append(
                line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            )
    return "".join(chunks)


def refuse_symlinks(out_dir: Path, targets: Iterable[Target]) -> None:
    """A target folder that is a link is never written through or cleaned: it may point
    anywhere (outside out/ too), and the new tree replaces out/ as a whole. A file of a
    target's kind that is a link (to a key file, say) or not a regular file (a FIFO hangs
    a read) is never read, so ``--check`` cannot print what it leads to."""
    from generator.files import plain_file

    for target in targets:
        folder = out_dir / target.directory
        if folder.is_symlink():
            raise InputError(
                f"{folder}: is a symbolic link (to {os.readlink(folder)}); spectab writes only "
                "real folders in its output folder"
            )
        for depth in range(target.depth + 1):
            for place in _places(folder, depth):
                for path in sorted(place.iterdir()):
                    if depth < target.depth and path.is_symlink():
                        raise InputError(
                            f"{path}: is a symbolic link (to {os.readlink(path)}); spectab "
                            "writes only real folders in its output folder"
                        )
                    if (depth == target.depth or depth == 0) and (
                        _owned(target, path.name) or _LEFTOVER.match(path.name)
                    ):
                        plain_file(path, out_dir)  # an index lies at depth 0


class _Subset(Mapping[str, Path]):
    """The staged files of ``desired`` named in ``rels`` (copied, never read whole)."""

    def __init__(self, desired: Staged, rels: list[str]) -> None:
        self.desired, self.rels, self.named = desired, rels, set(rels)

    def __getitem__(self, rel: str) -> Path:
        if rel not in self.named:
            raise KeyError(rel)
        return self.desired.path(rel)

    def __iter__(self) -> Iterator[str]:
        return iter(self.rels)

    def __len__(self) -> int:
        return len(self.rels)


def apply(
    out_dir: Path,
    desired: Staged,
    changed: list[str],
    missing: list[str],
    extra: list[str],
) -> None:
    """Write changed and missing files and delete extras, all at once (files.replace_tree)."""
    from generator.files import replace_tree

    replace_tree(out_dir, _Subset(desired, changed + missing), extra)
