"""``python -m generator`` is the ``spectab`` command."""

from .cli import main

raise SystemExit(main())
