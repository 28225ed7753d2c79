"""YAML loading that remembers lines, so every problem can point at FILE:LINE.

The C loader does the parsing (fast); the Python constructor records, for every mapping,
the line it starts on and the line of each key, and for every sequence the line of each
item. Unreadable bytes, an empty file, a syntax error or a duplicate key become Problems.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML with ``line`` (1-based) and ``key_lines`` {key: line}."""

    line: int
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML with ``line`` and ``item_lines`` (one per item)."""

    line: int
    item_lines: list[int]


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            ) from None
        line = key_node.start_mark.line + 1
        if key in data.key_lines:
            # SafeLoader silently keeps the last duplicate; a data file must not.
            loader.duplicates.append((line, f"duplicate key '{key}' (first at line {data.key_lines[key]})"))
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """The YAML document in ``path`` (None if unusable) and the problems met reading it."""
    try:
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
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(shown_as, line, None, None, f"YAML syntax error: {what}")]
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # e.g. a timestamp like 2012-13-45 that the constructor cannot build
        return None, [Problem(shown_as, None, None, None, f"YAML value error: {exc}")]
    finally:
        loader.dispose()
    problems = [Problem(shown_as, line, None, None, msg) for line, msg in loader.duplicates]
    if data is None:
        problems.append(Problem(shown_as, 1, None, None, "file is empty"))
    return data, problems
