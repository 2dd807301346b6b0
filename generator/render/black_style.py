"""black with the pinned mode, made fast on huge enums: runs of member lines formatted apart.

Only the rules of formatting live here; the cache (``formatting``) and the worker process
(``format_worker``) both call ``black_format``, so neither needs the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.errors import InputError

LINE_LENGTH = 100
MODE_DESCRIPTION = f"line_length={LINE_LENGTH};target=py39;string_normalization;magic_comma"

# A run of one-line assignments (the members of an enum) is formatted apart, in slices,
# then put back: such a line's formatting depends only on itself and its indentation, and
# black on one 100k-member class body takes 30 s and 1 GB. A slice whose every line is
# already in black's style (short, a plain name, an integer or a plain double-quoted
# string) is kept as it is; any other slice goes through black. Tests check both shortcuts
# against whole-file black.
_SIMPLE_ASSIGNMENT = re.compile(r"^( {4})[A-Za-z_][A-Za-z0-9_]* = [^\n]*$")
_BLACK_STABLE = re.compile(r'^    [A-Z][A-Z0-9_]* = (?:-?[1-9][0-9]*|0|"[^"\\]*")$')
RUN_MIN_LINES = 50
SLICE_LINES = 500


def black_format(text: str, subject: str) -> str:
    """``black_pieces`` joined: the whole module as one string."""
    return "".join(black_pieces(text, subject))


def black_pieces(text: str, subject: str) -> Iterator[str]:
    """black on the module, in pieces to write as they come (a 100k-code module is 45 MB
    as a string: no joined copy), with the bulky parts set aside and put back afterwards:
    runs of member assignments (formatted in slices) and the bodies of long module-level
    triple-quoted strings (black never changes a string's contents). The parts are found
    by offsets into ``text``, not in a list of its lines (another 35 MB)."""
    runs = _set_aside(text)
    if not runs:
        yield _black_text(text, LINE_LENGTH, subject)
        return
    skeleton: list[str] = []  # "\n".join of the lines left, each run as a placeholder
    position = 0
    for index, (start, end, _kind) in enumerate(runs):
        if start > position:
            skeleton.append(text[position : start - 1])
        skeleton.append(_placeholder(index))
        position = end
    if position <= len(text):
        skeleton.append(text[position:])
    rest = _black_text("\n".join(skeleton), LINE_LENGTH, subject)
    del skeleton
    for index, (start, end, kind) in enumerate(runs):
        before, mark, after = rest.partition(_placeholder(index) + "\n")
        if not mark:
            continue  # (black keeps every placeholder; without one, the run is left out)
        yield before
        if kind == "members":
            yield from _format_run(text, start, end - 1, subject)
        else:
            for first in range(start, end, _CHUNK):
                yield text[first : min(first + _CHUNK, end)]
        rest = after
    yield rest


_CHUNK = 1 << 20  # characters of a set-aside string body handed on at a time


def _placeholder(index: int) -> str:
    """A line black keeps as it is, both as a class member and inside a string."""
    return f"    SPECTAB_FORMAT_RUN_{index}_ = 0"


_STRING_START = re.compile(r'^[A-Za-z_][A-Za-z0-9_]* = [rR]?"""$')


def _lines(text: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the lines of ``text[start:stop]``, as ``split("\n")`` cuts."""
    stop = len(text) if stop is None else stop
    while True:
        end = text.find("\n", start, stop)
        if end < 0:
            yield start, stop
            return
        yield start, end
        start = end + 1


def _set_aside(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each part to set aside, in order: ``end`` is the offset of
    the line after the part's last (``len(text) + 1`` past the last line). Kinds:
    "members", a run of at least RUN_MIN_LINES one-line assignments; "string", the
    lines inside a long ``NAME = r\"\"\"`` ... ``\"\"\"`` string at module level."""
    runs: list[tuple[int, int, str]] = []
    members = None  # offset of the current run of assignments, and its length in lines
    count = 0
    body = None  # offset of the current string's body, and its length in lines
    body_lines = 0
    for start, end in _lines(text):
        line = text[start:end]
        if body is None:
            if _STRING_START.match(line):
                body, body_lines = end + 1, 0
        elif '"""' in line:
            if line == '"""' and body_lines >= RUN_MIN_LINES:
                runs.append((body, start, "string"))
            body = None
        else:
            body_lines += 1
        simple = _SIMPLE_ASSIGNMENT.match(line) is not None and not line.rstrip().endswith(
            ("\\", "(", "[", "{", ",")
        )
        if simple:
            if members is None:
                members, count = start, 0
            count += 1
        elif members is not None:
            if count >= RUN_MIN_LINES:
                runs.append((members, start, "members"))
            members = None
    if members is not None and count >= RUN_MIN_LINES:
        runs.append((members, len(text) + 1, "members"))
    runs.sort()
    return runs


def _format_run(text: str, start: int, stop: int, subject: str) -> Iterator[str]:
    """The lines of ``text[start:stop]``, as dedented slices through black at the narrower
    width, indented back: one piece per slice."""
    piece: list[str] = []
    for first, end in _lines(text, start, stop):
        piece.append(text[first:end])
        if len(piece) == SLICE_LINES:
            yield _format_slice(piece, subject)
            piece = []
    if piece:
        yield _format_slice(piece, subject)


def _format_slice(piece: list[str], subject: str) -> str:
    if all(_already_black(line) for line in piece):
        return "\n".join(piece) + "\n"
    chunk = "\n".join(line[4:] for line in piece) + "\n"
    formatted = _black_text(chunk, LINE_LENGTH - 4, subject)
    out = [f"    {line}" if line else line for line in formatted.split("\n")[:-1]]
    return "\n".join(out) + "\n"


def _already_black(line: str) -> bool:
    return (
        len(line) <= LINE_LENGTH
        and _BLACK_STABLE.match(line) is not None
        and line.isprintable()
        and line.isascii()
    )


def _black_text(text: str, line_length: int, subject: str) -> str:
    import black
    from black.mode import TargetVersion
    from black.parsing import InvalidInput

    mode = black.Mode(
        target_versions={TargetVersion.PY39},
        line_length=line_length,
        string_normalization=True,
        magic_trailing_comma=True,
    )
    try:
        return black.format_str(text, mode=mode)
    except InvalidInput as exc:
        # black's message runs over three lines (position, source line, caret): keep one
        lines = str(exc).splitlines() or ["cannot parse"]
        where = re.search(r"(\d+):(\d+)\Z", lines[0])
        said = f"generated line {where[1]}, column {where[2]}" if where else lines[0]
        if where and len(lines) > 1:
            said += f": {lines[1].strip()!r}"
        raise InputError(
            f"{subject}: the template produced Python that does not parse ({said}); "
            "fix the template (see --templates)"
        ) from None
