"""Generated pages with ground truth: every recorded shape x format cell still reads its list.

The generator (tests/pagegen) writes a logical error list in each layout and format; the
scrape must return exactly the list (codes typed as written, messages, names, HTTP
statuses), nothing from the decoys beside it, and keep every invariant. Cells recorded
in passing_cells.txt must pass; a cell that starts to pass must be recorded (rewrite the
file with ``.venv/bin/python -m tests.pagegen.record``, review the diff). The full matrix
with many seeds per cell is ``.venv/bin/python bench/matrix.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pagegen.cells import TEST_SEEDS, cells, page_problems, recorded, run_cell
from tests.pagegen.formats import FORMATS
from tests.pagegen.layouts import LAYOUTS
from tests.pagegen.model import CODE_KINDS

PASSING = sorted(recorded())
# hypothesis examples per property run: small, the suite runs on 2 shared cores
EXAMPLES = 15


def test_the_record_names_only_cells() -> None:
    unknown = sorted(set(PASSING) - set(cells()))
    assert PASSING and not unknown, f"passing_cells.txt names cells that do not exist: {unknown}"


def test_the_matrix_covers_every_format_and_kind() -> None:
    assert {fmt for _, fmt in cells()} == set(FORMATS)
    assert {layout for layout, _ in cells()} == set(LAYOUTS)
    assert set(CODE_KINDS) <= {kind for layout in LAYOUTS.values() for kind in layout.kinds}


@pytest.mark.parametrize("cell", PASSING, ids=[f"{layout}-{fmt}" for layout, fmt in PASSING])
def test_recorded_cell_still_passes(cell: tuple[str, str]) -> None:
    result = run_cell(cell, TEST_SEEDS)
    assert result.first is None, f"seed {result.first[0]}: " + "; ".join(result.first[1][:5])


def test_cells_that_newly_pass_are_recorded() -> None:
    failing = [cell for cell in cells() if cell not in set(PASSING)]
    new = [cell for cell in failing if run_cell(cell, TEST_SEEDS).first is None]
    assert not new, f"these cells pass now; record them (python -m tests.pagegen.record): {new}"


# derandomized: the same examples every run, so a cell that passes its seeds but not every
# list (see bench/matrix.py) cannot make the suite flaky; the bench explores further
@settings(max_examples=EXAMPLES, derandomize=True, database=None)
@given(data=st.data())
def test_property_any_list_in_a_passing_cell(data: st.DataObject) -> None:
    """Any list the layout can write, not only the seeded ones, reads back exactly."""
    layout, fmt = data.draw(st.sampled_from(PASSING), label="cell")
    shape = LAYOUTS[layout]
    errors = data.draw(shape.lists(), label="errors")
    assert page_problems(shape.page(errors), fmt) == []
