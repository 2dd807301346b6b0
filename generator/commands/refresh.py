"""``spectab refresh``: re-scrape every provider in specs/providers.yaml and rewrite its spec.

The pipeline in one place: page -> reader -> RawSpec -> overrides/naming/classes -> YAML.
Drift is reported as a semantic diff (diff.py) against the committed spec: ``--check``
prints it and exits 1 when any spec would change; otherwise the specs are rewritten and the
diff is put on top of specs/CHANGELOG.md. Every provider is scraped before anything is
written, so a failing page leaves all specs as they were.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable


from generator.commands.notices import Notices
from generator.commands.progress import Progress
from generator.diff import changelog
from generator.curate.overrides import curate, load_overrides, locator
from generator.diff.changes import Change, diff_specs, other_differences, sort_key
from generator.diff.formats import render_text, terminal_width, use_colour
from generator.errors import InputError, SpecError, SpectabError
from generator.spec.identifiers import why_illegal_provider_id
from generator.spec.model import Provider, Spec
from generator.report import warn
from generator.spec.io import dump_spec, load_spec
from generator.files import locked, replace_tree
from generator.spec.yamlio import format_path, read_bytes, read_yaml

PROVIDERS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["providers"],
    "properties": {
        "providers": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "docs_url", "snapshot"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z][a-z0-9_]*\Z"},
                    "name": {"type": "string"},
                    "docs_url": {"type": "string", "pattern": "^https?://"},
                    "snapshot": {"type": "string"},
                    "format": {
                        "enum": [
                            "auto",
                            "html",
                            "markdown",
                            "rst",
                            "asciidoc",
                            "csv",
                            "text",
                            "json",
                            "yaml",
                        ]
                    },
                    "hints": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "roles": {"type": "object"},
                            "select": {"type": "string", "minLength": 1, "maxLength": 1000},
                            "section": {"type": "string", "minLength": 1},
                            "columns": {"type": ["string", "object"]},
                            "code_type": {"enum": ["integer", "string"]},
                            "entries": {"type": "string", "minLength": 1, "maxLength": 1000},
                            "code": {"type": "string", "minLength": 1},
                            "name": {"type": "string", "minLength": 1},
                            "message": {"type": "string", "minLength": 1},
                            "pair_columns": {"type": "boolean"},
                        },
                    },
                    "snapshot_date": {
                        "type": "string",
                        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z",
                    },
                    "accept": {"type": "array", "items": {"type": "string", "minLength": 1}},
                },
            },
        }
    },
}


@dataclass
class ProviderEntry:
    """One row of providers.yaml: where a provider's page lives and how to read it."""

    id: str
    name: str
    docs_url: str
    snapshot: str
    format: str = "auto"
    hints: dict[str, Any] = field(default_factory=dict)
    snapshot_date: str | None = None  # when the snapshot was taken, for the changelog
    accept: list[str] = field(default_factory=list)  # warnings acknowledged (substrings)

    @property
    def provider(self) -> Provider:
        return Provider(id=self.id, name=self.name, docs_url=self.docs_url)

    def snapshot_path(self, specs_dir: Path) -> Path:
        """The snapshot, confined to the specs folder: a page's bytes are written there and
        read back, so ``../x``, an absolute path or a link leading out is refused."""
        where = f"{specs_dir / 'providers.yaml'}: {self.id}: snapshot {self.snapshot!r}"
        relative = PurePosixPath(self.snapshot.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise InputError(f"{where}: must be a path inside {specs_dir}")
        if "\x00" in self.snapshot or ":" in relative.parts[0]:
            raise InputError(f"{where}: must be a plain relative path inside {specs_dir}")
        path = specs_dir / relative
        try:
            inside = path.resolve().is_relative_to(specs_dir.resolve())
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if not inside:
            raise InputError(f"{where}: leads out of {specs_dir} through a link")
        return path


def load_providers(specs_dir: Path) -> list[ProviderEntry]:
    return load_providers_file(specs_dir / "providers.yaml")


def load_providers_file(path: Path) -> list[ProviderEntry]:
    """One providers.yaml, checked against PROVIDERS_SCHEMA (every problem at once)."""
    if not path.exists():
        raise InputError(
            f"{path}: not found (it lists every provider: id, name, docs_url, snapshot)"
        )
    document = read_yaml(path)
    problems = []
    import jsonschema

    for error in jsonschema.Draft202012Validator(PROVIDERS_SCHEMA).iter_errors(document.data):
        where = tuple(error.absolute_path)
        pos = document.position(where)
        problems.append(f"{path}:{pos.line}:{pos.column}: {format_path(where)}: {error.message}")
    problems += _id_problems(path, document)
    if problems:
        raise SpecError(problems)
    return [ProviderEntry(**row) for row in document.data["providers"]]


def _id_problems(path: Path, document: Any) -> list[str]:
    """Ids that would shadow a file or module, and ids that differ only in case (one file
    on a case-insensitive disk); positioned like the schema's problems."""
    problems, seen = [], dict[str, int]()
    for index, row in enumerate(document.data["providers"]):
        provider_id = row["id"] if isinstance(row, dict) else None
        if not isinstance(provider_id, str):
            continue
        pos = document.position(("providers", index, "id"))
        where = f"{path}:{pos.line}:{pos.column}: providers[{index}].id"
        reason = why_illegal_provider_id(provider_id)
        if reason:
            problems.append(f"{where}: {reason}")
        first = seen.setdefault(provider_id.casefold(), index)
        if first != index:  # the last would silently win: both lines are named
            at = document.position(("providers", first, "id"))
            problems.append(
                f"{where}: {provider_id!r} is listed twice (first at line {at.line}, "
                f"providers[{first}]); each id names one provider"
            )
    return problems


def build_spec(
    entry: ProviderEntry,
    specs_dir: Path,
    live: bool = False,
    warn: Callable[[str], None] = warn,
    page: Path | None = None,
    previous: Spec | None = None,
) -> tuple[Spec, Callable[[tuple[Any, ...]], str | None]]:
    """Scrape one provider's page (snapshot, or its URL with ``live``, or ``page``: a fetched
    snapshot not saved yet) and curate it; with it, where each value can be fixed (the
    overrides line or page line it came from). ``previous``, the committed spec, keeps
    its names: a reworded message never renames a code (only an override does)."""
    from generator.scrape.pipeline import scrape_page  # heavy imports only when scraping

    location = entry.docs_url if live else str(page or entry.snapshot_path(specs_dir))
    recorded = entry.docs_url if live else f"{specs_dir.name}/{entry.snapshot}"
    raw = scrape_page(
        location,
        provider=entry.provider,
        fmt=entry.format,
        hints=entry.hints,
        warn=warn,
        recorded_location=recorded,
    )
    overrides = load_overrides(specs_dir / f"{entry.id}.overrides.yaml")
    spec = curate(raw, overrides, warn, previous=previous)
    if previous is not None:  # a class name is not kept as a code's name is: say it moves
        from generator.render.viewmodel import moved_classes

        for line in moved_classes(previous, spec):
            warn(line)
    return spec, locator(spec, overrides)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="providers to refresh (default: all)")
    parser.add_argument(
        "--specs", type=Path, help="specs folder (default: from the settings file, else specs)"
    )
    from generator.commands.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print the diff against the committed specs, exit 1 if any would change",
    )
    parser.add_argument(
        "--live", action="store_true", help="fetch each docs_url instead of the snapshot"
    )
    parser.add_argument(
        "--update-snapshots",
        action="store_true",
        help="with --live: save each fetched page, byte for byte, as the provider's snapshot",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="show no warnings, only a count of them (accept: in providers.yaml hides one)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="read snapshots in N processes (default: one per CPU; 1: one after another)",
    )


