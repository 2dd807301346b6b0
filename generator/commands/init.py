"""``spectab init [DIR]``: start a catalogue of one's own, in an empty or existing folder.

Everything a user would otherwise piece together from prose: the settings file (every key,
each with what it means), an empty ``providers.yaml`` showing one entry, the folders, the
ignore lines and a CI workflow running the checks. Nothing is ever written over: when one of
the files exists the run names it and writes nothing (exit 2).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from generator import __version__
from generator.commands.config import DEFAULT_PATHS, Config
from generator.errors import InputError

# Every setting of commands/config.py's KEYS, as written into spectab.toml: the line (a
# commented-out line for a setting with no useful default) under what it means.
SETTINGS: dict[str, tuple[str, str]] = {
    "specs": ('specs = "specs"', "specs, overrides, providers.yaml and page snapshots"),
    "out": ('out = "out"', "generated files (spectab generate)"),
    "targets": (
        'targets = ["python", "typescript", "openapi", "markdown"]',
        "what generate writes and vendor copies (python, typescript, openapi, markdown)",
    ),
    "openapi_version": (
        'openapi_version = "3.1"',
        'the OpenAPI version of out/openapi: "3.1" or "3.0"',
    ),
    "docs_base_url": (
        'docs_base_url = ""',
        'where out/docs is published, e.g. "https://errors.example.com/"; "": relative links',
    ),
    "templates": (
        '# templates = "templates"',
        "a folder of templates overriding the built-in ones by relative path",
    ),
    "target_dirs": (
        '# target_dirs = ["targets/json"]',
        "folders of targets of your own, each with a target.toml (docs/targets.md)",
    ),
}

SETTINGS_HEAD = """\
# spectab settings, read by every command (add, refresh, generate, diff, validate, vendor)
# from the folder they run in; a flag overrides its key, --config FILE reads another file.
# Paths are relative to this file.
"""

PROVIDERS = """\
# Every provider of this catalogue: where its error page lives (docs_url), the snapshot it is
# re-scraped from (relative to this folder, a byte-exact copy of the page) and how to read it.
# `spectab add PAGE --id ID` appends an entry; `spectab refresh` rebuilds specs/<id>.yaml.
#
# - id: acme                                   # lower_snake: the file and module name
#   name: Acme Payments
#   docs_url: https://docs.acme.example/errors # fetched by `refresh --live`
#   snapshot: sources/acme.html
#   format: html                               # auto, html, markdown, rst, asciidoc, csv, text, json, yaml
#   hints: {section: Error codes}              # as the flags of `spectab scrape`
#   accept: [rows were spread over several lines]   # warnings already reviewed
providers: []
"""

CACHE_DIR = ".spectab-cache"  # the CI workflow's SPECTAB_CACHE_DIR, kept between runs
IGNORE = f"""\
# spectab: the CI cache, and the staging copies a killed generate/refresh leaves
{CACHE_DIR}/
.*.spectab-new/
.*.spectab-old/
"""

WORKFLOW = """\
# spectab's checks (written by `spectab init`; adapt freely).
name: spectab
on:
  push:
  pull_request:
  schedule: [{cron: "17 6 * * 1"}]    # Mondays: did a provider's docs drift?
  workflow_dispatch:
env:
  SPECTAB_CACHE_DIR: @CACHE@
