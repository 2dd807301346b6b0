"""The shape x format matrix: which cells exist, and running one cell on seeds.

A cell passes a seed when the scrape of its generated page returns exactly the list
(tests/pagegen/check.py) and keeps every invariant (tests/invariants.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis.errors import NoSuchExample

from generator.errors import InputError
from generator.scrape.pipeline import read_page
from generator.scrape.readers.detect import detect_format
from tests.invariants import violations
from tests.pagegen.check import is_cell, problems, scrape_text
from tests.pagegen.formats import FORMATS
from tests.pagegen.layouts import LAYOUTS, Page
from tests.pagegen.model import ErrorList

PASSING = Path(__file__).with_name("passing_cells.txt")
# seeds every recorded cell must pass in the test suite (the bench runs many more)
TEST_SEEDS = (0, 1)
# examples hypothesis tries when shrinking a failing cell's page to a small one
SHRINK_EXAMPLES = 40

Cell = tuple[str, str]


@lru_cache(maxsize=1)
def cells() -> list[Cell]:
    """Every (layout, format) pair the format can express."""
    return [(layout, fmt) for layout in LAYOUTS for fmt in FORMATS if is_cell(layout, fmt)]


def page_problems(page: Page, fmt: str) -> list[str]:
    """What is wrong with the scrape of ``page`` written in ``fmt`` (empty: it passes)."""
    ext, renderer = FORMATS[fmt]
    text = renderer(page.doc)
    try:
        raw, trace = scrape_text(text, ext)
    except InputError as exc:
        return [f"no spec: {str(exc).split(': ', 1)[-1][:120]}"]
    read = read_page(text, detect_format(text, None, f"page.{ext}"))
    return problems(raw, page) + violations(raw, trace, read)


def seed_problems(cell: Cell, seed: int) -> list[str]:
    layout, fmt = cell
    return page_problems(LAYOUTS[layout].make(seed), fmt)


@dataclass
class Result:
    passed: int
    total: int
    first: tuple[int, list[str]] | None = None  # the first failing seed and its problems


def run_cell(cell: Cell, seeds: range | tuple[int, ...]) -> Result:
    result = Result(0, 0)
    for seed in seeds:
        found = seed_problems(cell, seed)
        result.total += 1
        if not found:
            result.passed += 1
        elif result.first is None:
            result.first = (seed, found)
    return result


def shrunk_failure(cell: Cell) -> tuple[ErrorList, list[str]] | None:
    """The smallest list hypothesis finds that this cell gets wrong, with what is wrong."""
    layout, fmt = cell
    shape = LAYOUTS[layout]
    quick = settings(max_examples=SHRINK_EXAMPLES, database=None, deadline=None,
                     phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    try:
        errors = find(shape.lists(), lambda e: bool(page_problems(shape.page(e), fmt)), settings=quick)
    except NoSuchExample:
        return None
    return errors, page_problems(shape.page(errors), fmt)


def recorded() -> set[Cell]:
    lines = PASSING.read_text(encoding="utf-8").splitlines()
    return {(parts[0], parts[1]) for line in lines if line.strip() and not line.startswith("#")
            for parts in [line.split()]}
