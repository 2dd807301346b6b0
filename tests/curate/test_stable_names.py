"""Names never move by themselves: with the committed spec, a re-scrape of a reworded page
keeps every code's name and every list's namespace id; only an override renames."""

from __future__ import annotations

from generator.curate.overrides import Overrides, curate
from generator.spec.model import Provider, RawEntry, RawNamespace, RawSpec, Spec

PROVIDER = Provider(id="acme", name="Acme", docs_url="https://example.com/errors")


def _raw(ns_id: str, *entries: tuple[int, str]) -> RawSpec:
    return RawSpec(
        provider=PROVIDER,
        namespaces=[
            RawNamespace(
                id=ns_id,
                title=ns_id,
                code_type="integer",
                entries=[RawEntry(code=code, message=message) for code, message in entries],
            )
        ],
    )


def _names(spec: Spec) -> dict[object, str]:
    return {entry.code: entry.name for entry in spec.namespaces[0].errors}


COMMITTED = curate(
    _raw("errors", (1, "Invalid phone number"), (2, "Insufficient balance"), (3, "Rate limited"))
)


def test_a_reworded_message_keeps_the_committed_name():
    assert _names(COMMITTED) == {
        1: "INVALID_PHONE_NUMBER",
        2: "INSUFFICIENT_BALANCE",
        3: "RATE_LIMITED",
    }
    reworded = _raw(
        "errors",
        (1, "The phone number is not valid"),
        (2, "Your balance is too low"),
        (3, "Rate limited"),
    )
    assert _names(curate(reworded)) != _names(COMMITTED)  # without the committed spec: moves
    again = curate(reworded, previous=COMMITTED)
    assert _names(again) == _names(COMMITTED)
    # the new wording is still taken: only the name stays
    assert again.namespaces[0].errors[1].message == "Your balance is too low"


def test_an_override_still_renames():
    reworded = _raw("errors", (1, "The phone number is not valid"), (2, "x"), (3, "y"))
    data = {"spectab_overrides": 1, "namespaces": {"errors": {"set": {1: {"name": "BAD_PHONE"}}}}}
    names = _names(curate(reworded, Overrides(data=data), previous=COMMITTED))
    assert names[1] == "BAD_PHONE" and names[2] == "INSUFFICIENT_BALANCE"


def test_a_new_code_yields_to_a_committed_name():
    # code 4 is new and its words give RATE_LIMITED, which code 3 already has
    raw = _raw("errors", (4, "Rate limited"), (1, "a"), (2, "b"), (3, "Too many calls"))
    warnings: list[str] = []
    names = _names(curate(raw, warn=warnings.append, previous=COMMITTED))
    assert names[3] == "RATE_LIMITED" and names[4] == "RATE_LIMITED_4"
    assert any("RATE_LIMITED_4" in warning for warning in warnings)


def test_a_reworded_heading_keeps_the_namespace_id():
    raw = _raw("error_codes_reference", (1, "a"), (2, "b"), (3, "c"), (9, "new"))
    warnings: list[str] = []
    spec = curate(raw, warn=warnings.append, previous=COMMITTED)
    assert spec.namespaces[0].id == "errors"
    assert _names(spec)[2] == "INSUFFICIENT_BALANCE"
    assert any("keeps the id 'errors'" in warning for warning in warnings)


def test_another_list_is_a_new_namespace():
    raw = _raw("webhooks", (70, "Timeout"), (71, "Gone"))
    assert curate(raw, previous=COMMITTED).namespaces[0].id == "webhooks"


def test_each_list_keeps_its_own_id_before_any_is_matched_by_codes():
    committed = curate(
        RawSpec(
            provider=PROVIDER,
            namespaces=[
                RawNamespace("sms", "SMS", "integer", [RawEntry(1, "Low balance")]),
                RawNamespace("voice", "Voice", "integer", [RawEntry(1, "Out of credit")]),
            ],
        )
    )
    raw = RawSpec(
        provider=PROVIDER,
        namespaces=[
            RawNamespace("sms_codes", "SMS codes", "integer", [RawEntry(1, "Balance too low")]),
            RawNamespace("voice", "Voice", "integer", [RawEntry(1, "No credit left")]),
        ],
    )
    spec = curate(raw, previous=committed)
    assert [ns.id for ns in spec.namespaces] == ["sms", "voice"]
    assert [ns.errors[0].name for ns in spec.namespaces] == ["LOW_BALANCE", "OUT_OF_CREDIT"]
