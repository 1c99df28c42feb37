"""YAML parsed exactly, safely and with positions.

`parse_yaml` composes the document (no object construction, so no tag can run code
and unknown local tags such as `!GMPruningModifier` need no registration), then turns
the node graph into plain Python values while:
- counting every node visited, aliases expanded, against a bound (alias bombs);
- bounding nesting depth (composition recursion is caught too);
- recording the line and column (1-based) of every key and value by key path;
- recording duplicate keys, which YAML loaders otherwise overwrite silently.
Mappings carrying a local tag come back as `TaggedMap`, a dict that knows its tag.
Errors come back as `YamlError` values with line and column, never as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from zoolint.diagnostics import KeyPath

try:  # libyaml is much faster on large files; behaviour is the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

DEFAULT_MAX_NODES = 200_000
DEFAULT_MAX_DEPTH = 200

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"


class TaggedMap(dict):  # type: ignore[type-arg]
    """A mapping written with a local tag (`- !GMPruningModifier {...}`)."""

    def __init__(self, tag: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag = tag

    def __repr__(self) -> str:
        return f"TaggedMap({self.tag!r}, {dict.__repr__(self)})"


@dataclass(frozen=True)
class YamlError:
    """Why a YAML document could not be read, and where (1-based)."""

    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class YamlDoc:
    """A parsed document: the value, and where each key and value stands in the text."""

    value: Any
    value_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[KeyPath, int, int]] = field(default_factory=list)
    tags: dict[KeyPath, str] = field(default_factory=dict)

    def locate(self, key_path: KeyPath, prefer_key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the value at `key_path` (of its key, if `prefer_key`),
        falling back to the nearest enclosing node that has a position."""
        path = tuple(key_path)
        while True:
            tables = (
                (self.key_positions, self.value_positions)
                if prefer_key
                else (self.value_positions, self.key_positions)
            )
            for table in tables:
                if path in table:
                    return table[path]
            if not path:
                return None, None
            path = path[:-1]


