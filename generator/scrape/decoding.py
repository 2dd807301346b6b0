"""Bytes to text: BOM, declared charset, ``<meta>``, UTF-8, then charset-normalizer.

A charset a page names is only a claim: names that are not text encodings (``rot13``,
``zlib``, ``undefined``) or not encodings at all are warned about and skipped, never a
LookupError. A page that names none and is not UTF-8 is detected by charset-normalizer,
restricted to the legacy encodings browsers still decode (the WHATWG Encoding Standard):
on short samples an unrestricted guess often lands on a DOS code page.
"""

from __future__ import annotations

import codecs
import re

from generator.lazyre import lazy
from generator.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_TEXT_TYPES = lazy(
    r"^(?:text/.*|application/(?:xhtml\+xml|xml|json|.*\+json|.*\+xml|yaml|x-yaml|"
    r"markdown|x-markdown|javascript))$"
)
# The WHATWG Encoding Standard's legacy encodings, most used on the web first: ties between
# equally plausible readings go to the earlier one (windows-1252 is HTML's default).
WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "gb18030", "cp932", "euc_jp", "iso2022_jp", "big5",
    "euc_kr", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_13",
    "iso8859_15", "koi8_r", "koi8_u", "cp866",
)  # fmt: skip


def text_encoding(name: str) -> str | None:
    """Python's name for the text encoding ``name`` names, or None if it names none."""
    try:
        encoding = codecs.lookup(name).name
        "a".encode(encoding)  # rot13, zlib, base64: codecs, but not text <-> bytes
    except (LookupError, UnicodeError):
        return None  # "undefined" raises UnicodeError on use
    return encoding


def decode(data: bytes, declared: str | None, location: str) -> tuple[str, str, list[str]]:
    """Text of ``data``, the encoding used, and warnings about what was guessed or ignored."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, warnings
    candidates: list[tuple[str, str]] = []
    if declared:
        candidates.append((declared, "the Content-Type header"))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append((meta.group(1).decode("ascii", "replace"), "the page's <meta>"))
    for name, source in candidates:
        named = text_encoding(name)
        if named is None:
            warnings.append(
                f"{location}: charset {name[:40]!r} named by {source} is not a text "
                "encoding; ignored"
            )
            continue
        try:
            return data.decode(named), named, warnings
        except UnicodeDecodeError as exc:
            warnings.append(
                f"{location}: not valid {named} as {source} says (byte {exc.start}); "
                "undecodable bytes replaced"
            )
            return data.decode(named, errors="replace"), named, warnings
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        mostly = _mostly_utf8(data, exc.start, location)
        if mostly is not None:
            return mostly[0], "utf-8", warnings + [mostly[1]]
        encoding = detect(data)
        warnings.append(
            f"{location}: no charset given and not UTF-8 (byte {exc.start}); "
            f"read as {encoding} (detected)"
        )
        return data.decode(encoding, errors="replace"), encoding, warnings


_REPLACEMENT = "\ufffd"


def _mostly_utf8(data: bytes, first: int, location: str) -> tuple[str, str] | None:
    """The text and a warning when ``data`` is UTF-8 but for stray bytes, else None.

    UTF-8 is the only common encoding whose non-ASCII text is made of multi-byte sequences
    of a fixed shape, which a legacy page's bytes (``é`` is one byte in cp1252) almost never
    form by chance. So a page with at least as many well-formed non-ASCII characters as
    stray bytes is UTF-8 with a defect (a byte pasted from elsewhere), and re-decoding all
    of it as cp1252 would garble every one of its good characters instead of one bad one.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    well_formed = non_ascii - replaced
    if well_formed < max(1, replaced):
        return None
    line = data.count(b"\n", 0, first) + 1
    more = f" and {replaced - 1:,} more" if replaced > 1 else ""
    return text, (
        f"{location}: line {line}: byte 0x{data[first]:02X}{more} not UTF-8 in a UTF-8 page; "
        "replaced with U+FFFD"
    )


def detect(data: bytes) -> str:
    """charset-normalizer's reading among the web's legacy encodings; cp1252 if none fits."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(WEB_ENCODINGS))
    best = matches.best()
    if best is None:
        return "cp1252"
    ties = {  # a match stands for every encoding that gives the same text
        name
        for match in matches
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
        for name in match.could_be_from_charset
    }
    known = [name for name in WEB_ENCODINGS if name in ties]
    return codecs.lookup(known[0] if known else best.encoding).name


def refuse_binary(location: str, data: bytes, media_type: str | None) -> None:
    """An image or archive where a page was expected is one clear line."""
    refuse_media_type(location, media_type)
    head = data[:4096]
    if b"\x00" in head and not head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        raise InputError(f"{location}: not a text page (binary content)")


def media_type_of(content_type: str | None) -> str | None:
    """``text/html`` from ``text/html; charset=utf-8``; None when there is none."""
    return (content_type or "").split(";")[0].strip().lower() or None


def refuse_media_type(location: str, media_type: str | None) -> None:
    if media_type and not _TEXT_TYPES.match(media_type):
        raise InputError(f"{location}: not a text page (Content-Type {media_type[:80]})")
