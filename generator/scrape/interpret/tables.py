"""One table: is it an error list, and what does each row say?

``columns.assign`` gives each column a role; this module decides from the roles and the
cells whether the table lists errors (or describes the error body, or neither), and turns
its rows into entries, reporting every row it cannot use.
"""

from __future__ import annotations

import re
from typing import Callable

from generator.lazyre import lazy
from generator.spec.model import Code, RawEntry, SourceRef
from generator.scrape.cells import cell_shape
from generator.scrape.interpret.codes import (
    ParsedCode,
    clean_message,
    code_reader,
    is_identifier_like,
    looks_like_prose,
    parse_code,
    parse_message_code,
    parse_token,
    starts_with_range,
    unquote,
)
from generator.scrape.interpret.columns import CONTEXT_WORDS, Columns, header_role, token_share
from generator.scrape.interpret.statuses import codes_are_statuses
from generator.scrape.interpret.vocabulary import identifier_words, says_errors, says_failure
from generator.scrape.document import Table
from generator.scrape.interpret import registry
from generator.scrape.interpret.evidence import Evidence, Reading, cite, decide
from generator.scrape.interpret.verdict import Verdict

Warn = Callable[[str], None]
# the rules that weigh a table's readings (rules.yaml)
SETTINGS_RULE = "tables.default_column_lists_settings"
ERROR_RULE = "tables.codes_with_text_list_errors"
# a table no rule spoke for is left out by the decision itself (the walker's table rule)
NOTHING_SPOKE_RULE = "decide.table_lists_errors"
PARAMETER_RULE = "tables.parameter_column"
NAMES_RULE = "tables.names_with_descriptions"
FEW_CODES_RULE = "tables.few_code_cells"
VAGUE_RULE = "tables.vague_code_header_needs_context"
NAMES_FAIL_RULE = "tables.names_say_failures"
# a table needs this many names to tell by its names that it lists failures
MIN_NAMED_FAILURES = 2
REPEATS_RULE = "tables.repeating_codes_map_cases"
OUT_OF_STEP_RULE = "tables.messages_hold_codes"
CLOSE_CALL_RULE = "tables.close_code_call_warns"
STATUS_REPEAT_RULE = "tables.repeating_http_statuses_list_errors"
# a table is keyed by its first column: codes that repeat there head several errors each
KEYED_RULE = "tables.first_column_codes_repeat_per_error"
# codes listed with commas in one cell: one error each, sharing the row's other cells
SIDE_BY_SIDE_RULE = "tables.repeated_header_groups_are_side_by_side"
ENUMERATION_RULE = "tables.zero_based_enumeration_needs_error_words"
CODE_TEXT_RULE = "tables.cells_holding_code_and_text_are_entries"
LISTED_RULE = "tables.comma_listed_codes_are_separate_errors"
Where = Callable[[int | None], str]

# A table needs this share of code-like cells in its code column to be an error table.
MIN_CODE_SHARE = 0.6
# More repeated codes than this share: a "case -> code" usage table, not a list of codes.
MAX_REPEAT_SHARE = 0.34
# the range of HTTP status codes
HTTP_LOW, HTTP_HIGH = 100, 599
# More integers than this share in the message column: the reader's rows are out of step.
MAX_NUMBERS_IN_MESSAGES = 0.3
# an enumeration: at least this many integers from 0, the largest below SPREAD x their count
MIN_ENUMERATION = 3
ENUMERATION_SPREAD = 2
# a grid of "E100 Invalid request." cells: at least this many such cells
MIN_CODE_TEXT_CELLS = 3
# what may stand between a code and its message in one cell ("E001 - text", "E001: text")
CODE_TEXT_SEPARATORS = "-\u2013\u2014: "
# at most this many codes listed in one cell (more is a sentence or a value list, not codes)
MAX_LISTED = 12


# a column name no header word knows (``Response``, ``Outcome``): one to three plain words
_HEADER_WORDS = lazy(r"[A-Za-z][a-z]+(?: [A-Za-z][a-z]+){0,2}\??")


