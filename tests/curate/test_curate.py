"""Overrides survive a re-scrape; stale ones are reported; names stay unique."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.curate.overrides import curate, load_overrides
from generator.errors import SpecError
from generator.spec.model import (
    Category,
    Envelope,
    Provider,
    RawEntry,
    RawNamespace,
    RawSpec,
    Retry,
)


def raw_spec() -> RawSpec:
    return RawSpec(
        Provider("demo", "Demo", "https://example.com"),
        [
            RawNamespace(
                "response_status_code_description",
                "Response status code description:",
                "integer",
                [
                    RawEntry(0, "Success"),
                    RawEntry(-1, "Authentication error"),
                    RawEntry(-2, "IP access limited"),
                    RawEntry(-3, "Authentication error"),
                ],
            ),
            RawNamespace(
                "other", "Other", "string", [RawEntry("a", "Alpha"), RawEntry("b", "Beta")]
            ),
        ],
        envelope=Envelope("status"),
    )


def overrides(tmp_path: Path, text: str):
    path = tmp_path / "demo.overrides.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_overrides(path)


def test_without_overrides_names_and_classifies(capsys):
    warnings: list[str] = []
    spec = curate(raw_spec(), warn=warnings.append)
    sms = spec.namespaces[0]
    assert [e.name for e in sms.errors] == [
        "SUCCESS",
        "AUTHENTICATION_ERROR",
        "IP_ACCESS_LIMITED",
        "AUTHENTICATION_ERROR_MINUS_3",
    ]
    assert sms.errors[0].category == Category.OK
    assert (
        len(warnings) == 1 and "-3" in warnings[0] and "AUTHENTICATION_ERROR_MINUS_3" in warnings[0]
    )


def test_overrides_rename_set_add_drop(tmp_path):
    ov = overrides(
        tmp_path,
        """\
        spectab_overrides: 1
        provider:
          name: Demo Inc.
        envelope:
          code_field: status
          message_field: reason
          success: 0
        namespaces:
          response_status_code_description:
            id: sms
            title: SMS status codes
            set:
              -3:
                name: AUTH_FAILED_AGAIN
                category: permission
                retry: never
            add:
            - code: -9
              message: Lost row
              after: 0
              reason: the page lost this row; restored from the API's responses
            drop:
              -2: not an error the API returns
          other:
            remove: not an error table
        """,
    )
    warnings: list[str] = []
    spec = curate(raw_spec(), ov, warnings.append)
    assert warnings == []
    assert spec.provider.name == "Demo Inc."
    assert spec.envelope == Envelope("status", "reason", 0)
    assert [ns.id for ns in spec.namespaces] == ["sms"]
    sms = spec.namespaces[0]
    assert sms.title == "SMS status codes"
    assert [e.code for e in sms.errors] == [0, -9, -1, -3]
    last = sms.errors[-1]
    assert (last.name, last.category, last.retry) == (
        "AUTH_FAILED_AGAIN",
        Category.PERMISSION,
        Retry.NEVER,
    )


def test_stale_overrides_are_reported_with_their_line(tmp_path):
    ov = overrides(
        tmp_path,
        """\
        spectab_overrides: 1
        namespaces:
          other:
            set:
              zzz: {name: ZED}
            drop:
              yyy: gone
            add:
            - {code: a, message: dup, reason: r}
          vanished: {title: X}
        """,
    )
    warnings: list[str] = []
    curate(raw_spec(), ov, warnings.append)
    stale = [w for w in warnings if "stale override" in w]
    text = "\n".join(stale)
    assert len(stale) == 4, text
    assert f"{ov.file}:5:7: stale override: set for 'zzz'" in text
    assert f"{ov.file}:7:7: stale override: drop of 'yyy'" in text
    assert "adds 'a', which the page now has" in text
    assert "no namespace 'vanished'" in text


def test_override_giving_another_codes_name_is_an_error(tmp_path):
    """Code a is named A by its words; an override naming b A would rename a behind the
    user's back (A_2 until issue 19): an error naming the override's line."""
    ov = overrides(
        tmp_path,
        """\
        spectab_overrides: 1
        namespaces:
          other:
            set:
              b: {name: A}
        """,
    )
    with pytest.raises(SpecError, match=r"overrides.yaml:5:\d+: .*gives 'b' the name 'A'"):
        curate(raw_spec(), ov)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            "namespaces:\n  other:\n    set:\n      a: {name: lower}\n",
            "name 'lower' is not UPPER_SNAKE",
        ),
        ("namespaces:\n  other:\n    drop:\n      a: ''\n", "should be non-empty"),
        (
            "namespaces:\n  other:\n    add:\n    - {code: z, message: m}\n",
            "'reason' is a required property",
        ),
        ("namespaces:\n  other:\n    set:\n      a: {category: nope}\n", "'nope' is not one of"),
        ("namespaces:\n  other:\n    colour: red\n", "Additional properties"),
    ],
)
def test_bad_overrides_name_file_and_line(tmp_path, body, needle):
    path = tmp_path / "demo.overrides.yaml"
    path.write_text("spectab_overrides: 1\n" + body, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_overrides(path)
    assert str(info.value).startswith(f"{path}:")
    assert needle in str(info.value)


def test_missing_overrides_file_is_no_overrides(tmp_path):
    assert load_overrides(tmp_path / "none.yaml").data == {}


def test_overrides_set_a_namespace_code_type(tmp_path):
    ov = overrides(
        tmp_path,
        """\
        spectab_overrides: 1
        namespaces:
          response_status_code_description:
            code_type: string
            set:
              "-2": {message: IP not allowed}
        """,
    )
    warnings: list[str] = []
    sms = curate(raw_spec(), ov, warnings.append).namespaces[0]
    assert sms.code_type == "string" and [e.code for e in sms.errors] == ["0", "-1", "-2", "-3"]
    assert sms.by_code()["-2"].message == "IP not allowed" and warnings == [
        w for w in warnings if "share a name" in w
    ]
    raw = raw_spec()
    raw.namespaces[1].entries = [RawEntry("007", "Seven"), RawEntry("-8", "Minus eight")]
    back = overrides(tmp_path, "spectab_overrides: 1\nnamespaces: {other: {code_type: integer}}\n")
    other = curate(raw, back).namespaces[1]
    assert (other.code_type, [e.code for e in other.errors]) == ("integer", [7, -8])


def test_an_integer_code_type_that_a_code_cannot_meet_is_an_error(tmp_path):
    ov = overrides(tmp_path, "spectab_overrides: 1\nnamespaces: {other: {code_type: integer}}\n")
    with pytest.raises(
        SpecError, match=r"overrides.yaml:2:[0-9]+: code_type integer, but code 'a'"
    ):
        curate(raw_spec(), ov)
    with pytest.raises(SpecError, match=r"code_type"):
        overrides(tmp_path, "spectab_overrides: 1\nnamespaces: {other: {code_type: float}}\n")
