"""Any page a reader can produce: the interpreter either finds errors that make a valid spec,
or says it found none. It never crashes and never writes an invalid spec."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.curate.overrides import curate
from generator.errors import InputError
from generator.spec.model import Provider, RawSpec
from generator.scrape.document import (
    Definition,
    DefinitionList,
    Heading,
    Page,
    Paragraph,
    Table,
)
from generator.scrape.interpret.walker import interpret
from generator.spec.io import dump_spec

# words that steer the interpreter into its interesting paths
WORDS = [
    "Code",
    "Error code",
    "Status",
    "HTTP",
    "Message",
    "Description",
    "Name",
    "Type",
    "Parameter",
    "Solution",
    "reason",
    "status",
    "E101",
    "007",
    "0100C",
    "-1",
    "0",
    "404",
    "5",
    "4xx",
    "invalid_did",
    "Invalid_threshold",
    '"Blocked IP"',
    '"A" or "B"',
    "a or a",
    "5 or 5",
    "404 Not Found",
    "NAME (12)",
    "E1 - text",
    "If this error appears",
    "This error occurs when",
    "wrapped in a 'Wrap' object",
    "error code",
    "|",
    "",
    " ",
    "\n",
    "Success",
    "2024-01-10",
    "x" * 90,
]
text = st.one_of(
    st.sampled_from(WORDS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=30
    ),
)
lines = st.one_of(st.none(), st.integers(min_value=1, max_value=500))
rows = st.lists(st.lists(text, min_size=0, max_size=4), max_size=8)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    body = draw(rows)
    header = draw(st.one_of(st.none(), st.lists(text, min_size=0, max_size=4)))
    row_lines = draw(st.lists(lines, min_size=0, max_size=len(body) + 1))
    return Table(header, body, row_lines, draw(lines), draw(st.one_of(st.none(), text)))


blocks = st.one_of(
    st.builds(Heading, text, st.integers(min_value=1, max_value=6), lines),
    st.builds(Paragraph, text, lines, st.booleans()),
    tables(),
    st.builds(
        DefinitionList,
        st.lists(st.builds(Definition, text, text, lines), max_size=4),
        lines,
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks, max_size=12), st.one_of(st.none(), text))
def test_interpret_never_crashes_and_makes_valid_specs(page_blocks, title):
    warnings: list[str] = []
    try:
        result = interpret(Page(page_blocks, title=title), "page.txt", warnings.append)
    except InputError as error:
        assert str(error).startswith("page.txt: ")
        return
    assert result.namespaces
    raw = RawSpec(Provider("demo", "Demo"), result.namespaces, envelope=result.envelope)
    dump_spec(curate(raw, None, warnings.append))  # validates: ids, types, duplicates
    assert all(isinstance(w, str) and w for w in warnings)
