"""API-reference members (a declaration, then its doc comment) read as Name | Value | Description."""

from __future__ import annotations

import pytest

from generator.scrape.document import DefinitionList, Heading, Table
from generator.scrape.readers import html
from generator.scrape.readers.declarations import declared_constants, declared_member

SPHINX = """<section><h2>Client constants</h2>
<dl class="py data"><dt class="sig"><span class="sig-name">ZZ_E_RESET</span>
<span class="property">: int</span><span class="property"> = 7101</span></dt>
<dd><p>The peer reset the connection.</p></dd></dl>
<dl class="py data"><dt class="sig"><span class="sig-name">ZZ_E_DNS</span>
<span class="property">: int</span><span class="property"> = 7102</span></dt>
<dd><p>The host name did not resolve.</p></dd></dl>
<dl class="py data"><dt class="sig"><span class="sig-name">ZZ_E_PROXY</span>
<span class="property">: int</span><span class="property"> = 7103</span></dt>
<dd><p>The proxy refused the tunnel.</p></dd></dl>
</section>"""

SPHINX_CLASS = """<section><h1>Errors</h1>
<dl class="py data"><dt>pkg.errors.RETRY_LIMIT = 5</dt><dd><p>Tries before giving up.</p></dd></dl>
<dl class="py class"><dt>class pkg.errors.Failure(value)</dt><dd><p>Codes of a failed call.</p>
<dl class="py attribute"><dt>GONE = 410</dt><dd><p>The object was deleted.</p></dd></dl>
<dl class="py attribute"><dt>BUSY = 429</dt><dd><p>Too many calls at once.</p></dd></dl>
<dl class="py attribute"><dt>BROKEN = 500</dt><dd><p>The server failed.</p></dd></dl>
</dd></dl></section>"""

RUSTDOC = """<main><h1>Enum Failure</h1>
<pre class="rust item-decl"><code>#[repr(u16)]
pub enum Failure {
    BadPath = 4_100,
    Expired = 4_110,
    Denied = 4_130,
}</code></pre>
<h2 id="variants">Variants</h2><div class="variants">
<section id="variant.BadPath" class="variant"><h3 class="code-header">BadPath = 4_100</h3></section>
<div class="docblock"><p>The path is malformed.</p></div>
<section id="variant.Expired" class="variant"><h3 class="code-header">Expired = 4_110</h3></section>
<div class="docblock"><p>The lease ran out.</p></div>
<section id="variant.Denied" class="variant"><h3 class="code-header">Denied = 4_130</h3></section>
<div class="docblock"><p>The key may not read this.</p></div>
</div></main>"""

# a listing of the constants, then the same constants documented one by one
LISTING_THEN_MEMBERS = """<main><h2>Failure codes</h2>
<pre><code>enum Failure {
    BAD_PATH = 4_100,
    EXPIRED = 4_110,
    DENIED = 4_130,
}</code></pre>
<h2>Members</h2>
<dl class="member"><dt>BAD_PATH = 4_100</dt><dd>The path is malformed.</dd></dl>
<dl class="member"><dt>EXPIRED = 4_110</dt><dd>The lease ran out.</dd></dl>
<dl class="member"><dt>DENIED = 4_130</dt><dd>The key may not read this.</dd></dl>
</main>"""

TYPEDOC = """<main><h1>Enumeration RelayCode</h1><h2>Enumeration Members</h2><section>
<section class="tsd-member"><h3><span>Lost<wbr/>Relay</span></h3>
<div class="tsd-signature"><span>LostRelay</span><span>:</span> <span>81001</span></div>
<div class="tsd-comment tsd-typography"><p>The relay went away.</p></div></section>
<section class="tsd-member"><h3><span>Full<wbr/>Relay</span></h3>
<div class="tsd-signature"><span>FullRelay</span><span>:</span> <span>81002</span></div>
<div class="tsd-comment tsd-typography"><p>The relay has no room.</p></div></section>
<section class="tsd-member"><h3><span>Slow<wbr/>Relay</span></h3>
<div class="tsd-signature"><span>SlowRelay</span><span>:</span> <span>81003</span></div>
<div class="tsd-comment tsd-typography"><p>The relay timed out.</p></div></section>
</section></main>"""

