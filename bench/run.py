"""``make bench``: spectab against the tools users would otherwise reach for, on the same inputs.

Every number in bench/RESULTS.md comes from one run of this script on one machine, so the
ratios compare like with like. Each command runs as a fresh subprocess (start-up included),
several times, interleaved with its peers so drift hits all tools alike; the report uses
medians. Timings are printed and written, never asserted.

    .venv/bin/python bench/run.py            full run (about 10-15 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    small sizes, few runs: a smoke test of the driver
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
BIN = Path(sys.executable).parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from measure import CommandFailed, Sample, Series, run_once  # noqa: E402
from corpus import CorpusScore, run_score  # noqa: E402
from report import Report, write_report  # noqa: E402


@dataclass(frozen=True)
class Plan:
    """What to measure and how often; --quick swaps in a tiny one."""

    sizes: tuple[int, ...] = (300, 3000, 30000)
    runs: int = 5
    many_specs: int = 100
    many_size: int = 300
    many_runs: int = 3
    huge: int = 100_000
    huge_runs: int = 1
    html_rows: int = 10_000
    scrape_runs: int = 5
    profile_size: int = 30000
    quick: bool = False


FULL = Plan()
QUICK = Plan(
    sizes=(30, 300),
    runs=2,
    many_specs=5,
    many_size=30,
    many_runs=1,
    huge=3000,
    huge_runs=1,
    html_rows=300,
    scrape_runs=2,
    profile_size=300,
    quick=True,
)

PANDAS_READ = (
    "import sys, pandas\n"
    "tables = pandas.read_html(sys.argv[1])\n"
    "print(max(len(t) for t in tables))\n"
)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ tools


def node_bin(name: str) -> Path | None:
    """A peer from the project's node_modules (root package.json pins it; `make bench` runs npm ci)."""
    path = ROOT / "node_modules" / ".bin" / name
    return path if path.exists() else None


@dataclass
class Tools:
    openapi_typescript: Path | None

    def generate(self, specs: Path, out: Path) -> list[str]:
        return [str(BIN / "spectab"), "generate", "--specs", str(specs), "--out", str(out)]

    def datamodel_codegen(self, schema: Path, out: Path) -> list[str]:
        # black + isort are its formatters today (named to silence the default-change warning)
        return [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(schema),
            "--input-file-type",
            "jsonschema",
            "--output",
            str(out / "codes.py"),
            "--disable-timestamp",
            "--formatters",
            "black",
            "isort",
        ]

    def ots(self, openapi: Path, out: Path) -> list[str]:
        assert self.openapi_typescript is not None
        return [str(self.openapi_typescript), str(openapi), "-o", str(out / "codes.ts")]

    def scrape(self, page: Path, out: Path) -> list[str]:
        return [
            str(BIN / "spectab"),
            "scrape",
            str(page),
            "--format",
            "html",
            "--id",
            "htmlbench",
            "-o",
            str(out / "htmlbench.yaml"),
        ]

    def pandas(self, page: Path) -> list[str]:
        return [sys.executable, "-c", PANDAS_READ, str(page)]


def compile_bytecode() -> None:
    """Byte-compile generator/ first, as pip does for an installed wheel and as the peers
    are installed: with PYTHONDONTWRITEBYTECODE set (some CI images and sandboxes do),
    an editable checkout would otherwise be compiled from source on every measured run."""
    import compileall

    compileall.compile_dir(str(ROOT / "generator"), quiet=1)


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def tree_hash(folder: Path) -> str:
    """One hash over every file's relative path and bytes: equal trees, equal hashes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_env(cache: Path) -> dict[str, str]:
    return dict(os.environ, SPECTAB_CACHE_DIR=str(cache))


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Inputs:
    """One size's files, as bench/make_inputs.py names them."""

    folder: Path
    count: int

    @property
    def specs(self) -> Path:
        return self.folder / "specs"

    @property
    def spec(self) -> Path:
        return self.specs / f"bench{self.count}.yaml"

    @property
    def schema(self) -> Path:
        return self.folder / f"bench{self.count}.schema.json"

    @property
    def openapi(self) -> Path:
        return self.folder / f"bench{self.count}.openapi.json"


