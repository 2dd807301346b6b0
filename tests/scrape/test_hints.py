"""Reader hints (``scrape`` flags, ``hints:`` in providers.yaml): each one changes what is
read, and each one that matches nothing is an error that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.refresh import ProviderEntry, build_spec
from generator.errors import InputError
from generator.scrape.pipeline import scrape_page

HTML = """<html><body>
<h1>Messaging API</h1>
<h2>Send errors</h2>
<table id="send"><tr><th>Code</th><th>Message</th></tr>
<tr><td>100</td><td>Destination missing</td></tr>
<tr><td>101</td><td>Destination not reachable</td></tr></table>
<h2>Lookup errors</h2>
<table id="lookup"><tr><th>Code</th><th>Message</th></tr>
<tr><td>100</td><td>Number unknown</td></tr>
<tr><td>102</td><td>Lookup quota used up</td></tr></table>
<h2>Rate limits</h2>
<p>Sixty requests a minute.</p>
</body></html>
"""

MARKDOWN = """# Payments API

## Card errors

### Declines

| Number | Code | Description |
|--------|------|-------------|
| 7 | CARD_DECLINED | The bank declined the card. |
| 8 | CARD_EXPIRED | The card has expired. |

## Webhook errors

| Code | Message |
|------|---------|
| 007 | Endpoint unreachable |
| 010 | Endpoint answered 500 |
"""


def page(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def scrape(location: str, **hints: object):
    return scrape_page(location, hints=hints, warn=lambda _: None)


def codes(raw) -> dict[str, list[object]]:
    return {ns.id: [entry.code for entry in ns.entries] for ns in raw.namespaces}


# ------------------------------------------------------------------ select


def test_select_reads_only_what_the_selector_matches(tmp_path):
    location = page(tmp_path, HTML, "api.html")
    assert codes(scrape(location)) == {"send_errors": [100, 101], "lookup_errors": [100, 102]}
    assert codes(scrape(location, select="table#lookup")) == {"errors": [100, 102]}
    # two matches are read in page order; one inside another is read once
    assert codes(scrape(location, select="table#send, table#send tr, #lookup")) == {
        "errors": [100, 101],
        "errors_2": [100, 102],
    }


def test_select_that_matches_nothing_names_itself(tmp_path):
    location = page(tmp_path, HTML, "api.html")
    with pytest.raises(InputError, match=r"api\.html: hint select 'table#billing' matches nothing"):
        scrape(location, select="table#billing")
    with pytest.raises(InputError, match=r"hint select 'table\[' is not a CSS selector"):
        scrape(location, select="table[")


def test_select_is_for_html_pages_only(tmp_path):
    location = page(tmp_path, MARKDOWN, "api.md")
    with pytest.raises(InputError, match=r"hint select 'table' works on HTML pages only"):
        scrape(location, select="table")


# ------------------------------------------------------------------ section


def test_section_keeps_only_lists_under_headings_containing_the_text(tmp_path):
    location = page(tmp_path, HTML, "api.html")
    assert codes(scrape(location, section="lookup")) == {"lookup_errors": [100, 102]}
    # a heading further up counts too: Declines sits under Card errors
    md = page(tmp_path, MARKDOWN, "api.md")
    assert list(codes(scrape(md, section="Card errors"))) == ["declines"]


def test_section_that_matches_nothing_names_itself(tmp_path):
    location = page(tmp_path, HTML, "api.html")
    with pytest.raises(InputError, match=r"hint section 'Billing': no heading contains it"):
        scrape(location, section="Billing")
    with pytest.raises(InputError, match=r"hint section 'rate limit': no error list sits under"):
        scrape(location, section="rate limit")


# ------------------------------------------------------------------ columns


def test_columns_by_header_text_and_by_position(tmp_path):
    md = page(tmp_path, MARKDOWN, "api.md")
    # unhinted, unique numbers beside symbols are the codes (columns.unique_number_beside_...)
    unhinted = scrape(md).namespaces[0].entries
    assert [(e.code, e.name) for e in unhinted] == [(7, "CARD_DECLINED"), (8, "CARD_EXPIRED")]
    for columns in ("code=Code,message=Description", "code=2,message=3"):
        (declines,) = [ns for ns in scrape(md, columns=columns).namespaces if ns.id == "declines"]
        assert [(e.code, e.message) for e in declines.entries] == [
            ("CARD_DECLINED", "The bank declined the card."),
            ("CARD_EXPIRED", "The card has expired."),
        ]


def test_columns_that_match_no_table_name_themselves(tmp_path):
    md = page(tmp_path, MARKDOWN, "api.md")
    with pytest.raises(InputError, match=r"hint columns 'code=Ident' matches no table"):
        scrape(md, columns="code=Ident")
    with pytest.raises(InputError, match=r"hint columns 'code=4' matches no table"):
        scrape(md, columns="code=4")


@pytest.mark.parametrize("bad", ["code", "colour=Number", "code=0", "code=1,code=2"])
def test_columns_that_do_not_parse_say_what_is_expected(tmp_path, bad):
    md = page(tmp_path, MARKDOWN, "api.md")
    with pytest.raises(InputError, match=r"hint 'columns' expects ROLE=HEADER or ROLE=N"):
        scrape(md, columns=bad)


# ------------------------------------------------------------------ code_type


def test_code_type_makes_every_code_of_that_type(tmp_path):
    md = page(tmp_path, MARKDOWN, "api.md")
    assert codes(scrape(md))["webhook_errors"] == ["007", "010"]
    retyped = scrape(md, code_type="integer", section="Webhook")
    assert codes(retyped) == {"webhook_errors": [7, 10]}
    assert retyped.namespaces[0].code_type == "integer"
    as_strings = scrape(page(tmp_path, HTML, "api.html"), code_type="string")
    assert codes(as_strings)["send_errors"] == ["100", "101"]
    assert {ns.code_type for ns in as_strings.namespaces} == {"string"}


def test_code_type_integer_that_fits_no_code_names_the_code(tmp_path):
    md = page(tmp_path, MARKDOWN, "api.md")
    with pytest.raises(
        InputError, match=r"api\.md:9: hint code_type integer: code 'CARD_DECLINED'"
    ):
        scrape(md, code_type="integer", columns="code=Code,message=Description")
    with pytest.raises(InputError, match=r"hint 'code_type' must be integer or string"):
        scrape(md, code_type="number")


# ------------------------------------------------------------------ where hints come from


def test_providers_yaml_hints_reach_the_scrape(tmp_path):
    page(tmp_path, HTML, "api.html")
    entry = ProviderEntry(
        id="acme",
        name="Acme",
        docs_url="https://acme.example/errors",
        snapshot="api.html",
        hints={"select": "#lookup", "code_type": "string"},
    )
    spec, _ = build_spec(entry, tmp_path)
    assert [(ns.id, [e.code for e in ns.errors]) for ns in spec.namespaces] == [
        ("errors", ["100", "102"])
    ]


def test_flags_reach_the_scrape_and_a_miss_is_one_line(spectab, tmp_path):
    location = page(tmp_path, HTML, "api.html")
    result = spectab("scrape", location, "--select", "#lookup", "--code-type", "string")
    assert result.returncode == 0, result.stderr
    assert "code: '100'" in result.stdout and "code: '101'" not in result.stdout
    missed = spectab("scrape", location, "--section", "Billing")
    assert missed.returncode == 2 and missed.stdout == ""
    assert missed.stderr == (
        f"spectab: error: {location}: hint section 'Billing': no heading contains it\n"
    )


def test_providers_yaml_hints_are_checked_where_they_are_written(tmp_path):
    from generator.commands.refresh import load_providers
    from generator.errors import SpecError

    (tmp_path / "providers.yaml").write_text(
        "providers:\n"
        "- id: acme\n"
        "  name: Acme\n"
        "  docs_url: https://acme.example/errors\n"
        "  snapshot: api.html\n"
        "  hints:\n"
        "    sction: Errors\n"
        "    code_type: number\n"
    )
    with pytest.raises(SpecError) as caught:
        load_providers(tmp_path)
    problems = " ".join(caught.value.problems)
    assert "providers.yaml:7:" in problems and "'sction' was unexpected" in problems
    assert "providers.yaml:8:" in problems and "'number' is not one of" in problems
