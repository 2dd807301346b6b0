"""CHANGELOG.md sections: dates from the page, labels from the snapshot, newest first."""

from __future__ import annotations

import pytest

from generator.diff import changelog
from generator.diff.changes import diff_specs

from .helpers import entries

DID = "{code: invalid_did, name: INVALID_DID, message: Not a valid DID, category: validation, retry: never}"


@pytest.mark.parametrize(
    "text, date",
    [
        ("Last updated: March 4, 2024", "2024-03-04"),
        ("Updated 2023-11-30 by the docs team", "2023-11-30"),
        ("last modified on 7 Sept. 2022", "2022-09-07"),
        ('<meta property="article:modified_time" content="2021-01-02T10:00:00Z">', "2021-01-02"),
        ("Revised: Jan 31st, 2020", "2020-01-31"),
        ("Updated: Smarch 4, 2024 ... updated 2019-05-06", "2019-05-06"),
        ("Published 2024-01-01", None),
        ("Error 2024-01-01: updated values", None),
        ("", None),
    ],
)
def test_page_date(text, date):
    assert changelog.page_date(text) == date


def test_section_without_entry_changes_names_the_other_differences():
    text = changelog.section("acme", "snapshot abc", [], ["namespaces.api.title"])
    assert text == (
        "## acme: snapshot abc\n\nNo change to the error entries.\n\n"
        "Also changed: namespaces.api.title.\n"
    )


def test_prepend_keeps_a_hand_written_intro_and_older_sections(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Our log\n\nKept by hand.\n\n## acme: snapshot old\n\nold text\n")
    changes = diff_specs(entries(), entries(DID))
    changelog.prepend(path, [changelog.section("acme", "snapshot new", changes, [])])
    text = path.read_text()
    assert text.startswith("# Our log\n\nKept by hand.\n\n## acme: snapshot new\n")
    assert text.index("snapshot new") < text.index("snapshot old")
    assert text.endswith("\n## acme: snapshot old\n\nold text\n")
    assert "| warning | code_added | api | invalid\\_did |" in text


def test_prepend_nothing_writes_nothing(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    changelog.prepend(path, [])
    assert not path.exists()


def test_new_file_gets_the_header(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    changelog.prepend(path, ["## a: snapshot x\n\nbody\n"])
    assert path.read_text() == changelog.HEADER + "\n## a: snapshot x\n\nbody\n"