def header_like(row: list[str], extra: dict[str, str]) -> bool:
    """A first row that names columns (``Status code | Response | Description``) when the
    reader saw no header: it names a code column, and its other cells are known header
    words or short plain words, none of them a code in its own right."""
    cells = [cell.strip() for cell in row if cell.strip()]
    roles = [header_role(cell, extra) for cell in cells]
    if not roles or not any(role in ("code", "http_status") for role in roles):
        return False
    for cell, role in zip(cells, roles):
        plain = bool(_HEADER_WORDS.fullmatch(cell))
        if role is None and not plain:
            return False
        if cell.isupper() or (parse_code(cell) is not None and " " not in cell and not plain):
            return False  # ERROR, E100: a row of codes, not of column names
    return True


def table_kind(table: Table, columns: Columns, context: str, warn: Warn, where: Where) -> Verdict:
    """``error``, ``parameter`` (a candidate for the envelope) or ``other``, and why: three
    readings weighed (``other`` first, so a tie leaves the table out)."""
    other, parameter, error = Reading("other"), Reading("parameter"), Reading("error")
    if "setting_default" in columns.others:
        other.evidence += cite(SETTINGS_RULE, "configuration keys: a column of default values")
    if "code" in columns.roles and columns.has_text:
        if "parameter" in columns.others:
            parameter.evidence += cite(PARAMETER_RULE, "parameters table: a parameter column")
        else:
            against, share = _codes_fit(table, columns, context, warn, where)
            error.evidence += cite(ERROR_RULE, share)
            other.evidence += against
    elif ("parameter" in columns.others or "name" in columns.roles) and (
        "description" in columns.roles or "message" in columns.roles
    ):
        parameter.evidence += cite(NAMES_RULE, "parameters table: names with descriptions")
    decision = decide([other, parameter, error])
    best = decision.best
    verdict = Verdict(
        best.label,
        _reason(best, columns),
        decision.rule or NOTHING_SPOKE_RULE,
        decision.margin if decision.margin != float("inf") else None,
        decision.readings,
    )
    if verdict.kind == "error":
        _close_call(table, columns, warn, where)
    return verdict


def _reason(best: Reading, columns: Columns) -> str:
    """The winner's strongest note; a table nothing spoke for says what it lacks."""
    if best.evidence:
        return max(best.evidence, key=lambda item: item.weight).note
    if "code" not in columns.roles:
        return "no code-like column (no code header, no column of code tokens)"
    if not columns.has_text:
        return "no text column (message, description or name)"
    return "no rule read it as an error list"


def _close_call(table: Table, columns: Columns, warn: Warn, where: Where) -> None:
    """The code column won by less than the registered margin: say so once, with the hint
    that settles it."""
    margin = columns.code_margin
    if margin is None or not registry.on(CLOSE_CALL_RULE):
        return
    if margin >= registry.weight(CLOSE_CALL_RULE):
        return
    code = columns.roles["code"]
    others = [r for r in columns.code_readings if r.payload != code]
    if not others:
        return
    runner = int(str(max(others, key=lambda reading: reading.score).payload))
    warn(
        f"{where(table.line)}: column {_named(table, code)} was read as the code over column "
        f"{_named(table, runner)} by a margin of {margin:g} only; if column {runner + 1} holds "
        f"the codes, say so: --columns code={_hint(table, runner)}"
    )


def _named(table: Table, index: int) -> str:
    header = table.header[index].strip() if table.header and index < len(table.header) else ""
    return f"{index + 1} ({header!r})" if header else str(index + 1)


def _hint(table: Table, index: int) -> str:
    header = table.header[index].strip() if table.header and index < len(table.header) else ""
    return f"{header!r}" if header and " " in header else header or str(index + 1)


