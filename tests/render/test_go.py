"""The Go target as Go sees it: gofmt prints nothing, go vet and go test pass, and a Go
program reads every code back exactly (values, Info, lookups, errors.Is / errors.As).

The seeds, the fixture specs, specs made of every hostile fragment (langcheck) and random
hostile specs are each one Go module: one package per provider, a test-written _test.go per
package and a driver program (see langcheck for its protocol).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.spec.io import load_spec
from generator.spec.model import Spec
from generator.render.escape import go_ident
from generator.render.viewmodel import class_names

from .helpers import FIXTURE_SPECS, ROOT, render_spec, run
from .langcheck import compare, hostile_specs, lookup_input, run_env, tool
from .strategies import specs as spec_strategy
from .test_property import SLOW

MODULE = "example.com/gen"

DRIVER_HEAD = """package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
{imports}
)

func h(s string) string {{
	if s == "" {{
		return ""
	}}
	return hex.EncodeToString([]byte(s))
}}

func opt(s string, ok bool) string {{
	if !ok {{
		return "-"
	}}
	return h(s)
}}

func main() {{
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	var lookups [][3]string
	for in.Scan() {{
		fields := strings.Split(in.Text(), " ")
		raw, _ := hex.DecodeString(fields[2])
		lookups = append(lookups, [3]string{{fields[0], fields[1], string(raw)}})
	}}
	_ = strconv.Itoa
	_ = errors.Is
	_ = fmt.Sprint
"""

CLASS_BLOCK = """	for _, c := range {pkg}.{cls}Values() {{
		info, ok := {pkg}.Lookup(c)
		wrapped := fmt.Errorf("call: %w", &{pkg}.Error{{Code: c, Message: "m"}})
		var as {pkg}.{cls}
		var asError *{pkg}.Error
		if !ok || !errors.Is(wrapped, c) || !errors.As(wrapped, &as) || as != c || !errors.As(wrapped, &asError) {{
			panic("{cls}: Lookup, errors.Is or errors.As failed")
		}}
		fmt.Println("code", "{provider}", "{cls}", h({text}), h(info.Name), h(info.Message), opt(info.Description, info.Description != ""), h(string(info.Category)), h(string(info.Retry)), opt(strconv.Itoa(info.HTTPStatus), info.HTTPStatus != 0), h(info.DocURL), h(c.Error()))
	}}
	for _, l := range lookups {{
		if l[0] != "{provider}" || l[1] != "{cls}" {{
			continue
		}}
{parse}		found, ok := {pkg}.{cls}FromCode(value)
		fmt.Println("find", "{provider}", "{cls}", h(l[2]), opt({found}, ok))
	}}
"""

PARSE_INT = """		value, err := strconv.ParseInt(l[2], 10, 64)
		if err != nil {
			panic(err)
		}
"""
PARSE_STRING = "\t\tvalue := l[2]\n"

PACKAGE_TEST = """package {pkg}

import (
	"errors"
	"testing"
)

func TestEveryCodeIsDocumented(t *testing.T) {{
{body}}}
"""
PACKAGE_TEST_CLASS = """	for _, c := range {cls}Values() {{
		if _, ok := Lookup(c); !ok {{
			t.Errorf("%v: no Info", c)
		}}
		if back, ok := {cls}FromCode({wire}(c)); !ok || back != c {{
			t.Errorf("%v: FromCode does not give it back", c)
		}}
		if !errors.Is(&Error{{Code: c}}, c) {{
			t.Errorf("%v: errors.Is does not see it", c)
		}}
	}}
"""


def _driver(specs: list[Spec]) -> str:
    imports = "".join(
        f'\t{go_ident(spec.provider.id)} "{MODULE}/{spec.provider.id}"\n' for spec in specs
    )
    parts = [DRIVER_HEAD.format(imports=imports.rstrip("\n"))]
    for spec in specs:
        pkg = go_ident(spec.provider.id)
        for ns, cls in zip(spec.namespaces, class_names(spec, "test")):
            is_int = ns.code_type == "integer"
            parts.append(
                CLASS_BLOCK.format(
                    pkg=pkg,
                    cls=cls,
                    provider=spec.provider.id,
                    text="strconv.FormatInt(int64(c), 10)" if is_int else "string(c)",
                    found="strconv.FormatInt(int64(found), 10)" if is_int else "string(found)",
                    parse=PARSE_INT if is_int else PARSE_STRING,
                )
            )
    return "".join(parts) + "}\n"


def _package_test(spec: Spec) -> str:
    body = "".join(
        PACKAGE_TEST_CLASS.format(cls=cls, wire="int64" if ns.code_type == "integer" else "string")
        for ns, cls in zip(spec.namespaces, class_names(spec, "test"))
    )
    return PACKAGE_TEST.format(pkg=go_ident(spec.provider.id), body=body)


def check_go(specs: list[Spec], sources: dict[str, str], folder: Path) -> None:
    """gofmt, vet, test and run the driver over one module holding every spec's package."""
    go, gofmt = tool("go"), tool("gofmt")
    (folder / "go.mod").write_text(f"module {MODULE}\n\ngo 1.19\n", encoding="utf-8")
    for spec in specs:
        package = folder / spec.provider.id
        package.mkdir()
        (package / "errors.go").write_text(sources[spec.provider.id], encoding="utf-8")
        (package / "errors_test.go").write_text(_package_test(spec), encoding="utf-8")
    assert run([gofmt, "-l", "."], cwd=folder).stdout == "", "generated Go is not gofmt-clean"
    (folder / "driver").mkdir()
    (folder / "driver" / "main.go").write_text(_driver(specs), encoding="utf-8")
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOPROXY": "off", "GO111MODULE": "on"}
    env.setdefault("GOCACHE", os.path.join(tempfile.gettempdir(), "spectab-go-build"))
    for command in (["vet", "./..."], ["test", "-count=1", "./..."]):
        run_env([go, *command], folder, env)
    out = run_env([go, "run", "./driver"], folder, env, lookup_input(specs))
    compare(specs, out)


def _rendered(specs: list[Spec]) -> dict[str, str]:
    return {spec.provider.id: render_spec(spec)["go"] for spec in specs}


def test_seeds_and_fixtures_compile_vet_test_and_read_back(tmp_path):
    specs = [load_spec(ROOT / "specs" / f"{seed}.yaml") for seed in SEEDS]
    specs += [load_spec(path) for path in sorted(FIXTURE_SPECS.glob("*.yaml"))]
    check_go(specs, _rendered(specs), tmp_path)


def test_every_hostile_fragment_compiles_and_reads_back(tmp_path):
    specs = hostile_specs()
    check_go(specs, _rendered(specs), tmp_path)


@settings(max_examples=3, deadline=None, suppress_health_check=SLOW)
@given(batch=st.lists(spec_strategy(), min_size=3, max_size=6))
def test_random_hostile_specs_compile_and_read_back(batch, tmp_path_factory):
    for index, spec in enumerate(batch):
        spec.provider.id = f"p{index}"
    check_go(batch, _rendered(batch), tmp_path_factory.mktemp("go"))


SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")
