"""The generated files from a consumer project, with the ecosystem's own tools: several
TypeScript files behind one barrel (tsc, nodenext), a bundle that imports one member
(esbuild), the Python error through pickle and deepcopy, the OpenAPI files under
`redocly lint` (recommended) and Spectral (`spectral:oas`), and the Markdown tables."""

from __future__ import annotations

import copy
import json
import os
import pickle
import re
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.render import outputs, pipeline, targets
from generator.render.viewmodel import Options

from .helpers import FIXTURE_SPECS, HERE, ROOT, node, node_tool, run

SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """out/ for the seed specs and the fixture specs, rendered as `generate` does."""
    base = tmp_path_factory.mktemp("consumers")
    specs = base / "specs"
    specs.mkdir()
    for path in [
        *(ROOT / "specs" / f"{seed}.yaml" for seed in SEEDS),
        *FIXTURE_SPECS.glob("*.yaml"),
    ]:
        shutil.copy(path, specs / path.name)
    plan = pipeline.build(specs, base / "out", targets.select(None), Options(), use_manifest=False)
    outputs.apply(base / "out", plan.desired, [], sorted(plan.desired), [])
    return base / "out"


# ------------------------------------------------------------------------ TypeScript

TSCONFIG = {
    "compilerOptions": {
        "module": "nodenext",
        "moduleResolution": "nodenext",
        "target": "es2022",
        "strict": True,
        "isolatedModules": True,
        "verbatimModuleSyntax": True,
        "erasableSyntaxOnly": True,
        "noEmit": True,
    }
}


def test_a_barrel_of_every_provider_compiles_under_nodenext(out, tmp_path):
    names = sorted(path.stem for path in (out / "typescript").glob("*.ts"))
    assert len(names) >= 5
    for name in names:
        shutil.copy(out / "typescript" / f"{name}.ts", tmp_path / f"{name}.ts")
    (tmp_path / "index.ts").write_text("".join(f'export * from "./{n}.js";\n' for n in names))
    (tmp_path / "consumer.ts").write_text(
        "import { KaisaStatus, KaisaStatusInfo, VoipmsStatus, type VoipmsErrorInfo,\n"
        '  type KaisaCategory, KAISA_DOCS_URL } from "./index.js";\n'
        "const info: VoipmsErrorInfo = KaisaStatusInfo[KaisaStatus.BLOCKED_IP];  // one shape\n"
        "const category: KaisaCategory = info.category;\n"
        "export const used = [category, KAISA_DOCS_URL, VoipmsStatus.INVALID_DID];\n"
    )
    (tmp_path / "package.json").write_text('{"type": "module"}\n')
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    run([node_tool("tsc"), "-p", "."], cwd=tmp_path)


def _bundle(entry: Path, tmp_path: Path) -> str:
    outfile = tmp_path / f"{entry.stem}.bundle.js"
    run(
        [
            node_tool("esbuild"),
            str(entry),
            "--bundle",
            "--minify",
            "--format=esm",
            f"--outfile={outfile}",
            "--log-level=warning",
        ],
        cwd=tmp_path,
    )
    return outfile.read_text("utf-8")


def test_a_bundle_keeps_only_what_it_imports(out, tmp_path):
    """Modules free of top-level side effects: esbuild drops every unused namespace."""
    shutil.copy(out / "typescript" / "itniotech.ts", tmp_path / "itniotech.ts")
    (tmp_path / "one.ts").write_text(
        'import { isItniotechSmsStatus } from "./itniotech.js";\n'
        "console.log(isItniotechSmsStatus(-1));\n"
    )
    (tmp_path / "all.ts").write_text('import * as all from "./itniotech.js";\nconsole.log(all);\n')
    one, everything = _bundle(tmp_path / "one.ts", tmp_path), _bundle(tmp_path / "all.ts", tmp_path)
    assert "ItniotechSmsStatusInfo" not in one and "Authentication error" not in one  # no Info
    for other in ("Voice", "IntelligentVoice", "CallCenter"):  # nor the other namespaces
        assert f"Itniotech{other}" not in one
    assert len(one) * 5 < len(everything), (len(one), len(everything))
    sizes = tmp_path.parent / "bundle-sizes.txt"
    sizes.write_text(f"one member: {len(one)} bytes; whole module: {len(everything)} bytes\n")


