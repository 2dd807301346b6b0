"""Writing files and folders so that a reader never sees half of them: the rules every
writer shares. One file: temp file + rename. A folder (out/, specs/): a copy of it is
changed beside it, then the two names are swapped at once, under a lock, so a reader, a
second run or a crash sees either the old or the new tree, never a mix."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from generator.errors import InputError
from generator.files.lock import _sibling, _write_error, locked

__all__ = ["locked", "plain_file", "replace_tree", "write_atomic"]

_LEFTOVER = re.compile(r"\..+\.tmp\Z")  # write_atomic's temp files, left by a crash


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path | str, text: str | bytes | Path) -> None:
    """Write via a temp file in the same folder and rename, so readers never see half a file.
    A device (``-o /dev/null``) is written in place: renaming over it would replace the
    machine's device node with a regular file. A Path's file is copied a chunk at a time
    (a staged output can be 80 MB)."""
    target = Path(path)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if _is_device(target):
        with open(target, "wb") as device:
            _put(device, raw)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _put(handle, raw)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:  # a failed write names no file
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc
        raise


def _put(handle: BinaryIO, content: bytes | Path) -> None:
    if isinstance(content, Path):
        with open(content, "rb") as source:
            shutil.copyfileobj(source, handle)
    else:
        handle.write(content)


def _is_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False


def plain_file(path: Path, root: Path | None = None) -> None:
    """Refuse ``path`` unless a regular file (or absent) reached from ``root`` through no link:
    a link may lead anywhere (a key file), a FIFO or device hangs a read. Never opens it."""
    rel = path.relative_to(root).parts if root is not None else ()
    steps = [root.joinpath(*rel[: i + 1]) for i in range(len(rel))] if root else [path]
    for step in steps:
        try:
            mode = os.lstat(step).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(f"{step}: cannot read: {exc.strerror or exc}") from None
        if stat.S_ISLNK(mode):
            raise InputError(f"{step}: is a symbolic link; spectab follows no links here")
        if step == path and not stat.S_ISREG(mode):
            raise InputError(f"{step}: not a regular file (a folder, FIFO or device); refused")


def replace_tree(folder: Path, writes: Mapping[str, bytes | Path], deletes: list[str]) -> None:
    """Write ``writes`` and delete ``deletes`` (paths relative to ``folder``) all at once:
    a hard-linked copy of the folder is changed beside it, then swapped in. Call it inside
    ``locked(folder)``. Any OSError becomes one line naming the path; the folder is then
    exactly as it was."""
    if not writes and not deletes:
        return
    real = folder.resolve()
    new = _sibling(real, "new")
    try:
        _writable(real, [*writes, *deletes])
        if os.path.lexists(real) and not real.is_dir():
            raise OSError(errno.ENOTDIR, "not a folder", os.fspath(real))
        if real.is_dir():
            _clone(real, new)
        else:
            new.mkdir()
        for rel, data in writes.items():
            write_atomic(new / rel, data)
        for rel in deletes:
            (new / rel).unlink(missing_ok=True)
        _swap(new, real)
    except OSError as exc:
        raise _write_error(exc, real, new) from None
    finally:
        shutil.rmtree(new, ignore_errors=True)  # after the swap, this holds the old tree


def _writable(real: Path, rels: list[str]) -> None:
    """A read-only folder stays unchanged even though its copy could be swapped in."""
    for folder in {real, *(real / rel for rel in rels)}:
        while folder != real.parent and not folder.exists():
            folder = folder.parent
        if folder.exists() and not os.access(folder, os.W_OK):
            raise OSError(errno.EACCES, "read-only", os.fspath(folder))


def _clone(source: Path, dest: Path) -> None:
    """``source`` copied to ``dest`` with hard links (nothing is ever written in place)."""
    dest.mkdir()
    for root, dirs, names in os.walk(source):
        there = dest / Path(root).relative_to(source)
        for name in dirs:
            path = Path(root, name)
            if path.is_symlink():
                os.symlink(os.readlink(path), there / name)
            else:
                (there / name).mkdir()
        for name in names:
            path = Path(root, name)
            if path.is_symlink():
                os.symlink(os.readlink(path), there / name)
            elif not _LEFTOVER.match(name):
                try:
                    os.link(path, there / name, follow_symlinks=False)
                except OSError:
                    shutil.copy2(path, there / name)
        dirs[:] = [name for name in dirs if not Path(root, name).is_symlink()]
        shutil.copymode(root, there)


def _swap(new: Path, real: Path) -> None:
    """Put ``new`` in ``real``'s place: one renameat2(RENAME_EXCHANGE) where the system has
    it; else two renames (a crash between them is undone by ``_recover``)."""
    if not real.exists():
        os.rename(new, real)
        return
    if _exchange(new, real):
        return
    old = _sibling(real, "old")
    os.rename(real, old)
    os.rename(new, real)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2  # <fcntl.h>, <linux/fs.h>
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), os.fspath(b))
