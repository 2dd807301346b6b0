"""The README's "Your own catalogue", run as printed: init, add three pages (one with a
hint), generate, vendor into a consumer folder; then a reworded page, refresh and diff,
and no code changes its name. The commands are read from the README, so the two cannot
drift apart; only `pip install` is skipped (the spectab under test is put first on PATH)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "fixtures" / "pages" / "shapes"
# the pages the README adds (saved copies next to the catalogue) -> the fixtures used for them
PAGES = {
    "payments.html": "code_header_twice.html",
    "jobs.rst": "list_table.rst",
    "notify.md": "section_hint.md",  # two lists; the README's --section hint picks one
}
REWORD = ("Job not found", "No such job")  # in jobs.rst; a fresh scrape names it NO_SUCH_JOB


def readme_blocks() -> list[str]:
    """The shell blocks of the README's "Your own catalogue" section, in order."""
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("## Your own catalogue\n")
    end = readme.index("\n## ", start + 1)
    return re.findall(r"```sh\n(.*?)```", readme[start:end], re.DOTALL)


def run_block(block: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    lines = [line for line in block.splitlines() if not line.startswith("pip install ")]
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def names(spec_file: Path) -> dict[tuple[str, object], str]:
    spec = yaml.safe_load(spec_file.read_text("utf-8"))
    return {
        (ns["id"], entry["code"]): entry["name"]
        for ns in spec["namespaces"]
        for entry in ns["errors"]
    }


def specs_of(catalogue: Path) -> list[Path]:
    found = sorted((catalogue / "specs").glob("*.yaml"))
    return [p for p in found if p.name != "providers.yaml" and ".overrides." not in p.name]


def test_the_readme_walkthrough_runs_and_a_reword_renames_nothing(tmp_path):
    setup, reworded = readme_blocks()
    assert re.search(r"^pip install ", setup, re.MULTILINE)  # it starts from the install
    assert setup.count("spectab add ") == 3 and "--section" in setup
    (tmp_path / "pages").mkdir()
    (tmp_path / "gitconfig").write_text("")
    for name in re.findall(r"spectab add \.\./pages/(\S+)", setup):
        shutil.copy(SHAPES / PAGES[name], tmp_path / "pages" / name)
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        SPECTAB_CACHE_DIR=str(tmp_path / "cache"),
        GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"),  # none of the machine's settings
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        PYTHONIOENCODING="utf-8",
    )
    first = run_block(setup, tmp_path, env)
    assert first.returncode == 0, first.stdout + first.stderr
    catalogue, consumer = tmp_path / "catalogue", tmp_path / "app" / "src" / "errors"
    for provider in ("payments", "jobs", "notify"):
        assert (catalogue / "out" / "python" / f"{provider}.py").is_file()
        assert (consumer / "python" / f"{provider}.py").is_file()
    notify = yaml.safe_load((catalogue / "specs" / "notify.yaml").read_text())
    assert [ns["id"] for ns in notify["namespaces"]] == ["push_errors"]  # the hint held
    before = {p.name: names(p) for p in specs_of(catalogue)}
    assert before["jobs.yaml"][("job_status_codes", -2)] == "JOB_NOT_FOUND"

    page = tmp_path / "pages" / "jobs.rst"
    page.write_text(page.read_text().replace(*REWORD))  # the provider rewords its page
    second = run_block(reworded, catalogue, env)
    assert second.returncode == 0, second.stdout + second.stderr  # diff --fail-on breaking
    assert "message_changed" in second.stdout and "name_changed" not in second.stdout
    after = {p.name: names(p) for p in specs_of(catalogue)}
    assert after == before and sorted(after) == ["jobs.yaml", "notify.yaml", "payments.yaml"]
    vendored = (consumer / "python" / "jobs.py").read_text()
    assert "JOB_NOT_FOUND" in vendored and REWORD[1] in vendored
    fresh = subprocess.run(  # without the committed spec the reworded message renames it
        ["spectab", "scrape", str(page), "--id", "jobs"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "NO_SUCH_JOB" in fresh.stdout
    verify = run_block("spectab vendor --verify ../app/src/errors\n", catalogue, env)
    assert verify.returncode == 0, verify.stdout + verify.stderr
