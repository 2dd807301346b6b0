"""Decoding a page that names no charset and is not UTF-8, and charsets that are not text."""

from __future__ import annotations

import pytest

from generator.scrape.decoding import decode, text_encoding

ROWS = {
    "cp1251": "<tr><td>E1</td><td>Ошибка: неверный ключ доступа.</td></tr>\n" * 3,
    "gb18030": "<tr><td>E1</td><td>错误：无效的请求。请检查参数。</td></tr>\n" * 3,
    "cp1252": "<tr><td>E1</td><td>Requête invalide : la clé d’accès manque.</td></tr>\n",
}


@pytest.mark.parametrize("encoding", sorted(ROWS))
def test_an_undeclared_legacy_encoding_is_detected(encoding: str) -> None:
    text, used, warnings = decode(ROWS[encoding].encode(encoding), None, "page.html")
    assert text == ROWS[encoding] and used == encoding
    assert warnings == [
        f"page.html: no charset given and not UTF-8 (byte {_first_non_ascii(ROWS[encoding])}); "
        f"read as {encoding} (detected)"
    ]


def _first_non_ascii(text: str) -> int:
    return next(index for index, char in enumerate(text) if ord(char) > 127)


@pytest.mark.parametrize("name", ["rot13", "zlib", "base64", "undefined", "no-such-thing"])
def test_names_that_are_not_text_encodings(name: str) -> None:
    assert text_encoding(name) is None


def test_text_encodings_keep_their_python_name() -> None:
    assert [text_encoding(n) for n in ["UTF-8", "latin1", "Shift_JIS", "utf-16"]] == [
        "utf-8",
        "iso8859-1",
        "shift_jis",
        "utf-16",
    ]


def test_a_declared_charset_that_is_not_text_falls_through_to_the_meta() -> None:
    page = b'<meta charset="windows-1251"><p>\xce\xf8\xe8\xe1\xea\xe0</p>'
    text, used, warnings = decode(page, "rot13", "page.html")
    assert "Ошибка" in text and used == "cp1251"
    assert warnings == [
        "page.html: charset 'rot13' named by the Content-Type header is not a text encoding; "
        "ignored"
    ]
