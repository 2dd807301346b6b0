"""One before/after pair per change kind, each checked against its expected JSON."""

from __future__ import annotations

import json

import pytest

from generator.diff.changes import KINDS, diff_specs, rules

from .helpers import FIXTURES, golden

KIND_DIRS = sorted(path.name for path in FIXTURES.iterdir() if (path / "before.yaml").is_file())


def test_every_kind_in_the_table_has_a_fixture():
    assert set(rules()) == KINDS
    assert set(KIND_DIRS) == KINDS


@pytest.mark.parametrize("kind", KIND_DIRS)
def test_fixture_through_the_cli(kind, spectab):
    folder = FIXTURES / kind
    result = spectab(
        "diff", str(folder / "before.yaml"), str(folder / "after.yaml"), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    golden(folder / "expected.json", result.stdout)
    document = json.loads(result.stdout)
    assert [change["kind"] for change in document["changes"]] == [kind], "one change, this kind"
    severity = rules()[kind].severity.value
    assert document["changes"][0]["severity"] == severity
    assert document["summary"] == {
        level: int(level == severity) for level in ("breaking", "warning", "info")
    }


@pytest.mark.parametrize("kind", KIND_DIRS)
def test_fixture_reversed_is_the_opposite(kind):
    """after -> before undoes the change: added <-> removed, before <-> after swap."""
    from generator.spec.io import load_spec

    folder = FIXTURES / kind
    before, after = load_spec(folder / "before.yaml"), load_spec(folder / "after.yaml")
    forward = diff_specs(before, after)
    backward = diff_specs(after, before)
    opposite = {
        "namespace_added": "namespace_removed",
        "namespace_removed": "namespace_added",
        "code_added": "code_removed",
        "code_removed": "code_added",
        "alias_added": "alias_removed",
        "alias_removed": "alias_added",
    }
    assert len(forward) == len(backward) == 1
    assert backward[0].kind == opposite.get(kind, kind)
    assert (backward[0].before, backward[0].after) == (forward[0].after, forward[0].before)


def test_same_spec_has_no_changes(spectab):
    path = FIXTURES / "code_added" / "before.yaml"
    result = spectab("diff", str(path), str(path), "--format", "json", "--fail-on", "info")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "changes": [],
        "summary": {"breaking": 0, "warning": 0, "info": 0},
    }
