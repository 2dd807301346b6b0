"""Where spectab keeps its caches: one rule for every command.

Imports only ``os`` and ``sys``: the no-change shortcut of ``generate`` needs it before
anything heavy is loaded.
"""

from __future__ import annotations

import os
import sys


def cache_root() -> str:
    """``$SPECTAB_CACHE_DIR``, else the platform's user cache directory.

    On Linux that is the XDG rule, applied here: importing platformdirs takes 18 ms, as
    long as the whole no-change run (a test holds the two equal)."""
    configured = os.environ.get("SPECTAB_CACHE_DIR")
    if configured:
        return configured
    if sys.platform == "linux":
        xdg = os.environ.get("XDG_CACHE_HOME", "")  # only an absolute path counts
        return os.path.join(
            xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "spectab"
        )
    import platformdirs

    return platformdirs.user_cache_dir("spectab")
