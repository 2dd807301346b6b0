"""``spectab scrape SOURCE``: one page to a spec on stdout or in a file.

Scrape, apply the overrides file when one is given, name and classify, and write the
canonical YAML (atomically when ``-o`` is used, so a failed scrape leaves no half file).
Warnings go to stderr; a page with no error table is an input error (exit 2). With
``--strict``, any warning while reading the page (a table, row or heading that looked like
data and was not kept) makes the exit status 1, after the spec is written.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
from contextlib import contextmanager
from typing import Any, Iterator

FORMATS = ["auto", "html", "markdown", "rst", "asciidoc", "csv", "text", "json", "yaml"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source", metavar="SOURCE", help="a file path, an http(s):// URL, or - for standard input"
    )
    parser.add_argument(
        "--id", dest="provider_id", help="provider id (default: from the file name)"
    )
    parser.add_argument(
        "--format", default="auto", choices=FORMATS, help="page format (default: auto-detect)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the spec here (default: stdout)"
    )
    parser.add_argument(
        "--overrides", metavar="FILE", help="apply this overrides file (<id>.overrides.yaml)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when reading the page warned (something that looked like data was not kept)",
    )
    parser.add_argument(
        "--explain",
        nargs="?",
        const="text",
        choices=["text", "json"],
        help="print what was found on the page and why each candidate was kept or left out "
        "(text, or json for tools) instead of the spec; -o still writes the spec",
    )
    parser.add_argument(
        "--suggest",
        action="store_true",
        help="print the hints that would read more of the page, each with its entry count",
    )
    add_hint_arguments(parser)


def add_hint_arguments(parser: argparse.ArgumentParser) -> None:
    """The reader hints, as flags; ``spectab add`` takes the same ones (``_hints`` reads them)."""
    hints = parser.add_argument_group("hints (as `hints:` in specs/providers.yaml)")
    hints.add_argument("--select", metavar="CSS", help="HTML: read only what this matches")
    hints.add_argument(
        "--section", metavar="TEXT", help="only lists under headings that contain TEXT"
    )
    hints.add_argument(
        "--columns",
        metavar="ROLE=COL,...",
        help="which column holds what: code=Number,message=Description (header or 1-based); "
        "code=Text,message=Text: the messages are their own codes",
    )
    hints.add_argument("--code-type", choices=["integer", "string"], help="type of every code")
    recipe = parser.add_argument_group(
        "recipe (a hint for shapes the reader does not know; PATTERN is {SUB} REGEX, both optional)"
    )
    recipe.add_argument(
        "--entries",
        metavar="SELECTOR",
        help="each match is one entry: CSS (HTML) or heading[:N], dt, field, item, line, row",
    )
    recipe.add_argument("--code", metavar="PATTERN", help="where the code is in an entry")
    recipe.add_argument("--name", metavar="PATTERN", help="where the name is in an entry")
    recipe.add_argument("--message", metavar="PATTERN", help="where the message is in an entry")
    recipe.add_argument(
        "--pair-columns",
        action="store_true",
        default=None,
        help="a table holding code/message pairs side by side is one list",
    )


def _hints(args: argparse.Namespace) -> dict[str, Any]:
    """The hint flags given, as the ``hints:`` mapping of providers.yaml."""
    given = {
        "select": args.select,
        "section": args.section,
        "columns": args.columns,
        "code_type": args.code_type,
        "entries": args.entries,
        "code": args.code,
        "name": args.name,
        "message": args.message,
        "pair_columns": args.pair_columns,
    }
    if args.select is not None and len(args.select) > MAX_SELECT:
        from generator.errors import InputError

        raise InputError(
            f"--select: {len(args.select)} characters; a selector of at most {MAX_SELECT} "
            "is expected (one or a few CSS selectors)"
        )
    return {key: value for key, value in given.items() if value is not None}


MAX_SELECT = 1000  # characters of a --select hint; thousands of selectors overflow the XPath engine


@contextmanager
def _cycle_collector_paused(resume: bool = True) -> Iterator[None]:
    """Pause Python's cycle collector for one scrape.

    A large page makes a few hundred thousand small objects (cells, entries, YAML
    events) that all live until the spec is written, and none of them form cycles; the
    collector would rescan them again and again, a third of the command's time.
    With ``resume`` False (the command line's own process, which ends with the scrape)
    it stays off: turned on, it would at once scan every object the scrape left (the
    modules it imported included), and the interpreter's exit would scan them all again,
    about a tenth of a small scrape, to free nothing the exit does not.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and resume:
            gc.enable()


def run(args: argparse.Namespace) -> int:
    with _cycle_collector_paused(resume=not getattr(args, "own_process", False)):
        return _suggest(args) if getattr(args, "suggest", False) else _scrape(args)


def _suggest(args: argparse.Namespace) -> int:
    """``--suggest``: the hints that would read more of the page, tried one by one."""
    from generator.scrape.suggesting import suggest_page, to_text

    found = suggest_page(args.source, args.format, _hints(args))
    sys.stdout.write(to_text(found, args.source))
    return 0


def _scrape(args: argparse.Namespace) -> int:
    from generator.commands.notices import Notices
    from generator.curate.overrides import curate, load_overrides, locator
    from generator.errors import InputError
    from generator.spec.io import dump_spec
    from generator.files import write_atomic
    from generator.scrape.pipeline import scrape_page

    if args.provider_id is not None and not re.match(r"[a-z][a-z0-9_]*\Z", args.provider_id):
        raise InputError(
            f"--id {args.provider_id!r}: expected lower_snake (a letter, then a-z, 0-9, _)"
        )
    from generator.spec.identifiers import why_illegal_provider_id

    reason = why_illegal_provider_id(args.provider_id) if args.provider_id else None
    if reason:
        raise InputError(f"--id: {reason}")
    from generator.scrape.pipeline import default_id

    reason = None if args.provider_id else why_illegal_provider_id(default_id(args.source))
    if reason:  # said here, not later at an invented "<spec ...>" location
        raise InputError(f"{args.source}: the id from the file name: {reason}; give --id")
    from generator.scrape.interpret.trace import Trace

    warn = Notices().sink()  # each warning once; one warning at several lines as one line
    lost: list[str] = []

    def warn_page(message: str) -> None:
        lost.append(message)
        warn(message)

    trace = Trace() if args.explain else None
    try:
        try:
            raw = scrape_page(
                args.source,
                fmt=args.format,
                warn=warn_page,
                provider_id=args.provider_id,
                hints=_hints(args),
                trace=trace,
            )
        finally:
            if trace is not None and trace.source:
                _explain(trace, args.explain)
        overrides = load_overrides(args.overrides) if args.overrides else None
        if args.overrides and overrides is not None and overrides.document is None:
            raise InputError(f"{args.overrides}: overrides file not found")
        spec = curate(raw, overrides, warn)
    finally:
        warn.flush()
    text = dump_spec(spec, locator(spec, overrides))
    if args.output:
        try:
            write_atomic(args.output, text)
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {args.output} ({spec.entry_count} entries)", file=sys.stderr)
    elif not args.explain:
        sys.stdout.write(text)
    if args.strict and lost:
        print(
            f"spectab: {args.source}: {len(lost)} warning(s) while reading the page; "
            "exit 1 (--strict)",
            file=sys.stderr,
        )
        return 1
    return 0


def _explain(trace: Any, form: str) -> None:
    from generator.scrape.explain import to_json, to_text

    sys.stdout.write(to_json(trace) if form == "json" else to_text(trace))
    sys.stdout.flush()
