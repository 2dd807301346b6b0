"""Where users wait (issue 21): start-up, the 10k-row scrape against pandas and lxml, the
same list as Markdown, reST and HTML, every corpus page, refresh across cores, and each
target alone against its peer with the 100k-code memory peak (bench/generate_goals.py).

Every command is a fresh subprocess (start-up included), run in rounds with its peers
interleaved so the load of the machine hits all alike; the report uses medians and ratios
from this one run. Timings are printed and written, never asserted.

    .venv/bin/python bench/latency.py                 5 rounds (corpus and refresh: 3)
    .venv/bin/python bench/latency.py --rounds 2 --write   also (re)write its RESULTS.md section
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work" / "latency"
RESULTS = BENCH / "RESULTS.md"
SECTION = "## Where users wait (issue 21)"
CORPUS = ROOT.parent / "shared" / "corpus" / "sources"
SPECTAB = str(Path(sys.executable).with_name("spectab"))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import generate_goals  # noqa: E402
import make_inputs  # noqa: E402

START_UP_GOAL = 0.060  # seconds: `spectab --version` and a scrape's start-up
PAGE_GOAL = 0.25  # seconds: every corpus page, start-up included
PANDAS_GOAL = 1.0  # spectab scrape / pandas.read_html, 10k-row HTML table
LXML_GOAL = 4.0  # spectab scrape / lxml's own parse of that page
REFRESH_GOAL = 1.5  # refresh of every corpus page / the slowest page alone
BIG_ROWS = 10_000  # rows of the HTML table pandas reads
READER_ROWS = 1_000  # rows of the Markdown / reST / HTML comparison
TINY = "| Code | Message |\n|---|---|\n| 1001 | Bad request |\n| 1002 | Not found |\n"
PANDAS = "import sys, pandas\nprint(max(len(t) for t in pandas.read_html(sys.argv[1])))\n"


def log(message: str) -> None:
    print(f"[latency {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], accept: tuple[int, ...] = (0,),
         env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its children) one fresh
    process takes; a failure that ``accept`` does not allow stops the run. CPU time is
    what the command needs; wall time also counts the waiting a loaded machine adds."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    took = time.perf_counter() - start
    if done.returncode not in accept:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr[-300:]!r}")
    return took, _children_cpu() - cpu


@dataclass
class Times:
    """Walls by label over the rounds."""

    walls: dict[str, list[float]] = field(default_factory=dict)
    cpus: dict[str, list[float]] = field(default_factory=dict)
    by_cpu: bool = False  # goals read CPU time (the machine was loaded) instead of wall

    def add(self, label: str, seconds: float | tuple[float, float]) -> None:
        took, cpu = seconds if isinstance(seconds, tuple) else (seconds, seconds)
        self.walls.setdefault(label, []).append(took)
        self.cpus.setdefault(label, []).append(cpu)

    def median(self, label: str) -> float:
        return statistics.median((self.cpus if self.by_cpu else self.walls)[label])

    def cell(self, label: str) -> str:
        values = self.walls[label]
        cpu = statistics.median(self.cpus[label])
        return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f}) | {cpu:.3f}"


def scrape(page: Path, out: Path, *extra: str) -> list[str]:
    return [SPECTAB, "scrape", str(page), *extra, "-o", str(out)]


def pages() -> dict[str, Path]:
    """The bench pages, written once: a tiny table, 10k rows of HTML, 1k rows three ways."""
    WORK.mkdir(parents=True, exist_ok=True)
    built = {
        "tiny.md": lambda: TINY,
        f"errors{BIG_ROWS}.html": lambda: make_inputs.html_page(BIG_ROWS),
        f"errors{READER_ROWS}.html": lambda: make_inputs.html_page(READER_ROWS),
        f"errors{READER_ROWS}.md": lambda: make_inputs.markdown_page(READER_ROWS),
        f"errors{READER_ROWS}.rst": lambda: make_inputs.rst_page(READER_ROWS),
    }
    found = {}
    for name, build in built.items():
        found[name] = WORK / name
        if not found[name].exists():
            found[name].write_text(build(), encoding="utf-8")
    return found


def lxml_parse(page: Path, rounds: int) -> float:
    """lxml's own parse of the page, in this process (best of ``rounds``)."""
    from lxml import etree

    data = page.read_bytes()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        etree.fromstring(data, etree.HTMLParser())
        best = min(best, time.process_time() - start)
    return best


