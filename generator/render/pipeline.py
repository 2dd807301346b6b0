"""Render every spec through every selected target, in memory, reusing unchanged work.

The result is the complete set of files ``out/`` should hold; nothing is written here, so a
bad spec or a failing template anywhere leaves ``out/`` exactly as it was.

Skipping unchanged work: after a successful run a small manifest (in the cache directory,
keyed by the output directory) records, per spec and target, a key made of the spec's
sha256, a fingerprint of every template, the generator's own source and versions, and the
options, plus the sha256 of each file written. A later run whose key matches and whose files
on disk still have those hashes reuses them without loading or rendering the spec. Any
mismatch (an edited output, a new template, a different black) renders again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.errors import InputError
from generator.render.outputs import read_bytes
from generator.render.staging import HashingSink, Staged, stage_name, write_staged
from generator.render.environment import UserRoots, code_fingerprint, templates_fingerprint
from generator.render.target import NAMESPACE, Target
from generator.render.viewmodel import IndexRow, Options

if TYPE_CHECKING:
    from generator.render.viewmodel import ProviderView
    import jinja2

    from generator.render.format_worker import FormatWorker

MANIFEST_VERSION = 1
# The black worker saves black's import time (60 ms) and overlaps formatting with the other
# targets: most of a small spec's run, a few percent of a large one's, where the copy of the
# module text it needs would cost more memory than the time is worth (about 15k codes).
WORKER_MAX_SPEC_BYTES = 4_000_000
SKIPPED_SPECS = ("providers.yaml",)


@dataclass
class SpecFile:
    path: Path
    label: str  # as named in generated headers: "<specs dir name>/<file name>"
    raw: bytes
    sha256: str


@dataclass
class Plan:
    desired: Staged = field(default_factory=Staged)  # path -> UTF-8 content, on disk
    records: dict[str, Any] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    specs: list[SpecFile] = field(default_factory=list)  # the spec files read
    owners: dict[str, str] = field(default_factory=dict)  # path -> record that made it

    def claim(self, name: str, paths: list[str]) -> None:
        """Refuse a path two records make: a target's casing can map two provider (or
        namespace) ids, or a provider and the index, to one file name."""
        for rel in paths:
            owner = self.owners.setdefault(rel, name)
            if owner != name:
                raise InputError(
                    f"{rel}: made twice, {_made_by(owner)} and {_made_by(name)}"
                    "; change the file pattern (or its casing) of the target"
                )


def _made_by(record: str) -> str:
    """'python:specs/x.yaml' -> 'by target python for specs/x.yaml' (for messages)."""
    target, _, source = record.partition(":")
    return f"by target {target} for {'the index' if source == 'index' else source}"


def _sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def discover(specs_dir: Path) -> list[SpecFile]:
    """Every ``*.yaml`` in the folder except overrides and ``providers.yaml``, by name."""
    if not specs_dir.is_dir():
        raise InputError(f"{specs_dir}: specs directory not found")
    folder = specs_dir.resolve().name or "specs"
    found = []
    for path in sorted(specs_dir.glob("*.yaml")):
        if path.name.endswith(".overrides.yaml") or path.name in SKIPPED_SPECS:
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        found.append(SpecFile(path, f"{folder}/{path.name}", raw, _sha(raw)))
    return found


def manifest_path(cache_dir: Path, out_dir: Path) -> Path:
    key = _sha(str(out_dir.resolve()))[:32]
    return cache_dir / "manifests" / f"{key}.json"


def load_manifest(cache_dir: Path | None, out_dir: Path) -> dict[str, Any]:
    if cache_dir is None:
        return {}
    try:
        data = json.loads(manifest_path(cache_dir, out_dir).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    records = data.get("records")
    return records if isinstance(records, dict) else {}


def save_manifest(cache_dir: Path | None, out_dir: Path, records: dict[str, Any]) -> None:
    if cache_dir is None:
        return
    from generator.files import write_atomic

    text = json.dumps({"version": MANIFEST_VERSION, "records": records}, sort_keys=True)
    try:
        write_atomic(manifest_path(cache_dir, out_dir), text)
    except OSError:  # the manifest only saves time
        pass


def _reuse(record: Any, key: str, out_dir: Path) -> dict[str, Staging] | None:
    """The recorded outputs (left in out/), if the key matches and every file on disk is
    unchanged."""
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    outputs = record.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return None
    found = {}
    for rel, digest in outputs.items():
        data = read_bytes(out_dir / rel)
        if data is None or _sha(data) != digest:
            return None
        found[rel] = (out_dir / rel, digest)
    return found


@dataclass
class Job:
    """Loading and rendering one spec: picklable, so specs can be rendered in parallel."""

    spec_file: SpecFile
    targets: list[Target]
    keys: dict[str, str]
    summary_key: str
    options: Options
    templates: Path | None
    cache_dir: Path | None
    stage: Path  # the staging folder each rendered file is written to at once
    out_dir: Path  # named in a write error: the staged file is the user's out/ file to be
    user_roots: UserRoots = ()


_ENVIRONMENTS: dict[tuple[Path | None, Path | None, UserRoots], jinja2.Environment] = {}


def _environment(
    templates: Path | None, cache_dir: Path | None, user_roots: UserRoots = ()
) -> jinja2.Environment:
    """One compiled environment per process, reused for every file it renders: the trusted
    one for built-in targets, a sandboxed one with every user target's folder for those."""
    key = (templates, cache_dir, user_roots)
    if key not in _ENVIRONMENTS:
        from generator.render.environment import make_environment

        _ENVIRONMENTS[key] = make_environment(templates, cache_dir, user_roots)
    return _ENVIRONMENTS[key]


