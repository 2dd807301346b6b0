"""``spectab validate`` and ``spectab schema``: the spec format's own checks."""

from __future__ import annotations

import argparse
import json
import sys

from generator.curate.overrides import classification_stats
from generator.errors import SpecError
from generator.spec.io import json_schema, load_spec


def add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("specs", nargs="+", metavar="SPEC", help="spec files to check")
    parser.add_argument(
        "--stats",
        action="store_true",
        help="show how many entries each classification rule decided",
    )


def run_validate(args: argparse.Namespace) -> int:
    problems: list[str] = []
    for path in args.specs:
        try:
            spec = load_spec(path)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        print(f"{path}: ok ({len(spec.namespaces)} namespaces, {spec.entry_count} entries)")
        if args.stats:
            counts = classification_stats(spec)
            for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
                marker = "  <- fell to the default rule" if rule == "default" else ""
                print(f"  {count:6d}  {rule}{marker}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    return 0


def add_schema_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the schema is printed to stdout."""


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0
