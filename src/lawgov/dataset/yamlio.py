"""YAML loading that remembers lines, so every problem can point at FILE:LINE.

The C loader does the parsing (fast); the Python constructor records, for every mapping,
the line it starts on and the line of each key, and for every sequence the line of each
item. Unreadable bytes, an empty file, a syntax error or a duplicate key become Problems.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lawgov.dataset.errors import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML with ``line`` (1-based) and ``key_lines`` {key: line}."""

    line: int
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML with ``line`` and ``item_lines`` (one per item)."""

    line: int
    item_lines: list[int]


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BUILDING = object()  # marks a collection whose items are being built
# No data file comes near this; a bigger one is a mistake (a dump, a wrong file) that
# would take long to parse and much memory: refuse it at once.
MAX_BYTES = 8 * 1024 * 1024


class _ValueAt(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


def _add_key(loader: _LineLoader, data: LineDict, key: Any, key_node: yaml.Node) -> None:
    """Record a key's line in a mapping being built, before its value: as PyYAML does, an
    unhashable key is an error; a duplicate is recorded (SafeLoader silently keeps the last
    duplicate; a data file must not)."""
    try:
        hash(key)
    except TypeError:
        raise yaml.constructor.ConstructorError(None, None, "found an unhashable key", key_node.start_mark) from None
    line = key_node.start_mark.line + 1
    if key in data.key_lines:
        loader.duplicates.append((line, f"duplicate key '{key}' (first at line {data.key_lines[key]})"))
    data.key_lines[key] = line


def _build(loader: _LineLoader, node: yaml.Node, made: dict[int, Any]) -> Any:
    """The Python object for ``node``, recording lines (a direct walk of the node tree:
    a few times faster than PyYAML's generic, generator-based construction)."""
    key = id(node)
    if key in made:  # an alias: the same object, as PyYAML makes it
        done = made[key]
        if done is _BUILDING:  # PyYAML's own rule (deep construction)
            raise yaml.constructor.ConstructorError(
                None, None, "found unconstructable recursive node", node.start_mark
            )
        return done
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if tag == _MAP and type(node) is yaml.MappingNode:
        made[key] = _BUILDING
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            name = _build(loader, key_node, made)
            _add_key(loader, data, name, key_node)
            data[name] = _build(loader, value_node, made)
        made[key] = data
        return data
    if tag == _SEQ and type(node) is yaml.SequenceNode:
        made[key] = _BUILDING
        items = LineList()
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        items.extend(_build(loader, child, made) for child in node.value)
        made[key] = items
        return items
    # int, float, bool, null, timestamp, binary; !!set, !!omap, !!pairs or an unknown
    # tag: PyYAML's own constructors (and errors)
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. a timestamp like 2012-13-45 that the constructor cannot build: keep its line
        raise _ValueAt(f"{exc} (in {node.value!r})" if isinstance(node.value, str) else str(exc), node.start_mark.line + 1) from None
    made[key] = value
    return value


# PyYAML's generic construction, reached only from inside a node _build leaves to PyYAML
# (!!omap, !!set, !!pairs): the same LineDict/LineList, built the slow way.
def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _add_key(loader, data, key, key_node)
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_LineLoader.add_constructor(_MAP, _construct_map)
_LineLoader.add_constructor(_SEQ, _construct_seq)


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """The YAML document in ``path`` (None if unusable) and the problems met reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(shown_as, None, None, None, f"file too large: {size / 2**20:.1f} MB (a data file may hold at most {MAX_BYTES // 2**20} MB)")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown_as, None, None, None, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(shown_as, line, None, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(loader, node, {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):
            line = text.count("\n", 0, exc.position) + 1  # a character YAML refuses
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(shown_as, line, None, None, f"YAML syntax error: {what}")]
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # e.g. a timestamp like 2012-13-45 that the constructor cannot build
        return None, [Problem(shown_as, getattr(exc, "line", None), None, None, f"YAML value error: {exc}")]
    finally:
        loader.dispose()
    problems = [Problem(shown_as, line, None, None, msg) for line, msg in loader.duplicates]
    if data is None:
        problems.append(Problem(shown_as, 1, None, None, "file is empty"))
    return data, problems
