"""The Jinja environment: built-in templates behind user overrides, strict, with escapers.

``--templates DIR`` comes first in a ChoiceLoader, so a user overrides any one template by
putting a file at the same relative path. StrictUndefined turns a typo into an error, and
every render error is reported as ``TEMPLATE:LINE: what`` so it can be fixed in place.
"""

from __future__ import annotations

import hashlib
import io
import os
import traceback
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from generator.errors import InputError

if TYPE_CHECKING:
    import jinja2


class Sink(Protocol):
    """Where rendered bytes go: an in-memory buffer or a staged file."""

    def write(self, data: bytes, /) -> int: ...


class RenderError(InputError):
    """A template failed (syntax or runtime); the message names the template file and line."""


def builtin_templates_dir() -> Path:
    """The built-in templates: ``generator/templates``, which in a checkout is a link to the
    repository's ``templates/`` (shown resolved, so messages name the file to edit) and in
    a wheel a copy; the repository's folder directly where links are not supported."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "python" / "module.py.j2").is_file():
            return candidate.resolve()
    raise InputError(f"built-in templates not found next to {here}; reinstall spectab")


def template_dirs(override: Path | None) -> list[Path]:
    dirs = [builtin_templates_dir()]
    if override is not None:
        if not override.is_dir():
            raise InputError(f"{override}: --templates must be a directory")
        dirs.insert(0, override)
    return dirs


UserRoots = tuple[tuple[str, str], ...]  # (target name, folder) of each user target


def template_files(
    override: Path | None, user_roots: UserRoots = ()
) -> list[tuple[int, Path, Path]]:
    """Every template file that could be used: (precedence, root folder, path). A user's
    folder (``--templates``, a user target's) may hold no link leading out of it."""
    found = []
    roots = [*template_dirs(override), *(Path(folder) for _, folder in user_roots)]
    users = {override, *(Path(folder) for _, folder in user_roots)}
    for index, root in enumerate(roots):
        for path in sorted(root.rglob("*")):
            if root in users:
                confined_template(root, path, folder_ok=True)
            if path.is_file() and not path.name.startswith("."):
                found.append((index, root, path))
    return found


def templates_fingerprint(override: Path | None, user_roots: UserRoots = ()) -> str:
    """sha256 over every template file (and target manifest) that could be used: part of
    the skip-unchanged key."""
    digest = hashlib.sha256()
    for name, _ in user_roots:
        digest.update(f"target {name}\0".encode())
    for index, root, path in template_files(override, user_roots):
        digest.update(f"{index}:{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def make_environment(
    override: Path | None, cache_dir: Path | None = None, user_roots: UserRoots = ()
) -> jinja2.Environment:
    """One compiled environment, reused for every file of a run. ``user_roots``: the
    folders of user targets, each seen as ``<target name>/...`` (so built-in templates render
    without the sandbox unless a user's templates render in the same environment)."""
    import jinja2

    from generator.render import casing
    from generator.render import escape
    from generator.render import viewmodel

    loaders: list[jinja2.BaseLoader] = [
        _confined_loader(path) if path == override else jinja2.FileSystemLoader(str(path))
        for path in template_dirs(override)
    ]
    if user_roots:
        prefixed = {name: _confined_loader(Path(folder)) for name, folder in user_roots}
        loaders.append(jinja2.PrefixLoader(prefixed))
    sandboxed = override is not None or bool(user_roots)
    bytecode_cache = None
    if cache_dir is not None:
        folder = cache_dir / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:  # the cache only saves time
            pass
    # A --templates folder or a user target is user input: sandboxed, so a template cannot
    # reach os.system through an object's attributes, and with a budget on range() so a
    # runaway loop stops.
    # The built-in templates ship with spectab and are trusted code: the sandbox's check on
    # every attribute costs a third of a 30k-code render, so they run without it.
    environment_class = _budgeted_sandbox() if sandboxed else jinja2.Environment
    env = environment_class(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
    )
    env.globals["range"] = _budgeted_range(RANGE_BUDGET)
    env.filters.update(escape.FILTERS)
    env.filters.update(casing.FILTERS)
    if sandboxed:
        env.filters["center"] = _bounded_center
    env.globals["categories"] = viewmodel.CATEGORIES
    env.globals["retries"] = viewmodel.RETRIES
    env.globals["notice"] = viewmodel.NOTICE
    return env


def _confined_loader(root: Path) -> jinja2.BaseLoader:
    """A loader of the --templates folder that refuses a file or folder link leading out of
    it (``{% include %}`` of a link would copy any file into out/) and anything but a
    regular file (a FIFO would hang the render)."""
    import jinja2
    from jinja2.loaders import split_template_path

    class Confined(jinja2.FileSystemLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Any]:
            path = root.joinpath(*split_template_path(template))
            if os.path.lexists(path):
                confined_template(root, path)
            return super().get_source(environment, template)

    return Confined(str(root))


def confined_template(root: Path, path: Path, folder_ok: bool = False) -> None:
    """Refuse ``path`` unless it is a regular file (or, if ``folder_ok``, a folder) whose
    real place is inside ``root``."""
    import stat

    try:
        inside = path.resolve().is_relative_to(root.resolve())
        mode = os.stat(path).st_mode
        regular = stat.S_ISREG(mode) or (folder_ok and stat.S_ISDIR(mode))
    except (OSError, RuntimeError):  # a dangling link, a link loop
        inside = regular = False
    if not inside:
        raise RenderError(f"{_shown(str(path))}: a link leading out of {root}; refused")
    if not regular:
        raise RenderError(f"{_shown(str(path))}: not a regular file; refused")


RANGE_BUDGET = 10_000_000  # numbers all range() calls of a run may make (ours make none)
MAX_OUTPUT = 1 << 30  # bytes one template may write (100k codes of OpenAPI are 50 MB)


def _budgeted_range(budget: int) -> Any:
    """``range`` whose numbers are counted as a loop takes them, not when it is made: a
    range kept in a variable and looped over inside itself costs what it yields."""
    from jinja2.sandbox import safe_range

    left = [budget]

    class Budgeted:
        def __init__(self, numbers: range) -> None:
            self.numbers = numbers

        def __iter__(self) -> Any:
            for start in range(0, len(self.numbers), RANGE_STEP):
                chunk = self.numbers[start : start + RANGE_STEP]
                left[0] -= len(chunk)
                if left[0] < 0:
                    raise RuntimeError(f"templates asked range() for more than {budget} numbers")
                yield from chunk

        def __len__(self) -> int:
            return len(self.numbers)

        def __getitem__(self, index: Any) -> Any:
            return self.numbers[index]

        def __contains__(self, value: object) -> bool:
            return value in self.numbers

    def budgeted(*args: int) -> Budgeted:
        return Budgeted(safe_range(*args))  # safe_range refuses one of over 100,000 numbers

    return budgeted


RANGE_STEP = 1000  # numbers a loop may take from a range between two budget checks
MAX_TEXT = 1 << 24  # characters one expression in a --templates template may build (16 Mi)


def _bounded_center(value: Any, width: int = 80) -> str:
    """``center`` with a width no larger than MAX_TEXT (3e9 would allocate gigabytes)."""
    if not isinstance(width, (int, float)) or width > MAX_TEXT:
        raise RuntimeError(f"center() to a width over {MAX_TEXT} characters")
    return str(value).center(int(width))


def _budgeted_sandbox() -> type[jinja2.Environment]:
    """The sandbox with ``**`` and ``*`` checked when they run, never folded at compile
    time: ``7**(10**10)`` in a dead branch or ``"x" * 10**10`` would take minutes or
    gigabytes before any check."""
    from jinja2.sandbox import SandboxedEnvironment

    class Budgeted(SandboxedEnvironment):
        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(left, int) and isinstance(right, int):
                if abs(left) > 1 and right * max(abs(left).bit_length(), 1) > 8 * MAX_TEXT:
                    raise RuntimeError(f"{left} ** {right} is too large a number")
            if operator == "*" and _size(left, right) > MAX_TEXT:
                raise RuntimeError(f"a value over {MAX_TEXT} items built with *")
            return super().call_binop(context, operator, left, right)

    return Budgeted


def _size(left: Any, right: Any) -> int:
    """How many items ``left * right`` would hold when it repeats a string or list."""
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int):
            return len(seq) * max(count, 0)
    return 0


