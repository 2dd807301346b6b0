"""The ``select`` hint: read only the parts of an HTML page a CSS selector matches.

cssselect turns the selector into XPath for lxml (the pairing lxml itself documents), so
selectors mean what they mean in a browser. Matches inside another match are read once,
as part of the outer one.
"""

from __future__ import annotations

from typing import Any

from generator.errors import InputError


class SelectError(InputError):
    """The selector is not CSS, or matched no element; the pipeline adds the page's name."""


def select(root: Any, css: str) -> list[Any]:
    """The outermost elements under ``root`` that ``css`` matches, in document order."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        xpath = HTMLTranslator().css_to_xpath(css)
    except SelectorError as exc:
        raise SelectError(f"hint select {css!r} is not a CSS selector ({exc})") from exc
    matched: list[Any] = root.xpath(xpath)
    chosen = set(matched)
    outermost = [
        element
        for element in matched
        if not any(ancestor in chosen for ancestor in element.iterancestors())
    ]
    if not outermost:
        raise SelectError(f"hint select {css!r} matches nothing on the page")
    return outermost


__all__ = ["select", "SelectError"]
