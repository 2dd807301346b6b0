"""Category and retry advice from a rule table kept as data (classify_rules.yaml).

Rules are rows, not branches, so a new wording seen on some provider's page is one
more row, and every decision can be traced to a rule id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .model import Category, Code, Retry


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    retry: Retry
    pattern: re.Pattern[str] | None = None
    http: tuple[str, ...] = ()

    def matches(self, text: str, http_status: int | None) -> bool:
        if self.pattern is not None:
            return bool(self.pattern.search(text))
        if http_status is None:
            return False
        status = str(http_status)
        return any(
            want == status or (want.endswith("xx") and status[0] == want[0]) for want in self.http
        )


@dataclass(frozen=True)
class Decision:
    category: Category
    retry: Retry
    rule: str


def _rule(row: dict[str, Any]) -> Rule:
    pattern = re.compile(row["pattern"], re.IGNORECASE) if "pattern" in row else None
    return Rule(
        id=row["id"],
        category=Category(row["category"]),
        retry=Retry(row["retry"]),
        pattern=pattern,
        http=tuple(str(item) for item in row.get("http", [])),
    )


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[Rule, ...], Rule]:
    """The packaged rule table and its default row."""
    text = resources.files("generator").joinpath("classify_rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(_rule(row) for row in data["rules"]), _rule(data["default"])


def classify(code: Code, message: str, http_status: int | None = None) -> Decision:
    """The first matching rule's category and retry advice (the default row if none)."""
    text = f"{code} {message}".replace("_", " ")
    table, default = rules()
    for rule in table:
        if rule.matches(text, http_status):
            return Decision(rule.category, rule.retry, rule.id)
    return Decision(default.category, default.retry, default.id)
