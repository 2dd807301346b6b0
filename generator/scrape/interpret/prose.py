"""Errors written as prose: one heading or title line per error, then paragraphs.

Help-centre pages title each error with a quoted string (``"Blocked IP"``), reference
pages with a heading (``## INVALID_TOKEN (401)``, ``### E101 - Invalid key``,
``### 404 Not Found``), C and exception references with a declaration line
(``— Macro: int EPERM``) or a bare name in bold (``AccessDeniedException``), which only
count in a run of them. A title starts an entry; the paragraphs under it are its
description. Definition lists whose terms are codes are read here too.

A page can lose a title in rendering. Paragraphs that start like a new error's
description (``If this error appears ...``) after an entry already has its own text are
then not glued onto that entry: they form an untitled block, reported and left out, for
the overrides file to restore.
"""

from __future__ import annotations

import re
from typing import Callable

from generator.lazyre import lazy
from generator.spec.model import Code, RawEntry
from generator.scrape.interpret.codes import (
    ParsedCode,
    is_identifier_like,
    looks_like_prose,
    parse_token,
)
from generator.scrape.interpret.columns import CONTEXT_WORDS
from generator.scrape.document import Block, Definition, DefinitionList, Heading, Paragraph
from generator.scrape.interpret import registry
from generator.scrape.interpret.entries import ProseEntry, Title
from generator.scrape.interpret.verdict import Verdict

Warn = Callable[[str], None]

