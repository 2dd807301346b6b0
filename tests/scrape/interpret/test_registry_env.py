"""``SPECTAB_DISABLE_RULES`` turns rules off for a run; ``on`` is asked for every cell of a
page, so the variable is split once per value, not per call (issue 21), and a new value
still takes effect at once."""

from __future__ import annotations

from generator.scrape.interpret import registry


def test_the_variable_is_split_once_per_value_and_a_new_value_counts(monkeypatch):
    some, other = list(registry.rules())[:2]
    monkeypatch.setenv("SPECTAB_DISABLE_RULES", f" {some} ,")
    registry._named.cache_clear()
    assert not registry.on(some) and registry.on(other)
    for _ in range(50):
        registry.on(other)
    assert registry._named.cache_info().misses == 1  # split once for the 51 questions
    monkeypatch.setenv("SPECTAB_DISABLE_RULES", other)
    assert registry.on(some) and not registry.on(other)
    monkeypatch.delenv("SPECTAB_DISABLE_RULES")
    assert registry.on(some) and registry.on(other)
