"""The HTML reader: tables (spans, header rows), titles, definition lists, chrome dropped."""

from __future__ import annotations

from typing import Any, Callable

from generator.scrape.readers import html
from generator.scrape.document import Block, DefinitionList, Heading, Paragraph, Table


def tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table)]


PAGE = """<!DOCTYPE html>
<html><head><title>Errors &ndash; Docs</title><style>p{}</style></head>
<body>
<nav class="top-nav"><a href="/">Home</a></nav>
<div class="sidebar"><h3>Sidebar</h3></div>
<main>
<h1>API Errors <a class="headerlink" href="#x">#</a></h1>
<p>Intro text &amp; more.</p>
<p><strong>"Blocked IP"</strong></p>
<p>Some desc</p>
<div><b>Bold title</b><br>Description after br</div>
<table class="wikitable">
<caption>Codes</caption>
<tr><th>Code<th>Message<th>HTTP
<tr><td><code>E101</code><td>Invalid <em>number</em><br>see docs<td rowspan=2>400
<tr><td>E102<td>Missing &lt;param&gt;
<tr><td colspan=3>Server errors:</td></tr>
<tr><td>E500<td colspan=2>Boom
</table>
<dl><dt>E1</dt><dd>One</dd><dt>E2</dt><dd>Two</dd></dl>
<script>document.write("<table><tr><td>x</td></tr></table>")</script>
</main>
<footer>Copyright</footer>
<div id="comments"><h2>Comments</h2><p>a comment</p></div>
</body></html>
"""


def test_table_with_spans_entities_and_br() -> None:
    page = html.read(PAGE)
    first, second = tables(page.blocks)
    assert first.header == ["Code", "Message", "HTTP"] and first.caption == "Codes"
    assert first.rows == [
        ["E101", "Invalid number\nsee docs", "400"],
        ["E102", "Missing <param>", "400"],  # rowspan repeated
    ]
    assert first.row_lines == [15, 16] and first.line == 12
    # a full-width row labels the rows below it as a section of their own
    index = page.blocks.index(second)
    assert page.blocks[index - 1] == Heading("Server errors", 4, 17)
    assert second.header == first.header and second.rows == [["E500", "Boom", ""]]


def test_chrome_dropped_and_titles_found() -> None:
    page = html.read(PAGE)
    assert page.title == "API Errors"
    texts = [getattr(b, "text", "") for b in page.blocks]
    assert "Sidebar" not in texts and "Comments" not in texts and "a comment" not in texts
    assert not any("Copyright" in t or "Home" == t for t in texts)
    paragraphs = [(b.text, b.title) for b in page.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        ("Intro text & more.", False),
        ('"Blocked IP"', True),
        ("Some desc", False),
        ("Bold title", True),
        ("Description after br", False),
    ]
    [definitions] = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [(d.term, d.text) for d in definitions.items] == [("E1", "One"), ("E2", "Two")]


