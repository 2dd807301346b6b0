"""A rule's case-insensitive pattern is compiled only for text its folded twin cannot read
(issue 21: compiling regexes is most of a small scrape's start-up)."""

from __future__ import annotations

from generator.curate.classify import classify, rules


def test_ascii_text_compiles_no_case_insensitive_pattern():
    rules.cache_clear()
    try:
        table, _ = rules()
        classify("quota_exceeded", "Too many requests: the quota was exceeded", 429)
        assert not [rule.id for rule in table if rule.folded and "pattern" in vars(rule)]
        decision = classify("E1", "Доступ запрещён", None)  # beyond ASCII: the pattern is read
        assert decision.rule
        assert [rule.id for rule in table if "pattern" in vars(rule)]
    finally:
        rules.cache_clear()
