"""The README and docs/ say what the code does (issue 19 item 7): the CLI reference lists
every option `--help` shows (and only those), and every YAML example loads (an overrides
example also validates, as `spectab validate` would check the user's copy)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
_YAML_BLOCK = re.compile(r"^```ya?ml\n(.*?)^```", re.M | re.S)
_OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")
_CHOICES = re.compile(r"(--[a-z][a-z-]*) \[?([\w.]+(?:\|[\w.]+)+)")


def _yaml_blocks() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        text = path.read_text("utf-8")
        for match in _YAML_BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 2
            found.append((f"{path.relative_to(ROOT)}:{line}", match.group(1)))
    return found


@pytest.mark.parametrize("where,block", _yaml_blocks(), ids=lambda value: str(value)[:40])
def test_every_yaml_example_loads(where, block):
    try:
        yaml.safe_load(block)
    except yaml.YAMLError as exc:
        pytest.fail(f"{where}: not YAML: {exc}")


def test_the_overrides_examples_validate(tmp_path, spectab):
    blocks = [block for _, block in _yaml_blocks() if block.startswith("spectab_overrides")]
    assert len(blocks) >= 2
    for index, block in enumerate(blocks):
        (tmp_path / f"example{index}.overrides.yaml").write_text(block, encoding="utf-8")
    result = spectab("validate", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def _reference() -> dict[str, str]:
    """Subcommand -> what the README's CLI reference writes for it."""
    section = README.read_text("utf-8").split("## CLI reference", 1)[1]
    block = section.split("```", 2)[1]
    parts = re.split(r"\bspectab (\w+)", block)
    said: dict[str, str] = {}
    for name, text in zip(parts[1::2], parts[2::2]):
        said[name] = said.get(name, "") + text
    return said


def _subcommands() -> dict[str, list[tuple[list[str], list[str]]]]:
    """Subcommand -> (option strings, choices) of each of its options but --help."""
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    return {
        name: [
            (action.option_strings, [str(choice) for choice in action.choices or []])
            for action in sub._actions
            if action.option_strings and "--help" not in action.option_strings
        ]
        for name, sub in choices.items()
    }


def test_the_cli_reference_lists_every_command():
    assert sorted(_reference()) == sorted(_subcommands())


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_the_cli_reference_matches_help(command):
    text = _reference().get(command, "")
    options = _subcommands()[command]
    missing = [strings[-1] for strings, _ in options if not set(strings) & set(_OPTION.findall(text))]
    known = {string for strings, _ in options for string in strings}
    unknown = sorted(set(_OPTION.findall(text)) - known)
    assert not missing and not unknown, f"README misses {missing}, has no such {unknown}"
    for option, listed in _CHOICES.findall(text):
        wanted = next(values for strings, values in options if option in strings)
        assert sorted(listed.split("|")) == sorted(wanted), option
