"""Hostile YAML in every file spectab reads: bounded before it is composed, one line, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.errors import InputError
from generator.spec.io import load_spec
from generator.spec.yamlio import read_yaml

MAX_DEPTH = 64  # generator.spec.yamlio.MAX_DEPTH (a literal, so the test runs on older code)
from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded

GOOD = (ROOT / "tests" / "commands" / "data" / "good.yaml").read_text("utf-8")


def _deep(depth: int) -> str:
    return "spectab: 1\nprovider: " + "[" * depth + "]" * depth + "\n"


def _bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):  # 9**10 strings once expanded: gigabytes
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("depth", [10_000, 30_000])  # 30k segfaulted libyaml's composer
def test_deep_spec_is_one_line(tmp_path, spectab, depth):
    path = tmp_path / "deep.yaml"
    path.write_text(_deep(depth))
    one_line_exit_2(spectab("validate", str(path)), f"{path}:2:", "nested deeper")


@pytest.mark.parametrize("kind", ["spec", "overrides", "providers"])
def test_alias_bomb_refused_in_every_file(tmp_path, spectab, kind):
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    bomb = _bomb()
    if kind == "spec":
        target = specs / "bomb.yaml"
        target.write_text(bomb)
        result = run_bounded("validate", str(target))
    elif kind == "overrides":
        target = specs / "voipms.overrides.yaml"
        target.write_text(bomb)
        result = run_bounded("refresh", "voipms", "--specs", str(specs))
    else:
        target = specs / "providers.yaml"
        target.write_text(bomb)
        result = run_bounded("refresh", "--specs", str(specs))
    one_line_exit_2(result, f"{target}:2:", "aliases")


def test_alias_refused_in_spec_loaded_directly(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text(GOOD.replace("spectab: 1", "spectab: 1\nx: &x 1\ny: *x", 1))
    with pytest.raises(InputError, match="aliases"):
        load_spec(path)


@pytest.mark.parametrize(
    "where, value",
    [
        ("spectab: 1", "spectab: {}"),
        ("code: '007'", "code: '007'\n    http_status: {}"),
        ("code: zzz", "code: zzz\n    source: {{line: {}}}"),
    ],
)
def test_integer_of_thousands_of_digits(tmp_path, spectab, where, value):
    text = GOOD.replace(where, value.format("9" * 5000), 1)
    assert text != GOOD
    path = tmp_path / "big.yaml"
    path.write_text(text)
    one_line_exit_2(spectab("validate", str(path)), str(path), "too long")


def test_integer_code_beyond_safe_javascript_integers(tmp_path, spectab):
    text = GOOD.replace("code_type: string", "code_type: integer").replace(
        "code: invalid_did", f"code: {2**53}"
    )
    path = tmp_path / "unsafe.yaml"
    path.write_text(text)
    result = spectab("validate", str(path))
    assert result.returncode == 2
    assert "9007199254740992 is greater than the maximum of 9007199254740991" in result.stderr


def test_two_documents_is_an_error(tmp_path, spectab):
    path = tmp_path / "two.yaml"
    path.write_text(GOOD + "---\nspectab: 1\n")
    one_line_exit_2(spectab("validate", str(path)), str(path), "second YAML document")


def test_providers_id_with_trailing_newline_refused(tmp_path, spectab):
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    providers = specs / "providers.yaml"
    text = providers.read_text()
    providers.write_text(text.replace("- id: voipms", '- id: "voipms\\n"', 1))
    assert providers.read_text() != text
    result = spectab("refresh", "--check", "--specs", str(specs))
    assert result.returncode == 2, result.stderr
    assert f"{providers}:" in result.stderr and "Traceback" not in result.stderr


@given(
    depth=st.integers(min_value=MAX_DEPTH + 1, max_value=3 * MAX_DEPTH),
    opener=st.sampled_from(["[", "{a: ", "- "]),
)
def test_any_nesting_beyond_the_bound_is_refused(depth, opener):
    if opener == "- ":
        text = "".join("  " * level + "-\n" for level in range(depth)) + "  " * depth + "x\n"
    else:
        closer = "]" if opener == "[" else "}"
        text = opener * depth + "1" + closer * depth + "\n"
    with pytest.raises(InputError, match="nested deeper than"):
        read_yaml("<t>", text)


@given(depth=st.integers(min_value=1, max_value=MAX_DEPTH - 1))
def test_nesting_within_the_bound_reads(depth):
    document = read_yaml("<t>", "[" * depth + "1" + "]" * depth)
    value = document.data
    for _ in range(depth - 1):
        value = value[0]
    assert value == [1]


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_catalogue_page_is_one_line(tmp_path, spectab, suffix):
    page = tmp_path / f"deep{suffix}"
    page.write_text('{"errors": ' + '{"a": ' * 30_000 + "1" + "}" * 30_000 + "}")
    result = spectab("scrape", str(page), "--id", "deep", "-o", str(tmp_path / "o.yaml"))
    one_line_exit_2(result, f"{page}:1:", "nested deeper")
    assert not (tmp_path / "o.yaml").exists()


def _with_line_appended(path: Path, line: int, extra: str) -> int:
    """``extra`` appended to line ``line`` (1-based) of ``path``; the column it lands on."""
    lines = path.read_text("utf-8").split("\n")
    column = len(lines[line - 1]) + 1
    lines[line - 1] += extra
    path.write_text("\n".join(lines), encoding="utf-8")
    return column


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x7f"])
@pytest.mark.parametrize("kind", ["spec", "overrides", "providers"])
def test_a_control_character_is_one_positioned_line(tmp_path, spectab, kind, char):
    """Item 12: PyYAML's ReaderError (a traceback, exit 1) becomes file:line:column, exit 2."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    if kind == "spec":
        target = specs / "kaisa.yaml"
        args = ("validate", str(target))
    elif kind == "overrides":
        target = specs / "voipms.overrides.yaml"
        args = ("refresh", "voipms", "--specs", str(specs))
    else:
        target = specs / "providers.yaml"
        args = ("refresh", "--specs", str(specs))
    column = _with_line_appended(target, 5, char)
    line = one_line_exit_2(spectab(*args), f"{target}:5:{column}:", f"U+{ord(char):04X}")
    assert "control character" in line


