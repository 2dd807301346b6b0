"""Issue 20, item 10 (naming): a message of many filler words is named in linear time (it
took 54 s for 400 KB when each leading filler word was dropped by copying the rest)."""

from __future__ import annotations

import time

from generator.curate.naming import from_text


def test_a_long_run_of_filler_words_is_named_in_linear_time():
    text = "the " * 100_000 + "account locked"  # 400 KB, one clause
    started = time.perf_counter()
    assert from_text(text) == "ACCOUNT_LOCKED"
    assert time.perf_counter() - started < 5  # quadratic: minutes


def test_filler_only_keeps_one_word():
    assert from_text("the the the") == "THE"