@dataclass
class Drift:
    """One provider whose re-scraped spec differs from the committed one."""

    entry: ProviderEntry
    spec: Spec
    text: str
    target: Path
    changes: list[Change]
    other: list[str]  # differences the change kinds do not cover, provenance included
    meaningful_other: list[str]  # the same without provenance (snapshot hash, row numbers)


def _committed(target: Path, strict: bool, say: Callable[[str], None] = warn) -> Spec | None:
    """The committed spec, or None if there is none (or, when not strict, it is unreadable)."""
    if not target.exists():
        return None
    try:
        return load_spec(target)
    except SpecError as exc:
        if strict:
            raise
        say(f"{target}: the committed spec is invalid ({exc.problems[0]}); diffing against none")
        return None


def find_drift(
    entry: ProviderEntry,
    specs_dir: Path,
    live: bool,
    strict: bool,
    warn: Callable[[str], None] = warn,
    page: Path | None = None,
) -> Drift | None:
    """Re-scrape one provider and compare with its committed spec; None when identical."""
    target = specs_dir / f"{entry.id}.yaml"
    old = _committed(target, strict, warn)
    spec, locate = build_spec(entry, specs_dir, live=live, warn=warn, page=page, previous=old)
    text = dump_spec(spec, locate)
    if target.exists() and read_bytes(target) == text.encode("utf-8"):
        return None
    changes = diff_specs(old, spec)
    other = other_differences(old, spec) if old else []
    meaningful = other_differences(old, spec, provenance=False) if old else []
    if live and not changes and not meaningful:
        return None  # a live page always has another location and hash than its snapshot
    return Drift(entry, spec, text, target, changes, other, meaningful)


