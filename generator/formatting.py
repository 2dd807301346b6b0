"""black, in-process, behind a content-hash cache shared safely between runs.

Formatting is the most expensive step of generation, and its result depends only on the
input text, black's version and the mode, so the cache key is exactly those. Entries are
written by temp file + rename: two runs sharing the cache can only ever read a whole entry.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from functools import lru_cache

from .errors import InputError

LINE_LENGTH = 100
MODE_DESCRIPTION = f"line_length={LINE_LENGTH};target=py39;string_normalization;magic_comma"


def cache_root() -> Path:
    """``$SPECTAB_CACHE_DIR``, else the platform's user cache directory."""
    configured = os.environ.get("SPECTAB_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("spectab"))


@lru_cache(maxsize=1)
def black_version() -> str:
    from importlib import metadata

    return metadata.version("black")


def _cache_key(text: str) -> str:
    digest = hashlib.sha256(f"black {black_version()}\0{MODE_DESCRIPTION}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def format_python(text: str, cache_dir: Path | None, subject: str) -> str:
    """``black.format_str`` with the pinned mode, served from the cache when possible."""
    entry = None
    if cache_dir is not None:
        key = _cache_key(text)
        entry = cache_dir / "black" / key[:2] / f"{key}.py"
        try:
            return entry.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            pass
    formatted = _black(text, subject)
    if entry is not None:
        from .spec_io import write_atomic

        try:
            write_atomic(entry, formatted)
        except OSError:  # a read-only or full cache only costs speed
            pass
    return formatted


def _black(text: str, subject: str) -> str:
    import black
    from black.mode import TargetVersion
    from black.parsing import InvalidInput

    mode = black.Mode(
        target_versions={TargetVersion.PY39},
        line_length=LINE_LENGTH,
        string_normalization=True,
        magic_trailing_comma=True,
    )
    try:
        return black.format_str(text, mode=mode)
    except InvalidInput as exc:
        raise InputError(
            f"{subject}: the template produced Python that does not parse ({exc}); "
            "fix the template (see --templates)"
        ) from exc
