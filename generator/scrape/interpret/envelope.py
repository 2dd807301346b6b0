"""The error envelope: parameter tables that describe the error response, not errors.

A page often documents its error body as ordinary parameter tables (``Parameter | Type |
Description``). Such a table describes the envelope when one of its fields is the error
code (its description says so), or when the text above it nests it inside an array
field already found (``... an array of 'error' objects in a property called 'Errors'``).
A wrapper object named in the text above (``wrapped in a 'ResponseStatus' object``)
prefixes the field paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.lazyre import lazy
from generator.spec.model import Envelope, EnvelopeField
from generator.spec.identifiers import slug
from generator.scrape.interpret.codes import clean_message
from generator.scrape.interpret.columns import Columns
from generator.scrape.document import Table
from generator.scrape.interpret.verdict import Verdict

# What a field's description says when the field carries the error code / message.
CODE_FIELD_WORDS = lazy(
    r"\b(error code|error type|type of (the )?error|kind of error|code of the error|"
    r"error identifier|identifies the error|status code|result code|return code)\b",
    re.IGNORECASE,
)
CODE_FIELD_NAMES = frozenset({"errorcode", "error_code", "errcode", "code", "error", "status"})
MESSAGE_FIELD_NAMES = frozenset(
    {"message", "msg", "errormessage", "error_message", "errmsg", "reason", "error_description"}
)
MESSAGE_FIELD_WORDS = lazy(
    r"\b(message (describing|explaining)|human.readable|error message|describing the problem)\b",
    re.IGNORECASE,
)
# "wrapped in a 'ResponseStatus' object", "inside the `error` object"
WRAPPER = lazy(
    r"\b(?:wrapped|contained|nested|returned)?\s*(?:in|inside|within)\s+(?:an?|the)\s+"
    r"[\"'`\u2018\u201c]?([A-Za-z_$][A-Za-z0-9_$]*)[\"'`\u2019\u201d]?\s+object\b",
    re.IGNORECASE,
)
QUOTED_NAME = lazy(r"[\"'`\u2018\u201c]([A-Za-z_$][A-Za-z0-9_$]*)[\"'`\u2019\u201d]")
FIELD_NAME = lazy(r"[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*")
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("array", r"array|list|\[\]"),
    ("object", r"object|dict|map|hash"),
    ("boolean", r"bool"),
    ("integer", r"int|long|short"),
    ("number", r"number|float|double|decimal"),
    ("string", r"str|text|char|enum|date|uuid"),
)


def field_type(text: str) -> str:
    key = text.strip().lower()
    for name, pattern in TYPE_WORDS:
        if re.search(pattern, key):
            return name
    return "string"


@dataclass
class EnvelopeBuilder:
    """Collects envelope fields across the parameter tables of one page."""

    code_field: str | None = None
    message_field: str | None = None
    fields: list[EnvelopeField] = field(default_factory=list)

    def consider(self, table: Table, columns: Columns, context: list[str]) -> Verdict:
        """Take ``table`` into the envelope if it describes the error body; say if it did."""
        name_col = columns.others.get("parameter", columns.roles.get("name"))
        desc_col = columns.roles.get("description", columns.roles.get("message"))
        type_col = columns.others.get("type")
        if name_col is None or desc_col is None:
            return Verdict("other", "parameters table without a name and a description column")
        rows = []
        for row in table.rows:
            name = clean_message(row[name_col]) if name_col < len(row) else ""
            desc = clean_message(row[desc_col]) if desc_col < len(row) else ""
            kind = (
                clean_message(row[type_col]) if type_col is not None and type_col < len(row) else ""
            )
            if FIELD_NAME.fullmatch(name):
                rows.append((name, kind, desc))
        if not rows:
            return Verdict("other", "parameters table whose names are not field names")
        text = " ".join(context)
        prefix = self._nested_prefix(text)
        has_code = any(self._is_code_field(name, desc) for name, _, desc in rows)
        if prefix is None and not has_code:
            return Verdict("other", "parameters table: no field is the error code")
        if prefix is None:
            wrapper = WRAPPER.search(text)
            prefix = wrapper.group(1) if wrapper else ""
        for name, kind, desc in rows:
            path = f"{prefix}.{name}" if prefix else name
            if self.code_field is None and self._is_code_field(name, desc):
                self.code_field = path
            elif self.message_field is None and self._is_message_field(name, desc):
                self.message_field = path
            self.fields.append(EnvelopeField(path, field_type(kind), desc or None))
        where = f"nested under {prefix}" if prefix.endswith("[]") else "a field is the error code"
        return Verdict("envelope", f"parameters table describing the error body ({where})")

    def _nested_prefix(self, text: str) -> str | None:
        """``Errors[]`` when the text names an array field already in the envelope."""
        arrays = [f.path for f in self.fields if f.type == "array"]
        if not arrays:
            return None
        names = QUOTED_NAME.findall(text) + re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", text)
        for wanted in names:
            for path in arrays:
                if path.rsplit(".", 1)[-1] == wanted:
                    return f"{path}[]"
        return None

    @staticmethod
    def _is_code_field(name: str, desc: str) -> bool:
        if CODE_FIELD_WORDS.search(desc):
            return True
        return slug(name).replace("_", "") in {n.replace("_", "") for n in CODE_FIELD_NAMES} and (
            "error" in desc.lower()
        )

    @staticmethod
    def _is_message_field(name: str, desc: str) -> bool:
        key = name.lower()
        return key in MESSAGE_FIELD_NAMES or bool(MESSAGE_FIELD_WORDS.search(desc))

    def result(self) -> Envelope | None:
        if self.code_field is None:
            return None
        return Envelope(self.code_field, self.message_field, None, list(self.fields))


__all__ = ["EnvelopeBuilder", "field_type"]
