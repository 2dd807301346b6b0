"""Names never move by themselves: what a committed spec already calls a code stays its name.

Generated code imports these names; a reworded message or heading on the provider's page
must not rename an enum member or a class (``diff`` would call it breaking). So once a
spec is committed, a re-scrape keeps each code's name and each namespace's id; only an
override changes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.spec.model import Code, Namespace, Spec

# a namespace whose heading was reworded is the committed one holding at least this share
# of its codes (of the smaller of the two lists)
SAME_LIST_SHARE = 0.5


def _overlap(codes: set[Code], namespace: Namespace) -> float:
    theirs = {entry.code for entry in namespace.errors}
    smaller = min(len(codes), len(theirs))
    return len(codes & theirs) / smaller if smaller else 0.0


def committed_namespaces(
    lists: list[tuple[str, Iterable[Code]]], previous: Spec | None
) -> list[Namespace | None]:
    """For each scraped list (its id, its codes), the committed namespace it is: the one of
    the same id, else (a reworded heading gives another id) the one no other list is that
    holds most of its codes. Ids are matched first, so that a list keeps its own."""
    if previous is None:
        return [None] * len(lists)
    found: list[Namespace | None] = [previous.namespace(ns_id) for ns_id, _ in lists]
    claimed = {namespace.id for namespace in found if namespace is not None}
    for index, (_, codes) in enumerate(lists):
        if found[index] is not None:
            continue
        wanted = set(codes)
        best: tuple[float, Namespace] | None = None
        for namespace in previous.namespaces:
            share = 0.0 if namespace.id in claimed else _overlap(wanted, namespace)
            if share >= SAME_LIST_SHARE and (best is None or share > best[0]):
                best = (share, namespace)
        if best is not None:
            found[index] = best[1]
            claimed.add(best[1].id)
    return found


def committed_names(namespace: Namespace | None) -> dict[Code, str]:
    """Code -> the name the committed spec gives it."""
    return {} if namespace is None else {entry.code: entry.name for entry in namespace.errors}
