"""A --templates folder is untrusted: sandboxed, loops bounded, its mistakes one line."""

from __future__ import annotations

import shutil

import pytest

from tests.hostile.helpers import ROOT, one_line_exit_2, run_bounded


@pytest.fixture
def one_spec(tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(ROOT / "specs" / "kaisa.yaml", specs)
    return specs


def _template(tmp_path, body: str):
    folder = tmp_path / "templates" / "python"
    folder.mkdir(parents=True)
    (folder / "module.py.j2").write_text(body)
    return folder.parent


def _generate(tmp_path, specs, templates):
    return run_bounded(
        "generate",
        "--specs",
        str(specs),
        "--out",
        str(tmp_path / "out"),
        "--templates",
        str(templates),
        "--no-cache",
        timeout=300,
    )


def test_template_cannot_reach_os(tmp_path, one_spec):
    marker = tmp_path / "pwned"
    body = "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}\n" "x = 1\n"
    result = _generate(tmp_path, one_spec, _template(tmp_path, body))
    one_line_exit_2(result, "module.py.j2:1", "unsafe")
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_runaway_template_loop_is_stopped(tmp_path, one_spec):
    # 10^10 iterations unbounded; the range() budget stops it after about 10^7
    body = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}\n"
    result = _generate(tmp_path, one_spec, _template(tmp_path, body))
    one_line_exit_2(result, "module.py.j2:1", "range()")


def test_black_parse_error_is_one_line_naming_the_template(tmp_path, one_spec):
    result = _generate(tmp_path, one_spec, _template(tmp_path, "x = (\n"))
    one_line_exit_2(result, "python/module.py.j2", "does not parse", "line 1, column 5")