def _shown(filename: str) -> str:
    """A template path as the user would type it (relative to the working directory)."""
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        return filename
    return filename if relative.startswith("..") else relative


def render(env: jinja2.Environment, name: str, context: dict[str, Any], subject: str) -> str:
    """Render template ``name`` to text (see ``render_utf8``)."""
    return render_utf8(env, name, context, subject).decode("utf-8")


def render_utf8(env: jinja2.Environment, name: str, context: dict[str, Any], subject: str) -> bytes:
    """Render template ``name`` to UTF-8; any failure becomes a RenderError naming
    template and line."""
    out = io.BytesIO()
    render_into(env, name, context, subject, out)
    return out.getvalue()


def render_into(
    env: jinja2.Environment, name: str, context: dict[str, Any], subject: str, sink: Sink
) -> None:
    """``render_utf8`` written to ``sink`` as it comes (a staged file: never whole in memory).

    Pieces are encoded in batches as they come: a 100k-code OpenAPI file is 50M characters,
    and one non-ASCII character makes a Python string of it 2-4 bytes per character.
    """
    import jinja2

    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = _shown(exc.filename or name)
        raise RenderError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name!r} not found") from exc
    try:
        out = sink
        batch: list[str] = []
        written = 0  # characters so far, checked at every piece (one piece may be huge)
        for piece in template.generate(context):
            batch.append(piece)
            written += len(piece)
            if written > MAX_OUTPUT:
                raise RenderError(
                    f"{_shown(template.filename or name)}: wrote more than "
                    f"{MAX_OUTPUT >> 20} MiB for {subject}; a runaway loop?"
                )
            if len(batch) >= 4096:
                _put(out, batch)
                batch.clear()
        _put(out, batch)
    except _WriteFailed as failed:
        raise failed.error from None  # the disk, not the template: the caller names the file
    except RenderError:
        raise
    except jinja2.TemplateSyntaxError as exc:  # an included template
        where = _shown(exc.filename or name)
        raise RenderError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except Exception as exc:
        filename, line = _template_frame(exc, template.filename or name)
        kind = type(exc).__name__
        raise RenderError(
            f"{_shown(filename)}:{line}: {kind}: {exc} (while rendering {subject})"
        ) from exc


