"""Automatic names: readable, legal in Python and TypeScript, unique, deterministic."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.curate import naming
from generator.spec import identifiers


@pytest.mark.parametrize(
    ("code", "message", "expected"),
    [
        ("invalid_did", "This is not a valid DID", "INVALID_DID"),
        ("Unable_to_purchase", "Unable to purchase DIDs", "UNABLE_TO_PURCHASE"),
        ("Blacklisted IP", "Blacklisted IP", "BLACKLISTED_IP"),
        ("The destination number is not allowed", "", "DESTINATION_NUMBER_NOT_ALLOWED"),
        (-1, "Authentication error", "AUTHENTICATION_ERROR"),
        (0, "Success", "SUCCESS"),
        (
            -12,
            "Due to platform issue, bulk submission has been failed, please contact Admin",
            "DUE_TO_PLATFORM_ISSUE",
        ),
        (-10, "The customer's balance is insufficient", "CUSTOMERS_BALANCE_INSUFFICIENT"),
        (-13, "Users has been locked", "USERS_LOCKED"),
        (-57, "The number must be bound to the agent group", "NUMBER_MUST_BE_BOUND_TO_AGENT"),
        ("recording_in_use_did", "x", "RECORDING_IN_USE_DID"),
        ("DNCS number cap has been hit", "", "DNCS_NUMBER_CAP_HIT"),
        ("E101", "Bad thing", "E101"),
        ("TMS.0009", "x", "TMS_0009"),
        ("0100C", "Card declined", "CARD_DECLINED"),
        ("007", "", "CODE_007"),
        (404, "404", "E_404"),
        (-3, "", "CODE_MINUS_3"),
        ("ResponseStatus", "", "RESPONSE_STATUS"),
        ("Café fermé", "", "CAFE_FERME"),
        (5, "Número inválido", "NUMERO_INVALIDO"),
        (-1, "请求异常：错误信息根据返回的message", "CODE_MINUS_1"),  # not MESSAGE
        (0, "成功", "CODE_0"),
        (6, "Неверный номер", "CODE_6"),
    ],
)
def test_derive(code, message, expected):
    assert naming.derive(code, message) == expected


def test_long_messages_are_shortened_at_word_boundaries():
    name = naming.derive(
        -46, "The maximum number of long text-to-speech conversions per day is 5 and more words"
    )
    assert name == "MAXIMUM_NUMBER_OF_LONG_TEXT"
    assert len(naming.derive(1, "x" * 200)) <= naming.MAX_LENGTH


@pytest.mark.parametrize("name", ["name", "VALUE", "MRO", "NAME", "_X", "X-Y", "1ABC", "", "Été"])
def test_illegal_names(name):
    assert identifiers.why_illegal(name)


def test_make_unique_suffixes_deterministically():
    names, renamed = naming.make_unique(["A", "B", "A", "A_2", "A"])
    assert names == ["A", "B", "A_3", "A_2", "A_4"]
    assert renamed == [(2, "A", "A_3"), (4, "A", "A_4")]


def test_integer_codes_take_their_code_as_suffix_so_names_do_not_shift():
    names, renamed = naming.make_unique(["A", "A", "A", "A_7"], [1, 7, -2, 9])
    assert names == ["A", "A_2", "A_MINUS_2", "A_7"]  # A_7 is taken by another entry
    assert [new for _, _, new in renamed] == ["A_2", "A_MINUS_2"]


def test_slug():
    assert identifiers.slug("HTTP Status Codes") == "http_status_codes"
    assert (
        identifiers.slug("Voice response status code description:")
        == "voice_response_status_code_description"
    )
    assert identifiers.slug("2xx") == "n_2xx"
    assert identifiers.slug("???") == "errors"


@given(st.one_of(st.integers(), st.text()), st.text())
def test_every_derived_name_is_legal_everywhere(code, message):
    name = naming.derive(code, message)
    assert identifiers.why_illegal(name) is None, name
    assert name.isidentifier() and not keyword.iskeyword(name)
