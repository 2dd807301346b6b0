"""The spec schema's compiled validator, generated once into the package.

fastjsonschema turns the schema into Python source and executes it; doing that at every
start cost about 45 ms CPU, an eighth of a small scrape. The source is generated once into
``_spec_validator.py`` (``SPECTAB_UPDATE_GOLDEN=1`` with
tests/spec/test_spec_validator.py rewrites it) and used only
while its key matches the schema and the fastjsonschema version in use; otherwise the
schema is compiled as before, so a stale file costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Callable

import fastjsonschema

from generator.lazyre import lazy

# The generated module, beside this one.
GENERATED = Path(__file__).with_name("_spec_validator.py")

# fastjsonschema names the root function after the schema's $id; the first one defined.
_FIRST_FUNCTION = lazy(r"^def (\w+)\(", re.MULTILINE)


def schema_key(schema: dict[str, Any]) -> str:
    """What the generated source depends on: the schema itself and the generator's version."""
    text = json.dumps(schema, sort_keys=True, ensure_ascii=True)
    digest = hashlib.sha256(text.encode("ascii")).hexdigest()
    return f"{fastjsonschema.VERSION}:{digest}"


def generate_source(schema: dict[str, Any]) -> str:
    """The validator module's text: fastjsonschema's code plus its key and entry point."""
    key = schema_key(schema)  # before compiling: fastjsonschema adds to the schema it reads
    code = fastjsonschema.compile_to_code(schema)
    found = _FIRST_FUNCTION.search(code)
    if found is None:
        raise ValueError("fastjsonschema produced no validation function")
    return (
        "# Generated from spec.schema.json by generator/spec/validator.py; do not edit.\n"
        "# SPECTAB_UPDATE_GOLDEN=1 pytest tests/spec/test_spec_validator.py rewrites it.\n"
        "# mypy: ignore-errors\n"
        "# fmt: off\n"
        f"SCHEMA_KEY = {key!r}\n"
        f"{code}\n\n"
        f"validate = {found.group(1)}\n"
    )


def compiled(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """The validator for ``schema``: the generated one when current, else compiled now."""
    from generator.spec import _spec_validator

    if getattr(_spec_validator, "SCHEMA_KEY", None) == schema_key(schema):
        validate: Callable[[Any], Any] = _spec_validator.validate
        return validate
    validate = fastjsonschema.compile(schema)
    return validate

