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
    # a row that also has ``unless`` does not fire when that pattern is found in the text
    unless: re.Pattern[str] | None = None

    def matches(self, text: str, http_status: int | None, lowered: str | None = None) -> bool:
        """``lowered`` is ``text.lower()`` when the text is ASCII (else None)."""
        if self.folded is not None and lowered is not None:
            found = self.folded.search(lowered) is not None
        elif self.pattern is not None:
            found = self.pattern.search(text) is not None
        elif http_status is None or not 100 <= http_status <= 599:
            return False
        else:
            status = str(http_status)
            found = status in self.http or f"{status[0]}xx" in self.http
        return found and (self.unless is None or self.unless.search(text) is None)


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
        folded=(re.compile(source) if source is not None and folds_safely(source) else None),
        unless=re.compile(row["unless"], re.IGNORECASE) if "unless" in row else None,
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


# where a compound identifier joins its words: camelCase, ACRONYMWord, and the
# separators of snake_case, kebab-case and dotted names (Neo.TransientError.General)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_JOINERS = re.compile(r"[_\-.:/]+")


def code_words(code: Code) -> str:
    """The words a code spells (``invalidSessionNotFound`` -> ``invalid Session Not Found``),
    so that the rules read a code's own words as they read a message."""
    if isinstance(code, int):
        return str(code)
    return _CAMEL.sub(" ", _JOINERS.sub(" ", code)).strip()


def classify(code: Code, message: str, http_status: int | None = None) -> Decision:
    """The first matching rule's category and retry advice (the default row if none)."""
    # the code's words on the first line, the message on the second: a row anchors on the
    # code with `^` or `\A`, on the message with `\n`
    text = f"{code_words(code)}\n{message}".replace("_", " ")
    lowered = text.lower() if text.isascii() else None
    table, default = rules()
    for rule in table:
        if rule.matches(text, http_status, lowered):
            return Decision(rule.category, rule.retry, rule.id)
    return Decision(default.category, default.retry, default.id)
