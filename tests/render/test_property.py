"""Whole specs full of hostile text through every target, read back by the real consumer.

Python: the module is imported and each member's value, message and description compared.
OpenAPI: loaded as YAML (and validated). Markdown: rendered by a CommonMark+GFM parser, each
row's cells compared. TypeScript: many specs compiled in one `tsc` run (tsc is slow), then the
JavaScript is run under Node and its values compared.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openapi_spec_validator import validate

from generator.spec.model import Spec
from generator.render.viewmodel import Options, build_view, class_names
from generator.render.views import NamespaceView

from .helpers import node, node_tool, render_spec, run
from .strategies import specs
from .test_escape import md_expected

MD = MarkdownIt("commonmark", {"html": True}).enable("table")
SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def _import(path: Path, name: str):
    module_spec = importlib.util.spec_from_file_location(name, path)
    assert module_spec and module_spec.loader
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    try:
        module_spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def check_python(spec: Spec, text: str, folder: Path) -> None:
    ast.parse(text, feature_version=(3, 9))
    path = folder / f"{spec.provider.id}.py"
    path.write_text(text, encoding="utf-8")
    module = _import(path, f"generated_{spec.provider.id}_{abs(hash(text))}")
    for ns, class_name in zip(spec.namespaces, class_names(spec, "test")):
        enum = getattr(module, class_name)
        assert [member.name for member in enum] == [entry.name for entry in ns.errors]
        for entry in ns.errors:
            member = enum[entry.name]
            assert member.value == entry.code
            assert enum(entry.code) is member
            assert member.message == entry.message
            assert member.description == entry.description
            assert member.http_status == entry.http_status
            assert member.category == entry.category.value
            assert member.retry == entry.retry.value
            for alias in entry.aliases:
                assert enum.from_code(alias) is member
    assert module.__doc__ is not None


def check_openapi(spec: Spec, text: str) -> None:
    document = yaml.safe_load(text)
    validate(document)
    schemas = document["components"]["schemas"]
    for ns, class_name in zip(spec.namespaces, class_names(spec, "test")):
        schema = schemas[class_name]
        assert schema["title"] == ns.title
        if ns.errors:
            assert schema["enum"] == [entry.code for entry in ns.errors]
            assert schema["x-enum-descriptions"] == [entry.message for entry in ns.errors]
            assert schema["x-enum-varnames"] == [entry.name for entry in ns.errors]
    examples = {
        key: example["value"]
        for response in document["components"].get("responses", {}).values()
        for key, example in response["content"]["application/json"]["examples"].items()
    }
    for ns in spec.namespaces:
        for entry in ns.errors:
            if entry.category.value != "ok":
                value = examples[f"{ns.id}.{entry.name}"]
                assert value == {"code": entry.code, "message": entry.message}


def _cells(tokens, start):
    """Texts of one table row's cells starting at token ``start`` (a tr_open)."""
    cells, index = [], start + 1
    while tokens[index].type != "tr_close":
        token = tokens[index]
        if token.type == "inline":
            cells.append(_inline_text(token))
        index += 1
    return cells


def _inline_text(token) -> str:
    """What a reader sees in an inline token: text, with ``<br>`` as a line break."""
    text = []
    for child in token.children or []:
        if child.type == "html_inline":
            if child.content == "<br>":
                text.append("\n")
        else:
            assert child.type == "text", child
            text.append(child.content)
    return "".join(text)


def _views(spec: Spec) -> list[NamespaceView]:
    return build_view(spec, "specs/x.yaml", "0" * 64, Options()).namespaces


