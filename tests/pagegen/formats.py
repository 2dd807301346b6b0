"""Every format spectab reads, as (file extension, renderer); the matrix's columns."""

from __future__ import annotations

from typing import Callable

from tests.pagegen.blocks import Doc
from tests.pagegen.render_asciidoc import asciidoc
from tests.pagegen.render_data import csv_file, json_file, yaml_file
from tests.pagegen.render_html import html
from tests.pagegen.render_markdown import markdown, mdx
from tests.pagegen.render_rst import grid, list_table, rst, simple
from tests.pagegen.render_text import aligned, boxed, boxed_wrapped, text

Render = Callable[[Doc], str]

FORMATS: dict[str, tuple[str, Render]] = {
    "md": ("md", markdown),
    "mdx": ("mdx", mdx),
    "html": ("html", html("plain")),
    "sphinx": ("html", html("sphinx")),
    "mkdocs": ("html", html("mkdocs")),
    "docusaurus": ("html", html("docusaurus")),
    "doxygen": ("html", html("doxygen")),
    "javadoc": ("html", html("javadoc")),
    "rustdoc": ("html", html("rustdoc")),
    "rst-grid": ("rst", rst(grid)),
    "rst-simple": ("rst", rst(simple)),
    "rst-list": ("rst", rst(list_table)),
    "adoc": ("adoc", asciidoc),
    "txt": ("txt", text(aligned)),
    "txt-box": ("txt", text(boxed)),
    "txt-box-wrap": ("txt", text(boxed_wrapped)),
    "csv": ("csv", csv_file),
    "json": ("json", json_file),
    "yaml": ("yaml", yaml_file),
}
