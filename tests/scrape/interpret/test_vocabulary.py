"""One vocabulary for "talks about codes, errors, statuses", and one answer to "is this a
range", whichever rule asks."""

from __future__ import annotations

import pytest

from generator.scrape.interpret.statuses import heading_status
from generator.scrape.interpret.vocabulary import (
    names_codes,
    says_errors,
    says_status,
    status_named,
)


def test_codes_alone_name_codes_but_do_not_say_errors():
    assert names_codes(["Date format codes"])
    assert not says_errors(["Date format codes"])
    assert says_errors(["Date format codes", "Failures"])


@pytest.mark.parametrize("text", ["Response Code", "HTTP", "状态码", "código de estado"])
def test_status_words_in_any_script(text: str):
    assert says_status(text)


def test_status_words_are_words_not_parts_of_words():
    assert not says_status("Statusbar colours") and not says_status("Responsive layout")


def test_a_status_word_before_a_number_names_it():
    found = status_named("Errors with HTTP status code 409")
    assert found is not None and found.group(2) == "409"


@pytest.mark.parametrize(
    "title",
    ["HTTP status 400 - 499", "Status 500 - 599", "4xx - Client errors", "400 - 499 Errors"],
)
def test_a_heading_naming_a_range_names_no_status(title: str):
    assert heading_status(title) is None


@pytest.mark.parametrize(
    ("title", "status"),
    [("HTTP status code 400", 400), ("404 - Not found errors", 404), ("On failure: Conflict", 409)],
)
def test_a_heading_naming_one_status(title: str, status: int):
    assert heading_status(title) == status