def side_by_side(rounds: int, page: dict[str, Path], times: Times) -> None:
    """Start-up, the big table against pandas, and the three formats, interleaved by round."""
    out = WORK / "out.yaml"
    big = page[f"errors{BIG_ROWS}.html"]
    for run in range(rounds):
        log(f"start-up, {BIG_ROWS}-row table, {READER_ROWS}-row formats: round {run + 1}/{rounds}")
        times.add("python -c pass", wall([sys.executable, "-c", "pass"]))
        times.add("spectab --version", wall([SPECTAB, "--version"]))
        times.add("scrape, 2-row Markdown page", wall(scrape(page["tiny.md"], out)))
        times.add("spectab scrape 10k", wall(scrape(big, out, "--format", "html", "--id", "b")))
        times.add("pandas.read_html 10k", wall([sys.executable, "-c", PANDAS, str(big)]))
        for ext in ("html", "md", "rst"):
            times.add(f"scrape 1k {ext}", wall(scrape(page[f"errors{READER_ROWS}.{ext}"], out)))


def corpus(rounds: int, times: Times) -> list[Path]:
    """Every corpus page scraped as the scorer does; the pages that give a spec."""
    sources = sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []
    out = WORK / "corpus.yaml"
    good = []
    for run in range(rounds):
        log(f"corpus: {len(sources)} pages, round {run + 1}/{rounds}")
        for source in sources:
            out.unlink(missing_ok=True)
            times.add(f"page {source.name}", wall(scrape(source, out), accept=(0, 1, 2)))
            if run == 0 and out.exists():
                good.append(source)
    return good


