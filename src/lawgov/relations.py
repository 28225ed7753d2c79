"""What each kind of relation takes as input, in one place for the checks and the audit."""
from __future__ import annotations

from collections.abc import Iterator

from . import schema

# Field holding figure ids, per relation kind, in reading order.
INPUT_FIELDS: dict[str, tuple[str, ...]] = {
    "sum": ("parts", "whole"),
    "rate": ("stated", "numerator", "denominator"),
    "ratio": ("numerator", "denominator"),
    "funnel": ("stages",),
    "compound": ("changes",),
}


def input_refs(rel: schema.BaseModel) -> Iterator[tuple[str, int | None, str]]:
    """(field, item index or None, figure id) for every figure a relation names."""
    for name in INPUT_FIELDS[rel.kind]:
        value = getattr(rel, name)
        if isinstance(value, list):
            for i, fid in enumerate(value):
                yield name, i, fid
        elif value is not None:
            yield name, None, value


def inputs(rel: schema.BaseModel) -> list[str]:
    """The figure ids a relation names, without repeats, in reading order."""
    return list(dict.fromkeys(fid for _, _, fid in input_refs(rel)))
