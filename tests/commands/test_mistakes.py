"""Mistakes are errors (issue 19 item 5): a user's slip is one line naming where it is,
never a silent choice (the last duplicate winning, a code renamed ``_2`` behind their back)
nor a traceback; a mistyped flag shows the subcommand's usage and the option meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.curate.overrides import Overrides, curate
from generator.errors import SpecError
from generator.spec.model import Provider, RawEntry, RawNamespace, RawSpec

PAGE = """# Error codes

| Code | Message |
|---|---|
| 1 | Invalid phone number |
| 2 | Insufficient balance |
| 3 | Rate limited |
"""

PROVIDER = """- id: {id}
  name: Acme
  docs_url: https://example.com/errors
  snapshot: sources/acme.md
"""


def _project(tmp_path: Path, *ids: str, overrides: str | None = None) -> Path:
    specs = tmp_path / "specs"
    (specs / "sources").mkdir(parents=True)
    (specs / "sources" / "acme.md").write_text(PAGE, encoding="utf-8")
    rows = "".join(PROVIDER.format(id=provider_id) for provider_id in ids)
    (specs / "providers.yaml").write_text(f"providers:\n{rows}", encoding="utf-8")
    if overrides is not None:
        (specs / "acme.overrides.yaml").write_text(overrides, encoding="utf-8")
    return specs


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("spectab: warning")]


def test_a_provider_listed_twice_names_both_lines(tmp_path, spectab):
    specs = _project(tmp_path, "acme", "other", "acme")
    result = spectab("refresh", "--specs", str(specs), "--check")
    assert result.returncode == 2
    [line] = _error_lines(result.stderr)
    # the second at line 10 (its position), the first at line 2
    assert line.startswith(f"spectab: error: {specs / 'providers.yaml'}:10:")
    assert "'acme' is listed twice (first at line 2" in line


def _raw(*entries: tuple[int, str]) -> RawSpec:
    namespace = RawNamespace("errors", "Errors", "integer", [RawEntry(c, m) for c, m in entries])
    return RawSpec(provider=Provider("acme", "Acme"), namespaces=[namespace])


def test_an_override_giving_a_code_another_codes_name_is_an_error():
    raw = _raw((1, "Invalid phone number"), (3, "Rate limited"))
    data = {"spectab_overrides": 1, "namespaces": {"errors": {"set": {1: {"name": "RATE_LIMITED"}}}}}
    with pytest.raises(SpecError) as caught:
        curate(raw, Overrides(data=data))  # today: code 3 silently becomes RATE_LIMITED_3
    [problem] = caught.value.problems
    assert "gives 1 the name 'RATE_LIMITED', which code 3 has" in problem
    assert "acme: namespace 'errors'" in problem


def test_naming_both_codes_in_overrides_is_fine():
    raw = _raw((1, "Invalid phone number"), (3, "Rate limited"))
    sets = {1: {"name": "RATE_LIMITED"}, 3: {"name": "THROTTLED"}}
    data = {"spectab_overrides": 1, "namespaces": {"errors": {"set": sets}}}
    spec = curate(raw, Overrides(data=data))
    assert [entry.name for entry in spec.namespaces[0].errors] == ["RATE_LIMITED", "THROTTLED"]


def test_the_override_error_names_the_overrides_line(tmp_path, spectab):
    overrides = "spectab_overrides: 1\nnamespaces:\n  errors:\n    set:\n      1: {name: RATE_LIMITED}\n"
    specs = _project(tmp_path, "acme", overrides=overrides)
    result = spectab("refresh", "--specs", str(specs))
    assert result.returncode == 2, result.stderr
    [line] = _error_lines(result.stderr)
    assert line.startswith(f"spectab: error: {specs / 'acme.overrides.yaml'}:5:")
    assert not (specs / "acme.yaml").exists()


def test_a_suffix_warning_names_the_provider():
    warnings: list[str] = []
    curate(_raw((1, "Rate limited"), (2, "Rate limited")), warn=warnings.append)
    assert warnings and warnings[0].startswith("acme: namespace 'errors': 1 code(s)")


def test_an_add_of_one_code_twice_is_one_line(tmp_path, spectab):
    overrides = (
        "spectab_overrides: 1\nnamespaces:\n  errors:\n    add:\n"
        "    - {code: 9, message: Nine, reason: missing}\n"
        "    - {code: 9, message: Nine again, reason: missing}\n"
    )
    specs = _project(tmp_path, "acme", overrides=overrides)
    for command in (["refresh", "--specs", str(specs)], ["validate", str(specs)]):
        result = spectab(*command)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        [line] = [line for line in _error_lines(result.stderr) if "overrides" in line]
        assert "code 9 is added twice (first at line 5)" in line
        assert line.startswith(f"spectab: error: {specs / 'acme.overrides.yaml'}:6:")


@pytest.mark.parametrize(
    "argv, usage, meant",
    [
        (["scrape", "page.md", "--colums", "code=1"], "usage: spectab scrape", "--columns"),
        (["refresh", "--chek"], "usage: spectab refresh", "--check"),
        (["generate", "--tagret", "python"], "usage: spectab generate", "--target"),
        (["diff", "a", "b", "--fail_on", "breaking"], "usage: spectab diff", "--fail-on"),
        (["vendor", "--dest-dir", "x"], "usage: spectab vendor", None),
    ],
)
def test_a_mistyped_flag_shows_the_subcommands_usage(spectab, argv, usage, meant):
    result = spectab(*argv)
    assert result.returncode == 2
    assert result.stderr.startswith(usage), result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("spectab: error: unrecognized arguments:")
    if meant:
        assert last.endswith(f"(did you mean {meant}?)")
    else:
        assert "did you mean" not in last


def test_no_suggestion_for_a_flag_like_none(spectab):
    result = spectab("generate", "--bogus")
    assert "did you mean" not in result.stderr and "usage: spectab generate" in result.stderr
