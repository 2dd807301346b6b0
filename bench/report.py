"""Write bench/RESULTS.md: the machine, the medians, the ratios, the goals, the profiles.

The analysis between the NOTES markers is written by people and kept across runs; the
rest is rewritten by every ``make bench``.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from corpus import table as corpus_table
from measure import Series, driver_peak_mb

NOTES_START = "<!-- notes:start (kept by bench/run.py; edit freely) -->"
NOTES_END = "<!-- notes:end -->"

# goals of issue 21 (issue 6 asked 500 MB and 1.5x)
HUGE_PEAK_MB = 250  # peak memory of generate on 100k codes in one spec
SCRAPE_VS_PANDAS = 1.0  # spectab scrape / pandas.read_html on the 10k-row table


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return "not found"
    return (
        (done.stdout.strip() or done.stderr.strip()).splitlines()[-1]
        if (done.stdout or done.stderr)
        else "?"
    )


def _pkg(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _npm_pkg(root: Path, name: str) -> str:
    manifest = root / "node_modules" / name / "package.json"
    return (
        json.loads(manifest.read_text("utf-8"))["version"] if manifest.exists() else "not installed"
    )


def machine(root: Path) -> list[str]:
    """The facts needed to compare these numbers with another machine's."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    import yaml

    commit = _version(["git", "-C", str(root), "rev-parse", "--short", "HEAD"])
    dirty = _version(
        ["git", "-C", str(root), "status", "--porcelain", "--", "generator", "templates"]
    )
    return [
        f"- CPU: {cpu.group(1).strip() if cpu else platform.processor() or '?'}, {os.cpu_count()} cores "
        f"(affinity: {len(os.sched_getaffinity(0))})",
        f"- Memory: {int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "- Memory: ?",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({sys.executable}); Node {_version(['node', '--version'])}; "
        f"npm {_version(['npm', '--version'])}",
        f"- spectab {_pkg('spectab')} at commit {commit}"
        + (
            " with uncommitted changes in generator/ or templates/"
            if dirty and dirty != "?"
            else ""
        ),
        f"- black {_pkg('black')}, Jinja2 {_pkg('Jinja2')}, PyYAML {_pkg('PyYAML')} "
        f"(libyaml {'yes' if yaml.__with_libyaml__ else 'no'}), lxml {_pkg('lxml')}, "
        f"fastjsonschema {_pkg('fastjsonschema')}, jsonschema {_pkg('jsonschema')}",
        f"- peers: datamodel-code-generator {_pkg('datamodel-code-generator')}, pandas {_pkg('pandas')}, "
        f"openapi-typescript {_npm_pkg(root, 'openapi-typescript')}",
        f"- profiler: pyinstrument {_pkg('pyinstrument')}",
        f"- generator/ byte-compiled before measuring (as a wheel install is); "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '(unset)')}",
    ]


# ------------------------------------------------------------------ formatting


def _s(series: Series | None) -> str:
    if series is None or not series.samples:
        return "n/a"
    if len(series.samples) == 1:
        return f"{series.wall:.3f}"
    return f"{series.wall:.3f} ({series.wall_min:.3f}-{series.wall_max:.3f})"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _ratio(a: Series | None, b: Series | None) -> float | None:
    if a is None or b is None or not a.samples or not b.samples:
        return None
    return a.wall / b.wall


def _r(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}x"


@dataclass
class Goal:
    text: str
    target: str
    measured: str
    met: bool | None  # None: could not be measured

    @property
    def status(self) -> str:
        return {True: "**met**", False: "**not met**", None: "not measured"}[self.met]


