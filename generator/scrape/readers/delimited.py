"""Read a CSV or TSV file (a registry export, a spreadsheet saved as text) into one table.

The csv module does the parsing (quoted fields, commas and newlines inside quotes); the
first row is the header, as registry exports and spreadsheets write it. The delimiter is
the one of comma, tab or semicolon that splits the first line into the most cells.
"""

from __future__ import annotations

import csv

from generator.scrape.cells import clean_text, make_table
from generator.scrape.document import Page
from generator.scrape.readers import bounds

_DELIMITERS = (",", "\t", ";")


def read(text: str) -> Page:
    """One table: the first record is its header; each record keeps its starting line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first.count)
    records: list[list[str]] = []
    record_lines: list[int | None] = []
    warnings: list[str] = []
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        for record in reader:
            if len(records) > bounds.MAX_TABLE_ROWS:  # the header and MAX_TABLE_ROWS rows
                warnings.append(
                    f"line {start}: the table is read up to here ({bounds.MAX_TABLE_ROWS:,} "
                    "rows at most); the rest of the file is left out"
                )
                break
            if any(cell.strip() for cell in record):
                # a 20 MiB line may hold 10M cells: those past the bound are never cleaned
                records.append([clean_text(cell) for cell in record[: bounds.MAX_ROW_CELLS + 1]])
                record_lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        warnings.append(f"line {reader.line_num}: {exc}; the rest of the file is not read")
    if not records:
        return Page(blocks=[], warnings=warnings or ["CSV: no records"])
    header, rows, row_lines = records[0], records[1:], record_lines[1:]
    notes = [
        f"line {number}: {len(row)} cells, the header has {len(header)}"
        for row, number in zip(rows, row_lines)
        if len(row) != len(header)
    ]
    table = make_table(header, rows, row_lines, record_lines[0], notes)
    return Page(blocks=[table], warnings=warnings)
