"""YAML reading with positions, and one canonical way of writing.

Specs and overrides are edited by hand and reviewed in diffs, so loading must say
where a problem is (line and column) and writing must be byte-stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from generator.errors import InputError
from generator.spec.yamlemit import Unwritable, Writer

try:  # libyaml is several times faster; both emit the same bytes for our data
    _BaseLoader: Any = yaml.CSafeLoader
    _BaseDumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader
    _BaseDumper = yaml.SafeDumper


def uses_libyaml() -> bool:
    return _BaseLoader is not yaml.SafeLoader


_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_OTHER_PLAIN = {
    "true": "tag:yaml.org,2002:bool",
    "false": "tag:yaml.org,2002:bool",
    "": "tag:yaml.org,2002:null",
    "~": "tag:yaml.org,2002:null",
    "null": "tag:yaml.org,2002:null",
}


class DuplicateKeyError(yaml.YAMLError):
    """Raised by the fast loader so the caller can re-read with positions for the message."""


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """A loader whose plain scalars are never silently retyped.

    YAML 1.1 reads ``007`` as octal 7, ``0x1F`` as 31 and ``yes`` as True; for error
    codes all of those are strings. Only plain decimal integers without leading zeros,
    ``true``/``false`` and ``null``/``~`` get a type; everything else stays a string.
    ``resolve`` is a direct lookup, since PyYAML's generic one dominates load time on
    large specs.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if _PLAIN_INT.match(value):
                    return _INT_TAG
                return _OTHER_PLAIN.get(value, _STR_TAG)
            return _STR_TAG
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            raise DuplicateKeyError("duplicate key")
        return mapping


StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)


Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """Parsed YAML plus where each value (and each mapping key) sits in the file."""

    file: str
    data: Any
    positions: dict[Path_, Position]
    key_positions: dict[Path_, Position]

    def position(self, path: Path_) -> Position:
        """The closest known position for ``path`` (walking up to the parent)."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))

    def key_position(self, path: Path_) -> Position:
        return self.key_positions.get(tuple(path)) or self.position(path)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def read_bytes(path: Path | str) -> bytes:
    """A file's bytes, or an InputError naming the file."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def read_text(path: Path | str) -> str:
    """A file's text as UTF-8, or an InputError naming the file and the bad byte."""
    return decode_utf8(path, read_bytes(path))


def decode_utf8(path: Path | str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1]
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}: {bad!r})") from exc


MAX_DEPTH = 64  # a spec is 6 deep; libyaml's composer recurses in C and crashes near 30,000
MAX_INT_DIGITS = 64  # far beyond any code; Python refuses to read 4,300 digits at all


def check_events(
    text: str | bytes,
    file: str,
    max_depth: int = MAX_DEPTH,
    aliases: bool = False,
    tags: bool = True,
) -> None:
    """Refuse, before anything is composed, what would exhaust the reader: nesting deeper
    than ``max_depth``, aliases (a "billion laughs" file expands to gigabytes; no file
    spectab reads needs them; a reader that bounds expansion itself passes ``aliases``),
    integers too long to convert, and a second document; explicit tags too unless ``tags``."""
    depth = documents = 0
    event: Any
    for event in yaml.parse(text, Loader=StrictLoader):
        kind = type(event)
        if not tags and kind in _TAGGED_EVENTS and _explicit_tag(event):
            raise InputError(
                f"{_at(file, event)}: the YAML tag {_short(event.tag)} is not allowed here "
                "(write the value plainly: 404, 'E404', true)"
            )
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
            if depth > max_depth:
                raise InputError(f"{_at(file, event)}: nested deeper than {max_depth} levels")
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
        elif kind is yaml.AliasEvent and not aliases:
            raise InputError(f"{_at(file, event)}: YAML aliases (*{event.anchor}) are not allowed")
        elif kind is yaml.ScalarEvent:
            if event.implicit[0] and len(event.value) > MAX_INT_DIGITS:
                if _PLAIN_INT.match(event.value):
                    raise InputError(
                        f"{_at(file, event)}: integer of {len(event.value)} characters is too "
                        f"long (at most {MAX_INT_DIGITS})"
                    )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError(
                    f"{_at(file, event)}: a second YAML document; expected exactly one"
                )


