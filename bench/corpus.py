"""The corpus score (issue 12): how well `spectab scrape` reads the real pages of ../shared/corpus (pages the rules were written against: a measure of fit, not of generality).

Runs the shared scorer (``../shared/corpus-tools/score --json``) and turns its figures into
the per-page table of bench/RESULTS.md. The scorer and the corpus live outside the repo;
without them the section says so instead of failing the whole benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class CorpusScore:
    summary: str = ""
    pages: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    error: str = ""


def scorer_path(root: Path) -> Path:
    return root.parent / "shared" / "corpus-tools" / "score"


def run_score(root: Path, spectab: Path) -> CorpusScore:
    """Score every corpus page with the given spectab command."""
    scorer = scorer_path(root)
    if not scorer.is_file():
        return CorpusScore(
            error=f"{scorer} not found (the corpus sits in ../shared beside the repo)"
        )
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as work:
        figures = Path(work) / "score.json"
        done = subprocess.run(
            [sys.executable, str(scorer), "--cli", str(spectab), "--json", str(figures)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if not figures.is_file():
            return CorpusScore(error=f"the scorer failed ({done.returncode}): {done.stderr[-300:]}")
        data = json.loads(figures.read_text("utf-8"))
    summary = next((line for line in done.stdout.splitlines() if line.startswith("corpus: ")), "")
    return CorpusScore(summary, data["pages"], data.get("labels", {}))


def _cell(value: Any) -> str:
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0]}/{value[1]}" if value[1] else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def table(score: CorpusScore) -> list[str]:
    """Markdown lines: the summary, then one row per page."""
    if score.error:
        return [f"Not measured: {score.error}"]
    lines = [
        f"`{score.summary}`",
        "",
        "A page passes with F1 >= 0.95 and message score >= 0.9; a negative page (no error "
        "list on it) passes when scrape reports none.",
        "",
        "| page | pass | expected/got | recall | precision | msg | F1 | category | http | name |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in score.pages:
        mark = "ok" if row.get("ok") else "FAIL"
        if row.get("negative"):
            got = row.get("got", 0)
            lines.append(f"| {row['page']} | {mark} | negative: {got} invented | | | | | | | |")
            continue
        figures = [
            f"{row.get('expected', '')}/{row.get('got', '')}",
            *(
                _cell(row.get(key))
                for key in ("recall", "precision", "msg", "f1", "category", "http_status", "name")
            ),
        ]
        lines.append(f"| {row['page']} | {mark} | " + " | ".join(figures) + " |")
    return lines
