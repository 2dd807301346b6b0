"""The "When reading fails" walk-through of docs/scraping.md (issue 23 item 4) is what the
commands print: each ``$ spectab ...`` example is run, and every line it shows (``...`` is
a gap) must be in its output; its overrides example applies."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "scraping.md"
TITLE = "## When reading fails"
# a fenced block: its language and its text
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def section() -> str:
    text = DOCS.read_text(encoding="utf-8")
    assert TITLE in text
    start = text.index(TITLE)
    end = text.find("\n## ", start + len(TITLE))
    return text[start : end if end > 0 else len(text)]


def examples() -> list[tuple[str, list[str]]]:
    """Each console command with the lines shown after it."""
    found: list[tuple[str, list[str]]] = []
    for language, body in FENCE.findall(section()):
        if language != "console":
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif line.strip() != "...":
                found[-1][1].append(line)
    return found


def shown_in(line: str, output: list[str]) -> bool:
    """The shown line is an output line, ``...`` standing for anything."""
    pattern = ".*".join(re.escape(part) for part in line.split("..."))
    return any(re.fullmatch(pattern, said) for said in output)


def test_the_section_walks_explain_hint_recipe_overrides():
    text = section()
    steps = ["**1. Explain.**", "**2. Hint.**", "**3. Recipe.**", "**4. Overrides.**"]
    assert [text.index(step) for step in steps] == sorted(text.index(step) for step in steps)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### When reading fails" in readme and "docs/scraping.md#when-reading-fails" in readme


def test_every_console_example_prints_what_the_docs_show(spectab):
    runs = examples()
    assert len(runs) >= 4
    for command, shown in runs:
        words = shlex.split(command)
        assert words[0] == "spectab"
        result = spectab(*words[1:])
        output = (result.stdout + result.stderr).splitlines()
        missing = [line for line in shown if not shown_in(line, output)]
        assert not missing, f"{command}: not printed: {missing}\n{result.stdout}{result.stderr}"


def test_the_overrides_example_applies(spectab, tmp_path):
    blocks = [body for language, body in FENCE.findall(section()) if language == "yaml"]
    assert len(blocks) == 1
    overrides = tmp_path / "cards.overrides.yaml"
    overrides.write_text(blocks[0], encoding="utf-8")
    page = "tests/fixtures/pages/shapes/hint_section_no_error_words.md"
    result = spectab("scrape", page, "--section", "Decline reasons", "--overrides", str(overrides))
    assert result.returncode == 0, result.stderr
    namespace = yaml.safe_load(result.stdout)["namespaces"][0]
    assert namespace["id"] == "declines"
    first = namespace["errors"][0]
    assert (first["code"], first["category"], first["retry"]) == ("05", "permission", "never")