MKDOCSTRINGS = """<main><h3 class="doc doc-heading"><code>Bounce</code></h3><div class="doc-children">
<div class="doc doc-attribute"><h4 class="doc doc-heading"><code>MAILBOX_FULL = 'mailbox_full'</code>
<span class="doc-labels"><small><code>class-attribute</code></small></span></h4>
<div class="doc doc-contents"><p>The mailbox has no room left.</p></div></div>
<div class="doc doc-attribute"><h4 class="doc doc-heading"><code>NO_USER = "no_user"</code>
<span class="doc-labels"><small><code>class-attribute</code></small></span></h4>
<div class="doc doc-contents"><p>No such mailbox.</p></div></div>
<div class="doc doc-attribute"><h4 class="doc doc-heading"><code>SPAM = 'spam'</code>
<span class="doc-labels"><small><code>class-attribute</code></small></span></h4>
<div class="doc doc-contents"><p>The message was taken for spam.</p></div></div>
</div></main>"""


def _tables(text: str) -> list[Table]:
    return [block for block in html.read(text).blocks if isinstance(block, Table)]


@pytest.mark.parametrize(
    ("page", "rows"),
    [
        (
            SPHINX,
            [
                ["ZZ_E_RESET", "7101", "The peer reset the connection."],
                ["ZZ_E_DNS", "7102", "The host name did not resolve."],
                ["ZZ_E_PROXY", "7103", "The proxy refused the tunnel."],
            ],
        ),
        (
            TYPEDOC,
            [
                ["LostRelay", "81001", "The relay went away."],
                ["FullRelay", "81002", "The relay has no room."],
                ["SlowRelay", "81003", "The relay timed out."],
            ],
        ),
        (
            MKDOCSTRINGS,
            [
                ["MAILBOX_FULL", "mailbox_full", "The mailbox has no room left."],
                ["NO_USER", "no_user", "No such mailbox."],
                ["SPAM", "spam", "The message was taken for spam."],
            ],
        ),
    ],
)
def test_rendered_members_become_a_table(page: str, rows: list[list[str]]) -> None:
    (table,) = _tables(page)
    assert table.header == ["Name", "Value", "Description"]
    assert table.rows == rows


def test_class_members_are_a_table_after_the_class_and_a_lone_constant_stays() -> None:
    blocks = html.read(SPHINX_CLASS).blocks
    lists = [block for block in blocks if isinstance(block, DefinitionList)]
    assert [item.term for block in lists for item in block.items] == [
        "pkg.errors.RETRY_LIMIT = 5",
        "class pkg.errors.Failure(value)",
    ]
    assert lists[1].items[0].text == "Codes of a failed call."
    (table,) = [block for block in blocks if isinstance(block, Table)]
    assert [row[:2] for row in table.rows] == [["GONE", "410"], ["BUSY", "429"], ["BROKEN", "500"]]
    assert blocks.index(table) == blocks.index(lists[1]) + 1


def test_a_synopsis_and_its_documented_members_are_one_table_where_the_synopsis_stands() -> None:
    blocks = html.read(LISTING_THEN_MEMBERS).blocks
    (table,) = [block for block in blocks if isinstance(block, Table)]
    assert table.rows == [
        ["BAD_PATH", "4100", "The path is malformed."],
        ["EXPIRED", "4110", "The lease ran out."],
        ["DENIED", "4130", "The key may not read this."],
    ]
    assert table.line == 2  # the listing's place, under "Failure codes"


def test_a_heading_per_member_stays_a_heading_with_the_value_it_means() -> None:
    blocks = html.read(RUSTDOC).blocks
    headings = [block.text for block in blocks if isinstance(block, Heading)]
    assert headings[-3:] == ["BadPath = 4100", "Expired = 4110", "Denied = 4130"]


def test_two_members_are_no_table() -> None:
    cut = SPHINX.split('<dl class="py data"><dt class="sig"><span class="sig-name">ZZ_E_PROXY')[0]
    assert _tables(cut + "</section>") == []


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("pkg.mod.LIMIT = 30", ("LIMIT", "30")),
        ("E_RESET: int = 7101", ("E_RESET", "7101")),
        ("BadPath = 4_100", ("BadPath", "4100")),
        ("LostRelay: 81001", ("LostRelay", "81001")),
        ("SPAM = 'spam'", ("SPAM", "spam")),
        ("#define ZZ_E_GONE (-4)", ("ZZ_E_GONE", "-4")),
        ("public static final int ZZ_GONE = 410", ("ZZ_GONE", "410")),
        ("count = 3", None),  # a variable, not a constant
        ("Note: see below", None),
        ("Timeout: 30s", None),
        ("SPAM = ''", None),
    ],
)
def test_declared_member(text: str, member: tuple[str, str] | None) -> None:
    assert declared_member(text) == member


