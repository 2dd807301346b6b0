"""``spectab generate``: render specs into ``out/`` (python, typescript, openapi, markdown).

Everything is rendered in memory first (pipeline.py), then compared with ``out/``: ``--check``
prints a unified diff per stale, missing or extra file and exits 1; otherwise changed files
are written (temp file + rename) and outputs of removed specs are deleted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.render.targets import TARGETS, Target

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.commands.config import Config
    from generator.render.pipeline import Plan
    from generator.render.viewmodel import Options
    from generator.render.uptodate import Recorder
    from generator.commands.config import candidates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from generator.commands.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--specs", metavar="DIR", help="spec folder (specs)")
    parser.add_argument("--out", metavar="DIR", help="output folder (out)")
    parser.add_argument(
        "--target",
        action="append",
        metavar="NAME",
        help=f"generate only this target (repeatable): {', '.join(TARGETS)} or a user "
        "target's name",
    )
    parser.add_argument(
        "--target-dir",
        action="append",
        metavar="DIR",
        help="add the target this folder describes (its target.toml and templates; "
        "repeatable; replaces target_dirs of the settings); see docs/targets.md",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 if out/ is not up to date",
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        help="folder of templates overriding the built-in ones by relative path",
    )
    parser.add_argument(
        "--openapi-version",
        choices=["3.1", "3.0"],
        help="OpenAPI version of out/openapi (3.1)",
    )
    parser.add_argument(
        "--docs-base-url",
        metavar="URL",
        help="where out/docs is published; doc_url = URL + <id>.md#<anchor> (default: relative)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore the formatting cache and the record of the last run",
    )


SETTING_KEYS = {"target": "targets", "target_dir": "target_dirs"}  # flag -> settings key
DEFAULTS = {
    "specs": "specs",
    "out": "out",
    "target": None,
    "target_dir": None,
    "templates": None,
    "openapi_version": "3.1",
    "docs_base_url": "",
}


def settle(args: argparse.Namespace) -> Config:
    """Fill every option a flag left unset from the config file, then from the defaults."""
    from generator.commands.config import load

    from generator.render.targets import load_user_targets, select

    config = load(args.config)
    for name, default in DEFAULTS.items():
        if getattr(args, name) is None:
            key = SETTING_KEYS.get(name, name)
            setattr(args, name, config.values.get(key, default))
    args.user_targets = load_user_targets(args.target_dir)
    try:
        select(args.target, args.user_targets)
    except InputError as exc:
        from_settings = "targets" in config.values and args.target == config.values["targets"]
        raise InputError(f"{config.label}: targets: {exc}" if from_settings else str(exc)) from None
    return config


def run(args: argparse.Namespace) -> int:
    from generator.files import locked
    from generator.render import outputs
    from generator.render import targets
    from generator.report import warn
    from generator.cache import cache_root
    from generator.render.viewmodel import Options

    from generator.commands.config import own_folder

    config = settle(args)
    said = [f"spectab: settings from {config.label}"] if config.path else []
    for line in said:
        print(line, file=sys.stderr)
    out_dir = own_folder("--out", args.out, replaced=not args.check)
    own_folder("--specs", args.specs, replaced=False)
    selected = targets.select(args.target, args.user_targets)
    options = Options(openapi_version=args.openapi_version, docs_base_url=args.docs_base_url)
    cache_dir = None if args.no_cache else Path(cache_root())
    warnings: list[str] = []

    def keep_warning(message: str) -> None:
        warnings.append(message)
        warn(message)

    outputs.refuse_symlinks(out_dir, selected)
    if args.check:
        return _run(args, out_dir, selected, options, cache_dir, warnings, keep_warning, said)
    with locked(out_dir):  # a second run waits, then starts from what this one wrote
        return _run(args, out_dir, selected, options, cache_dir, warnings, keep_warning, said)


def _run(
    args: argparse.Namespace,
    out_dir: Path,
    selected: list[Target],
    options: Options,
    cache_dir: Path | None,
    warnings: list[str],
    keep_warning: Callable[[str], None],
    said: list[str],
) -> int:
    from generator.render import pipeline

    plan = pipeline.build(
        Path(args.specs),
        out_dir,
        selected,
        options,
        templates=Path(args.templates) if args.templates else None,
        cache_dir=cache_dir,
        use_manifest=not args.no_cache,
        warn=keep_warning,
    )
    try:
        return _finish(args, out_dir, selected, cache_dir, warnings, said, plan)
    finally:
        plan.desired.close()  # the staged files, beside out/: gone however the run ends


def _finish(
    args: argparse.Namespace,
    out_dir: Path,
    selected: list[Target],
    cache_dir: Path | None,
    warnings: list[str],
    said: list[str],
    plan: Plan,
) -> int:
    from generator.render import outputs
    from generator.render import pipeline

    existing = outputs.scan(out_dir, selected)
    changed, missing, extra = outputs.stale(out_dir, plan.desired, existing)
    files = len(plan.desired)
    if args.check:
        if changed or missing or extra:
            sys.stdout.write(outputs.unified_diffs(out_dir, plan.desired, changed, missing, extra))
            print(
                f"spectab: {out_dir} is stale: {len(changed)} changed, {len(missing)} missing, "
                f"{len(extra)} extra; run `spectab generate`",
                file=sys.stderr,
            )
            return 1
        when_unchanged = f"spectab: {out_dir} is up to date ({files} files)"
        print(when_unchanged, file=sys.stderr)
    else:
        outputs.apply(out_dir, plan.desired, changed, missing, extra)
        written = len(changed) + len(missing)
        done = _summary(out_dir, written, len(extra), files - written, plan.rendered, plan.reused)
        print(done, file=sys.stderr)
        when_unchanged = _summary(out_dir, 0, 0, files, 0, files)
    plan.desired.close()  # before the stamp: a run killed while deleting it is not stamped
    if cache_dir is not None:
        pipeline.save_manifest(cache_dir, out_dir, plan.records)
        if not warnings and getattr(args, "argv", None):  # a run that warned must warn again
            recorder = _record_run(args, plan, out_dir, selected)
            recorder.save(cache_dir, [*said, when_unchanged], 0)
    return 0


def _summary(
    out_dir: Path, written: int, deleted: int, unchanged: int, rendered: int, reused: int
) -> str:
    return (
        f"spectab: {out_dir}: {written} written, {deleted} deleted, {unchanged} unchanged "
        f"({rendered} rendered, {reused} reused)"
    )


def _below(folder: Path, depth: int) -> list[Path]:
    """The folders up to ``depth`` levels under ``folder`` (a target's "{id}/errors.go")."""
    found: list[Path] = []
    level = [folder]
    for _ in range(depth):
        level = [
            sub for place in level if place.is_dir() for sub in place.iterdir() if sub.is_dir()
        ]
        found += level
    return found


def _record_run(
    args: argparse.Namespace, plan: Plan, out_dir: Path, selected: list[Target]
) -> Recorder:
    """Everything this run depended on, for the no-change shortcut (uptodate.py)."""
    from generator.render.environment import code_files, template_dirs, template_files
    from generator.render.pipeline import user_roots
    from generator.render.uptodate import Recorder
    from generator.commands.config import candidates

    recorder = Recorder(args.argv)
    for candidate in [*candidates(), *([Path(args.config)] if args.config else [])]:
        recorder.read(candidate)  # a settings file created, edited or removed matters
    specs_dir = Path(args.specs)
    recorder.listed([specs_dir])
    for spec_file in plan.specs:
        recorder.read_digest(spec_file.path, spec_file.sha256)  # its bytes are freed
    templates = Path(args.templates) if args.templates else None
    # every user target's folder, selected or not: a run checks each manifest it is given
    roots = user_roots(args.user_targets)
    for _, _, path in template_files(templates, roots):
        recorder.read(path)
    for root in [*template_dirs(templates), *(Path(folder) for _, folder in roots)]:
        recorder.listed([root, *(path for path in root.rglob("*") if path.is_dir())])
    for path in code_files():  # a new module matters only once an existing one imports it
        recorder.read(path)
    for target in selected:  # and the folders under it where its files lie
        folder = out_dir / target.directory
        recorder.listed([folder, *(path for path in _below(folder, target.depth))])
    for rel in plan.desired:  # out/ holds exactly these bytes now
        recorder.read(out_dir / rel)
    return recorder
