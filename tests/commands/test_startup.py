"""Start-up does only what the command needs (issue 21): ``--version`` builds no parser and
imports no command; a scrape reads its packaged rule tables with libyaml and without
importlib.resources (which pulls in tempfile, zipfile and threading). Timed in
bench/latency.py, never here: these tests check the work is not done at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PAGE = "| Code | Message |\n|---|---|\n| 1001 | Bad request |\n| 1002 | Not found |\n"

# run in a fresh interpreter: what it imported and which YAML reader read the rule tables
PROBE = """
import contextlib, io, json, sys
import yaml.reader
pure = []
original = yaml.reader.Reader.__init__
def spy(self, stream):
    pure.append(str(stream)[:40])
    original(self, stream)
yaml.reader.Reader.__init__ = spy
from generator.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "out": out.getvalue()[:200], "pure_yaml": pure,
                  "modules": sorted(sys.modules)}))
"""


def _probe(*argv: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_version_imports_no_command_and_no_argparse():
    result = _probe("--version")
    modules = result["modules"]
    assert isinstance(modules, list)
    assert result["code"] == 0 and str(result["out"]).startswith("spectab ")
    assert "argparse" not in modules
    assert not [name for name in modules if name.startswith("generator.commands")]


def test_a_scrape_reads_its_rule_tables_with_libyaml_and_no_importlib_resources(tmp_path):
    page = tmp_path / "errors.md"
    page.write_text(PAGE, encoding="utf-8")
    result = _probe("scrape", str(page))
    assert result["code"] == 0 and str(result["out"]).startswith("spectab: 1")
    assert result["pure_yaml"] == []  # classify_rules.yaml, rules.yaml: 40x slower in Python
    modules = result["modules"]
    assert isinstance(modules, list)
    assert "importlib.resources" not in modules


# modules a plain Markdown scrape has no use for: the HTML reader (lxml), the recipe hint,
# the hint suggestions (only when a page yields nothing), --explain's printer
NOT_FOR_A_MARKDOWN_SCRAPE = (
    "lxml",
    "generator.scrape.readers.html",
    "generator.scrape.recipe.spec",
    "generator.scrape.recipe.build",
    "generator.scrape.interpret.suggest",
    "generator.scrape.suggesting",
    "generator.scrape.explain",
    "generator.scrape.web",
)


def test_a_markdown_scrape_imports_no_html_reader_recipe_or_suggestions(tmp_path):
    page = tmp_path / "errors.md"
    page.write_text(PAGE, encoding="utf-8")
    result = _probe("scrape", str(page))
    assert result["code"] == 0 and str(result["out"]).startswith("spectab: 1")
    modules = result["modules"]
    assert isinstance(modules, list)
    unwanted = NOT_FOR_A_MARKDOWN_SCRAPE
    loaded = [name for name in modules if name.startswith(unwanted) or name in unwanted]
    assert loaded == []


# the scrape's cycle collector after the command: main() on the process's own command line
# (``python -m generator``, the ``spectab`` script) or main(argv) called in a process that
# goes on (tests, tools)
GC_PROBE = """
import contextlib, gc, io, sys
from generator.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main() if sys.argv.pop(1) == "own" else main(sys.argv[1:])
print(code, gc.isenabled())
"""


def test_a_scrape_that_ends_its_process_leaves_the_cycle_collector_off(tmp_path):
    """Turned back on, the collector would scan everything the scrape left, and the
    interpreter's exit all of it again: work that frees nothing the exit does not."""
    page = tmp_path / "errors.md"
    page.write_text(PAGE, encoding="utf-8")
    said = {}
    for mode in ("own", "called"):
        done = subprocess.run(
            [sys.executable, "-c", GC_PROBE, mode, "scrape", str(page)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        said[mode] = done.stdout.split()[-2:]
    assert said == {"own": ["0", "False"], "called": ["0", "True"]}
