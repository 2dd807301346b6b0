"""Placeholder: `spectab vendor` is being built."""

from __future__ import annotations

import argparse

from .errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise InputError("not implemented yet")
