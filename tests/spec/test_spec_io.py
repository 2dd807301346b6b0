"""Loading reports every problem with FILE:LINE:COL and a key path; dumping is canonical."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.errors import InputError, SpecError
from generator.spec.io import dump_spec, load_spec, spec_hash
from generator.files import write_atomic

GOOD = textwrap.dedent("""\
    spectab: 1
    provider:
      id: demo
      name: Demo API
      docs_url: https://example.com/errors
    namespaces:
    - id: api
      title: API errors
      code_type: string
      errors:
      - code: invalid_did
        name: INVALID_DID
        message: This is not a valid DID
        category: validation
        retry: never
      - code: '007'
        name: AGENT
        message: Licence to fail
        http_status: 403
        category: permission
        retry: after_action
        aliases:
        - '0007'
        source:
          line: 12
          row: 2
    """)


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return info.value.problems


def test_good_spec_loads_and_round_trips(tmp_path):
    path = write(tmp_path, GOOD)
    spec = load_spec(path)
    assert spec.namespaces[0].errors[1].code == "007"
    assert spec.namespaces[0].errors[1].aliases == ["0007"]
    assert dump_spec(spec) == GOOD


def test_unknown_key_is_reported_at_its_line(tmp_path):
    path = write(
        tmp_path, GOOD.replace("    retry: never\n", "    retry: never\n    colour: red\n", 1)
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:16:5: namespaces[0].errors[0].colour: unknown key 'colour'")
    assert "expected one of" in problem


def test_wrong_type_names_expected_and_actual(tmp_path):
    path = write(tmp_path, GOOD.replace("http_status: 403", "http_status: forbidden"))
    [problem] = problems_of(path)
    assert f"{path}:19:" in problem
    assert (
        "namespaces[0].errors[1].http_status: expected integer, got string 'forbidden'" in problem
    )


def test_duplicate_code_names_first_line(tmp_path):
    path = write(tmp_path, GOOD.replace("- code: '007'", "- code: invalid_did"))
    problems = problems_of(path)
    assert any(
        p.startswith(
            f"{path}:16:11: namespaces[0].errors[1].code: duplicate code 'invalid_did' (first at line 11)"
        )
        for p in problems
    ), problems


def test_duplicate_name_is_an_error(tmp_path):
    path = write(tmp_path, GOOD.replace("name: AGENT", "name: INVALID_DID"))
    [problem] = problems_of(path)
    assert (
        "namespaces[0].errors[1].name: duplicate name 'INVALID_DID' (first at line 12)" in problem
    )


def test_integer_code_in_string_namespace(tmp_path):
    path = write(tmp_path, GOOD.replace("- code: '007'", "- code: 7"))
    [problem] = problems_of(path)
    assert (
        "namespaces[0].errors[1].code: integer 7 in a namespace whose code_type is string"
        in problem
    )


def test_unknown_category_lists_the_choices(tmp_path):
    path = write(tmp_path, GOOD.replace("category: validation", "category: oops"))
    [problem] = problems_of(path)
    assert "namespaces[0].errors[0].category: 'oops' is not one of: ok, auth," in problem


def test_every_problem_is_reported_at_once_in_file_order(tmp_path):
    text = GOOD.replace("category: validation", "category: oops").replace(
        "http_status: 403", "http_status: x"
    )
    text = text.replace("name: Demo API", "name: Demo API\n  extra: 1")
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 3
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_missing_required_key(tmp_path):
    path = write(tmp_path, GOOD.replace("    message: This is not a valid DID\n", ""))
    [problem] = problems_of(path)
    assert "namespaces[0].errors[0]: 'message' is required but missing" in problem


def test_illegal_name(tmp_path):
    path = write(tmp_path, GOOD.replace("name: AGENT", "name: agent"))
    [problem] = problems_of(path)
    assert "namespaces[0].errors[1].name" in problem and "does not match" in problem


def test_duplicate_yaml_key(tmp_path):
    path = write(tmp_path, GOOD.replace("  name: Demo API\n", "  name: Demo API\n  name: Other\n"))
    with pytest.raises(InputError) as info:
        load_spec(path)
    assert f"{path}:5:3: provider.name: duplicate key 'name' (first at line 4)" in str(info.value)


def test_invalid_yaml_names_position(tmp_path):
    path = write(tmp_path, "spectab: 1\nprovider: [unclosed\n")
    with pytest.raises(InputError) as info:
        load_spec(path)
    assert str(info.value).startswith(f"{path}:")
    assert "invalid YAML" in str(info.value)


def test_lone_surrogate_is_rejected_clearly(tmp_path):
    path = write(tmp_path, GOOD.replace("message: Licence to fail", 'message: "bad \\ud800 text"'))
    with pytest.raises(InputError) as info:
        load_spec(path)
    # libyaml refuses the escape itself; the pure-Python reader lets our own check name it
    assert str(info.value).startswith(f"{path}:18:")
    assert "surrogate" in str(info.value) or "invalid Unicode" in str(info.value)


def test_lone_surrogate_is_never_dumped(tmp_path):
    spec = load_spec(write(tmp_path, GOOD))
    spec.namespaces[0].errors[0].message = "bad \ud800"
    with pytest.raises(InputError) as info:
        dump_spec(spec)
    assert "errors[0].message: lone surrogate U+D800" in str(info.value)


def test_yaml_11_traps_stay_strings(tmp_path):
    text = GOOD.replace("- code: '007'", "- code: 007").replace("- '0007'", "- yes")
    spec = load_spec(write(tmp_path, text))
    entry = spec.namespaces[0].errors[1]
    assert entry.code == "007" and entry.aliases == ["yes"]


def test_not_utf8(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"spectab: 1\nprovider: \xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_spec(path)


def test_hash_is_of_bytes():
    assert (
        spec_hash("a")
        == spec_hash(b"a")
        == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    )


def test_write_atomic_leaves_no_temp_files(tmp_path):
    target = tmp_path / "sub" / "x.txt"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["x.txt"]


def test_write_atomic_gives_ordinary_permissions(tmp_path):
    import os

    target = tmp_path / "y.txt"
    write_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("name: INVALID_DID", 'name: "INVALID_DID\\n"', "errors[0].name"),
        ("- id: api", '- id: "api\\n"', "namespaces[0].id"),
        ("id: demo", 'id: "demo\\n"', "provider.id"),
    ],
)
def test_a_trailing_newline_never_passes_an_identifier_pattern(tmp_path, old, new, where):
    """Python's ``$`` also matches before a final newline; identifiers end up in code."""
    with pytest.raises(InputError, match=re.escape(where)):
        load_spec(write(tmp_path, GOOD.replace(old, new, 1)))


def test_a_valid_spec_with_long_plain_messages_takes_the_fast_path(tmp_path, monkeypatch):
    """Only a long plain *integer* needs the full reader; a long unquoted message must not
    send a 100k-code spec down the slow path (it cost generate 3x)."""
    from generator.spec import io

    text = (
        "spectab: 1\nprovider:\n  id: acme\n  name: Acme\nnamespaces:\n- id: api\n"
        "  title: API\n  code_type: integer\n  errors:\n  - code: 1\n    name: LONG\n"
        "    message: "
        + "a plain message that is far longer than any integer could be " * 2
        + "\n    category: internal\n    retry: never\n"
    )
    monkeypatch.setattr(io, "read_yaml", lambda *a, **k: pytest.fail("took the slow path"))
    loaded = io.load_spec(tmp_path / "acme.yaml", text)
    assert loaded.namespaces[0].errors[0].message.startswith("a plain message")
