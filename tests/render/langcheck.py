"""What the Go, Rust and Java tests share: finding a toolchain, hostile specs, and reading
back what a compiled program says about every generated code.

Each language's test writes a small driver program (in that language) that prints one line
per documented code and one per lookup, every field as the hex of its UTF-8 bytes, so
nothing in the protocol needs escaping and the driver needs no JSON library:

    code <provider> <class> <code> <name> <message> <description|-> <category> <retry>
         <http status|-> <doc url> <error text>
    find <provider> <class> <value looked up> <code found|->

The driver reads the values to look up from stdin, one ``<provider> <class> <hex>`` a line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.spec.model import Category, ErrorEntry, Namespace, Provider, Retry, Source, Spec
from generator.render.viewmodel import class_names

from .strategies import HOSTILE

# Strings of the hostile suite (tests/hostile) beside the strategies' fragments: terminal
# escapes and controls that must come out as escapes.
HOSTILE_SUITE = ["\x1b]0;pwned\x07\x1b[31m\x1b[2J\x9b\u202e", "\x1b\x07\x9b\u202e\r\x00"]
FRAGMENTS = [*HOSTILE, *HOSTILE_SUITE, "\\u000a", "\\u002a\\u002f", "*/ /*", "\\\\u0022", "\u00ad"]
NOT_A_CODE = "\x00not a code\x00"  # looked up in every string namespace: never found
NOT_A_NUMBER = 4_503_599_627_370_497  # looked up in every integer namespace: never found


def tool(name: str) -> str:
    """The toolchain command ``name``; missing fails under CI=true, else skips with why."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} not found (make test installs it: tests/toolchains/ensure.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def run_env(cmd: list[str], cwd: Path, env: dict[str, str], stdin: str = "") -> str:
    """Run a toolchain command; its stdout, or a failure showing everything it said."""
    result = subprocess.run(
        cmd, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def hexs(value: object) -> str:
    return str(value).encode("utf-8").hex() or "-"


def unhex(field: str) -> str | None:
    return None if field == "-" else bytes.fromhex(field).decode("utf-8")


def lookup_input(specs: list[Spec]) -> str:
    """Every code, alias and a value no namespace has, for each class, as driver input."""
    lines = []
    for spec in specs:
        for ns, cls in zip(spec.namespaces, class_names(spec, "test")):
            values: list[object] = [NOT_A_NUMBER if ns.code_type == "integer" else NOT_A_CODE]
            for entry in ns.errors:
                values += [entry.code, *entry.aliases]
            lines += [f"{spec.provider.id} {cls} {str(value).encode().hex()}" for value in values]
    return "".join(line + "\n" for line in lines)


@dataclass
class Found:
    codes: dict[tuple[str, str], list[list[str | None]]]
    finds: dict[tuple[str, str], list[tuple[str | None, str | None]]]


def parse(stdout: str) -> Found:
    found = Found({}, {})
    for line in stdout.splitlines():
        kind, provider, cls, *fields = line.split(" ")
        values = [unhex(field) for field in fields]
        if kind == "code":
            found.codes.setdefault((provider, cls), []).append(values)
        else:
            found.finds.setdefault((provider, cls), []).append((values[0], values[1]))
    return found


def compare(specs: list[Spec], stdout: str, docs_base: str = "") -> None:
    """The driver's lines against the specs: every field of every code, every lookup."""
    found = parse(stdout)
    for spec in specs:
        for ns, cls in zip(spec.namespaces, class_names(spec, "test")):
            key = (spec.provider.id, cls)
            want = [_row(spec, ns, entry, docs_base) for entry in ns.errors]
            got = [[*row[:3], row[3] or None, *row[4:8]] for row in found.codes.get(key, [])]
            assert got == want, f"{key}: read back differently"
            for row, entry in zip(found.codes.get(key, []), ns.errors):
                assert entry.name in (row[8] or ""), f"{key}: error text {row[8]!r}"
            assert found.finds.get(key, []) == _lookups(ns), f"{key}: lookups differ"


def _row(spec: Spec, ns: Namespace, entry: ErrorEntry, docs_base: str) -> list[str | None]:
    status = None if entry.http_status is None else str(entry.http_status)
    anchor = f"{ns.id}-{entry.name.lower()}"
    return [
        str(entry.code),
        entry.name,
        entry.message,
        entry.description or None,  # Go's Info has "" for none
        entry.category.value,
        entry.retry.value,
        status,
        f"{docs_base}{spec.provider.id}.md#{anchor}",
    ]


def _lookups(ns: Namespace) -> list[tuple[str | None, str | None]]:
    first: tuple[str | None, str | None] = (
        str(NOT_A_NUMBER) if ns.code_type == "integer" else NOT_A_CODE,
        None,
    )
    rest = [
        (str(value), str(entry.code)) for entry in ns.errors for value in [entry.code, *entry.aliases]
    ]
    return [first, *rest]


def hostile_specs() -> list[Spec]:
    """Specs made of every hostile fragment, in every place page text reaches: provider
    name, docs URL, source, titles, string codes, messages, descriptions; names that clash
    once cased for Rust, that end alike, that are keywords, and integer extremes."""
    strings = Namespace(
        "fragments",
        "".join(FRAGMENTS),
        "string",
        [
            ErrorEntry(
                code=fragment,
                name=f"FRAGMENT_{index}",
                message=fragment * 2,
                description=None if index % 3 else f"{fragment} then {fragment}",
                category=list(Category)[index % len(Category)],
                retry=list(Retry)[index % len(Retry)],
                http_status=None if index % 2 else 400 + index % 100,
            )
            for index, fragment in enumerate(dict.fromkeys(FRAGMENTS))
        ],
    )
    names = ["A_1", "A1", "SELF", "BY_CODE", "ALL", "CODE", "NONE_ERROR", "LOOKUP_ERROR", "X__Y"]
    numbers = Namespace(
        "numbers_errors",
        "Numbers */ \\u000a",
        "integer",
        [
            ErrorEntry(
                code=code,
                name=name,
                message=f"message {index}",
                category=Category.UNCLASSIFIED,
                retry=Retry.NEVER,
                aliases=[-(index + 10)] if index < 2 else [],
            )
            for index, (code, name) in enumerate(
                zip([9007199254740991, -9007199254740991, 0, -1, 7, 8, 9, 10, 11], names)
            )
        ],
    )
    codes = Namespace(
        "codes",
        "Leading zeros and hex",
        "string",
        [
            ErrorEntry(code, f"CODE_{code.upper()}", code, Category.VALIDATION, Retry.NEVER)
            for code in ["007", "0x1F", "7"]
        ],
    )
    empty = Namespace("empty", "Nothing here", "integer", [])
    source = Source("".join(FRAGMENTS), "html", "0" * 64)
    specs = [
        Spec(
            Provider("hostile", "".join(FRAGMENTS), "https://example.com/" + "".join(FRAGMENTS)),
            [strings, numbers, codes, empty],
            source,
        )
    ]
    for keyword in ("go", "type", "fn", "int"):
        specs.append(Spec(Provider(keyword, keyword), [Namespace("errors", "x", "integer", [])]))
    return specs
