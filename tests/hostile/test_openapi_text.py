"""Issue 20, item 5: in generated OpenAPI, page text never becomes a `$` key (a `$ref` read by
every resolver) and a `description` holds no Markdown a sanitiser would flag."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded

HOSTILE = "<script>alert(1)</script> [home](javascript:alert(1)) <https://x.test> &lt;b&gt; `c`"


def _spec(tmp_path: Path, edit: dict[str, str]) -> Path:
    specs = tmp_path / "specs"
    specs.mkdir()
    text = (ROOT / "specs" / "fonedynamics.yaml").read_text()
    for old, new in edit.items():
        assert old in text
        text = text.replace(old, new)
    (specs / "fonedynamics.yaml").write_text(text)
    return specs


def _descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from _descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item)


def _unescaped(text: str) -> list[str]:
    """Characters that start HTML, an entity, a link or an autolink, not backslash-escaped."""
    return re.findall(r"(?<!\\)[<>\[\]&]", text.replace("\\\\", ""))


def test_page_text_in_descriptions_is_inert_markdown(tmp_path):
    quoted = '"' + HOSTILE.replace("\\", "\\\\") + '"'
    specs = _spec(
        tmp_path,
        {
            "  name: Fone Dynamics\n": f"  name: {quoted}\n",
            "  title: HTTP Status Codes\n": f"  title: {quoted}\n",
            "description: The name of the invalid parameter.": f"description: {quoted}",
        },
    )
    result = run_bounded(
        "generate", "--specs", str(specs), "--out", "out", "--no-cache", "--target", "openapi",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = yaml.safe_load((tmp_path / "out" / "openapi" / "fonedynamics.yaml").read_text())
    texts = list(_descriptions(document))
    assert sum("script" in text for text in texts) >= 3  # the hostile text is there, escaped
    for text in texts:
        assert _unescaped(text) == [], text


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_a_field_name_never_becomes_a_dollar_key(tmp_path):
    specs = _spec(
        tmp_path,
        {"ResponseStatus.Errors[].FieldName": "ResponseStatus.Errors[].$ref"},
    )
    args = ("generate", "--specs", str(specs), "--no-cache")
    result = run_bounded(*args, "--out", "out", "--target", "openapi", cwd=tmp_path)
    one_line_exit_2(result, "ResponseStatus.Errors[].$ref", "OpenAPI")
    assert not (tmp_path / "out").exists()
    result = run_bounded(*args, "--out", "out2", "--target", "python", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # the other targets have no such keys


def test_the_seeds_openapi_has_only_spectabs_own_dollar_keys():
    for path in sorted((ROOT / "out" / "openapi").glob("*.yaml")):
        keys = {key for key in _keys(yaml.safe_load(path.read_text())) if key.startswith("$")}
        assert keys <= {"$ref"}, (path, keys)