_TAGGED_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def _explicit_tag(event: Any) -> bool:
    """Whether the file wrote a tag (``!!float 1``): the value's type is then the tag's, not
    what the text says, so ``code: !!float 404`` would pass as the integer 404.0."""
    if event.tag in (None, "!"):
        return False
    return not (event.implicit[0] if isinstance(event, yaml.ScalarEvent) else event.implicit)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# what YAML refuses to read (PyYAML's reader: C0/C1 controls but tab, newline, CR and NEL)
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unreadable(file: str, text: str | bytes) -> InputError:
    """One positioned line for the character YAML's reader refused (it names an offset)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return InputError(f"{file}: invalid YAML: a character YAML does not allow")
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - text.rfind("\n", 0, found.start())
    return InputError(
        f"{file}:{line}:{column}: control character U+{ord(found.group()):04X} is not allowed "
        "in YAML (remove it, or write it as an escape in a double-quoted string)"
    )


def _at(file: str, event: Any) -> str:
    mark = event.start_mark
    return f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file


class _Unsupported(yaml.YAMLError):
    """Anchors, aliases or explicit tags: left to the full reader (specs never need them)."""


def load_fast(text: str | bytes) -> Any:
    """Data only, no positions: the fast path for files that turn out to be valid.

    Builds the data straight from libyaml's event stream instead of PyYAML's node graph,
    which for a 100k-code spec is several times faster and a fifth of the memory. Raises
    yaml.YAMLError on anything it does not handle (duplicate keys, anchors, explicit
    tags), so the caller can re-read with ``read_yaml`` and say where and what.
    """
    root: list[Any] = []
    # each open container: [container, pending mapping key or _NO_KEY]
    stack: list[list[Any]] = [[root, _NO_KEY]]
    event: Any
    documents = 0
    for event in yaml.parse(text, Loader=StrictLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _Unsupported("tagged or anchored scalar")
            if (
                len(event.value) > MAX_INT_DIGITS
                and event.implicit[0]
                and _PLAIN_INT.match(event.value)
            ):  # an integer too long to read; a long plain message is fine
                raise _Unsupported("long plain integer")
            _add(stack, _scalar(event.value, event.implicit[0]))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or (event.tag is not None and not event.implicit):
                raise _Unsupported("tagged or anchored collection")
            if len(stack) > MAX_DEPTH:
                raise _Unsupported("too deep")
            container: Any = {} if kind is yaml.MappingStartEvent else []
            _add(stack, container)
            stack.append([container, _NO_KEY])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _Unsupported("alias")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unsupported("a second document")
    return root[0] if root else None


_NO_KEY = object()


def _scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if _PLAIN_INT.match(value):
        return int(value)
    tag = _OTHER_PLAIN.get(value)
    if tag is None:
        return value
    return None if tag.endswith("null") else value == "true"


def _add(stack: list[list[Any]], value: Any) -> None:
    frame = stack[-1]
    container = frame[0]
    if type(container) is list:
        container.append(value)
    elif frame[1] is _NO_KEY:
        if isinstance(value, (dict, list)) or value in container:
            raise DuplicateKeyError("duplicate or complex key")
        frame[1] = value
    else:
        container[frame[1]] = value
        frame[1] = _NO_KEY


def read_yaml(path: Path | str, text: str | None = None) -> Document:
    """Parse one YAML document, refusing duplicate keys; positions for every node."""
    file = str(path)
    if text is None:
        text = read_text(path)
    try:
        check_events(text, file, tags=False)
    except yaml.MarkedYAMLError:
        pass  # a syntax error: the loader below says where
    except yaml.reader.ReaderError as exc:
        raise _unreadable(file, text) from exc
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"{file}:1:1: empty document, expected a mapping")
        positions: dict[Path_, Position] = {}
        key_positions: dict[Path_, Position] = {}
        problems: list[str] = []
        _index(node, (), positions, key_positions, problems, file)
        if problems:
            raise InputError("\n".join(problems))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
        raise InputError(f"{where}: invalid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{file}: invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
    return Document(file, data, positions, key_positions)


def _index(
    node: yaml.Node,
    path: Path_,
    positions: dict[Path_, Position],
    key_positions: dict[Path_, Position],
    problems: list[str],
    file: str,
) -> None:
    positions[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key = _scalar_key(key_node)
            where = _mark(key_node)
            if key in seen:
                first = seen[key]
                problems.append(
                    f"{file}:{where.line}:{where.column}: {format_path(path + (key,))}: "
                    f"duplicate key {key!r} (first at line {first.line})"
                )
                continue
            seen[key] = where
            key_positions[path + (key,)] = where
            _index(value_node, path + (key,), positions, key_positions, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), positions, key_positions, problems, file)


def _scalar_key(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    if node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    return node.value


def format_path(path: Path_) -> str:
    """``('namespaces', 0, 'errors', 3, 'code')`` -> ``namespaces[0].errors[3].code``."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