def snapshot_date(entry: ProviderEntry, specs_dir: Path, live: bool) -> str | None:
    """The snapshot's date: providers.yaml's snapshot_date, else one the page states."""
    if entry.snapshot_date:
        return entry.snapshot_date
    if live:
        return None
    try:
        text = entry.snapshot_path(specs_dir).read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    return changelog.page_date(text)


def drift_report(drifts: list[Drift], colour: bool) -> str:
    """The text diff of every drifted provider, with what else differs as notes."""
    changes = sorted((change for drift in drifts for change in drift.changes), key=sort_key)
    notes = [
        f"{drift.entry.id}: also changed: {', '.join(drift.other)}"
        for drift in drifts
        if drift.other
    ]
    return render_text(changes, colour=colour, notes=notes, width=terminal_width())


def _run_limit(live: bool) -> contextlib.AbstractContextManager[None]:
    """A live run's fetches share one total time limit; a snapshot run needs none."""
    if not live:
        return contextlib.nullcontext()
    from generator.scrape.deadline import run_limit

    return run_limit()


def run(args: argparse.Namespace) -> int:
    from generator.commands.config import own_folder, settle_paths

    settle_paths(args, ("specs",))
    specs_dir = own_folder("--specs", args.specs, replaced=not args.check)
    if args.check:
        return _run(args, specs_dir)
    with locked(specs_dir):  # a second refresh waits, then diffs against what this one wrote
        return _run(args, specs_dir)


@dataclass
class Outcome:
    """What reading one provider gave: its drift (None: unchanged), the warnings it said,
    and the error that stopped it (raised in provider order, after the warnings before it)."""

    drift: Drift | None
    said: list[str]
    error: SpectabError | None = None


def _read_one(
    entry: ProviderEntry,
    specs_dir: Path,
    live: bool,
    strict: bool,
    stage: Path | None = None,
    snapshots: dict[str, bytes] | None = None,
) -> Outcome:
    """One provider read and compared; ``stage`` (with --update-snapshots): fetch its page
    there and read the spec from those bytes, as the next ``refresh --check`` will."""
    said: list[str] = []
    try:
        page = None
        if stage is not None and snapshots is not None:
            page = stage_snapshot(entry, specs_dir, said.append, stage, snapshots)
            live = False
        drift = find_drift(entry, specs_dir, live=live, strict=strict, warn=said.append, page=page)
    except SpectabError as exc:
        return Outcome(None, said, exc)
    return Outcome(drift, said)


def _read_job(job: tuple[ProviderEntry, Path, bool]) -> Outcome:
    """``_read_one`` of a snapshot, in a worker process."""
    entry, specs_dir, strict = job
    return _read_one(entry, specs_dir, live=False, strict=strict)


def _jobs(args: argparse.Namespace, count: int) -> int:
    """Worker processes for ``count`` snapshot reads: ``--jobs``, else one per usable CPU."""
    if args.jobs is not None:
        return min(int(args.jobs), count)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(cpus, count)


