"""``spectab refresh``: re-scrape every provider in specs/providers.yaml and rewrite its spec.

The pipeline in one place: page -> reader -> RawSpec -> overrides/naming/classes -> YAML.
Drift is reported as a semantic diff (diff.py) against the committed spec: ``--check``
prints it and exits 1 when any spec would change; otherwise the specs are rewritten and the
diff is put on top of specs/CHANGELOG.md. Every provider is scraped before anything is
written, so a failing page leaves all specs as they were.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from generator.diff import changelog
from generator.curate.overrides import curate, load_overrides
from generator.diff.changes import Change, diff_specs, other_differences, sort_key
from generator.diff.formats import render_text, use_colour
from generator.errors import InputError, SpecError
from generator.spec.model import Provider, Spec
from generator.report import warn
from generator.spec.io import dump_spec, load_spec
from generator.files import write_atomic
from generator.spec.yamlio import format_path, read_yaml

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
                    "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
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
                            "select": {"type": "string", "minLength": 1},
                            "section": {"type": "string", "minLength": 1},
                            "columns": {"type": ["string", "object"]},
                            "code_type": {"enum": ["integer", "string"]},
                        },
                    },
                    "snapshot_date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
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

    @property
    def provider(self) -> Provider:
        return Provider(id=self.id, name=self.name, docs_url=self.docs_url)


def load_providers(specs_dir: Path) -> list[ProviderEntry]:
    path = specs_dir / "providers.yaml"
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
    if problems:
        raise SpecError(problems)
    return [ProviderEntry(**row) for row in document.data["providers"]]


def build_spec(entry: ProviderEntry, specs_dir: Path, live: bool = False) -> Spec:
    """Scrape one provider's page (snapshot, or its URL with ``live``) and curate it."""
    from generator.scrape.pipeline import scrape_page  # heavy imports only when scraping

    location = entry.docs_url if live else str(specs_dir / entry.snapshot)
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
    return curate(raw, overrides, warn)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="providers to refresh (default: all)")
    parser.add_argument("--specs", default="specs", type=Path, help="specs folder (default: specs)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print the diff against the committed specs, exit 1 if any would change",
    )
    parser.add_argument(
        "--live", action="store_true", help="fetch each docs_url instead of the snapshot"
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


def _committed(target: Path, strict: bool) -> Spec | None:
    """The committed spec, or None if there is none (or, when not strict, it is unreadable)."""
    if not target.exists():
        return None
    try:
        return load_spec(target)
    except SpecError as exc:
        if strict:
            raise
        warn(f"{target}: the committed spec is invalid ({exc.problems[0]}); diffing against none")
        return None


def find_drift(entry: ProviderEntry, specs_dir: Path, live: bool, strict: bool) -> Drift | None:
    """Re-scrape one provider and compare with its committed spec; None when identical."""
    spec = build_spec(entry, specs_dir, live=live)
    text = dump_spec(spec)
    target = specs_dir / f"{entry.id}.yaml"
    if target.exists() and target.read_text("utf-8") == text:
        return None
    old = _committed(target, strict)
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
        text = (specs_dir / entry.snapshot).read_bytes().decode("utf-8", "replace")
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
    return render_text(changes, colour=colour, notes=notes)


def run(args: argparse.Namespace) -> int:
    specs_dir: Path = args.specs
    entries = load_providers(specs_dir)
    known = {entry.id for entry in entries}
    unknown = [provider_id for provider_id in args.ids if provider_id not in known]
    if unknown:
        raise InputError(
            f"unknown provider id(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    chosen = [entry for entry in entries if not args.ids or entry.id in args.ids]
    drifts = []
    for entry in chosen:
        drift = find_drift(entry, specs_dir, live=args.live, strict=args.check)
        if drift is not None:
            drifts.append(drift)
    if args.check:
        if not drifts:
            print(f"{len(chosen)} spec(s) match their pages", file=sys.stderr)
            return 0
        sys.stdout.write(drift_report(drifts, colour=use_colour(sys.stdout)))
        print(f"{len(drifts)} spec(s) out of date with their pages", file=sys.stderr)
        return 1
    for drift in drifts:
        write_atomic(drift.target, drift.text)
        print(f"wrote {drift.target} ({drift.spec.entry_count} entries)", file=sys.stderr)
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
    changelog.prepend(specs_dir / changelog.FILE_NAME, sections)
    return 0