def _codes_fit(
    table: Table, columns: Columns, context: str, warn: Warn, where: Where
) -> tuple[list[Evidence], str]:
    """Evidence that the code column holds no list of codes (empty when it does), and the
    share of cells that read as codes."""
    index = columns.roles["code"]
    cells = [
        row[index].strip()
        for whole in table.rows
        for row in unstack(whole, index)
        if index < len(row) and row[index].strip()
    ]
    if not cells:
        note = "header only" if not table.rows else "the code column is empty"
        return cite(FEW_CODES_RULE, note), note
    parse = _code_parser(columns, phrases=columns.code_from_header)
    values = [parsed.code for parsed in map(parse, cells) if parsed is not None]
    share = f"{len(values)} of {len(cells)} code cells read as codes"
    if len(values) < MIN_CODE_SHARE * len(cells):
        return cite(FEW_CODES_RULE, f"only {share} (needs {MIN_CODE_SHARE:.0%})"), share
    if (
        columns.weak_code
        and not CONTEXT_WORDS.search(context)
        and not _reason_phrases(table, columns, values)
        and not _names_say_failures(table, columns)
    ):
        note = (
            "vague code header, no heading, caption or lead-in about errors, status or codes, "
            "and no reason phrases beside the codes"
        )
        return cite(VAGUE_RULE, note), share
    repeats = len(values) - len(set(values))
    if (
        len(values) >= 4
        and repeats / len(values) > MAX_REPEAT_SHARE
        and not _status_list(table, columns, values)
        and registry.on(REPEATS_RULE)
    ):
        warn(
            f"{where(table.line)}: table of {len(table.rows)} row(s) left out: {repeats} of "
            f"its {len(values)} codes repeat, so it maps cases to codes rather than listing them"
        )
        note = f"codes repeat ({repeats} of {len(values)}): a usage table, not a list"
        return cite(REPEATS_RULE, note), share
    if registry.on(OUT_OF_STEP_RULE) and _out_of_step(table, columns, warn, where):
        return cite(OUT_OF_STEP_RULE, "the message column holds codes: rows out of step"), share
    if _enumeration(values) and not says_errors([context]) and registry.on(ENUMERATION_RULE):
        note = "small integers counted from 0 under words that name no errors: kinds, not errors"
        warn(f"{where(table.line)}: table of {len(table.rows)} row(s) left out: {note}")
        return cite(ENUMERATION_RULE, note), share
    return [], share


def _enumeration(values: list[Code]) -> bool:
    """``0, 1, 2, 7``: integers counted from 0, few gaps: an enumeration of kinds (opcodes,
    event types), which an error list is only when its words say so."""
    numbers = [value for value in values if isinstance(value, int) and not isinstance(value, bool)]
    return (
        len(values) >= MIN_ENUMERATION
        and len(numbers) == len(values)
        and min(numbers) == 0
        and max(numbers) < ENUMERATION_SPREAD * len(set(numbers))
    )


def _status_list(table: Table, columns: Columns, values: list[Code]) -> bool:
    """Codes that repeat under a header naming HTTP statuses, each row its own text: one
    status answers several errors (a list keyed by status), no case -> code usage table."""
    if not registry.on(STATUS_REPEAT_RULE) or "usage" in columns.others:
        return False
    code = columns.roles["code"]
    statuses = columns.roles.get("http_status") == code and all(
        isinstance(v, int) and HTTP_LOW <= v <= HTTP_HIGH for v in values
    )
    keyed = code == 0 and registry.on(KEYED_RULE)
    if not (statuses or keyed):
        return False
    texts = [" ".join(cell for i, cell in enumerate(row) if i != code) for row in table.rows]
    return len(set(texts)) == len(texts)


def _names_say_failures(table: Table, columns: Columns) -> bool:
    """Most names of the table are named as failures (``ERR_TIMEOUT``, ``ConnectFailed``):
    the values beside them are error codes, whatever the heading says."""
    index = columns.roles.get("name")
    if index is None or not registry.on(NAMES_FAIL_RULE):
        return False
    names = [row[index] for row in table.rows if index < len(row) and row[index].strip()]
    failing = sum(says_failure([identifier_words(name)]) for name in names)
    return len(names) >= MIN_NAMED_FAILURES and failing * 2 > len(names)


def _reason_phrases(table: Table, columns: Columns, values: list[Code]) -> bool:
    """``Value | Description`` rows of 100-599 beside their standard reason phrases are a
    status list whatever the page is called (a registry copied without its title)."""
    text = next((columns.roles[r] for r in ("message", "description") if r in columns.roles), None)
    if text is None or len(values) != len(table.rows):
        return False
    messages = [row[text] if text < len(row) else "" for row in table.rows]
    return codes_are_statuses(values, messages, "")


