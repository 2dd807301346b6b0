"""Reading a target folder's ``target.toml``: every mistake is one line (file, key, what was
expected), all of them at once, so a user fixes a manifest in one pass.

A user's target folder is input like a ``--templates`` folder: its manifest and templates
must be regular files inside it (a link leading out is refused), and its formatter command
(if any) runs bounded (external.py). A built-in target may not name a command: built-ins
run nothing but spectab itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.render.casing import CASINGS
from generator.render.target import DEFAULT_NAMES, NAMESPACE, PLACEHOLDER, PROVIDER, Target

MANIFEST = "target.toml"
MAX_MANIFEST = 65536  # bytes a manifest may have (a real one is under 1 KiB)
BUILTIN_FORMATTERS = ("black",)  # formatters spectab runs in-process
DEFAULT_TIMEOUT = 30.0  # seconds a formatter command may take per file, unless set
MAX_TIMEOUT = 600.0  # the most a manifest may allow
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")  # a target's name, as typed after --target
_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}\Z")  # one part of an output path
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")  # a kind of name in ``names`` (t.names.<kind>)
KEYS = {
    "name": "a target name ([a-z][a-z0-9_]*, at most 40 characters)",
    "output": "a relative folder under out/ (letters, digits, _ . -; no ..)",
    "file": 'a file-name pattern holding {id} (e.g. "{id}.py", "{id|pascal}Errors.java")',
    "template": "a template file in the target folder",
    "per": f'"{PROVIDER}" or "{NAMESPACE}"',
    "filters": "a list of filter names",
    "names": 'a table of casings (e.g. {type = "pascal", member = "upper_snake"})',
    "formatter": f'a built-in formatter ({", ".join(BUILTIN_FORMATTERS)}) or '
    "{command = [...], timeout = SECONDS}",
    "index": '{template = "...", file = "..."}',
}
REQUIRED = ("name", "output", "file", "template")


def load_target(folder: Path, builtin: bool) -> Target:
    """The target a folder's manifest describes; InputError with one line per mistake."""
    manifest = folder / MANIFEST
    table = _read(folder, manifest, builtin)
    problems = _Problems(str(manifest))
    for key in table:
        if key not in KEYS:
            problems.add(key, f"unknown key (known: {', '.join(KEYS)})")
    for key in REQUIRED:
        if key not in table:
            problems.add(key, f"missing; expected {KEYS[key]}")
    name = _name(table, folder, builtin, problems)
    per = table.get("per", PROVIDER)
    if per not in (PROVIDER, NAMESPACE):
        problems.expected("per", per)
        per = PROVIDER
    directory = _output(table.get("output"), problems)
    pattern = _pattern(table.get("file"), per, problems)
    template = _template(folder, table.get("template"), builtin, problems, "template")
    fields: dict[str, Any] = {
        "directory": directory,
        "file": pattern,
        "template": f"{name}/{template}",
        "per": per,
        "filters": _filters(table.get("filters", []), problems),
        "names": _names(table.get("names", {}), problems),
        "index": _index(folder, name, table.get("index"), builtin, problems),
        **_formatter(table.get("formatter"), builtin, problems),
    }
    problems.raise_any()
    return Target(name, root=None if builtin else str(folder), manifest=str(manifest), **fields)


class _Problems:
    """The mistakes found so far, each a line ``MANIFEST: KEY: what was expected``."""

    def __init__(self, manifest: str) -> None:
        self.manifest = manifest
        self.lines: list[str] = []

    def add(self, key: str, message: str) -> None:
        self.lines.append(f"{self.manifest}: {key}: {message}")

    def expected(self, key: str, value: Any, what: str | None = None) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        self.add(key, f"expected {what or KEYS[key.split('.')[0]]}, got {shown}")

    def raise_any(self) -> None:
        if self.lines:
            raise InputError("\n".join(self.lines))


