"""Layouts: the ways documentation writes one error list, as neutral blocks + ground truth.

Each layout takes a seed, draws the list it needs (kind, names, statuses, language) and
returns the document and the entries a scrape must return, as (code, message, name,
http status) with ``None`` where the page does not say.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from tests.pagegen.blocks import DL, Block, Decl, Doc, H, Links, P, T
from tests.pagegen.model import ErrorList, error_list, with_messages

Expected = tuple[int | str, str, str | None, int | None]


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
CODE_SYNONYMS = ("Code", "Error code", "Result code", "Return code", "Errno", "Error", "Status code")
MESSAGE_SYNONYMS = ("Message", "Description", "Meaning", "Explanation", "Reason", "Error message")
NUMERIC = ("integer", "negative", "hex", "leading_zero")
STRINGY = ("symbol", "dotted", "kebab")
INTRO = "Every failed request returns one of the codes below in the `code` field of the body."


def truth(errors: ErrorList) -> list[Expected]:
    return [(e.value, e.message, e.name, e.http_status) for e in errors.errors]


def _page(errors: ErrorList, blocks: list[Block], title: str | None = None) -> Page:
    doc = Doc(title or errors.title, [P(INTRO, framing=True), *blocks])
    return Page(doc, truth(errors), errors)


def _table(errors: ErrorList, header: list[str] | None, order: str) -> T:
    """A table with columns in ``order``: c=code, m=message, s=http status, n=name."""
    cell = {"c": lambda e: e.written, "m": lambda e: e.message,
            "s": lambda e: str(e.http_status), "n": lambda e: e.name or ""}
    rows = [[cell[k](e) for k in order] for e in errors.errors]
    code_cols = frozenset(i for i, k in enumerate(order) if k in "cn")
    return T(header, rows, code_cols)


def code_message(seed: int) -> Page:
    errors = error_list(seed)
    return _page(errors, [H("Error codes"), _table(errors, ["Code", "Message"], "cm")])


def message_code(seed: int) -> Page:
    errors = error_list(seed)
    return _page(errors, [H("Error codes"), _table(errors, ["Description", "Error code"], "mc")])


def header_synonyms(seed: int) -> Page:
    rng = random.Random(seed)
    errors = error_list(seed)
    header = [rng.choice(CODE_SYNONYMS), rng.choice(MESSAGE_SYNONYMS)]
    return _page(errors, [H("Errors"), _table(errors, header, "cm")])


def code_status_message(seed: int) -> Page:
    errors = error_list(seed, kind=random.Random(seed).choice(("symbol", "dotted", "integer")), statuses=True)
    return _page(errors, [H("Errors"), _table(errors, ["Error code", "HTTP status", "Description"], "csm")])


def status_code_message(seed: int) -> Page:
    errors = error_list(seed, kind=random.Random(seed).choice(STRINGY), statuses=True)
    return _page(errors, [H("Errors"), _table(errors, ["HTTP Status", "Code", "Message"], "scm")])


def symbol_number(seed: int) -> Page:
    """A symbol and a number per error: the number is the code, the symbol its name."""
    errors = error_list(seed, kind=random.Random(seed).choice(("integer", "negative")), named=True)
    return _page(errors, [H("Result codes"), _table(errors, ["Name", "Code", "Description"], "ncm")])


def number_symbol_under_code(seed: int) -> Page:
    """The symbol under "Code", the number under "Number"."""
    errors = error_list(seed, kind="integer", named=True)
    return _page(errors, [H("Result codes"), _table(errors, ["Number", "Code", "Description"], "cnm")])


def headerless(seed: int) -> Page:
    errors = error_list(seed, kind=random.Random(seed).choice(("integer", "symbol")))
    return _page(errors, [H("Error codes"), _table(errors, None, "cm")])


def _i18n(lang: str) -> Callable[[int], Page]:
    def layout(seed: int) -> Page:
        errors = error_list(seed, kind=random.Random(seed).choice(("integer", "symbol")), lang=lang)
        code, message = HEADERS[lang]
        return _page(errors, [H(f"{code}"), _table(errors, [code, message], "cm")])

    layout.__doc__ = f"Header words and messages in {lang}."
    return layout


def _headings(style: str) -> Callable[[int], Page]:
    """One heading per error, the message in the paragraph below it."""

    def layout(seed: int) -> Page:
        named = style != "code"
        errors = error_list(seed, kind="integer" if named else None, named=named)
        blocks: list[Block] = [H("Errors")]
        for e in errors.errors:
            text = {"code": e.written, "name_paren": f"{e.name} ({e.written})",
                    "name_bracket": f"{e.name} [{e.written}]",
                    "code_name": f"{e.written} {e.name}"}[style]
            blocks += [H(text, 3, code=style == "code"), P(e.message)]
        return _page(errors, blocks)

    return layout


def definition_list(seed: int) -> Page:
    errors = error_list(seed)
    return _page(errors, [H("Error codes"), DL([(e.written, e.message) for e in errors.errors])])


def group_headings(seed: int) -> Page:
    errors = error_list(seed)
    half = len(errors.errors) // 2
    first = ErrorList(errors.title, errors.kind, errors.lang, errors.errors[:half])
    second = ErrorList(errors.title, errors.kind, errors.lang, errors.errors[half:])
    return _page(errors, [H("Errors"), H("Authentication", 3), _table(first, ["Code", "Message"], "cm"),
                          H("Billing", 3), _table(second, ["Code", "Message"], "cm")])


def per_endpoint(seed: int) -> Page:
    """The same codes under two endpoints, each with its own message: keep both."""
    errors = error_list(seed, kind=random.Random(seed).choice(("integer", "symbol")))
    other = with_messages(errors, "for this item")
    doc = Doc(errors.title, [P(INTRO, framing=True), H("POST /v1/items"), _table(errors, ["Code", "Message"], "cm"),
                             H("GET /v1/items/{id}"), _table(other, ["Code", "Message"], "cm")])
    return Page(doc, truth(errors) + truth(other), errors)


def side_by_side(seed: int) -> Page:
    """Two code/message pairs in one row."""
    errors = error_list(seed)
    rows, es = [], list(errors.errors)
    for i in range(0, len(es), 2):
        pair = es[i:i + 2]
        row = [x for e in pair for x in (e.written, e.message)]
        rows.append(row + [""] * (4 - len(row)))
    return _page(errors, [H("Error codes"), T(["Code", "Message", "Code", "Message"], rows, frozenset({0, 2}))])


def declarations(seed: int) -> Page:
    """``#define NAME value`` per error with a comment: the number is the code."""
    errors = error_list(seed, kind=random.Random(seed).choice(("integer", "negative")), named=True)
    return _page(errors, [H("Error codes"), Decl("errors", errors.errors)])


