"""``spectab validate`` and ``spectab schema``: the checks of every file a user writes.

Three kinds of file live in a specs folder: specs (``<id>.yaml``, written by ``refresh``),
overrides (``<id>.overrides.yaml``) and ``providers.yaml`` (both written by hand). Each is
told by its name, else by its first key, so ``spectab validate specs/`` checks them all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from generator.curate.overrides import OVERRIDES_SCHEMA, classification_stats, load_overrides
from generator.errors import InputError, SpecError
from generator.spec.io import json_schema, load_spec

KINDS = ("spec", "overrides", "providers")
_SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="spec, overrides or providers.yaml files, or folders of them (default: the "
        "specs folder of the settings file, else specs)",
    )
    from generator.commands.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument(
        "--stats",
        action="store_true",
        help="show how many entries each classification rule decided",
    )


def kind_of(path: Path) -> str | None:
    """A YAML file's kind from its name, else its first key; None for other files."""
    name = path.name
    if not name.endswith((".yaml", ".yml")) or name.startswith("."):
        return None
    if name in ("providers.yaml", "providers.yml"):
        return "providers"
    if name.endswith((".overrides.yaml", ".overrides.yml")):
        return "overrides"
    try:
        head = path.read_text("utf-8", errors="replace")
    except OSError:
        return "spec"  # load_spec says why it cannot be read
    for line in head.splitlines():
        if line.startswith("spectab_overrides:"):
            return "overrides"
        if line.startswith("providers:"):
            return "providers"
        if line and not line.startswith(("#", " ", "-")):
            break
    return "spec"


def expand(arguments: list[str]) -> list[tuple[Path, str]]:
    """Each file with its kind; a folder gives its YAML files (sub-folders too), sorted."""
    found: list[tuple[Path, str]] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = [(item, kind_of(item)) for item in sorted(path.rglob("*")) if item.is_file()]
            chosen = [(item, kind) for item, kind in files if kind is not None]
            if not chosen:
                raise InputError(f"{path}: no spec, overrides or providers.yaml files in it")
            found.extend(chosen)
        else:
            found.append((path, kind_of(path) or "spec"))
    return found


def _check(path: Path, kind: str, stats: bool) -> None:
    if kind == "overrides":
        overrides = load_overrides(path)
        if not path.exists():
            raise InputError(f"{path}: cannot read: no such file")
        count = len(overrides.data.get("namespaces") or {})
        print(f"{path}: ok (overrides of {count} namespace{'s' if count != 1 else ''})")
        return
    if kind == "providers":
        from generator.commands.refresh import load_providers_file

        entries = load_providers_file(path)
        missing = [
            f"{path}: {entry.id}: snapshot {entry.snapshot} not found"
            for entry in entries
            if not (path.parent / entry.snapshot).is_file()
        ]
        if missing:
            raise SpecError(missing)
        print(f"{path}: ok ({len(entries)} providers)")
        return
    spec = load_spec(path)
    print(f"{path}: ok ({len(spec.namespaces)} namespaces, {spec.entry_count} entries)")
    if stats:
        counts = classification_stats(spec)
        for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            marker = "  <- fell to the default rule" if rule == "default" else ""
            print(f"  {count:6d}  {rule}{marker}")


def run_validate(args: argparse.Namespace) -> int:
    if not args.paths:  # the whole specs folder, where the settings file puts it
        from generator.commands.config import settle_paths

        settle_paths(args, ("specs",))
        args.paths = [str(args.specs)]
    problems: list[str] = []
    for path, kind in expand(args.paths):
        try:
            _check(path, kind, args.stats)
        except SpecError as exc:
            problems.extend(exc.problems)
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        print("\n".join(f"spectab: error: {line}" for line in problems), file=sys.stderr)
        return 2
    return 0


def add_schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="spec",
        help="which file's schema: spec (default), overrides or providers (providers.yaml)",
    )


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file, ready for an editor's YAML plugin."""
    if kind == "spec":
        return json_schema()
    from generator.commands.refresh import PROVIDERS_SCHEMA

    body = OVERRIDES_SCHEMA if kind == "overrides" else PROVIDERS_SCHEMA
    title = (
        "spectab overrides file (<id>.overrides.yaml)"
        if kind == "overrides"
        else "spectab providers list (providers.yaml)"
    )
    return {"$schema": _SCHEMA_URI, "title": title, **body}


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema_of(args.kind), indent=2, ensure_ascii=False))
    return 0
