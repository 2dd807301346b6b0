"""Category and retry advice from a rule table kept as data (classify_rules.yaml).

Rules are rows, not branches, so a new wording seen on some provider's page is one
more row, and every decision can be traced to a rule id. Each row reads one source of
evidence (a well-known status symbol, the HTTP status, the page's own category label, the
words); the order of the rows is the precedence of the sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.lazyre import LazyPattern, lazy
from generator.curate.evidence import Facts, facts, symbol_key
from generator.spec.model import Category, Code, Retry

# the sources of evidence in their order of precedence (``Rule.source``): the rows of the
# table come in this order
SOURCES = ("symbols", "http", "page_category", "pattern", "http_catch_all")


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    retry: Retry
    # the row's word pattern, searched case-insensitively (compiled when first needed:
    # with ``folded`` only text beyond ASCII needs it, and a scrape's start-up is mostly
    # compiling regexes)
    words: str | None = None
    http: tuple[str, ...] = ()
    # the same pattern without IGNORECASE, for lower-cased ASCII text (None: not safe);
    # patterns compile when a text first reaches the row (the first match decides)
    folded: LazyPattern | None = None
    # a row that also has ``unless`` does not fire when that pattern is found in the text
    unless: LazyPattern | None = None
    # well-known status symbols (NOT_FOUND, ENOENT), as ``evidence.symbol_key`` spells them
    symbols: frozenset[str] = frozenset()
    # searched in the page's own category label (a Type/Category/Severity cell)
    label: LazyPattern | None = None
    # an HTTP row read after the words: a status APIs answer for anything of its kind
    catch_all: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.words, re.IGNORECASE) if self.words is not None else None

    @property
    def source(self) -> str:
        """Which kind of evidence the row reads (one of ``SOURCES``)."""
        if self.symbols:
            return "symbols"
        if self.label is not None:
            return "page_category"
        if self.words is not None:
            return "pattern"
        return "http_catch_all" if self.catch_all else "http"

    def matches(self, seen: Facts) -> bool:
        if self.symbols:
            return not self.symbols.isdisjoint(seen.symbols)
        if self.label is not None:
            return seen.label is not None and self.label.search(seen.label) is not None
        if self.folded is not None and seen.lowered is not None:
            found = self.folded.search(seen.lowered) is not None
        elif self.pattern is not None:
            found = self.pattern.search(seen.text) is not None
        elif seen.http_status is None or not 100 <= seen.http_status <= 599:
            return False
        else:
            status = str(seen.http_status)
            found = status in self.http or f"{status[0]}xx" in self.http
        return found and (self.unless is None or self.unless.search(seen.text) is None)


@dataclass(frozen=True)
class Decision:
    category: Category
    retry: Retry
    rule: str


def _rule(row: dict[str, Any]) -> Rule:
    source = row.get("pattern")
    label = row.get("page_category")
    return Rule(
        id=row["id"],
        category=Category(row["category"]),
        retry=Retry(row["retry"]),
        words=source,
        http=tuple(str(item) for item in row.get("http", [])),
        folded=(lazy(source) if source is not None and folds_safely(source) else None),
        unless=lazy(row["unless"], re.IGNORECASE) if "unless" in row else None,
        symbols=frozenset(symbol_key(s) for s in row.get("symbols", [])),
        label=lazy(label, re.IGNORECASE) if label is not None else None,
        catch_all=bool(row.get("catch_all", False)),
    )


def folds_safely(source: str) -> bool:
    """Whether ``source`` finds the same matches in lower-cased ASCII text without
    IGNORECASE as it finds in the original text with it.

    Python's regex engine is about three times slower case-insensitively, and a large page
    is a dozen searches per entry. Conservative: an ASCII pattern with no capital letter
    (escapes such as ``\\S`` aside), no inline flags, no escape spelling a character by
    number and no character range (``[@-Z]`` would need its capitals). A non-ASCII
    character is safe when neither its lower nor its upper case has an ASCII letter: it
    then matches ASCII text in neither mode (``é``, ``д``, CJK words); a Kelvin sign, long
    s or dotless i would match ASCII letters under IGNORECASE, and then never in
    lower-cased text.
    """
    beyond_ascii = "".join(set(source) - _ASCII)  # each character once, its cases at C speed
    if not _ASCII.isdisjoint(beyond_ascii.lower() + beyond_ascii.upper()):
        return False
    escapes = re.findall(r"\\.", source)
    rest = re.sub(r"\\.", "", source)
    return not (
        any(escape[1] in "xuUN0123456789" for escape in escapes)
        or re.search(r"[A-Z]", rest)
        or re.search(r"\(\?[a-zA-Z-]", rest)
        or re.search(r"\[[^\]]*-[^\]]*\]", rest)
    )


_ASCII = frozenset(map(chr, range(128)))


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[Rule, ...], Rule]:
    """The packaged rule table and its default row."""
    text = Path(__file__).with_name("classify_rules.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 40x
    table = tuple(_rule(row) for row in data["rules"])
    return table, _rule(data["default"])


# where a compound identifier joins its words: camelCase, ACRONYMWord, and the
# separators of snake_case, kebab-case and dotted names (Neo.TransientError.General)
_CAMEL = lazy(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_JOINERS = lazy(r"[_\-.:/]+")


def code_words(code: Code) -> str:
    """The words a code spells (``invalidSessionNotFound`` -> ``invalid Session Not Found``),
    so that the rules read a code's own words as they read a message."""
    if isinstance(code, int):
        return str(code)
    return _CAMEL.sub(" ", _JOINERS.sub(" ", code)).strip()


def classify(
    code: Code,
    message: str,
    http_status: int | None = None,
    name: str | None = None,
    category: str | None = None,
) -> Decision:
    """The first matching rule's category and retry advice (the default row if none).

    ``name`` is a name the page itself gives the code, ``category`` the page's own label for
    its class (a Type/Category/Severity cell); both are evidence, never required."""
    # the code's words on the first line, the message on the second: a row anchors on the
    # code with `^` or `\A`, on the message with `\n`
    text = f"{code_words(code)}\n{message}".replace("_", " ")
    seen = facts(text, code, http_status, name, category)
    table, default = rules()
    for rule in table:
        if rule.matches(seen):
            return Decision(rule.category, rule.retry, rule.id)
    return Decision(default.category, default.retry, default.id)
