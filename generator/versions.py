"""Installed versions of the libraries whose output we cache (black, Jinja).

They belong in every cache key, and must be known without importing the libraries: a run
where nothing changed should not pay black's 60 ms import just to learn its version.
``importlib.metadata`` alone costs about 20 ms to import, so the version is read from the
``<name>-<version>.dist-info`` folder next to the package, where installers put it; only
if that is missing does ``importlib.metadata`` get asked.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.util import find_spec


@lru_cache(maxsize=None)
def installed_version(module: str) -> str:
    """The version of the distribution providing ``module``, or ``"?"`` if not installed."""
    spec = find_spec(module)
    if spec is None or spec.origin is None:
        return "?"
    package_dir = os.path.dirname(spec.origin)
    site_dir = os.path.dirname(package_dir) if spec.submodule_search_locations else package_dir
    prefix = f"{module.lower()}-"
    try:
        names = os.listdir(site_dir)
    except OSError:
        names = []
    for name in names:
        if name.lower().startswith(prefix) and name.endswith(".dist-info"):
            return name[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        return "?"
