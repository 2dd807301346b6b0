"""A recipe's entries to namespaces, the way the interpreter's entries become them.

The entries are grouped by the heading they sit under and go through the same sections
pass (merging, one entry per wire value), typing and status passes as interpreted lists;
``--explain`` shows one candidate that says the entries came from the recipe.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from generator.errors import InputError
from generator.spec.model import RawEntry, RawNamespace
from generator.scrape.document import Page
from generator.scrape.interpret.hints import Hints, coerce_codes
from generator.scrape.interpret.outline import FALLBACK_TITLE
from generator.scrape.interpret.sections import Part, Section, build_namespaces
from generator.scrape.interpret.status_pass import entry_statuses, namespace_statuses
from generator.scrape.interpret.trace import ENTRIES, Candidate, Trace
from generator.scrape.recipe.block_items import block_items
from generator.scrape.recipe.fields import DEFAULT_CODE, entry_of, field_found
from generator.scrape.recipe.html_items import html_items
from generator.scrape.recipe.items import Item
from generator.scrape.recipe.safe_regex import BUDGET_SECONDS, RegexTimeout, budget, search
from generator.scrape.recipe.spec import KINDS_TEXT, Recipe

Warn = Callable[[str], None]
# the registered rule (rules.yaml) under which recipe entries are kept: the user's word
RECIPE_RULE = "hints.recipe"


def recipe_namespaces(
    recipe: Recipe,
    source: str,
    fmt: str,
    page: Page,
    location: str,
    warn: Warn,
    trace: Trace,
    hints: Hints | None = None,
) -> list[RawNamespace]:
    """The namespaces ``recipe`` reads from the page; an input error when it finds none.
    The other hints say the same as for read lists: ``select`` and ``section`` narrow where
    the entries are, ``code_type`` types the codes; column hints have no table to fit."""
    hints = hints or Hints()
    said = f"{location}: recipe {recipe.describe()}"
    _refuse_column_hints(recipe, hints, said)
    found = _read(recipe, source, fmt, page, said, hints)
    kept = [(item, entry) for item, entry in found if entry is not None]
    _one_code_type([entry for _, entry in kept])

    def where(line: int | None) -> str:
        return f"{location}:{line}" if line else location

    parts = _parts(kept, " ".join((page.title or "").split()) or FALLBACK_TITLE)
    if hints.code_type is not None:
        for part in parts:
            coerce_codes(part.entries, hints.code_type, where)
    entry_statuses(parts)
    placed = build_namespaces(parts, warn, where)
    namespace_statuses(placed)
    _record(trace, recipe, kept, [item for item, entry in found if entry is None])
    return [item.namespace for item in placed]


def _read(
    recipe: Recipe, source: str, fmt: str, page: Page, said: str, hints: Hints
) -> list[tuple[Item, RawEntry | None]]:
    """Every entry with what its fields give (None: no code), all searches under the
    budget; an input error for a recipe part that matches nothing."""
    try:
        with budget():
            items = _items(recipe, source, fmt, page, said, hints.select)
            if not items:
                raise InputError(f"{said}: entries matches nothing on the page")
            items = _in_section(items, hints, said)
            found = [(item, entry_of(item, recipe)) for item in items]
            coded = [item for item, entry in found if entry is not None]
            if not coded:
                raise InputError(
                    f"{said}: {len(items)} entries, the code pattern finds a code in none "
                    f"(the first reads {items[0].text[:60]!r})"
                )
            for key in ("name", "message"):
                pattern = getattr(recipe, key)
                if pattern is not None and not any(field_found(i, pattern) for i in coded):
                    raise InputError(
                        f"{said}: {key} finds nothing in any of the {len(coded)} entries "
                        f"with a code (the first reads {coded[0].text[:60]!r})"
                    )
    except RegexTimeout:
        raise InputError(f"{said}: the patterns took over {BUDGET_SECONDS:g} s; simplify them")
    return found


def _refuse_column_hints(recipe: Recipe, hints: Hints, said: str) -> None:
    """Column hints fit a table the interpreter reads; a recipe reads no table, so a column
    hint beside it would be silently ignored: say where the column goes instead. Unfolded
    side-by-side tables are rows of the page model, which CSS entries do not see."""
    given = [key for key, value in (("columns", hints.columns), ("roles", hints.roles)) if value]
    if given:
        raise InputError(
            f"{said}: hint {given[0]} does not apply to a recipe; name the column in a "
            "field instead (--code '{Number}', --message '{2}')"
        )
    if hints.pair_columns and recipe.kind is None:
        raise InputError(
            f"{said}: hint pair_columns unfolds tables for block kinds; with it, "
            "entries is row (--entries row), not CSS"
        )


def _in_section(items: list[Item], hints: Hints, said: str) -> list[Item]:
    """The entries under a heading that contains the section hint's text."""
    if hints.section is None:
        return items
    kept = [item for item in items if hints.in_section(_headings(item.section))]
    if not kept:
        raise InputError(
            f"{said}: hint section {hints.section!r}: no entry sits under a heading that contains it"
        )
    return kept


def _headings(section: Section) -> list[str]:
    return [title for title in (section.title, section.parent_title) if title]


def _items(
    recipe: Recipe, source: str, fmt: str, page: Page, said: str, select: str | None
) -> list[Item]:
    if recipe.kind is None:
        if fmt != "html":
            raise InputError(
                f"{said}: on a {fmt} page, entries is a block kind ({KINDS_TEXT}); "
                "CSS selectors work on HTML pages"
            )
        return html_items(source, recipe.entries, select)
    code = recipe.code.regex if recipe.code and recipe.code.sub is None else None
    pattern = code or DEFAULT_CODE
    return block_items(page, recipe, lambda text: search(pattern, text) is not None)


def _one_code_type(entries: list[RawEntry]) -> None:
    """One pattern captures one kind of value: when one code is not an integer (``22P02``),
    none is (``53000`` beside it is the same kind of text)."""
    if any(not isinstance(entry.code, int) for entry in entries):
        for entry in entries:
            entry.code = str(entry.code)


def _parts(kept: list[tuple[Item, RawEntry]], page_title: str) -> list[Part]:
    """The entries grouped by the section they sit under, in page order (entries under no
    heading are the page's, titled as the page)."""
    parts: list[Part] = []
    for item, entry in kept:
        if not parts or parts[-1].section.key != item.section.key:
            section = replace(
                item.section,
                title=item.section.title or page_title,
                parent_title=item.section.parent_title or page_title,
            )
            parts.append(Part(section, line=item.line, context=section.title))
        parts[-1].entries.append(entry)
    return parts


def _record(
    trace: Trace, recipe: Recipe, kept: list[tuple[Item, RawEntry]], codeless: list[Item]
) -> None:
    """One candidate for the recipe: what it matched, what it kept, what had no code."""
    first = kept[0][0]
    size = {"matches": len(kept) + len(codeless), "entries": len(kept)}
    candidate = trace.add(Candidate("recipe", first.line, first.section.title, size))
    candidate.outcome, candidate.entries = ENTRIES, [entry for _, entry in kept]
    without = ""
    if codeless:
        at = f" at line {codeless[0].line}" if codeless[0].line else ""
        without = (
            f"; {len(codeless)} without a code left out, the first {codeless[0].text[:60]!r}{at}"
        )
    candidate.reason = f"entries from the recipe {recipe.describe()} (hint){without}"
    candidate.rule = RECIPE_RULE


__all__ = ["recipe_namespaces", "RECIPE_RULE"]