_Q = "\"\u201c\u201d'\u2018\u2019`"
QUOTED = lazy(rf"[{_Q}]([^{_Q}\n]+)[{_Q}]")
# a title that is only quoted strings: "A" / "A" or "B" / "A", "B"
ONLY_QUOTED = lazy(
    rf"^\s*[{_Q}][^{_Q}\n]+[{_Q}](\s*(,|or|/)\s*[{_Q}][^{_Q}\n]+[{_Q}])*\s*[.:]?\s*$"
)
# NOT ALLOWED, INVALID_TOKEN: a name written in capitals
CONSTANT = lazy(r"^[A-Z][A-Z0-9]*(?:[ _][A-Z0-9]+)*$")
# NAME (n), Bad Request (400)
PARENTHESISED = lazy(r"^(?P<text>[^()]+?)\s*\((?P<code>[^()\s]+)\)\s*:?$")
# E101 - text, E101: text, E101 \u2013 text
SEPARATED = lazy(r"^(?P<code>[^\s:]+)\s*(?:\s[-\u2013\u2014]\s|:\s|\s\|\s)\s*(?P<text>\S.*)$")
# GET - https://api.example.com/v1/items, POST - /v1/items/{id}: an endpoint, not an error
ENDPOINT = lazy(r"^(?:[a-z][a-z0-9+.-]*://\S+|/\S*)$", re.IGNORECASE)
# 12000 - 12175, E100 - E199: the first and last code of a group, not one error
CODE_SPAN = lazy(
    r"^(?P<first>[A-Za-z]*-?\d+)\s*[-\u2013\u2014]\s*(?P<last>[A-Za-z]*-?\d+)(?=$|[\s:(,])"
)
# Error 1100, Code 42, Error code #7: a heading naming one error by a word and its code
WORD_CODE = lazy(r"^(?:error|code|error code)\s*(?:#|no\.?|number)?\s*(?P<code>\S+)$", re.I)
# what a reference declares ("— Macro: int EPERM", "— Library Function: char * strerror")
_KINDS = (
    r"(?:[A-Z][a-z]+\s+){0,2}"
    r"(?:macro|constant|variable|option|function|form|command|type|method|struct|enum"
    r"|enumerator|class|property|define)"
)
# "— Macro: int EPERM", "Constant: ENOENT": a declaration (Texinfo defun, API reference)
DECLARATION = lazy(
    rf"^(?:[\u2014\u2013-]+\s*{_KINDS}|(?:macro|constant|enumerator|define))"
    r"\s*:\s+(?:[\w*]+\s+){0,3}\**(?P<name>[A-Za-z_]\w*)$",
    re.IGNORECASE,
)
# EPERM, ENOENT: a constant's name in capitals, too short alone to tell from a heading
BARE_CONSTANT = lazy(r"^[A-Z][A-Z0-9]+$")
CONSTANT_NAME = lazy(r"^[A-Z][A-Z0-9_]+$")
# AccessDeniedException, RequestLimitExceeded: an exception's name, as APIs send it
CAMEL_NAME = lazy(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")
MIN_BARE_RUN = 3  # bare capitals name constants when a section lists at least this many
# Internal Server Error (HTTP 500): a status by its reason phrase
HTTP_PARENTHESISED = lazy(
    r"^(?P<text>[^()]+?)\s*\(\s*HTTP\s+(?P<code>[1-5]\d\d)\s*\)\s*:?$", re.I
)
# (0) SQLITE_OK, (0x1F) ERR_BUSY, (E101) Invalid token: the code in brackets before the title
BRACKETED_FIRST = lazy(r"^\((?P<code>[^()\s]{1,24})\)\s*(?P<text>\S.{0,150})$")
# ERR_TIMEOUT = 7, kTimeout = 0x07, ERR_RESET: int = 7001: a constant's name (perhaps with
# its type, as Python and TypeScript declare it) assigned its value
NAME_EQUALS = lazy(
    r"^(?P<name>[A-Za-z_][\w.]{0,80})(?:\s*:\s*[A-Za-z_][\w.]{0,40})?"
    r"\s*=\s*(?P<code>-?(?:0[xX][0-9A-Fa-f]{1,16}|\d{1,3}(?:_\d{3}){1,4}|\d{1,12}))\s*[,;]?$"
)
# 4_000, 1_000_000: digits grouped by "_" (Rust, Java, Python literals) are one number
GROUPED_DIGITS = lazy(r"^-?\d{1,3}(?:_\d{3}){1,4}$")
# ERR_AUTH (0x1): Authentication failed. - a constant, its code in brackets, its text
NAMED_DEFINITION = lazy(
    r"^(?P<name>[^\W\d][\w.]{0,80})\s*\(\s*(?P<code>[^()\s]{1,24})\s*\)\s*:\s*(?P<text>\S.*)$"
)
# full-width brackets and colon (CJK text) read as their ASCII forms; one character each,
# so positions in the text do not move
FULL_WIDTH = str.maketrans({"\uff08": "(", "\uff09": ")", "\uff1a": ":"})
# E101 Invalid token: a short code with two or more digits, then the error's title
CODE_FIRST = lazy(r"^(?P<code>[A-Z]{1,4}[-_]?\d{2,8})\s+(?P<text>[^\W\d_].{0,150})$")
# 404 Not Found, -1001 Invalid key, 1000 E_TIMEOUT
NUMBER_FIRST = lazy(r"^(?P<code>-?\d+)\s+(?P<text>[A-Za-z].*)$")
# E_TIMEOUT [1000], Invalid token [E101]: the code in square brackets after the title
BRACKETED_AFTER = lazy(r"^(?P<text>[^\[\]]{1,150}?)\s*\[\s*(?P<code>[^\[\]\s]{1,24})\s*\]$")
# timeout-error, auth.timeout: lowercase words joined by "-" or "." as code is written; a
# code only where the section talks about errors ("read-only" titles a field elsewhere)
JOINED_TOKEN = lazy(r"^[a-z][a-z0-9]*(?:[-.][a-z0-9]+){1,8}$")
MIN_SECTION_NUMBER = (
    100  # "2 Authentication", "Setup [1]": smaller numbers number sections or notes
)

# Paragraphs that introduce an error of their own; only a second or later paragraph of an
# entry can start one (the first paragraph under a title is that title's description).
UNTITLED_STARTS: tuple[str, ...] = (
    r"^if (this|that|the following) error (appears|occurs|is (shown|returned|displayed))",
    r"^if you (see|get|receive|encounter) this error",
    r"^this error (appears|occurs|is (shown|returned|displayed)|shows up) (when|if|because)",
    r"^you (will|may|might) (see|get|receive) this error",
)
# Page chrome that can follow the last entry in a plain-text copy: it ends an entry.
CHROME: tuple[str, ...] = (
    r"^\d+\s+comments?$",
    r"^comments?$",
    r"^please sign in to leave a comment",
    r"^was this (article|page) helpful",
    r"^(related|recently viewed) articles$",
    r"^feedback sent$",
    r"^thank you for your feedback",
    r"^need help\??$",
)


# tokens with digits that are not codes: dates, ranges, versions
NOT_CODES = lazy(
    r"^(\d{4}-\d{2}(-\d{2})?|\d+\s*[-\u2013]\s*\d+|v?\d+(\.\d+)+)$", re.IGNORECASE
)


def _strong_code(text: str) -> Code | None:
    """A code that can open a title: a number, or a token with a digit, ``_`` or ``.``."""
    parsed = parse_token(text)
    if parsed is None or text.endswith(".") or NOT_CODES.match(text):
        return None
    if isinstance(parsed.code, int) or re.search(r"[0-9_]", parsed.text):
        return parsed.code
    if parsed.text.isupper() and len(parsed.text) >= 2 and "." not in parsed.text:
        return parsed.code
    return None


def _is_code_span(text: str) -> bool:
    """``12000 - 12175``, ``E100 - E199``: two codes of one kind, the second the larger."""
    match = CODE_SPAN.match(text)
    if match is None:
        return False
    first, last = match.group("first"), match.group("last")
    prefix = re.match(r"^[A-Za-z]*", first)
    head = prefix.group(0) if prefix else ""
    if not last.startswith(head) or not last[len(head) :].lstrip("-").isdigit():
        return False
    return int(first[len(head) :]) < int(last[len(head) :])


def parse_title(text: str, *, heading: bool) -> Title | None:
    """The error a title names, or None for an ordinary heading or paragraph.

    ``heading`` is set for headings and title paragraphs (bold, quoted, emphasised);
    plain paragraphs only count when they are quoted strings or ``CODE - text``.
    """
    text = " ".join(text.split())
    if not text or len(text) > 200:
        return None
    if not ONLY_QUOTED.match(text):
        text = text.rstrip(":").rstrip()  # "400 Bad Request:" titles what follows
    defined = _named_definition(text)
    if defined is not None:
        return defined
    if ONLY_QUOTED.match(text):
        values = [value.strip() for value in QUOTED.findall(text)]
        values = [value for value in values if value]
        if values:
            return Title(values[0], aliases=list(dict.fromkeys(values[1:])), message=values[0])
    if _is_code_span(text):
        return None  # "12000 - 12175 (0x2EE0)" heads a group of codes
    typed = _name_equals(text) if heading else None
    if typed is not None:
        return typed  # "ERR_RESET: int = 7001" before "NAME: text" is read
    match = SEPARATED.match(text)
    if match:
        code = _strong_code(match.group("code"))
        label = match.group("text").strip()
        if ENDPOINT.match(label):
            return None  # "GET - /v1/items" names an endpoint; its method is no code
        if code is not None and CONSTANT.match(label):
            # "1 - NOT ALLOWED": a constant's name; the message is the text below
            return Title(code, name=label)
        if code is not None:
            return Title(code, message=label)
        joined = _joined_token(match.group("code"))
        if joined is not None:
            return Title(joined.code, message=label, rule=JOINED_RULE)
    return _heading_title(text) if heading else None


def _heading_title(text: str) -> Title | None:
    """The shapes only a heading or title paragraph has: ``E101 Invalid``, ``Name (7)``,
    ``404 (Not Found)``, ``(0) NAME``, ``NAME = 7``, ``NAME [7]`` or a bare code."""
    match = WORD_CODE.match(text)
    if match and re.search(r"\d", match.group("code")):
        code = _strong_code(match.group("code"))
        if code is not None:
            return Title(code)
    match = HTTP_PARENTHESISED.match(text)
    if match:
        status = int(match.group("code"))
        return Title(status, name=match.group("text").strip(), http_status=status)
    match = PARENTHESISED.match(text)
    if match:
        parsed = parse_token(match.group("code"))
        label = match.group("text").strip()
        if NOT_CODES.match(match.group("code")):
            parsed = None
        if parsed is not None and (isinstance(parsed.code, int) or re.search(r"\d", parsed.text)):
            if is_identifier_like(label):
                return Title(parsed.code, name=label)
            return Title(parsed.code, message=label)
    title = _bracketed_first(text) or _name_equals(text) or _code_first(text)
    title = title or _bracketed_after(text) or _number_first(text)
    if title is not None:
        return title
    if " " not in text and re.search(r"[0-9_]", text):
        # a bare token needs a digit or "_" (E101, invalid_request); HTTP or FAQ is a heading
        code = _strong_code(text)
        negative = isinstance(code, int) and code < 0 and registry.on(NEGATIVE_RULE)
        if code is not None and (not isinstance(code, int) or len(text) >= 3 or negative):
            return Title(code, name=text if is_identifier_like(text) else None)
    return None


NEGATIVE_RULE = "prose.negative_number_title"
JOINED_RULE = "prose.joined_token_title"


def _joined_token(text: str) -> Title | None:
    """``timeout-error``, ``auth.timeout``: the code of a ``code: text`` line made of joined
    words (kept by the walk only under words about errors: ``needs_error_context``)."""
    if not JOINED_TOKEN.match(text) or NOT_CODES.match(text) or not registry.on(JOINED_RULE):
        return None
    parsed = parse_token(text)
    return Title(parsed.code, rule=JOINED_RULE) if parsed is not None else None


def _is_section_number(code: Code) -> bool:
    return isinstance(code, int) and 0 <= code < MIN_SECTION_NUMBER


def _number_first(text: str) -> Title | None:
    """``404 Not Found``, ``-1001 Invalid key``; ``1000 E_TIMEOUT``: an identifier after the
    code is its name (the message is the text below). The code is typed as codes are
    (``09000`` keeps its zero: a number with a leading zero is text)."""
    match = NUMBER_FIRST.match(text)
    parsed = parse_token(match["code"]) if match else None
    if match is None or parsed is None or _is_section_number(parsed.code):
        return None  # "2 Authentication" is a numbered section
    if isinstance(parsed.code, str) and 0 <= int(parsed.code) < MIN_SECTION_NUMBER:
        return None  # "01 Introduction" too
    label = match["text"].strip()
    rule = "prose.code_then_name"
    if " " not in label and is_identifier_like(label) and registry.on(rule):
        return Title(parsed.code, name=label, rule=rule)
    return Title(parsed.code, message=label)


def _bracketed_after(text: str) -> Title | None:
    """``E_TIMEOUT [1000]``, ``Invalid token [E101]``: a code in square brackets after the
    title (a small number there, ``Setup [1]``, marks a note instead)."""
    match = BRACKETED_AFTER.match(text)
    rule = "prose.bracketed_code_after_title"
    if match is None or not registry.on(rule):
        return None
    parsed = parse_token(match["code"])
    if parsed is None or NOT_CODES.match(match["code"]) or not re.search(r"\d", parsed.text):
        return None
    if _is_section_number(parsed.code):
        return None
    label = match["text"].strip()
    if is_identifier_like(label) and " " not in label:
        return Title(parsed.code, name=label, rule=rule)
    return Title(parsed.code, message=label, rule=rule)


def _bracketed_first(text: str) -> Title | None:
    """``(0) SQLITE_OK``: a bracketed code before a constant's name (a bracketed number
    before plain words, ``(1) Introduction``, numbers a section instead)."""
    match = BRACKETED_FIRST.match(text)
    if match is None or not registry.on("prose.bracketed_code_before_title"):
        return None
    parsed = parse_token(match["code"])
    label = match["text"].strip()
    if parsed is None or NOT_CODES.match(match["code"]) or not re.search(r"\d", parsed.text):
        return None
    rule = "prose.bracketed_code_before_title"
    if is_identifier_like(label) and " " not in label:
        return Title(parsed.code, name=label, rule=rule)
    if not isinstance(parsed.code, int):  # (E101) Invalid token
        return Title(parsed.code, message=label, rule=rule)
    return None


def _named_definition(text: str) -> Title | None:
    """``ERR_AUTH (0x1): Authentication failed.`` (``：`` ``（）`` too): a definition in
    prose; the bracketed value is the code, the constant its name, the rest its text."""
    match = NAMED_DEFINITION.match(text.translate(FULL_WIDTH))
    rule = "prose.named_definition"
    if match is None or not registry.on(rule) or not is_identifier_like(match["name"]):
        return None
    parsed = parse_token(match["code"])
    if parsed is None or NOT_CODES.match(match["code"]) or not re.search(r"\d", parsed.text):
        return None
    message = text[match.start("text") :].strip()
    return Title(parsed.code, name=match["name"], message=message, rule=rule)


def _code_first(text: str) -> Title | None:
    """``E101 Invalid token``: a code then the error's title, no separator between them
    (kept only where the page talks about errors: ``H264 Encoding`` titles a section)."""
    match = CODE_FIRST.match(text)
    if match is None or not registry.on("prose.code_before_title_words"):
        return None
    return Title(match["code"], message=match["text"].strip(), rule="prose.code_before_title_words")


def _name_equals(text: str) -> Title | None:
    """``ERR_TIMEOUT = 7``: a constant assigned its value; the value is the code."""
    match = NAME_EQUALS.match(text)
    if match is None or not registry.on("prose.name_equals_value"):
        return None
    value = match["code"]
    if GROUPED_DIGITS.match(value) and registry.on(GROUPED_RULE):
        value = value.replace("_", "")
    parsed = parse_token(value)
    if parsed is None:
        return None
    return Title(parsed.code, name=match["name"], rule="prose.name_equals_value")


GROUPED_RULE = "prose.grouped_digits_are_one_number"


# "— Function: char * strerror (int errnum)": any declaration line starts a new item
DECLARATION_LINE = lazy(rf"^[\u2014\u2013]+\s*{_KINDS}\s*:\s+\S", re.IGNORECASE)


def is_declaration(text: str) -> bool:
    return bool(DECLARATION_LINE.match(text.strip()))


def declared_name(text: str) -> str | None:
    """The name a declaration line declares (``— Macro: int EPERM`` -> ``EPERM``)."""
    match = DECLARATION.match(" ".join(text.split()))
    return match.group("name") if match else None


def constant_titles(blocks: list[Block]) -> dict[int, tuple[str, int]]:
    """Declarations, declared headings and bold lines naming constants, by block index:
    (name, run number).

    A run is every such line of one section, or consecutive declared headings of one level
    (a deeper heading inside a declaration, ``versionadded``, does not end it). A name with
    a digit or ``_`` stands alone; bare capitals (``EPERM``) and CamelCase names
    (``AccessDeniedException``) only when the run lists at least ``MIN_BARE_RUN`` of them:
    one alone may be a word or a class. Headings that are only lowercase words joined by
    ``-`` or ``.`` (``timeout-error``) form runs the same way: one alone names a command.
    """
    runs: list[list[tuple[int, str]]] = [[]]
    declared_level: int | None = None  # the level of the current run's declared headings
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            name = _declared_heading(block, declared_level)
            if name is not None:
                declared_level = block.level
                runs[-1].append((index, name))
            elif declared_level is None or block.level <= declared_level:
                runs.append([])
                declared_level = None
            continue
        if not isinstance(block, Paragraph):
            continue
        text = " ".join(block.text.split())
        name = declared_name(text)
        if name is None and block.title and (BARE_CONSTANT.match(text) or CAMEL_NAME.match(text)):
            name = text
        if name is not None and (CONSTANT_NAME.match(name) or CAMEL_NAME.match(name)):
            runs[-1].append((index, name))
    found: dict[int, tuple[str, int]] = {}
    for number, run in enumerate(runs):
        for index, name in run:
            strong = bool(re.search(r"[0-9_]", name))
            if strong or len(run) >= MIN_BARE_RUN:
                found[index] = (name, number)
    return found


def _declared_heading(block: Heading, level: int | None) -> str | None:
    """The constant a declared heading names (``.. data:: EPERM``), if it continues the run
    (same level) and the rule that reads declared headings is on."""
    text = block.text.strip()
    if level is not None and block.level != level:
        return None
    if JOINED_TOKEN.match(text) and not NOT_CODES.match(text) and registry.on(JOINED_RULE):
        return text  # "timeout-error", "auth.timeout": headings that are only a code
    if not block.declaration or not registry.on("prose.declared_constant_headings"):
        return None
    return text if CONSTANT_NAME.match(text) or CAMEL_NAME.match(text) else None


# always_false, req_proto_http: a lowercase keyword, an error code only where errors are listed
KEYWORD = lazy(r"^[a-z]+(?:_[a-z]+)+$")


def needs_error_context(title: Title) -> bool:
    """A title that is only a lowercase keyword (``invalid_request`` or ``always_false``):
    configuration and API references title options the same way errors are titled."""
    if title.rule in ("prose.code_before_title_words", JOINED_RULE):
        return True
    return title.message is None and isinstance(title.code, str) and bool(KEYWORD.match(title.code))


def about_errors(texts: list[str]) -> bool:
    """Whether headings or lead-in text talk about errors, codes or status."""
    return bool(CONTEXT_WORDS.search(" ".join(texts)))


def starts_untitled(text: str) -> bool:
    lowered = " ".join(text.split()).lower()
    return any(re.search(pattern, lowered) for pattern in UNTITLED_STARTS)


def is_chrome(text: str) -> bool:
    lowered = " ".join(text.split()).lower()
    return any(re.search(pattern, lowered) for pattern in CHROME)


# X509_ERR_NO_KEY:no key, X509_ERR_NO_KEY, no key: a symbol, then its short text
_SYMBOL_LEAD = lazy(r"^(?P<code>[A-Za-z0-9_]*_[A-Za-z0-9_]*)\s*[:,]\s*(?P<text>\S.*)$")


def _term_title(term: str) -> Title | None:
    title = parse_title(term, heading=True)
    if title is None:
        symbol = _SYMBOL_LEAD.match(" ".join(term.split()))
        if symbol is not None and looks_like_prose(symbol["text"]):
            return Title(symbol["code"], message=symbol["text"])
        # "Returns:", "See Also:": a field label of an API reference, not a code
        token = parse_token(term) if not term.rstrip().endswith(":") else _field_code(term)
        title = Title(token.code) if token is not None else None
    return title


FIELD_RULE = "prose.field_name_colon_is_punctuation"
# timeout-error, E_101, 0x1F: a field name shaped like a code (not a plain word: Returns)
CODE_SHAPED = lazy(r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+$|^-?\d+$|^[A-Za-z]+\d+$")


def _field_code(term: str) -> ParsedCode | None:
    """``timeout-error:``: a field list's name with its colon (Sphinx writes one after every
    field name); the colon is punctuation when the name is shaped like a code."""
    name = term.rstrip().rstrip(":").strip()
    if not CODE_SHAPED.match(name) or NOT_CODES.match(name) or not registry.on(FIELD_RULE):
        return None
    return parse_token(name)


_CODE_LEAD = lazy(r"(?P<code>\S+)\s+[-\u2013\u2014]\s+(?P<text>\S.*)", re.S)


def _names_first(items: DefinitionList) -> tuple[DefinitionList, list[str | None]]:
    """``ESME_RSYSERR - 8 - System error``: when (nearly) every term is an identifier and
    every text starts with a code and a dash, the code is the code and the term its name."""
    split = [_CODE_LEAD.fullmatch(item.text) for item in items.items]
    named = [
        match is not None
        and is_identifier_like(item.term)
        and parse_token(match["code"]) is not None
        and any(char.isdigit() for char in match["code"])
        for item, match in zip(items.items, split)
    ]
    if sum(named) < max(2, 0.8 * len(items.items)):
        return items, [None] * len(items.items)
    rebuilt = [
        Definition(match["code"], match["text"], item.line) if ok and match else item
        for item, match, ok in zip(items.items, split, named)
    ]
    names = [item.term if ok else None for item, ok in zip(items.items, named)]
    return DefinitionList(rebuilt, items.line), names


def joined_definitions(blocks: list[Block]) -> list[tuple[int, Block]]:
    """Blocks with their indexes, consecutive definition lists joined into one.

    Documentation generators (Sphinx, BoostBook) write one ``<dl>`` per documented object;
    lists with nothing between them read as one list, the way they look on the page.
    """
    joined: list[tuple[int, Block]] = []
    for index, block in enumerate(blocks):
        if isinstance(block, DefinitionList) and joined:
            last = joined[-1][1]
            if isinstance(last, DefinitionList):
                joined[-1] = (joined[-1][0], DefinitionList(last.items + block.items, last.line))
                continue
        joined.append((index, block))
    return joined


# "REQUIRED.  The access token ...", "Optional, if ...": a field's definition opens by
# saying whether the field must be sent
REQUIREMENT = lazy(r"^\s*(required|optional|recommended|mandatory)\b[.,:;)]?", re.I)
# two words in a row: a sentence (grammar "response-name *( SP response-name )" has none)
TWO_WORDS = lazy(r"(?:^|\s)[^\W\d_]+[.,;:!?]?\s+[^\W\d_]+(?=[\s.,;:!?)]|$)")


def _not_descriptions(items: DefinitionList) -> Verdict | None:
    """Why the definitions are not descriptions of errors, or None when they may be."""
    total = len(items.items)
    prose = [item for item in items.items if looks_like_prose(item.text)]
    if len(prose) < 0.5 * total:
        # "detail": "{string}" pairs of an example, not explanations
        reason = f"only {len(prose)} of {total} definitions are prose"
        return Verdict("other", reason, "prose.definition_terms_are_codes")
    rule = "prose.requirement_words_are_parameters"
    required = [item for item in items.items if REQUIREMENT.match(item.text)]
    if registry.on(rule) and len(required) >= 0.5 * total:
        reason = f"{len(required)} of {total} definitions say whether the item is required"
        return Verdict("parameter", reason, rule)
    rule = "prose.grammar_is_not_description"
    worded = [item for item in items.items if _reads_as_words(item.text)]
    if registry.on(rule) and len(worded) < 0.5 * total:
        reason = f"only {len(worded)} of {total} definitions have two words in a row (grammar)"
        return Verdict("other", reason, rule)
    return None


def _reads_as_words(text: str) -> bool:
    """Two words in a row, or a run of a script written without spaces (``余额不足``)."""
    return bool(TWO_WORDS.search(text[:2000])) or looks_like_prose(text) and " " not in text


def definition_entries(
    items: DefinitionList,
    context: str,
    where: Callable[[int | None], str],
    warn: Warn,
    in_context: bool = False,
) -> tuple[Verdict, list[RawEntry]]:
    """Entries from a definition list whose terms are codes (verdict ``error``), or none
    and why it is not one; ``in_context``: a hint said its heading names errors."""
    items, names = _names_first(items)
    titles = [_term_title(item.term) for item in items.items]
    found = [title for title in titles if title is not None]
    share = f"{len(found)} of {len(items.items)} terms read as codes"
    rule = "prose.definition_terms_are_codes"
    if not registry.on(rule):
        return Verdict("other", "definition lists are not read (rule off)", rule), []
    if len(items.items) < 2:
        return Verdict("other", "a single item", rule), []
    if len(found) < 0.8 * len(items.items):
        return Verdict("other", f"only {share} (needs 80%)", rule), []
    undescribed = _not_descriptions(items)
    if undescribed is not None:
        return undescribed, []
    strong = any(
        isinstance(t.code, int) or re.search(r"[0-9_]", str(t.code)) or t.message for t in found
    )
    if not strong and not in_context and not CONTEXT_WORDS.search(context):
        return Verdict("other", "terms are plain words and not under an error heading", rule), []
    entries: list[RawEntry] = []
    for item, title, name in zip(items.items, titles, names):
        if title is None:
            warn(f"{where(item.line)}: definition term {item.term!r} is not a code; left out")
            continue
        collected = ProseEntry(title, item.line)
        collected.add(Paragraph(item.text, item.line))
        entry = collected.entry()
        if entry is not None:
            entry.name = name or entry.name
            entries.append(entry)
    return Verdict("error", share, rule), entries


__all__ = [
    "parse_title",
    "declared_name",
    "about_errors",
    "joined_definitions",
    "needs_error_context",
    "is_declaration",
    "constant_titles",
    "starts_untitled",
    "is_chrome",
    "definition_entries",
    "UNTITLED_STARTS",
    "CHROME",
]
