"""``spectab diff OLD NEW``: what changed between two specs and how much it breaks.

OLD and NEW are each a spec file, a folder of specs (matched by provider id) or a git
``REV:PATH``. A file against a folder is an error (it would report the provider as removed
or, worse, say "no changes" about the wrong pair). Exit status: 0, or 1 when ``--fail-on
LEVEL`` is given and a change at that level or above exists; 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.diff import gitref
from generator.diff.changes import Severity, diff_spec_sets, reaches
from generator.diff.formats import RENDERERS, render_text, terminal_width, use_colour
from generator.errors import InputError, SpecError
from generator.spec.model import Spec
from generator.report import warn
from generator.spec.io import load_spec

# Files in a specs folder that are not specs.
NOT_SPECS = ("providers.yaml", "providers.yml")


def is_spec_name(name: str) -> bool:
    """A spec's file name: YAML, but not an overrides file or the providers list."""
    return (
        name.endswith((".yaml", ".yml"))
        and not name.endswith((".overrides.yaml", ".overrides.yml"))
        and name not in NOT_SPECS
        and not name.startswith(".")
    )


@dataclass
class Side:
    """One side of a diff: the specs by provider id, and whether it named a single file."""

    specs: dict[str, Spec]
    single: bool
    files: dict[str, str] | None = None  # provider id -> file, for a folder


def load_side(argument: str, cwd: Path | None = None) -> Side:
    """Read OLD or NEW; every invalid spec's problems are raised together as one SpecError."""
    ref = gitref.parse(argument)
    if ref is not None:
        files = gitref.read_files(ref, cwd, wanted=is_spec_name)
        single = list(files) == [str(ref)]
        if not files:
            warn(f"{argument}: no spec files in this folder")
    else:
        path = Path(argument)
        if path.is_dir():
            files = {
                str(item): _read_bytes(item)
                for item in sorted(path.iterdir())
                if item.is_file() and is_spec_name(item.name)
            }
            single = False
            if not files:
                warn(f"{argument}: no spec files in this folder")
        elif path.is_file():
            files = {argument: _read_bytes(path)}
            single = True
        else:
            raise InputError(f"{argument}: no such file or folder (nor a git REV:PATH)")
    specs, where = _load_all(files)
    return Side(specs, single, where)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _load_all(files: dict[str, bytes]) -> tuple[dict[str, Spec], dict[str, str]]:
    specs: dict[str, Spec] = {}
    where: dict[str, str] = {}
    problems: list[str] = []
    for name, raw in files.items():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{name}: not UTF-8 (byte {exc.start})")
            continue
        try:
            spec = load_spec(name, text)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        provider_id = spec.provider.id
        if provider_id in specs:
            problems.append(
                f"{name}: provider id {provider_id!r} is also the id of {where[provider_id]}"
            )
            continue
        specs[provider_id] = spec
        where[provider_id] = name
    if problems:
        raise SpecError(problems)
    return specs, where


def load_pair(old_argument: str, new_argument: str) -> tuple[dict[str, Spec], dict[str, Spec]]:
    """Both sides, problems of both reported at once; a file against a folder narrows it."""
    sides: list[Side] = []
    problems: list[str] = []
    for argument in (old_argument, new_argument):
        try:
            sides.append(load_side(argument))
        except SpecError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SpecError(problems)
    old, new = sides
    if old.single != new.single:
        single, other = (old, new) if old.single else (new, old)
        file_arg, folder_arg = (
            (old_argument, new_argument) if old.single else (new_argument, old_argument)
        )
        same = [other.files[key] for key in single.specs if other.files and key in other.files]
        hint = f" (here: {file_arg} {same[0]})" if same and old.single else ""
        hint = f" (here: {same[0]} {file_arg})" if same and not old.single else hint
        raise InputError(
            f"{file_arg} is a spec file but {folder_arg} is a folder: compare two files{hint} "
            "or two folders"
        )
    return old.specs, new.specs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="spec file, folder of specs, or git REV:PATH")
    parser.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="spec file, folder of specs, or git REV:PATH (default: the specs folder of the "
        "settings file, else specs)",
    )
    from generator.commands.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        default="text",
        help="output format (default: text; markdown suits a pull-request comment)",
    )
    parser.add_argument(
        "--fail-on",
        choices=[severity.value for severity in Severity],
        metavar="LEVEL",
        help="exit 1 when a change at LEVEL (breaking, warning, info) or above exists",
    )


def run(args: argparse.Namespace) -> int:
    from generator.commands.config import settle_paths

    if args.new is None:  # the working specs folder, where the settings file puts it
        settle_paths(args, ("specs",))
        args.new = str(args.specs)
    try:
        old, new = load_pair(args.old, args.new)
    except SpecError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 2
    changes = diff_spec_sets(old, new)
    if args.format == "text":
        output = render_text(changes, colour=use_colour(sys.stdout), width=terminal_width())
    else:
        output = RENDERERS[args.format](changes)
    sys.stdout.write(output)
    sys.stdout.flush()
    if args.fail_on and reaches(changes, Severity(args.fail_on)):
        return 1
    return 0