def _outcomes(
    args: argparse.Namespace,
    chosen: list[ProviderEntry],
    specs_dir: Path,
    stage: Path,
    snapshots: dict[str, bytes],
) -> list[Outcome]:
    """Every chosen provider read, in their order; snapshots across cores, live pages in
    turn (their fetches share one run time limit, and one site is not asked in parallel)."""
    shown = len(chosen) > 1 or args.live
    progress = Progress(len(chosen), sys.stderr) if shown else None
    try:
        jobs = _jobs(args, len(chosen))
        if args.live or jobs <= 1:
            return _in_turn(args, chosen, specs_dir, stage, snapshots, progress)
        return _across_cores(args, chosen, specs_dir, jobs, progress)
    finally:
        if progress is not None:
            progress.close()


def _in_turn(
    args: argparse.Namespace,
    chosen: list[ProviderEntry],
    specs_dir: Path,
    stage: Path,
    snapshots: dict[str, bytes],
    progress: Progress | None,
) -> list[Outcome]:
    """One provider after another, stopping at the first that fails."""
    outcomes = []
    for index, entry in enumerate(chosen):
        where = stage / str(index) if args.update_snapshots else None
        outcome = _read_one(entry, specs_dir, args.live, args.check, where, snapshots)
        outcomes.append(outcome)
        if outcome.error is not None:
            break
        _tick(progress, entry, outcome)
    return outcomes


def _across_cores(
    args: argparse.Namespace,
    chosen: list[ProviderEntry],
    specs_dir: Path,
    jobs: int,
    progress: Progress | None,
) -> list[Outcome]:
    """Snapshots read by ``jobs`` worker processes, the largest page first (it ends the run
    soonest); the outcomes come back in providers.yaml order, whatever order they end in."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import generator.scrape.pipeline  # noqa: F401  imported once, before the workers fork

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    order = sorted(range(len(chosen)), key=lambda i: -_page_size(chosen[i], specs_dir))
    outcomes: list[Outcome] = [Outcome(None, [])] * len(chosen)
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = {pool.submit(_read_job, (chosen[i], specs_dir, args.check)): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            outcomes[index] = future.result()
            if outcomes[index].error is None:
                _tick(progress, chosen[index], outcomes[index])
    return outcomes


def _page_size(entry: ProviderEntry, specs_dir: Path) -> int:
    try:
        return entry.snapshot_path(specs_dir).stat().st_size
    except OSError:
        return 0


def _tick(progress: Progress | None, entry: ProviderEntry, outcome: Outcome) -> None:
    if progress is None:
        return
    drift = outcome.drift
    progress.finished(
        entry.id, "unchanged" if drift is None else f"{drift.spec.entry_count} entries, changed"
    )


def _replay(
    outcomes: list[Outcome], chosen: list[ProviderEntry], notices: Notices, specs_dir: Path
) -> list[Drift]:
    """Say each provider's warnings in providers.yaml order (once, or accepted), then raise
    the first provider's error; the drifted providers, in order."""
    drifts = []
    for entry, outcome in zip(chosen, outcomes):
        sink = notices.sink(entry.accept)
        for message in outcome.said:
            sink(message)
        sink.flush()
        if outcome.error is not None:
            raise outcome.error
        for pattern in sink.unused():
            warn(
                f"{specs_dir / 'providers.yaml'}: {entry.id}: accept: {pattern!r} matched no warning"
            )
        if outcome.drift is not None:
            drifts.append(outcome.drift)
    return drifts