def user_roots(targets: list[Target]) -> UserRoots:
    """(name, folder) of each user target among ``targets``."""
    return tuple((target.name, target.root) for target in targets if target.root is not None)


def _target_environment(job: Job, target: Target) -> jinja2.Environment:
    return _environment(job.templates, job.cache_dir, job.user_roots if target.root else ())


def _work(job: Job, worker: FormatWorker | None = None) -> tuple[Rendered, IndexRow] | str:
    """Load, validate and render one spec; an input problem comes back as its message."""
    try:
        return _render_job(job, worker)
    except WriteError:
        raise  # the disk, not the spec: said once for the run, not once per spec
    except InputError as exc:
        return str(exc)


Staging = tuple[Path, str]  # where a file's bytes lie, their sha256
Rendered = dict[str, dict[str, Staging]]  # target name -> out/-relative path -> staged file


def _render_job(job: Job, worker: FormatWorker | None) -> tuple[Rendered, IndexRow]:
    """Python modules go to ``worker`` (if any) and are collected after the others;
    without one, each is staged as rendered and formatted last, once the view is freed."""
    from generator.spec.io import load_spec
    from generator.render.viewmodel import build_view

    spec_file = job.spec_file
    spec = load_spec(spec_file.path, spec_file.raw)
    spec_file.raw = b""  # 25 MB at 100k codes, never needed again (its sha256 is kept)
    if spec.provider.id != spec_file.path.stem:
        raise InputError(
            f"{spec_file.path}: provider.id {spec.provider.id!r} must match the file name "
            f"({spec_file.path.stem!r}): it names the generated files"
        )
    view = build_view(spec, spec_file.label, spec_file.sha256, job.options)
    del spec  # the view holds copies of all it needs; the model is 40 MB at 100k codes
    rendered: Rendered = {}
    formatting: dict[tuple[str, str], Callable[[], str]] = {}
    unformatted: list[tuple[Target, str]] = []  # modules staged as rendered, for black later
    context: dict[str, Any] = {}
    for target in job.targets:
        rendered[target.name] = {}
        for rel, context in _files(target, view):
            if not (target.command or target.python):
                rendered[target.name][rel] = _render_staged(job, target, context, rel)
                continue
            if target.python and not target.command and worker is None:
                rendered[target.name][rel] = _render_staged(job, target, context, rel, "raw")
                unformatted.append((target, rel))
                continue
            data = _render_file(job, target, context, spec_file.label, worker, formatting, rel)
            rendered[target.name][rel] = _stage(job, target.name, rel, data)
            del data
    for (name, rel), formatted in formatting.items():
        rendered[name][rel] = _stage(job, name, rel, formatted().encode("utf-8"))
    row = _row(view, spec_file)
    del view, context  # 70 MB at 100k codes with the spec's strings: black needs neither
    for target, rel in unformatted:
        raw, _ = rendered[target.name][rel]
        rendered[target.name][rel] = _format_staged(job, target, rel, raw)
    return rendered, row