def _inputs_stamp() -> str:
    """Inputs depend on the generator script and on how spectab names and writes specs."""
    digest = hashlib.sha256()
    for path in (
        BENCH / "make_inputs.py",
        ROOT / "generator" / "curate" / "naming.py",
        ROOT / "generator" / "spec" / "identifiers.py",
        ROOT / "generator" / "spec" / "yamlio.py",
        ROOT / "generator" / "spec" / "io.py",
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def make_inputs(*args: object) -> None:
    """bench/make_inputs.py in a child process: this driver stays small (see measure.py)."""
    subprocess.run(
        [sys.executable, str(BENCH / "make_inputs.py"), *map(str, args)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def make_all_inputs(plan: Plan) -> tuple[dict[int, Inputs], Path, Path]:
    """Sized inputs, a folder of many small specs, and the HTML page; reused when unchanged."""
    base = WORK / "inputs" / _inputs_stamp()
    if not base.exists():
        shutil.rmtree(WORK / "inputs", ignore_errors=True)
    sized: dict[int, Inputs] = {}
    for count in sorted({*plan.sizes, plan.huge}):
        sized[count] = Inputs(base / f"n{count}", count)
        if not (sized[count].folder / "done").exists():
            log(f"inputs: {count} codes")
            make_inputs("spec", count, sized[count].folder)
            (sized[count].folder / "done").touch()
    many = base / f"many{plan.many_specs}x{plan.many_size}"
    if not (many / "done").exists():
        log(f"inputs: {plan.many_specs} specs of {plan.many_size} codes")
        make_inputs("many", plan.many_specs, plan.many_size, many)
        (many / "done").touch()
    page = base / f"errors{plan.html_rows}.html"
    if not page.exists():
        log(f"inputs: HTML page with {plan.html_rows} rows")
        make_inputs("html", plan.html_rows, page)
    return sized, many / "specs", page


# ------------------------------------------------------------------ availability


def probe(
    label: str, command: Callable[[Path], list[str]], env: dict[str, str] | None = None
) -> str | None:
    """None when the command works on a tiny input, else why not (first lines of its error)."""
    scratch = fresh(WORK / "probe" / label)
    try:
        run_once(command(scratch), env=env)
    except (CommandFailed, OSError) as exc:
        return str(exc)
    return None


# ------------------------------------------------------------------ scenarios


@dataclass
class Results:
    plan: Plan
    series: dict[str, Series] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  # scenario -> what was produced
    profiles: dict[str, Path] = field(default_factory=dict)
    load: list[tuple[float, float, float]] = field(default_factory=list)  # at start and end
    corpus: CorpusScore | None = None

    def add(self, key: str, sample: Sample) -> None:
        self.series.setdefault(key, Series(key)).samples.append(sample)

    def attempt(self, key: str, action: Callable[[], Sample]) -> Sample | None:
        """Run one measurement; a failure is recorded once and the key is skipped after."""
        if key in self.errors:
            return None
        try:
            sample = action()
        except CommandFailed as exc:
            self.errors[key] = str(exc)
            log(f"{key}: FAILED {exc}")
            return None
        self.add(key, sample)
        return sample


def bench_generate(
    plan: Plan, tools: Tools, sized: dict[int, Inputs], results: Results, spectab_ok: bool
) -> None:
    """Per size: spectab cold + warm, datamodel-codegen, openapi-typescript, interleaved."""
    for count in plan.sizes:
        inputs = sized[count]
        specs = inputs.spec.parent
        hashes: set[str] = set()
        for run in range(plan.runs):
            log(f"generate {count} codes: run {run + 1}/{plan.runs}")
            if spectab_ok:
                out, cache = fresh(WORK / "runs" / "out"), fresh(WORK / "runs" / "cache")
                cold = results.attempt(
                    f"gen_cold:{count}",
                    lambda: run_once(tools.generate(specs, out), env=cache_env(cache)),
                )
                if cold:
                    hashes.add(tree_hash(out))
                    warm = results.attempt(
                        f"gen_warm:{count}",
                        lambda: run_once(tools.generate(specs, out), env=cache_env(cache)),
                    )
                    if warm:
                        hashes.add(tree_hash(out))
                    if run == 0:
                        results.outputs[f"gen:{count}"] = _describe_out(out)
            peer_out = fresh(WORK / "runs" / "peer")
            results.attempt(
                f"dmcg:{count}", lambda: run_once(tools.datamodel_codegen(inputs.schema, peer_out))
            )
            if tools.openapi_typescript:
                results.attempt(
                    f"ots:{count}", lambda: run_once(tools.ots(inputs.openapi, peer_out))
                )
            if run == 0:
                results.outputs[f"peers:{count}"] = _describe_out(peer_out)
        if len(hashes) > 1:
            results.notes.append(
                f"generate at {count} codes: output differed between runs ({len(hashes)} distinct trees): NOT deterministic"
            )
        elif hashes:
            results.notes.append(
                f"generate at {count} codes: every cold and warm run produced the same bytes (tree {hashes.pop()})"
            )


def _describe_out(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    total = sum(p.stat().st_size for p in files)
    return f"{len(files)} files, {total / 1e6:.2f} MB"


def bench_startup(plan: Plan, results: Results) -> None:
    """The floor under any warm run: starting Python, and starting the spectab CLI."""
    for _ in range(plan.runs):
        results.attempt("python_startup", lambda: run_once([sys.executable, "-c", "pass"]))
        results.attempt("spectab_version", lambda: run_once([str(BIN / "spectab"), "--version"]))


def bench_scaling(
    plan: Plan, tools: Tools, sized: dict[int, Inputs], many_specs: Path, results: Results
) -> None:
    """Many small specs (cold and warm), and one huge spec (time and peak memory)."""
    for run in range(plan.many_runs):
        log(
            f"scaling: {plan.many_specs} specs x {plan.many_size} codes, run {run + 1}/{plan.many_runs}"
        )
        out, cache = fresh(WORK / "runs" / "out"), fresh(WORK / "runs" / "cache")
        specs = fresh(WORK / "runs" / "many-specs")  # a copy: one spec is edited below
        shutil.rmtree(specs)
        shutil.copytree(many_specs, specs)
        cold = results.attempt(
            "many_cold",
            lambda: run_once(tools.generate(specs, out), env=cache_env(cache), sample_tree=True),
        )
        if cold:
            results.attempt(
                "many_warm",
                lambda: run_once(
                    tools.generate(specs, out), env=cache_env(cache), sample_tree=True
                ),
            )
            results.outputs["many"] = _describe_out(out)
            edited = sorted(specs.glob("*.yaml"))[0]  # the usual CI case: one page changed
            edited.write_bytes(edited.read_bytes() + b"# edited\n")
            results.attempt(
                "many_one_changed",
                lambda: run_once(
                    tools.generate(specs, out), env=cache_env(cache), sample_tree=True
                ),
            )
    huge = sized[plan.huge]
    for run in range(plan.huge_runs):
        log(f"scaling: one spec of {plan.huge} codes, run {run + 1}/{plan.huge_runs}")
        out, cache = fresh(WORK / "runs" / "out"), fresh(WORK / "runs" / "cache")
        specs = huge.spec.parent
        cold = results.attempt(
            "huge_cold",
            lambda: run_once(tools.generate(specs, out), env=cache_env(cache), sample_tree=True),
        )
        if cold:
            results.outputs["huge"] = _describe_out(out)
            results.attempt(
                "huge_warm",
                lambda: run_once(
                    tools.generate(specs, out), env=cache_env(cache), sample_tree=True
                ),
            )


def bench_scrape(plan: Plan, tools: Tools, page: Path, results: Results, spectab_ok: bool) -> None:
    """spectab scrape vs pandas.read_html on the same page; also checks both found every row."""
    pandas_rows = subprocess.run(tools.pandas(page), capture_output=True, text=True, check=False)
    results.outputs["pandas_rows"] = (
        pandas_rows.stdout.strip() or f"failed: {pandas_rows.stderr.strip()[-200:]}"
    )
    for run in range(plan.scrape_runs):
        log(f"scrape {plan.html_rows} rows: run {run + 1}/{plan.scrape_runs}")
        if spectab_ok:
            out = fresh(WORK / "runs" / "scrape")
            if (
                results.attempt(
                    "scrape", lambda: run_once(tools.scrape(page, out), sample_tree=True)
                )
                and run == 0
            ):
                results.outputs["scrape_rows"] = _count_entries(out / "htmlbench.yaml")
        results.attempt("pandas", lambda: run_once(tools.pandas(page), sample_tree=True))


def _count_entries(spec: Path) -> str:
    """Entries in a canonical spec, counted by line (loading 10k entries would bloat this process)."""
    try:
        with spec.open(encoding="utf-8") as handle:
            return str(sum(1 for line in handle if line.lstrip().startswith("- code:")))
    except OSError as exc:
        return f"unreadable ({exc.strerror})"


def profile(
    label: str, spectab_args: list[str], env: dict[str, str] | None, results: Results
) -> None:
    prefix = WORK / "profiles" / label
    log(f"profile: {label}")
    command = [sys.executable, str(BENCH / "profile_cmd.py"), str(prefix), "--", *spectab_args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        results.errors[f"profile:{label}"] = (done.stderr.strip().splitlines() or ["?"])[-1]
        return
    results.profiles[label] = prefix


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes and 1-2 runs: checks the driver works"
    )
    parser.add_argument("--runs", type=int, help="runs per measurement (default 5, quick 2)")
    parser.add_argument(
        "--output",
        type=Path,
        help="report path (default bench/RESULTS.md; quick: bench/work/RESULTS.quick.md)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profiles")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.runs:
        plan = Plan(**{**plan.__dict__, "runs": args.runs, "scrape_runs": args.runs})
    output = args.output or (WORK / "RESULTS.quick.md" if plan.quick else BENCH / "RESULTS.md")
    started = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    compile_bytecode()

    sized, many_specs, page = make_all_inputs(plan)
    tools = Tools(openapi_typescript=node_bin("openapi-typescript"))
    results = Results(plan)
    results.load.append(os.getloadavg())
    if tools.openapi_typescript is None:
        results.errors["ots"] = (
            "node_modules/.bin/openapi-typescript missing: run `npm ci` (make bench does)"
        )

    smallest = sized[min(sized)].specs
    probe_cache = WORK / "probe" / "cache"
    why_not_generate = probe(
        "generate", lambda out: tools.generate(smallest, out), cache_env(fresh(probe_cache))
    )
    if why_not_generate:
        results.errors["generate"] = why_not_generate
        log(f"spectab generate unavailable: {why_not_generate}")
    tiny_page = WORK / "probe" / "tiny.html"
    make_inputs("html", 20, tiny_page)
    why_not_scrape = probe("scrape", lambda out: tools.scrape(tiny_page, out))
    if why_not_scrape:
        results.errors["scrape_probe"] = why_not_scrape
        log(f"spectab scrape unavailable: {why_not_scrape}")

    # One untimed pass of each peer on the smallest input warms disk caches and .pyc files.
    warm_out = fresh(WORK / "runs" / "warmup")
    for command in (
        tools.datamodel_codegen(sized[min(sized)].schema, warm_out),
        tools.pandas(page),
    ):
        subprocess.run(command, capture_output=True, check=False)

    bench_startup(plan, results)
    bench_generate(plan, tools, sized, results, spectab_ok=not why_not_generate)
    if not why_not_generate:
        bench_scaling(plan, tools, sized, many_specs, results)
    bench_scrape(plan, tools, page, results, spectab_ok=not why_not_scrape)
    log("corpus score (../shared/corpus-tools/score)")
    results.corpus = run_score(ROOT, BIN / "spectab")

    if not args.no_profile:
        if not why_not_generate:
            size_specs = sized[plan.profile_size].spec.parent
            out, cache = fresh(WORK / "runs" / "profile-out"), fresh(
                WORK / "runs" / "profile-cache"
            )
            profile(
                f"generate-{plan.profile_size}-cold",
                ["generate", "--specs", str(size_specs), "--out", str(out)],
                cache_env(cache),
                results,
            )
        else:  # until generate exists, profile the spec loading it will start with
            profile(
                f"validate-{plan.profile_size}",
                ["validate", str(sized[plan.profile_size].spec)],
                None,
                results,
            )
        if not why_not_scrape:
            out = fresh(WORK / "runs" / "profile-scrape")
            profile(
                f"scrape-{plan.html_rows}",
                [
                    "scrape",
                    str(page),
                    "--format",
                    "html",
                    "--id",
                    "htmlbench",
                    "-o",
                    str(out / "htmlbench.yaml"),
                ],
                None,
                results,
            )

    results.load.append(os.getloadavg())
    elapsed = time.perf_counter() - started
    report = Report(
        plan=plan, results=results, tools=tools, elapsed=elapsed, root=ROOT, sized=sized
    )
    write_report(report, output)
    log(f"done in {elapsed / 60:.1f} min; wrote {output}")
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