def _read(folder: Path, manifest: Path, builtin: bool) -> dict[str, Any]:
    """The manifest's table; a user folder's manifest must be a regular file inside it."""
    import tomllib

    from generator.render.environment import confined_template

    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (a target folder holds {MANIFEST})")
    if not manifest.exists():
        raise InputError(f"{manifest}: not found (a target folder holds {MANIFEST})")
    if not builtin:
        confined_template(folder, manifest)
    try:
        with manifest.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST + 1)
    except OSError as exc:
        raise InputError(f"{manifest}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_MANIFEST:
        raise InputError(f"{manifest}: over {MAX_MANIFEST} bytes; not a target manifest")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{manifest}: not UTF-8 (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{manifest}: invalid TOML: {exc}") from exc


def _name(table: dict[str, Any], folder: Path, builtin: bool, problems: _Problems) -> str:
    name = table.get("name", folder.name)
    if not isinstance(name, str) or not _NAME.match(name):
        problems.expected("name", name)
        return "invalid"
    if builtin and name != folder.name:
        problems.add("name", f"expected the folder's name {folder.name!r}, got {name!r}")
    return name


def _relative(value: str, allow_placeholders: bool) -> bool:
    """A relative path of plain segments (no ``..``, no leading dot, no absolute path)."""
    text = PLACEHOLDER.sub("x", value) if allow_placeholders else value
    return 0 < len(value) <= 200 and all(_SEGMENT.match(part) for part in text.split("/"))


def _output(value: Any, problems: _Problems) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not _relative(value, allow_placeholders=False):
        problems.expected("output", value)
    return str(value)


def _pattern(value: Any, per: str, problems: _Problems) -> str:
    """A file pattern: {id} always, {namespace} exactly when there is a file per namespace."""
    if value is None:
        return ""
    if not isinstance(value, str) or not _relative(value, allow_placeholders=True):
        problems.expected("file", value)
        return "{id}"
    used = PLACEHOLDER.findall(value)
    for _, casing in used:
        if casing and casing not in CASINGS:
            problems.add("file", f"unknown casing {casing!r} (known: {', '.join(CASINGS)})")
    kinds = {kind for kind, _ in used}
    if "id" not in kinds:
        problems.add(
            "file",
            f"expected {{id}} in the pattern (files of providers would collide), got {value!r}",
        )
    if (per == NAMESPACE) != ("namespace" in kinds):
        needs = "holds" if per == NAMESPACE else "has no"
        problems.add("file", f"with per = {per!r} the pattern {needs} {{namespace}}, got {value!r}")
    return value


def _template(folder: Path, value: Any, builtin: bool, problems: _Problems, key: str) -> str:
    """A template file of the folder (a user folder's: a regular file really inside it)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not _relative(value, allow_placeholders=False):
        problems.expected(key, value, KEYS["template"])
        return ""
    path = folder / value
    if not path.is_file():
        problems.add(key, f"expected {KEYS['template']}, got {value!r} (not found in {folder})")
    elif not builtin:
        from generator.render.environment import confined_template

        try:
            confined_template(folder, path)
        except InputError as exc:
            problems.add(key, str(exc))
    return value


def _filters(value: Any, problems: _Problems) -> tuple[str, ...]:
    """Each named filter must exist: an escaper (escape.py) or a casing (casing.py)."""
    from generator.render import casing, escape

    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.expected("filters", value)
        return ()
    known = {**escape.FILTERS, **casing.FILTERS}
    for item in value:
        if item not in known:
            problems.add("filters", f"unknown filter {item!r} (known: {', '.join(sorted(known))})")
    return tuple(value)


def _names(value: Any, problems: _Problems) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        problems.expected("names", value)
        return ()
    names = dict(DEFAULT_NAMES)
    for kind, casing in value.items():
        if not _KIND.match(kind):
            problems.add("names", f"expected a kind of name ([a-z][a-z0-9_]*), got {kind!r}")
        elif not isinstance(casing, str) or casing not in CASINGS:
            problems.expected(f"names.{kind}", casing, f"a casing ({', '.join(CASINGS)})")
        names[kind] = str(casing)
    return tuple(sorted(names.items()))


def _index(
    folder: Path, name: str, value: Any, builtin: bool, problems: _Problems
) -> tuple[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"template", "file"}:
        problems.expected("index", value)
        return None
    template = _template(folder, value["template"], builtin, problems, "index.template")
    file = value["file"]
    if not isinstance(file, str) or not _SEGMENT.match(file):
        problems.expected("index.file", file, "a file name (no folder) in the output folder")
    return f"{name}/{template}", str(file)


def _formatter(value: Any, builtin: bool, problems: _Problems) -> dict[str, Any]:
    """A built-in formatter's name, or (a user target only) a command and its time limit."""
    if value is None:
        return {}
    if isinstance(value, str):
        if value not in BUILTIN_FORMATTERS:
            problems.expected("formatter", value)
        return {"formatter": value}
    if not isinstance(value, dict) or not set(value) <= {"command", "timeout"}:
        problems.expected("formatter", value)
        return {}
    if builtin:
        problems.add("formatter", "a built-in target runs no external command")
    command = value.get("command")
    if (
        not isinstance(command, list)
        or not command
        or not all(isinstance(part, str) and part and "\0" not in part for part in command)
    ):
        problems.expected("formatter.command", command, "a list of strings (program, arguments)")
        command = []
    timeout = value.get("timeout", DEFAULT_TIMEOUT)
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not (0 < timeout <= MAX_TIMEOUT)
    ):
        problems.expected(
            "formatter.timeout", timeout, f"seconds, over 0 and at most {MAX_TIMEOUT:g}"
        )
        timeout = DEFAULT_TIMEOUT
    return {"command": tuple(command), "timeout": float(timeout)}
