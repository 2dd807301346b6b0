

def test_list_table_whose_header_row_is_an_empty_bullet():
    from generator.scrape import rst

    page = rst.read(".. list-table:: T\n   :header-rows: 1\n\n   *\n   * - 1\n     - 2\n")
    tables = [block for block in page.blocks if hasattr(block, "rows")]
    assert all(len(row) == len(table.header or row) for table in tables for row in table.rows)
