"""Issue 20, item 13: a UTF-8 page with one stray byte stays UTF-8 (the byte replaced, a
warning naming its line); before, the whole page was re-decoded as cp1252, so every good
non-ASCII character turned into mojibake (``Requête`` -> ``RequÃªte``)."""

from __future__ import annotations

from pathlib import Path

from generator.scrape.decoding import decode

PAGE = (
    "# Erreurs\n\n| Code | Message |\n|---|---|\n"
    "| E1 | Requête invalide |\n"
    "| E2 | Clé d’accès manquante |\n"
).encode("utf-8")
STRAY = b"| E3 | D\xe9lai d\xe9pass\xe9 |\n"  # a line pasted from a cp1252 file


def test_a_stray_byte_leaves_the_page_utf8_and_is_named_by_line():
    text, encoding, warnings = decode(PAGE + STRAY, None, "page.md")
    assert encoding == "utf-8"
    assert "Requête invalide" in text and "Clé d’accès manquante" in text
    assert "D\ufffdlai" in text
    assert warnings == [
        "page.md: line 7: byte 0xE9 and 2 more not UTF-8 in a UTF-8 page; replaced with U+FFFD"
    ]


def test_scrape_keeps_the_good_characters_of_such_a_page(tmp_path: Path, spectab):
    page = tmp_path / "errors.md"
    page.write_bytes(PAGE + STRAY)
    result = spectab("scrape", str(page))
    assert result.returncode == 0, result.stderr
    assert "Requête invalide" in result.stdout and "RequÃ" not in result.stdout
    assert "line 7: byte 0xE9" in result.stderr


def test_a_real_cp1252_page_is_still_detected():
    text = "Requête invalide : la clé d’accès manque, délai dépassé.\n"
    decoded, encoding, _ = decode(text.encode("cp1252"), None, "page.txt")
    assert (decoded, encoding) == (text, "cp1252")


def test_a_latin1_page_with_a_utf8_looking_pair_stays_legacy():
    """One accidental well-formed pair (``Ã©``) among many legacy bytes is not UTF-8."""
    text = "Requête invalide (Ã©) : la clé d’accès manque, délai dépassé.\n"
    decoded, encoding, _ = decode(text.encode("cp1252"), None, "page.txt")
    assert encoding != "utf-8" and "la clé d’accès manque" in decoded