def provider_folder(sources: list[Path]) -> Path:
    """A specs folder with one provider per corpus page (its snapshot a copy of the page)."""
    specs = WORK / "refresh-specs"
    shutil.rmtree(specs, ignore_errors=True)
    (specs / "sources").mkdir(parents=True)
    rows = ["providers:"]
    for index, source in enumerate(sources, 1):
        shutil.copyfile(source, specs / "sources" / source.name)
        rows += [
            f"- id: page{index:02d}",
            f"  name: {source.stem}",
            "  docs_url: https://example.com/",
            f"  snapshot: sources/{source.name}",
        ]
    (specs / "providers.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return specs


def refresh(rounds: int, sources: list[Path], times: Times) -> int:
    """``refresh --check`` of every page as a provider: one after another, and across cores."""
    specs = provider_folder(sources)
    wall([SPECTAB, "refresh", "--specs", str(specs), "--jobs", "1"])  # writes the specs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    for run in range(rounds):
        log(f"refresh: {len(sources)} providers, round {run + 1}/{rounds}")
        base = [SPECTAB, "refresh", "--check", "--specs", str(specs)]
        times.add("refresh --jobs 1", wall([*base, "--jobs", "1"]))
        times.add("refresh (every core)", wall(base))
    return cpus or 1


def status(met: bool) -> str:
    return "**met**" if met else "**not met**"


def goals(times: Times, parse: float, slowest: tuple[str, float], cpus: int,
          peaks: dict[str, float]) -> list[str]:
    """The goal table: each goal, its target, what this run measured."""
    scrape_big = times.median("spectab scrape 10k")
    pandas = times.median("pandas.read_html 10k")
    rows = [
        ("`spectab --version`", f"<= {START_UP_GOAL:.3f} s", times.median("spectab --version")),
        ("scrape start-up (2-row page)", f"<= {START_UP_GOAL:.3f} s",
         times.median("scrape, 2-row Markdown page")),
    ]
    lines = ["| goal | target | measured | status |", "|---|---|---|---|"]
    for goal, target, value in rows:
        lines.append(f"| {goal} | {target} | {value:.3f} s | {status(value <= START_UP_GOAL)} |")
    ratio = scrape_big / pandas
    lines.append(f"| {BIG_ROWS}-row HTML scrape vs pandas.read_html | <= {PANDAS_GOAL}x "
                 f"| {ratio:.2f}x | {status(ratio <= PANDAS_GOAL)} |")
    ratio = scrape_big / parse
    lines.append(f"| {BIG_ROWS}-row HTML scrape vs lxml's parse ({parse:.3f} s CPU in process) "
                 f"| <= {LXML_GOAL}x | {ratio:.1f}x | {status(ratio <= LXML_GOAL)} |")
    html = times.median("scrape 1k html")
    for ext in ("md", "rst"):
        value = times.median(f"scrape 1k {ext}")
        lines.append(f"| {READER_ROWS}-row {ext} vs the same HTML | <= 1.0x | {value / html:.2f}x "
                     f"| {status(value <= html)} |")
    if slowest[1]:
        lines.append(f"| slowest corpus page ({slowest[0]}) | < {PAGE_GOAL} s | {slowest[1]:.3f} s "
                     f"| {status(slowest[1] < PAGE_GOAL)} |")
    if "refresh (every core)" in times.walls:  # wall time: the point is using every core
        together = statistics.median(times.walls["refresh (every core)"])
        alone = statistics.median(times.walls["refresh --jobs 1"])
        value = together / statistics.median(times.walls[f"page {slowest[0]}"])
        lines.append(f"| refresh of the corpus pages on {cpus} cores vs the slowest page alone "
                     f"(wall; {alone / together:.2f}x faster than `--jobs 1`) "
                     f"| <= {REFRESH_GOAL}x | {value:.1f}x | {status(value <= REFRESH_GOAL)} |")
    if peaks:
        lines += generate_goals.goal_rows(times.median, peaks, status)
    return lines


def corpus_lines(times: Times) -> tuple[list[str], tuple[str, float]]:
    """The slowest five pages, how many miss the goal, and the slowest (name, seconds)."""
    walls = {label[5:]: times.median(label) for label in times.walls if label.startswith("page ")}
    if not walls:
        return [f"Not measured: {CORPUS} not found."], ("", 0.0)
    ranked = sorted(walls.items(), key=lambda item: -item[1])
    over = sum(1 for _, value in ranked if value >= PAGE_GOAL)
    lines = [f"{len(walls)} pages; {over} at or over {PAGE_GOAL} s; median page "
             f"{statistics.median(walls.values()):.3f} s. Slowest five (median wall s, min-max):",
             "", "| page | bytes | wall s | CPU s |", "|---|---:|---:|---:|"]
    for name, _ in ranked[:5]:
        lines.append(f"| {name} | {(CORPUS / name).stat().st_size} | {times.cell('page ' + name)} |")
    return lines, ranked[0]


TREE_DEPTH = 27  # characters of tree drawing kept: nine levels, every stage of a scrape


def profile_lines(label: str, args: list[str], keep: int = 90) -> list[str]:
    """The top of a pyinstrument call tree of one command (bench/profile_cmd.py), cut at
    ``TREE_DEPTH`` so that every stage shows, not only the first one's detail."""
    prefix = WORK / "profiles" / label
    command = [sys.executable, str(BENCH / "profile_cmd.py"), str(prefix), "--", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    tree = prefix.with_suffix(".tree.txt")
    if not tree.exists():
        return [f"profile of {label} failed: {done.stderr[-200:]}"]
    text = [
        line for line in tree.read_text("utf-8").splitlines()
        if len(line) - len(line.lstrip(" │├└─")) <= TREE_DEPTH
    ]
    return [f"### Profile: {label}", "", "```text", *text[:keep], "```", ""]


IMPORT_LINES = 15  # the heaviest packages of a small scrape's start-up


def startup_lines(page: Path, out: Path) -> list[str]:
    """Where a small scrape's start-up goes: ``-X importtime`` summed by package (self time,
    microseconds), beside the whole run, so the start-up goal's gap has its breakdown."""
    command = [sys.executable, "-X", "importtime", "-m", "generator", "scrape", str(page),
               "-o", str(out)]
    took, cpu = wall(command)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    by_package: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        parts = name.split(".")
        package = ".".join(parts[:3] if parts[0] == "generator" else parts[:1])
        by_package[package] = by_package.get(package, 0) + int(self_us)
    total = sum(by_package.values())
    lines = ["### Profile: start-up of a 2-row Markdown scrape (imports by package)", "",
             f"The whole run under `-X importtime`: {took:.3f} s wall, {cpu:.3f} s CPU; imports "
             f"{total / 1e6:.3f} s of it (self time summed by package; the heaviest "
             f"{IMPORT_LINES}):", "", "| package | import self time ms |", "|---|---:|"]
    for package, micros in sorted(by_package.items(), key=lambda item: -item[1])[:IMPORT_LINES]:
        lines.append(f"| {package} | {micros / 1000:.1f} |")
    return [*lines, ""]


def write_section(lines: list[str]) -> None:
    """Replace (or append) this script's section of RESULTS.md; the rest stays as it was."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head, _, tail = text.partition(SECTION)
    rest = tail[tail.find("\n## "):] if "\n## " in tail else ""
    body = "\n".join([SECTION, "", *lines]) + "\n"
    RESULTS.write_text(head.rstrip("\n") + "\n\n" + body + rest, encoding="utf-8")


def report(times: Times, parse: float, cpus: int, load: list[str], seconds: float,
           peaks: dict[str, float]) -> list[str]:
    """The section: how it was measured, the goals, the timings, the slowest pages."""
    page_lines, slowest = corpus_lines(times)
    measure = ("CPU time (user + system of each command's processes: the machine was loaded, "
               "so wall time measured mostly the waiting)" if times.by_cpu else "wall time")
    lines = [
        f"Goals read {measure}; the refresh goal reads wall time.",
        "",
        f"Written by `bench/latency.py` (`make bench`) in {seconds / 60:.1f} min on {cpus} "
        f"cores. Load average (1 min) at start {load[0]}, at end {load[-1]}: above {cpus} means "
        "other work shared the CPUs; absolute times are then inflated, ratios of commands run "
        "interleaved in the same rounds much less. Fresh subprocess per command (start-up "
        "included), median of the rounds.",
        "",
        *goals(times, parse, slowest, cpus, peaks),
        "",
        "| command | median wall s (min-max) | median CPU s |",
        "|---|---:|---:|",
        *(f"| {label} | {times.cell(label)} |" for label in times.walls if not
          label.startswith("page ")),
        "",
        "Corpus pages (`../shared/corpus/sources`, scraped as the scorer does):",
        "",
        *page_lines,
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each measurement")
    parser.add_argument("--write", action="store_true", help=f"write the section into {RESULTS.name}")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profiles")
    parser.add_argument("--no-generate", action="store_true",
                        help="skip the generate goals (targets alone against peers, 100k memory)")
    parser.add_argument("--by", choices=["auto", "wall", "cpu"], default="auto",
                        help="what goals read (auto: CPU time when the load exceeds the cores)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import compileall  # as run.py: a wheel install has bytecode; PYTHONDONTWRITEBYTECODE would
    compileall.compile_dir(str(ROOT / "generator"), quiet=1)  # recompile every measured run
    load = [f"{os.getloadavg()[0]:.1f}"]
    page = pages()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    by_cpu = args.by == "cpu" or (args.by == "auto" and os.getloadavg()[0] > (cores or 1))
    times = Times(by_cpu=by_cpu)
    side_by_side(args.rounds, page, times)
    parse = lxml_parse(page[f"errors{BIG_ROWS}.html"], args.rounds)
    good = corpus(max(1, min(3, args.rounds)), times)
    cpus = refresh(max(1, min(3, args.rounds)), good, times) if good else 1
    peaks = {} if args.no_generate else generate_goals.measure(
        max(1, min(3, args.rounds)), wall, times.add, log)
    load.append(f"{os.getloadavg()[0]:.1f}")
    lines = report(times, parse, cpus, load, time.perf_counter() - started, peaks)
    if not args.no_profile:
        lines += startup_lines(page["tiny.md"], WORK / "profile.yaml")
        _, slowest = corpus_lines(times)
        out = str(WORK / "profile.yaml")
        if slowest[0]:
            lines += profile_lines(f"slowest corpus page ({slowest[0]})",
                                   ["scrape", str(CORPUS / slowest[0]), "-o", out])
        lines += profile_lines(f"scrape of the {BIG_ROWS}-row table",
                               ["scrape", str(page[f"errors{BIG_ROWS}.html"]), "--format", "html",
                                "--id", "b", "-o", out])
        if not args.no_generate:
            folder = generate_goals.inputs(generate_goals.TARGET_CODES)
            lines += profile_lines(
                f"TypeScript target alone, {generate_goals.TARGET_CODES} codes, cold",
                generate_goals.spectab(folder, "typescript")()[1:], keep=60)
    print("\n".join(lines))
    if args.write:
        write_section(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
