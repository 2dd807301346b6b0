"""Rewrite passing_cells.txt: the cells that pass their test seeds today, then each failing
cell with its first failing example, shrunk. Run: .venv/bin/python -m tests.pagegen.record
"""

from __future__ import annotations

from tests.pagegen.cells import PASSING, TEST_SEEDS, cells, run_cell, shrunk_failure


def _example(cell: tuple[str, str], seed: int, problems: list[str]) -> str:
    shrunk = shrunk_failure(cell)
    if shrunk is None:
        return f"seed {seed}: {'; '.join(problems[:2])}"
    errors, found = shrunk
    codes = ", ".join(e.written for e in errors.errors)
    return f"{errors.kind} codes [{codes}]: {'; '.join(found[:2])}"


def main() -> None:
    passing, failing = [], []
    for cell in cells():
        result = run_cell(cell, TEST_SEEDS)
        if result.first is None:
            passing.append(f"{cell[0]} {cell[1]}")
        else:
            seed, problems = result.first
            failing.append(f"# {cell[0]} {cell[1]}: {_example(cell, seed, problems)}"[:300])
    lines = ["# shape x format cells (tests/pagegen) that pass their test seeds today; a reviewed",
             "# change updates this file: .venv/bin/python -m tests.pagegen.record", *passing, "",
             f"# failing cells ({len(failing)} of {len(passing) + len(failing)}), first failing example, shrunk:",
             *failing]
    PASSING.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(passing)} passing, {len(failing)} failing cells")


if __name__ == "__main__":
    main()
