"""The Go, Rust and Java escapers, one rule each (the compile tests prove them end to end)."""

from __future__ import annotations

import pytest

from generator.render import escape


@pytest.mark.parametrize(
    "function, keyword",
    [(escape.go_ident, "type"), (escape.rust_ident, "fn"), (escape.java_ident, "int")],
)
def test_a_keyword_gets_a_suffix_and_other_names_do_not(function, keyword):
    assert function(keyword) == keyword + "_"
    assert function("voipms") == "voipms"


def test_rust_variants_that_case_alike_stay_apart_and_self_is_no_keyword():
    assert escape.rust_variants(["A_1", "A1", "A__1", "SELF", "INVALID_DID"]) == [
        "A1",
        "A1V2",
        "A1V3",
        "Self_",
        "InvalidDid",
    ]


def test_go_strings_escape_quotes_backslashes_and_invisibles():
    assert escape.go_str('a"b\\c\n\x00\u2028\x1b') == '"a\\"b\\\\c\\n\\x00\\u2028\\x1b"'
    assert escape.go_value(-5) == "-5" and escape.go_value("007") == '"007"'
    with pytest.raises(TypeError):
        escape.go_value(True)


def test_go_comment_keeps_one_line_and_no_pair_gofmt_would_rewrite():
    text = escape.go_comment("a\nb ``x'' \x00 ")
    assert "\n" not in text and "\x00" not in text
    assert "``" not in text and "''" not in text
    assert not text.endswith(" "), "gofmt would strip a trailing blank"


def test_rust_strings_have_no_bare_control_and_rust_doc_is_markdown_inert():
    assert escape.rust_str("\x00\r\u202e") == '"\\u{0}\\r\\u{202e}"'
    assert escape.rust_value(9007199254740991) == "9007199254740991"
    assert escape.rust_doc("*a* `b` [c](d) <e>") == "\\*a\\* \\`b\\` \\[c\\](d) \\<e\\>"


def test_java_strings_are_ascii_and_never_a_unicode_escaped_break_or_quote():
    literal = escape.java_str('"\\\n\r\x00\u2028\U0001f600é')
    assert literal.isascii()
    assert literal == '"\\"\\\\\\n\\r\\000\\u2028\\ud83d\\ude00\\u00e9"'
    assert "\\u000a" not in literal and "\\u0022" not in literal
    assert escape.java_value(-1) == "-1L"


def test_java_doc_closes_no_comment_starts_no_tag_and_holds_no_backslash():
    text = escape.java_doc("end */ {@link x} @param \\u002a\\u002f <b>\n")
    assert "*/" not in text and "{@" not in text and "@" not in text
    assert "\\" not in text and "<" not in text and "\n" not in text
    assert text.isascii()


def test_a_missing_toolchain_fails_under_ci_and_skips_elsewhere(monkeypatch):
    from _pytest.outcomes import Failed, Skipped

    from .langcheck import tool

    missing = "spectab-no-such-compiler"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Failed, match="ensure.sh"):
        tool(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(Skipped, match="not found"):
        tool(missing)


def test_rust_strings_escape_what_clippy_calls_invisible():
    """clippy::invisible_characters (deny by default): soft hyphen, zero-width space, joiner."""
    assert escape.rust_str("a\u00adb\u200bc\u2060") == '"a\\u{ad}b\\u{200b}c\\u{2060}"'