def _row(view: ProviderView, spec_file: SpecFile) -> IndexRow:
    return IndexRow(
        id=view.id,
        name=view.name,
        doc_file=view.doc_file,
        namespaces=len(view.namespaces),
        entries=view.entry_count,
        spec_label=spec_file.label,
        spec_sha256=spec_file.sha256,
    )


def _stage(job: Job, target: str, rel: str, data: bytes) -> Staging:
    """``data`` written to the staging folder now, so no run holds every output at once."""
    path = stage_name(job.stage, target, job.spec_file.label, rel)
    try:
        return path, write_staged(path, data)
    except OSError as exc:
        raise _write_error(exc, job.out_dir, rel) from None


class WriteError(InputError):
    """A staged file could not be written (a full disk, a file size limit)."""


def _write_error(exc: OSError, out_dir: Path, rel: str) -> WriteError:
    """A staged file that cannot be written, named as the out/ file it stands for."""
    return WriteError(f"{out_dir / rel}: cannot write: {exc.strerror or exc}")


def _render_staged(
    job: Job, target: Target, context: dict[str, Any], rel: str, *stage: str
) -> Staging:
    """A file no formatter needs (or not yet: ``stage`` names a file apart), rendered
    straight into its staged file as it comes."""
    from generator.render.environment import render_into

    path = stage_name(job.stage, target.name, job.spec_file.label, rel, *stage)
    env = _target_environment(job, target)
    try:
        with open(path, "wb") as handle:
            sink = HashingSink(handle)
            render_into(env, target.template, context, job.spec_file.label, sink)
    except OSError as exc:
        raise _write_error(exc, job.out_dir, rel) from None
    return path, sink.digest.hexdigest()


def _format_staged(job: Job, target: Target, rel: str, raw: Path) -> Staging:
    """A Python module staged as rendered, formatted into its staged file piece by piece."""
    from generator.render.formatting import format_python_into

    label = job.spec_file.label
    path = stage_name(job.stage, target.name, label, rel)
    try:
        text = raw.read_bytes().decode("utf-8")  # one copy at a time: 45 MB at 100k codes
        raw.unlink()
        with open(path, "wb") as handle:
            sink = HashingSink(handle)
            format_python_into(text, job.cache_dir, f"{target.template} for {label}", sink)
    except OSError as exc:
        raise _write_error(exc, job.out_dir, rel) from None
    return path, sink.digest.hexdigest()


def _files(target: Target, view: ProviderView) -> list[tuple[str, dict[str, Any]]]:
    """(out/-relative path, template context) of each file the target makes for a provider."""
    if target.per != NAMESPACE:
        return [(target.provider_file(view.id), {"p": view, "t": target.context()})]
    files: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}  # path -> the namespace it was made for
    for ns in view.namespaces:
        rel = target.provider_file(view.id, ns.id)
        other = seen.setdefault(rel, ns.id)
        if other != ns.id:
            raise InputError(
                f"{rel}: made twice by target {target.name}, for namespaces {other!r} and "
                f"{ns.id!r}; change the file pattern (or its casing) of the target"
            )
        files.append((rel, {"p": view, "ns": ns, "t": target.context()}))
    return files


