"""Guess a page's format: from its media type, then its file extension, then its content.

Servers often say ``text/plain`` for raw Markdown or reST, so that type only counts when
nothing else does. Content sniffing looks for markup that only one format uses.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from generator.lazyre import lazy

FORMATS = ("html", "markdown", "rst", "asciidoc", "csv", "text", "json", "yaml")

_MEDIA_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/x-rst": "rst",
    "text/prs.fallenstein.rst": "rst",
    "application/json": "json",
    "text/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
    "text/csv": "csv",
    "text/tab-separated-values": "csv",
    "text/asciidoc": "asciidoc",
    "text/x-asciidoc": "asciidoc",
}
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".php": "html",
    ".asp": "html",
    ".aspx": "html",
    ".jsp": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".tsv": "csv",
    ".adoc": "asciidoc",
    ".asciidoc": "asciidoc",
    ".asc": "asciidoc",
}

_HTML = lazy(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
# Every pattern here runs over untrusted page text, so each must be linear: a repeated part
# never scans past the next place another attempt could start ("[^<>]", not "[^>]": 50,000
# "<table " without a ">" took 15 s).
_HTML_TAGS = lazy(r"</?(?:table|tr|td|th|div|p|h[1-6]|ul|li|dl|dt|dd|span|br)\b[^<>]*>", re.I)
_RST = [
    lazy(r"^\.\. [\w:-]+::", re.M),
    lazy(r"^\+(?:-+\+){2,}\s*$", re.M),
    lazy(r"^=+(?: +=+)+\s*$", re.M),
    lazy(r"^(\S.*)\n([=\-~^\"'`#*+])\2{2,}\s*$", re.M),
    lazy(r"``[^`\n]+``|`[^`\n]+`_\b|:\w+:`[^`\n]+`"),
]
_MARKDOWN = [
    lazy(r"^ {0,3}#{1,6} \S", re.M),
    lazy(r"^ {0,3}(?:```|~~~)", re.M),
    lazy(r"\[[^\[\]\n]+\]\([^()\n]+\)"),
    lazy(r"\*\*[^*\n]+\*\*|(?<!\w)__[^_\n]+__(?!\w)"),
    lazy(r"^---\n(?:.*\n)*?---\n", re.M),
]
_ASCIIDOC_TITLE = lazy(r"^={1,2} \S", re.M)
_ASCIIDOC_TABLE = lazy(r"^\|===\s*$", re.M)
_YAML_KEY = lazy(r"^[\w\"'-][^:\n]*:(?:\s|$)", re.M)


def detect_format(text: str, media_type: str | None = None, location: str = "") -> str:
    """One of :data:`FORMATS` for ``text`` served as ``media_type`` from ``location``."""
    kind = (media_type or "").split(";")[0].strip().lower()
    if kind in _MEDIA_TYPES:
        return _MEDIA_TYPES[kind]
    if kind.endswith("+json"):
        return "json"
    if kind.endswith("+yaml"):
        return "yaml"
    extension = _extension(location)
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    return sniff(text)


def _extension(location: str) -> str:
    path = urlsplit(location).path if "://" in location else location
    name = path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def sniff(text: str) -> str:
    """The format ``text`` looks like; ``text`` when nothing stands out."""
    head = text.lstrip("\ufeff \t\r\n")[:200_000]
    if head[:1] in ("{", "["):
        try:
            json.loads(head)
            return "json"
        except (ValueError, RecursionError):  # RecursionError: nested too deep for json
            pass
    if _HTML.search(head[:5000]):
        return "html"
    if _ASCIIDOC_TABLE.search(head) and _ASCIIDOC_TITLE.search(head):
        return "asciidoc"
    rst = sum(1 for pattern in _RST if pattern.search(head))
    markdown = sum(1 for pattern in _MARKDOWN if pattern.search(head))
    if len(_HTML_TAGS.findall(head)) >= 4 and max(rst, markdown) < 2:
        return "html"  # a fragment; Markdown and reST may embed a few tags
    if rst >= 1 and rst > markdown:
        return "rst"
    if markdown >= 1:
        return "markdown"
    if _looks_like_yaml(head):
        return "yaml"
    return "text"


def _looks_like_yaml(text: str) -> bool:
    """Most non-blank, non-comment lines are ``key: value`` or ``- item`` and it parses."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) < 2:
        return False
    shaped = sum(
        1 for line in lines if _YAML_KEY.match(line.strip()) or line.lstrip().startswith("- ")
    )
    if shaped * 10 < len(lines) * 9:
        return False
    import yaml

    from generator.errors import InputError
    from generator.spec.yamlio import StrictLoader, check_events

    try:
        check_events(text, "", max_depth=1000, aliases=True)  # composing deeper would crash
        data = yaml.load(text, Loader=StrictLoader)
    except (yaml.YAMLError, RecursionError, ValueError, InputError):
        return False
    return isinstance(data, (dict, list))
