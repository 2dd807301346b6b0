"""The generated files in front of the real tools their users run.

tsc (strict, isolatedModules, erasableSyntaxOnly) and Node for TypeScript; mypy --strict and
import for Python; openapi-spec-validator (3.1 and 3.0, each its own validator) and
openapi-typescript + tsc for OpenAPI. Seeds (specs/) and fixture specs together.
"""

from __future__ import annotations

import ast
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, validate

from generator.render import outputs
from generator.render import pipeline
from generator.render import targets
from generator.spec.io import load_spec
from generator.render.viewmodel import Options, class_names

from .helpers import FIXTURE_SPECS, ROOT, node, node_tool, run

TSC_FLAGS = ["--strict", "--isolatedModules", "--erasableSyntaxOnly", "--target", "es2022"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """out/ for the seed specs plus the fixtures, and openapi-3.0/ beside it."""
    base = tmp_path_factory.mktemp("tools")
    specs = base / "specs"
    specs.mkdir()
    for path in [*sorted((ROOT / "specs").glob("*.yaml")), *sorted(FIXTURE_SPECS.glob("*.yaml"))]:
        if not path.name.endswith(".overrides.yaml") and path.name != "providers.yaml":
            shutil.copy(path, specs / path.name)
    for version, folder in (("3.1", "out"), ("3.0", "out30")):
        selected = targets.select(None if version == "3.1" else ["openapi"])
        plan = pipeline.build(specs, base / folder, selected, Options(version), use_manifest=False)
        outputs.apply(base / folder, plan.desired, [], sorted(plan.desired), [])
    return base


def _specs(generated: Path):
    return [load_spec(path) for path in sorted((generated / "specs").glob("*.yaml"))]


def test_typescript_compiles_with_the_strictest_flags(generated):
    files = sorted(str(p) for p in (generated / "out" / "typescript").glob("*.ts"))
    assert len(files) >= 2
    run(
        [
            node_tool("tsc"),
            *TSC_FLAGS,
            "--noEmit",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--exactOptionalPropertyTypes",
            "--noUncheckedIndexedAccess",
            "--verbatimModuleSyntax",
            "--module",
            "esnext",
            *files,
        ],
        cwd=generated,  # outside the repo: its node_modules/@types are the test tools' own
    )


CONSUMER_TS = """
import { DemoStatus, DemoStatusInfo, isDemoStatus, toDemoStatus, type DemoStatusOpen } from "./demo";
import { MultiSmsStatus, MultiSmsStatusInfo, type MultiCode } from "./multi";

function describe(raw: DemoStatusOpen): string {
  const known = toDemoStatus(raw);
  return known === undefined ? "unknown" : DemoStatusInfo[known].message;
}
const parsed: unknown = JSON.parse('"invalid_did"');
const guarded: DemoStatus | null = isDemoStatus(parsed) ? parsed : null;
const anyCode: MultiCode = MultiSmsStatus.AUTHENTICATION_ERROR;
const exhaustive = (s: DemoStatus): number => {
  switch (s) {
    case DemoStatus.INVALID_DID: return 1;
    case DemoStatus.AGENT: return 2;
    case DemoStatus.ZZZ: return 3;
  }
};
console.log(JSON.stringify({
  message: describe("invalid_did"),
  alias: describe("invalid_number"),
  unknown: describe("something else"),
  guarded,
  anyCode,
  retry: MultiSmsStatusInfo[MultiSmsStatus.TIMESTAMP_EXPIRED].retry,
  docUrl: DemoStatusInfo[DemoStatus.AGENT].docUrl,
  exhaustive: exhaustive(DemoStatus.ZZZ),
}));
"""


def test_typescript_runs_in_node_as_a_consumer_uses_it(generated, tmp_path):
    for name in ("demo.ts", "multi.ts"):
        shutil.copy(generated / "out" / "typescript" / name, tmp_path / name)
    (tmp_path / "consumer.ts").write_text(CONSUMER_TS, encoding="utf-8")
    run(
        [
            node_tool("tsc"),
            *TSC_FLAGS,
            "--module",
            "commonjs",
            "--outDir",
            "dist",
            "consumer.ts",
            "demo.ts",
            "multi.ts",
        ],
        cwd=tmp_path,
    )
    result = run([node(), "dist/consumer.js"], cwd=tmp_path)
    assert json.loads(result.stdout) == {
        "message": "This is not a valid DID",
        "alias": "This is not a valid DID",
        "unknown": "unknown",
        "guarded": "invalid_did",
        "anyCode": -1,
        "retry": "backoff",
        "docUrl": "demo.md#api-agent",
        "exhaustive": 3,
    }


def test_typescript_values_match_every_spec_in_node(generated, tmp_path):
    specs = _specs(generated)
    files = [f"{spec.provider.id}.ts" for spec in specs]
    for name in files:
        shutil.copy(generated / "out" / "typescript" / name, tmp_path / name)
    run(
        [node_tool("tsc"), *TSC_FLAGS, "--module", "commonjs", "--outDir", "dist", *files],
        cwd=tmp_path,
    )
    script = (
        "const out = {};"
        + "".join(
            f"out[{json.dumps(spec.provider.id)}] = require('./dist/{spec.provider.id}.js');"
            for spec in specs
        )
        + "process.stdout.write(JSON.stringify(out));"
    )
    modules = json.loads(run([node(), "-e", script], cwd=tmp_path).stdout)
    for spec in specs:
        module = modules[spec.provider.id]
        for ns, class_name in zip(spec.namespaces, class_names(spec, "test")):
            assert module[class_name] == {e.name: e.code for e in ns.errors}
            for entry in ns.errors:
                info = module[class_name + "Info"][str(entry.code)]
                assert (info["message"], info["httpStatus"]) == (entry.message, entry.http_status)


def test_python_is_mypy_strict_clean_and_39_syntax(generated):
    folder = generated / "out" / "python"
    for path in sorted(folder.glob("*.py")):
        ast.parse(path.read_text("utf-8"), feature_version=(3, 9))
    consumer = folder / "consumer_check.py"
    consumer.write_text(
        "from __future__ import annotations\n"
        "from typing import Optional\n"
        "from demo import DemoError, DemoStatus\n"
        "from multi import MultiSmsStatus\n\n"
        "status: Optional[DemoStatus] = DemoStatus.from_code('invalid_did')\n"
        "message: str = DemoStatus('007').message\n"
        "http: Optional[int] = MultiSmsStatus(-1).http_status\n"
        "error = DemoError(DemoStatus.ZZZ)\n"
        "retry: str = error.retry\n",
        encoding="utf-8",
    )
    try:
        run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "."], cwd=folder)
    finally:
        consumer.unlink()


