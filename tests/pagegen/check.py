"""Scrape a generated page in-process and compare the result with its ground truth."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.scrape.interpret.trace import Trace
from generator.scrape.pipeline import scrape_page
from generator.spec.model import RawEntry, RawSpec
from tests.pagegen.blocks import Unsupported
from tests.pagegen.formats import FORMATS
from tests.pagegen.layouts import LAYOUTS, Expected, Page


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def render(layout: str, fmt: str, seed: int) -> tuple[Page, str, str]:
    """The page meaning, its text and file extension (raises Unsupported)."""
    page = LAYOUTS[layout].make(seed)
    ext, renderer = FORMATS[fmt]
    return page, renderer(page.doc), ext


def is_cell(layout: str, fmt: str) -> bool:
    """A format that cannot express a layout makes no cell."""
    try:
        render(layout, fmt, 0)
    except Unsupported:
        return False
    return True


def scrape_text(text: str, ext: str, warnings: list[str] | None = None) -> tuple[RawSpec, Trace]:
    trace = Trace()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"generated-page.{ext}"
        path.write_text(text, encoding="utf-8")
        sink = warnings if warnings is not None else []
        raw = scrape_page(str(path), warn=sink.append, provider_id="generated", trace=trace)
    return raw, trace


def _found(entries: list[RawEntry], want: Expected) -> str | None:
    """Why ``want`` is not among ``entries`` (None when it is)."""
    code, message, name, status, category = want
    same_code = [e for e in entries if e.code == code and type(e.code) is type(code)]
    if not same_code:
        typed = [e for e in entries if str(e.code) == str(code)]
        if typed:
            return f"{code!r} typed as {typed[0].code!r}"
        return f"missing {code!r}"
    texts = [e for e in same_code if _same(e.message, message) or message in " ".join((e.description or "").split())]
    if not texts:
        return f"{code!r}: message {same_code[0].message!r}, want {message!r}"
    entry = texts[0]
    if name is not None and entry.name != name:
        return f"{code!r}: name {entry.name!r}, want {name!r}"
    if status is not None and entry.http_status != status:
        return f"{code!r}: HTTP status {entry.http_status!r}, want {status!r}"
    if category is not None and entry.category != category:
        return f"{code!r}: category {entry.category!r}, want {category!r}"
    return None


def problems(raw: RawSpec, page: Page) -> list[str]:
    """Everything the scrape got wrong: missing, mistyped, mis-messaged, invented entries."""
    entries = [e for ns in raw.namespaces for e in ns.entries]
    out = [why for want in page.expected if (why := _found(entries, want))]
    wanted = {(w[0], type(w[0])) for w in page.expected} | {(str(w[0]), str) for w in page.expected}
    invented = [e.code for e in entries if (e.code, type(e.code)) not in wanted]
    if invented:
        out.append(f"invented {invented[:4]!r}")
    return out
