"""A user target's formatter command: the rendered file in on stdin, the formatted file out.

Only a user target (``--target-dir``, ``target_dirs``) may name one; built-in targets run
nothing but spectab. The command is an argument list run without a shell, in an empty
temporary folder, once per generated file, with its output cached like every other rendered
file (pipeline.py). It is bounded: ``timeout`` seconds (the manifest's, at most 600), at
most MAX_OUTPUT bytes read from it, and a failure (a non-zero exit, a missing program, the
time or size exceeded) is one error naming the file, the target and the command's last
words on stderr. A formatter is a program the user chose to run, like a Makefile's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
from typing import IO

from generator.errors import InputError
from generator.render.environment import MAX_OUTPUT
from generator.render.target import Target

STDERR_SHOWN = 400  # characters of a failing command's stderr quoted in the error
CHUNK = 1 << 16  # bytes read from the command at a time


class FormatterError(InputError):
    """A formatter command failed, timed out or wrote too much."""


def run_formatter(target: Target, data: bytes, subject: str) -> bytes:
    """``data`` through ``target.command``; FormatterError when it does not finish well."""
    where = f"{subject}: formatter {' '.join(target.command)!r}"
    with tempfile.TemporaryDirectory(prefix="spectab-format-") as folder:
        try:
            process = subprocess.Popen(
                list(target.command),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=folder,
                start_new_session=True,  # its own process group: a timeout ends all of it
            )
        except OSError as exc:
            raise FormatterError(f"{where}: cannot run: {exc.strerror or exc}") from exc
        expired = threading.Event()
        timer = threading.Timer(target.timeout, _stop, args=(process, expired))
        timer.start()
        try:
            out, err, too_long = _exchange(process, data)
            code = process.wait()
        finally:
            timer.cancel()
            _stop(process, None)
    if too_long:
        raise FormatterError(f"{where}: wrote more than {MAX_OUTPUT >> 20} MiB; stopped")
    if expired.is_set():
        raise FormatterError(f"{where}: took over {target.timeout:g} s; stopped")
    if code != 0:
        shown = err.decode("utf-8", "replace").strip()[-STDERR_SHOWN:]
        raise FormatterError(f"{where}: exit status {code}: {shown or '(no message)'}")
    return out


def _stop(process: subprocess.Popen[bytes], expired: threading.Event | None) -> None:
    """End the command and anything it started (its process group), if still running."""
    if process.returncode is not None:  # reaped: its group id may belong to another now
        return
    if expired is not None:
        expired.set()
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:  # already gone
        pass
    if expired is None:
        process.wait()


def _exchange(process: subprocess.Popen[bytes], data: bytes) -> tuple[bytes, bytes, bool]:
    """Feed stdin and collect stderr in threads while stdout is read here, bounded."""
    assert process.stdin and process.stdout and process.stderr
    errors: list[bytes] = []
    writer = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
    reader = threading.Thread(target=_tail, args=(process.stderr, errors), daemon=True)
    writer.start()
    reader.start()
    chunks: list[bytes] = []
    size = 0
    while chunk := process.stdout.read(CHUNK):
        size += len(chunk)
        if size > MAX_OUTPUT:
            _stop(process, None)
            return b"", b"", True
        chunks.append(chunk)
    writer.join()
    reader.join()
    return b"".join(chunks), b"".join(errors), False


def _feed(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
    except OSError:  # the command stopped reading: its exit status says why
        pass
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _tail(stream: IO[bytes], kept: list[bytes]) -> None:
    """Read stderr to its end, keeping only its last bytes."""
    tail = b""
    while chunk := stream.read(CHUNK):
        tail = (tail + chunk)[-STDERR_SHOWN * 4 :]
    kept.append(tail)
