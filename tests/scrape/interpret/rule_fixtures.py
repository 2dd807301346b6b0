"""Which shape fixtures read differently with a rule turned off (a contributor's tool).

    .venv/bin/python tests/scrape/interpret/rule_fixtures.py [RULE_ID ...]

With no ids, every registered rule. A rule that changes no fixture needs one (or is dead).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_rule_ablation import GOLDEN_SUFFIXES, SHAPES, reading  # noqa: E402

from generator.scrape.interpret import registry  # noqa: E402


def main(ids: list[str]) -> int:
    pages = sorted(
        path
        for path in SHAPES.iterdir()
        if path.is_file() and not path.name.endswith(GOLDEN_SUFFIXES)
    )
    base = {page: reading(page) for page in pages}
    for rule_id in ids or list(registry.rules()):
        with registry.disabled(rule_id):
            changed = [page.name for page in pages if reading(page) != base[page]]
        print(f"{rule_id}: {', '.join(changed) or 'NO FIXTURE CHANGES'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
