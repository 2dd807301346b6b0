"""Layouts: the ways documentation writes one error list, as neutral blocks + ground truth.

Each layout takes a seed, draws the list it needs (kind, names, statuses, language) and
returns the document and the entries a scrape must return, as (code, message, name,
http status) with ``None`` where the page does not say.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Callable

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T
from hypothesis import strategies as st

from tests.pagegen.model import CODE_KINDS, Error, ErrorList, error_list, error_lists, with_messages

Expected = tuple[int | str, str, str | None, int | None, str | None]


@dataclass(frozen=True)
class Page:
    doc: Doc
    expected: list[Expected]
    meaning: ErrorList


# header words for code / message, by language (the usual words docs use)
HEADERS: dict[str, tuple[str, str]] = {
    "zh": ("错误码", "错误描述"),
    "ja": ("エラーコード", "説明"),
    "ko": ("오류 코드", "설명"),
    "de": ("Fehlercode", "Beschreibung"),
    "fr": ("Code d'erreur", "Description"),
    "es": ("Código de error", "Descripción"),
    "pt": ("Código de erro", "Descrição"),
    "ru": ("Код ошибки", "Описание"),
}
# other words the same docs use for the two columns (result code, status, message, cause)
SYNONYMS: dict[str, tuple[tuple[str, str], ...]] = {
    "zh": (("返回码", "说明"), ("状态码", "错误信息"), ("错误代码", "原因")),
    "ja": (("結果コード", "メッセージ"), ("ステータスコード", "原因")),
    "ko": (("에러 코드", "메시지"), ("상태 코드", "원인")),
    "de": (("Statuscode", "Meldung"), ("Code", "Ursache")),
    "fr": (("Code", "Message"), ("Code de statut", "Cause")),
    "es": (("Código", "Mensaje"), ("Código de estado", "Causa")),
    "pt": (("Código", "Mensagem"), ("Código de status", "Causa")),
    "ru": (("Код", "Сообщение"), ("Код состояния", "Причина")),
}
CODE_SYNONYMS = ("Code", "Error code", "Result code", "Return code", "Errno", "Error", "Status code")
MESSAGE_SYNONYMS = ("Message", "Description", "Meaning", "Explanation", "Reason", "Error message")
STRINGY = ("symbol", "dotted", "kebab")
REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
           413: "Payload Too Large", 422: "Unprocessable Entity", 429: "Too Many Requests",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 0: ""}
INTRO = "Every failed request returns one of the codes below in the \"code\" field of the body."


def truth(errors: ErrorList) -> list[Expected]:
    return [(e.value, e.message, e.name, e.http_status, e.category) for e in errors.errors]


Build = Callable[[ErrorList, random.Random], list[Block]]


@dataclass(frozen=True)
class Layout:
    """A way to write a list, and the lists it can write (code kinds, names, statuses)."""

    build: Build
    kinds: tuple[str, ...] = CODE_KINDS
    named: bool = False
    statuses: bool = False
    lang: str = "en"
    endpoints: bool = False  # the page repeats the list per endpoint with other messages
    categorised: bool = False  # the list states each error's category
    shared: bool = False  # every two errors share one message (written in one row)

    def page(self, errors: ErrorList, seed: int = 0) -> Page:
        if self.shared:
            errors = share_messages(errors)
        doc = Doc(errors.title, [P(INTRO, framing=True), *self.build(errors, random.Random(seed))])
        expected = truth(errors) + (truth(second_endpoint(errors)) if self.endpoints else [])
        return Page(doc, expected, errors)

    def make(self, seed: int) -> Page:
        """The page for a seed: the same seed gives the same page."""
        kind = random.Random(seed).choice(self.kinds)
        return self.page(error_list(seed, kind, self.lang, self.named, self.statuses, self.categorised), seed)

    def lists(self) -> st.SearchStrategy[ErrorList]:
        """The lists this layout can write, as a shrinking strategy."""
        kinds = st.sampled_from(self.kinds)
        return kinds.flatmap(lambda k: error_lists(k, self.lang, self.named, self.statuses, self.categorised))


def _cell(error: Error, key: str) -> str:
    cells = {"c": error.written, "m": error.message, "s": str(error.http_status), "n": error.name or "",
             "k": error.category or ""}
    return cells[key]


def _table(errors: ErrorList, header: list[str] | None, order: str) -> T:
    """A table with columns in ``order``: c=code, m=message, s=http status, n=name, k=category."""
    rows = [[_cell(e, k) for k in order] for e in errors.errors]
    code_cols = frozenset(i for i, k in enumerate(order) if k in "cn")
    return T(header, rows, code_cols)


def code_message(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Error codes"), _table(errors, ["Code", "Message"], "cm")]


def message_code(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Error codes"), _table(errors, ["Description", "Error code"], "mc")]


def header_synonyms(errors: ErrorList, rng: random.Random) -> list[Block]:
    header = [rng.choice(CODE_SYNONYMS), rng.choice(MESSAGE_SYNONYMS)]
    return [H("Errors"), _table(errors, header, "cm")]


def code_status_message(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Errors"), _table(errors, ["Error code", "HTTP status", "Description"], "csm")]


def status_code_message(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Errors"), _table(errors, ["HTTP Status", "Code", "Message"], "scm")]


def symbol_number(errors: ErrorList, rng: random.Random) -> list[Block]:
    """A symbol and a number per error: the number is the code, the symbol its name."""
    return [H("Result codes"), _table(errors, ["Name", "Code", "Description"], "ncm")]


def number_symbol_under_code(errors: ErrorList, rng: random.Random) -> list[Block]:
    """The symbol under "Code", the number under "Number"."""
    return [H("Result codes"), _table(errors, ["Number", "Code", "Description"], "cnm")]


def category_column(errors: ErrorList, rng: random.Random) -> list[Block]:
    """A Category column stating each error's category."""
    return [H("Errors"), _table(errors, ["Code", "Category", "Message"], "ckm")]


