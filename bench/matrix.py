"""The generated-page matrix: pass rate of every shape x format cell on seeded pages.

Each cell writes N seeded error lists (tests/pagegen) in one layout and one format,
scrapes each page in-process and counts the pages read back exactly (codes typed as
written, messages, names, HTTP statuses, nothing from decoys, every invariant kept).
Prints a Markdown matrix: rows are layouts, columns formats, ``.`` where a format cannot
express the layout (no cell).

    .venv/bin/python bench/matrix.py                 20 seeds per cell
    .venv/bin/python bench/matrix.py --seeds 5 --why also the first failure of each cell
    .venv/bin/python bench/matrix.py --write         also (re)write its section of bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pagegen.cells import Result, cells, run_cell  # noqa: E402
from tests.pagegen.formats import FORMATS  # noqa: E402
from tests.pagegen.layouts import LAYOUTS  # noqa: E402

DEFAULT_SEEDS = 20  # pages per cell: enough to meet every code kind a layout allows
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Generated pages: shape x format matrix"


def write_section(lines: list[str]) -> None:
    """Replace (or append) this script's section of RESULTS.md; the rest stays as run.py wrote it."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head, _, tail = text.partition(SECTION)
    rest = tail[tail.find("\n## "):] if "\n## " in tail else ""
    body = "\n".join([SECTION, "", "Written by `bench/matrix.py` (`make bench`).", "", *lines]) + "\n"
    RESULTS.write_text(head.rstrip("\n") + "\n\n" + body + rest, encoding="utf-8")


def rate(result: Result | None) -> str:
    if result is None:
        return "."
    return f"{100 * result.passed // result.total}"


def table(results: dict[tuple[str, str], Result]) -> list[str]:
    formats = list(FORMATS)
    lines = ["| shape \\ format | " + " | ".join(formats) + " |", "|---|" + "---|" * len(formats)]
    for layout in LAYOUTS:
        row = [rate(results.get((layout, fmt))) for fmt in formats]
        lines.append(f"| {layout} | " + " | ".join(row) + " |")
    return lines


def summary(results: dict[tuple[str, str], Result], seconds: float) -> str:
    full = sum(r.passed == r.total for r in results.values())
    pages = sum(r.total for r in results.values())
    passed = sum(r.passed for r in results.values())
    return (f"{full}/{len(results)} cells at 100%, {passed}/{pages} pages read exactly "
            f"({100 * passed / max(pages, 1):.1f}%), {seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS, help="pages per cell")
    parser.add_argument("--why", action="store_true", help="list each failing cell's first failure")
    parser.add_argument("--write", action="store_true", help=f"write the matrix into {RESULTS.name}")
    args = parser.parse_args(argv)
    started = time.monotonic()
    results = {cell: run_cell(cell, range(args.seeds)) for cell in cells()}
    lines = [*table(results), "", f"Cells are pass rates in % over {args.seeds} seeded pages; `.`: no cell.",
             summary(results, time.monotonic() - started)]
    print("\n".join(lines))
    if args.write:
        write_section(lines)
    if args.why:
        print()
        for (layout, fmt), result in results.items():
            if result.first is not None:
                seed, found = result.first
                print(f"- {layout} x {fmt} (seed {seed}): {'; '.join(found[:2])[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
