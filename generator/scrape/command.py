"""``spectab scrape`` (placeholder until the readers land)."""

from __future__ import annotations

import argparse

from ..errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="a file path or http(s):// URL")
    parser.add_argument("--id", dest="provider_id", help="provider id (default: from the file name)")
    parser.add_argument(
        "--format", default="auto", choices=["auto", "html", "markdown", "rst", "text", "json"]
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the spec here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    raise InputError("scrape: not implemented yet")