# ------------------------------------------------------------------ decoys beside the list

def _decoy(make: Callable[[random.Random], list[Block]], after: bool) -> Callable[[int], Page]:
    def layout(seed: int) -> Page:
        errors = error_list(seed)
        listed: list[Block] = [H("Error codes"), _table(errors, ["Code", "Message"], "cm")]
        decoy = make(random.Random(seed))
        return _page(errors, listed + decoy if after else decoy + listed)

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


LAYOUTS: dict[str, Callable[[int], Page]] = {
    "code_message": code_message,
    "message_code": message_code,
    "header_synonyms": header_synonyms,
    "code_status_message": code_status_message,
    "status_code_message": status_code_message,
    "symbol_number": symbol_number,
    "number_symbol_under_code": number_symbol_under_code,
    "headerless": headerless,
    **{f"i18n_{lang}": _i18n(lang) for lang in HEADERS},
    "heading_code": _headings("code"),
    "heading_name_paren": _headings("name_paren"),
    "heading_name_bracket": _headings("name_bracket"),
    "heading_code_name": _headings("code_name"),
    "definition_list": definition_list,
    "group_headings": group_headings,
    "per_endpoint": per_endpoint,
    "side_by_side": side_by_side,
    "declarations": declarations,
    "decoy_parameters": _decoy(_parameters, after=False),
    "decoy_opcodes": _decoy(_opcodes, after=True),
    "decoy_config": _decoy(_config, after=True),
    "decoy_chain_ids": _decoy(_chain_ids, after=True),
    "decoy_see_also": _decoy(_see_also, after=True),
}