def _render_file(
    job: Job,
    target: Target,
    context: dict[str, Any],
    label: str,
    worker: FormatWorker | None,
    formatting: dict[tuple[str, str], Callable[[], str]],
    rel: str,
) -> bytes:
    """One file's bytes; a Python module still to be formatted by ``worker`` is left in
    ``formatting`` (and b"" returned)."""
    from generator.render.formatting import format_python_later
    from generator.render.environment import render_utf8

    data = render_utf8(_target_environment(job, target), target.template, context, label)
    if target.command:
        from generator.render.external import run_formatter

        return run_formatter(target, data, f"{rel} (target {target.name})")
    if not target.python:
        return data
    subject = f"{target.template} for {label}"
    text = data.decode("utf-8")  # one copy at a time: a 100k-code module is 50 MB
    del data
    assert worker is not None  # (without one, ``_format_staged`` formats it)
    formatting[(target.name, rel)] = format_python_later(text, job.cache_dir, subject, worker)
    return b""


def _run_jobs(jobs: list[Job]) -> list[tuple[Rendered, IndexRow] | str]:
    """Run jobs in order; across processes when there are several and more than one CPU."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        worker = None
        if any(target.python for job in jobs for target in job.targets) and (
            sum(len(job.spec_file.raw) for job in jobs) <= WORKER_MAX_SPEC_BYTES
        ):
            from generator.render.format_worker import FormatWorker

            worker = FormatWorker.start()
        try:
            return [_work(job, worker) for job in jobs]
        finally:
            if worker is not None:
                worker.close()
    from concurrent.futures import ProcessPoolExecutor
    from generator.render.format_worker import detach

    # each worker dies with this process and lets go of its stdout, so a killed run leaves
    # none blocked (or a pipe reading spectab's output open); the lock is never inherited
    with ProcessPoolExecutor(workers, initializer=detach, initargs=(os.getpid(),)) as pool:
        return list(pool.map(_work, jobs))


class Builder:
    """One run: holds the (lazily created) Jinja environment and the keys' fingerprints."""

    def __init__(
        self,
        out_dir: Path,
        targets: list[Target],
        options: Options,
        templates: Path | None,
        cache_dir: Path | None,
        use_manifest: bool = True,
    ) -> None:
        self.out_dir = out_dir
        self.targets = targets
        self.options = options
        self.templates = templates
        self.cache_dir = cache_dir
        self.old = load_manifest(cache_dir, out_dir) if use_manifest else {}
        self.user_roots = user_roots(targets)
        self.base_key = "|".join(
            [code_fingerprint(), templates_fingerprint(templates, self.user_roots), options.key()]
        )

    def env(self, target: Target) -> jinja2.Environment:
        roots = self.user_roots if target.root else ()
        return _environment(self.templates, self.cache_dir, roots)

    def build(self, specs: list[SpecFile], specs_label: str) -> Plan:
        plan = Plan(Staged(self.out_dir))
        try:
            self._fill(plan, specs, specs_label)
        except BaseException:
            plan.desired.close()  # a failed run leaves nothing beside out/
            raise
        return plan

    def _fill(self, plan: Plan, specs: list[SpecFile], specs_label: str) -> None:
        problems: list[str] = []
        rows: dict[int, IndexRow] = {}
        jobs: list[tuple[int, Job]] = []
        for index, spec_file in enumerate(specs):
            planned = self._plan_spec(spec_file, plan)
            if isinstance(planned, IndexRow):
                rows[index] = planned
            else:
                jobs.append((index, planned))
        for (index, job), result in zip(jobs, _run_jobs([job for _, job in jobs])):
            if isinstance(result, str):
                problems.append(result)
                continue
            rendered, row = result
            for target_name, files in rendered.items():
                name = f"{target_name}:{job.spec_file.label}"
                self._record(plan, name, job.keys[target_name], files)
            plan.records[f"summary:{job.spec_file.label}"] = {
                "key": job.summary_key,
                "row": asdict(row),
            }
            rows[index] = row
        if problems:
            raise InputError("\n".join(problems))
        ordered = sorted(rows.values(), key=lambda row: row.id)
        for target in self.targets:
            if target.index is not None:
                self._index(target, ordered, specs_label, plan)

    def _keep(self, plan: Plan, name: str, key: str) -> bool:
        reused = _reuse(self.old.get(name), key, self.out_dir)
        if reused is None:
            return False
        self._add(plan, name, reused)
        plan.records[name] = self.old[name]
        plan.reused += len(reused)
        return True

    def _add(self, plan: Plan, name: str, outputs: dict[str, Staging]) -> None:
        plan.claim(name, list(outputs))
        for rel, (path, _) in outputs.items():
            plan.desired.add(rel, path)

    def _record(self, plan: Plan, name: str, key: str, outputs: dict[str, Staging]) -> None:
        self._add(plan, name, outputs)
        plan.records[name] = {"key": key, "outputs": {rel: sha for rel, (_, sha) in outputs.items()}}
        plan.rendered += len(outputs)

    def _plan_spec(self, spec_file: SpecFile, plan: Plan) -> IndexRow | Job:
        """The recorded row when every output can be reused, else the work still to do."""
        keys = {
            target.name: _sha(f"{self.base_key}|{target.name}|{spec_file.sha256}")
            for target in self.targets
        }
        summary_key = _sha(f"{self.base_key}|summary|{spec_file.sha256}")
        summary = self.old.get(f"summary:{spec_file.label}")
        todo = [
            target
            for target in self.targets
            if not self._keep(plan, f"{target.name}:{spec_file.label}", keys[target.name])
        ]
        if (
            not todo
            and isinstance(summary, dict)
            and summary.get("key") == summary_key
            and isinstance(summary.get("row"), dict)
        ):
            plan.records[f"summary:{spec_file.label}"] = summary
            return IndexRow(**summary["row"])
        return Job(
            spec_file,
            todo,
            keys,
            summary_key,
            self.options,
            self.templates,
            self.cache_dir,
            plan.desired.folder,
            self.out_dir,
            self.user_roots,
        )

    def _index(self, target: Target, rows: list[IndexRow], specs_label: str, plan: Plan) -> None:
        assert target.index is not None
        template, _ = target.index
        rel = target.index_file()
        assert rel is not None
        name = f"{target.name}:index"
        key = _sha(f"{self.base_key}|{name}|{specs_label}|" + json.dumps([asdict(r) for r in rows]))
        if self._keep(plan, name, key):
            return
        from generator.render.viewmodel import index_header

        context = {"rows": rows, "header": index_header(rows, specs_label), "t": target.context()}
        from generator.render.environment import render_utf8

        data = render_utf8(self.env(target), template, context, f"the index of {specs_label}")
        if target.command:
            from generator.render.external import run_formatter

            data = run_formatter(target, data, f"{rel} (target {target.name})")
        path = stage_name(plan.desired.folder, name, rel)
        try:
            sha = write_staged(path, data)
        except OSError as exc:
            raise _write_error(exc, self.out_dir, rel) from None
        self._record(plan, name, key, {rel: (path, sha)})


def build(
    specs_dir: Path,
    out_dir: Path,
    targets: list[Target],
    options: Options,
    templates: Path | None = None,
    cache_dir: Path | None = None,
    use_manifest: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Plan:
    """Every file ``out/`` should hold for these targets (see the module docstring)."""
    specs = discover(specs_dir)
    if not specs and warn is not None:
        warn(f"{specs_dir}: no specs found (*.yaml other than overrides and providers.yaml)")
    builder = Builder(out_dir, targets, options, templates, cache_dir, use_manifest)
    label = (specs_dir.resolve().name or "specs") + "/"
    plan = builder.build(specs, label)
    plan.specs = specs
    return plan
