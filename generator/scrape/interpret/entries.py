"""One error written as prose, collected paragraph by paragraph until the next title.

Reference pages often label the parts of an entry (``Message``, ``Description``,
``Cause``, ``Solution``) with a bold line or a ``Label:`` prefix: the labelled message is
the message, the other parts describe it. A symbol title (``ERROR_QUOTA``) followed by a
line that is only a number (``13000 (0x32C8)``), or by text that opens with
``Status code (404)``, names an error whose wire value is that number: the symbol is then
its name, kept verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.lazyre import lazy
from generator.scrape.document import Paragraph
from generator.scrape.interpret import registry
from generator.scrape.interpret.codes import first_sentence, is_identifier_like, parse_token
from generator.scrape.interpret.columns import header_role
from generator.spec.model import Code, RawEntry, SourceRef


def _typed(value: str) -> Code:
    """A value typed as codes are: ``013`` keeps its zero (a leading zero is never an integer)."""
    parsed = parse_token(value)
    return parsed.code if parsed is not None else value


@dataclass
class Title:
    """What an error title line says: the code, other wire values, and perhaps a message."""

    code: Code
    aliases: list[Code] = field(default_factory=list)
    message: str | None = None  # None: the first sentence of the text below
    name: str | None = None
    http_status: int | None = None
    rule: str = ""  # the registered rule that read the title ("" for the older readings)


# the roles a label names (as a column header would); other labels only inside labelled entries
LABEL_ROLES = ("message", "description", "solution")
MAX_LABEL_WORDS = 4
_LABEL = lazy(r"^[^\W\d_][\w ()'/-]*$")
# "Message: Access denied." - a label and its text on one line
_LABEL_LINE = lazy(r"^(?P<label>[^\W\d_][\w '/-]{0,40}?)\s*:\s+(?P<text>\S.*)$")
# 13000, 13000 (0x32C8), -4 (0xFFFFFFFC): a line that only gives a symbol's value
NUMBER_LINE = lazy(r"^(?P<code>-?\d+)(?:\s*\(\s*0[xX][0-9A-Fa-f]+\s*\))?$")
# "#define ERROR_QUOTA (-12)", "ERROR_QUOTA = 0x0C": a symbol's declaration giving its value
DECLARED_VALUE = lazy(
    r"^(?:#\s*define\s+(?P<name>[A-Za-z_]\w{0,80})\s+"
    r"|(?:[\w:<>]+\s+){0,4}(?P<name2>[A-Za-z_]\w{0,80})\s*=\s*)"
    r"\(?\s*(?P<value>-?\s?(?:0[xX][0-9A-Fa-f]{1,16}|\d{1,12}))\s*\)?[uUlL]{0,3}\s*[,;]?$"
)
# "Status code (202) indicating ...": the value a symbol's description opens with (not
# "Sent with status code (401)", which may say only how the symbol is sent)
_CODE_IN_TEXT = lazy(r"^(?:[A-Za-z]+\s+)?code\s*\(\s*(?P<code>-?\d+)\s*\)", re.I)


# "HTTP status code 400", "Errors with HTTP 409": a heading naming the status of its errors
@dataclass
class _Part:
    """Paragraphs under one label of an entry."""

    label: str  # "" for text after a one-line label, under no label of its own
    role: str
    texts: list[str] = field(default_factory=list)
    closed: bool = False  # "Message: text" on one line labels that line only

    def text(self) -> str:
        joined = " ".join(self.texts)
        return f"{self.label}: {joined}" if self.label else joined


def symbol_title(title: Title | None) -> str | None:
    """The symbol a title names when it names nothing else (``ERROR_QUOTA``), else None."""
    if title is None or title.message is not None or title.aliases:
        return None
    symbol = str(title.code)
    return symbol if is_identifier_like(symbol) else None


@dataclass
class ProseEntry:
    """An entry being collected: its title and the paragraphs under it."""

    title: Title | None
    line: int | None
    paragraphs: list[str] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    http_status: int | None = None  # the status the section heading gives, if any

    def add(self, paragraph: Paragraph) -> None:
        text = " ".join(paragraph.text.split())
        if not text:
            return
        if self.parts and self.parts[-1].closed:
            self.parts.append(_Part("", "description"))
        if self.parts:
            self.parts[-1].texts.append(text)
        else:
            self.paragraphs.append(text)

    def label(self, paragraph: Paragraph) -> bool:
        """Take ``paragraph`` as a label of this entry's parts, if it is one."""
        text = " ".join(paragraph.text.split())
        words = text.rstrip(":").split()
        whole = (paragraph.title or text.endswith(":")) and 0 < len(words) <= MAX_LABEL_WORDS
        if whole and _LABEL.match(text.rstrip(":").strip()):
            role = header_role(text.rstrip(":"))
            if role in LABEL_ROLES or (self.parts and paragraph.title):
                self.parts.append(_Part(text.rstrip(":").strip(), role or "description"))
                return True
        inline = _LABEL_LINE.match(text)
        if inline and len(inline["label"].split()) <= MAX_LABEL_WORDS:
            role = header_role(inline["label"])
            if role in LABEL_ROLES:
                self.parts.append(_Part(inline["label"], role, [inline["text"]], closed=True))
                return True
        return False

    def numbered(self, paragraph: Paragraph) -> bool:
        """``13000 (0x32C8)`` right under a symbol title: the symbol's wire value; or the
        symbol's declaration (``#define ERROR_QUOTA (-12)``, ``ERROR_QUOTA = 12``)."""
        symbol = symbol_title(self.title)
        text = " ".join(paragraph.text.split())
        if symbol is None or self.paragraphs or self.parts:
            return False
        match = NUMBER_LINE.match(text)
        if match is not None:
            self.title = Title(_typed(match["code"]), name=symbol)
            return True
        declared = DECLARED_VALUE.match(text)
        rule = "entries.declaration_gives_value"
        name = (declared["name"] or declared["name2"]) if declared is not None else None
        if declared is None or name != symbol or not registry.on(rule):
            return False
        value = declared["value"].replace(" ", "")
        code: Code = _typed(value)
        self.title = Title(code, name=symbol, rule=rule)
        return True

    def entry(self) -> RawEntry | None:
        if self.title is None:
            return None
        title = self._stated_code(self.title)
        # a labelled message is the message when nothing unlabelled came before it
        labelled = next((part for part in self.parts if part.role == "message"), None)
        if self.paragraphs or not (labelled and labelled.texts):
            labelled = None
        rest = [part.text() for part in self.parts if part.texts and part is not labelled]
        description = " ".join([*self.paragraphs, *rest]) or None
        message = title.message
        if message is None and labelled is not None:
            message = " ".join(labelled.texts)
        texts = [*self.paragraphs, *(text for part in self.parts for text in part.texts)]
        if message is None and texts:
            message = first_sentence(texts[0])
        if message is None:
            message = title.name or str(title.code)
        if description == message:
            description = None
        return RawEntry(
            code=title.code,
            message=message,
            description=description,
            http_status=title.http_status or self.http_status,
            aliases=list(title.aliases),
            source=SourceRef(line=self.line) if self.line else None,
            name=title.name,
        )

    def _stated_code(self, title: Title) -> Title:
        """``SC_ACCEPTED`` / ``Status code (202) indicating ...``: code 202, named."""
        symbol = symbol_title(title)
        stated = _CODE_IN_TEXT.match(self.paragraphs[0]) if self.paragraphs else None
        if symbol is None or stated is None:
            return title
        return Title(_typed(stated["code"]), name=symbol)


__all__ = ["Title", "ProseEntry", "symbol_title", "NUMBER_LINE", "LABEL_ROLES"]
