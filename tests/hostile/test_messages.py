"""Page text in messages reaches the terminal escaped; a stdout that is not UTF-8 works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, strategies as st

from generator.report import printable, warn
from tests.hostile.helpers import one_line_exit_2

EXE = str(Path(sys.executable).with_name("spectab"))
ESCAPES = "\x1b]0;pwned\x07\x1b[31m\x1b[2J\x9b\u202e"
CONTROLS = "\x1b\x07\x9b\u202e\r\x00"


def test_headers_seen_are_escaped(tmp_path, spectab):
    page = tmp_path / "page.md"
    page.write_text(f"# Errors\n\n| Na{ESCAPES}me | Type |\n|---|---|\n| a | b |\n")
    line = one_line_exit_2(spectab("scrape", str(page), "--id", "x"), "headers seen")
    assert not any(char in line for char in CONTROLS), repr(line)
    assert "\\x1b]0;pwned\\x07" in line


def test_warnings_are_escaped(capsys):
    warn(f"page.md:3: {ESCAPES}\r\x00 left out")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("left out\n")
    assert not any(char in err for char in CONTROLS), repr(err)


@given(st.text())
def test_printable_keeps_text_and_drops_controls(text):
    shown = printable(text)
    assert all(
        char == "\n" or char.isprintable() or char == " " or char > "\u009f" for char in shown
    )
    assert not any(char in shown for char in CONTROLS)
    if all(char.isprintable() or char == "\n" for char in text) and not any(
        char in text
        for char in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ):
        assert shown == text


def _run(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG")}
    env.update(env_extra)
    return subprocess.run([EXE, *args], capture_output=True, env=env, timeout=300)


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "page.md"
    page.write_text("# Errors\n\n| Code | Message |\n|---|---|\n| E1 | Café fermé — 東京 |\n")
    return page


def test_ascii_stdout_escapes_instead_of_crashing(tmp_path):
    result = _run({"PYTHONIOENCODING": "ascii"}, "scrape", str(_page(tmp_path)), "--id", "x")
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    result.stdout.decode("ascii")  # nothing but ASCII reached it
    assert b"Caf\\xe9" in result.stdout


def test_posix_locale_works(tmp_path):
    result = _run(
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
        "scrape",
        str(_page(tmp_path)),
        "--id",
        "x",
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
