"""Categories from the page's own evidence first (a status symbol, a specific HTTP status,
the page's category label), then words, then the catch-all statuses; each source is rows
of classify_rules.yaml, and the order of the rows is the precedence."""

from __future__ import annotations

import pytest

from generator.curate.classify import SOURCES, classify, rules
from generator.curate.evidence import label_text, symbol_keys
from generator.curate.overrides import curate
from generator.spec.model import Provider, RawEntry, RawNamespace, RawSpec

# (code, name the page gives, category): symbols as code or as name, in every spelling
SYMBOLS = [
    ("NOT_FOUND", None, "not_found"),
    (5, "NOT_FOUND", "not_found"),  # a number beside its gRPC name
    (7, "PERMISSION_DENIED", "permission"),
    (16, "UNAUTHENTICATED", "auth"),
    (8, "RESOURCE_EXHAUSTED", "rate_limited"),
    (14, "UNAVAILABLE", "unavailable"),
    (4, "DEADLINE_EXCEEDED", "unavailable"),
    (6, "ALREADY_EXISTS", "conflict"),
    (9, "FAILED_PRECONDITION", "conflict"),
    (10, "ABORTED", "conflict"),
    (3, "INVALID_ARGUMENT", "validation"),
    (11, "OUT_OF_RANGE", "validation"),
    (12, "UNIMPLEMENTED", "unsupported"),
    (13, "INTERNAL", "internal"),
    (15, "DATA_LOSS", "internal"),
    (2, "UNKNOWN", "internal"),
    (0, "OK", "ok"),
    ("PermissionDenied", None, "permission"),  # the style of C#, Go and Java bindings
    ("StatusCode.NOT_FOUND", None, "not_found"),  # qualified
    ("grpc::StatusCode::UNAVAILABLE", None, "unavailable"),
    ("GRPC_STATUS_RESOURCE_EXHAUSTED", None, "rate_limited"),  # a two-word symbol ends it
    ("ENOENT", None, "not_found"),
    ("EACCES", None, "permission"),
    ("EPERM", None, "permission"),
    ("EAGAIN", None, "unavailable"),
    ("ETIMEDOUT", None, "unavailable"),
    ("ECONNREFUSED", None, "unavailable"),
    ("EEXIST", None, "conflict"),
    ("EINVAL", None, "validation"),
    ("ENOSYS", None, "unsupported"),
    ("EDQUOT", None, "quota_billing"),
    ("UV_EAGAIN", None, "unavailable"),  # after a library prefix
    ("errno.ENOENT", None, "not_found"),
    (-2, "ENOENT", "not_found"),
]


@pytest.mark.parametrize(("code", "name", "category"), SYMBOLS)
def test_a_well_known_symbol_decides(code, name, category):
    # the message says nothing (or something misleading): the symbol names the condition
    decision = classify(code, "The request failed.", None, name)
    assert decision.category.value == category, decision.rule
    assert decision.rule.startswith("symbol_")


def test_one_word_endings_are_not_symbols():
    # NOT_OK is not OK, TOKEN_UNKNOWN is no server fault: a one-word suffix says nothing
    assert "OK" not in symbol_keys("NOT_OK")
    assert "UNKNOWN" not in symbol_keys("TOKEN_UNKNOWN")
    assert classify("NOT_OK", "Not ok").rule != "symbol_ok"
    assert classify("TOKEN_UNKNOWN", "The token is unknown.").rule != "symbol_internal"
    # sentences and long text are not symbols
    assert symbol_keys("Not found") == set() and symbol_keys("x" * 100) == set()


def test_a_symbol_comes_before_the_http_status():
    # Google's mapping sends FAILED_PRECONDITION as 400; the symbol says what it is
    assert classify(9, "Bad state", 400, "FAILED_PRECONDITION").category.value == "conflict"


@pytest.mark.parametrize(
    ("status", "message", "category"),
    [
        (503, "The gateway was unavailable; check whether it was successfully sent", "unavailable"),
        (402, "Payment Required", "quota_billing"),  # not "required" = a missing field
        (407, "Proxy Authentication Required", "auth"),
        (408, "The client did not produce a request in time", "unavailable"),
        (417, "The server could not meet the expectation", "validation"),
        (404, "Could not process the request", "not_found"),
        (409, "Unable to complete the operation", "conflict"),
    ],
)
def test_a_specific_http_status_comes_before_the_words(status, message, category):
    decision = classify(status, message, status)
    assert decision.category.value == category, decision.rule
    assert decision.rule.startswith("http_")


