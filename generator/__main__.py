"""``python -m generator`` is the ``spectab`` command."""

from generator.cli import main

raise SystemExit(main())
