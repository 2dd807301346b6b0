"""Hypothesis strategies: hostile text and whole specs built from it."""

from __future__ import annotations

from hypothesis import strategies as st

from generator.spec.model import Category, ErrorEntry, Namespace, Provider, Retry, Source, Spec

# Fragments that broke generators before, or could: quotes, escapes, comment and template
# terminators, HTML, Markdown table syntax, line and paragraph separators, controls, bidi.
HOSTILE = [
    '"',
    "'",
    "\\",
    '"""',
    "'''",
    "*/",
    "/*",
    "${",
    "`",
    "```",
    "</script>",
    "<!--",
    "-->",
    "|",
    "\r",
    "\n",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\x0b",
    "\x0c",
    "\ufeff",
    "\u202e",
    "\u200b",
    "#",
    "@param",
    "{@link x}",
    "&amp;",
    "&#0;",
    "<b>",
    "[x](y)",
    "*",
    "_",
    "~",
    "$",
    " ",
    "\t",
    "\\n",
    "\\u0000",
    "\\x",
    "%s",
    "{0}",
    "{{",
    "}}",
    "{%",
    "\U0001f600",
    "\u00a0",
    "\u3000",
    "e\u0301",
    "\\N{BULLET}",
    "r'",
    'b"',
]

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
    ),
    max_size=8,
).map("".join)
nonempty_text = hostile_text.filter(lambda text: text != "")


@st.composite
def namespaces(draw: st.DrawFn, index: int) -> Namespace:
    code_type = draw(st.sampled_from(["string", "integer"]))
    count = draw(st.integers(0, 4))
    alias_count = draw(st.integers(0, 2)) if count else 0
    if code_type == "string":
        wire = draw(
            st.lists(
                hostile_text,
                min_size=count + alias_count,
                max_size=count + alias_count,
                unique=True,
            )
        )
    else:
        wire = draw(
            st.lists(
                st.integers(-(10**12), 10**12),
                min_size=count + alias_count,
                max_size=count + alias_count,
                unique=True,
            )
        )
    codes, aliases = wire[:count], wire[count:]
    entries = []
    for position, code in enumerate(codes):
        entries.append(
            ErrorEntry(
                code=code,
                name=f"CODE_{position}",
                message=draw(hostile_text),
                description=draw(st.none() | hostile_text),
                http_status=draw(st.none() | st.integers(100, 599)),
                category=draw(st.sampled_from(list(Category))),
                retry=draw(st.sampled_from(list(Retry))),
                aliases=[alias for k, alias in enumerate(aliases) if k % count == position],
            )
        )
    return Namespace(f"ns{index}", draw(nonempty_text), code_type, entries)


@st.composite
def specs(draw: st.DrawFn, provider_id: str = "p0") -> Spec:
    count = draw(st.integers(1, 3))
    return Spec(
        provider=Provider(
            id=provider_id,
            name=draw(nonempty_text),
            docs_url=draw(st.none() | hostile_text.map(lambda text: "https://example.com/" + text)),
        ),
        namespaces=[draw(namespaces(index)) for index in range(count)],
        source=draw(
            st.none()
            | st.builds(
                Source, location=nonempty_text, format=st.just("html"), sha256=st.just("0" * 64)
            )
        ),
    )
