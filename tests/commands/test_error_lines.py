"""Every command's errors read alike: each line of an error starts with `spectab: error:`
(issue 19 item 7), whether argparse refused the arguments or the command refused its input."""

from __future__ import annotations

import pytest

from generator.cli import build_parser

PREFIX = "spectab: error: "

# command -> arguments that make it fail on its input ({tmp} is a fresh empty folder)
INPUT_ERRORS: dict[str, list[str]] = {
    "scrape": ["{tmp}/missing.html"],
    "init": ["/dev/null"],  # a file, not a folder
    "add": ["{tmp}/missing.html", "--id", "acme"],
    "refresh": ["--specs", "{tmp}/missing"],
    "generate": ["--specs", "{tmp}/missing", "--out", "{tmp}/out"],
    "diff": ["{tmp}/old.yaml", "{tmp}/new.yaml"],
    "validate": ["{tmp}/missing.yaml"],
    "schema": ["--kind", "nothing"],
    "vendor": ["{tmp}/dest", "--out", "{tmp}/missing"],
}


def _commands() -> list[str]:
    parser = build_parser()
    return sorted(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def _error_lines(stderr: str) -> list[str]:
    """What a command said, without argparse's usage lines and warnings."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    return [
        line
        for line in lines
        if not line.startswith(("usage:", " ", "spectab: warning:"))
    ]


def test_every_command_has_an_error_case():
    assert sorted(INPUT_ERRORS) == _commands()


@pytest.mark.parametrize("command", sorted(INPUT_ERRORS))
def test_an_input_error_is_one_spectab_error_line(command, tmp_path, spectab):
    argv = [arg.format(tmp=tmp_path) for arg in INPUT_ERRORS[command]]
    result = spectab(command, *argv, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = _error_lines(result.stderr)
    assert lines and all(line.startswith(PREFIX) for line in lines), result.stderr


@pytest.mark.parametrize("command", sorted(INPUT_ERRORS))
def test_a_usage_error_starts_as_every_error_does(command, tmp_path, spectab):
    result = spectab(command, "--no-such-flag", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"usage: spectab {command}"), result.stderr
    assert [line[: len(PREFIX)] for line in _error_lines(result.stderr)] == [PREFIX]


def test_an_unknown_command_starts_as_every_error_does(spectab):
    result = spectab("scrpe", "page.html")
    assert result.returncode == 2
    assert [line[: len(PREFIX)] for line in _error_lines(result.stderr)] == [PREFIX]
