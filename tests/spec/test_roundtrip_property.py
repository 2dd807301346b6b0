"""dump(load(f)) == f for every spec spectab writes, whatever the page's text contained."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.curate import naming
from generator.spec import identifiers
from generator.curate.overrides import curate
from generator.spec.model import Provider, RawEntry, RawNamespace, RawSpec, SourceRef
from generator.spec.io import dump_spec, load_spec

# Any Unicode except lone surrogates (which UTF-8 cannot hold and the loader rejects).
page_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
tricky = st.sampled_from(
    [
        "007",
        "0100C",
        "yes",
        "no",
        "~",
        "null",
        "1e3",
        "0x1F",
        "-0",
        "+1",
        "1_000",
        "E101",
        "TMS.0009",
        " lead",
        "trail ",
        "a: b",
        "- x",
        "#c",
        "'q'",
        '"dq"',
        "\u2028",
        "line\nbreak",
        "tab\there",
        "",
        "true",
        "False",
        "@x",
        "%y",
        "!z",
    ]
)
string_code = st.one_of(tricky, page_text)


@st.composite
def raw_specs(draw):
    namespaces = []
    for index in range(draw(st.integers(1, 3))):
        integer = draw(st.booleans())
        codes = draw(
            st.lists(
                st.integers(-(10**12), 10**12) if integer else string_code,
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        entries = [
            RawEntry(
                code=code,
                message=draw(st.one_of(tricky, page_text)),
                description=draw(st.none() | page_text),
                http_status=draw(st.none() | st.integers(100, 599)),
                source=draw(
                    st.none()
                    | st.builds(SourceRef, st.integers(1, 10**6), st.none() | st.integers(1, 999))
                ),
            )
            for code in codes
        ]
        title = (
            draw(page_text.filter(lambda t: t.strip()))
            if draw(st.booleans())
            else f"Section {index}"
        )
        namespaces.append(
            RawNamespace(f"ns{index}", title, "integer" if integer else "string", entries)
        )
    name = draw(st.text(string.ascii_letters + " .", min_size=1, max_size=12).filter(str.strip))
    return RawSpec(Provider("prop", name, "https://example.com/docs"), namespaces)


@settings(max_examples=150, deadline=None)
@given(raw_specs())
def test_dump_load_dump_is_identical(tmp_path_factory, raw):
    spec = curate(raw)
    text = dump_spec(spec)
    path = tmp_path_factory.mktemp("rt") / "prop.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_spec(path)
    assert loaded == spec
    assert dump_spec(loaded) == text
    for namespace in loaded.namespaces:
        names = [entry.name for entry in namespace.errors]
        assert len(set(names)) == len(names)
        assert all(identifiers.why_illegal(name) is None for name in names)


yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), tricky, page_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(tricky, page_text), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(yaml_values)
def test_event_emitter_writes_what_pyyaml_dump_writes(value):
    import yaml

    from generator.spec.yamlio import _CanonicalDumper, dump_yaml

    expected = yaml.dump(
        value,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,
        indent=2,
    )
    assert dump_yaml(value) == expected
