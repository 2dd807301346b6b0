"""The four seed pages: `spectab refresh` rebuilds the committed specs, which say what the
pages say; the HTML and Markdown renderings of each page give the same spec."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.curate.overrides import curate, load_overrides
from generator.spec.model import Category, Spec
from generator.commands.refresh import load_providers
from generator.scrape.pipeline import scrape_page
from generator.spec.io import load_spec, spec_to_data
from generator.spec.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
SEEDS = ("kaisa", "fonedynamics", "voipms", "itniotech")
RENDERINGS = ROOT / "tests" / "fixtures" / "pages" / "renderings"


def spec(provider_id: str) -> Spec:
    return load_spec(SPECS / f"{provider_id}.yaml")


def codes(provider_id: str, namespace: str) -> list[object]:
    ns = spec(provider_id).namespace(namespace)
    assert ns is not None, namespace
    return [entry.code for entry in ns.errors]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of specs/ without the generated specs, refreshed by the real command."""
    specs = tmp_path_factory.mktemp("seeds") / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "providers.yaml", specs)
    shutil.copytree(SPECS / "sources", specs / "sources")
    for overrides in SPECS.glob("*.overrides.yaml"):
        shutil.copy(overrides, specs)
    exe = Path(sys.executable).with_name("spectab")
    result = subprocess.run(
        [str(exe), "refresh", "--specs", str(specs)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return specs, result.stderr


@pytest.mark.parametrize("provider_id", SEEDS)
def test_refresh_rebuilds_the_committed_spec_byte_for_byte(refreshed, provider_id):
    specs, _ = refreshed
    built = (specs / f"{provider_id}.yaml").read_bytes()
    assert built == (SPECS / f"{provider_id}.yaml").read_bytes()


def test_refresh_reports_the_pages_faults(refreshed):
    _, stderr = refreshed
    assert "specs/sources/voipms.txt:311: code 'unavailabl' has no message" in stderr
    assert "specs/sources/kaisa.txt:11: text that reads like an error of its own has no title" in (
        stderr
    )
    assert "stale override" not in stderr
    assert "would be named" not in stderr  # every clash of names is settled in overrides


def test_snapshots_are_byte_exact_copies_of_the_seeds():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seed folder is not on this machine")
    names = {
        "kaisa": "000_b264e989cdaf4e14.txt",
        "fonedynamics": "001_013f71cf66526ad0.txt",
        "voipms": "002_45716b39a9cb5df0.txt",
        "itniotech": "003_eccdce29e4e69b28.txt",
    }
    for provider_id, name in names.items():
        assert (SPECS / "sources" / f"{provider_id}.txt").read_bytes() == (
            seeds / name
        ).read_bytes()


def test_every_seed_is_listed_in_providers_yaml():
    entries = {entry.id: entry for entry in load_providers(SPECS)}
    assert sorted(entries) == sorted(SEEDS)
    for provider_id in SEEDS:
        assert (SPECS / entries[provider_id].snapshot).is_file()
        assert entries[provider_id].docs_url.startswith("https://")


# ------------------------------------------------------------------ kaisa


def test_kaisa():
    kaisa = spec("kaisa")
    (ns,) = kaisa.namespaces
    assert [entry.code for entry in ns.errors] == [
        "Blacklisted IP",
        "Blocked IP",
        "Blocked User Agent",
        "DNCS number cap has been hit",
        "Invalid E164 number",
        "The destination number is not allowed",
        "Kaisa number not available",
        "a valid resource must be specified",
    ]
    by_code = ns.by_code()
    assert by_code["Kaisa number not available"].aliases == ["Freespee number not available"]
    dncs = by_code["DNCS number cap has been hit"].description or ""
    assert "E164" not in dncs and "If this error appears" not in dncs
    restored = by_code["Invalid E164 number"]
    assert restored.description and restored.description.startswith("If this error appears")
    assert restored.category == Category.VALIDATION
    last = by_code["a valid resource must be specified"].description or ""
    assert "comment" not in last.lower()


def test_kaisa_restoring_override_says_which_wire_string_and_why():
    overrides = read_yaml(SPECS / "kaisa.overrides.yaml").data
    (added,) = overrides["namespaces"]["errors"]["add"]
    assert added["after"] == "DNCS number cap has been hit"
    assert "Invalid E164 number" in added["reason"] and "never states the wire string" in (
        added["reason"]
    )


# ------------------------------------------------------------------ fonedynamics


def test_fonedynamics():
    fone = spec("fonedynamics")
    assert [ns.id for ns in fone.namespaces] == ["http_status_codes", "error_codes"]
    assert codes("fonedynamics", "http_status_codes") == [400, 401, 403, 500]
    http = fone.namespaces[0].errors
    assert [(e.message, e.http_status) for e in http][:2] == [
        ("Bad Request", 400),
        ("Unauthorized", 401),
    ]
    errors = codes("fonedynamics", "error_codes")
    assert len(errors) == 23
    assert errors[0] == "ADDRESS_CANNOT_BE_DELETED" and errors[-1] == "INVALID_COUNTRYCODE_FORMAT"
    # the parameter tables give no entries
    assert not {"ErrorCode", "Message", "Errors", "FieldName"} & set(errors)
    envelope = fone.envelope
    assert envelope is not None
    assert envelope.code_field == "ResponseStatus.ErrorCode"
    assert envelope.message_field == "ResponseStatus.Message"
    assert "ResponseStatus.Errors[].FieldName" in [field.path for field in envelope.fields]


# ------------------------------------------------------------------ voipms


def test_voipms():
    voipms = spec("voipms")
    (ns,) = voipms.namespaces
    assert ns.code_type == "string" and len(ns.errors) == 298
    all_codes = [entry.code for entry in ns.errors]
    assert "Invalid_threshold" in all_codes and "Unable_to_purchase" in all_codes
    assert "unavailabl" not in all_codes
    assert all(isinstance(code, str) for code in all_codes)
    by_code = ns.by_code()
    assert by_code["invalid_digits"].message == "These are not valid Digits"
    assert by_code["invalid_timezone"].message == "This is not a valid Timezone"
    assert not [entry.code for entry in ns.errors if "|" in entry.message]
    assert by_code["invalid_announce_round_seconds"].message.startswith("This is nota a valid")
    assert voipms.envelope is not None
    assert (voipms.envelope.code_field, voipms.envelope.success) == ("status", "success")


# ------------------------------------------------------------------ itniotech


def test_itniotech():
    itnio = spec("itniotech")
    sizes = {ns.id: len(ns.errors) for ns in itnio.namespaces}
    assert sizes == {"sms": 29, "voice": 34, "intelligent_voice": 35, "call_center": 62}
    for ns in itnio.namespaces:
        assert ns.code_type == "integer"
        first = ns.errors[0]
        assert (first.code, first.category) == (0, Category.OK)
        assert all(entry.code <= 0 for entry in ns.errors if isinstance(entry.code, int))
    envelope = itnio.envelope
    assert envelope is not None
    assert (envelope.code_field, envelope.message_field, envelope.success) == (
        "status",
        "reason",
        0,
    )
    texts = " ".join(e.message for ns in itnio.namespaces for e in ns.errors)
    assert "05d7a50893e22a5c4bb3216ae3396c7c" not in texts and "Content-Type" not in texts


def test_itniotech_overlapping_codes_mean_different_things():
    itnio = spec("itniotech")
    sms = itnio.namespace("sms")
    voice = itnio.namespace("voice")
    assert sms is not None and voice is not None
    assert sms.by_code()[-2].message == "IP access limited"
    assert voice.by_code()[-2].message == "Restricted IP access"


# ------------------------------------------------------------------ renderings


def _without_provenance(data: dict[str, object]) -> dict[str, object]:
    data = dict(data)
    data.pop("source", None)
    for ns in data["namespaces"]:  # type: ignore[attr-defined]
        for entry in ns["errors"]:
            entry.pop("source", None)
    return data


@pytest.mark.parametrize("ext", ["html", "md"])
@pytest.mark.parametrize("provider_id", SEEDS)
def test_renderings_give_the_same_spec_as_the_snapshot(provider_id, ext):
    page = RENDERINGS / f"{provider_id}.{ext}"
    provider = {entry.id: entry for entry in load_providers(SPECS)}[provider_id].provider
    warnings: list[str] = []
    raw = scrape_page(str(page), provider=provider, warn=warnings.append)
    assert raw.source is not None and raw.source.format == ("html" if ext == "html" else "markdown")
    built = curate(raw, load_overrides(SPECS / f"{provider_id}.overrides.yaml"), warnings.append)
    assert not [w for w in warnings if "stale override" in w]
    assert _without_provenance(spec_to_data(built)) == _without_provenance(
        spec_to_data(spec(provider_id))
    )
