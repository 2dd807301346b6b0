"""Issue 20, item 11: a --templates template cannot dodge its budgets: loops over one kept
range, a huge power folded at compile time, a huge center() width, and output past the cap
in few pieces each stop within seconds with one line."""

from __future__ import annotations

import time

import pytest

from tests.hostile.helpers import one_line_exit_2
from tests.hostile.test_templates import _generate, _template, one_spec  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    "body, needle",
    [
        (
            "{% set r = range(99999) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}\n",
            "range()",
        ),
        ("{{ 7 ** (10 ** 10) }}\n", "too large"),
        ("{{ 'x' | center(3e9) }}\n", "center"),
        ("{{ 'x' * 10 ** 10 }}\n", "over"),
        (
            "{% set s = 'x' * 10000000 %}{% for i in range(200) %}{{ s }}{% endfor %}\n",
            "MiB",
        ),
    ],
    ids=["kept-range", "power", "center", "repeat", "output"],
)
def test_a_runaway_template_stops_within_seconds(tmp_path, one_spec, body, needle):  # noqa: F811
    started = time.monotonic()
    result = _generate(tmp_path, one_spec, _template(tmp_path, body))
    one_line_exit_2(result, "module.py.j2", needle)
    assert time.monotonic() - started < 60


def test_a_huge_power_in_a_dead_branch_is_not_computed_at_compile_time(
    tmp_path, one_spec
):  # noqa: F811
    body = "{% if false %}{{ 7 ** (10 ** 10) }}{% endif %}x = 1\n"
    started = time.monotonic()
    result = _generate(tmp_path, one_spec, _template(tmp_path, body))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