@pytest.mark.parametrize(
    ("status", "message", "category"),
    [
        # APIs answer 400, 403, 422 and 500 for anything of their kind: the words say which
        (400, "Access denied.", "permission"),
        (400, "Too many requests, slow down", "rate_limited"),
        (403, "Your balance is insufficient for this call", "quota_billing"),
        (403, "Call id not found", "not_found"),
        (500, "System is unavailable, please try again later", "unavailable"),
        (422, "The username is already in use", "conflict"),
        # and decide when the words do not
        (403, "Whatever happened", "permission"),
        (500, "Whatever happened", "internal"),
        (422, "Whatever happened", "validation"),
    ],
)
def test_a_catch_all_status_comes_after_the_words(status, message, category):
    assert classify("x", message, status).category.value == category


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Authentication", "auth"),
        ("authentication_error", "auth"),
        ("Permission", "permission"),
        ("Authorization error", "permission"),
        ("Validation", "validation"),
        ("invalid_request_error", "validation"),
        ("Invalid request", "validation"),
        ("Rate limit", "rate_limited"),
        ("rate_limit_error", "rate_limited"),
        ("Billing", "quota_billing"),
        ("card_error", "quota_billing"),
        ("Not found", "not_found"),
        ("idempotency_error", "conflict"),
        ("Server", "internal"),
        ("Internal", "internal"),
        ("api_connection_error", "unavailable"),
        ("Timeout", "unavailable"),
        ("Unsupported", "unsupported"),
        ("Success", "ok"),
        ("认证错误", "auth"),
        ("权限", "permission"),
        ("参数错误", "validation"),
        ("系统错误", "internal"),
        ("認証エラー", "auth"),
        ("パラメータエラー", "validation"),
        ("인증", "auth"),
        ("서버 오류", "internal"),
        ("Berechtigung", "permission"),
        ("Validierung", "validation"),
        ("Facturation", "quota_billing"),
        ("Validación", "validation"),
        ("Autenticação", "auth"),
        ("Ошибка сервера", "internal"),
        ("Неправильный запрос", "validation"),  # "прав" inside a word is no right (права)
        ("Права доступа", "permission"),
    ],
)
def test_the_pages_own_category_label_decides(label, category):
    # a message that reads as something else: the page's label is the stronger evidence
    decision = classify("E1", "Something went wrong", None, None, label)
    assert decision.category.value == category, decision.rule
    assert decision.rule.startswith("page_category_")


@pytest.mark.parametrize("label", ["Client", "Error", "Warning", "Info", "Fatal", "General", ""])
def test_a_label_that_names_no_class_is_ignored(label):
    assert classify("E1", "Too many requests", None, None, label).rule == "rate_limit"


def test_a_long_cell_is_a_description_not_a_label():
    long = "Returned when the server could not authenticate the caller for some reason"
    assert label_text(long) is None
    assert label_text("invalid_request_error") == "invalid request error"
    assert classify("E1", "Too many requests", None, None, long).rule == "rate_limit"


def test_a_specific_status_comes_before_the_label():
    # a coarse label (every client error an "invalid request") under a specific status
    decision = classify("resource_missing", "No such thing", 404, None, "invalid_request_error")
    assert decision.category.value == "not_found"
    # under a catch-all status the label decides
    decision = classify("x", "Whatever", 400, None, "Authentication")
    assert decision.category.value == "auth"


def test_rows_come_in_the_order_of_their_sources():
    table, _ = rules()
    ranks = [SOURCES.index(rule.source) for rule in table]
    assert ranks == sorted(ranks), [rule.id for rule in table]
    assert {rule.source for rule in table} == set(SOURCES)


def _curated(*entries: RawEntry):
    raw = RawSpec(
        provider=Provider(id="p", name="P", docs_url="https://example.com/errors"),
        namespaces=[
            RawNamespace(id="errors", title="Errors", code_type="integer", entries=list(entries))
        ],
    )
    return {e.code: e for e in curate(raw).namespaces[0].errors}


def test_curate_reads_the_pages_name_and_category_of_each_entry():
    got = _curated(
        RawEntry(code=5, message="Some requested entity was not there.", name="NOT_FOUND"),
        RawEntry(code=8, message="Some resource has been exhausted.", name="RESOURCE_EXHAUSTED"),
        RawEntry(code=20, message="The request could not be completed", category="Authentication"),
        RawEntry(code=21, message="The request could not be completed", category="Client"),
        RawEntry(code=22, message="请求过于频繁", category="限流"),
    )
    assert got[5].category.value == "not_found" and got[5].name == "NOT_FOUND"
    assert got[8].category.value == "rate_limited" and got[8].retry.value == "backoff"
    assert got[20].category.value == "auth" and got[20].retry.value == "after_action"
    assert got[21].category.value == "internal"  # "Client" names no class: the words decide
    assert got[22].category.value == "rate_limited"


def test_an_override_still_has_the_last_word():
    from generator.curate.overrides import Overrides

    raw = RawSpec(
        provider=Provider(id="p", name="P", docs_url="https://example.com/errors"),
        namespaces=[
            RawNamespace(
                id="errors",
                title="Errors",
                code_type="integer",
                entries=[RawEntry(code=5, message="x", name="NOT_FOUND", category="Server")],
            )
        ],
    )
    data = {
        "spectab_overrides": 1,
        "namespaces": {"errors": {"set": {5: {"category": "conflict"}}}},
    }
    spec = curate(raw, Overrides(data=data))
    assert spec.namespaces[0].errors[0].category.value == "conflict"