def _integer_field_tagged(specs: Path) -> tuple[Path, int]:
    """fonedynamics.yaml with ``http_status: !!float 400``; the file and that line."""
    target = specs / "fonedynamics.yaml"
    lines = target.read_text("utf-8").split("\n")
    index = next(i for i, text in enumerate(lines) if text.strip() == "http_status: 400")
    lines[index] = lines[index].replace("400", "!!float 400")
    target.write_text("\n".join(lines), encoding="utf-8")
    return target, index + 1


def test_a_float_tag_where_an_integer_belongs_is_refused_by_validate(tmp_path, spectab):
    """Item 12: ``!!float 400`` read as 400.0, which the schema's "integer" accepts."""
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    target, line = _integer_field_tagged(specs)
    one_line_exit_2(spectab("validate", str(target)), f"{target}:{line}:", "!!float")


def test_a_float_tag_is_refused_by_generate(tmp_path, spectab):
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    target, line = _integer_field_tagged(specs)
    result = spectab("generate", "--specs", str(specs), "--out", str(tmp_path / "out"))
    one_line_exit_2(result, f"{target}:{line}:", "!!float")


@pytest.mark.parametrize("tagged", ["!!str 400", "!!int '400'", "!!bool true", "!!binary aGk="])
def test_any_explicit_tag_in_a_spec_is_refused(tmp_path, tagged):
    path = tmp_path / "tagged.yaml"
    path.write_text(f"a: 1\nb: {tagged}\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path}:2:4: the YAML tag !!\w+ is not allowed"):
        read_yaml(path)
