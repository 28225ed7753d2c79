"""The documentation of the data format, generated from the code that enforces it.

The "Data and methods" chapter prints these frames, so the schema a reader sees is the
schema the loaders check, and the list of guarantees is the list of rules that run.
"""

from __future__ import annotations

import inspect
import types
import typing

import pandas as pd
from pydantic import BaseModel

from lawgov.dataset import schema

# Each file of data/, the model of its top level, and the model of one entry.
FILES: list[tuple[str, type[BaseModel], str]] = [
    ("reports.yaml", schema.Report, "a list of reports"),
    ("outline/<report>.yaml", schema.OutlineEntry, "sections: English title and tags per parsed heading"),
    ("figures/<report>.yaml", schema.Figure, "figures: every quantitative claim"),
    ("figures/<report>.yaml", schema.Exclusion, "excluded: numerals that are not claims, with the reason"),
    ("relations/<report>.yaml", schema.SumRelation, "relations of kind sum"),
    ("relations/<report>.yaml", schema.RateRelation, "relations of kind rate"),
    ("relations/<report>.yaml", schema.RatioRelation, "relations of kind ratio"),
    ("relations/<report>.yaml", schema.FunnelRelation, "relations of kind funnel"),
    ("relations/<report>.yaml", schema.CompoundRelation, "relations of kind compound"),
    ("relations/<report>.yaml", schema.Interpretation, "one reading of a compound relation"),
    ("glossary.yaml", schema.Term, "terms"),
    ("topics.yaml", schema.Topic, "topics: the controlled vocabulary"),
    ("frameworks.yaml", schema.Framework, "frameworks"),
    ("frameworks.yaml", schema.FrameworkArea, "areas of a framework"),
    ("frameworks.yaml", schema.Mapping, "crosswalk: report section to framework area"),
    ("frameworks.yaml", schema.OutsideFramework, "not_named_by_frameworks"),
]


def _type_name(annotation: typing.Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation) or (typing.Any,)
        return f"list of {_type_name(item)}"
    if annotation is type(None):
        return "null"
    return getattr(annotation, "__name__", str(annotation))


def _constraints(info) -> str:
    out = []
    for m in info.metadata:
        for name in ("pattern", "min_length", "ge", "le"):
            value = getattr(m, name, None)
            if value is not None:
                out.append(f"{name} {value}")
        if m.__class__.__name__ == "AfterValidator":
            out.append(f"checked by {m.func.__name__.lstrip('_')}")
    return "; ".join(out)


def fields(model: type[BaseModel]) -> pd.DataFrame:
    """One row per field of a model: name, type, required, constraints, description."""
    rows = []
    for name, info in model.model_fields.items():
        rows.append(
            {
                "field": name,
                "type": _type_name(info.annotation),
                "required": info.is_required(),
                "constraints": _constraints(info),
                "description": info.description or "",
            }
        )
    return pd.DataFrame(rows)


def rules() -> pd.DataFrame:
    """The cross-file validation rules, in the order they run, with what each guarantees."""
    from lawgov.dataset.rules import RULES

    return pd.DataFrame([{"rule": r.__name__, "guarantees": inspect.getdoc(r) or ""} for r in RULES])


def file_tables():
    """Every file's fields, one table each, as the "Data and methods" page prints them."""
    from IPython.display import HTML

    from lawgov.tables import reference_table

    # each table as the notebook would display it on its own (same CSS priority)
    return HTML(
        "".join(
            reference_table(fields(model), title=f"data/{path}: {what}")._repr_html_() for path, model, what in FILES
        )
    )


def rules_table():
    """The cross-file rules, in the order they run, with what each guarantees."""
    from lawgov.tables import reference_table

    return reference_table(
        rules().rename(columns={"rule": "Rule", "guarantees": "What it guarantees"}),
        title="Cross-file rules, in the order they run",
    )