def test_python_runtime_behaviour(generated):
    sys.path.insert(0, str(generated / "out" / "python"))
    try:
        import demo
        import multi
    finally:
        sys.path.pop(0)
    Demo, Sms, Voice = demo.DemoStatus, multi.MultiSmsStatus, multi.MultiVoiceStatus
    assert Demo("invalid_did").message == "This is not a valid DID"
    assert Demo("invalid_number") is Demo.INVALID_DID  # alias through _missing_
    assert Demo.from_code("invalid_number") is Demo.INVALID_DID
    assert Demo.from_code("nope") is None and Demo.from_code(7) is None
    with pytest.raises(ValueError, match="'nope' is not a known DemoStatus code"):
        Demo.from_code("nope", strict=True)
    with pytest.raises(ValueError, match="DemoStatus"):
        Demo("nope")
    assert Sms(-1) is Sms.AUTHENTICATION_ERROR and Sms("-1") is Sms.AUTHENTICATION_ERROR
    assert Sms.from_code(True) is None  # a bool is never the integer code 1
    assert Sms(-1) != Voice(-1) and Sms(-1).value == Voice(-1).value  # no IntEnum trap
    assert Sms.SUCCESS != 0  # members are not ints
    assert Demo.AGENT.doc_url == "demo.md#api-agent" and Demo.ZZZ.http_status is None
    assert Demo.AGENT.category == "permission" and Demo.ZZZ.retry == "backoff"
    error = demo.DemoError(Demo.ZZZ, "detail")
    assert (error.code, error.message, str(error)) == ("zzz", Demo.ZZZ.message, "zzz: detail")
    assert "Demo API" in (demo.__doc__ or "")
    assert list(multi.MultiEmptyStatus) == []


def test_doc_urls_are_markdown_anchors(generated):
    for spec in _specs(generated):
        page = (generated / "out" / "docs" / f"{spec.provider.id}.md").read_text("utf-8")
        for ns in spec.namespaces:
            for entry in ns.errors:
                assert f'<a id="{ns.id}-{entry.name.lower()}"></a>' in page


def test_openapi_31_and_30_validate(generated):
    for path in sorted((generated / "out" / "openapi").glob("*.yaml")):
        document = yaml.safe_load(path.read_text("utf-8"))
        assert document["openapi"] == "3.1.0"
        validate(document, cls=OpenAPIV31SpecValidator)
    for path in sorted((generated / "out30" / "openapi").glob("*.yaml")):
        document = yaml.safe_load(path.read_text("utf-8"))
        assert document["openapi"] == "3.0.3"
        validate(document, cls=OpenAPIV30SpecValidator)
        with pytest.raises(Exception):  # the 3.1 validator must not accept a 3.0 document
            validate(document, cls=OpenAPIV31SpecValidator)


def test_openapi_typescript_output_compiles(generated, tmp_path):
    made = []
    for folder in ("out", "out30"):
        for path in sorted((generated / folder / "openapi").glob("*.yaml")):
            target = tmp_path / f"{folder}_{path.stem}.d.ts"
            run([node_tool("openapi-typescript"), str(path), "-o", str(target)])
            made.append(target.name)
    consumer = (
        'import type { components } from "./out_demo";\n'
        'type Body = components["schemas"]["DemoErrorResponse"];\n'
        'const body: Body = { ResponseStatus: { ErrorCode: "invalid_did", Errors: [{ FieldName: "did" }] } };\n'
        'const success: Body["ResponseStatus"]["ErrorCode"] = "OK";\n'
        "export const used = [body, success];\n"
    )
    (tmp_path / "consumer.ts").write_text(consumer, encoding="utf-8")
    run(
        [node_tool("tsc"), *TSC_FLAGS, "--noEmit", "--module", "esnext", "consumer.ts", *made],
        cwd=tmp_path,
    )
