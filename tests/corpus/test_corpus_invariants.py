"""The scrape's invariants (tests/invariants.py) on every real page of ../shared/corpus.

``invariant_violations.txt`` records today's violations, one ``page<TAB>violation`` a line;
the test fails on a violation not recorded there, and on a recorded one that is gone (a
fix: remove its line, so it cannot come back unnoticed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.scrape.fetch import load_source
from generator.scrape.interpret.trace import Trace
from generator.scrape.pipeline import read_page, scrape_page
from generator.scrape.readers.detect import detect_format
from tests.invariants import violations

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT.parent / "shared" / "corpus" / "sources"
RECORD = Path(__file__).with_name("invariant_violations.txt")


def page_violations(path: Path) -> list[str]:
    """The violations of one page (none when it gives no spec at all)."""
    trace = Trace()
    try:
        raw = scrape_page(str(path), warn=lambda _: None, trace=trace)
    except InputError:
        return []
    fetched = load_source(str(path))
    page = read_page(fetched.text, detect_format(fetched.text, fetched.media_type, str(path)))
    return violations(raw, trace, page)


def recorded() -> set[str]:
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def found() -> set[str]:
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is not there (the corpus sits in ../shared beside the project)")
    return {f"{path.name}\t{v}" for path in sorted(SOURCES.iterdir()) for v in page_violations(path)}


def test_no_new_invariant_violations(found: set[str]) -> None:
    new = sorted(found - recorded())
    assert not new, "new invariant violations on corpus pages:\n" + "\n".join(new)


def test_fixed_violations_leave_the_record(found: set[str]) -> None:
    fixed = sorted(recorded() - found)
    assert not fixed, f"these no longer occur; remove them from {RECORD.name}:\n" + "\n".join(fixed)


if __name__ == "__main__":  # rewrite the record: .venv/bin/python -m tests.corpus.test_corpus_invariants
    lines = sorted(f"{p.name}\t{v}" for p in sorted(SOURCES.iterdir()) for v in page_violations(p))
    header = "# invariant violations on ../shared/corpus pages today (tests/invariants.py); fix, then delete the line\n"
    RECORD.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
