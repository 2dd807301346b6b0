"""Read an HTML page (or fragment) into blocks: headings, paragraphs, tables, definition lists.

Parsing uses lxml's HTML parser directly: it repairs unclosed tags the way browsers do
and, unlike BeautifulSoup's lxml builder, keeps each element's source line. Page chrome
(navigation, sidebars, footers, comments, vote widgets, scripts) is dropped before reading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, TypeAlias

from generator.lazyre import lazy
from generator.scrape.cells import (
    QUOTE,
    clean_text,
    heading_text,
    is_quoted_title,
    looks_like_header,
    make_table,
    one_line,
)
from generator.scrape.readers import bounds, plain_runs
from generator.scrape.readers.declarations import (
    MAX_LINE,
    MIN_DECLARATIONS,
    declared_constants,
    declared_member,
    plain_declaration,
)
from generator.scrape.readers.reference import (
    member_runs,
    with_declared_values,
    without_synopses,
)
from generator.scrape.readers.hanging import code_term, hanging_list
from generator.scrape.document import (
    Block,
    Definition,
    DefinitionList,
    Heading,
    Page,
    Paragraph,
    Table,
)

# elements that never hold page content
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "form",
    "template",
    "svg",
    "math",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "head",
}
# class/id words that mark chrome (matched as substrings of each class/id token)
# class/id words that mark chrome; each must be a whole part of a token split at - and _
# (``article-votes``, ``sidebar_njMd``; not ``canvas`` for nav), a trailing "s" allowed
_CHROME_WORDS = {
    "navigation",
    "nav",
    "navbar",
    "sidenav",
    "subnav",
    "breadcrumb",
    "sidebar",
    "footer",
    "cookie",
    "comment",
    "feedback",
    "vote",
    "editsection",
    "headerlink",
    "permalink",
    "skip",
    "pagination",
    "toolbar",
    "banner",
    "copyright",
    "noprint",
    "print",
    "toc",
    "menu",
    "share",
    "social",
    "related",
}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
_BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "caption",
    "legend",
    "menu",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
}
_EMPHASIS_TAGS = {"strong", "b", "em", "i"}
# lower-case tags that, without attributes, are neither chrome nor a content container
_PLAIN_TAGS = (
    _BLOCK_TAGS | _EMPHASIS_TAGS | {"a", "span", "code", "br", "tt", "kbd", "var", "samp", "sup"}
) - _DROP_TAGS - {"header", "footer", "article", "main"}
MIN_LAYOUT_SECTIONS = 2  # headings inside a table's cells that make it a page's layout
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HIDDEN_STYLE = lazy(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN_SPLIT = lazy(r"[\s_]+")
_PART_SPLIT = lazy(r"[-_]+")
_CONTROL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MAX_DEPTH = 120  # nesting read block by block; deeper markup is read flat
_MAX_SPAN = 1000  # colspan/rowspan beyond this are page errors, not layouts
_MAX_COLUMNS = 1000

# lxml ships no type hints; elements are used through the small helpers below
_Element: TypeAlias = Any


def read(text: str, line_offset: int = 0, select: str | None = None) -> Page:
    """Blocks of an HTML document or fragment; ``line_offset`` shifts every line number
    (for HTML embedded in a Markdown file); ``select`` (CSS) reads only what it matches."""
    root = _parse(text)
    if root is None:
        return Page(blocks=[], warnings=["HTML: nothing to read (empty or unparsable)"])
    reader = _Reader(line_offset)
    reader.warnings += bounds.cut_tree(root, line_offset)
    fallback_title = _first_text(root, "title")
    _prune(root)
    title = _first_text(root, "h1") or fallback_title
    if select is not None:
        from generator.scrape.readers.select import select as matching

        for element in matching(root, select):
            reader._block(element)
        return Page(blocks=reader.blocks, title=title, warnings=reader.warnings)
    start = _main_content(root)
    if start is None:
        start = root.find("body")
    reader.walk(start if start is not None else root)
    blocks = plain_runs.reread(with_declared_values(without_synopses(reader.blocks)), reader.raws)
    return Page(blocks=blocks, title=title, warnings=reader.warnings)


def _main_content(root: _Element) -> _Element | None:
    """The smallest article/main container that holds every table and section heading.

    Reading only it drops what chrome is left around an article ("Return to top",
    "Have more questions?"); when no container holds all the tables, the whole body is read.
    """
    wanted = ("table", "h2", "h3", "h4", "h5", "h6", "dl")
    total = sum(1 for _ in root.iter(*wanted))
    best: _Element | None = None
    best_size = -1
    for element in root.iter():
        if element.tag in _PLAIN_TAGS and not element.attrib:
            continue  # most elements: a bare element of a common tag contains no article
        if not _is_content_container(element):
            continue
        if sum(1 for _ in element.iter(*wanted)) != total:
            continue
        size = sum(1 for _ in element.iter())
        if best is None or size < best_size:
            best, best_size = element, size
    return best


def _is_content_container(element: _Element) -> bool:
    tag = _tag(element)
    if tag in ("article", "main"):
        return True
    if not element.attrib:
        return False  # the rest is about attributes; most elements of a big table have none
    if _attr(element, "role").lower() == "main":
        return True
    if _attr(element, "itemprop").lower() == "articlebody":
        return True
    tokens = (_attr(element, "class") + " " + _attr(element, "id")).lower().split()
    return not _CONTENT_NAMES.isdisjoint(tokens)


_CONTENT_NAMES = {
    "article-body",
    "article__body",
    "article-content",
    "markdown-body",
    "mw-parser-output",
    "mw-content-text",
    "entry-content",
    "post-content",
    "theme-doc-markdown",
    "rst-content",
    "md-content",
    "doc-content",
    "docs-content",
    "main-content",
    "page-content",
}


def _first_text(root: _Element, tag: str) -> str | None:
    for element in root.iter(tag):
        text = one_line(text_of(element))
        if text:
            return text
    return None


def _parse(text: str) -> _Element | None:
    import lxml.etree  # type: ignore[import-untyped]

    # control characters are invisible in a browser and refused by lxml's tree API
    text = _CONTROL.sub("", text.lstrip("\ufeff"))
    data = text.encode("utf-8", errors="replace")
    if not data.strip():
        return None
    # lxml.etree's parser, not lxml.html's: the same tree, but plain elements, without
    # a Python class lookup for every element the reader touches
    parser = lxml.etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root: _Element | None = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root


def _tag(element: _Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _line(element: _Element, offset: int) -> int | None:
    line = element.sourceline
    return line + offset if isinstance(line, int) else None


def _children(element: _Element) -> list[_Element]:
    return list(element)


def _text(element: _Element) -> str:
    value = element.text
    return value if isinstance(value, str) else ""


def _tail(element: _Element) -> str:
    value = element.tail
    return value if isinstance(value, str) else ""


def _attr(element: _Element, name: str) -> str:
    value = element.get(name)
    return value if isinstance(value, str) else ""


def _is_chrome(element: _Element, protected: set[_Element]) -> bool:
    """Navigation, sidebars, footers, comments, votes: by tag, role, class or id.

    Class, id and role only count for elements that hold no table, ``<h1>``, article or
    main content: themes name whole page wrappers after their nav (``wy-nav-content``).
    """
    tag = _tag(element)
    if tag in _DROP_TAGS or not tag:
        return True
    if tag == "header" and not _inside(element, {"article", "main"}):
        return True  # the site header; an article's own header holds its title
    if tag == "footer":
        return True
    if not element.attrib:
        return False  # the rest is about attributes; most elements of a big table have none
    if _attr(element, "hidden") or _attr(element, "aria-hidden") == "true" and tag == "div":
        return True
    style = _attr(element, "style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if element in protected:
        return False  # it holds the page's content, whatever its class says
    if tag == "a" and _self_link(element):
        return True
    if _attr(element, "role").lower() in _CHROME_ROLES:
        return True
    if tag in _HEADINGS:
        return False  # a heading's class is about its anchor link, not its content
    if _names_chrome((_attr(element, "class") + " " + _attr(element, "id")).lower()):
        return not _doc_comment(element)
    return False


@lru_cache(maxsize=4096)
def _names_chrome(names: str) -> bool:
    """Whether a class/id value names chrome; pages repeat a few values on many elements
    (a highlighter's ``k``, ``nt``), so each distinct value is split once."""
    for token in names.split():
        for part in _PART_SPLIT.split(token):
            if part in _CHROME_WORDS or part.endswith("s") and part[:-1] in _CHROME_WORDS:
                return True
    return False


# the marks a self-link beside a heading or member shows (rustdoc's §, Sphinx's ¶)
_LINK_MARKS = {"§", "¶", "#", "🔗"}


def _self_link(element: _Element) -> bool:
    """A link to a place on this page shown as a mark only: a permalink, not content."""
    return _attr(element, "href").startswith("#") and (
        "".join(element.itertext()).strip() in _LINK_MARKS
    )


def _doc_comment(element: _Element) -> bool:
    """A block right after a member's declaration is its doc comment (TypeDoc's
    ``tsd-comment``), not a page's comment section."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None or len(_raw_text(previous)) > MAX_LINE:
        return False
    return declared_member(one_line(_raw_text(previous))) is not None


def _raw_text(element: _Element) -> str:
    return "".join(element.itertext())


def _inside(element: _Element, tags: set[str]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if _tag(parent) in tags:
            return True
        parent = parent.getparent()
    return False


def _prune(root: _Element) -> None:
    """Remove chrome elements, keeping the text that follows each one (its tail)."""
    protected: set[_Element] = set()
    for content in root.iter("table", "h1", "article", "main"):
        node = content
        while node is not None and node not in protected:
            protected.add(node)
            node = node.getparent()
    for element in root.iter():
        if not element.attrib:
            continue  # most elements: nothing to read
        if _attr(element, "role").lower() == "main" or _attr(element, "itemprop") == "articleBody":
            node = element
            while node is not None and node not in protected:
                protected.add(node)
                node = node.getparent()
    doomed = [
        element
        for element in root.iter()
        if not (element.tag in _PLAIN_TAGS and not element.attrib)  # most elements
        and _is_chrome(element, protected)
    ]
    for element in doomed:
        _detach(element)


def text_of(element: _Element) -> str:
    """The visible text of an element: ``<br>`` and block children become newlines.

    Iterative, so that absurdly deep markup cannot exhaust Python's stack.
    """
    flat = _inline_text(element)
    return clean_text(flat if flat is not None else _walked_text(element))


def _walked_text(element: _Element) -> str:
    """text_of's raw text for any element, before clean_text."""
    parts: list[str] = []
    stack: list[tuple[_Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = _tag(node)
        tail = _tail(node) if node is not element else ""
        if closing:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            parts.append(tail)
        elif tag == "br":
            parts.extend(["\n", tail])
        elif not tag:
            parts.append(tail)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            parts.append(_text(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
    return "".join(parts)


def _inline_text(element: _Element) -> str | None:
    """The raw text of an element whose children are all inline and childless (most table
    cells: ``<code>x</code>``, a link), or None for anything else.

    Such an element needs none of text_of's walk: newlines around the element itself
    are edge lines that clean_text drops anyway.
    """
    if _tag(element) in ("", "br"):
        return None
    if not len(element):
        return _text(element)
    parts = [_text(element)]
    for child in element:
        tag = _tag(child)
        if not tag or tag in _BLOCK_TAGS or tag == "br" or len(child):
            return None
        parts.append(_text(child))
        parts.append(_tail(child))
    return "".join(parts)


class _Reader:
    """Walks the pruned tree in document order, emitting blocks."""

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.raws: dict[int, str] = {}  # id of a paragraph -> its text as the source laid it out
        self.nested: list[Table] = []  # member tables found inside the definition list read

    def walk(self, element: _Element, depth: int = 0) -> None:
        """Block children are read by kind; runs of inline content become paragraphs."""
        if depth > _MAX_DEPTH:
            self._flat(element)
            return
        run = _Run(self.offset, _line(element, self.offset))
        run.add_text(_text(element), emphasis=False)
        children = _children(element)
        members = member_runs(children, text_of) if len(children) >= MIN_DECLARATIONS else {}
        skip_to = 0
        for index, child in enumerate(children):
            if index < skip_to:
                continue
            if index in members:  # an API reference's constants: their table
                self._flush(run)
                table, skip_to = members[index]
                self.blocks.append(_shifted(table, self.offset))
                run = _Run(self.offset, _line(child, self.offset))
                run.add_text(_tail(children[skip_to - 1]), emphasis=False)
                continue
            tag = _tag(child)
            if tag in _BLOCK_TAGS or tag == "br" or _wraps_blocks(child):
                self._flush(run)
                if tag != "br":
                    self._block(child, depth + 1)
                run = _Run(self.offset, _line(child, self.offset))
            else:
                run.add_inline(child)
            run.add_text(_tail(child), emphasis=False)
        self._flush(run)

    def _flush(self, run: _Run) -> None:
        paragraph = run.paragraph()
        if paragraph is not None:
            self.blocks.append(paragraph)
            self.raws[id(paragraph)] = "".join(run.parts)

    def _flat(self, element: _Element) -> None:
        """Below an absurd nesting depth, only headings and tables are read."""
        self.warnings.append(
            f"line {_line(element, self.offset)}: markup nested more than {_MAX_DEPTH} deep; "
            "only headings and tables are read inside it"
        )
        for node in element.iter(*_HEADINGS, "table"):
            tag = _tag(node)
            if tag == "table":
                if not _inside(node, {"table"}) and not any(_own_descendants(node, "table")):
                    self.blocks.extend(_table_blocks(node, self.offset, self.warnings))
            elif not _inside(node, {"table"}):
                text = heading_text(text_of(node))
                if text:
                    self.blocks.append(Heading(text, _HEADINGS[tag], _line(node, self.offset)))

    def _block(self, element: _Element, depth: int = 0) -> None:
        tag = _tag(element)
        line = _line(element, self.offset)
        if tag in _HEADINGS:
            text = plain_declaration(heading_text(text_of(element)))
            if text:
                self.blocks.append(Heading(text, _HEADINGS[tag], line))
        elif tag == "table":
            if any(True for _ in _own_descendants(element, "table")) or _holds_sections(element):
                self.walk(element, depth)  # a layout table: read what is inside it
            else:
                self.blocks.extend(_table_blocks(element, self.offset, self.warnings))
        elif tag == "dl":
            self._definitions(element)
        elif tag == "pre":
            self._preformatted(element)
        elif tag == "hr":
            return
        else:
            self.walk(element, depth)

    def _definitions(self, element: _Element) -> None:
        items: list[Definition] = []
        self.nested = []
        for child in _children(element):
            tag = _tag(child)
            if tag == "div":  # HTML allows <div> groups of dt/dd
                for grandchild in _children(child):
                    self._definition_part(grandchild, items)
            else:
                self._definition_part(child, items)
        if items:
            self.blocks.append(DefinitionList(items, _line(element, self.offset)))
        self.blocks.extend(self.nested)  # members documented inside a definition
        self.nested = []

    def _definition_part(self, element: _Element, items: list[Definition]) -> None:
        tag = _tag(element)
        strays = _stray_definitions(element) if tag in ("dt", "dd") else []
        for stray in strays:
            _detach(stray)
        if tag == "dd":
            self.nested.extend(self._members_taken(element))
        text = text_of(element)
        self._add_definition(element, tag, text, items)
        for stray in strays:
            self._definition_part(stray, items)

    def _members_taken(self, element: _Element) -> list[Table]:
        """Tables of the runs of members a definition documents (a class's constants),
        taken out of it so that its text is the class's own."""
        children = _children(element)
        runs = member_runs(children, text_of) if len(children) >= MIN_DECLARATIONS else {}
        tables: list[Table] = []
        for start, (table, end) in sorted(runs.items()):
            _shifted(table, self.offset)
            tables.append(table)
            for child in children[start:end]:
                _detach(child)
        return tables

    def _add_definition(
        self, element: _Element, tag: str, text: str, items: list[Definition]
    ) -> None:
        if tag == "dt":
            items.append(Definition(one_line(text), "", _line(element, self.offset)))
        elif tag == "dd" and items:
            previous = items[-1].text
            items[-1].text = f"{previous}\n{text}" if previous else text

    def _preformatted(self, element: _Element) -> None:
        """Text inside ``<pre>`` is plain text: its column-aligned or pipe tables and its
        hanging-indent lists are read, with the headings marked up inside it that divide
        them; code is not read."""
        from generator.scrape.readers import text as text_reader

        raw = "".join(element.itertext())
        start = _line(element, self.offset) or 1
        declared = declared_constants(raw, start)
        if declared is not None:  # a listing of constants: their table
            self.blocks.append(declared)
            return
        found: list[tuple[int, Block]] = []
        for block in text_reader.read(raw).blocks:
            if isinstance(block, Table) and block.header is not None:
                found.append((block.line or 0, block))
        found.extend(_laid_out(raw, element))
        for _, block in sorted(found, key=lambda pair: pair[0]):
            self.blocks.append(_shifted(block, start - 1))


def _laid_out(raw: str, element: _Element) -> list[tuple[int, Block]]:
    """Hanging-indent lists in preformatted text, and the lines that are headings marked
    up inside it (``<h4>4.1.2.1  Error Response</h4>``), by line."""
    marked = {one_line(text_of(node)): _HEADINGS[_tag(node)] for node in element.iter(*_HEADINGS)}
    marked.pop("", None)
    lines = raw.split("\n")
    found: list[tuple[int, Block]] = []
    index = 0
    while index < len(lines):
        text = one_line(lines[index])
        listed = None if text in marked else hanging_list(lines, index, code_term)
        if text in marked:
            found.append((index + 1, Heading(text, marked[text], index + 1)))
        elif listed is not None:
            found.append((index + 1, listed[0]))
            index = listed[1]
            continue
        index += 1
    return found


def _stray_definitions(element: _Element) -> list[_Element]:
    """``<dt>``/``<dd>`` inside a term or definition but in no list of their own.

    An unclosed quote or tag (``<a href="x.html>``) makes the parser nest every later
    term of the list inside one definition, as browsers do; they still continue the list.
    """
    strays: list[_Element] = []
    for node in element.iterdescendants("dt", "dd"):
        parent = node.getparent()
        while parent is not None and parent is not element and _tag(parent) not in _LISTS:
            parent = parent.getparent()
        if parent is element:
            strays.append(node)
    return strays


_LISTS = {"dl", "dt", "dd"}


def _detach(element: _Element) -> None:
    """Take ``element`` out of its parent, leaving the text after it where it was."""
    parent = element.getparent()
    if parent is None:
        return
    tail = _tail(element)
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _tail(previous) + tail
        else:
            parent.text = _text(parent) + tail
    element.tail = None
    parent.remove(element)


def _shifted(block: Block, by: int) -> Block:
    """A block read from text that starts ``by`` lines into the page, with page lines."""
    block.line = _shift(block.line, by)
    if isinstance(block, Table):
        block.row_lines = [_shift(line, by) for line in block.row_lines]
    elif isinstance(block, DefinitionList):
        for item in block.items:
            item.line = _shift(item.line, by)
    return block


def _shift(line: int | None, by: int) -> int | None:
    return None if line is None else line + by


class _Run:
    """Inline content between two block elements: a paragraph, maybe a title."""

    def __init__(self, offset: int, line: int | None) -> None:
        self.offset = offset
        self.line = line
        self.parts: list[str] = []
        self.plain = False  # any visible text outside emphasis?
        self.emphasised = False

    def add_text(self, text: str, emphasis: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        if text.strip(" \t\r\n\u00a0:" + QUOTE):
            if emphasis:
                self.emphasised = True
            else:
                self.plain = True

    def add_inline(self, element: _Element) -> None:
        if self.line is None:
            self.line = _line(element, self.offset)
        text = "".join(element.itertext())
        self.add_text(text, emphasis=_only_emphasis(element))

    def paragraph(self) -> Paragraph | None:
        text = one_line("".join(self.parts))
        if not text:
            return None
        title = (self.emphasised and not self.plain and len(text) <= 200) or is_quoted_title(text)
        return Paragraph(text, line=self.line, title=title)


def _holds_sections(table: _Element) -> bool:
    """A table whose cells hold section headings (``MIN_LAYOUT_SECTIONS`` with text) lays
    out a page; a data table's cells never open sections."""
    found = 0
    for tag in _HEADINGS:
        for heading in _own_descendants(table, tag):
            found += bool(text_of(heading).strip())
            if found >= MIN_LAYOUT_SECTIONS:
                return True
    return False


def _wraps_blocks(element: _Element) -> bool:
    """An inline element (a ``<span>`` or ``<a>`` around a whole article) that holds
    blocks: its content is read block by block, like a ``<div>``'s."""
    return len(element) > 0 and any(True for _ in element.iterdescendants(*_BLOCK_TAGS))


def _only_emphasis(element: _Element) -> bool:
    """``<strong>``, ``<b>``, ``<em>``, ``<i>`` (or a span/a wrapping only those)."""
    for _ in range(_MAX_DEPTH):
        tag = _tag(element)
        if tag in _EMPHASIS_TAGS:
            return True
        children = _children(element)
        if tag not in ("span", "a", "u") or len(children) != 1 or _text(element).strip():
            return False
        if _tail(children[0]).strip():
            return False
        element = children[0]
    return False


def _own_descendants(table: _Element, tag: str) -> Iterator[_Element]:
    """Descendants named ``tag`` that belong to ``table``, not to a table nested in it."""
    for element in table.iterdescendants(tag):
        parent = element.getparent()
        while parent is not None and _tag(parent) != "table":
            parent = parent.getparent()
        if parent is table or tag == "table":
            yield element


def _table_blocks(table: _Element, offset: int, warnings: list[str]) -> list[Block]:
    """A table, split at full-width rows (a single cell spanning every column), which
    label the rows below them as a section of their own."""
    grid, header_rows, lines = _grid(table, offset, warnings)
    if not grid:
        return []
    caption_element = next(_own_descendants(table, "caption"), None)
    caption = one_line(text_of(caption_element)) if caption_element is not None else None
    width = max(len(row) for row, _ in grid)
    if len(grid) == 1 and width == 1 and not header_rows:
        # one cell holds no table: a box around a line (an API reference's declaration)
        text = one_line(grid[0][0][0][0])
        return [Paragraph(text, line=lines[0])] if text else []
    header: list[str] | None = None
    body = list(zip(grid, lines))
    if header_rows:
        header = _merge_header([row for row, _ in grid[:header_rows]], width)
        body = body[header_rows:]
    elif looks_like_header([_cells(row) for row, _ in grid]):
        header = _cells(grid[0][0])
        body = body[1:]
    blocks: list[Block] = []
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    table_line = _line(table, offset)
    for (row, spans), line in body:
        if width > 1 and len(spans) == 1 and spans[0] >= width:
            if rows:
                blocks.append(make_table(header, rows, row_lines, table_line, caption=caption))
                rows, row_lines = [], []
            label = heading_text(row[0][0])
            if label:
                blocks.append(Heading(label, 4, line))
            table_line = line
            continue
        rows.append(_cells(row))
        row_lines.append(line)
    if rows or not blocks:
        blocks.append(make_table(header, rows, row_lines, table_line, caption=caption))
    return blocks


_Cell = tuple[str, bool]  # text, is a <th>
_Row = tuple[list[_Cell], list[int]]  # expanded cells, and the colspans as written


def _cells(row: list[_Cell]) -> list[str]:
    return [text for text, _ in row]


def _grid(
    table: _Element, offset: int, warnings: list[str]
) -> tuple[list[_Row], int, list[int | None]]:
    """Rows with colspan/rowspan expanded, how many leading rows are headers, row lines
    (``bounds.MAX_TABLE_ROWS`` at most, a warning when there are more)."""
    rows: list[_Row] = []
    lines: list[int | None] = []
    in_thead: list[bool] = []
    carry: dict[int, tuple[str, bool, int]] = {}  # column -> (text, is_th, rows left)
    nested = next(table.iterdescendants("table"), None) is not None
    # without a nested table every row is the table's own: no climb to its table per row
    trs = _own_descendants(table, "tr") if nested else table.iterdescendants("tr")
    for tr in trs:
        if len(rows) == bounds.MAX_TABLE_ROWS:
            left = 1 + sum(1 for _ in trs)
            warnings.append(
                f"line {_line(table, offset)}: a table of {len(rows) + left:,} rows; the first "
                f"{len(rows):,} are read ({bounds.MAX_TABLE_ROWS:,} at most), {left:,} left out"
            )
            break
        cells: list[_Cell] = []
        spans: list[int] = []
        column = 0
        for cell in tr:
            tag = cell.tag
            if tag != "td" and tag != "th":
                tag = _tag(cell)
                if tag not in ("td", "th"):
                    continue
            if carry:
                column = _fill_carried(carry, cells, column)
            # a cell of plain text (most cells): no walk, no inline pass
            text = text_of(cell) if len(cell) else clean_text(_text(cell))
            is_th = tag == "th"
            colspan, rowspan = _spans(cell)
            spans.append(colspan)
            for copy in range(colspan):
                if column >= _MAX_COLUMNS:
                    break
                # a header label spans its columns; a body cell's text is said once
                shown = text if copy == 0 or is_th else ""
                cells.append((shown, is_th))
                if rowspan > 1:
                    carry[column] = (shown, is_th, rowspan - 1)
                column += 1
        if carry:
            _fill_carried(carry, cells, column, to_end=True)
        if not cells:
            continue
        rows.append((cells, spans))
        lines.append(_line(tr, offset))
        in_thead.append(_inside_section(tr, table) == "thead")
    header_rows = 0
    if any(in_thead):
        while header_rows < len(rows) and in_thead[header_rows]:
            header_rows += 1
    elif rows and all(is_th for _, is_th in rows[0][0]):
        header_rows = 1
    return rows, header_rows, lines


def _fill_carried(
    carry: dict[int, tuple[str, bool, int]], cells: list[_Cell], column: int, to_end: bool = False
) -> int:
    """Place cells carried down by rowspans at ``column`` (and after, while they continue)."""
    while column in carry or (to_end and any(key >= column for key in carry)):
        if column not in carry:
            cells.append(("", False))
            column += 1
            continue
        text, is_th, left = carry[column]
        cells.append((text, is_th))
        if left > 1:
            carry[column] = (text, is_th, left - 1)
        else:
            del carry[column]
        column += 1
    return column


def _spans(cell: _Element) -> tuple[int, int]:
    """A cell's (colspan, rowspan); most cells have no attributes at all."""
    if not cell.attrib:
        return 1, 1
    return _span(_attr(cell, "colspan")), _span(_attr(cell, "rowspan"))


def _span(value: str) -> int:
    digits = re.match(r"\s*(\d+)", value)
    if digits is None:
        return 1
    return max(1, min(int(digits.group(1)), _MAX_SPAN))


def _inside_section(tr: _Element, table: _Element) -> str:
    parent = tr.getparent()
    if parent is not None and parent is not table:
        return _tag(parent)
    return ""


def _merge_header(rows: list[list[_Cell]], width: int) -> list[str]:
    """Several header rows become one: each column's distinct labels, top to bottom."""
    header: list[str] = []
    for column in range(width):
        labels: list[str] = []
        for row in rows:
            text = row[column][0] if column < len(row) else ""
            if text and text not in labels:
                labels.append(text)
        header.append(" ".join(labels))
    return header
