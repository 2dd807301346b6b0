"""``spectab vendor``: copy generated files into another repository, with a manifest.

The manifest (``spectab-vendor.json``) records, per copied file, its sha256 and the sha256 of
the spec it was generated from (read from the file's own header). ``--verify`` then tells a
hand edit (the file's hash changed), a missing file, and a stale file (the spec in ``specs/``
has moved on) apart, so a consumer's CI can fail on each with a reason.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator import __version__
from generator.render.targets import TARGETS as REGISTRY
from generator.errors import InputError
from generator.report import warn
from generator.spec.io import spec_hash
from generator.files import plain_file, write_atomic

MANIFEST = "spectab-vendor.json"

# target name -> (folder under out/, file suffix), from the one registry of targets
TARGETS: dict[str, tuple[str, str]] = {
    name: (target.directory, target.suffix) for name, target in REGISTRY.items()
}
ALIASES = {"docs": "markdown"}

_PROVIDER_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_HEADER_HASH = re.compile(r"sha256\W{0,3}([0-9a-f]{64})\b")
_HEADER_LINES = 15
# where a generated file says its doc_url points: DOCS_URL in Python/TypeScript/Rust/Java,
# DocsURL in Go, the first example's "Documentation:" in OpenAPI
_DOC_BASE = re.compile(
    rb'(?:DOCS_URL|DocsURL)(?:: &?str)? = "([^"]*)"|Documentation: ([^"#\s]*)#'
)


@dataclass(frozen=True)
class VendoredFile:
    """One manifest row."""

    path: str  # relative to DEST, with forward slashes
    provider: str
    target: str
    sha256: str  # of the file's bytes as vendored
    spec_sha256: str  # of the spec the file was generated from


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def header_spec_hash(data: bytes) -> str | None:
    """The spec sha256 a generated file names in its header (first lines), if any."""
    head = b"\n".join(data.splitlines()[:_HEADER_LINES]).decode("utf-8", "replace")
    match = _HEADER_HASH.search(head)
    return match.group(1) if match else None


# ------------------------------------------------------------------------ manifest


def manifest_text(files: list[VendoredFile]) -> str:
    """Stable bytes: keys sorted, files sorted by path, no timestamps."""
    rows = [asdict(item) for item in sorted(files, key=lambda item: item.path)]
    document = {"files": rows, "spectab_version": __version__}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_manifest(dest: Path) -> list[VendoredFile]:
    """The manifest's rows, checked: a manifest is input like any other."""
    path = dest / MANIFEST
    plain_file(path, dest)  # a link or a FIFO in its place is never read
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: not found (was {dest} filled by `spectab vendor`?)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    except RecursionError:
        raise InputError(f"{path}: invalid manifest: nested too deep") from None
    except ValueError:  # int() of thousands of digits
        raise InputError(f"{path}: invalid manifest: a number too long to read") from None
    rows = document.get("files") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise InputError(f"{path}: expected an object with a 'files' list")
    files = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        item = _manifest_row(path, index, row)
        if item.path in seen:
            raise InputError(
                f"{path}: files[{index}]: path {item.path!r} listed twice "
                f"(first at files[{seen[item.path]}])"
            )
        seen[item.path] = index
        files.append(item)
    return files


