"""The issue-21 section of bench/RESULTS.md says each goal as met or not met, from the
medians of one run, and ranks the corpus pages slowest first (no timing is asserted)."""

from __future__ import annotations

from tests.bench.bench_module import load


def _latency():
    return load("latency")


def _times(latency, pages: dict[str, float]):
    times = latency.Times()
    walls = {
        "spectab --version": 0.05,
        "scrape, 2-row Markdown page": 0.09,
        "spectab scrape 10k": 1.0,
        "pandas.read_html 10k": 0.5,
        "scrape 1k html": 0.2,
        "scrape 1k md": 0.1,
        "scrape 1k rst": 0.3,
        "refresh (every core)": 6.0,
        "refresh --jobs 1": 9.0,
        "generate --target python, 30000 codes": 5.0,
        "datamodel-codegen, 30000 codes": 45.0,
        "generate --target typescript, 30000 codes": 5.0,
        "openapi-typescript, 30000 codes": 3.0,
    }
    for label, value in {**walls, **{f"page {name}": s for name, s in pages.items()}}.items():
        times.add(label, value)
    return times


def test_each_goal_is_said_met_or_not_met():
    latency = _latency()
    times = _times(latency, {"a.md": 0.2, "b.html": 0.6})
    rows = latency.goals(times, 0.1, ("b.html", 0.6), 2, {"huge_peak_mb": 300.0})
    said = {row.split(" | ")[0].lstrip("| "): row.rsplit(" | ", 1)[1] for row in rows[2:]}
    assert said["`spectab --version`"] == "**met** |"
    assert said["scrape start-up (2-row page)"] == "**not met** |"
    assert said["1000-row md vs the same HTML"] == "**met** |"
    assert said["1000-row rst vs the same HTML"] == "**not met** |"
    assert said["slowest corpus page (b.html)"] == "**not met** |"
    assert said["python target alone at 30000 codes vs datamodel-codegen"] == "**met** |"
    assert said["typescript target alone at 30000 codes vs openapi-typescript"] == "**not met** |"
    assert said["100000 codes in one spec, every target: peak RSS"] == "**not met** |"
    assert [key for key in said if key.startswith("10000-row")] and len(said) == 11


def test_a_missing_peer_is_said_not_measured():
    latency = _latency()
    times = _times(latency, {"a.md": 0.2})
    del times.walls["openapi-typescript, 30000 codes"], times.cpus["openapi-typescript, 30000 codes"]
    rows = latency.goals(times, 0.1, ("a.md", 0.2), 2, {"huge_peak_mb": 200.0})
    assert any("not measured (openapi-typescript missing)" in row for row in rows)
    assert rows[-1].endswith("| 200 MB | **met** |")


def test_the_slowest_pages_come_first(monkeypatch, tmp_path):
    latency = _latency()
    for name in ("a.md", "b.html", "c.rst"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.setattr(latency, "CORPUS", tmp_path)
    lines, slowest = latency.corpus_lines(_times(latency, {"a.md": 0.2, "b.html": 0.6, "c.rst": 0.3}))
    assert slowest == ("b.html", 0.6)
    assert "1 at or over 0.25 s" in lines[0] or "2 at or over 0.25 s" in lines[0]
    assert [line.split(" | ")[0] for line in lines[4:]] == ["| b.html", "| c.rst", "| a.md"]
