"""The fast path of classify (lower-cased ASCII text, case-sensitive patterns) decides
exactly what the case-insensitive patterns decide."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.curate.classify import classify, code_words, folds_safely, rules

# words the rule table looks for, in odd capitalisations, so that texts often match
WORDS = [
    "Invalid",
    "NOT VALID",
    "is nota valid",
    "Too Many",
    "RATE limit",
    "Balance",
    "Unauthorized",
    "Not Found",
    "already EXISTS",
    "Success",
    "OK",
    "internal",
    "Missing API key",
    "token HAS EXPIRED",
    "Try Again Later",
    "12 characters",
    "Forbidden",
    "Destination",
    "Unknown",
    "TRANSIENT",
    "Not Supported",
    "Successfully",
    "Access Token",
    "Mailbox",
    "Precondition",
    "Please Provide",
    "There are NO",
    "\n",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet="aZ09 _-.:'", max_size=6)),
    max_size=8,
).map(" ".join)
CODE = st.one_of(
    st.integers(-999, 999),
    st.sampled_from(
        ["E1", "invalid_x", "OK", "x_Y", "invalidSessionNotFound", "Neo.TransientError"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(code=CODE, message=TEXT)
def test_folded_patterns_decide_as_case_insensitive_ones(code: object, message: str) -> None:
    text = f"{code_words(code)}\n{message}".replace("_", " ")  # as classify() builds it
    table, _ = rules()
    for rule in table:
        if rule.pattern is None:
            continue
        assert rule.folded is not None  # every row of the shipped table takes the fast path
        assert bool(rule.folded.search(text.lower())) == bool(rule.pattern.search(text))


def test_non_ascii_text_uses_the_case_insensitive_patterns() -> None:
    # U+017F LONG S matches "s" case-insensitively, but lower-casing leaves it as it is
    assert classify(1, "Succe\u017f\u017f").rule == "success"


def test_patterns_that_could_fold_differently_are_refused() -> None:
    assert folds_safely(r"too (many|frequent)|\bfail(ed)?\b|\S+\s*\W")
    for source in [r"[A-Z]", r"[@-\[]", r"(?-i:abc)", r"(?P<x>a)", r"\x41", r"caf\u00e9", "Café"]:
        assert not folds_safely(source), source
    assert not re.search(r"[@-\[]", "a") and re.search(r"[@-\[]", "a", re.I)  # why ranges
    assert folds_safely("余额不足|频繁")  # caseless: never matches ASCII either way
    for source in ["\u212a", "\u017f"]:  # Kelvin sign and long s match k and s under re.I
        assert re.search(source, "ks", re.I) and not folds_safely(source)
    # a cased letter whose other case is not ASCII matches ASCII text in neither mode
    assert folds_safely("café|ungültig|недоступ") and not folds_safely("straße|ı")
