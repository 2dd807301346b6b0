"""Markdown and MDX as people and Docusaurus write them: pipe tables, ``term`` + ``: text``
definition lists (Python-Markdown / MkDocs ``def_list``), fenced code for declarations."""

from __future__ import annotations

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T, Unsupported
from tests.pagegen.render_common import define_lines


def _cell(text: str, code: bool) -> str:
    if code and text:
        return f"`{text}`"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")


def _mdx_escape(text: str) -> str:
    """MDX reads braces as expressions and ``<`` as JSX: escape them in prose."""
    return text.replace("{", "\\{").replace("}", "\\}").replace("<", "&lt;")


def _table(block: T) -> list[str]:
    width = len(block.rows[0]) if block.rows else len(block.header or [])
    header = block.header if block.header is not None else [""] * width
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * width) + "|"]
    for row in block.rows:
        lines.append("| " + " | ".join(_cell(c, i in block.code_cols) for i, c in enumerate(row)) + " |")
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, H):
        text = f"`{block.text}`" if block.code else block.text
        return ["#" * block.level + " " + text]
    if isinstance(block, P):
        return [block.text]
    if isinstance(block, T):
        return _table(block)
    if isinstance(block, DL) and block.style == "field":
        raise Unsupported("Markdown has no field lists")
    if isinstance(block, DL) and block.style == "labelled":
        return [x for t, d in block.items for x in (f"**{t}**: {_cell(d, False)}", "")][:-1]
    if isinstance(block, DL):
        lines: list[str] = []
        for term, text in block.items:
            lines += [f"`{term}`" if block.code_terms else term, f":   {_cell(text, False)}", ""]
        return lines[:-1]
    if isinstance(block, Links):
        return [f"- [{text}]({url})" for text, url in block.items]
    if isinstance(block, Decl):
        return ["```c", *define_lines(block), "```"]
    raise TypeError(block)


def markdown(doc: Doc) -> str:
    lines = [f"# {doc.title}", ""]
    for block in doc.blocks:
        lines += [*_block(block), ""]
    return "\n".join(lines)


def mdx(doc: Doc) -> str:
    """Docusaurus MDX: front matter, an import, escaped braces in prose."""
    body = markdown(doc)
    out, fenced = [], False
    for line in body.splitlines():
        fenced ^= line.startswith("```")
        out.append(line if fenced or line.startswith("```") or "`" in line else _mdx_escape(line))
    head = ["---", f"title: {doc.title}", "sidebar_position: 3", "---", "",
            "import Admonition from '@theme/Admonition';", ""]
    return "\n".join(head + out) + "\n"