class _WriteFailed(Exception):
    def __init__(self, error: OSError) -> None:
        self.error = error


def _put(sink: Sink, batch: list[str]) -> None:
    """Write the batch; a failed write is told apart from an error in the template."""
    try:
        sink.write("".join(batch).encode("utf-8"))
    except OSError as exc:
        raise _WriteFailed(exc) from None


def _template_frame(exc: BaseException, default: str) -> tuple[str, int | str]:
    """The innermost traceback frame inside a template (Jinja maps its lines to the source)."""
    found: tuple[str, int | str] = (default, "?")
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2") and frame.lineno is not None:
            found = (frame.filename, frame.lineno)
    return found


def code_files() -> list[Path]:
    """The generator's own files that generation depends on: its modules and the data
    beside them (the spec schema, rule tables)."""
    package = Path(__file__).resolve().parent.parent
    return sorted(
        path
        for path in package.rglob("*")
        if path.suffix in {".py", ".json", ".yaml"}
        and "templates" not in path.relative_to(package).parts
    )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the generator's own files and the formatter/renderer versions.

    Part of the skip-unchanged key: a new spectab, black or Jinja re-renders everything.
    """
    from generator.versions import installed_version

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in code_files():
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for module in ("black", "jinja2"):
        digest.update(f"{module}={installed_version(module)}\0".encode())
    return digest.hexdigest()
