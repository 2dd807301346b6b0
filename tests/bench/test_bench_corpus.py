"""The corpus section of bench/RESULTS.md reads the scorer's figures as they are."""

from __future__ import annotations

from tests.bench.bench_module import load


def _corpus_module():
    return load("corpus")


def test_a_page_row_shows_its_figures_and_a_negative_what_it_invented():
    corpus = _corpus_module()
    score = corpus.CorpusScore(
        summary="corpus: 1/2 pages pass",
        pages=[
            {
                "page": "a.md",
                "ok": True,
                "negative": False,
                "expected": 3,
                "got": 4,
                "recall": 1.0,
                "precision": 0.75,
                "msg": 1.0,
                "f1": 0.857,
                "category": [2, 3],
                "http_status": [0, 0],
                "name": [1, 1],
            },
            {"page": "n.html", "ok": False, "negative": True, "got": 2},
        ],
    )
    lines = corpus.table(score)
    assert lines[0] == "`corpus: 1/2 pages pass`"
    assert "| a.md | ok | 3/4 | 1.00 | 0.75 | 1.00 | 0.86 | 2/3 |  | 1/1 |" in lines
    assert "| n.html | FAIL | negative: 2 invented | | | | | | | |" in lines


def test_a_missing_scorer_is_said_not_hidden(tmp_path):
    corpus = _corpus_module()
    score = corpus.run_score(tmp_path / "repo", tmp_path / "spectab")
    assert corpus.table(score)[0].startswith("Not measured: ")