@dataclass
class Report:
    plan: Any
    results: Any
    tools: Any
    elapsed: float
    root: Path
    sized: dict[int, Any]

    def get(self, key: str) -> Series | None:
        series: Series | None = self.results.series.get(key)
        return series

    # -------------------------------------------------------------- goals

    def goals(self) -> list[Goal]:
        sizes = self.plan.sizes
        small, large = sizes[0], sizes[-1]
        prev = sizes[-2] if len(sizes) > 1 else sizes[-1]
        goals: list[Goal] = []

        def ratio_goal(text: str, key: str, peer: str, limit: float) -> Goal:
            value = _ratio(self.get(key), self.get(peer))
            return Goal(text, f"<= {limit}x", _r(value), None if value is None else value <= limit)

        goals.append(
            ratio_goal(
                f"{small} codes, 4 targets, cold vs datamodel-codegen",
                f"gen_cold:{small}",
                f"dmcg:{small}",
                0.5,
            )
        )
        goals.append(
            ratio_goal(
                f"{large} codes, 4 targets, cold vs datamodel-codegen",
                f"gen_cold:{large}",
                f"dmcg:{large}",
                0.75,
            )
        )
        for size in sizes:
            goals.append(
                ratio_goal(
                    f"{size} codes, warm (nothing changed) vs datamodel-codegen",
                    f"gen_warm:{size}",
                    f"dmcg:{size}",
                    0.05,
                )
            )
        limit = 1.2 * large / prev
        value = _ratio(self.get(f"gen_cold:{large}"), self.get(f"gen_cold:{prev}"))
        goals.append(
            Goal(
                f"linear: cold time({large}) / time({prev})",
                f"<= {limit:g}",
                _r(value),
                None if value is None else value <= limit,
            )
        )
        huge = self.get("huge_cold")
        if huge and huge.samples:
            peak = max(huge.rss, huge.tree_peak or 0.0)
            goals.append(
                Goal(
                    f"{self.plan.huge} codes in one spec: peak memory",
                    f"< {HUGE_PEAK_MB} MB",
                    f"{peak:.0f} MB",
                    peak < HUGE_PEAK_MB,
                )
            )
        else:
            goals.append(
                Goal(f"{self.plan.huge} codes in one spec: peak memory", f"< {HUGE_PEAK_MB} MB", "n/a", None)
            )
        goals.append(
            ratio_goal(
                f"scrape of the {self.plan.html_rows}-row table vs pandas.read_html",
                "scrape",
                "pandas",
                SCRAPE_VS_PANDAS,
            )
        )
        return goals

    # -------------------------------------------------------------- sections

    def generate_table(self) -> list[str]:
        lines = [
            "| codes | spectab cold (4 targets) | spectab warm | datamodel-codegen (Python enum) | openapi-typescript (TS) | cold / dmcg | warm / dmcg | cold / ots |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size in self.plan.sizes:
            cold, warm, dmcg, ots = (
                self.get(f"{k}:{size}") for k in ("gen_cold", "gen_warm", "dmcg", "ots")
            )
            lines.append(
                f"| {size} | {_s(cold)} | {_s(warm)} | {_s(dmcg)} | {_s(ots)} | {_r(_ratio(cold, dmcg))} "
                f"| {_r(_ratio(warm, dmcg))} | {_r(_ratio(cold, ots))} |"
            )
        lines += [
            "",
            "Peak RSS of the largest process (MB):",
            "",
            "| codes | spectab cold | spectab warm | datamodel-codegen | openapi-typescript |",
            "|---:|---:|---:|---:|---:|",
        ]
        for size in self.plan.sizes:
            row = [self.get(f"{k}:{size}") for k in ("gen_cold", "gen_warm", "dmcg", "ots")]
            lines.append(
                f"| {size} | "
                + " | ".join(_mb(s.rss if s and s.samples else None) for s in row)
                + " |"
            )
        floor_py, floor_cli, dmcg_small = (
            self.get("python_startup"),
            self.get("spectab_version"),
            self.get(f"dmcg:{self.plan.sizes[0]}"),
        )
        budget = f"{0.05 * dmcg_small.wall:.3f} s" if dmcg_small and dmcg_small.samples else "n/a"
        lines += [
            "",
            f"Start-up floor under every run: `python -c pass` {_s(floor_py)} s; `spectab --version` "
            f"(answered before argparse and any command is imported) {_s(floor_cli)} s. For comparison, the warm goal at "
            f"{self.plan.sizes[0]} codes allows {budget}.",
        ]
        outputs = self.results.outputs
        produced = [
            f"{size} codes: spectab {outputs.get(f'gen:{size}', 'n/a')}; peers {outputs.get(f'peers:{size}', 'n/a')}"
            for size in self.plan.sizes
        ]
        return lines + ["", "Output written per run: " + "; ".join(produced) + "."]

    def scaling_table(self) -> list[str]:
        plan = self.plan
        lines = [
            "| scenario | runs | median wall s | per spec / per 1k codes | peak RSS, largest process (MB) | peak RSS, process tree sampled (MB) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for key, label, per, unit in (
            (
                "many_cold",
                f"{plan.many_specs} specs x {plan.many_size} codes, cold",
                plan.many_specs,
                "spec",
            ),
            (
                "many_warm",
                f"{plan.many_specs} specs x {plan.many_size} codes, warm",
                plan.many_specs,
                "spec",
            ),
            (
                "many_one_changed",
                f"{plan.many_specs} specs x {plan.many_size} codes, one spec changed",
                1,
                "changed spec",
            ),
            ("huge_cold", f"1 spec x {plan.huge} codes, cold", plan.huge / 1000, "1k codes"),
            ("huge_warm", f"1 spec x {plan.huge} codes, warm", plan.huge / 1000, "1k codes"),
        ):
            series = self.get(key)
            if series is None or not series.samples:
                lines.append(f"| {label} | 0 | n/a | n/a | n/a | n/a |")
                continue
            lines.append(
                f"| {label} | {len(series.samples)} | {_s(series)} | {series.wall / per:.3f} s / {unit} "
                f"| {_mb(series.rss)} | {_mb(series.tree_peak)} |"
            )
        return lines

    def scrape_table(self) -> list[str]:
        out = self.results.outputs
        lines = ["| tool | median wall s | rows found | peak RSS (MB) |", "|---|---:|---:|---:|"]
        for key, label, rows in (
            ("scrape", "spectab scrape (page -> canonical spec)", out.get("scrape_rows", "n/a")),
            ("pandas", "pandas.read_html (page -> DataFrame)", out.get("pandas_rows", "n/a")),
        ):
            series = self.get(key)
            lines.append(
                f"| {label} | {_s(series)} | {rows} | {_mb(series.rss if series and series.samples else None)} |"
            )
        lines.append("")
        lines.append(
            f"Ratio spectab / pandas: {_r(_ratio(self.get('scrape'), self.get('pandas')))}"
        )
        return lines

    def profile_sections(self) -> list[str]:
        lines: list[str] = []
        for label, prefix in self.results.profiles.items():
            top = json.loads(prefix.with_suffix(".top.json").read_text("utf-8"))
            tree = prefix.with_suffix(".tree.txt").read_text("utf-8").splitlines()
            lines += [
                f"### {label} ({top['duration']:.2f} s under the profiler)",
                "",
                "Top functions by self time (summed over call sites):",
                "",
                "| self s | share | function | where |",
                "|---:|---:|---|---|",
            ]
            for row in top["top_self"][:15]:
                share = row["seconds"] / top["duration"] if top["duration"] else 0.0
                lines.append(
                    f"| {row['seconds']:.3f} | {share:.0%} | `{row['function']}` | {row['file']}:{row['line']} |"
                )
            body = [line for line in tree if line.strip()][:70]
            lines += [
                "",
                "Call tree (pyinstrument, wall clock, trimmed):",
                "",
                "```text",
                *body,
                "```",
                "",
            ]
        return lines

    def commands(self) -> list[str]:
        tools = self.tools
        wd = Path("bench/work")
        example = {
            "spectab generate": tools.generate(wd / "inputs/…/specs", wd / "runs/out"),
            "datamodel-codegen": tools.datamodel_codegen(
                wd / "inputs/…/benchN.schema.json", wd / "runs/peer"
            ),
            "spectab scrape": tools.scrape(wd / "inputs/…/errorsN.html", wd / "runs/scrape"),
            "pandas": ["python", "-c", "pandas.read_html(page)"],
        }
        if tools.openapi_typescript:
            example["openapi-typescript"] = tools.ots(
                wd / "inputs/…/benchN.openapi.json", wd / "runs/peer"
            )
        lines = []
        for name, command in example.items():
            shown = " ".join(
                (
                    Path(part).name
                    if part.startswith("/")
                    and part.endswith(("spectab", "datamodel-codegen", "openapi-typescript"))
                    else part
                )
                for part in command
            )
            lines.append(f"- {name}: `{shown}`")
        return lines

    # -------------------------------------------------------------- whole

    def render(self, notes: str) -> str:
        plan, results = self.plan, self.results
        title = "Benchmark results" + (
            " (QUICK smoke run: sizes too small for the goals)" if plan.quick else ""
        )
        goals = self.goals()
        lines = [
            f"# {title}",
            "",
            f"Written by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d')} in {self.elapsed / 60:.1f} min. "
            f"Wall time of each command as a fresh subprocess (interpreter start-up included), median of "
            f"{plan.runs} runs (min-max in brackets), tools interleaved run by run; ratios are spectab / peer "
            "from this same run. Peak memory: `wait4` rusage of each child (largest single process), and "
            "for the scaling and scrape rows also the summed RSS of the whole process tree sampled every 20 ms. "
            f"Per-child peaks cannot read below this driver's own peak ({driver_peak_mb():.0f} MB), "
            "which Linux charges to each child until it execs.",
            "",
            "## Machine",
            "",
            *machine(self.root),
            "- Load average (1, 5, 15 min) at start: "
            + " / ".join(f"{value:.2f}" for value in results.load[0])
            + "; at end: "
            + " / ".join(f"{value:.2f}" for value in results.load[-1])
            + f" (above {os.cpu_count()} means other work shared the CPUs and inflated times)",
            "",
            "## Goals (issues 6 and 21; the rest of issue 21 in its own section below)",
            "",
            "| goal | target | measured | status |",
            "|---|---|---|---|",
            *[f"| {g.text} | {g.target} | {g.measured} | {g.status} |" for g in goals],
            "",
            "## Generate: spectab (python, typescript, openapi, markdown) vs peers on the same codes",
            "",
            "Cold: empty `SPECTAB_CACHE_DIR` and empty out dir. Warm: the same command again, nothing changed. "
            "datamodel-codegen renders only the Python enums (from the JSON Schema), openapi-typescript only "
            "the TypeScript (from the OpenAPI document); spectab renders all four targets. Seconds:",
            "",
            *self.generate_table(),
            "",
            "## Scaling",
            "",
            *self.scaling_table(),
            "",
            f"## Scrape: one {plan.html_rows}-row HTML error table",
            "",
            *self.scrape_table(),
            "",
            "## Corpus: the real pages of ../shared/corpus (rules were written against them: this measures fit, not generality)",
            "",
            *(corpus_table(results.corpus) if results.corpus else ["Not measured in this run."]),
            "",
            "## Checks made while measuring",
            "",
            *([f"- {note}" for note in results.notes] or ["- (none)"]),
            "",
        ]
        if results.errors:
            lines += ["## What could not be measured", ""]
            lines += [f"- `{key}`: {message}" for key, message in sorted(results.errors.items())]
            lines.append("")
        lines += [
            "## Commands",
            "",
            *self.commands(),
            "",
            "Inputs: `bench/make_inputs.py` (seeded): 75% of the codes in a string-coded namespace, 25% in an "
            "integer-coded one; realistic telecom messages with quotes, pipes, `&`, `<`, non-ASCII; 40% with a "
            "description. The JSON Schema and OpenAPI document hold the same codes with `x-enum-varnames`.",
            "",
        ]
        if results.profiles:
            lines += ["## Profiles", "", *self.profile_sections()]
        lines += ["## Analysis and suggestions", "", NOTES_START, notes.strip("\n"), NOTES_END, ""]
        return "\n".join(lines)

    def summary(self) -> str:
        rows = [
            f"{g.status.strip('*'):>12}  {g.text}: {g.measured} (target {g.target})"
            for g in self.goals()
        ]
        return "\n".join(rows)


def _kept_notes(path: Path) -> str:
    if not path.exists():
        return "\n(no analysis written yet)\n"
    text = path.read_text("utf-8")
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    if start == -1 or end == -1:
        return "\n(no analysis written yet)\n"
    return text[start + len(NOTES_START) : end]


def write_report(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    notes = _kept_notes(path)
    path.write_text(report.render(notes), encoding="utf-8")
