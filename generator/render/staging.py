"""Rendered files kept on disk, not in memory, until the run swaps them into ``out/``.

A 100k-code spec makes over 300 MB of output across the targets; holding it all until the
run writes it together was most of the run's peak memory. Each file is written to a staging
folder as soon as it is rendered (or, when reused, left where it lies in ``out/``), and read
back one at a time when compared or written. ``out/`` is still replaced all at once, later.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20  # bytes read at a time when comparing a staged file with one in out/


class Staged(Mapping[str, bytes]):
    """out/-relative path -> bytes, each read from the file that holds it when asked."""

    def __init__(self, out_dir: Path | None = None) -> None:
        self.folder = _stage_folder(out_dir)
        self._cleanup = weakref.finalize(self, _remove, self.folder, os.getpid())
        self._where: dict[str, Path] = {}

    def close(self) -> None:
        """Delete the staged files now (else when this object goes, or at exit)."""
        self._cleanup()

    def add(self, rel: str, path: Path) -> None:
        self._where[rel] = path

    def path(self, rel: str) -> Path:
        return self._where[rel]

    def __getitem__(self, rel: str) -> bytes:
        return self._where[rel].read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, rel: object) -> bool:
        return rel in self._where


STAGE_MARK = "spectab-stage"


def _stage_folder(out_dir: Path | None) -> Path:
    """A new folder beside ``out_dir`` (same disk, cleaned by the next run's lock if this
    run is killed: its name holds our pid); the system's temp folder if that cannot be."""
    if out_dir is not None:
        real = out_dir.resolve()
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
            prefix = f".{real.name}.{STAGE_MARK}-{os.getpid()}-"
            return Path(tempfile.mkdtemp(prefix=prefix, dir=real.parent))
        except OSError:
            pass  # a read-only parent (generate --check): the files go elsewhere
    return Path(tempfile.mkdtemp(prefix=f"{STAGE_MARK}-{os.getpid()}-"))


def _remove(folder: Path, owner: int) -> None:
    """Delete the staging folder, but never from a forked child that inherited it."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


def stage_name(folder: Path, *parts: str) -> Path:
    """A file in ``folder`` unique to (record, path): parallel workers never share one."""
    return folder / hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]


class HashingSink:
    """A binary file that also hashes what is written to it (the manifest's sha256)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)


def write_staged(path: Path, data: bytes) -> str:
    """Write ``data`` to ``path``; its sha256 (hex)."""
    with open(path, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def same_file(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes, compared a chunk at a time."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as left, open(b, "rb") as right:
            while True:
                one, two = left.read(_CHUNK), right.read(_CHUNK)
                if one != two:
                    return False
                if not one:
                    return True
    except OSError:
        return False
