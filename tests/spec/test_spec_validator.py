"""The spec validator generated into the package matches the schema it was made from."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import yaml

from generator.spec import _spec_validator, io, validator

SPEC = Path(__file__).resolve().parents[2] / "specs" / "fonedynamics.yaml"


def test_generated_validator_is_current() -> None:
    """Fails when the schema (or fastjsonschema) changed; SPECTAB_UPDATE_GOLDEN=1 rewrites it."""
    if os.environ.get("SPECTAB_UPDATE_GOLDEN"):
        source = validator.generate_source(io.validator_schema())
        validator.GENERATED.write_text(source, "utf-8")
        pytest.skip("rewrote the generated validator; rerun to check it")
    assert _spec_validator.SCHEMA_KEY == validator.schema_key(io.validator_schema())
    assert Path(_spec_validator.__file__).read_text("utf-8") == validator.generate_source(
        io.validator_schema()
    )


def _verdict(validate: Any, data: Any) -> str:
    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException as problem:
        return f"invalid: {problem.message}"
    return "valid"


def test_generated_validator_agrees_with_compiling() -> None:
    data = yaml.safe_load(SPEC.read_text("utf-8"))
    broken = dict(data, spectab="one")
    fresh = fastjsonschema.compile(io.validator_schema())
    for case in (data, broken, {}):
        assert _verdict(_spec_validator.validate, case) == _verdict(fresh, case)
    assert _verdict(_spec_validator.validate, broken) != "valid"


def test_stale_generated_validator_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_spec_validator, "SCHEMA_KEY", "stale")
    assert validator.compiled(io.validator_schema()) is not _spec_validator.validate
