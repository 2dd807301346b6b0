"""Each family of classification rules, on wordings real pages use: what the table decided
before the family was added (in the comment) and what it decides now."""

from __future__ import annotations

import pytest

from generator.curate.classify import classify, code_words, rules
from generator.spec.model import Category, Retry

FAMILIES = {
    "unknown thing": [
        (10003, "Unknown channel", None, "not_found"),  # was validation ("unknown" = bad input)
        ("BLOB_UNKNOWN", "The blob is unknown to the registry.", None, "not_found"),
        ("NAME_UNKNOWN", "repository name not known to registry", None, "not_found"),
        ("BLOB_UNKNOWN", "The upload was cancelled.", None, "not_found"),  # the code's words
    ],
    "success anywhere": [
        (10000, "Vehicle with id {0} was successfully deleted.", None, "ok"),  # was internal
        (301, "Moved Permanently", 301, "ok"),  # 1xx/3xx were internal: only 2xx was ok
        (100, "Continue", 100, "ok"),
    ],
    "credentials before bad input": [
        (99904, "Invalid request - Invalid access token.", None, "auth"),  # was validation
        (
            "MissingAuthenticationTokenException",
            "The request did not include the required header.",
            None,
            "auth",
        ),
        (50027, "Invalid webhook token provided", None, "auth"),
        (40001, "Invalid client ID", None, "auth"),
        (530002, "The issuer in the ID token you have provided does not match.", None, "auth"),
    ],
    "transient": [
        (
            "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
            "The memory pool limit was exceeded.",
            None,
            "unavailable",  # was validation ("exceeded")
        ),
        ("transientFailure", "The request failed due to a transient error.", None, "unavailable"),
        (
            "serviceNotAvailable",  # was internal ("unable to")
            "The server is unable to process the current request.",
            None,
            "unavailable",
        ),
    ],
    "unsupported": [
        (405, "Method Not Allowed", 405, "unsupported"),  # was permission ("not allowed")
        (501, "The requested feature isn't implemented.", 501, "unsupported"),  # was internal
        (99906, "Invalid Request. Version 3 is no longer supported.", None, "unsupported"),
        (4012, "We didn't recognize the protocol you sent.", None, "unsupported"),
    ],
    "validation wording": [
        (50023, "Please provide deliveryDate for availabilityType 2.", None, "validation"),
        (50030, "Field model does not correspond to field make.", None, "validation"),
    ],
    "conflict, not found, recipient": [
        (412, "Precondition Failed", 412, "conflict"),  # was internal
        (
            "resourceModified",
            "The resource has changed since the caller last read it.",
            None,
            "conflict",
        ),
        ("itemNotFound", "The resource could not be found.", None, "not_found"),  # was internal
        (
            "Neo.ClientError.Statement.EntityNotFound",
            "The statement refers to a non-existent entity.",
            None,
            "not_found",
        ),
        ("X.1.6", "The mailbox address provided was at one time valid.", None, "recipient"),
    ],
    "the code's own words": [
        ("invalidSessionNotFound", "", None, "not_found"),  # was validation
        ("user-rate-limit-not-found", "", None, "not_found"),  # was rate_limited, retried
    ],
    "a call to repeat later": [
        (
            "would_block",
            "The socket is marked non-blocking and the requested operation would block.",
            None,
            "unavailable",  # was unclassified
        ),
        (421, "Service shutting down and closing transmission channel", None, "unavailable"),
    ],
    "a named error is never ok": [
        ("OperationFailed", "Success", 200, "internal"),  # was ok
    ],
}
CASES = [(family, *case) for family, cases in FAMILIES.items() for case in cases]


@pytest.mark.parametrize(("family", "code", "message", "http", "category"), CASES)
def test_family(family, code, message, http, category):
    decision = classify(code, message, http)
    assert decision.category.value == category, (family, decision.rule)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("invalidSessionNotFound", "invalid Session Not Found"),
        ("user-rate-limit-not-found", "user rate limit not found"),
        ("Neo.TransientError.General.X", "Neo Transient Error General X"),
        ("HTTPServerError", "HTTP Server Error"),
        ("E100", "E100"),
        (-3, "-3"),
    ],
)
def test_code_words_split_compound_identifiers(code, words):
    assert code_words(code) == words


def test_not_found_is_never_retried():
    for code in ["rate_limit_not_found", "tooManyRequestsNotFound", "ServiceUnavailableNotFound"]:
        decision = classify(code, "")
        assert decision.category == Category.NOT_FOUND and decision.retry == Retry.NEVER, code


def test_pattern_row_with_unless_is_stopped_by_it():
    assert classify(1, "Message sent successfully").rule == "success_words"
    assert classify(1, "The message was not successfully sent").rule != "success_words"
    assert classify(1, "Upload successful, but the thumbnail failed").category != Category.OK


def test_http_rows_decide_by_status_and_range():
    assert classify(7, "Whatever happened", 410).rule == "http_gone"
    assert classify(7, "Whatever happened", 401).rule == "http_unauthenticated"
    assert classify(7, "Whatever happened", 412).category == Category.CONFLICT
    assert classify(7, "Whatever happened", 302).category == Category.OK
    assert classify(7, "Whatever happened", 418).rule == "http_client"
    assert classify(7, "Whatever happened", 599).rule == "http_internal"
    # the range is read from the number, not from its first digit
    assert classify(7, "Whatever happened", 2550).category == Category.UNCLASSIFIED
    # a 2xx entry that names an error is not ok
    assert classify("QuotaError", "Whatever happened", 200).category != Category.OK


def test_unclassified_is_the_default_and_never_a_rule_of_its_own():
    table, default = rules()
    assert default.category == Category.UNCLASSIFIED
    assert all(rule.category != Category.UNCLASSIFIED for rule in table)


def test_words_that_only_look_like_a_negation_do_not_stop_success():
    # "can take" is no "can't": a 2xx that says what it can do stays ok
    decision = classify(201, "The bucket was made and can take objects now.", 201)
    assert decision.category is Category.OK
    assert classify(201, "It can't take objects yet.", 201).category is not Category.OK


def test_input_the_service_could_not_read_is_the_callers_to_fix():
    for message in ["The request body could not be parsed.", "Malformed JSON", "unparsable date"]:
        assert classify(400, message, 400).category is Category.VALIDATION, message