def unstack(row: list[str], code_col: int) -> list[list[str]]:
    """A row stacking several codes in its code cell, one per line (``E0001<br>E0002``),
    as one row per code. A cell stacked the same way (one message per code) is shared
    out line by line; any other cell belongs to every code."""
    if code_col >= len(row):
        return [row]
    codes = [line for line in row[code_col].split("\n") if line.strip()]
    if len(codes) == 1:
        listed = _listed_codes(codes[0])
        if listed:
            return [
                [code if i == code_col else cell for i, cell in enumerate(row)] for code in listed
            ]
    if len(codes) < 2 or {cell_shape(code) for code in codes} not in ({"number"}, {"code"}):
        return [row]  # "409" over "Conflict" is a code and its name, not two codes
    stacked = [[line for line in cell.split("\n") if line.strip()] for cell in row]
    return [
        [lines[i] if len(lines) == len(codes) else cell for cell, lines in zip(row, stacked)]
        for i in range(len(codes))
    ]


def fold_code_text_cells(table: Table) -> Table:
    """``E100 Invalid request.`` in every cell: each cell holds a code and its message, the
    table is a list laid out in a grid (a first row of such cells is no header). Read as
    ``Code | Message`` rows, row by row, left to right (the page order)."""
    header = table.header or []
    head = [header] if header and all(not c.strip() or _code_text(c) for c in header) else []
    grid = head + table.rows
    lines = ([None] if head else []) + list(table.row_lines)  # the header row has no line
    lines += [None] * (len(grid) - len(lines))
    filled = sum(1 for row in grid for cell in row if cell.strip())
    cells: list[tuple[tuple[str, str] | None, int | None]] = []
    misses = 0
    for row, line in zip(grid, lines):
        for cell in row:
            if cell.strip():
                pair = _code_text(cell)
                misses += pair is None
                cells.append((pair, line))
        if filled - misses < MIN_CODE_SHARE * filled:
            return table  # too few such cells already: the rest need not be read
    pairs = [(pair, line) for pair, line in cells if pair is not None]
    codes = [pair[0] for pair, _ in pairs]
    if (
        len(pairs) < MIN_CODE_TEXT_CELLS
        or len(pairs) < MIN_CODE_SHARE * len(cells)
        or len(set(codes)) < len(codes) * (1 - MAX_REPEAT_SHARE)
        or len({cell_shape(code) for code in codes}) != 1
        or not registry.on(CODE_TEXT_RULE)
    ):
        return table
    rows = [[code, text] for (code, text), _ in pairs]
    row_lines = [line for _, line in pairs]
    return Table(["Code", "Message"], rows, row_lines, table.line, table.caption, table.notes)


def _code_text(cell: str) -> tuple[str, str] | None:
    """``E100 Invalid request`` or ``E001 - encoding failed`` as (code, message), or None."""
    parts = cell.strip().split(None, 1)
    if len(parts) != 2:
        return None
    code, text = parts[0].rstrip(":"), parts[1].lstrip(CODE_TEXT_SEPARATORS).strip()
    if not any(c.isdigit() for c in code) or parse_token(code) is None:
        return None
    return (code, text) if looks_like_prose(text) else None


def fold_side_by_side(table: Table) -> Table:
    """``Code | Message | Code | Message``: a header repeating one group of columns sets
    several entries side by side in each row; read as one group, row by row, left to right
    (the page order), leaving out empty groups."""
    width = _repeat_width(table.header)
    if width is None or not registry.on(SIDE_BY_SIDE_RULE):
        return table
    header = table.header or []
    lines = list(table.row_lines) + [None] * (len(table.rows) - len(table.row_lines))
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    for row, line in zip(table.rows, lines):
        for start in range(0, len(header), width):
            group = (row[start : start + width] + [""] * width)[:width]
            if any(cell.strip() for cell in group):
                rows.append(group)
                row_lines.append(line)
    return Table(header[:width], rows, row_lines, table.line, table.caption, table.notes)


