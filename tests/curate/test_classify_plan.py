"""classify reads only the rows an entry's evidence can reach (issue 21); it decides what
reading every row in order decides, rule for rule, and its generated parts are current."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.curate import required
from generator.curate.classify import classify, code_words, plan, rules
from generator.curate.evidence import facts

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "expected"


def row_by_row(
    code: Any,
    message: str,
    http_status: int | None = None,
    name: str | None = None,
    category: str | None = None,
) -> str:
    """The oracle: every row in the table's order, every symbol of the entry."""
    text = f"{code_words(code)}\n{message}".replace("_", " ")
    seen = facts(text, code, http_status, name, category)
    table, default = rules()
    return next((rule.id for rule in table if rule.matches(seen)), default.id)


def _spec_entries() -> list[tuple[Any, ...]]:
    """(code, message, http, name, label) of every entry of the repository's specs, and
    of the corpus's expected entries when the corpus is there."""
    found: list[tuple[Any, ...]] = []
    for path in sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("tests/**/*.yaml")]):
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        if not isinstance(data, dict) or not isinstance(data.get("namespaces"), list):
            continue
        for namespace in data["namespaces"]:
            for entry in (namespace or {}).get("errors") or []:
                if isinstance(entry, dict) and "code" in entry and "message" in entry:
                    found.append(_entry(entry))
    for path in sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []:
        for namespace in json.loads(path.read_text("utf-8")).get("namespaces", []):
            found += [_entry(entry) for entry in namespace.get("entries", [])]
    return found


def _entry(entry: dict[str, Any]) -> tuple[Any, ...]:
    status = entry.get("http_status")
    return (
        entry["code"],
        str(entry.get("message") or ""),
        status if isinstance(status, int) else None,
        entry.get("name") if isinstance(entry.get("name"), str) else None,
        entry.get("category") if isinstance(entry.get("category"), str) else None,
    )


def test_the_plan_decides_as_every_row_in_order_on_every_spec_entry() -> None:
    entries = _spec_entries()
    assert len(entries) > 1000
    # as the page gives it, and without the evidence that decides before the words
    calls = {*entries, *((code, message) for code, message, *_ in entries)}
    differ = [(args, row_by_row(*args)) for args in calls if classify(*args).rule != row_by_row(*args)]
    assert not differ, differ[:5]


# pieces of what the rows look for, cut short or run together, in odd cases and other
# scripts, so that texts often reach the rows and sometimes only almost
def _pieces() -> list[str]:
    table, _ = rules()
    pieces = set()
    for rule in table:
        for source in (rule.words, rule.label.pattern if rule.label else None):
            if source:
                pieces.update(re.sub(r"\\.|[()?*+\[\]{}^$|]", " ", source).split())
    return sorted(pieces)


PIECES = _pieces()
TEXT = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES).map(lambda piece: piece[: len(piece) // 2]),
        st.sampled_from(PIECES).map(str.upper),
        st.text(alphabet="aZ09 _-.:'\n\u017f\u212aé", max_size=4),
    ),
    max_size=7,
).map(lambda parts: " ".join(parts))


@settings(max_examples=600, deadline=None)
@given(
    code=st.one_of(st.integers(-99, 99), TEXT.map(lambda text: text.replace(" ", "_"))),
    message=TEXT,
    status=st.sampled_from([None, 200, 302, 400, 401, 403, 404, 429, 500, 503, 599, 600]),
    name=st.sampled_from([None, "NOT_FOUND", "USER_NOT_FOUND", "UV_EAGAIN", "OK", "Thing"]),
    label=st.one_of(st.none(), TEXT),
)
def test_the_plan_decides_as_every_row_in_order(
    code: Any, message: str, status: int | None, name: str | None, label: str | None
) -> None:
    args = (code, message, status, name, label)
    assert classify(*args).rule == row_by_row(*args)


@settings(max_examples=600, deadline=None)
@given(text=TEXT)
def test_a_row_that_matches_has_one_of_its_parts(text: str) -> None:
    """What ``required.parts`` reads off a pattern is in every ASCII text it matches."""
    lowered = text.lower()
    if not lowered.isascii():
        return
    table, _ = rules()
    for rule in table:
        if rule.folded is None or rule.words is None or not rule.folded.search(lowered):
            continue
        parts = required.read_parts(rule.words)
        assert parts is None or any(part in lowered for part in parts), (rule.id, parts)


def test_parts_read_off_patterns() -> None:
    read = required.read_parts
    # re's parser reads "no(?:t found| such)": what follows the shared "no" tells more
    assert required.needs("not found|no such") == {"t found", " such"}
    assert read("not found|no such") == ("fou", "uch")  # the rarest slice of each
    assert read(r"\bfail(ed|ure)?\b") == ("fai",)
    assert read("(?:is|are) unknown") == ("unk",)
    assert read("too (many|few)") == ("too",)  # one string needed: the most telling
    assert read("x+|ok") == ("ok", "x")  # shorter than a key: looked for whole
    assert read("余额不足|频繁") == ()  # nothing an ASCII text can hold
    assert read(r"\w+ error|[a-z]") is None  # a branch that needs no letter in particular
    assert read("a(?=bcd)") == ("bcd",) and read("(?!abc)x") == ("x",)
    assert read("(ab)?cd") == ("cd",) and read("(?i:abc)") is None


def test_generated_parts_are_current() -> None:
    """Fails when a word row changed; SPECTAB_UPDATE_GOLDEN=1 rewrites the module."""
    table, _ = rules()
    sources = [rule.words for rule in table if rule.words is not None and rule.folded]
    source = required.generate_source(sources)
    if os.environ.get("SPECTAB_UPDATE_GOLDEN"):
        required.GENERATED.write_text(source, "utf-8")
        pytest.skip("rewrote the generated parts; rerun to check them")
    assert required.GENERATED.read_text("utf-8") == source


def test_a_small_page_compiles_only_the_rows_its_words_reach() -> None:
    """Start-up (issue 21): compiling a row's pattern costs more than searching it."""
    rules.cache_clear()
    try:
        assert classify(1001, "Bad request").rule == "invalid_input"
        table, _ = rules()
        compiled = [rule.id for rule in table if rule.folded and rule.folded._compiled]
        assert "invalid_input" in compiled and len(compiled) <= 5, compiled
    finally:
        rules.cache_clear()


def test_a_changed_table_gets_its_own_plan() -> None:
    rules.cache_clear()
    try:
        first = plan()
        assert plan() is first
        rules.cache_clear()
        assert plan() is not first and plan().table is rules()[0]
    finally:
        rules.cache_clear()

