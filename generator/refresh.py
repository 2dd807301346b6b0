"""``spectab refresh``: re-scrape every provider in specs/providers.yaml and rewrite its spec.

The pipeline in one place: page -> reader -> RawSpec -> overrides/naming/classes -> YAML.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from .curate import curate, load_overrides
from .errors import InputError, SpecError
from .model import Provider, Spec
from .report import warn
from .spec_io import dump_spec, write_atomic
from .yamlio import format_path, read_yaml

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
                    "format": {"enum": ["auto", "html", "markdown", "rst", "text", "json", "yaml"]},
                    "hints": {"type": "object"},
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
    for error in jsonschema.Draft202012Validator(PROVIDERS_SCHEMA).iter_errors(document.data):
        where = tuple(error.absolute_path)
        pos = document.position(where)
        problems.append(f"{path}:{pos.line}:{pos.column}: {format_path(where)}: {error.message}")
    if problems:
        raise SpecError(problems)
    return [ProviderEntry(**row) for row in document.data["providers"]]


def build_spec(entry: ProviderEntry, specs_dir: Path, live: bool = False) -> Spec:
    """Scrape one provider's page (snapshot, or its URL with ``live``) and curate it."""
    from .scrape.pipeline import scrape_page  # type: ignore[import-not-found,unused-ignore]

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
        "--check", action="store_true", help="change nothing; exit 1 if a spec would change"
    )
    parser.add_argument(
        "--live", action="store_true", help="fetch each docs_url instead of the snapshot"
    )


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
    changed = 0
    for entry in chosen:
        spec = build_spec(entry, specs_dir, live=args.live)
        text = dump_spec(spec)
        target = specs_dir / f"{entry.id}.yaml"
        before = target.read_text("utf-8") if target.exists() else ""
        if before == text:
            continue
        changed += 1
        if args.check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    str(target),
                    f"{target} (re-scraped)",
                )
            )
        else:
            write_atomic(target, text)
            print(f"wrote {target} ({spec.entry_count} entries)", file=sys.stderr)
    if args.check and changed:
        print(f"{changed} spec(s) out of date with their pages", file=sys.stderr)
        return 1
    return 0