def _run(args: argparse.Namespace, specs_dir: Path) -> int:
    entries = load_providers(specs_dir)
    known = {entry.id for entry in entries}
    unknown = [provider_id for provider_id in args.ids if provider_id not in known]
    if unknown:
        raise InputError(
            f"unknown provider id(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    chosen = [entry for entry in entries if not args.ids or entry.id in args.ids]
    for entry in chosen:
        entry.snapshot_path(specs_dir)  # every snapshot checked before any is read or written
    if args.update_snapshots and (args.check or not args.live):
        raise InputError("--update-snapshots saves fetched pages: it needs --live, not --check")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(f"--jobs {args.jobs}: at least 1 is expected")
    notices = Notices(quiet=args.quiet)
    snapshots: dict[str, bytes] = {}  # written with the specs, all or nothing
    with _run_limit(args.live), tempfile.TemporaryDirectory(prefix="spectab-pages-") as stage:
        outcomes = _outcomes(args, chosen, specs_dir, Path(stage), snapshots)
    drifts = _replay(outcomes, chosen, notices, specs_dir)
    closing = notices.closing()
    if closing:
        print(closing, file=sys.stderr)
    if args.check or (args.live and not args.update_snapshots):
        return _report(args, chosen, drifts, specs_dir)
    return _write(args, chosen, drifts, snapshots, specs_dir)


def _report(
    args: argparse.Namespace, chosen: list[ProviderEntry], drifts: list[Drift], specs_dir: Path
) -> int:
    """``--check``, and ``--live`` without ``--update-snapshots``: the drift, nothing written.

    A live run writes specs only together with the pages they were read from: a spec read
    from a live page beside the old snapshot would fail the next ``refresh --check``."""
    pages = "the live pages" if args.live else "their pages"
    if drifts:
        sys.stdout.write(drift_report(drifts, colour=use_colour(sys.stdout)))
    if args.live and not args.check:
        print(
            f"specs and snapshots in {specs_dir} were not updated (add --update-snapshots to "
            "save the fetched pages with the specs read from them, so `refresh --check` "
            "compares with them)",
            file=sys.stderr,
        )
    if not drifts:
        print(f"{len(chosen)} spec(s) match {pages}", file=sys.stderr)
        return 0
    print(f"{len(drifts)} spec(s) out of date with {pages}", file=sys.stderr)
    return 1 if args.check else 0


def _write(
    args: argparse.Namespace,
    chosen: list[ProviderEntry],
    drifts: list[Drift],
    snapshots: dict[str, bytes],
    specs_dir: Path,
) -> int:
    """Write the drifted specs, the fetched snapshots and CHANGELOG.md together."""
    changed = {specs_dir / rel for rel in snapshots}
    saved = [entry.id for entry in chosen if entry.snapshot_path(specs_dir) in changed]
    _say_snapshots(args, chosen, saved, specs_dir)
    sections = [
        changelog.section(
            drift.entry.id,
            changelog.snapshot_label(drift.spec, snapshot_date(drift.entry, specs_dir, args.live)),
            drift.changes,
            drift.meaningful_other,
        )
        for drift in sorted(drifts, key=lambda item: item.entry.id)
        if drift.changes or drift.meaningful_other
    ]
    writes = {drift.target.name: drift.text.encode("utf-8") for drift in drifts}
    writes.update(snapshots)
    log = changelog.prepended(specs_dir / changelog.FILE_NAME, sections)
    if log is not None:
        writes[changelog.FILE_NAME] = log.encode("utf-8")
    replace_tree(specs_dir, writes, [])  # specs, snapshots and CHANGELOG.md, or none of them
    for drift in drifts:
        print(f"wrote {drift.target} ({drift.spec.entry_count} entries)", file=sys.stderr)
    unchanged = len(chosen) - len(drifts)  # said once the writes are done, not before
    if unchanged:
        print(f"{unchanged} provider{'s' if unchanged != 1 else ''} unchanged", file=sys.stderr)
    return 0


def stage_snapshot(
    entry: ProviderEntry,
    specs_dir: Path,
    warn: Callable[[str], None],
    stage: Path,
    snapshots: dict[str, bytes],
) -> Path:
    """Fetch ``docs_url`` into ``stage`` (the page, under its snapshot's name, to scrape);
    its bytes join ``snapshots`` (relative path -> bytes) when they differ from the saved."""
    from generator.scrape.fetch import load_source

    target = entry.snapshot_path(specs_dir)  # refused before anything is fetched
    fetched = load_source(entry.docs_url, warn=warn)
    if not (target.is_file() and target.read_bytes() == fetched.data):
        snapshots[target.relative_to(specs_dir).as_posix()] = fetched.data
    stage.mkdir(parents=True)
    page = stage / target.name
    page.write_bytes(fetched.data)
    return page


def _say_snapshots(
    args: argparse.Namespace, chosen: list[ProviderEntry], saved: list[str], specs_dir: Path
) -> None:
    """After ``--live --update-snapshots``, say what became of each snapshot."""
    if not args.update_snapshots:
        return
    for entry in chosen:
        state = "saved" if entry.id in saved else "unchanged"
        print(f"snapshot {specs_dir / entry.snapshot}: {state}", file=sys.stderr)
