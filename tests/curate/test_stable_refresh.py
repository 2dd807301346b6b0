"""Names never move by themselves (issue 19 item 4), through the commands a user runs:
`refresh` of a reworded page, then `diff` and `generate`: no name_changed, no namespace
renamed, the same class names. And a long heading gives a short id."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generator.curate.overrides import Overrides, curate
from generator.spec.identifiers import MAX_NAMESPACE_ID, namespace_id
from generator.spec.model import Provider, RawEntry, RawNamespace, RawSpec

PAGE = """# Acme API

## SMS error codes

| Code | Message |
|---|---|
| 1 | Invalid phone number |
| 2 | Insufficient balance |
| 3 | Rate limited |

## Voice error codes

| Code | Message |
|---|---|
| 1 | Caller hung up |
| 2 | No answer |
"""

# the same codes, every message and both headings reworded
REWORDED = """# Acme API

## Errors returned when sending text messages

| Code | Message |
|---|---|
| 1 | The phone number is not valid |
| 2 | Your balance is too low |
| 3 | Too many requests, slow down |

## Codes of the voice calling API

| Code | Message |
|---|---|
| 1 | The caller put the phone down |
| 2 | Nobody picked up the call |
"""

PROVIDERS = """providers:
- id: acme
  name: Acme
  docs_url: https://example.com/errors
  snapshot: sources/acme.md
"""


def _classes(out: Path) -> list[str]:
    text = (out / "python" / "acme.py").read_text(encoding="utf-8")
    return re.findall(r"^class (\w+)", text, flags=re.M)


def test_a_reworded_page_moves_no_name_and_no_class(tmp_path, spectab):
    specs = tmp_path / "specs"
    (specs / "sources").mkdir(parents=True)
    (specs / "providers.yaml").write_text(PROVIDERS, encoding="utf-8")
    page = specs / "sources" / "acme.md"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    for argv in (["refresh", "--specs", str(specs)], ["generate", "--specs", str(specs), "--out", str(out)]):
        assert spectab(*argv).returncode == 0
    committed = tmp_path / "committed.yaml"
    shutil.copy(specs / "acme.yaml", committed)
    classes = _classes(out)

    page.write_text(REWORDED, encoding="utf-8")
    result = spectab("refresh", "--specs", str(specs))
    assert result.returncode == 0, result.stderr
    assert "keeps the id 'sms_error_codes'" in result.stderr  # the heading was reworded
    assert "enum class" not in result.stderr  # no class moves
    diff = spectab("diff", "--format", "json", str(committed), str(specs / "acme.yaml"))
    kinds = {change["kind"] for change in json.loads(diff.stdout)["changes"]}
    assert kinds == {"message_changed"}, diff.stdout
    assert spectab("generate", "--specs", str(specs), "--out", str(out)).returncode == 0
    assert _classes(out) == classes and "AcmeSmsErrorStatus" in " ".join(classes)


LONG = "Warnings the storage node writes to its log while a replication request is slow"


def test_a_long_heading_gives_a_short_id_cut_at_a_word():
    short = namespace_id(LONG)
    assert short == "warnings_the_storage_node_writes"  # not ..._to_its: no dangling word
    assert len(short) <= MAX_NAMESPACE_ID
    assert namespace_id("Voice response status code description") == (
        "voice_response_status_code_description"  # short enough: whole
    )
    assert len(namespace_id("x" * 300)) == MAX_NAMESPACE_ID  # one word longer than the cut


def test_an_override_keyed_by_the_whole_headings_id_still_applies():
    """Overrides written when a long heading gave a long id keep working."""
    raw = RawSpec(
        provider=Provider("acme", "Acme"),
        namespaces=[
            RawNamespace(namespace_id(LONG), LONG, "integer", [RawEntry(1, "Slow replica")])
        ],
    )
    long_key = "_".join(word.lower() for word in re.findall(r"\w+", LONG))
    data = {"spectab_overrides": 1, "namespaces": {long_key: {"id": "replication"}}}
    warnings: list[str] = []
    spec = curate(raw, Overrides(data=data), warn=warnings.append)
    assert spec.namespaces[0].id == "replication" and not warnings


def test_a_namespace_the_page_gains_says_which_class_moves(tmp_path, spectab):
    """A class name is derived from the other namespaces too (one namespace leaves its id
    out): a second list on the page renames the first class, which refresh says."""
    specs = tmp_path / "specs"
    (specs / "sources").mkdir(parents=True)
    (specs / "providers.yaml").write_text(PROVIDERS, encoding="utf-8")
    page = specs / "sources" / "acme.md"
    sms = PAGE.split("## Voice")[0]
    page.write_text(sms, encoding="utf-8")
    assert spectab("refresh", "--specs", str(specs)).returncode == 0
    page.write_text(PAGE, encoding="utf-8")
    result = spectab("refresh", "--specs", str(specs))
    assert result.returncode == 0, result.stderr
    assert (
        "acme: namespace 'sms_error_codes': its enum class AcmeStatus becomes AcmeSmsErrorStatus"
        in result.stderr
    ), result.stderr
