"""When integer codes are HTTP statuses, and which status a heading names."""

from __future__ import annotations

import pytest

from generator.scrape.interpret.statuses import codes_are_statuses, heading_status

TEXTS = ["The request was accepted.", "The body is malformed.", "The server failed."]


def test_status_words_in_the_header_caption_or_heading_make_codes_statuses():
    for context in ["Response Code", "Status codes", "Errors  HTTP response", "响应 状态码"]:
        assert codes_are_statuses([202, 400, 500], TEXTS, context), context


def test_without_status_words_the_codes_stay_codes():
    assert not codes_are_statuses([202, 400, 500], TEXTS, "Error codes")


def test_reason_phrases_make_a_status_list_without_status_words():
    assert codes_are_statuses([200, 404, 429], ["OK", "Not Found", "Too Many Requests"], "")
    assert codes_are_statuses([404, 410], ["Not found -- no such record", "Gone"], "Codes")
    assert not codes_are_statuses([200, 404], ["Sent", "No credit"], "Codes")


@pytest.mark.parametrize(
    "codes",
    [[100, 104], [200, 404, "E1"], [200, 600], [200, 404.0]],
)
def test_only_registered_100_to_599_integers_are_statuses(codes):
    assert not codes_are_statuses(codes, ["OK"] * len(codes), "Response code")


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("HTTP status code 400", 400),
        ("Status: 503", 503),
        ("Response code 409", 409),
        ("404 - Not found errors", 404),
        ("429 Too Many Requests", 429),
        ("On Failure: Bad Request", 400),
        ("Response - Too Many Requests", 429),
        ("Result: OK", None),  # only error statuses are named by their phrase alone
        ("Errors: Not Found", 404),
        ("Not Found", None),  # a heading that is the phrase alone titles one entry
        ("10xx - General server issues", None),
        ("4xx", None),
        ("400-499", None),
        ("250 OK", None),  # not a registered HTTP status: an SMTP reply
        ("500 errors", None),  # a bare number is no status without its reason phrase
        ("HTTP 1.1", None),
        ("Error codes", None),
    ],
)
def test_heading_status(title, status):
    assert heading_status(title) == status


def test_a_long_unnamed_list_of_registered_statuses_across_classes_is_a_status_list():
    spread = [200, 201, 204, 304, 400, 403, 404, 412, 500, 503]
    texts = ["The thing happened."] * len(spread)
    assert codes_are_statuses(spread, texts, "")
    # fewer codes, fewer classes, or one unregistered number: application codes
    assert not codes_are_statuses(spread[:7], texts[:7], "")
    two_classes = [400, 401, 403, 404, 409, 410, 412, 429, 500, 503]
    assert not codes_are_statuses([c for c in two_classes if c < 500] + [418], texts[:9], "")
    assert not codes_are_statuses(spread[:-1] + [299], texts, "")