@DEFAULTS@jobs:
  current:
    if: github.event_name != 'schedule'
    runs-on: ubuntu-latest
    permissions: {contents: read, pull-requests: write}
    steps:
      - uses: actions/checkout@v4
        with: {fetch-depth: 0}          # diff reads the base revision's specs
      - uses: actions/setup-python@v5
        with: {python-version: "3.11"}
      - uses: actions/cache@v4
        with:
          path: @CACHEPATH@
          key: spectab-${{ github.sha }}
          restore-keys: spectab-
      - run: pip install "@REQUIREMENT@"   # or the wheel / repository you install from
      - run: spectab generate --check   # exit 1: out/ is stale, run `spectab generate`
      - run: spectab refresh --check    # exit 1: a spec no longer matches its snapshot
      - if: github.event_name == 'pull_request'
        id: base                          # the pull request adding the catalogue has no base
        run: @BASECHECK@
      - if: steps.base.outputs.specs
        run: spectab diff "origin/${{ github.base_ref }}:@SPECS@" --format markdown > spec-diff.md
      - if: steps.base.outputs.specs
        continue-on-error: true           # a fork's pull request gets a read-only token
        env: {GH_TOKEN: "${{ github.token }}"}
        run: gh pr comment "${{ github.event.pull_request.number }}" --body-file spec-diff.md
      - if: steps.base.outputs.specs
        run: spectab diff "origin/${{ github.base_ref }}:@SPECS@" --fail-on breaking
  live:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.11"}
      - run: pip install "@REQUIREMENT@"
      - run: spectab refresh --check --live   # exit 1 prints what the providers changed
