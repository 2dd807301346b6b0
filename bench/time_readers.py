"""Time `spectab scrape` on the same N-row error list written as Markdown, reST and HTML.

Usage: python bench/time_readers.py [ROWS] [RUNS]   (default 1000 rows, 5 runs)

Each page comes from make_inputs.py; each scrape is a fresh subprocess (start-up included),
and the median of RUNS is printed with the reader's own time (best of RUNS, in process).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import make_inputs  # noqa: E402

from generator.scrape.pipeline import read_page  # noqa: E402

PAGES = {"markdown": make_inputs.markdown_page, "rst": make_inputs.rst_page}


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else 1000
    runs = int(argv[1]) if len(argv) > 1 else 5
    spectab = Path(sys.executable).with_name("spectab")
    with tempfile.TemporaryDirectory() as folder:
        pages = {fmt: Path(folder) / f"errors.{fmt}" for fmt in (*PAGES, "html")}
        for fmt, build in PAGES.items():
            pages[fmt].write_text(build(rows), encoding="utf-8")
        pages["html"].write_text(make_inputs.html_page(rows), encoding="utf-8")
        for fmt, page in pages.items():
            out = Path(folder) / f"{fmt}.yaml"
            walls = []
            for _ in range(runs):
                start = time.perf_counter()
                command = [str(spectab), "scrape", str(page), "--format", fmt, "-o", str(out)]
                subprocess.run(command, check=True, capture_output=True)
                walls.append(time.perf_counter() - start)
            entries = out.read_text(encoding="utf-8").count("\n  - code: ")
            text = page.read_text(encoding="utf-8")
            reads = []
            for _ in range(runs):
                start = time.perf_counter()
                read_page(text, fmt)
                reads.append(time.perf_counter() - start)
            print(
                f"{fmt:9} {rows} rows: scrape {statistics.median(walls):.2f} s (median of {runs}),"
                f" reader {min(reads):.3f} s, {entries} entries"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
