"""Change detection: keys, renames, ordering, and what is deliberately not a change."""

from __future__ import annotations

import random

from generator.diff.changes import (
    Severity,
    diff_spec_sets,
    diff_specs,
    other_differences,
    reaches,
    sort_key,
    summary,
)

from .helpers import entries, spec

DID = "{code: invalid_did, name: INVALID_DID, message: Not a valid DID, category: validation, retry: never}"
BAL = "{code: no_balance, name: NO_BALANCE, message: No balance, category: quota_billing, retry: after_action}"
LIM = (
    "{code: limit, name: LIMIT, message: Too many requests, category: rate_limited, retry: backoff}"
)


def kinds(changes):
    return [(change.kind, change.code) for change in changes]


def test_reordered_entries_are_no_change():
    assert diff_specs(entries(DID, BAL, LIM), entries(LIM, DID, BAL)) == []


def test_reordered_entries_are_reported_as_other_differences():
    assert other_differences(entries(DID, BAL), entries(BAL, DID)) == [
        "namespaces.api: entry order"
    ]
    assert other_differences(entries(DID, BAL), entries(DID, BAL)) == []


def test_rename_is_one_change_keyed_by_the_new_code_with_its_field_changes():
    renamed = DID.replace("code: invalid_did", "code: bad_did").replace("INVALID_DID", "BAD_DID")
    changes = diff_specs(entries(DID, BAL), entries(renamed, BAL))
    assert kinds(changes) == [("code_renamed", "bad_did"), ("name_changed", "bad_did")]
    assert (changes[0].before, changes[0].after) == ("invalid_did", "bad_did")
    assert (changes[1].before, changes[1].after) == ("INVALID_DID", "BAD_DID")


def test_rename_ignores_whitespace_differences_in_the_message():
    renamed = DID.replace("code: invalid_did", "code: bad_did").replace(
        "message: Not a valid DID", "message: '  Not a   valid DID '"
    )
    changes = diff_specs(entries(DID), entries(renamed))
    assert kinds(changes) == [("code_renamed", "bad_did"), ("message_changed", "bad_did")]


def test_ambiguous_message_pairs_nothing():
    one = "{code: a, name: A, message: Error, category: internal, retry: never}"
    two = "{code: b, name: B, message: Error, category: internal, retry: never}"
    three = "{code: c, name: C, message: Error, category: internal, retry: never}"
    changes = diff_specs(entries(one, two), entries(three))
    assert kinds(changes) == [("code_removed", "a"), ("code_removed", "b"), ("code_added", "c")]


def test_different_message_is_removed_plus_added():
    other = "{code: bad_did, name: BAD_DID, message: Bad DID, category: validation, retry: never}"
    changes = diff_specs(entries(DID), entries(other))
    assert kinds(changes) == [("code_added", "bad_did"), ("code_removed", "invalid_did")]
    assert [change.severity for change in changes] == [Severity.WARNING, Severity.BREAKING]


def test_missing_provider_is_every_namespace_added_or_removed():
    two = spec(
        "spectab: 1\nprovider: {id: acme, name: Acme}\nnamespaces:\n"
        "- {id: b, title: B, code_type: integer, errors: []}\n"
        "- {id: a, title: A, code_type: string, errors: []}\n"
    )
    added = diff_spec_sets({}, {"acme": two})
    assert kinds(added) == [("namespace_added", None), ("namespace_added", None)]
    assert [change.namespace for change in added] == ["a", "b"]
    removed = diff_specs(two, None)
    assert [change.kind for change in removed] == ["namespace_removed"] * 2
    assert diff_specs(None, None) == []


def test_integer_and_string_codes_sort_and_a_type_change_is_a_rename():
    ints = entries(
        "{code: 10, name: TEN, message: Ten, category: internal, retry: never}",
        "{code: -2, name: MINUS_TWO, message: Minus two, category: internal, retry: never}",
        code_type="integer",
    )
    strings = entries(
        "{code: '10', name: TEN, message: Ten, category: internal, retry: never}",
        "{code: '-2', name: MINUS_TWO, message: Minus two, category: internal, retry: never}",
    )
    changes = diff_specs(ints, strings)
    assert [(c.kind, c.code, c.before) for c in changes] == [
        ("code_renamed", "-2", -2),
        ("code_renamed", "10", 10),
    ]
    back = diff_specs(strings, ints)
    assert [change.code for change in back] == [-2, 10], "integers sort numerically"


def test_aliases_one_change_each():
    before = DID.replace("retry: never", "retry: never, aliases: [a1, a2]")
    after = DID.replace("retry: never", "retry: never, aliases: [a2, a3, a4]")
    changes = diff_specs(entries(before), entries(after))
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("alias_removed", "a1", None),
        ("alias_added", None, "a3"),
        ("alias_added", None, "a4"),
    ]


def test_order_is_independent_of_input_order():
    before = {
        "zeta": entries(DID, BAL, provider="zeta"),
        "acme": entries(DID, BAL, LIM, provider="acme"),
    }
    after = {
        "acme": entries(LIM.replace("backoff", "never"), BAL.replace("No balance", "Empty")),
        "zeta": entries(BAL, provider="zeta"),
        "new": entries(DID, provider="new"),
    }
    changes = diff_spec_sets(before, after)
    assert changes == sorted(changes, key=sort_key)
    shuffled_before = dict(random.Random(4).sample(sorted(before.items()), len(before)))
    shuffled_after = dict(random.Random(5).sample(sorted(after.items()), len(after)))
    assert diff_spec_sets(shuffled_before, shuffled_after) == changes
    assert [change.provider for change in changes] == ["acme"] * 3 + ["new", "zeta"]


def test_summary_and_reaches():
    changes = diff_specs(entries(DID, BAL), entries(BAL.replace("No balance", "Empty"), LIM))
    assert summary(changes) == {"breaking": 1, "warning": 1, "info": 1}
    assert reaches(changes, Severity.BREAKING)
    info_only = [c for c in changes if c.severity is Severity.INFO]
    assert reaches(info_only, Severity.INFO)
    assert not reaches(info_only, Severity.WARNING)
    assert summary([]) == {"breaking": 0, "warning": 0, "info": 0}


def test_http_status_from_none_counts():
    changes = diff_specs(
        entries(DID), entries(DID.replace("retry: never", "retry: never, http_status: 400"))
    )
    assert [(c.kind, c.before, c.after, c.severity) for c in changes] == [
        ("http_status_changed", None, 400, Severity.BREAKING)
    ]


def test_other_differences_name_what_the_kinds_do_not_cover():
    base = (
        "spectab: 1\nprovider: {id: acme, name: Acme}\n"
        "source: {location: s/a.txt, format: text, sha256: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}\n"
        "namespaces:\n- id: api\n  title: API\n  code_type: string\n  errors:\n"
        "  - {code: x, name: X, message: M, category: internal, retry: never, source: {row: 1}}\n"
    )
    changed = (
        base.replace("name: Acme", "name: Acme Corp")
        .replace("a" * 64, "b" * 64)
        .replace("title: API", "title: API errors")
        .replace("row: 1", "row: 2")
    )
    assert diff_specs(spec(base), spec(changed)) == []
    assert other_differences(spec(base), spec(changed)) == [
        "provider.name",
        "namespaces.api.title",
        "namespaces.api: source positions",
        "source (the snapshot's location, format or hash)",
    ]
