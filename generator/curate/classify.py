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
from generator.curate import required
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


@dataclass(frozen=True)
class Plan:
    """Which rows of the table an entry's evidence can reach, as bits by row position.

    Classify still reads the rows in their order and asks each whether it matches; the
    plan only leaves out rows that cannot (a symbol row for an entry without that symbol,
    an HTTP row for another status, a word row whose needed strings are not in the text),
    so the first matching row is the one the whole table finds."""

    table: tuple[Rule, ...]
    default: Rule
    symbols: dict[str, int]  # symbol key -> the rows that name it
    labels: int  # rows read in the page's category label
    statuses: dict[str, int]  # "404", "4xx" -> the HTTP rows that list it
    words: int  # every word row (text beyond ASCII reads them all)
    unkeyed: int  # word rows searched in every ASCII text
    keys: dict[str, int]  # the key of a needed string (``required.parts``) -> its word rows
    short: dict[str, int]  # a needed string too short for a key -> the word rows needing it
    named: tuple[str, ...]  # the keys of ``symbols``, as ``evidence.facts`` looks for them

    @classmethod
    def of(cls, table: tuple[Rule, ...], default: Rule) -> Plan:
        symbols: dict[str, int] = {}
        statuses: dict[str, int] = {}
        keys: dict[str, int] = {}
        short: dict[str, int] = {}
        labels = words = unkeyed = 0
        for position, rule in enumerate(table):
            bit = 1 << position
            source = rule.source
            if source == "symbols":
                for symbol in rule.symbols:
                    symbols[symbol] = symbols.get(symbol, 0) | bit
            elif source == "page_category":
                labels |= bit
            elif source == "pattern":
                words |= bit
                needed = required.parts(rule.words or "") if rule.folded is not None else None
                if needed is None:
                    unkeyed |= bit
                for part in needed or ():
                    into = keys if len(part) == required.KEY else short
                    into[part] = into.get(part, 0) | bit
            else:
                for status in rule.http:
                    statuses[status] = statuses.get(status, 0) | bit
        return cls(
            table, default, symbols, labels, statuses, words, unkeyed, keys, short, tuple(symbols)
        )

    def first(self, seen: Facts) -> Rule:
        """The first row that matches ``seen`` (the default row if none). The rows before
        the first word row are read before the text's keys are looked up: a specific
        status or a symbol decides most entries that have one."""
        evidence = self._evidence(seen)
        early = (self.words & -self.words) - 1 if self.words else -1
        return (
            self._first_of(evidence & early, seen)
            or self._first_of((evidence & ~early) | self._words(seen), seen)
            or self.default
        )

    def _first_of(self, rows: int, seen: Facts) -> Rule | None:
        while rows:
            bit = rows & -rows  # the first row left, in the table's order
            rule = self.table[bit.bit_length() - 1]
            if rule.matches(seen):
                return rule
            rows ^= bit
        return None

    def _evidence(self, seen: Facts) -> int:
        """The symbol, label and HTTP rows that might match ``seen``."""
        found = 0
        for symbol in seen.symbols:
            found |= self.symbols.get(symbol, 0)
        if seen.label is not None:
            found |= self.labels
        status = seen.http_status
        if status is not None and 100 <= status <= 599:
            number = str(status)
            found |= self.statuses.get(number, 0) | self.statuses.get(f"{number[0]}xx", 0)
        return found

    def _words(self, seen: Facts) -> int:
        """The word rows that might match ``seen``: in ASCII text, those that need none of
        the keys or one of the keys the text has."""
        text = seen.lowered
        if text is None:
            return self.words
        found = self.unkeyed
        for string, rows in self.short.items():
            if string in text:
                found |= rows
        keys = self.keys
        size = required.KEY
        for part in {text[i : i + size] for i in range(len(text) - size + 1)} & keys.keys():
            found |= keys[part]
        return found


_plans: list[Plan] = []  # the plan of the table ``rules()`` last returned


def plan() -> Plan:
    """The plan of the packaged table (made again if the table was loaded again)."""
    table, default = rules()
    if not _plans or _plans[0].table is not table:
        _plans[:] = [Plan.of(table, default)]
    return _plans[0]


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
    rows = plan()
    seen = facts(text, code, http_status, name, category, rows.named)
    rule = rows.first(seen)
    return Decision(rule.category, rule.retry, rule.id)
