"""Generated error pages with ground truth, for measuring the interpreter by principle.

model.py draws a logical error list (seeded or by hypothesis); layouts.py writes it as
format-neutral blocks in one of the ways docs write error lists (plus decoys beside it);
render_*.py write the blocks as each tool does (formats.py lists them); check.py scrapes a
page in-process and compares with the list; cells.py runs shape x format cells and shrinks
failures; record.py rewrites passing_cells.txt. The matrix: bench/matrix.py.
"""
