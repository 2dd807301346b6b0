"""``spectab generate``: render specs into ``out/`` (python, typescript, openapi, markdown).

Everything is rendered in memory first (pipeline.py), then compared with ``out/``: ``--check``
prints a unified diff per stale, missing or extra file and exits 1; otherwise changed files
are written (temp file + rename) and outputs of removed specs are deleted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .targets import TARGETS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--specs", default="specs", metavar="DIR", help="spec folder (specs)")
    parser.add_argument("--out", default="out", metavar="DIR", help="output folder (out)")
    parser.add_argument(
        "--target",
        action="append",
        choices=list(TARGETS),
        metavar="NAME",
        help=f"generate only this target (repeatable): {', '.join(TARGETS)}",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 if out/ is not up to date",
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        help="folder of templates overriding the built-in ones by relative path",
    )
    parser.add_argument(
        "--openapi-version",
        choices=["3.1", "3.0"],
        default="3.1",
        help="OpenAPI version of out/openapi (3.1)",
    )
    parser.add_argument(
        "--docs-base-url",
        default="",
        metavar="URL",
        help="where out/docs is published; doc_url = URL + <id>.md#<anchor> (default: relative)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore the formatting cache and the record of the last run",
    )


def run(args: argparse.Namespace) -> int:
    from . import outputs, pipeline, targets
    from .formatting import cache_root
    from .report import warn
    from .viewmodel import Options

    out_dir = Path(args.out)
    selected = targets.select(args.target)
    options = Options(openapi_version=args.openapi_version, docs_base_url=args.docs_base_url)
    cache_dir = None if args.no_cache else cache_root()
    plan = pipeline.build(
        Path(args.specs),
        out_dir,
        selected,
        options,
        templates=Path(args.templates) if args.templates else None,
        cache_dir=cache_dir,
        use_manifest=not args.no_cache,
        warn=warn,
    )
    existing = outputs.scan(out_dir, selected)
    changed, missing, extra = outputs.stale(out_dir, plan.desired, existing)
    if args.check:
        if changed or missing or extra:
            sys.stdout.write(outputs.unified_diffs(out_dir, plan.desired, changed, missing, extra))
            print(
                f"spectab: {out_dir} is stale: {len(changed)} changed, {len(missing)} missing, "
                f"{len(extra)} extra; run `spectab generate`",
                file=sys.stderr,
            )
            return 1
        pipeline.save_manifest(cache_dir, out_dir, plan.records)
        print(f"spectab: {out_dir} is up to date ({len(plan.desired)} files)", file=sys.stderr)
        return 0
    outputs.apply(out_dir, plan.desired, changed, missing, extra)
    pipeline.save_manifest(cache_dir, out_dir, plan.records)
    unchanged = len(plan.desired) - len(changed) - len(missing)
    print(
        f"spectab: {out_dir}: {len(changed) + len(missing)} written, {len(extra)} deleted, "
        f"{unchanged} unchanged ({plan.rendered} rendered, {plan.reused} reused)",
        file=sys.stderr,
    )
    return 0
