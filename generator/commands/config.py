"""Persisted ``generate`` settings: ``spectab.toml``, else ``[tool.spectab]`` in pyproject.toml.

So that ``make generate``, ``spectab generate --check`` in CI and a developer's bare
``spectab generate`` render the same bytes, every option lives in one file. Flags override
it. Paths in it are relative to the file's folder, as in other tools' TOML settings.
Both candidates are looked for in the working directory only: what a run depends on stays
small enough for the no-change shortcut to stamp (render/uptodate.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import InputError

CANDIDATES = ("spectab.toml", "pyproject.toml")
# key -> (expected type, what a user is told it must be)
KEYS: dict[str, tuple[type, str]] = {
    "specs": (str, "a folder path"),
    "out": (str, "a folder path"),
    "templates": (str, "a folder path"),
    "targets": (list, "a list of target names"),
    "target_dirs": (list, "a list of target folder paths"),
    "openapi_version": (str, '"3.1" or "3.0"'),
    "docs_base_url": (str, "a URL (or a path prefix)"),
}
PATH_KEYS = ("specs", "out", "templates")
PATH_LIST_KEYS = ("target_dirs",)  # lists of paths, each relative to the settings file


@dataclass
class Config:
    """The settings a file holds (paths resolved against its folder) and where they came from."""

    path: Path | None = None
    table: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.path} [{self.table}]" if self.table else str(self.path)


def _parse(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML: {exc}") from exc
    return data


def _table(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The settings table of a candidate file, or None when a pyproject.toml has none."""
    data = _parse(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "spectab" not in tool:
            return None
        table = tool["spectab"]
        if not isinstance(table, dict):
            raise InputError(f"{path}: [tool.spectab] must be a table")
        return "tool.spectab", table
    return "", data


def _check(path: Path, where: str, table: dict[str, Any]) -> dict[str, Any]:
    prefix = f"{path}: {where + '.' if where else ''}"
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise InputError(f"{prefix}{key}: unknown setting (known: {', '.join(KEYS)})")
        kind, expected = KEYS[key]
        if not isinstance(value, kind) or (
            isinstance(value, list) and not all(isinstance(item, str) for item in value)
        ):
            raise InputError(f"{prefix}{key}: expected {expected}, got {value!r}")
        if key == "openapi_version" and value not in ("3.1", "3.0"):
            raise InputError(f"{prefix}{key}: expected {expected}, got {value!r}")
        if key in PATH_KEYS:
            value = str(path.parent / str(value))
        if key in PATH_LIST_KEYS:
            value = [str(path.parent / item) for item in value]
        values[key] = value
    return values


def candidates(cwd: Path | None = None) -> list[Path]:
    """Every file whose presence or content can change the settings (for the stamp)."""
    base = cwd or Path(".")
    return [base / name for name in CANDIDATES]


def load(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """The settings of ``explicit`` (``--config FILE``), else of the first candidate holding
    some; an empty Config when none does."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise InputError(f"{path}: config file not found")
        found = _table(path)
        if found is None:
            raise InputError(f"{path}: no [tool.spectab] table")
        return Config(path, found[0], _check(path, found[0], found[1]))
    for path in candidates(cwd):
        if path.is_file():
            found = _table(path)
            if found is not None:
                return Config(path, found[0], _check(path, found[0], found[1]))
    return Config()


def own_folder(flag: str, value: str | Path, replaced: bool) -> Path:
    """The folder a flag names, refused in one line when it cannot be spectab's: empty, the
    file system's root, or (when the run ``replaced`` it as a whole, as out/ and specs/ are)
    the working folder or one containing it, whose swap would clone the project and leave
    the caller in a deleted folder."""
    text = str(value)
    if not text.strip():
        raise InputError(f"{flag} {text!r}: an empty path; name a folder")
    real = Path(text).resolve()
    if real == Path(real.anchor):
        raise InputError(f"{flag} {text}: the root of the file system; name a folder of its own")
    if replaced and Path.cwd().resolve().is_relative_to(real):
        raise InputError(
            f"{flag} {text}: the working folder or one containing it; spectab replaces this "
            "folder as a whole, so name one of its own (e.g. out)"
        )
    return Path(text)