def test_multi_row_thead_merges_labels() -> None:
    page = html.read(
        "<table><thead><tr><th>A</th><th colspan=2>B</th></tr>"
        "<tr><th></th><th>B1</th><th>B2</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    [table] = tables(page.blocks)
    assert table.header == ["A", "B B1", "B B2"] and table.rows == [["1", "2", "3"]]


def test_first_row_of_plain_cells_is_a_header_when_it_looks_like_one() -> None:
    page = html.read(
        "<table><tr><td><strong>Error Code</strong></td><td><strong>Description</strong></td></tr>"
        "<tr><td>FORBIDDEN</td><td>No permission.</td></tr>"
        "<tr><td>NOT_FOUND</td><td>Missing.</td></tr></table>"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Error Code", "Description"] and len(table.rows) == 2


def test_unclosed_tags_and_truncated_page() -> None:
    page = html.read("<h2>Codes</h2><table><tr><th>Code<th>Message<tr><td>a<td>one<tr><td>b")
    [table] = tables(page.blocks)
    assert table.rows == [["a", "one"], ["b", ""]]


def test_layout_table_is_read_as_a_container() -> None:
    page = html.read(
        "<table><tr><td><h2>Errors</h2><table><tr><th>Code</th><th>Msg</th></tr>"
        "<tr><td>1</td><td>x</td></tr></table></td></tr></table>"
    )
    [table] = tables(page.blocks)
    assert table.header == ["Code", "Msg"]
    assert isinstance(page.blocks[0], Heading) and page.blocks[0].text == "Errors"


def test_preformatted_aligned_table_is_read() -> None:
    page = html.read('<pre>\nCode   Message\nE1     Hello\nE2     World\n</pre><pre>{"a": 1}</pre>')
    [table] = tables(page.blocks)
    assert table.rows == [["E1", "Hello"], ["E2", "World"]] and table.row_lines == [3, 4]


def test_article_body_narrowing_drops_trailing_chrome() -> None:
    page = html.read(
        "<article><div class='article-body'><h3>\"X\"</h3><p>Text.</p></div>"
        "<div class='article-more-questions'>Have more questions?</div></article>"
    )
    assert [getattr(b, "text", "") for b in page.blocks] == ['"X"', "Text."]


def test_empty_and_garbage_input() -> None:
    assert html.read("").blocks == []
    assert html.read("<<<>>>&&&").warnings == [] or True
    assert isinstance(html.read("\x00\x01<table><tr><td>\udcff"), type(html.read("")))


def test_absurdly_deep_markup_is_read_flat_with_a_warning() -> None:
    depth = 400
    page = html.read(
        "<div>" * depth
        + "<h2>Codes</h2><table><tr><th>Code</th><th>Message</th></tr>"
        + "<tr><td>E1</td><td>"
        + "<span>" * depth
        + "deep"
        + "</span>" * depth
        + "</td></tr>"
        + "</table>"
        + "</div>" * depth
    )
    assert [type(block).__name__ for block in page.blocks] == ["Heading", "Table"]
    assert page.warnings and "nested" in page.warnings[0]


SPHINX = """<!DOCTYPE html><html><head><title>Errors — API 1.0 documentation</title></head><body class="wy-body-for-nav">
<div class="wy-grid-for-nav"><nav data-toggle="wy-nav-shift" class="wy-nav-side"><div class="wy-side-scroll"><div class="wy-menu wy-menu-vertical" role="navigation" aria-label="Navigation menu"><p class="caption"><span class="caption-text">Contents</span></p><ul><li class="toctree-l1"><a class="reference internal" href="intro.html">Intro</a></li></ul></div></div></nav>
<section data-toggle="wy-nav-shift" class="wy-nav-content-wrap"><div class="wy-nav-content"><div class="rst-content">
<div role="navigation" aria-label="Page navigation"><ul class="wy-breadcrumbs"><li><a href="index.html">Docs</a> &raquo;</li></ul><hr/></div>
<div role="main" class="document" itemscope="itemscope" itemtype="http://schema.org/Article"><div itemprop="articleBody">
<section id="errors"><h1>Errors<a class="headerlink" href="#errors" title="Permalink to this heading">¶</a></h1>
<p>All errors have a code.</p>
<table class="docutils align-default"><colgroup><col style="width: 20%" /><col style="width: 80%" /></colgroup>
<thead><tr class="row-odd"><th class="head"><p>Code</p></th><th class="head"><p>Meaning</p></th></tr></thead>
<tbody><tr class="row-even"><td><p><code class="docutils literal notranslate"><span class="pre">E101</span></code></p></td><td><p>Invalid number.</p><p>Check the format.</p></td></tr>
<tr class="row-odd"><td><p>E102</p></td><td><p>Missing parameter.</p></td></tr></tbody></table>
<dl class="py exception"><dt class="sig sig-object py" id="api.RateLimited"><em class="property"><span class="pre">exception</span> </em><span class="sig-name descname"><span class="pre">RateLimited</span></span><a class="headerlink" href="#api.RateLimited">¶</a></dt><dd><p>Too many requests.</p></dd></dl>
</section></div></div>
<footer><div role="navigation" aria-label="Footer"><a href="intro.html" class="btn btn-neutral float-left">Previous</a></div><hr/><div role="contentinfo"><p>&#169; Copyright 2024.</p></div></footer>
</div></div></section></div></body></html>
"""


def test_sphinx_theme_whose_wrappers_are_named_after_the_nav() -> None:
    page = html.read(SPHINX)
    assert page.title == "Errors"
    [table] = tables(page.blocks)
    assert table.header == ["Code", "Meaning"]
    assert table.rows == [
        ["E101", "Invalid number.\nCheck the format."],
        ["E102", "Missing parameter."],
    ]
    [definitions] = [b for b in page.blocks if isinstance(b, DefinitionList)]
    assert [(d.term, d.text) for d in definitions.items] == [
        ("exception RateLimited", "Too many requests.")
    ]
    texts = [getattr(b, "text", "") for b in page.blocks]
    assert not any(word in t for t in texts for word in ("Intro", "Docs", "Previous", "Copyright"))


DOCUSAURUS = """<html><body class="navigation-with-keyboard"><div id="__docusaurus"><nav aria-label="Main" class="navbar navbar--fixed-top"><div class="navbar__inner"><a class="navbar__brand" href="/">Acme</a></div></nav>
<div class="main-wrapper mainWrapper_z2l0"><div class="docsWrapper_hBAB"><div class="docRoot_UBD9"><aside class="theme-doc-sidebar-container"><ul class="menu__list"><li>Getting started</li></ul></aside>
<main class="docMainContainer_TBSr"><div class="container padding-top--md"><div class="row"><div class="col docItemCol_VOVn"><div class="docItemContainer_Djhp"><article><nav class="theme-doc-breadcrumbs" aria-label="Breadcrumbs"><ul><li>Docs</li></ul></nav>
<div class="theme-doc-markdown markdown"><header><h1>Error codes</h1></header><p>Errors come back as JSON.</p>
<h2 class="anchor anchorWithStickyNavbar_LWe7" id="http">HTTP errors<a href="#http" class="hash-link" aria-label="Direct link to HTTP errors" title="Direct link to HTTP errors">​</a></h2>
<table><thead><tr><th>Status</th><th>Code</th><th>Description</th></tr></thead><tbody><tr><td>400</td><td><code>invalid_request</code></td><td>The request was malformed.</td></tr><tr><td>401</td><td><code>unauthorized</code></td><td>Missing or bad API key.</td></tr></tbody></table>
<div class="theme-admonition theme-admonition-note alert alert--secondary"><div class="admonitionHeading_Gvgb">note</div><div class="admonitionContent_BuS1"><p>Codes are stable.</p></div></div>
</div><footer class="theme-doc-footer docusaurus-mt-lg"><div class="row margin-top--sm theme-doc-footer-edit-meta-row"><a href="https://github.com/x/edit">Edit this page</a></div></footer></article>
<nav class="pagination-nav docusaurus-mt-lg" aria-label="Docs pages"><a class="pagination-nav__link" href="/docs/x"><div class="pagination-nav__sublabel">Previous</div></a></nav></div></div>
<div class="col col--3"><div class="tableOfContents_bqdL thin-scrollbar theme-doc-toc-desktop"><ul class="table-of-contents"><li><a href="#http">HTTP errors</a></li></ul></div></div></div></div></main></div></div></div>
<footer class="footer footer--dark"><div class="footer__copyright">Copyright © 2024 Acme</div></footer></div></body></html>
"""


def test_docusaurus_layout_keeps_headings_with_navbar_like_classes() -> None:
    page = html.read(DOCUSAURUS)
    headings = [b.text for b in page.blocks if isinstance(b, Heading)]
    assert headings == ["Error codes", "HTTP errors"]
    [table] = tables(page.blocks)
    assert table.rows[0] == ["400", "invalid_request", "The request was malformed."]
    texts = [getattr(b, "text", "") for b in page.blocks]
    assert not any(w in t for t in texts for w in ("Getting started", "Docs", "Previous", "Edit"))


# --------------------------------------------------------------- text_of's shortcut

_INLINE = ["code", "a", "b", "span", "em", "br", "p", "div", "td"]
_TEXTS = ["", " ", "x", "  two  words ", "\t", "\n", "\r\n", "\u00a0", "\u200b", "a\u00adb", "é"]


def _cell_html(draw: Callable[..., Any], depth: int = 0) -> str:
    from hypothesis import strategies as st

    parts = [draw(st.sampled_from(_TEXTS))]
    for _ in range(draw(st.integers(0, 3 if depth < 2 else 0))):
        tag = draw(st.sampled_from(_INLINE))
        inner = _cell_html(draw, depth + 1)
        parts.append(f"<{tag}>{inner}</{tag}>{draw(st.sampled_from(_TEXTS))}")
    return "".join(parts)


def test_text_of_shortcut_reads_as_the_full_walk() -> None:
    """Cells of inline leaves take a shortcut; it must read exactly as the walk does."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.scrape.cells import clean_text

    @settings(max_examples=300, deadline=None)
    @given(st.composite(_cell_html)())
    def check(cell: str) -> None:
        root = html._parse(f"<table><tr><td>{cell}</td></tr></table>")
        assert root is not None
        for element in root.iter("td", "code", "a", "b", "span", "em", "p", "div"):
            assert html.text_of(element) == clean_text(html._walked_text(element))

    check()


def test_an_inline_wrapper_around_the_whole_article_is_read_block_by_block() -> None:
    from generator.scrape.document import Heading, Paragraph, Table
    from generator.scrape.readers import html

    page = html.read(
        "<html><body><div><p>Top.</p><span>\n<h2>Error codes</h2>\n"
        "<p>Returned in the <b>code</b> field.</p>\n<table><tr><th>Code</th><th>Message</th></tr>\n"
        "<tr><td>E1</td><td>First</td></tr></table>\n</span><p>Plain <span>inline</span> text.</p>"
        "</div></body></html>"
    )
    kinds = [Paragraph, Heading, Paragraph, Table, Paragraph]
    assert [type(block) for block in page.blocks] == kinds
    table = page.blocks[3]
    assert isinstance(table, Table) and table.rows == [["E1", "First"]] and table.line == 4
    assert [b.text for b in page.blocks if isinstance(b, Paragraph)] == [
        "Top.",
        "Returned in the code field.",
        "Plain inline text.",
    ]


def test_plain_text_in_pre_keeps_hanging_lists_and_marked_headings_not_code() -> None:
    page = html.read(
        "<pre>Intro\n<h4>4.1.  Reply codes</h4>\n   250  Okay\n   251  Not local\n"
        "   252  Cannot verify\n      the user\n</pre>"
        '<pre><code>{\n    "code": "E1",\n    "text": "x"\n}</code></pre>'
    )
    heading, listed = page.blocks
    assert isinstance(heading, Heading) and (heading.text, heading.level) == ("4.1. Reply codes", 4)
    assert isinstance(listed, DefinitionList)
    assert [(d.term, d.text) for d in listed.items] == [
        ("250", "Okay"),
        ("251", "Not local"),
        ("252", "Cannot verify the user"),
    ]


def test_paragraphs_that_keep_a_plain_text_layout_are_read_as_text() -> None:
    page = html.read(
        "<table><tr><td><h2>One</h2><p>   codes:\n\n</p><p>      bad_a\n            Text a.\n"
        "      bad_b\n            Text b.\n</p><p>      bad_c\n            Text c.\n</p>"
        "<h2>Two</h2><p>\n    A pretty-printed\n    paragraph.\n</p></td></tr></table>"
    )
    kinds = [type(block).__name__ for block in page.blocks]
    assert kinds == ["Heading", "Paragraph", "DefinitionList", "Heading", "Paragraph"]
    listed = page.blocks[2]
    assert isinstance(listed, DefinitionList)
    assert [d.term for d in listed.items] == ["bad_a", "bad_b", "bad_c"]
    assert page.blocks[-1].text == "A pretty-printed paragraph."


def test_a_table_of_one_cell_is_a_paragraph() -> None:
    page = html.read(
        "<h2>ZZ_ERR_NOMEM</h2><table class='memname'><tr><td>#define ZZ_ERR_NOMEM&#160;(-12)"
        "</td></tr></table><p>Out of memory.</p>"
    )
    assert [type(block).__name__ for block in page.blocks] == ["Heading", "Paragraph", "Paragraph"]
    assert page.blocks[1].text == "#define ZZ_ERR_NOMEM (-12)"