"""
WORKFLOW_PATH = ".github/workflows/spectab.yml"
# the step telling whether the pull request's base branch has specs to diff against (git's
# ./ makes the path relative to the step's folder, as spectab diff's REV:PATH is)
BASE_CHECK = (
    'git cat-file -e "origin/${{ github.base_ref }}:./@SPECS@" 2>/dev/null'
    ' && echo "specs=yes" >> "$GITHUB_OUTPUT" || true'
)
# a git URL CI can fetch, pinned to a commit: https, no user or password (no @ before the
# commit), no quotes or spaces (the workflow holds it in a YAML string)
_REACHABLE = re.compile(
    r"git\+https://[\w.:/%~+-]{1,300}@[0-9a-f]{7,64}(#subdirectory=[\w./-]{1,200})?\Z"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir", metavar="DIR", nargs="?", default=".", help="the catalogue's folder (default: .)"
    )


def settings_text() -> str:
    """spectab.toml: every setting at the top level, each with what it means."""
    blocks = [f"\n# {meaning}\n{line}\n" for line, meaning in SETTINGS.values()]
    return SETTINGS_HEAD + "".join(blocks)


def workflow_text(specs: str = "specs", folder: str = "") -> str:
    """The workflow for a catalogue in ``folder`` of its repository ('' for the root): the
    steps run there, and the cache GitHub keeps is the one spectab reads from there."""
    defaults = f"defaults:\n  run: {{working-directory: {folder}}}   # the catalogue\n"
    text = WORKFLOW.replace("@DEFAULTS@", defaults if folder else "")
    text = text.replace("@BASECHECK@", BASE_CHECK)
    text = text.replace("@CACHEPATH@", f"{folder}/{CACHE_DIR}" if folder else CACHE_DIR)
    text = text.replace("@CACHE@", CACHE_DIR).replace("@REQUIREMENT@", requirement())
    return text.replace("@SPECS@", specs)


def requirement() -> str:
    """What CI's pip installs: this very spectab when pip recorded it was installed from a
    public git URL (PEP 610's direct_url.json), else this version by name."""
    import json
    from importlib import metadata

    try:
        recorded = metadata.distribution("spectab").read_text("direct_url.json") or "{}"
        origin = json.loads(recorded)
    except (metadata.PackageNotFoundError, OSError, ValueError):
        return f"spectab=={__version__}"
    vcs = origin.get("vcs_info") if isinstance(origin, dict) else None
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git":
        return f"spectab=={__version__}"  # a local path or wheel: CI cannot reach it
    parts = [f"git+{origin.get('url')}@{vcs.get('commit_id')}"]
    if origin.get("subdirectory"):
        parts.append(f"#subdirectory={origin['subdirectory']}")
    pinned = "".join(parts)
    if not _REACHABLE.match(pinned):
        return f"spectab=={__version__}"
    return f"spectab @ {pinned}"


def repository_root(folder: Path) -> Path | None:
    """The git repository ``folder`` is (or will be) in: GitHub reads workflows only from
    its root's .github/workflows, whatever subfolder the catalogue is in."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def kept_settings(root: Path) -> Config | None:
    """The ``[tool.spectab]`` of the folder's pyproject.toml, if it has one: kept, since a
    spectab.toml beside it would silently override it, and its folders are the ones made."""
    from generator.commands.config import load

    if not (root / "pyproject.toml").is_file() or (root / "spectab.toml").exists():
        return None  # an existing spectab.toml is refused as any file is
    loaded = load(cwd=root)
    return loaded if loaded.path is not None else None


def _folder(root: Path, settings: Config | None, key: str) -> str:
    """A path setting relative to the catalogue's folder (the default when none is set)."""
    if settings is None or key not in settings.values:
        return DEFAULT_PATHS[key]
    return Path(os.path.relpath(str(settings.values[key]), root)).as_posix()


def folders(root: Path, settings: Config | None) -> tuple[str, str]:
    """The snapshot folder and the output folder init makes, relative to ``root``."""
    return f"{_folder(root, settings, 'specs')}/sources", _folder(root, settings, "out")


def planned(root: Path, settings: Config | None = None) -> dict[Path, str]:
    """Each file init writes -> its text; .gitignore is added to, not replaced."""
    here = root.resolve()
    repository = repository_root(here) or here
    folder = here.relative_to(repository).as_posix() if here != repository else ""
    workflow = (repository if folder else root) / WORKFLOW_PATH
    specs = _folder(root, settings, "specs")
    files = {} if settings is not None else {root / "spectab.toml": settings_text()}
    files[root / specs / "providers.yaml"] = PROVIDERS
    files[workflow] = workflow_text(specs=specs, folder=folder)
    return files


def _ignore_addition(path: Path) -> str:
    """What .gitignore still lacks of IGNORE ('' when it has every line)."""
    try:
        present = set(path.read_text("utf-8").splitlines()) if path.exists() else set()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    missing = [line for line in IGNORE.splitlines()[1:] if line not in present]
    if not missing:
        return ""
    before = "\n" if present else ""
    return before + "\n".join([IGNORE.splitlines()[0], *missing]) + "\n"


def shown(path: Path) -> str:
    """A path as the user would type it from here (the workflow's is found absolute)."""
    return os.path.relpath(path) if path.is_absolute() else str(path)


def _refuse_existing(root: Path, files: dict[Path, str], made: tuple[str, ...]) -> None:
    """Nothing is written over: every file init would write, named in one line."""
    existing = [shown(path) for path in files if path.exists() or path.is_symlink()]
    existing += [str(root / rel) for rel in made if (root / rel).is_file()]
    existing += [str(root / rel) for rel in made if (root / rel).is_symlink()]
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise InputError(f"{', '.join(existing)}: already {verb}; spectab init writes over nothing")


def run(args: argparse.Namespace) -> int:
    from generator.files import write_atomic

    root = Path(args.dir)
    if root.exists() and not root.is_dir():
        raise InputError(f"{root}: is a file; name a folder (new or existing)")
    settings = kept_settings(root)
    files, made = planned(root, settings), folders(root, settings)
    _refuse_existing(root, files, made)
    if settings is not None:
        print(f"kept the settings of {settings.label} (a spectab.toml would override them)")
    ignore = root / ".gitignore"
    addition = _ignore_addition(ignore)
    try:
        for rel in made:
            (root / rel).mkdir(parents=True, exist_ok=True)
            print(f"made {root / rel}/")
        for path, text in files.items():
            write_atomic(path, text)
            print(f"wrote {shown(path)}")
        if addition:
            with ignore.open("a", encoding="utf-8") as handle:
                handle.write(addition)
            print(f"{'added to' if addition.startswith(chr(10)) else 'wrote'} {ignore}")
    except OSError as exc:
        raise InputError(f"{exc.filename or root}: cannot write: {exc.strerror or exc}") from None
    print(
        "next: spectab add URL --id ID (or: spectab add FILE --id ID --docs-url URL), "
        "then spectab generate",
        file=sys.stderr,
    )
    return 0
