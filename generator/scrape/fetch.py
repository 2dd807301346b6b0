"""Placeholder (the readers helper replaces it): load a local file's bytes as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass
class Fetched:
    """A page's bytes decoded to text, with what the transport said about it."""

    location: str
    data: bytes
    text: str
    media_type: str | None = None


def load_source(location: str) -> Fetched:
    try:
        data = Path(location).read_bytes()
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc
    return Fetched(location, data, data.decode("utf-8-sig", errors="replace"))