# ------------------------------------------------------------------------ Python


def _import(out: Path, name: str):
    sys.path.insert(0, str(out / "python"))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def test_the_provider_error_pickles_and_deep_copies(out):
    itniotech = _import(out, "itniotech")
    status = itniotech.ItniotechSmsStatus.from_code(-1)
    error = itniotech.ItniotechError(status, "detail")
    error.request_id = "r-1"  # attributes a caller adds travel too
    for again in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error), copy.copy(error)):
        assert type(again) is itniotech.ItniotechError
        assert again.status is status and again.detail == "detail"
        assert str(again) == str(error) and again.args == error.args
        assert again.request_id == "r-1"
    bare = pickle.loads(pickle.dumps(itniotech.ItniotechError(status)))
    assert bare.detail is None and bare.code == -1


def test_integer_from_code_takes_ints_and_numeric_strings(out):
    Sms = _import(out, "itniotech").ItniotechSmsStatus
    negative = [member for member in Sms if member.value < 0]
    assert negative
    for member in negative:
        assert Sms.from_code(member.value) is member
        assert Sms.from_code(str(member.value)) is member
    assert Sms.from_code("-") is None and Sms.from_code("1.5") is None
    assert Sms.from_code(True) is None and Sms.from_code("-99999") is None


# ------------------------------------------------------------------------ OpenAPI

QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


def _seed_openapi(out: Path) -> list[str]:
    """The seed providers' files: each names its docs_url, which the license and contact
    point to (a spec without one gets neither url, and the linters say so)."""
    return [str(out / "openapi" / f"{seed}.yaml") for seed in SEEDS]


def test_redocly_recommended_finds_nothing(out):
    import subprocess

    files = _seed_openapi(out)
    result = subprocess.run(
        [node_tool("redocly"), "lint", "--extends", "recommended", "--format", "stylish", *files],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **QUIET},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert not re.search(r"^\s*\d+:\d+\s+(error|warning)\s", report, re.M), report
    assert "Your API descriptions are valid" in report


def test_spectral_oas_finds_nothing(out):
    files = _seed_openapi(out)
    result = run(
        [
            node_tool("spectral"),
            "lint",
            "--ruleset",
            str(HERE / "spectral-oas.yaml"),
            "--fail-severity",
            "hint",
            "--format",
            "json",
            *files,
        ],
    )
    assert json.loads(result.stdout.split("]", 1)[0] + "]") == [], result.stdout


def test_the_error_body_accepts_a_code_the_docs_do_not_list(out):
    for seed, body, bad in [
        ("kaisa", {"code": "A code from next year"}, {"code": 5}),
        ("itniotech", {"status": -12345, "reason": "new"}, {"status": "x"}),
    ]:
        document = yaml.safe_load((out / "openapi" / f"{seed}.yaml").read_text("utf-8"))
        name = next(
            key for key in document["components"]["schemas"] if key.endswith("ErrorResponse")
        )
        schema = {**document, "$ref": f"#/components/schemas/{name}"}
        validator = jsonschema.Draft202012Validator(schema)
        assert not list(validator.iter_errors(body)), seed
        assert list(validator.iter_errors(bad)), seed  # open, not anything-goes


# ------------------------------------------------------------------------ Markdown


def _header(page: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in page.splitlines()
        if line.startswith("| Code |")
    ]


def test_markdown_leaves_out_empty_and_repeating_columns(out):
    voipms = _header((out / "docs" / "voipms.md").read_text("utf-8"))
    assert voipms == [["Code", "Category", "Retry", "Message"]]  # no status, names = codes
    fone = _header((out / "docs" / "fonedynamics.md").read_text("utf-8"))
    assert ["Code", "Category", "Retry", "HTTP status", "Message", "Details"] in fone
    for page in (out / "docs").glob("*.md"):
        for header in _header(page.read_text("utf-8")):
            assert header[1:3] == ["Category", "Retry"]  # on screen however wide the message