def headerless(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Error codes"), _table(errors, None, "cm")]


def i18n(errors: ErrorList, rng: random.Random) -> list[Block]:
    """Header words and messages in the list's language."""
    code, message = HEADERS[errors.lang]
    return [H(code), _table(errors, [code, message], "cm")]


def i18n_synonyms(errors: ErrorList, rng: random.Random) -> list[Block]:
    """Other header words of the list's language."""
    code, message = rng.choice(SYNONYMS[errors.lang])
    return [H(HEADERS[errors.lang][0]), _table(errors, [code, message], "cm")]


def status_headings(errors: ErrorList, rng: random.Random) -> list[Block]:
    """The HTTP status only in the heading over each table ("400 Bad Request")."""
    blocks: list[Block] = []
    for status in dict.fromkeys(e.http_status for e in errors.errors):
        group = replace(errors, errors=tuple(e for e in errors.errors if e.http_status == status))
        blocks += [H(f"{status} {REASONS[status or 0]}"), _table(group, ["Code", "Description"], "cm")]
    return blocks


def field_list(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Error codes"), DL([(e.written, e.message) for e in errors.errors], False, "field")]


def labelled(errors: ErrorList, rng: random.Random) -> list[Block]:
    """``**CODE**: message`` paragraphs."""
    return [H("Error codes"), DL([(e.written, e.message) for e in errors.errors], False, "labelled")]


def prose_definitions(errors: ErrorList, rng: random.Random) -> list[Block]:
    """``NAME (0x1A): text`` paragraphs; full-width brackets and colon in CJK text."""
    wide = errors.lang in ("zh", "ja")
    left, right, colon = ("（", "）", "：") if wide else (" (", ")", ": ")
    blocks: list[Block] = [H("Error codes")]
    return blocks + [P(f"{e.name}{left}{e.written}{right}{colon}{e.message}") for e in errors.errors]


def declarations_enum(errors: ErrorList, rng: random.Random) -> list[Block]:
    """An enum of error constants, each documented: the value is the code."""
    return [H("Error codes"), Decl("errors", errors.errors, "enum")]

def _headings(style: str) -> Build:
    """One heading per error, the message in the paragraph below it."""

    def layout(errors: ErrorList, rng: random.Random) -> list[Block]:
        blocks: list[Block] = [H("Errors")]
        for e in errors.errors:
            text = {"code": e.written, "name_paren": f"{e.name} ({e.written})",
                    "name_equals": f"{e.name} = {e.written}",
                    "name_bracket": f"{e.name} [{e.written}]",
                    "code_name": f"{e.written} {e.name}"}[style]
            blocks += [H(text, 3, code=style == "code"), P(e.message)]
        return blocks

    return layout


def definition_list(errors: ErrorList, rng: random.Random) -> list[Block]:
    return [H("Error codes"), DL([(e.written, e.message) for e in errors.errors])]


def group_headings(errors: ErrorList, rng: random.Random) -> list[Block]:
    half = max(1, len(errors.errors) // 2)
    first = replace(errors, errors=errors.errors[:half])
    second = replace(errors, errors=errors.errors[half:])
    return [H("Errors"), H("Authentication", 3), _table(first, ["Code", "Message"], "cm"),
            H("Billing", 3), _table(second, ["Code", "Message"], "cm")]


def long_group_headings(errors: ErrorList, rng: random.Random) -> list[Block]:
    """Group headings of nine words and more are still sections over their tables."""
    half = max(1, len(errors.errors) // 2)
    first = replace(errors, errors=errors.errors[:half])
    second = replace(errors, errors=errors.errors[half:])
    return [H("Errors"), H("Errors returned when the access token of the account cannot be verified", 3),
            _table(first, ["Code", "Message"], "cm"),
            H("Errors returned when the request is larger than the limits of your plan", 3),
            _table(second, ["Code", "Message"], "cm")]


def per_endpoint(errors: ErrorList, rng: random.Random) -> list[Block]:
    """The same codes under two endpoints, each with its own message: keep both."""
    return [H("POST /v1/items"), _table(errors, ["Code", "Message"], "cm"),
            H("GET /v1/items/{id}"), _table(second_endpoint(errors), ["Code", "Message"], "cm")]


def second_endpoint(errors: ErrorList) -> ErrorList:
    return with_messages(errors, "for this item")


def share_messages(errors: ErrorList) -> ErrorList:
    """Every second error takes the message of the one before it."""
    es = list(errors.errors)
    for i in range(1, len(es), 2):
        es[i] = replace(es[i], message=es[i - 1].message)
    return replace(errors, errors=tuple(es))


def codes_in_one_cell(errors: ErrorList, rng: random.Random) -> list[Block]:
    """Several codes with one meaning in one cell, separated by a comma."""
    es = list(errors.errors)
    rows = [[", ".join(e.written for e in es[i:i + 2]), es[i].message] for i in range(0, len(es), 2)]
    return [H("Error codes"), T(["Code", "Message"], rows)]


def side_by_side(errors: ErrorList, rng: random.Random) -> list[Block]:
    """Two code/message pairs in one row."""
    rows, es = [], list(errors.errors)
    for i in range(0, len(es), 2):
        row = [x for e in es[i:i + 2] for x in (e.written, e.message)]
        rows.append(row + [""] * (4 - len(row)))
    return [H("Error codes"), T(["Code", "Message", "Code", "Message"], rows, frozenset({0, 2}))]


def declarations(errors: ErrorList, rng: random.Random) -> list[Block]:
    """``#define NAME value`` per error with a comment: the number is the code."""
    return [H("Error codes"), Decl("errors", errors.errors)]


# ------------------------------------------------------------------ decoys beside the list

def _decoy(make: Callable[[random.Random], list[Block]], after: bool) -> Build:
    def layout(errors: ErrorList, rng: random.Random) -> list[Block]:
        listed = code_message(errors, rng)
        decoy = make(rng)
        return listed + decoy if after else decoy + listed

    layout.__doc__ = make.__doc__
    return layout


def _parameters(rng: random.Random) -> list[Block]:
    """A request parameter table."""
    rows = [["to", "string", "The recipient's number."], ["limit", "integer", "At most 100 items."],
            ["callback_url", "string", "Where status updates go."]]
    return [H("Parameters"), T(["Parameter", "Type", "Description"], rows[: rng.randint(2, 3)], frozenset({0}))]


def _opcodes(rng: random.Random) -> list[Block]:
    """An opcode table with a Code column."""
    rows = [["0", "Dispatch", "An event was dispatched."], ["1", "Heartbeat", "Keeps the connection alive."],
            ["2", "Identify", "Starts a new session."], ["7", "Reconnect", "The client should reconnect."]]
    return [H("Opcodes"), T(["Code", "Name", "Description"], rows[: rng.randint(3, 4)])]


def _config(rng: random.Random) -> list[Block]:
    """Configuration keys with defaults."""
    rows = [["max_retries", "3", "How often a request is retried."], ["timeout_ms", "5000", "How long to wait."],
            ["log.level", "info", "What the client logs."]]
    return [H("Configuration"), T(["Key", "Default", "Description"], rows, frozenset({0}))]


def _chain_ids(rng: random.Random) -> list[Block]:
    """A network id registry."""
    rows = [["1", "Mainnet"], ["5", "Goerli"], ["137", "Polygon"], ["42161", "Arbitrum One"]]
    return [H("Supported networks"), T(["Chain ID", "Network"], rows)]


def _see_also(rng: random.Random) -> list[Block]:
    """A "See also" list of links."""
    return [H("See also"), Links([("Rate limits", "https://example.com/limits"),
                                  ("Authentication", "https://example.com/auth")])]


LAYOUTS: dict[str, Layout] = {
    "code_message": Layout(code_message),
    "message_code": Layout(message_code),
    "header_synonyms": Layout(header_synonyms),
    "code_status_message": Layout(code_status_message, ("symbol", "dotted", "integer"), statuses=True),
    "status_code_message": Layout(status_code_message, STRINGY, statuses=True),
    "symbol_number": Layout(symbol_number, ("integer", "negative"), named=True),
    "number_symbol_under_code": Layout(number_symbol_under_code, ("integer",), named=True),
    "headerless": Layout(headerless, ("integer", "symbol")),
    "category_column": Layout(category_column, categorised=True),
    **{f"i18n_{lang}": Layout(i18n, ("integer", "symbol"), lang=lang) for lang in HEADERS},
    **{f"i18n_synonyms_{lang}": Layout(i18n_synonyms, ("integer", "symbol"), lang=lang) for lang in ("zh", "ja", "de", "ru")},
    "status_headings": Layout(status_headings, ("symbol", "integer", "dotted"), statuses=True),
    "field_list": Layout(field_list),
    "labelled": Layout(labelled),
    "prose_definitions": Layout(prose_definitions, ("hex", "integer"), named=True),
    "prose_definitions_zh": Layout(prose_definitions, ("hex", "integer"), named=True, lang="zh"),
    "declarations_enum": Layout(declarations_enum, ("integer", "negative", "hex"), named=True),
    "heading_code": Layout(_headings("code")),
    "heading_name_paren": Layout(_headings("name_paren"), ("integer",), named=True),
    "heading_name_bracket": Layout(_headings("name_bracket"), ("integer",), named=True),
    "heading_code_name": Layout(_headings("code_name"), ("integer",), named=True),
    "heading_name_equals": Layout(_headings("name_equals"), ("integer", "hex"), named=True),
    "definition_list": Layout(definition_list),
    "group_headings": Layout(group_headings),
    "long_group_headings": Layout(long_group_headings),
    "per_endpoint": Layout(per_endpoint, ("integer", "symbol"), endpoints=True),
    "side_by_side": Layout(side_by_side),
    "codes_in_one_cell": Layout(codes_in_one_cell, ("integer", "symbol", "hex"), shared=True),
    "declarations": Layout(declarations, ("integer", "negative"), named=True),
    "decoy_parameters": Layout(_decoy(_parameters, after=False)),
    "decoy_opcodes": Layout(_decoy(_opcodes, after=True)),
    "decoy_config": Layout(_decoy(_config, after=True)),
    "decoy_chain_ids": Layout(_decoy(_chain_ids, after=True)),
    "decoy_see_also": Layout(_decoy(_see_also, after=True)),
}
