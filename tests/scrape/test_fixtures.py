"""Page shapes seen on other APIs' error pages, each with its expected spec as a golden file.

Every page in tests/fixtures/pages/shapes/ is scraped and curated (with
``<stem>.overrides.yaml`` when present); the spec must equal ``<stem>.expected.yaml`` and
the warnings ``<stem>.warnings.txt`` (absent when there are none). A page read with hints
has them in ``<stem>.hints.yaml``; a page that holds no error list (a negative shape) has its
error in ``<stem>.error.txt`` instead of a spec. Run with
SPECTAB_UPDATE_GOLDEN=1 (``make golden``) to rewrite the goldens, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.curate.overrides import curate, load_overrides
from generator.spec.identifiers import slug
from generator.scrape.pipeline import scrape_page
from generator.spec.io import dump_spec, load_spec

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
GOLDEN_SUFFIXES = (
    ".expected.yaml",
    ".warnings.txt",
    ".overrides.yaml",
    ".hints.yaml",
    ".error.txt",
)
PAGES = sorted(
    path for path in SHAPES.iterdir() if path.is_file() and not path.name.endswith(GOLDEN_SUFFIXES)
)
UPDATE = os.environ.get("SPECTAB_UPDATE_GOLDEN") == "1"


def golden_paths(page: Path) -> tuple[Path, Path, Path]:
    stem = page.name.rsplit(".", 1)[0]
    return (
        page.with_name(f"{stem}.expected.yaml"),
        page.with_name(f"{stem}.warnings.txt"),
        page.with_name(f"{stem}.overrides.yaml"),
    )


def hints_of(page: Path) -> dict[str, object] | None:
    """The page's ``<stem>.hints.yaml``, when it is read with hints."""
    path = page.with_name(f"{page.name.rsplit('.', 1)[0]}.hints.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def scrape(page: Path) -> tuple[str, str]:
    """The page's spec and warnings, or "" and its error (``error: ...``)."""
    warnings: list[str] = []
    try:
        raw = scrape_page(
            str(page),
            warn=warnings.append,
            recorded_location=page.relative_to(ROOT).as_posix(),
            provider_id=slug(page.name.rsplit(".", 1)[0]),
            hints=hints_of(page),
        )
    except InputError as exc:
        return "", f"error: {exc}\n"
    _, _, overrides = golden_paths(page)
    spec = curate(raw, load_overrides(overrides), warnings.append)
    return dump_spec(spec), "".join(f"{warning}\n" for warning in warnings)


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        if text:
            path.write_text(text, encoding="utf-8", newline="\n")
        elif path.exists():
            path.unlink()
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    assert text == expected, f"{path.name} differs (SPECTAB_UPDATE_GOLDEN=1 rewrites it)"


def test_there_are_enough_shapes():
    kinds = {page.suffix for page in PAGES}
    assert len(PAGES) >= 10
    assert {".md", ".html", ".rst", ".txt", ".json", ".yaml"} <= kinds


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_shape_gives_its_golden_spec(page: Path):
    spec_text, warnings_text = scrape(page)
    expected, warnings_file, _ = golden_paths(page)
    if not spec_text:  # a negative shape: its error is its golden
        check_golden(page.with_name(f"{page.name.rsplit('.', 1)[0]}.error.txt"), warnings_text)
        assert not expected.exists(), f"{page.name} gives no spec but has {expected.name}"
        return
    check_golden(expected, spec_text)
    check_golden(warnings_file, warnings_text)
    # a golden is a valid spec in its own right
    load_spec(expected)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_shape_scrapes_the_same_twice(page: Path):
    assert scrape(page) == scrape(page)


# ------------------------------------------------------------------ facts the goldens must show
# (the goldens are reviewed as diffs; these pin what each shape is there to prove)


def _spec(name: str):
    return load_spec(SHAPES / f"{name}.expected.yaml")


def test_http_status_column_and_non_error_table():
    spec = _spec("http_status_column")
    (ns,) = spec.namespaces
    by_code = ns.by_code()
    assert by_code["VALIDATION_ERROR"].http_status == 400
    assert by_code["RATE_LIMIT_EXCEEDED"].http_status == 429
    assert "Starter" not in by_code


def test_two_tables_only_the_error_list_counts():
    (ns,) = _spec("two_tables").namespaces
    assert ns.code_type == "integer" and 21211 in ns.by_code() and "to" not in ns.by_code()


def test_string_codes_that_look_like_numbers():
    (ns,) = _spec("string_numeric_codes").namespaces
    assert ns.code_type == "string"
    assert [e.code for e in ns.errors][:3] == ["00", "01", "05"]


def test_catalogues_keep_types_and_groups():
    grouped = _spec("catalogue_grouped")
    assert [ns.id for ns in grouped.namespaces] == ["sms", "voice"]
    assert all(ns.code_type == "integer" for ns in grouped.namespaces)
    (listed,) = _spec("catalogue_list").namespaces
    assert listed.by_code()["rate_limit"].http_status == 429
    assert "Listed twice" not in " ".join(e.message for e in listed.errors)


def test_spans_carry_rowspans_and_group_rows_stay_one_code_space():
    (ns,) = _spec("spans").namespaces
    assert ns.id == "error_codes"
    assert [e.http_status for e in ns.errors] == [400, 400, 404, 503, 503]


def test_sibling_sections_with_disjoint_codes_are_one_namespace():
    (ns,) = _spec("code_status_description").namespaces
    assert (ns.id, ns.code_type) == ("error_codes", "integer")
    assert [e.name for e in ns.errors][:2] == ["PROCESSING_ERROR", "FAILED_GENERATE_ID"]
