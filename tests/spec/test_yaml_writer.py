"""The direct YAML writer writes exactly what libyaml's emitter writes for the same data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.spec.io import spec_to_data
from generator.spec.yamlemit import Unwritable, Writer
from generator.spec.yamlio import _retypes, dump_yaml, dump_yaml_events
from tests.render.strategies import specs

ROOT = Path(__file__).resolve().parents[2]

# Pieces that decide a scalar's style in libyaml's analysis: indicators first or last,
# ": " and " #", breaks of every kind next to spaces, characters it escapes, and words a
# YAML 1.1 reader retypes.
YAML_PIECES = [
    "-", "?", ":", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%",
    "@", "`", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x85", "\u2028", "\u2029",
    "---", "...", "- ", ": ", " #", "~", "null", "Null", "yes", "No", "on", "true",
    "0", "007", "0x1F", "1e3", "1_000", "-1", "+1", ".5", ".inf", ".NaN", "<<", "=",
    "2001-12-14", "12:30", "\x00", "\x07", "\x1b", "\x7f", "\x9f", "\xa0", "\ufeff",
    "\ufffe", "\uffff", "\ufffd", "\ue000", "\ud7ff", "\U0001f600", "\U0010ffff", "é",
    "\\", "\\n", "a", "Z", "9", "''", '""',
]  # fmt: skip

yaml_text = st.lists(
    st.one_of(
        st.sampled_from(YAML_PIECES),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=4),
    ),
    max_size=6,
).map("".join)

values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), yaml_text),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(yaml_text, st.integers(), st.none()), inner, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.dictionaries(yaml_text, values, max_size=4), st.lists(values, max_size=4)))
def test_hostile_scalars_at_every_depth(data):
    assert dump_yaml(data) == dump_yaml_events(data)


@settings(max_examples=300, deadline=None)
@given(specs())
def test_specs_of_hostile_text(spec):
    data = spec_to_data(spec)
    try:
        expected = dump_yaml_events(data)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            dump_yaml(data)
        return
    assert dump_yaml(data) == expected


@pytest.mark.parametrize(
    "text",
    ["a\nb", "\nx", "x\n", "a\n\n\nb", "a\u2028b", "a\u2029", "it's\nok", "\u2028\n"],
)
def test_line_breaks_in_single_quotes(text):
    data = {"k": text, "l": [text], "m": [{"n": text, "o": {"p": [text]}}]}
    assert dump_yaml(data) == dump_yaml_events(data)


def test_surrogates_are_refused_as_libyaml_refuses_them():
    for data in ({"k": "a\ud800"}, {"a\udfff": 1}):
        with pytest.raises(UnicodeEncodeError):
            dump_yaml_events(data)
        with pytest.raises(UnicodeEncodeError):
            dump_yaml(data)


@pytest.mark.parametrize(
    "data", ["scalar", {"a" * 129: 1}, {"a\nb": 1}, {"k": 1.5}, {(1, 2): 3}, {"k": {1, 2}}]
)
def test_what_it_does_not_cover_is_left_to_the_event_emitter(data):
    with pytest.raises(Unwritable):
        Writer(_retypes).document(data)


def test_a_key_of_128_bytes_is_still_simple():
    for key in ("a" * 128, "é" * 64, "é" * 65):
        assert dump_yaml({key: 1}) == dump_yaml_events({key: 1})


def _stored_yaml() -> list[Path]:
    found: list[Path] = []
    for folder in ("specs", "tests/fixtures", "tests/golden"):
        found += sorted((ROOT / folder).rglob("*.yaml"))
    return found


def test_every_stored_yaml_file_is_written_alike():
    written = 0
    for path in _stored_yaml():
        try:
            data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):
            continue  # hostile fixtures that are not YAML at all
        try:
            expected = dump_yaml_events(data)
        except (TypeError, UnicodeEncodeError):
            continue  # dates, floats: nothing spectab writes
        assert dump_yaml(data) == expected, path
        written += 1
    assert written > 100


# libyaml's printable set (yaml/emitter.c, analyze_scalar) as the ranges inside it; the
# writer names the few ranges outside it instead, because that compiles ten times faster.
PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"


def test_the_writers_character_sets_are_libyamls_for_every_code_point():
    from generator.spec import yamlemit

    inside = re.compile(f"[{PRINTABLE}]")
    wanted = {
        "plain": lambda c: not inside.match(c),
        "single": lambda c: not inside.match(c) and c not in "\n\u2028\u2029",
        "escaped": lambda c: not inside.match(c) or c in '"\\',
    }
    patterns = {"plain": yamlemit._NOT_PLAIN, "single": yamlemit._NOT_SINGLE,
                "escaped": yamlemit._ESCAPED}
    wrong = {name: [] for name in patterns}
    for point in range(0x110000):
        char = chr(point)
        for name, pattern in patterns.items():
            # "x" + char + "x": the character in the middle, where no position rule applies
            if bool(pattern.search("x" + char + "x")) != wanted[name](char):
                wrong[name].append(hex(point))
    assert wrong == {"plain": [], "single": [], "escaped": []}