def _manifest_row(path: Path, index: int, row: Any) -> VendoredFile:
    where = f"{path}: files[{index}]"
    keys = ("path", "provider", "target", "sha256", "spec_sha256")
    if not isinstance(row, dict) or not all(isinstance(row.get(key), str) for key in keys):
        raise InputError(f"{where}: expected strings {', '.join(keys)}")
    item = VendoredFile(**{key: row[key] for key in keys})
    if not _PROVIDER_ID.match(item.provider):
        raise InputError(f"{where}: provider {item.provider!r} is not a provider id")
    if "\x00" in item.path:
        raise InputError(f"{where}: path {item.path!r} contains a NUL character")
    relative = PurePosixPath(item.path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise InputError(f"{where}: path {item.path!r} must stay inside the vendor folder")
    return item


# ------------------------------------------------------------------------ vendoring


def _target_names(requested: list[str]) -> list[str]:
    names = [ALIASES.get(name, name) for name in requested] or list(TARGETS)
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        raise InputError(f"unknown target(s): {', '.join(unknown)} (known: {', '.join(TARGETS)})")
    return sorted(set(names), key=list(TARGETS).index)


def select_outputs(
    out_dir: Path, providers: list[str], targets: list[str]
) -> list[tuple[str, str, Path]]:
    """(provider, target, file) for each chosen output; asking for a missing one is an error."""
    if not out_dir.is_dir():
        raise InputError(f"{out_dir}: not found (run `spectab generate` first)")
    bad = [provider for provider in providers if not _PROVIDER_ID.match(provider)]
    if bad:
        raise InputError(f"not a provider id: {', '.join(bad)} (expected [a-z][a-z0-9_]*)")
    chosen: list[tuple[str, str, Path]] = []
    missing: list[str] = []
    for target in _target_names(targets):
        folder, suffix = TARGETS[target]
        if providers:
            for provider in sorted(set(providers)):
                path = out_dir / REGISTRY[target].provider_file(provider)
                if path.is_file():
                    chosen.append((provider, target, path))
                else:
                    missing.append(str(path))
        else:
            found = _generated(out_dir, target)
            if targets and not found:  # asked for by name: saying nothing would hide it
                missing.append(f"{out_dir / folder}/ (target {target})")
            chosen.extend((stem, target, path) for stem, path in found)
    if missing:
        raise InputError(f"not generated: {', '.join(missing)} (run `spectab generate`)")
    if not chosen:
        raise InputError(f"{out_dir}: no generated files to vendor")
    return chosen


def _generated(out_dir: Path, target: str) -> list[tuple[str, Path]]:
    """(provider id, file) of each of ``target``'s files in ``out_dir``: a provider's file is
    the one the registry names for the id its name (or its folder's, go/<id>/) gives."""
    folder, suffix = TARGETS[target]
    registered = REGISTRY[target]
    found = []
    for path in sorted((out_dir / folder).glob("*/" * registered.depth + f"*{suffix}")):
        stem = path.parent.name if registered.depth else path.name[: -len(suffix)]
        expected = out_dir / registered.provider_file(stem)
        if path.is_file() and _PROVIDER_ID.match(stem) and path == expected:
            found.append((stem, path))
    return found


def vendor(
    dest: Path,
    out_dir: Path,
    specs_dir: Path,
    providers: list[str],
    targets: list[str],
    force: bool = False,
    flat: bool = False,
) -> list[VendoredFile]:
    """Copy the chosen outputs into ``dest`` (into a folder per target, or with ``flat``
    straight into ``dest``: the targets' suffixes differ) and update its manifest; returns
    what was copied."""
    copies: list[tuple[VendoredFile, bytes]] = []
    problems: list[str] = []
    for provider, target, source in select_outputs(out_dir, providers, targets):
        plain_file(source, out_dir)
        data = source.read_bytes()
        spec_sha = header_spec_hash(data)
        if spec_sha is None:
            problems.append(f"{source}: no spec sha256 in its header (not made by spectab?)")
            continue
        spec_path = specs_dir / f"{provider}.yaml"
        if spec_path.is_file():
            if spec_hash(spec_path.read_bytes()) != spec_sha:
                problems.append(
                    f"{source}: generated from an older {spec_path} (run `spectab generate`)"
                )
                continue
        else:
            warn(f"{source}: cannot check it is current: {spec_path} not found")
        relative = source.relative_to(out_dir).as_posix()  # go/<id>/errors.go, python/<id>.py
        if flat:  # the target's folder dropped: <id>.py, <id>/errors.go
            relative = source.relative_to(out_dir / TARGETS[target][0]).as_posix()
        copies.append((VendoredFile(relative, provider, target, file_hash(data), spec_sha), data))
    if problems:
        raise InputError("\n".join(problems))
    for item, _ in copies:  # nothing is written through a link in DEST (DEST/python -> ~)
        plain_file(dest / item.path, dest)
    plain_file(dest / MANIFEST, dest)
    recorded = (
        {item.path: item for item in read_manifest(dest)} if (dest / MANIFEST).exists() else {}
    )
    if not force:
        _refuse_to_overwrite_edits(dest, copies, recorded)
    for item, data in copies:
        write_atomic(dest / item.path, data)
        recorded[item.path] = item
    write_atomic(dest / MANIFEST, manifest_text(list(recorded.values())))
    return [item for item, _ in copies]


def _refuse_to_overwrite_edits(
    dest: Path, copies: list[tuple[VendoredFile, bytes]], recorded: dict[str, VendoredFile]
) -> None:
    """A vendored file changed by hand is not silently replaced."""
    edited = []
    for item, data in copies:
        target = dest / item.path
        if not target.exists():
            continue
        current = file_hash(target.read_bytes())
        known = recorded.get(item.path)
        if current != file_hash(data) and (known is None or known.sha256 != current):
            edited.append(str(target))
    if edited:
        raise InputError(
            f"would overwrite files changed by hand or not vendored by spectab: "
            f"{', '.join(edited)} (use --force to overwrite)"
        )


# ------------------------------------------------------------------------ verifying


def verify(dest: Path, specs_dir: Path) -> tuple[list[str], int]:
    """Problems (one line each, naming the file) and how many files the manifest lists."""
    files = read_manifest(dest)
    problems: list[str] = []
    check_stale = specs_dir.is_dir()
    if not check_stale:
        warn(f"{specs_dir}: not found, so staleness is not checked (pass --specs DIR)")
    for item in sorted(files, key=lambda row: row.path):
        path = dest / item.path
        plain_file(path, dest)
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        if file_hash(path.read_bytes()) != item.sha256:
            problems.append(f"{path}: edited by hand (its sha256 differs from {MANIFEST})")
        if check_stale:
            spec_path = specs_dir / f"{item.provider}.yaml"
            if not spec_path.is_file():
                problems.append(f"{path}: stale ({spec_path} no longer exists)")
            elif spec_hash(spec_path.read_bytes()) != item.spec_sha256:
                problems.append(
                    f"{path}: stale ({spec_path} changed since it was generated; "
                    "run `spectab generate` and `spectab vendor` again)"
                )
    return problems, len(files)


# ------------------------------------------------------------------------ command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dest", metavar="DEST", type=Path, help="folder to copy into")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="copy nothing; exit 1 if a vendored file is missing, edited by hand or stale",
    )
    parser.add_argument(
        "--provider",
        action="append",
        default=[],
        metavar="ID",
        help="only this provider (repeatable; default: all)",
    )
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only this target: {', '.join(TARGETS)} (repeatable; default: all)",
    )
    parser.add_argument(
        "--out", type=Path, help="generated files (default: from the settings file, else out)"
    )
    parser.add_argument(
        "--specs", type=Path, help="specs folder (default: from the settings file, else specs)"
    )
    from generator.commands.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument(
        "--force", action="store_true", help="overwrite vendored files even if edited by hand"
    )
    parser.add_argument(
        "--flat",
        action="store_true",
        help="write the files straight into DEST (DEST/ID.py), not into a folder per target",
    )


