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

from generator.spec.model import Category, Code, Retry


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    retry: Retry
    pattern: re.Pattern[str] | None = None
    http: tuple[str, ...] = ()
    # the same pattern without IGNORECASE, for lower-cased ASCII text (None: not safe)
    folded: re.Pattern[str] | None = None

    def matches(self, text: str, http_status: int | None, lowered: str | None = None) -> bool:
        """``lowered`` is ``text.lower()`` when the text is ASCII (else None)."""
        if self.folded is not None and lowered is not None:
            return bool(self.folded.search(lowered))
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
    source = row.get("pattern")
    return Rule(
        id=row["id"],
        category=Category(row["category"]),
        retry=Retry(row["retry"]),
        pattern=re.compile(source, re.IGNORECASE) if source is not None else None,
        http=tuple(str(item) for item in row.get("http", [])),
        folded=re.compile(source) if source is not None and folds_safely(source) else None,
    )


def folds_safely(source: str) -> bool:
    """Whether ``source`` finds the same matches in lower-cased ASCII text without
    IGNORECASE as it finds in the original text with it.

    Python's regex engine is about three times slower case-insensitively, and a large page
    is a dozen searches per entry. Conservative: an ASCII pattern with no capital letter
    (escapes such as ``\\S`` aside), no inline flags, no escape spelling a character by
    number and no character range (``[@-Z]`` would need its capitals). Other characters
    must be caseless (CJK words): a Kelvin sign or long s would match ASCII letters under
    IGNORECASE, and then never in lower-cased text.
    """
    if any(not char.isascii() and char.lower() + char.upper() != char * 2 for char in source):
        return False
    escapes = re.findall(r"\\.", source)
    rest = re.sub(r"\\.", "", source)
    return not (
        any(escape[1] in "xuUN0123456789" for escape in escapes)
        or re.search(r"[A-Z]", rest)
        or re.search(r"\(\?[a-zA-Z-]", rest)
        or re.search(r"\[[^\]]*-[^\]]*\]", rest)
    )


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[Rule, ...], Rule]:
    """The packaged rule table and its default row."""
    text = resources.files("generator.curate").joinpath("classify_rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(_rule(row) for row in data["rules"]), _rule(data["default"])


def classify(code: Code, message: str, http_status: int | None = None) -> Decision:
    """The first matching rule's category and retry advice (the default row if none)."""
    text = f"{code} {message}".replace("_", " ")
    lowered = text.lower() if text.isascii() else None
    table, default = rules()
    for rule in table:
        if rule.matches(text, http_status, lowered):
            return Decision(rule.category, rule.retry, rule.id)
    return Decision(default.category, default.retry, default.id)
