"""Every registered rule earns its place: turned off alone, its fixture reads differently.

A rule whose fixtures scrape the same with it off is not needed by any fixture, and is
deleted (or given the fixture that shows what it is for).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.scrape.interpret import registry
from generator.scrape.pipeline import scrape_page
from generator.spec.identifiers import slug
from generator.spec.model import RawSpec

ROOT = Path(__file__).resolve().parents[3]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
GOLDEN_SUFFIXES = (
    ".expected.yaml",
    ".warnings.txt",
    ".overrides.yaml",
    ".hints.yaml",
    ".error.txt",
)
RULES = list(registry.rules().values())


def fixture_page(name: str) -> Path:
    pages = [
        path
        for path in SHAPES.glob(f"{name}.*")
        if path.name.rsplit(".", 1)[0] == name and not path.name.endswith(GOLDEN_SUFFIXES)
    ]
    assert len(pages) == 1, f"fixture {name!r}: expected one page in {SHAPES}, found {pages}"
    return pages[0]


def hints_of(page: Path) -> dict[str, object] | None:
    """The page's ``<stem>.hints.yaml``, when it is read with hints."""
    path = page.with_name(f"{page.name.rsplit('.', 1)[0]}.hints.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def reading(page: Path) -> str:
    """What the scrape made of the page (entries, envelope and warnings), or its error."""
    warnings: list[str] = []
    try:
        raw: RawSpec = scrape_page(
            str(page),
            warn=warnings.append,
            recorded_location=page.name,
            provider_id=slug(page.name.rsplit(".", 1)[0]),
            hints=hints_of(page),
        )
    except InputError as exc:
        return f"error: {exc}"
    return repr(raw.namespaces) + "\n" + repr(raw.envelope) + "\n" + "\n".join(warnings)


def test_the_registry_is_not_empty_and_every_rule_has_a_fixture() -> None:
    assert RULES, "rules.yaml registers no rule"
    missing = [rule.id for rule in RULES if not rule.fixtures]
    assert not missing, f"rules without a fixture: {missing}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_turning_the_rule_off_changes_its_fixture(rule: registry.Rule) -> None:
    for name in rule.fixtures:
        page = fixture_page(name)
        with_rule = reading(page)
        with registry.disabled(rule.id):
            without = reading(page)
        assert without != with_rule, f"{rule.id}: {page.name} reads the same with the rule off"
