"""The Java target as Java sees it: ``javac -Xlint:all -Werror`` compiles it, and a Java
program reads every code back exactly (values, accessors, fromCode, the exception).

The seeds, the fixture specs, specs made of every hostile fragment (langcheck) and random
hostile specs are each compiled together with a driver program (see langcheck for its
protocol). Each provider's file goes in its package's folder, as ``out/java`` has it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escape import java_ident
from generator.render.targets import TARGETS
from generator.render.viewmodel import class_names, pascal
from generator.spec.io import load_spec
from generator.spec.model import Spec

from .helpers import FIXTURE_SPECS, ROOT, render_spec
from .langcheck import compare, hostile_specs, lookup_input, run_env, tool
from .strategies import specs as spec_strategy
from .test_property import SLOW

DRIVER_HEAD = """import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Main {
    private Main() {
    }

    static String h(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    static String opt(Optional<String> s) {
        return s.isPresent() ? h(s.get()) : "-";
    }

    static String unhex(String s) {
        byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    public static void main(String[] args) throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String[]> lookups = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] fields = line.split(" ", -1);
            lookups.add(new String[] {fields[0], fields[1], unhex(fields[2])});
        }
"""

CLASS_BLOCK = """        for ({outer}.{cls} c : {outer}.{cls}.values()) {{
            {outer}.{exc} error = new {outer}.{exc}(c, null);
            check(error.code() == c && error.getMessage().equals(c.name() + ": " + c.message()), "exception");
            check({outer}.{cls}.fromCode(c.code()).orElse(null) == c, "fromCode");
            System.out.println("code {provider} {cls} " + h(String.valueOf(c.code())) + " " + h(c.name())
                + " " + h(c.message()) + " " + opt(c.description()) + " " + h(c.category().name().toLowerCase(java.util.Locale.ROOT))
                + " " + h(c.retry().name().toLowerCase(java.util.Locale.ROOT))
                + " " + (c.httpStatus().isPresent() ? h(String.valueOf(c.httpStatus().getAsInt())) : "-")
                + " " + h(c.docUrl()) + " " + h(error.getMessage()));
        }}
        for (String[] l : lookups) {{
            if (!l[0].equals("{provider}") || !l[1].equals("{cls}")) {{
                continue;
            }}
            Optional<{outer}.{cls}> found = {outer}.{cls}.fromCode({parse});
            System.out.println("find {provider} {cls} " + h(l[2]) + " " + opt(found.map(f -> String.valueOf(f.code()))));
        }}
"""

SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")


def _outer(spec: Spec) -> str:
    return f"{java_ident(spec.provider.id)}.{pascal(spec.provider.id)}Errors"


def _driver(specs: list[Spec]) -> str:
    parts = [DRIVER_HEAD]
    for spec in specs:
        for ns, cls in zip(spec.namespaces, class_names(spec, "test")):
            parts.append(
                CLASS_BLOCK.format(
                    outer=_outer(spec),
                    exc=f"{pascal(spec.provider.id)}Exception",
                    cls=cls,
                    provider=spec.provider.id,
                    parse="Long.parseLong(l[2])" if ns.code_type == "integer" else "l[2]",
                )
            )
    return "".join(parts) + "    }\n}\n"


def check_java(specs: list[Spec], sources: dict[str, str], folder: Path) -> None:
    """Compile every provider's file with every lint as an error, then run the driver."""
    javac, java = tool("javac"), tool("java")
    files = []
    for spec in specs:
        path = folder / "src" / TARGETS["java"].provider_file(spec.provider.id)
        path.parent.mkdir(parents=True)
        path.write_text(sources[spec.provider.id], encoding="utf-8")
        files.append(str(path))
    classes = folder / "classes"
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}  # ASCII locale: the sources must not care
    run_env([javac, "-Xlint:all", "-Werror", "-d", str(classes), *files], folder, env)
    driver = folder / "Main.java"
    driver.write_text(_driver(specs), encoding="utf-8")
    run_env([javac, "-encoding", "UTF-8", "-cp", str(classes), "-d", str(classes), str(driver)], folder, env)
    out = run_env([java, "-cp", str(classes), "Main"], folder, env, lookup_input(specs))
    compare(specs, out)


def _rendered(specs: list[Spec]) -> dict[str, str]:
    return {spec.provider.id: render_spec(spec)["java"] for spec in specs}


def test_seeds_and_fixtures_compile_without_warnings_and_read_back(tmp_path):
    specs = [load_spec(ROOT / "specs" / f"{seed}.yaml") for seed in SEEDS]
    specs += [load_spec(path) for path in sorted(FIXTURE_SPECS.glob("*.yaml"))]
    check_java(specs, _rendered(specs), tmp_path)


def test_every_hostile_fragment_compiles_and_reads_back(tmp_path):
    specs = hostile_specs()
    check_java(specs, _rendered(specs), tmp_path)


@settings(max_examples=3, deadline=None, suppress_health_check=SLOW)
@given(batch=st.lists(spec_strategy(), min_size=3, max_size=6))
def test_random_hostile_specs_compile_and_read_back(batch, tmp_path_factory):
    for index, spec in enumerate(batch):
        spec.provider.id = f"p{index}"
    check_java(batch, _rendered(batch), tmp_path_factory.mktemp("java"))


def test_a_namespace_of_1500_codes_still_compiles(tmp_path, monkeypatch):
    """The size docs/targets.md promises: a Java enum's class initializer is capped at 64 KB
    of bytecode, and 1,500 constants (the benchmark's entries) stay under it."""
    import importlib.util

    path = ROOT / "bench" / "make_inputs.py"
    module_spec = importlib.util.spec_from_file_location("make_inputs", path)
    assert module_spec is not None and module_spec.loader is not None
    make_inputs = importlib.util.module_from_spec(module_spec)
    monkeypatch.setitem(sys.modules, "make_inputs", make_inputs)  # its dataclasses look it up
    module_spec.loader.exec_module(make_inputs)
    spec = make_inputs.build_spec(2000, "large")
    assert max(len(ns.errors) for ns in spec.namespaces) >= 1500
    check_java([spec], _rendered([spec]), tmp_path)