class _CanonicalDumper(_BaseDumper):  # type: ignore[misc]
    """Block style everywhere; strings a YAML 1.1 reader would retype get quoted."""


_DUMP_OPTIONS: dict[str, Any] = dict(allow_unicode=True, width=2**30, indent=2)


def dump_yaml(data: Any) -> str:
    """The canonical text of ``data``: stable key order (as given), block style, no folding.

    The same bytes as ``yaml.dump(data, Dumper=_CanonicalDumper, sort_keys=False,
    default_flow_style=False, ...)`` (property tests hold them equal), written directly as
    text (generator/spec/yamlemit.py); the event emitter below writes only what that
    writer does not cover (keys libyaml writes as complex keys, a scalar document).
    """
    try:
        return Writer(_retypes).document(data)
    except Unwritable:
        return dump_yaml_events(data)


def _retypes(value: str) -> bool:
    """Whether a YAML 1.1 reader would read ``value``, written plain, as another type."""
    resolvers = _IMPLICIT_RESOLVERS.get(value[0] if value else "")
    if resolvers is None and _WILDCARD_RESOLVERS is None:
        return False
    for _tag, regexp in (resolvers or []) + (_WILDCARD_RESOLVERS or []):
        if regexp.match(value):
            return True
    return False


_IMPLICIT_RESOLVERS: dict[Any, list[Any]] = _CanonicalDumper.yaml_implicit_resolvers
_WILDCARD_RESOLVERS: list[Any] | None = _IMPLICIT_RESOLVERS.get(None)


def dump_yaml_events(data: Any) -> str:
    """``dump_yaml`` through libyaml's emitter: the reference the direct writer is tested
    against, and the writer of what it does not cover."""
    resolver = _CanonicalDumper(None)  # only its resolver is used: which plain strings retype
    events: list[Any] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=False)]
    _events(data, events, _scalar_events(resolver.resolve))
    events += [yaml.DocumentEndEvent(explicit=False), yaml.StreamEndEvent()]
    text: str = yaml.emit(events, Dumper=_CanonicalDumper, **_DUMP_OPTIONS)
    return text


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


# the emitter only reads events, so one of each kind serves every place it is needed
_MAPPING_START = yaml.MappingStartEvent(None, None, True, flow_style=False)
_MAPPING_END = yaml.MappingEndEvent()
_SEQUENCE_START = yaml.SequenceStartEvent(None, None, True, flow_style=False)
_SEQUENCE_END = yaml.SequenceEndEvent()


def _events(value: Any, out: list[Any], scalar: Callable[[Any], Any]) -> None:
    """Events for ``value``; scalars inline (not one call each: a big spec has 100k+)."""
    if isinstance(value, dict):
        out.append(_MAPPING_START)
        for key, item in value.items():
            out.append(scalar(key))
            if isinstance(item, (dict, list)):
                _events(item, out, scalar)
            else:
                out.append(scalar(item))
        out.append(_MAPPING_END)
    elif isinstance(value, list):
        out.append(_SEQUENCE_START)
        for item in value:
            if isinstance(item, (dict, list)):
                _events(item, out, scalar)
            else:
                out.append(scalar(item))
        out.append(_SEQUENCE_END)
    else:
        out.append(scalar(value))


def _scalar_events(resolve: Any) -> Callable[[Any], Any]:
    """A maker of scalar events that makes one per distinct value and shares it wherever
    the value repeats (every key, categories, repeated messages): making events was
    most of the time left in writing a large spec."""
    made: dict[tuple[type, Any], Any] = {}

    def scalar(value: Any) -> Any:
        if value is not None and not isinstance(value, (str, int)):
            raise TypeError(f"cannot write {type(value).__name__} in a spec")
        key = (type(value), value)  # True and 1 are equal keys, but not the same scalar
        event = made.get(key)
        if event is None:
            event = made[key] = _scalar_event(value, resolve)
        return event

    return scalar


def _scalar_event(value: str | int | None, resolve: Any) -> Any:
    if isinstance(value, str):
        plain = resolve(yaml.ScalarNode, value, (True, False)) == _STR
        return yaml.ScalarEvent(None, None, (plain, True), value)
    if isinstance(value, bool):
        return yaml.ScalarEvent(None, None, (True, False), "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarEvent(None, None, (True, False), str(value))
    return yaml.ScalarEvent(None, None, (True, False), "null")