def _repeat_width(header: list[str] | None) -> int | None:
    """The width of the group of columns a header repeats (``A | B | A | B``: 2), or None."""
    if not header:
        return None
    names = [" ".join(cell.lower().split()) for cell in header]
    for width in range(2, len(names) // 2 + 1):
        if len(names) % width == 0 and all(names[:width]) and len(set(names[:width])) == width:
            if all(names[i] == names[i % width] for i in range(len(names))):
                return width
    return None


def _listed_codes(text: str) -> list[str]:
    """``1000, 1007``: codes of one shape listed with commas share the row's meaning, each
    an error of its own (``a or b`` names one error two ways and stays one entry)."""
    if "," not in text or not registry.on(LISTED_RULE):
        return []
    parts = [part.strip() for part in text.split(",")[: MAX_LISTED + 1]]
    if not 2 <= len(parts) <= MAX_LISTED or any(parse_token(part) is None for part in parts):
        return []
    shapes = {cell_shape(unquote(part)) for part in parts}
    return parts if shapes in ({"number"}, {"code"}) else []


def _code_parser(columns: Columns, *, phrases: bool) -> Callable[[str], ParsedCode | None]:
    if columns.codes_are_messages:
        return parse_message_code
    return code_reader(phrases=phrases)


def _out_of_step(table: Table, columns: Columns, warn: Warn, where: Where) -> bool:
    """Integers where the messages should be: the reader's rows are out of step."""
    text_col = next(
        (columns.roles[r] for r in ("message", "name", "description") if r in columns.roles),
        None,
    )
    if text_col is None:
        return False
    cells = [row[text_col].strip() for row in table.rows if text_col < len(row)]
    cells = [cell for cell in cells if cell]
    numbers = [cell for cell in cells if re.fullmatch(r"-?\d+", cell)]
    if len(cells) >= 3 and len(numbers) > MAX_NUMBERS_IN_MESSAGES * len(cells):
        warn(
            f"{where(table.line)}: the message column holds codes "
            f"({', '.join(numbers[:3])}): the table's rows look out of step; table left out"
        )
        return True
    return False


def table_entries(
    table: Table, columns: Columns, headings: str, warn: Warn, where: Where
) -> list[RawEntry]:
    """The entries of an error table; ``headings`` is the text of the headings above it
    (an HTTP heading makes 100-599 codes HTTP statuses)."""
    roles = columns.roles
    code_col = roles["code"]
    http_col = roles.get("http_status")
    code_header = table.header[code_col] if table.header and code_col < len(table.header) else ""
    around = f"{headings} {table.caption or ''} {code_header}"
    code_is_http = http_col == code_col or "http" in around.lower()
    code_cells = [row[code_col] for row in table.rows if code_col < len(row)]
    # a short phrase is a code only in a column of phrases, not among tokens
    phrases = columns.code_from_header and token_share([c for c in code_cells if c.strip()]) < 0.5
    lines = list(table.row_lines) + [None] * (len(table.rows) - len(table.row_lines))
    parse = _code_parser(columns, phrases=phrases)

    entries: list[RawEntry] = []
    http_code = code_reader()
    for number, row, line in _unstacked_rows(table, lines, code_col):
        raw_code = row[code_col] if code_col < len(row) else ""
        texts = [clean_message(c) for c in row]
        if len(texts) > 1 and len(set(texts)) == 1 and _label_like(texts[0]):
            continue  # a group label spanning the row ("Authentication errors")
        name, message, description, solution = (
            _cell(texts, roles, role, code_col) for role in TEXT_COLUMNS
        )
        if not (texts[code_col] if code_col < len(texts) else ""):
            at = _place(where, table, number, line)
            _join_codeless(entries, message or name or description, at, warn)
            continue
        parsed = parse(raw_code)
        if parsed is None:
            what = "a range of codes" if starts_with_range(raw_code) else "not a code"
            warn(f"{_place(where, table, number, line)}: {clean_message(raw_code)!r} is {what}; row left out")
            continue
        if columns.codes_are_messages:
            message = parsed.text
        text, details, name_hint = _row_text(parsed, name, message, description, solution)
        if not text:
            ending = "; the page looks cut off here" if number == len(table.rows) else ""
            warn(f"{_place(where, table, number, line)}: code {parsed.code!r} has no message{ending}; left out")
            continue
        entries.append(
            RawEntry(
                code=parsed.code,
                message=text,
                description=details,
                http_status=_http_status(row, http_col, parsed.code, code_is_http, http_code),
                aliases=list(parsed.aliases),
                source=SourceRef(line=line, row=number),
                name=name_hint,
                category=_category(_cell(texts, roles, "category", code_col)),
            )
        )
    if http_col is None and not code_is_http:
        _statuses_by_list(entries, around)
    return entries


def _place(where: Where, table: Table, number: int, line: int | None) -> str:
    """Where a row is, for a warning (built only when one is said)."""
    return where(line) if line else f"{where(table.line)}: row {number}"


# the row's text columns an entry is made of, in the order table_entries unpacks them
TEXT_COLUMNS = ("name", "message", "description", "solution")


def _cell(texts: list[str], roles: dict[str, int], role: str, code_col: int) -> str:
    """The row's text in the column of ``role`` ("" when none, or when it is the codes')."""
    index = roles.get(role)
    if index is None or index >= len(texts) or index == code_col:
        return ""
    return texts[index]


def _unstacked_rows(
    table: Table, lines: list[int | None], code_col: int
) -> list[tuple[int, list[str], int | None]]:
    """Each row with its 1-based number and line, a cell of stacked codes as one row each."""
    return [
        (number, row, line)
        for number, (whole, line) in enumerate(zip(table.rows, lines), start=1)
        for row in unstack(whole, code_col)
    ]


def _join_codeless(entries: list[RawEntry], text: str, at: str, warn: Warn) -> None:
    """A row with text but no code continues the row above (a cell the page wrapped)."""
    if text and entries:
        entries[-1].message = f"{entries[-1].message} {text}"
        warn(f"{at}: row has no code; its text was joined onto the row above")


def _row_text(
    parsed: ParsedCode, name: str, message: str, description: str, solution: str
) -> tuple[str, str | None, str | None]:
    """A row's message, its details, and the name it gives (an identifier beside a message
    names the entry; it is no message)."""
    name_hint: str | None = None
    if parsed.rest and not name:
        name = parsed.rest  # "404 Not Found" in the code cell
    if (
        name
        and (message or description)
        and (is_identifier_like(name) or message and " " not in name.strip())
    ):
        # PROCESSING_ERROR (or Expired, beside a message) names the entry, it is no message
        name_hint, name = name, ""
    text = message or name or description
    details = description if description and description != text else None
    if solution:
        details = f"{details} Solution: {solution}" if details else f"Solution: {solution}"
    return text, details, name_hint


def _statuses_by_list(entries: list[RawEntry], context: str) -> None:
    """A list of HTTP statuses by its words or its reason phrases: each code is its status."""
    codes = [entry.code for entry in entries]
    if codes_are_statuses(codes, [entry.message for entry in entries], context):
        for entry in entries:
            if entry.http_status is None and isinstance(entry.code, int):
                entry.http_status = entry.code


# a category cell is a few words (``Validation``, ``card error``), not a number or a sentence
_CATEGORY = lazy(r"[^\W\d][\w-]*(?: [^\W\d][\w-]*){0,2}")


def _category(text: str) -> str | None:
    """The row's own category when the cell is words (curation maps them); else none."""
    return text if _CATEGORY.fullmatch(text) else None


def _label_like(text: str) -> bool:
    """A row label such as ``Authentication errors``, not a code such as ``OK`` or ``E1``."""
    if not text:
        return False
    if " " in text:
        return True
    return not (text.isupper() or any(c.isdigit() or c in "_.-" for c in text))


def _http_status(
    row: list[str],
    http_col: int | None,
    code: Code,
    code_is_http: bool,
    parse: Callable[[str], ParsedCode | None],
) -> int | None:
    """The row's HTTP status: its own column, or the code itself in an HTTP status table."""
    if http_col is not None and http_col < len(row):
        words = row[http_col].split()
        parsed = parse(words[0]) if words else None
        value = parsed.code if parsed is not None else None
        if isinstance(value, int) and 100 <= value <= 599:
            return value
    if code_is_http and isinstance(code, int) and 100 <= code <= 599:
        return code
    return None


__all__ = ["header_like", "table_kind", "table_entries", "MIN_CODE_SHARE", "MAX_REPEAT_SHARE"]
