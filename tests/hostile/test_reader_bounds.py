"""Issue 20, item 10 (bounds): what a reader parses and hands on is bounded (rows a table,
rows a page, cells a row, lines a block, reST nesting), so a page at the input cap reads in
seconds; what is cut is said in one warning line. Before: a 1M-row Markdown table took
133 s and 3.5 GB, a 10 MB reST grid table 186 s, deeply indented reST 5.7 GB."""

from __future__ import annotations

import time
from pathlib import Path

from generator.scrape.document import Table
from generator.scrape.pipeline import read_page
from generator.scrape.readers import bounds
from tests.hostile.helpers import run_bounded

# seconds a bounded read may take here, with room for a loaded machine (unbounded: minutes)
SLOW = 30


def _tables(text: str, fmt: str) -> tuple[list[Table], list[str], float]:
    started = time.perf_counter()
    page = read_page(text, fmt)
    took = time.perf_counter() - started
    return [block for block in page.blocks if isinstance(block, Table)], page.warnings, took


def _markdown_table(rows: int, first: int = 0) -> str:
    body = "".join(f"|E{first + i}|m{first + i}|\n" for i in range(rows))
    return "|Code|Message|\n|---|---|\n" + body


def test_a_huge_markdown_table_is_cut_to_the_row_bound_with_one_warning():
    tables, warnings, took = _tables("# Errors\n\n" + _markdown_table(300_000), "markdown")
    assert [len(table.rows) for table in tables] == [bounds.MAX_TABLE_ROWS]
    assert tables[0].rows[-1] == [f"E{bounds.MAX_TABLE_ROWS - 1}", f"m{bounds.MAX_TABLE_ROWS - 1}"]
    assert len(warnings) == 1 and "line 3" in warnings[0] and "left out" in warnings[0]
    assert took < SLOW


def test_the_rows_of_one_page_are_bounded_together():
    tables_text = "\n".join(_markdown_table(8_000, first=n * 8_000) for n in range(3))
    tables, warnings, _ = _tables(tables_text, "markdown")
    assert [len(table.rows) for table in tables] == [8_000, 8_000, 4_000]
    assert any("20,000 a page" in warning for warning in warnings)


def test_a_markdown_row_of_thousands_of_cells_is_cut_to_the_cell_bound():
    wide = "|" + "|".join(f"c{i}" for i in range(5_000)) + "|\n"
    text = "|Code|Message|\n|---|---|\n|E1|m1|\n" + wide
    tables, warnings, _ = _tables(text, "markdown")
    assert max(len(row) for row in tables[0].rows) <= bounds.MAX_ROW_CELLS
    assert len(warnings) == 1 and f"more than {bounds.MAX_ROW_CELLS} cells" in warnings[0]


def test_a_huge_rest_grid_table_is_cut_after_a_row_border():
    border = "+--------+--------------------+"
    rows = "".join(f"| E{i:<5} | message {i:<10} |\n{border}\n" for i in range(60_000))
    head = f"Errors\n======\n\n{border}\n| Code   | Message            |\n"
    text = head + border.replace("-", "=") + "\n" + rows
    tables, warnings, took = _tables(text, "rst")
    assert [len(table.rows) for table in tables] == [bounds.MAX_TABLE_ROWS]
    assert len(warnings) == 1 and "line 4" in warnings[0] and "left out" in warnings[0]
    assert took < SLOW


def test_deeply_indented_rest_is_read_at_the_nesting_bound(tmp_path: Path):
    deep = "\n\n".join(" " * depth + "x" for depth in range(3_000))
    page = tmp_path / "deep.rst"
    page.write_text("Errors\n======\n\n.. code:: E1\n\n" + deep + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_bounded("scrape", str(page), memory=1 << 30)
    assert time.perf_counter() - started < SLOW
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
    assert f"indented more than {bounds.MAX_INDENT_LEVELS} levels" in result.stderr


def test_a_huge_html_table_is_cut_to_the_row_bound():
    rows = "".join(
        f"<tr><td>E{i}</td><td>m{i}</td></tr>" for i in range(bounds.MAX_TABLE_ROWS + 50)
    )
    text = f"<table><tr><th>Code</th><th>Message</th></tr>{rows}</table>"
    tables, warnings, _ = _tables(text, "html")
    assert sum(len(table.rows) for table in tables) < bounds.MAX_TABLE_ROWS + 1
    assert len(warnings) == 1 and "51 left out" in warnings[0]


def test_a_huge_plain_text_table_is_cut_in_seconds():
    body = "".join(f"E{i:<6} m{i}\n" for i in range(300_000))
    tables, warnings, took = _tables("Errors\n\nCode   Message\n" + body, "text")
    assert sum(len(table.rows) for table in tables) <= bounds.MAX_TABLE_ROWS
    assert len(warnings) == 1 and "left out" in warnings[0]
    assert took < SLOW


def test_a_page_past_the_line_bound_is_read_up_to_it(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_PAGE_LINES", 2_000)  # the real bound reads for seconds
    paragraphs = "".join(f"para {i}\n\n" for i in range(2_010))
    _, warnings, _ = _tables("# Errors\n\n" + _markdown_table(3) + "\n" + paragraphs, "markdown")
    assert len(warnings) == 1 and "lines after it are left out" in warnings[0]


def test_a_huge_asciidoc_table_is_cut_in_seconds():
    body = "".join(f"|E{i} |m{i}\n" for i in range(300_000))
    text = "= Errors\n\n|===\n|Code |Message\n\n" + body + "|===\n"
    tables, warnings, took = _tables(text, "asciidoc")
    assert sum(len(table.rows) for table in tables) <= bounds.MAX_TABLE_ROWS
    assert any("lines after it are left out" in warning for warning in warnings)
    assert took < SLOW


def test_a_huge_csv_file_stops_at_the_row_bound():
    text = "code,message\n" + "".join(f"E{i},m{i}\n" for i in range(bounds.MAX_TABLE_ROWS + 50))
    tables, warnings, _ = _tables(text, "csv")
    assert [len(table.rows) for table in tables] == [bounds.MAX_TABLE_ROWS]
    assert warnings == [
        f"line {bounds.MAX_TABLE_ROWS + 2}: the table is read up to here "
        f"({bounds.MAX_TABLE_ROWS:,} rows at most); the rest of the file is left out"
    ]


def test_an_html_page_is_walked_up_to_the_element_bound(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", 5)  # html, body, div, p, div: then cut
    page = read_page("<div><p>a</p><div>\n<p>b</p><p>c</p></div><p>d</p></div><p>e</p>", "html")
    assert [getattr(block, "text", None) for block in page.blocks] == ["a"]
    assert page.warnings == [
        "line 2: the page is read up to here (5 HTML elements); what follows is left out"
    ]


def test_many_small_tables_past_the_page_bound_are_one_warning():
    """A catalogue page reads as one small table an entry: 300,000 of them once gave a
    warning for each table past the page's row bound."""
    from generator.scrape.document import Page
    from generator.scrape.readers.bounds import bound_tables

    tables = [Table(["Code"], [[f"E{i}"]], [i + 1], line=i + 1) for i in range(30_000)]
    page = bound_tables(Page(blocks=list(tables)))
    assert len(page.blocks) == bounds.MAX_PAGE_ROWS
    assert page.warnings == [
        f"line {bounds.MAX_PAGE_ROWS + 1}: the page's tables are read up to here "
        f"({bounds.MAX_PAGE_ROWS:,} rows a page); 10,000 more tables left out"
    ]