def check_markdown(spec: Spec, text: str) -> None:
    tokens = MD.parse(text)
    rows = [
        _cells(tokens, index)
        for index, token in enumerate(tokens)
        if token.type == "tr_open" and tokens[index + 1].type == "td_open"
    ]
    expected = []
    for ns, view in zip(spec.namespaces, _views(spec)):
        has_details = any(entry.description for entry in ns.errors)
        for entry in ns.errors:
            row = [md_expected(str(entry.code)), entry.category.value, entry.retry.value]
            if any(other.http_status is not None for other in ns.errors):
                row.append("" if entry.http_status is None else str(entry.http_status))
            row.append(md_expected(entry.message))
            if not view.name_repeats_message:
                row.append(entry.name)
            if has_details:
                row.append(md_expected(entry.description or ""))
            expected.append(row)
    assert [row[: len(want)] for row, want in zip(rows, expected)] == expected
    assert len(rows) == len(expected)
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert _inline_text(headings[0]) == md_expected(spec.provider.name) + " error codes"


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(spec=specs())
def test_python_openapi_markdown_read_back_exactly(spec, tmp_path_factory):
    folder = tmp_path_factory.mktemp("py")
    files = render_spec(spec, folder / "cache")
    check_python(spec, files["python"], folder)
    check_openapi(spec, files["openapi"])
    check_markdown(spec, files["markdown"])


@settings(max_examples=15, deadline=None, suppress_health_check=SLOW)
@given(spec=specs())
def test_openapi_30_is_valid_and_reads_back(spec):
    document = yaml.safe_load(render_spec(spec, None, "3.0")["openapi"])
    assert document["openapi"] == "3.0.3"
    from openapi_spec_validator import OpenAPIV30SpecValidator

    validate(document, cls=OpenAPIV30SpecValidator)


DRIVER = """
const out = {};
for (const file of process.argv.slice(2)) {
  const m = require(file);
  const found = {};
  for (const key of Object.keys(m)) {
    if (!key.endsWith("Info") || !m["is" + key.slice(0, -4)]) continue;
    const name = key.slice(0, -4);
    const values = Object.values(m[name]);
    found[name] = {
      members: m[name],
      info: m[key],
      guarded: values.every((v) => m["is" + name](v)),
      rejects: !m["is" + name]({}) && !m["is" + name]("\\u0000not a code\\u0000"),
      aliases: values.flatMap((v) => m[key][v].aliases.map((a) => [a, m["to" + name](a)])),
    };
  }
  out[file] = found;
}
process.stdout.write(JSON.stringify(out));
"""


@settings(max_examples=6, deadline=None, suppress_health_check=SLOW)
@given(batch=st.lists(specs(), min_size=4, max_size=8))
def test_typescript_compiles_and_runs_in_node(batch, tmp_path_factory):
    folder = tmp_path_factory.mktemp("ts")
    files = []
    for index, spec in enumerate(batch):
        spec.provider.id = f"p{index}"
        path = folder / f"p{index}.ts"
        path.write_text(render_spec(spec)["typescript"], encoding="utf-8")
        files.append(path.name)
    run(
        [
            node_tool("tsc"),
            "--strict",
            "--isolatedModules",
            "--erasableSyntaxOnly",
            "--noUnusedLocals",
            "--target",
            "es2022",
            "--module",
            "commonjs",
            "--outDir",
            "dist",
            *files,
        ],
        cwd=folder,
    )
    (folder / "driver.js").write_text(DRIVER, encoding="utf-8")
    result = run(
        [node(), "driver.js", *[f"./dist/p{index}.js" for index in range(len(batch))]],
        cwd=folder,
    )
    seen = json.loads(result.stdout)
    for index, spec in enumerate(batch):
        found = seen[f"./dist/p{index}.js"]
        for ns, class_name in zip(spec.namespaces, class_names(spec, "test")):
            got = found[class_name]
            assert got["members"] == {entry.name: entry.code for entry in ns.errors}
            assert got["guarded"] and got["rejects"]
            for entry in ns.errors:
                info = got["info"][str(entry.code)]
                assert info["message"] == entry.message
                assert info["description"] == entry.description
                assert info["code"] == entry.code and info["name"] == entry.name
            assert got["aliases"] == [
                [alias, entry.code] for entry in ns.errors for alias in entry.aliases
            ]
