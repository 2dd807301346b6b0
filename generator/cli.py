"""Argument parsing only: each subcommand lives in its own module.

A command module provides ``add_arguments(parser)`` and ``run(args) -> int``; this file
only maps names to modules, so commands can grow without touching each other.
Exit codes everywhere: 0 ok, 1 a check found something, 2 usage or input error.
"""

from __future__ import annotations

import sys

from generator import __version__
from generator.errors import SpecError, SpectabError

TYPE_CHECKING = False  # typing and argparse cost 10 ms to import: more than a warm run
if TYPE_CHECKING:
    import argparse
    from typing import Sequence

COMMANDS = {
    "scrape": ("generator.commands.scrape", "read a documentation page into a spec"),
    "refresh": ("generator.commands.refresh", "re-scrape providers listed in specs/providers.yaml"),
    "generate": (
        "generator.commands.generate",
        "render specs into out/ (python, typescript, openapi, markdown)",
    ),
    "diff": (
        "generator.commands.diff",
        "show what changed between two specs and how much it breaks",
    ),
    "validate": (
        "generator.commands.validate",
        "check specs, overrides and providers.yaml; report every problem",
    ),
    "schema": (
        "generator.commands.validate",
        "print the JSON Schema of a spec, overrides or providers file",
    ),
    "vendor": (
        "generator.commands.vendor",
        "copy generated files into another repo, with a manifest",
    ),
    "init": ("generator.commands.init", "start a catalogue: settings, providers.yaml, CI"),
    "add": (
        "generator.commands.add",
        "add a provider: save its page, list it, scrape its spec",
    ),
}


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            """Usage, then one line that starts as every other spectab error does."""
            self.print_usage(sys.stderr)
            print(f"spectab: error: {message}", file=sys.stderr)
            raise SystemExit(2)

    return Parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``only`` just that command's options (the others are listed
    but their modules are not imported: a CI run of one command should not pay for all)."""
    import importlib

    parser_class = _parser_class()
    parser = parser_class(
        prog="spectab", description="Error tables from API docs, as specs and code."
    )
    parser.add_argument("--version", action="version", version=f"spectab {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        adder = getattr(module, f"add_{name}_arguments", None) or module.add_arguments
        adder(command_parser)
        runner = getattr(module, f"run_{name}", None) or module.run
        command_parser.set_defaults(run=runner)
    parser.set_defaults(command_parsers=sub.choices)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; an unknown flag is the subcommand's error (its usage, not the top
    level's), with the closest option it has when one is close."""
    args, extras = parser.parse_known_args(argv)
    if not extras:
        return args
    command = getattr(args, "command_parsers", {}).get(getattr(args, "command", None), parser)
    message = f"unrecognized arguments: {' '.join(extras)}"
    suggestion = _did_you_mean(command, extras)
    command.error(f"{message} (did you mean {suggestion}?)" if suggestion else message)
    raise AssertionError("unreachable")  # error() exits


def _did_you_mean(parser: argparse.ArgumentParser, extras: list[str]) -> str | None:
    """The option of ``parser`` closest to the first unknown flag, if one is close."""
    import difflib

    options = {
        option.lstrip("-"): option for action in parser._actions for option in action.option_strings
    }
    for extra in extras:
        if extra.startswith("-"):  # compared without the dashes every option shares
            flag = extra.split("=", 1)[0].lstrip("-")
            close = difflib.get_close_matches(flag, list(options), n=1, cutoff=SIMILAR)
            if close:
                return options[close[0]]
    return None


SIMILAR = 0.6  # difflib ratio from which an unknown flag is taken for a typo of an option


def _tolerant_streams() -> None:
    """A terminal or pipe that is not UTF-8 (``PYTHONIOENCODING=ascii``, the POSIX locale)
    gets escapes for what it cannot show, never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and stream.encoding.lower().replace("-", "") != "utf8":
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    own_process = argv is None  # the process's command line: it ends when the command returns
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # answered before argparse and every command module is imported
        print(f"spectab {__version__}")
        return 0
    if argv[:1] == ["generate"]:
        from generator.render.uptodate import replay

        unchanged = replay(argv)  # nothing changed since the last run: done, before argparse
        if unchanged is not None:
            return unchanged
    first = argv[0] if argv else None
    parser = build_parser(only=first if first in COMMANDS else None)
    args = _parse(parser, argv)
    args.argv = argv
    args.own_process = own_process
    try:
        code: int = args.run(args)
        return code
    except SpectabError as exc:
        from generator.report import printable

        lines = exc.problems if isinstance(exc, SpecError) else [str(exc)]
        for line in lines:  # every problem of a list, each a line of its own
            print(f"spectab: error: {printable(line)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
