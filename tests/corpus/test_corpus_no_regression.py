"""The real pages of ../shared/corpus that pass stay passing.

``tests/corpus/passing.txt`` records the pages that passed at the last reviewed run; a page
that drops out fails this test. A page that starts to pass is reported (add it to the file:
updating it is a reviewed change). The scoring is the corpus's own tool, run on the CLI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS_TOOLS = ROOT.parent / "shared" / "corpus-tools"
PASSING = Path(__file__).with_name("passing.txt")


def recorded() -> set[str]:
    lines = PASSING.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    score = CORPUS_TOOLS / "score"
    if not score.exists():
        pytest.skip(f"{score} is not there (the corpus sits in ../shared beside the project)")
    report = tmp_path_factory.mktemp("score") / "score.json"
    cli = Path(sys.executable).with_name("spectab")
    subprocess.run(
        [sys.executable, str(score), "--cli", str(cli), "--json", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    return {page["page"]: bool(page["ok"]) for page in data["pages"]}


def test_no_page_that_passed_fails(scores: dict[str, bool]) -> None:
    lost = sorted(page for page in recorded() if not scores.get(page, False))
    assert not lost, f"pages that passed at the last recorded run fail now: {lost}"


def test_the_record_names_only_corpus_pages(scores: dict[str, bool]) -> None:
    unknown = sorted(recorded() - set(scores))
    assert recorded() and not unknown, f"passing.txt names pages not in the corpus: {unknown}"


def test_newly_passing_pages_are_recorded(scores: dict[str, bool]) -> None:
    new = sorted(page for page, ok in scores.items() if ok and page not in recorded())
    assert not new, f"these pages pass now; add them to {PASSING.name}: {new}"
