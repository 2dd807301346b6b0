"""black with the pinned mode, made fast on huge enums: runs of member lines formatted apart.

Only the rules of formatting live here; the cache (``formatting``) and the worker process
(``format_worker``) both call ``black_format``, so neither needs the other.
"""

from __future__ import annotations

import re

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
    """black on the module, with the bulky parts set aside and put back afterwards:
    runs of member assignments (formatted in slices) and the bodies of long
    module-level triple-quoted strings (black never changes a string's contents)."""
    lines = text.split("\n")
    runs = [(start, end, "members") for start, end in _assignment_runs(lines)]
    runs += [(start, end, "string") for start, end in _string_bodies(lines)]
    if not runs:
        return _black_text(text, LINE_LENGTH, subject)
    runs.sort()
    skeleton: list[str] = []
    position = 0
    for index, (start, end, _kind) in enumerate(runs):
        skeleton.extend(lines[position:start])
        skeleton.append(_placeholder(index))
        position = end
    skeleton.extend(lines[position:])
    rest = _black_text("\n".join(skeleton), LINE_LENGTH, subject)
    del skeleton
    pieces: list[str] = []  # joined once: a copy of the module per run would cost 20 MB each
    for index, (start, end, kind) in enumerate(runs):
        before, mark, after = rest.partition(_placeholder(index) + "\n")
        if not mark:
            continue  # (black keeps every placeholder; without one, the run is left out)
        pieces.append(before)
        if kind == "members":
            pieces.append(_format_run(lines[start:end], subject))
        else:
            pieces.append("\n".join(lines[start:end]) + "\n")
        rest = after
    del lines
    pieces.append(rest)
    return "".join(pieces)


def _placeholder(index: int) -> str:
    """A line black keeps as it is, both as a class member and inside a string."""
    return f"    SPECTAB_FORMAT_RUN_{index}_ = 0"


_STRING_START = re.compile(r'^[A-Za-z_][A-Za-z0-9_]* = [rR]?"""$')


def _string_bodies(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges inside long ``NAME = r\"\"\"`` ... ``\"\"\"`` strings at module level."""
    bodies: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if _STRING_START.match(lines[index]):
            end = index + 1
            while end < len(lines) and '"""' not in lines[end]:
                end += 1
            if end < len(lines) and lines[end] == '"""' and end - index - 1 >= RUN_MIN_LINES:
                bodies.append((index + 1, end))
            index = end
        index += 1
    return bodies


def _assignment_runs(lines: list[str]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for index, line in enumerate([*lines, ""]):
        simple = _SIMPLE_ASSIGNMENT.match(line) is not None and not line.rstrip().endswith(
            ("\\", "(", "[", "{", ",")
        )
        if simple and start is None:
            start = index
        elif not simple and start is not None:
            if index - start >= RUN_MIN_LINES:
                runs.append((start, index))
            start = None
    return runs


def _format_run(lines: list[str], subject: str) -> str:
    """Dedented slices through black at the narrower width, indented back."""
    out: list[str] = []
    for first in range(0, len(lines), SLICE_LINES):
        piece = lines[first : first + SLICE_LINES]
        if all(_already_black(line) for line in piece):
            out.extend(piece)
            continue
        chunk = "\n".join(line[4:] for line in piece) + "\n"
        formatted = _black_text(chunk, LINE_LENGTH - 4, subject)
        out.extend(f"    {line}" if line else line for line in formatted.split("\n")[:-1])
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
