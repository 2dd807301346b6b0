"""A logical error list with its ground truth, drawn by seed or by hypothesis.

A page generator starts from what a page *means* (codes as written, messages, names, HTTP
statuses) and renders it; the scrape must give back exactly this list. Codes keep the
text they are written with: only a plain decimal integer (no leading zero, optional
minus) is an integer, so ``007`` and ``0x1A`` stay strings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

from hypothesis import strategies as st

# the kinds of code a list can use (one kind per list, as real pages do)
CODE_KINDS = ("integer", "negative", "leading_zero", "hex", "symbol", "dotted", "kebab")
# languages of messages and header words
LANGS = ("en", "zh", "ja", "ko", "de", "fr", "es", "pt", "ru")
# a decimal integer as a page writes it: what the scrape must type as an int
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
# entries per list: small enough for fast tests, big enough to make a column look like one
MIN_ERRORS, MAX_ERRORS = 3, 7

_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("request", "token", "account", "quota", "payload", "signature", "session",
           "upload", "channel", "invoice", "device", "address", "record", "field"),
    "zh": ("请求", "令牌", "账户", "配额", "签名", "会话", "上传", "设备", "地址", "记录"),
    "ja": ("リクエスト", "トークン", "アカウント", "署名", "セッション", "端末", "住所"),
    "ko": ("요청", "토큰", "계정", "할당량", "서명", "세션", "장치", "주소"),
    "de": ("Anfrage", "Schlüssel", "Konto", "Größe", "Sitzung", "Gerät", "Adresse"),
    "fr": ("requête", "jeton", "compte", "quota", "signature", "session", "appareil"),
    "es": ("solicitud", "token", "cuenta", "cuota", "firma", "sesión", "dirección"),
    "pt": ("requisição", "token", "conta", "cota", "assinatura", "sessão", "endereço"),
    "ru": ("запрос", "токен", "аккаунт", "квота", "подпись", "сессия", "устройство"),
}
_PREDICATES: dict[str, tuple[str, ...]] = {
    "en": ("is invalid", "has expired", "was not found", "is too large", "is locked",
           "could not be verified", "is missing", "was rejected"),
    "zh": ("无效", "已过期", "不存在", "过大", "已锁定", "验证失败"),
    "ja": ("が無効です", "の有効期限が切れました", "が見つかりません", "が大きすぎます"),
    "ko": ("이(가) 잘못되었습니다", "이(가) 만료되었습니다", "을(를) 찾을 수 없습니다"),
    "de": ("ist ungültig", "ist abgelaufen", "wurde nicht gefunden", "ist zu groß"),
    "fr": ("est invalide", "a expiré", "est introuvable", "est trop volumineux"),
    "es": ("no es válido", "ha caducado", "no se encontró", "es demasiado grande"),
    "pt": ("é inválido", "expirou", "não foi encontrado", "é grande demais"),
    "ru": ("недействителен", "истёк", "не найден", "слишком велик"),
}
# punctuation real messages carry; none of it may break a row or end up in a code
_TAILS = ("", "", "", ".", ".", " (see the 'limits' page).", "; retry later.",
          ": \"{id}\" is unknown.", " — contact support & retry.", " (max. 100 %).",
          " (must be <= 64 KB).", " [code 7].", ", e.g. '*' or '?'.")
_SYMBOL_STEMS = ("TIMEOUT", "NOT_FOUND", "DENIED", "EXPIRED", "TOO_LARGE", "LOCKED",
                 "INVALID_TOKEN", "RATE_LIMITED", "BAD_SIGNATURE", "NO_ROUTE", "BUSY",
                 "CONFLICT", "UNAVAILABLE", "MALFORMED")
# kinds of code a symbolic name can stand beside
NUMBERED = ("integer", "negative", "hex", "leading_zero")
# categories pages state in a Type / Category column
CATEGORIES = ("authentication", "validation", "rate_limit", "server", "not_found")
_HTTP = (400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503)


@dataclass(frozen=True)
class Error:
    """One error as the page writes it."""

    written: str  # the code's text on the page
    message: str
    name: str | None = None  # a symbol the page gives beside a numeric code
    http_status: int | None = None
    category: str | None = None  # a category the page states (a Type or Category column)

    @property
    def value(self) -> int | str:
        """The code typed as written: an int only for a plain decimal integer."""
        return int(self.written) if _INTEGER.fullmatch(self.written) else self.written


@dataclass(frozen=True)
class ErrorList:
    """What a page means: one list of errors, the language it is written in."""

    title: str
    kind: str
    lang: str
    errors: tuple[Error, ...]

    @property
    def named(self) -> bool:
        return any(error.name for error in self.errors)

    @property
    def with_status(self) -> bool:
        return any(error.http_status for error in self.errors)


def code_text(kind: str, number: int, stem: str) -> str:
    """The ``number``-th code of a kind, written as pages write that kind."""
    if kind == "integer":
        return str(1000 + number * 7)
    if kind == "negative":
        return str(-(number + 1))
    if kind == "leading_zero":
        return f"{number + 1:03d}"
    if kind == "hex":
        return f"0x{0x1A + number * 3:02X}"
    if kind == "symbol":
        return f"ERR_{stem}"
    if kind == "dotted":
        return f"auth.{stem.lower()}"
    return f"{stem.lower().replace('_', '-')}-error"


def message_text(lang: str, word: str, predicate: str, tail: str) -> str:
    joiner = "" if lang in ("zh", "ja") else " "
    text = f"{word}{joiner}{predicate}"
    text = text[0].upper() + text[1:]
    if tail == ".":
        return text + ("。" if lang in ("zh", "ja") else ".")
    return text + tail.replace("{id}", word)


def _assemble(kind: str, lang: str, picks: list[tuple[int, int, int]], named: bool,
              statuses: list[int] | None, categorised: bool = False) -> ErrorList:
    """Errors from (word, predicate, tail) picks: unique codes, unique messages."""
    words, preds = _WORDS[lang], _PREDICATES[lang]
    stems = [s for s in _SYMBOL_STEMS]
    errors, seen = [], set()
    for number, (w, p, t) in enumerate(picks):
        message = message_text(lang, words[w % len(words)], preds[p % len(preds)], _TAILS[t % len(_TAILS)])
        while message in seen:
            message = message.rstrip(".。") + f" ({number})"
        seen.add(message)
        stem = stems[number % len(stems)] + ("" if number < len(stems) else f"_{number}")
        written = code_text(kind, number, stem)
        name = f"E_{stem}" if named and kind in NUMBERED else None
        status = statuses[number % len(statuses)] if statuses else None
        category = CATEGORIES[(w + p) % len(CATEGORIES)] if categorised else None
        errors.append(Error(written, message, name, status, category))
    return ErrorList(f"{kind.replace('_', ' ').title()} error codes", kind, lang, tuple(errors))


def error_list(seed: int, kind: str | None = None, lang: str = "en", named: bool = False,
               statuses: bool = False, categorised: bool = False) -> ErrorList:
    """A seeded list: the same seed always gives the same page meaning."""
    rng = random.Random(seed)
    kind = kind or rng.choice(CODE_KINDS)
    count = rng.randint(MIN_ERRORS, MAX_ERRORS)
    picks = [(rng.randrange(99), rng.randrange(99), rng.randrange(99)) for _ in range(count)]
    codes = [rng.choice(_HTTP) for _ in range(count)] if statuses else None
    return _assemble(kind, lang, picks, named, codes, categorised)


@st.composite
def error_lists(draw: st.DrawFn, kind: str | None = None, lang: str = "en",
                named: bool = False, statuses: bool = False, categorised: bool = False) -> ErrorList:
    """The same lists as a hypothesis strategy, so a failure shrinks to a short list."""
    kind = kind or draw(st.sampled_from(CODE_KINDS))
    index = st.integers(0, 98)
    picks = draw(st.lists(st.tuples(index, index, index), min_size=MIN_ERRORS, max_size=MAX_ERRORS))
    codes = draw(st.lists(st.sampled_from(_HTTP), min_size=1, max_size=4)) if statuses else None
    return _assemble(kind, lang, picks, named, codes, categorised)


def with_messages(errors: ErrorList, suffix: str) -> ErrorList:
    """The same codes with other messages (a second endpoint's list)."""
    return replace(errors, errors=tuple(replace(e, message=f"{e.message.rstrip('.')} {suffix}") for e in errors.errors))
