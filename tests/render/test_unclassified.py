"""An entry no classification rule decided is 'unclassified' in every target, and the
Markdown page says what that means only when the provider has such entries."""

from __future__ import annotations

import copy

from generator.spec.io import load_spec
from generator.spec.model import Category

from .helpers import FIXTURE_SPECS, render_spec

NOTE = "Category **unclassified**"


def test_unclassified_reaches_all_four_targets_and_the_markdown_explains_it():
    spec = load_spec(FIXTURE_SPECS / "demo.yaml")
    assert NOTE not in render_spec(spec)["markdown"]
    changed = copy.deepcopy(spec)
    changed.namespaces[0].errors[0].category = Category.UNCLASSIFIED
    files = render_spec(changed)
    assert '"unclassified"' in files["python"] and '"unclassified"' in files["typescript"]
    assert "category unclassified" in files["openapi"]
    assert NOTE in files["markdown"] and "| unclassified |" in files["markdown"]