class _Rejected(Exception):
    """A document we refuse to read (too big, too deep, a second document, an undefined
    alias), with the mark where that was found. Our own exception rather than
    `yaml.MarkedYAMLError`: libyaml's events carry `yaml._yaml.Mark`, which is not the
    `yaml.error.Mark` that error class is declared to take."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


@dataclass
class _Frame:
    """A collection being built while events stream in."""

    value: Any
    path: KeyPath
    anchor: str | None
    size_before: int
    pending_key: Any = None
    has_key: bool = False
    key_mark: Any = None
    merge_key: bool = False
    explicit: set[Any] = field(default_factory=set)


_RESOLVER = yaml.resolver.Resolver()
_MERGE_TAG = _STANDARD_TAG_PREFIX + "merge"
_STR_TAG = _STANDARD_TAG_PREFIX + "str"


def parse_yaml(
    text: str,
    *,
    line_offset: int = 0,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> YamlDoc | YamlError:
    """Parse one YAML document. `line_offset` is added to every line (for frontmatter
    that starts below the top of its file). An empty document parses to None.

    Works on the parser's event stream, iteratively: deep nesting cannot overflow a
    stack, and an alias costs the expanded size of what it names against `max_nodes`,
    so consumers that walk the value (schema validation) are bounded too."""
    builder = _Builder(line_offset, max_nodes, max_depth)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Rejected as exc:
        if exc.mark is None:
            return YamlError(str(exc))
        return YamlError(str(exc), *builder.position(exc.mark))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is None:
            return YamlError(_describe(exc))
        return YamlError(_describe(exc), *builder.position(mark))
    except yaml.reader.ReaderError as exc:
        # The reader reports a character offset, not a mark: place it ourselves.
        line, column = _offset_position(text, exc.position)
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return YamlError(
            f"contains the character U+{character:04X}, which YAML does not allow",
            line + line_offset,
            column,
        )
    except yaml.YAMLError as exc:
        return YamlError(f"invalid YAML: {exc}")
    return builder.doc


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the reader's offset into `text`: libyaml counts
    UTF-8 bytes, the pure-Python reader characters."""
    if _Loader is not yaml.SafeLoader:
        data = text.encode("utf-8")
        offset = max(0, min(offset, len(data)))
        line_start = data.rfind(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        return data.count(b"\n", 0, offset) + 1, column
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return problem


class _Builder:
    """Turns parser events into plain values with positions, within the bounds."""

    def __init__(self, line_offset: int, max_nodes: int, max_depth: int) -> None:
        self.line_offset = line_offset
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.doc = YamlDoc(value=None)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
        self.size = 0
        self.documents = 0

    def position(self, mark: Any) -> tuple[int, int]:
        return mark.line + 1 + self.line_offset, mark.column + 1

    def _count(self, amount: int, mark: Any) -> None:
        self.size += amount
        if self.size > self.max_nodes:
            raise _Rejected(
                f"document expands to more than {self.max_nodes} nodes"
                " (an alias-expansion bomb, or simply too large); it was not read",
                mark,
            )

    def _child_path(self) -> KeyPath | None:
        """Path of the value about to arrive; None when it is a mapping key."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        if not frame.has_key:
            return None
        return (*frame.path, frame.pending_key)

    def feed(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent:  # by far the most common: test it first
            self._scalar_event(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Rejected("expected a single document, found a second one", event.start_mark)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise _Rejected(f"undefined alias {event.anchor!r}", event.start_mark)
            aliased, size = self.anchors[event.anchor]
            self._count(size, event.start_mark)
            self._emit(aliased, event.start_mark, None, is_merge=False)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._count(1, event.start_mark)
            if len(self.stack) >= self.max_depth:
                raise _Rejected(f"nesting is too deep (over {self.max_depth} levels)", event.start_mark)
            path = self._child_path()
            tag = event.tag or ""
            local_tag = bool(tag) and tag != "!" and not tag.startswith(_STANDARD_TAG_PREFIX)
            if isinstance(event, yaml.SequenceStartEvent):
                value: Any = []
            else:
                value = TaggedMap(tag) if local_tag else {}
            if path is not None:
                self.doc.value_positions.setdefault(path, self.position(event.start_mark))
                if local_tag:
                    self.doc.tags.setdefault(path, tag)
            self.stack.append(_Frame(value, path if path is not None else (), event.anchor, self.size))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.value, self.size - frame.size_before + 1)
            self._emit(frame.value, event.start_mark, None, is_merge=False, placed=True)

    def _scalar_event(self, event: yaml.ScalarEvent) -> None:
        self._count(1, event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            if event.style and event.implicit[1]:  # quoted: always a string
                tag = _STR_TAG
            else:
                tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        value = event.value if tag == _STR_TAG else _scalar(tag, event.value, event.style)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._emit(value, event.start_mark, tag, is_merge=tag == _MERGE_TAG)

    def _emit(self, value: Any, mark: Any, tag: str | None, is_merge: bool, placed: bool = False) -> None:
        """Attach a finished value to its parent (or make it the document)."""
        if not self.stack:
            self.doc.value = value
            if not placed:
                self.doc.value_positions.setdefault((), self.position(mark))
            return
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            path = (*frame.path, len(frame.value))
            if not placed:
                self.doc.value_positions.setdefault(path, self.position(mark))
            frame.value.append(value)
            return
        if not frame.has_key:
            if isinstance(value, (dict, list)):
                value = str(value)
            frame.pending_key, frame.has_key, frame.key_mark = value, True, mark
            frame.merge_key = is_merge
            return
        key = frame.pending_key
        frame.has_key = False
        if frame.merge_key:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if isinstance(source, dict):
                    for merged_key, merged_value in source.items():
                        if merged_key not in frame.explicit:
                            frame.value[merged_key] = merged_value
            return
        path = (*frame.path, key)
        if key in frame.explicit:
            self.doc.duplicate_keys.append((path, *self.position(frame.key_mark)))
        frame.explicit.add(key)
        self.doc.key_positions[path] = self.position(frame.key_mark)
        if not placed:
            self.doc.value_positions.setdefault(path, self.position(mark))
        frame.value[key] = value


_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")
_CONSTRUCTED_TAGS = {
    _STANDARD_TAG_PREFIX + name: name for name in ("int", "float", "bool", "null")
}


def _scalar(tag: str, text: str, style: str | None) -> Any:
    """Numbers, booleans and nulls as Python values; everything else as written
    (timestamps stay text: a card's dates and versions are strings to us)."""
    if tag not in _CONSTRUCTED_TAGS:
        return text
    node = yaml.ScalarNode(tag, text, style=style)
    try:
        return _SCALAR_CONSTRUCTOR.construct_object(node, deep=False)
    except (yaml.YAMLError, ValueError, OverflowError):
        return text
