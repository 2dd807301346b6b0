"""Every interpreter rule by name: its pass, its weight, why it exists, and the fixture that
needs it.

The rows are data (``rules.yaml``), in the spirit of oasdiff's rule table and markdown-it's
``Ruler``: a rule can be found by its id, turned off alone (``disabled``, or
``SPECTAB_DISABLE_RULES=id,id`` for a whole run) and tested alone (the ablation test turns
each one off and expects its fixture to change). Code asks ``weight(id)`` or ``on(id)``;
an id that is not registered is a programming error, raised at once.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

# the interpreter's passes, in the order they run
PASSES = (
    "segment",  # blocks -> candidates with their section context; no decisions
    "readings",  # the role assignments a candidate could have
    "evidence",  # weight for or against a reading
    "decide",  # the best reading of each candidate, with its margin
    "extract",  # rows, items, titles -> entries
    "sections",  # entries -> namespaces
    "status",  # one HTTP status per entry, by precedence
    "typing",  # a namespace's code type
)


@dataclass(frozen=True)
class Rule:
    """One row of ``rules.yaml``."""

    id: str  # "<module>.<what it says>", e.g. columns.unique_numeric_is_code
    stage: str  # one of PASSES
    weight: float  # evidence weight, or precedence (lower first) in the status pass
    reason: str  # one line, for --explain and contributors
    fixtures: tuple[str, ...]  # shape fixtures (tests/fixtures/pages/shapes/<name>.*)


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The registry, in file order (the order rules of one pass are tried or weighed)."""
    text = Path(__file__).with_name("rules.yaml").read_text("utf-8")
    rows = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    found: dict[str, Rule] = {}
    for row in rows:
        rule = Rule(
            str(row["id"]),
            str(row["pass"]),
            float(row.get("weight", 0)),
            str(row["reason"]),
            tuple(row.get("fixtures") or ()),
        )
        if rule.stage not in PASSES:
            raise ValueError(f"rules.yaml: {rule.id}: unknown pass {rule.stage!r}")
        if rule.id in found:
            raise ValueError(f"rules.yaml: {rule.id} is registered twice")
        found[rule.id] = rule
    return found


def rule(rule_id: str) -> Rule:
    try:
        return rules()[rule_id]
    except KeyError:
        raise KeyError(f"rule {rule_id!r} is not in rules.yaml") from None


_DISABLED: ContextVar[frozenset[str]] = ContextVar("disabled_rules", default=frozenset())


def _from_environment() -> frozenset[str]:
    return _named(os.environ.get("SPECTAB_DISABLE_RULES", ""))


@lru_cache(maxsize=8)
def _named(names: str) -> frozenset[str]:
    """The ids of ``a,b``, split once per value: ``on`` is asked for every cell of a page
    (splitting on each call was about 7% of scraping a 10k-row table)."""
    return frozenset(name.strip() for name in names.split(",") if name.strip())


def on(rule_id: str) -> bool:
    """Whether the rule takes part in this run (it must be registered)."""
    rule(rule_id)
    return rule_id not in _DISABLED.get() and rule_id not in _from_environment()


def weight(rule_id: str) -> float:
    """The rule's weight, or 0 when it is turned off."""
    return rule(rule_id).weight if on(rule_id) else 0.0


@contextmanager
def disabled(*rule_ids: str) -> Iterator[None]:
    """Run the block with these rules turned off (the ablation test's switch)."""
    for rule_id in rule_ids:
        rule(rule_id)
    token = _DISABLED.set(_DISABLED.get() | frozenset(rule_ids))
    try:
        yield
    finally:
        _DISABLED.reset(token)


__all__ = ["PASSES", "Rule", "rules", "rule", "on", "weight", "disabled"]
