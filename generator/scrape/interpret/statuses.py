"""When a page's integer codes are HTTP statuses, and which status a heading names.

A status list says so in its words ("Response Code", "Status codes") or by its texts
(standard reason phrases beside 100-599 codes); a heading such as "HTTP status code 400"
gives its status to the entries under it. The reason phrases are the standard library's
``http.HTTPStatus``; the words are the vocabulary's (vocabulary.py). "Is this a range" is
``codes.starts_with_range``'s answer.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from generator.spec.model import Code
from generator.scrape.interpret import registry
from generator.scrape.interpret.codes import starts_with_range
from generator.scrape.interpret.vocabulary import says_status, status_named

_STATUSES = {int(status): status.phrase for status in HTTPStatus}
# error statuses by their reason phrase, for headings that name one ("On failure: Not Found")
_BY_PHRASE = {
    re.sub(r"[\W_]+", " ", phrase).strip().lower(): code
    for code, phrase in _STATUSES.items()
    if code >= 400
}
# at least this share of the codes are registered statuses (a list may keep 306 "unused")
MIN_REGISTERED = 0.9
# at least this share of the messages are standard reason phrases: a status list
MIN_PHRASE_SHARE = 0.5
# a list this long of registered statuses only, from this many classes (2xx, 4xx, 5xx), is
# a status list even unnamed: application codes do not keep to the registry that closely
MIN_SPREAD_CODES = 8
MIN_SPREAD_CLASSES = 3


def _phrase(code: int, text: str) -> bool:
    """``text`` opens with the standard reason phrase of ``code`` ("Not Found -- ...")."""
    phrase = _STATUSES.get(code)
    if phrase is None:
        return False
    words, wanted = (re.sub(r"[\W_]+", " ", item).strip().lower() for item in (text, phrase))
    return words == wanted or words.startswith(wanted + " ")


def codes_are_statuses(codes: list[Code], messages: list[str], context: str) -> bool:
    """100-599 integer codes, nearly all registered, are HTTP statuses when the header, caption or
    headings (``context``) use status words, when they are a long list of registered statuses
    only, across three classes or more, or when most of the messages are reason phrases."""
    numbers = [code for code in codes if isinstance(code, int) and 100 <= code <= 599]
    registered = sum(number in _STATUSES for number in numbers)
    if not numbers or len(numbers) != len(codes) or registered < MIN_REGISTERED * len(numbers):
        return False
    if registry.on("statuses.status_words") and says_status(context):
        return True
    if (
        registry.on("statuses.registered_spread")
        and len(numbers) >= MIN_SPREAD_CODES
        and registered == len(numbers)
        and len({number // 100 for number in numbers}) >= MIN_SPREAD_CLASSES
    ):
        return True
    if not registry.on("statuses.reason_phrases"):
        return False
    phrases = sum(_phrase(code, text) for code, text in zip(numbers, messages))
    return len(numbers) >= 2 and phrases >= MIN_PHRASE_SHARE * len(numbers)


def heading_status(title: str) -> int | None:
    """The status a heading names: "HTTP status code 400", "404 - Not found errors" (a
    registered status followed by its reason phrase), or a label followed by an error
    status's reason phrase ("On failure: Bad Request"); never a range ("4xx", "400-499")."""
    found = status_named(title)
    if (
        found is not None
        and int(found.group(2)) in _STATUSES
        and not starts_with_range(title[found.start(2) :])
    ):
        return int(found.group(2))
    labelled = re.search(r"[:–—-]\s*([^:–—-]+?)\s*$", title)
    if labelled is not None:
        phrase = re.sub(r"[\W_]+", " ", labelled.group(1)).strip().lower()
        if phrase in _BY_PHRASE:
            return _BY_PHRASE[phrase]
    leading = re.match(r"\s*([1-5]\d\d)\s*(?:[-–—:.)]\s*)?(?=[^\W\d_])(.*)", title)
    if (
        leading is not None
        and not starts_with_range(title)
        and _phrase(int(leading.group(1)), leading.group(2))
    ):
        return int(leading.group(1))
    return None


__all__ = ["codes_are_statuses", "heading_status"]
