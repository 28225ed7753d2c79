"""Validate YAML documents against the schema, entry by entry, keeping each entry's lines.

A file model (``FiguresFile``...) is the one definition of a file's shape. Its list fields
hold the entries; each entry is validated on its own, so one bad entry does not hide the
others, and each valid entry keeps its YAML mapping for the lines of its fields.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from lawgov.dataset.errors import Problem
from lawgov.dataset.yamlio import LineDict, LineList

T = TypeVar("T")

# Keys that name an entry in messages, in order of preference.
_ID_KEYS = ("id", "code", "section", "quote")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A validated entry with its YAML mapping, so later checks can point at its lines."""

    model: T
    node: Any = field(repr=False)
    file: str
    label: str

    def line(self, field: str | None = None, item: int | None = None) -> int | None:
        """Line of ``field`` (of its ``item``-th element) in this entry, else of the entry."""
        node = self.node
        line = getattr(node, "line", None)
        if field is None or not isinstance(node, LineDict):
            return line
        line = node.key_lines.get(field, line)
        value = node.get(field)
        if item is not None and isinstance(value, LineList) and 0 <= item < len(value):
            line = value.item_lines[item]
        return line

    def problem(self, field: str | None, message: str, item: int | None = None) -> Problem:
        return Problem(self.file, self.line(field, item), self.label, field, message)


@dataclass
class Document:
    """A data file after validation: its header model (None if unusable) and its entries."""

    file: str
    header: BaseModel | None
    entries: dict[str, list[Entry[Any]]]
    problems: list[Problem]
    data: Any = field(default=None, repr=False)

    def declared(self, name: str, key: str = "id") -> set[str] | None:
        """The ``key`` of every item of list ``name``, valid or not; None if there is no such list.

        Checks of references use it, so that an entry already reported as invalid, or a
        file that could not be read, does not also produce a flood of "does not exist".
        """
        items = self.data.get(name) if isinstance(self.data, dict) else None
        if not isinstance(items, list):
            return None
        return {str(i[key]) for i in items if isinstance(i, dict) and key in i}

    def key_line(self, key: str) -> int | None:
        """Line of a top-level key, else of the document."""
        if isinstance(self.data, LineDict):
            return self.data.key_lines.get(key, self.data.line)
        return getattr(self.data, "line", None)


@cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def list_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The file model's list fields and their item types: these hold the entries."""
    out = {}
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            out[name] = typing.get_args(info.annotation)[0]
    return out


def _label(node: Any, path: str) -> str:
    if isinstance(node, dict):
        for key in _ID_KEYS:
            value = node.get(key)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value):
                return str(value)
    return path


def _join(parts: list[str | int]) -> str | None:
    text = ""
    for p in parts:
        text += f"[{p}]" if isinstance(p, int) else (f".{p}" if text else str(p))
    return text or None


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unknown field"
    msg = err["msg"].removeprefix("Value error, ")
    msg = msg[:1].lower() + msg[1:]
    value = err.get("input")
    if isinstance(value, (str, int, float, bool)) and kind not in ("union_tag_invalid",):
        shown = repr(value)
        msg += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
    return msg


def locate(doc: Any, loc: tuple[Any, ...], file: str, message: str, file_line: int | None = 1) -> Problem:
    """Turn a pydantic error location into FILE:LINE, the entry's id and the field's path."""
    node, line, entry = doc, getattr(doc, "line", file_line), None
    parts: list[str | int] = []
    for el in loc:
        if isinstance(node, LineDict):
            if el not in node and el == node.get("kind"):
                continue  # pydantic puts the discriminator's value in the path
            parts.append(el)
            line = node.key_lines.get(el, line)
            node = node.get(el)
        elif isinstance(node, LineList) and isinstance(el, int) and 0 <= el < len(node):
            line = node.item_lines[el]
            node = node[el]
            if isinstance(node, dict):
                entry = _label(node, _join([*parts, el]) or f"[{el}]")
                parts = []
            else:
                parts.append(el)
        else:
            parts.append(el)
            node = None
    return Problem(file, line, entry, _join(parts), message)


def _problems(exc: ValidationError, doc: Any, prefix: tuple[Any, ...], file: str) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc += ("kind",)
        out.append(locate(doc, loc, file, _message(err)))
    return out


def validate_entries(
    items: Any, item_type: Any, doc: Any, prefix: tuple[Any, ...], file: str
) -> tuple[list[Entry[Any]], list[Problem]]:
    """Validate each item of a list on its own; return the good entries and every problem."""
    entries, problems = [], []
    adapter = _adapter(item_type)
    for i, item in enumerate(items):
        try:
            model = adapter.validate_python(item)
        except ValidationError as exc:
            problems += _problems(exc, doc, (*prefix, i), file)
            continue
        path = _join([*prefix, i]) or f"[{i}]"
        entries.append(Entry(model, item, file, _label(item, path)))
    return entries, problems


def yaml_type(data: Any) -> str:
    """What a YAML value is, in YAML's words."""
    for tp, name in (
        (dict, "a mapping"),
        (list, "a list"),
        (str, "a string"),
        (bool, "a boolean"),
        ((int, float), "a number"),
    ):
        if isinstance(data, tp):
            return name
    return "nothing" if data is None else f"a {type(data).__name__}"


def validate_document(data: Any, model: type[BaseModel], file: str) -> Document:
    """Validate a mapping-shaped file: its header fields, then each entry of each list field."""
    if not isinstance(data, dict):
        found = yaml_type(data)
        fields = ", ".join(model.model_fields)
        problem = Problem(
            file, getattr(data, "line", 1), None, None, f"expected a mapping with keys {fields}, found {found}"
        )
        return Document(file, None, {}, [problem])
    lists = list_fields(model)
    # The header is the file without its entries; a list field that is not a list stays
    # in, so pydantic reports it.
    shell = {k: ([] if k in lists and isinstance(v, list) else v) for k, v in data.items()}
    problems: list[Problem] = []
    try:
        header = model.model_validate(shell)
    except ValidationError as exc:
        header = None
        problems += _problems(exc, data, (), file)
    entries: dict[str, list[Entry[Any]]] = {}
    for name, item_type in lists.items():
        items = data.get(name)
        found, bad = validate_entries(items if isinstance(items, list) else [], item_type, data, (name,), file)
        entries[name] = found
        problems += bad
    return Document(file, header, entries, problems, data)


def validate_list(data: Any, item_type: Any, file: str) -> Document:
    """Validate a file that is a bare list of entries (``reports.yaml``)."""
    if not isinstance(data, list):
        found = yaml_type(data)
        return Document(
            file,
            None,
            {},
            [Problem(file, getattr(data, "line", 1), None, None, f"expected a list of entries, found {found}")],
        )
    found_entries, problems = validate_entries(data, item_type, data, (), file)
    return Document(file, None, {"": found_entries}, problems, data)