def test_a_rust_attribute_is_no_doc_comment_and_digit_separators_are_dropped() -> None:
    table = declared_constants(
        "#[repr(u16)]\nenum E {\n    A = 1_000,\n    B = 2_000,\n    C = 3,\n}", 1
    )
    assert table is not None
    assert table.rows == [["A", "1000", ""], ["B", "2000", ""], ["C", "3", ""]]


# a synopsis declaring the values, then a table of the names beside their docs (Doxygen)
ENUMERATORS = """<main><h2>Enumerations</h2>
<table><tr><td>enum</td><td>zz_state { ZZ_OK = 0, ZZ_GONE = 110, ZZ_FULL = 111 }</td></tr></table>
<h2>Enumeration Type Documentation</h2>
<table class="fieldtable"><tr><th colspan="2">Enumerator</th></tr>
<tr><td class="fieldname">ZZ_OK</td><td class="fielddoc"><p>All went well.</p></td></tr>
<tr><td class="fieldname">ZZ_GONE</td><td class="fielddoc"><p>The peer left.</p></td></tr>
<tr><td class="fieldname">ZZ_FULL</td><td class="fielddoc"><p>The disk is full.</p></td></tr>
</table></main>"""


def test_names_beside_docs_gain_the_values_declared_elsewhere_on_the_page() -> None:
    table = _tables(ENUMERATORS)[-1]
    assert table.header == ["Name", "Value", "Description"]
    assert table.rows == [
        ["ZZ_OK", "0", "All went well."],
        ["ZZ_GONE", "110", "The peer left."],
        ["ZZ_FULL", "111", "The disk is full."],
    ]


def test_names_without_declared_values_stay_as_they_are() -> None:
    page = ENUMERATORS.replace("ZZ_FULL = 111 ", "")
    assert _tables(page)[-1].header != ["Name", "Value", "Description"]


def test_a_self_link_mark_is_no_part_of_a_heading_but_a_named_link_is() -> None:
    page = (
        '<main><h2 id="e">Errors<a href="#e" class="anchor">§</a></h2>'
        '<h3 id="x"><a href="#x">§</a>ZZ_GONE = 0x1A</h3><p>Gone.</p>'
        '<h3 id="y"><a href="#y">ZZ_FULL</a> = 0x1B</h3><p>Full.</p></main>'
    )
    headings = [block.text for block in html.read(page).blocks if isinstance(block, Heading)]
    assert headings == ["Errors", "ZZ_GONE = 0x1A", "ZZ_FULL = 0x1B"]


# a summary of the fields with their docs, and the fields' values in a table of their own
SUMMARY_AND_VALUES = """<main><h2>Field Summary</h2>
<table><tr><th>Modifier and Type</th><th>Field</th><th>Description</th></tr>
<tr><td>static int</td><td>ZZ_GONE</td><td>The peer left.</td></tr>
<tr><td>static int</td><td>ZZ_FULL</td><td>The disk is full.</td></tr>
<tr><td>static int</td><td>ZZ_SLOW</td><td>The peer is slow.</td></tr></table>
<h2>Constant Field Values</h2>
<table><tr><th>Modifier and Type</th><th>Constant Field</th><th>Value</th></tr>
<tr><td>public static final int</td><td>ZZ_GONE</td><td>-1</td></tr>
<tr><td>public static final int</td><td>ZZ_FULL</td><td>-2</td></tr>
<tr><td>public static final int</td><td>ZZ_SLOW</td><td>-3</td></tr></table></main>"""


def test_a_table_of_values_only_joins_the_table_that_documents_the_same_names() -> None:
    (table,) = _tables(SUMMARY_AND_VALUES)
    assert table.header == ["Modifier and Type", "Field", "Value", "Description"]
    assert [row[1:3] for row in table.rows] == [
        ["ZZ_GONE", "-1"],
        ["ZZ_FULL", "-2"],
        ["ZZ_SLOW", "-3"],
    ]
