"""``spectab add PAGE|URL --id ID [hints]``: one more provider in the catalogue, in one step.

What a user would otherwise do by hand, in refresh's terms: the page saved byte for byte as
its snapshot under ``specs/sources/``, its entry (with the hints it needs) appended to
``providers.yaml``, the spec scraped from the snapshot exactly as ``refresh`` will read it
(so ``refresh --check`` agrees at once), and an overrides file to fix a reading in. All of
it is written at once or not at all (``files.replace_tree``); ``--dry-run`` writes nothing.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError

if TYPE_CHECKING:
    from generator.commands.refresh import ProviderEntry
    from generator.scrape.fetch import Fetched
    from generator.spec.model import Spec

# file name extension of a snapshot saved from a URL, by the format it was read as
EXTENSIONS = {
    "html": ".html",
    "markdown": ".md",
    "rst": ".rst",
    "asciidoc": ".adoc",
    "csv": ".csv",
    "text": ".txt",
    "json": ".json",
    "yaml": ".yaml",
}
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")  # a page file's own extension, kept as is

OVERRIDES = """\
# Corrections to what `spectab add` / `spectab refresh` read from the page, applied after
# every scrape (keyed by the scraped namespace id and the code, so they survive the next one).
# Uncomment and edit; `spectab refresh @ID@` applies them (see spectab's docs/scraping.md).
spectab_overrides: 1
# namespaces:
#   @NS@:                                  # the id the scrape gave (in specs/@ID@.yaml)
#     id: @NS@                             # rename the namespace
#     title: ...                           # retitle it
#     set:                                 # correct fields of an entry
#       @CODE@: {name: @NAME@, category: internal, retry: backoff}
#     drop:                                # entries to leave out (reason required)
#       @CODE@: the page's row is cut off
"""


def overrides_text(spec: Spec) -> str:
    """The overrides file's commented example, naming this spec's first namespace and code."""
    import json

    namespace = spec.namespaces[0]
    first = namespace.errors[0]
    code = json.dumps(first.code) if isinstance(first.code, str) else str(first.code)
    text = OVERRIDES.replace("@ID@", spec.provider.id).replace("@NS@", namespace.id)
    return text.replace("@CODE@", code).replace("@NAME@", first.name)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from generator.commands.config import add_config_argument
    from generator.commands.scrape import FORMATS, add_hint_arguments

    parser.add_argument("page", metavar="PAGE|URL", help="the error page: a file or an http(s) URL")
    parser.add_argument("--id", dest="provider_id", required=True, help="provider id (lower_snake)")
    parser.add_argument(
        "--provider-name",
        metavar="NAME",
        help="provider name (default: the page's title); --name is the recipe's name pattern",
    )
    parser.add_argument(
        "--docs-url",
        metavar="URL",
        help="where the page lives, fetched by `refresh --live` (default: the URL given)",
    )
    parser.add_argument(
        "--format", default="auto", choices=FORMATS, help="page format (default: auto-detect)"
    )
    parser.add_argument(
        "--specs", type=Path, help="specs folder (default: from the settings file, else specs)"
    )
    add_config_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be written; write nothing"
    )
    add_hint_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from generator.commands.config import own_folder, settle_paths
    from generator.files import locked

    _check_id(args.provider_id)
    settle_paths(args, ("specs",))
    specs_dir = own_folder("--specs", args.specs, replaced=not args.dry_run)
    if args.dry_run:
        return _add(args, specs_dir)
    with locked(specs_dir):  # a refresh or another add waits, then sees this provider
        return _add(args, specs_dir)


def _check_id(provider_id: str) -> None:
    from generator.spec.identifiers import why_illegal_provider_id

    if not re.match(r"[a-z][a-z0-9_]*\Z", provider_id):
        raise InputError(f"--id {provider_id!r}: expected lower_snake (a letter, then a-z, 0-9, _)")
    reason = why_illegal_provider_id(provider_id)
    if reason:
        raise InputError(f"--id: {reason}")


def _add(args: argparse.Namespace, specs_dir: Path) -> int:
    from generator.files import replace_tree

    entries_text = _providers_text(specs_dir)
    _refuse_taken(args.provider_id, specs_dir)
    fetched = _fetch(args.page)
    entry = _entry(args, fetched)
    snapshot = entry.snapshot_path(specs_dir)
    if snapshot.exists() and snapshot.read_bytes() != fetched.data:
        raise InputError(f"{snapshot}: already exists with other bytes; remove it or pick --id")
    try:
        spec, text, warned = _scrape(entry, specs_dir, fetched.data)
    except InputError as exc:  # nothing was saved: name the page given, not the snapshot
        recorded, message = f"{specs_dir.name}/{entry.snapshot}", str(exc)
        if not message.startswith(recorded):
            raise
        raise InputError(args.page + message[len(recorded) :]) from None
    writes = {
        entry.snapshot: fetched.data,
        "providers.yaml": _appended(specs_dir, entries_text, entry).encode("utf-8"),
        f"{entry.id}.yaml": text.encode("utf-8"),
    }
    overrides = specs_dir / f"{entry.id}.overrides.yaml"
    if not overrides.exists():
        writes[overrides.name] = overrides_text(spec).encode("utf-8")
    log = _changelog(entry, specs_dir, spec, fetched.data)
    if log is not None:
        writes["CHANGELOG.md"] = log.encode("utf-8")
    if not args.dry_run:
        replace_tree(specs_dir, writes, [])  # all of it, or (on any error) none of it
    verb = "would write" if args.dry_run else "wrote"
    for rel in writes:
        print(f"{verb} {specs_dir / rel}")
    _say_found(spec, warned, args.dry_run)
    return 0


def _providers_text(specs_dir: Path) -> str:
    """providers.yaml as it is (checked: its problems are the user's to fix first), or the
    commented empty list ``init`` writes when the folder has none yet."""
    from generator.commands.init import PROVIDERS
    from generator.commands.refresh import load_providers

    path = specs_dir / "providers.yaml"
    if not path.exists():
        return PROVIDERS
    load_providers(specs_dir)
    return path.read_bytes().decode("utf-8")


def _refuse_taken(provider_id: str, specs_dir: Path) -> None:
    from generator.commands.refresh import load_providers

    listed = (specs_dir / "providers.yaml").exists() and any(
        entry.id == provider_id for entry in load_providers(specs_dir)
    )
    if listed:
        raise InputError(
            f"{specs_dir / 'providers.yaml'}: {provider_id} is already listed; "
            f"`spectab refresh {provider_id}` re-reads its page"
        )
    spec = specs_dir / f"{provider_id}.yaml"
    if spec.exists():
        raise InputError(f"{spec}: already exists; pick another --id or remove it")


def _fetch(page: str) -> Fetched:
    from generator.scrape.fetch import load_source

    return load_source(page)


def _entry(args: argparse.Namespace, fetched: Fetched) -> ProviderEntry:
    """The providers.yaml row: the format pinned (as detected now), the hints given."""
    from generator.commands.refresh import ProviderEntry
    from generator.commands.scrape import _hints
    from generator.scrape.pipeline import is_url
    from generator.scrape.readers.detect import detect_format

    url = is_url(args.page)
    docs_url = args.docs_url or (args.page if url else None)
    if docs_url is None:
        raise InputError(
            f"{args.page}: a page from a file needs --docs-url URL (where it is published; "
            "`refresh --live` fetches it from there)"
        )
    fmt = args.format
    if fmt == "auto":
        fmt = detect_format(fetched.text, fetched.media_type, args.page)
    suffix = _SUFFIX.search(Path(args.page).name)
    extension = suffix.group(0) if suffix and not url else EXTENSIONS[fmt]
    hints = _hints(args)
    name = args.provider_name or _page_name(fetched, fmt, hints) or args.provider_id
    return ProviderEntry(
        id=args.provider_id,
        name=name,
        docs_url=docs_url,
        snapshot=f"sources/{args.provider_id}{extension}",
        format=fmt,
        hints=hints,
    )


def _page_name(fetched: Fetched, fmt: str, hints: dict[str, object]) -> str | None:
    from generator.scrape.interpret.hints import parse_hints
    from generator.scrape.pipeline import page_name, read_page

    select = parse_hints(hints, fetched.location).select
    return page_name(read_page(fetched.text, fmt, select))


def _scrape(entry: ProviderEntry, specs_dir: Path, data: bytes) -> tuple[Spec, str, int]:
    """The spec as ``refresh`` reads it from the snapshot (saved to a stage first), its
    canonical text, and how many warnings reading it gave (each printed once)."""
    from generator.commands.notices import Notices
    from generator.commands.refresh import build_spec
    from generator.spec.io import dump_spec

    notices = Notices()
    sink = notices.sink()
    said: list[str] = []

    def warn(message: str) -> None:
        said.append(message)
        sink(message)

    with tempfile.TemporaryDirectory(prefix="spectab-add-") as stage:
        page = Path(stage, Path(entry.snapshot).name)
        page.write_bytes(data)
        try:
            spec, locate = build_spec(entry, specs_dir, warn=warn, page=page)
        finally:
            sink.flush()
    return spec, dump_spec(spec, locate), len(said)


def _appended(specs_dir: Path, text: str, entry: ProviderEntry) -> str:
    """providers.yaml with ``entry`` added at the end, its comments kept; read back to be
    sure it lists exactly the old entries and this one."""
    import yaml

    row: dict[str, object] = {"id": entry.id, "name": entry.name, "docs_url": entry.docs_url}
    row.update({"snapshot": entry.snapshot, "format": entry.format})
    if entry.hints:
        row["hints"] = entry.hints
    block = yaml.safe_dump([row], sort_keys=False, allow_unicode=True, width=100)
    lines = text.splitlines()
    empty = [i for i, line in enumerate(lines) if re.match(r"providers:\s*\[\]\s*(#.*)?\Z", line)]
    if empty:
        lines[empty[0]] = "providers:"
    indent = next((m.group(1) for m in map(re.compile(r"(\s*)- ").match, lines) if m), "")
    added = [indent + line if line else line for line in block.splitlines()]
    result = "\n".join([*lines, *added]) + "\n"
    _check_appended(specs_dir, text, result, entry)
    return result


def _check_appended(specs_dir: Path, before: str, after: str, entry: ProviderEntry) -> None:
    """Appending text works on a block-style list; anything else (a flow-style list, a
    trailing document) is refused in one line rather than written wrong."""
    from generator.commands.refresh import load_providers_file

    path = specs_dir / "providers.yaml"
    with tempfile.TemporaryDirectory(prefix="spectab-add-") as stage:
        old, new = Path(stage, "old.yaml"), Path(stage, "providers.yaml")
        old.write_text(before, "utf-8")
        new.write_text(after, "utf-8")
        try:
            wanted = [*load_providers_file(old), entry]
            read = load_providers_file(new)
        except InputError:
            read, wanted = [], [entry]
    if read != wanted:
        raise InputError(
            f"{path}: cannot append {entry.id} to it (write its list in block style, "
            "one `- id:` entry after another)"
        )


def _changelog(entry: ProviderEntry, specs_dir: Path, spec: Spec, data: bytes) -> str | None:
    """CHANGELOG.md with the provider's first section, as refresh writes for a new spec."""
    from generator.diff import changelog
    from generator.diff.changes import diff_specs

    date = changelog.page_date(data.decode("utf-8", "replace"))  # as refresh reads it
    label = changelog.snapshot_label(spec, date)
    section = changelog.section(entry.id, label, diff_specs(None, spec), [])
    return changelog.prepended(specs_dir / changelog.FILE_NAME, [section])


def _say_found(spec: Spec, warned: int, dry_run: bool) -> None:
    """What the page gave, and what to run next."""
    print(f"{spec.provider.id} ({spec.provider.name}): {spec.entry_count} entries")
    for namespace in spec.namespaces:
        count = len(namespace.errors)
        noun = "code" if count == 1 else "codes"
        print(f"  {namespace.id}: {count} {namespace.code_type} {noun} ({namespace.title})")
    if warned:
        print(
            f"  {warned} warning(s) while reading the page (above); fix a reading in "
            f"{spec.provider.id}.overrides.yaml"
        )
    step = "the same command without --dry-run" if dry_run else "spectab generate"
    print(f"next: {step}")
