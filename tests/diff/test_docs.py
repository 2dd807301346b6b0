"""docs/diff.md's table of change kinds is the rule table, word for word."""

from __future__ import annotations

from pathlib import Path

from generator.diff.changes import rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "diff.md"


def test_change_kinds_table_matches_the_rule_table():
    text = DOC.read_text("utf-8")
    table = text.split("<!-- change-kinds:start -->\n")[1].split("<!-- change-kinds:end -->")[0]
    rows = table.strip().splitlines()[2:]
    expected = [
        f"| `{rule.kind}` | {rule.severity.value} | {rule.description} |"
        for rule in rules().values()
    ]
    assert rows == expected
