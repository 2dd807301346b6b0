"""The formatter's shortcuts give exactly what black gives for the whole file."""

from __future__ import annotations

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import black_style
from generator.render.escape import py_value

MODE = black.Mode(
    target_versions={black.TargetVersion.PY39},
    line_length=black_style.LINE_LENGTH,
    string_normalization=True,
    magic_trailing_comma=True,
)
names = st.from_regex(r"[A-Z][A-Z0-9_]{0,90}", fullmatch=True)
codes = st.one_of(st.integers(-(10**30), 10**30), st.text(max_size=120))


def module(members: list[tuple[str, object]]) -> str:
    body = "\n".join(f"    {name} = {py_value(code)}" for name, code in members)  # type: ignore[arg-type]
    return (
        '"""Doc."""\n\nfrom enum import Enum\n\n\nclass Demo(Enum):\n    """Members."""\n\n'
        f"    _value_: object\n\n{body}\n\n    @property\n    def x(self) -> int:\n        return 1\n"
    )


# literals as spectab writes them, and spellings black would change
literals = st.one_of(
    codes.map(py_value),
    st.text("abc'\" \\xAB", max_size=12).map(lambda t: f"'{t}'"),
    st.integers(0, 10**6).map(hex).map(str.upper),
    st.sampled_from(["1_000", "u'x'", "R'y'", "(1)", "1 ", "0001"]),
)


@settings(max_examples=400, deadline=None)
@given(names, literals)
def test_a_line_judged_already_black_is_left_unchanged_by_black(name, literal):
    line = f"    {name} = {literal}"
    if black_style._already_black(line):
        text = f"class C:\n{line}\n"
        assert black.format_str(text, mode=MODE) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, codes), min_size=1, max_size=40, unique_by=lambda m: m[0]))
def test_sliced_formatting_equals_whole_file_black(members):
    saved = black_style.RUN_MIN_LINES, black_style.SLICE_LINES
    black_style.RUN_MIN_LINES, black_style.SLICE_LINES = 2, 3  # slice even tiny enums
    try:
        text = module(members)
        assert black_style.black_format(text, "test") == black.format_str(text, mode=MODE)
    finally:
        black_style.RUN_MIN_LINES, black_style.SLICE_LINES = saved


def test_sliced_formatting_equals_whole_file_black_examples(monkeypatch):
    monkeypatch.setattr(black_style, "RUN_MIN_LINES", 2)
    monkeypatch.setattr(black_style, "SLICE_LINES", 3)
    members = [
        ("A", "plain"),
        ("B", 'has "double" quotes'),
        ("C", "x" * 150),
        ("D", -5),
        ("E", "tab\tand\\backslash"),
        ("F", "caf\u00e9 \u2028 line sep"),
        ("G_" + "X" * 95, "long name"),
        ("H", 10**40),
        ("I", "it's"),
    ]
    text = module(members)
    assert black_style.black_format(text, "test") == black.format_str(text, mode=MODE)


def test_long_string_bodies_are_set_aside_unchanged(monkeypatch):
    monkeypatch.setattr(black_style, "RUN_MIN_LINES", 2)
    rows = ['["a",  "b" ,1]', "    SPECTAB_FORMAT_RUN_0_ = 0", "x = ( 1 )", "'''", ""]
    text = 'import json\n_ROWS = r"""\n' + "\n".join(rows) + '\n"""\nY  =  json.loads( "1" )\n'
    formatted = black_style.black_format(text, "test")
    assert formatted == black.format_str(text, mode=MODE)
    assert "\n".join(rows) in formatted


def test_a_string_body_holding_a_later_placeholder_is_kept(monkeypatch):
    # each run goes back where its own placeholder stood, never into an earlier run's text
    monkeypatch.setattr(black_style, "RUN_MIN_LINES", 2)
    first = ["    SPECTAB_FORMAT_RUN_1_ = 0", "a"]
    second = ["b", "c"]
    text = (
        'A = r"""\n' + "\n".join(first) + '\n"""\n'
        'B = r"""\n' + "\n".join(second) + '\n"""\nY  =  ( 1 )\n'
    )
    assert black_style.black_format(text, "test") == black.format_str(text, mode=MODE)


def test_runs_at_the_end_and_pieces_match_black(monkeypatch):
    # a run of members as the file's last lines, with and without a final newline, a
    # body cut into several pieces, and a slice that black must reformat
    monkeypatch.setattr(black_style, "RUN_MIN_LINES", 2)
    monkeypatch.setattr(black_style, "SLICE_LINES", 2)
    monkeypatch.setattr(black_style, "_CHUNK", 3)
    members = ["    A = 1", "    B = ( 2 )", "    C = 'x'", "    D = 4", "    E = 5"]
    head = 'X = r"""\nab\ncd\né\n"""\n\n\nclass E:\n'
    for end in ("", "\n"):
        text = head + "\n".join(members) + end
        pieces = list(black_style.black_pieces(text, "test"))
        assert len(pieces) > 4
        assert "".join(pieces) == black.format_str(text, mode=MODE)


def test_formatting_into_a_sink_uses_and_fills_the_cache(tmp_path):
    import io

    from generator.render.formatting import format_python, format_python_into

    text = module([(f"N{index}", index) for index in range(60)]) + "Y = ( 'é' )\n"
    expected = black.format_str(text, mode=MODE).encode()
    cold = io.BytesIO()
    format_python_into(text, tmp_path, "test", cold)
    assert cold.getvalue() == expected
    entries = list((tmp_path / "black").rglob("*.py"))
    assert [entry.read_bytes() for entry in entries] == [expected]
    assert not list((tmp_path / "black").rglob("*.tmp"))
    entries[0].write_bytes(b"CACHED = 1\n")
    warm = io.BytesIO()
    format_python_into(text, tmp_path, "test", warm)
    assert warm.getvalue() == b"CACHED = 1\n" == format_python(text, tmp_path, "t").encode()
    entries[0].write_bytes(b"\xff")  # not UTF-8: formatted again
    again = io.BytesIO()
    format_python_into(text, tmp_path, "test", again)
    assert again.getvalue() == expected
