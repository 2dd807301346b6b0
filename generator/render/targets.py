"""The targets: which template makes which file under ``out/``.

A target is a folder: a ``target.toml`` manifest (read and checked by target_manifest.py)
beside its templates. The built-in ones are the folders of the built-in templates; a user's
come from ``--target-dir DIR`` or ``target_dirs`` in the settings. Nothing else knows
target names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.errors import InputError
from generator.render.target import NAMESPACE, PROVIDER, Target
from generator.render.target_manifest import load_target

__all__ = ["NAMESPACE", "PROVIDER", "TARGETS", "Target", "load_user_targets", "select"]


# the built-in targets listed first, in the order they have always run and been listed;
# any other built-in folder follows in name order
FIRST = ("python", "typescript", "openapi", "markdown")


@lru_cache(maxsize=1)
def builtin_targets() -> dict[str, Target]:
    """Every folder of the built-in templates holding a ``target.toml``."""
    from generator.render.environment import builtin_templates_dir

    root = builtin_templates_dir()
    folders = sorted(
        (folder for folder in root.iterdir() if (folder / "target.toml").is_file()),
        key=lambda folder: (
            FIRST.index(folder.name) if folder.name in FIRST else len(FIRST),
            folder.name,
        ),
    )
    found = [load_target(folder, builtin=True) for folder in folders]
    return {target.name: target for target in found}


TARGETS: dict[str, Target] = builtin_targets()


def load_user_targets(folders: list[str] | None) -> list[Target]:
    """The targets of ``--target-dir``/``target_dirs`` folders, each checked; a name or an
    output folder already taken is refused in one line."""
    loaded: list[Target] = []
    taken = {target.name: target for target in TARGETS.values()}
    seen: set[Path] = set()
    for folder in folders or []:
        if Path(folder).resolve() in seen:  # named twice (a flag and a settings' path): once
            continue
        seen.add(Path(folder).resolve())
        target = load_target(Path(folder), builtin=False)
        for other in taken.values():
            if other.name == target.name:
                raise InputError(
                    f"{target.manifest}: name: {target.name!r} is already a target's name "
                    f"({other.manifest}); choose another"
                )
            if other.directory == target.directory:
                raise InputError(
                    f"{target.manifest}: output: {target.directory!r} is already target "
                    f"{other.name!r}'s folder; choose another"
                )
            if _nested(target.directory, other.directory):
                raise InputError(
                    f"{target.manifest}: output: {target.directory!r} and target "
                    f"{other.name!r}'s folder {other.directory!r} lie one in the other (each "
                    "target cleans its own folder); choose another"
                )
        taken[target.name] = target
        loaded.append(target)
    return loaded


def _nested(one: str, other: str) -> bool:
    """One output folder inside the other ("docs/json" in "docs")."""
    return one.startswith(other + "/") or other.startswith(one + "/")


def select(names: list[str] | None, user: list[Target] | None = None) -> list[Target]:
    """Built-in targets in registry order, then user targets in the order given (so output
    never depends on the order of ``--target``); all of them when ``names`` is empty."""
    every = [*TARGETS.values(), *(user or [])]
    unknown = sorted(set(names or []) - {target.name for target in every})
    if unknown:
        known = ", ".join(target.name for target in every)
        raise InputError(f"unknown target(s): {', '.join(unknown)} (known: {known})")
    wanted = set(names or [target.name for target in every])
    return [target for target in every if target.name in wanted]
