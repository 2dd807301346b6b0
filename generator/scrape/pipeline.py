"""One page to a RawSpec: load, detect the format, read, interpret.

The steps are small modules of their own; this file only chains them and records
provenance (where the page came from, its format and the sha256 of its bytes).
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urlparse

from generator.errors import InputError
from generator.spec.model import Provider, RawSpec, Source
from generator.spec.identifiers import slug
from generator.report import warn as report_warn
from generator.scrape.document import Heading, Page
from generator.scrape.interpret.trace import Trace

if TYPE_CHECKING:
    from generator.scrape.interpret.hints import Hints
from generator.scrape.readers.select import SelectError
from generator.scrape.readers.bounds import bound_tables

Warn = Callable[[str], None]

# format -> reader module (imported only when a page of that format is read)
READERS: dict[str, str] = {
    "html": "generator.scrape.readers.html",
    "markdown": "generator.scrape.readers.markdown",
    "rst": "generator.scrape.readers.rst",
    "asciidoc": "generator.scrape.readers.asciidoc",
    "csv": "generator.scrape.readers.delimited",
    "text": "generator.scrape.readers.text",
    "json": "generator.scrape.readers.catalogue",
    "yaml": "generator.scrape.readers.catalogue",
}


def read_page(text: str, fmt: str, select: str | None = None) -> Page:
    """The page as blocks, by the reader for ``fmt`` (HTML: only what ``select`` matches)."""
    if fmt not in READERS:
        raise InputError(f"unknown format {fmt!r} (known: {', '.join(sorted(READERS))})")
    if select is not None and fmt != "html":
        raise SelectError(f"hint select {select!r} works on HTML pages only (this one is {fmt})")
    try:
        module = importlib.import_module(READERS[fmt])
    except ModuleNotFoundError as exc:
        raise InputError(f"no reader for format {fmt!r} in this build ({exc.name})") from exc
    try:
        page: Page = module.read(text, select=select) if select is not None else module.read(text)
    except (ValueError, RecursionError) as exc:  # a reader's defect is still one line, exit 2
        said = (str(exc).splitlines() or [""])[0][:200]
        raise InputError(f"the {fmt} reader cannot read this page ({type(exc).__name__}: {said})")
    return bound_tables(page)  # rows and cells past the bounds cut, whatever the format


STDIN = "-"


def read_stdin() -> Any:
    """The page on standard input, loaded like a file (same size cap, binary check and
    charset rules); errors name ``-``, not the temporary copy."""
    import os
    import sys
    import tempfile

    from generator.scrape.fetch import MAX_BYTES, load_source

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    handle, path = tempfile.mkstemp(prefix="spectab-stdin-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            fetched = load_source(path)
        except InputError as exc:
            raise InputError(str(exc).replace(path, "standard input")) from exc
        fetched.location = STDIN
        return fetched
    finally:
        os.unlink(path)


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def default_id(location: str) -> str:
    """A provider id from the page's file name (``specs/sources/voipms.txt`` -> voipms)."""
    if location == STDIN:
        return "stdin"
    if is_url(location):
        parsed = urlparse(location)
        stem = PurePosixPath(parsed.path).stem or parsed.hostname or ""
    else:
        stem = PurePosixPath(location.replace("\\", "/")).stem
    return slug(stem)


def page_name(page: Page) -> str | None:
    """What the page calls itself: its title, or its first level-1 heading."""
    if page.title and page.title.strip():
        return " ".join(page.title.split())
    for block in page.blocks:
        if isinstance(block, Heading) and block.level == 1 and block.text.strip():
            return " ".join(block.text.split())
    return None


def scrape_page(
    location: str,
    *,
    provider: Provider | None = None,
    fmt: str = "auto",
    hints: dict[str, Any] | None = None,
    warn: Warn = report_warn,
    recorded_location: str | None = None,
    provider_id: str | None = None,
    trace: Trace | None = None,
) -> RawSpec:
    """Read ``location`` (a file or URL) into a RawSpec; warnings go to ``warn``.

    ``trace`` records what the interpreter considered (``scrape --explain``), even when
    the page turns out to hold no error list."""
    from generator.scrape.fetch import load_source
    from generator.scrape.interpret.hints import parse_hints

    fetched = read_stdin() if location == STDIN else load_source(location)
    where = recorded_location or location
    if fmt in (None, "", "auto"):
        from generator.scrape.readers.detect import detect_format

        fmt = detect_format(fetched.text, fetched.media_type, location)
    if trace is not None:
        trace.source, trace.format = where, fmt
    parsed = parse_hints(hints, where)
    try:
        page = read_page(fetched.text, fmt, parsed.select)
    except SelectError as exc:
        if trace is not None:
            trace.error = f"{where}: {exc}"
        raise InputError(f"{where}: {exc}") from exc
    except InputError as exc:
        message = str(exc)  # a reader's ":LINE:COL: what" or "what"
        raise InputError(where + message if message.startswith(":") else f"{where}: {message}")
    for message in page.warnings:
        warn(f"{where}: {message}")
    if parsed.pair_columns:
        from generator.scrape.recipe.pairs import unfold_pairs

        page = unfold_pairs(page, where)
    result = _interpret(page, fetched.text, fmt, where, warn, hints, parsed, trace)
    if provider is None:
        new_id = provider_id or default_id(location)
        provider = Provider(
            id=new_id,
            name=page_name(page) or new_id,
            docs_url=location if is_url(location) else None,
        )
    source = Source(location=where, format=fmt, sha256=hashlib.sha256(fetched.data).hexdigest())
    return RawSpec(
        provider=provider,
        namespaces=result.namespaces,
        source=source,
        envelope=result.envelope,
    )


def _interpret(
    page: Page,
    text: str,
    fmt: str,
    where: str,
    warn: Warn,
    hints: dict[str, Any] | None,
    parsed: Hints,
    trace: Trace | None,
) -> Any:
    """The interpreter's reading of the page, or the recipe's when the hints give one."""
    from generator.scrape.interpret.walker import Interpretation, interpret

    if parsed.recipe is None:  # the recipe's modules are imported only for a recipe hint
        return interpret(page, where, warn, hints, trace)
    from generator.scrape.interpret import registry
    from generator.scrape.recipe.build import RECIPE_RULE, recipe_namespaces

    if not registry.on(RECIPE_RULE):
        return interpret(page, where, warn, hints, trace)
    trace = trace if trace is not None else Trace()
    try:
        namespaces = recipe_namespaces(parsed.recipe, text, fmt, page, where, warn, trace, parsed)
    except InputError as exc:
        trace.error = str(exc)
        raise
    trace.settle(namespaces)
    return Interpretation(namespaces, None, trace)


__all__ = ["scrape_page", "read_page", "default_id", "READERS"]
