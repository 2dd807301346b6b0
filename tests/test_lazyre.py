"""LazyPattern answers as the compiled pattern would, and compiles only when used."""

from __future__ import annotations

import re

from generator.lazyre import lazy

SOURCE = r"(?P<code>\d+)\s*-\s*(?P<text>\w+)"
TEXT = "12 - alpha, 7-beta"


def test_not_compiled_until_used() -> None:
    pattern = lazy(SOURCE)
    assert pattern._compiled is None
    assert pattern.search(TEXT) is not None
    assert pattern._compiled is pattern.compiled


def test_methods_match_re_compile() -> None:
    lazy_one, eager = lazy(SOURCE, re.I), re.compile(SOURCE, re.I)
    assert lazy_one.pattern == eager.pattern and lazy_one.flags | re.U == eager.flags
    for lazy_match, eager_match in (
        (lazy_one.search(TEXT, 3), eager.search(TEXT, 3)),
        (lazy_one.match(TEXT), eager.match(TEXT)),
        (lazy_one.fullmatch("7-beta"), eager.fullmatch("7-beta")),
    ):
        assert lazy_match is not None and eager_match is not None
        assert lazy_match.groupdict() == eager_match.groupdict()
    assert [m.span() for m in lazy_one.finditer(TEXT)] == [m.span() for m in eager.finditer(TEXT)]
    assert lazy_one.findall(TEXT) == eager.findall(TEXT)
    assert lazy_one.sub(r"\g<text>", TEXT) == eager.sub(r"\g<text>", TEXT)
    assert lazy_one.subn("x", TEXT, 1) == eager.subn("x", TEXT, 1)
    assert lazy_one.split(TEXT) == eager.split(TEXT)
    assert lazy_one.groupindex == dict(eager.groupindex)
