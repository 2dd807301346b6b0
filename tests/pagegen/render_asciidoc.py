"""AsciiDoc as Antora / Asciidoctor sites write it: ``|===`` tables, labelled lists."""

from __future__ import annotations

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T, Unsupported
from tests.pagegen.render_common import define_lines


def _inline(text: str, code: bool) -> str:
    if code and text:
        return f"`{text}`"
    return text.replace("|", "\\|")


def _table(block: T) -> list[str]:
    width = len(block.rows[0]) if block.rows else len(block.header or [])
    cols = ",".join(["1"] + ["3"] * (width - 1))
    out = [f'[cols="{cols}"' + (',options="header"]' if block.header else "]"), "|==="]
    if block.header:  # a first line alone before a blank line is the header row
        out += ["|" + " |".join(block.header), ""]
    for row in block.rows:
        out.append("|" + " |".join(_inline(c, i in block.code_cols) for i, c in enumerate(row)))
    return out + ["|==="]


def _block(block: Block) -> list[str]:
    if isinstance(block, H):
        return ["=" * block.level + " " + (f"`{block.text}`" if block.code else block.text)]
    if isinstance(block, P):
        return [block.text]
    if isinstance(block, T):
        return _table(block)
    if isinstance(block, DL) and block.style == "field":
        raise Unsupported("AsciiDoc has no field lists")
    if isinstance(block, DL) and block.style == "labelled":
        return [x for t, d in block.items for x in (f"*{t}*: {_inline(d, False)}", "")][:-1]
    if isinstance(block, DL):
        return [f"{_inline(t, block.code_terms)}:: {d}" for t, d in block.items]
    if isinstance(block, Links):
        return [f"* {url}[{text}]" for text, url in block.items]
    if isinstance(block, Decl):
        return ["[source,c]", "----", *define_lines(block), "----"]
    raise TypeError(block)


def asciidoc(doc: Doc) -> str:
    lines = [f"= {doc.title}", ":toc:", ""]
    for block in doc.blocks:
        lines += [*_block(block), ""]
    return "\n".join(lines)
