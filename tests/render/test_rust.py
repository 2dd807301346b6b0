"""The Rust target as Rust sees it: ``cargo build`` and ``cargo clippy -- -D warnings`` pass
(offline, no dependencies), and a Rust program reads every code back exactly (values,
accessors, from_code, TryFrom, FromStr, Display, std::error::Error).

The seeds, the fixture specs, specs made of every hostile fragment (langcheck) and random
hostile specs are each one crate: a library of one module per provider and a driver binary
(see langcheck for its protocol).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escape import rust_ident
from generator.render.viewmodel import class_names
from generator.spec.io import load_spec
from generator.spec.model import Spec

from .helpers import FIXTURE_SPECS, ROOT, render_spec
from .langcheck import compare, hostile_specs, lookup_input, run_env, tool
from .strategies import specs as spec_strategy
from .test_property import SLOW

CARGO_TOML = """[package]
name = "generated"
version = "0.0.0"
edition = "2021"

[dependencies]
"""

DRIVER_HEAD = """use std::io::BufRead;

fn h(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn opt(s: Option<String>) -> String {
    s.map_or_else(|| "-".to_owned(), |s| h(&s))
}

fn unhex(s: &str) -> String {
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect();
    String::from_utf8(bytes).expect("utf-8")
}

fn main() {
    let lookups: Vec<[String; 3]> = std::io::stdin()
        .lock()
        .lines()
        .map(|line| {
            let line = line.expect("stdin");
            let fields: Vec<&str> = line.split(' ').collect();
            [fields[0].to_owned(), fields[1].to_owned(), unhex(fields[2])]
        })
        .collect();
"""

CLASS_BLOCK = """    for c in generated::{module}::{cls}::ALL {{
        let error: &dyn std::error::Error = c;
        assert_eq!(error.to_string(), c.to_string());
        assert_eq!({cls_path}::from_code(c.code()), Some(*c));
        println!(
            "code {provider} {cls} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}} {{}}",
            h(&c.code().to_string()),
            h(c.name()),
            h(c.message()),
            opt(c.description().map(str::to_owned)),
            h(c.category().as_str()),
            h(&c.retry().to_string()),
            opt(c.http_status().map(|s| s.to_string())),
            h(c.doc_url()),
            h(&c.to_string()),
        );
    }}
    for l in lookups.iter().filter(|l| l[0] == "{provider}" && l[1] == "{cls}") {{
{parse}        let by_str = l[2].parse::<{cls_path}>().ok();
        assert_eq!(found, by_str, "FromStr and from_code differ");
        assert_eq!(found, {cls_path}::try_from(value).ok(), "TryFrom and from_code differ");
        println!("find {provider} {cls} {{}} {{}}", h(&l[2]), opt(found.map(|f| f.code().to_string())));
    }}
"""

PARSE_INT = """        let value: i64 = l[2].parse().expect("an integer");
        let found = {cls_path}::from_code(value);
"""
PARSE_STRING = """        let value = l[2].as_str();
        let found = {cls_path}::from_code(value);
"""


def _module(spec: Spec) -> str:
    return rust_ident(spec.provider.id)


def _driver(specs: list[Spec]) -> str:
    parts = [DRIVER_HEAD]
    for spec in specs:
        for ns, cls in zip(spec.namespaces, class_names(spec, "test")):
            path = f"generated::{_module(spec)}::{cls}"
            parse = PARSE_INT if ns.code_type == "integer" else PARSE_STRING
            parts.append(
                CLASS_BLOCK.format(
                    module=_module(spec),
                    cls=cls,
                    cls_path=path,
                    provider=spec.provider.id,
                    parse=parse.format(cls_path=path),
                )
            )
    return "".join(parts) + "}\n"


def _library(specs: list[Spec]) -> str:
    """lib.rs: each provider's generated file as a module (its file keeps the provider id)."""
    return "".join(
        f'#[path = "{spec.provider.id}.rs"]\npub mod {_module(spec)};\n' for spec in specs
    )


def check_rust(specs: list[Spec], sources: dict[str, str], folder: Path) -> None:
    """Build, clippy the generated library (warnings are errors) and run the driver over one crate of every spec."""
    cargo = tool("cargo")
    (folder / "Cargo.toml").write_text(CARGO_TOML, encoding="utf-8")
    src = folder / "src"
    src.mkdir()
    for spec in specs:
        (src / f"{spec.provider.id}.rs").write_text(sources[spec.provider.id], encoding="utf-8")
    (src / "lib.rs").write_text(_library(specs), encoding="utf-8")
    (src / "main.rs").write_text(_driver(specs), encoding="utf-8")
    # a target folder of its own: cargo caches rustc's answers there, failures included
    env = {**os.environ, "CARGO_NET_OFFLINE": "true", "CARGO_TARGET_DIR": str(folder / "target")}
    run_env([cargo, "build", "--offline", "--quiet"], folder, env)
    run_env([cargo, "clippy", "--offline", "--quiet", "--lib", "--", "-D", "warnings"], folder, env)
    out = run_env([cargo, "run", "--offline", "--quiet"], folder, env, lookup_input(specs))
    compare(specs, out)


def _rendered(specs: list[Spec]) -> dict[str, str]:
    return {spec.provider.id: render_spec(spec)["rust"] for spec in specs}


def test_seeds_and_fixtures_build_pass_clippy_and_read_back(tmp_path):
    specs = [load_spec(ROOT / "specs" / f"{seed}.yaml") for seed in SEEDS]
    specs += [load_spec(path) for path in sorted(FIXTURE_SPECS.glob("*.yaml"))]
    check_rust(specs, _rendered(specs), tmp_path)


def test_every_hostile_fragment_builds_and_reads_back(tmp_path):
    specs = hostile_specs()
    check_rust(specs, _rendered(specs), tmp_path)


@settings(max_examples=3, deadline=None, suppress_health_check=SLOW)
@given(batch=st.lists(spec_strategy(), min_size=3, max_size=6))
def test_random_hostile_specs_build_and_read_back(batch, tmp_path_factory):
    for index, spec in enumerate(batch):
        spec.provider.id = f"p{index}"
    check_rust(batch, _rendered(batch), tmp_path_factory.mktemp("rust"))


SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")