def relative_doc_urls(dest: Path, copied: list[VendoredFile]) -> list[str]:
    """Vendored files whose doc_url is a relative link to Markdown docs that were not vendored
    with them (and so points nowhere in the consumer's repository)."""
    docs = {item.provider for item in copied if item.target == "markdown"}
    found = []
    for item in copied:
        if item.target == "markdown" or item.provider in docs:
            continue
        match = _DOC_BASE.search((dest / item.path).read_bytes())
        base = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace") if match else ""
        if match and "://" not in base and not base.startswith("/"):
            found.append(item.path)
    return found


def _check_dest(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise InputError(f"{dest}: is a file; DEST must be a folder (new or from `spectab vendor`)")
    for parent in dest.parents:
        if parent.exists() and not parent.is_dir():
            raise InputError(f"{dest}: {parent} is a file, not a folder")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except OSError as exc:  # a path that cannot be made or written: one line, never a traceback
        where = exc.filename or args.dest
        raise InputError(f"{where}: cannot write: {exc.strerror or exc}") from exc


def _run(args: argparse.Namespace) -> int:
    from generator.commands.config import settle_paths

    config = settle_paths(args, ("out", "specs"))
    dest: Path = args.dest
    _check_dest(dest)
    if args.verify:
        if args.provider or args.target or args.force or args.flat:
            raise InputError(
                "--verify checks the whole manifest; "
                "it takes no --provider, --target, --force or --flat"
            )
        problems, count = verify(dest, args.specs)
        for line in problems:
            print(line)
        if problems:
            print(f"{len(problems)} problem(s) in {dest}", file=sys.stderr)
            return 1
        print(f"{dest}: {count} vendored file(s) verified")
        return 0
    targets = args.target or list(config.values.get("targets", []))  # what generate wrote
    copied = vendor(
        dest, args.out, args.specs, args.provider, targets, force=args.force, flat=args.flat
    )
    for item in copied:
        print(dest / item.path)
    print(f"vendored {len(copied)} file(s) into {dest} ({MANIFEST})", file=sys.stderr)
    relative = relative_doc_urls(dest, copied)
    if relative:
        warn(
            f"doc_url in {', '.join(relative)} is a link relative to the Markdown docs, which "
            "were not vendored: publish out/docs and set docs_base_url (`docs_base_url` in "
            "spectab.toml or `spectab generate --docs-base-url URL`), or vendor "
            "--target markdown too"
        )
    return 0
