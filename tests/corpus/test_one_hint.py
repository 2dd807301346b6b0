"""Issue 23's goal: every corpus page the interpreter reads wrong is read right with one
hint or one recipe, recorded in ``tests/corpus/hints/providers.yaml``.

Each page is scraped with its hints, curated, and scored with the corpus scorer's own
comparison (``../shared/corpus-tools/score``): it must pass as a page of the corpus does.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.curate.overrides import curate
from generator.scrape.pipeline import scrape_page
from generator.spec.io import dump_spec

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "corpus-tools" / "score"
PROVIDERS = Path(__file__).with_name("hints") / "providers.yaml"
ENTRIES = yaml.safe_load(PROVIDERS.read_text(encoding="utf-8"))["providers"]


def scorer() -> ModuleType:
    """The corpus scorer, loaded as a module (its file has no .py suffix)."""
    loader = importlib.machinery.SourceFileLoader("corpus_score", str(SCORER))
    spec = importlib.util.spec_from_loader("corpus_score", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def scraped(entry: dict[str, Any]) -> dict[str, Any]:
    """The page's spec, scraped with its recorded hints, as the scorer reads a spec file."""
    page = CORPUS / "sources" / entry["snapshot"]
    raw = scrape_page(str(page), hints=entry["hints"], warn=lambda _: None)
    spec = curate(raw, None, lambda _: None)
    loaded: dict[str, Any] = yaml.safe_load(dump_spec(spec))
    return loaded


def test_each_entry_is_one_hint_or_one_recipe() -> None:
    recipe = {"entries", "code", "name", "message"}
    for entry in ENTRIES:
        keys = set(entry["hints"])
        assert len(keys - recipe) + bool(keys & recipe) == 1, entry["id"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["snapshot"] for entry in ENTRIES])
def test_the_page_passes_with_its_hint(entry: dict[str, Any]) -> None:
    if not SCORER.exists() or not (CORPUS / "sources" / entry["snapshot"]).exists():
        pytest.skip(f"{CORPUS} is not there (the corpus sits in ../shared beside the project)")
    score = scorer()
    _, expected = score.load_expected(CORPUS / "expected" / f"{entry['snapshot']}.json")
    figures, _ = score.score(expected, score.scraped_entries(scraped(entry)))
    assert figures["f1"] >= score.PASS_F1 and figures["msg"] >= score.PASS_MSG, figures
