"""The Frictionless Table Schema of a frame: its fields' types, titles, descriptions, constraints.

Built from the frame itself (dtypes and values) and the column dictionary
(:mod:`lawgov.frames.columns`): the data package's ``datapackage.json`` and the book's
"Data and downloads" page both describe the tables with it.
"""
from __future__ import annotations

import os
from typing import Any

from lawgov.frames.columns import Resource, meaning, properties, resources

PathLike = str | os.PathLike[str] | None

# Lists are ';'-joined in CSV (Table Schema "list" with this delimiter).
LIST_DELIMITER = ";"


def _kind(series) -> str:
    """The Table Schema type of a column, from its pandas dtype and contents."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dtype) and dtype != object:  # noqa: E721 (a dtype, compared with numpy's object dtype)
        return "string"
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    values = [v for v in series if v is not None]
    if values and all(isinstance(v, dict) for v in values):
        return "object"
    if values and all(isinstance(v, (list, tuple)) for v in values):
        # ';'-joined in CSV only when no item holds a ';' (else a JSON array, which keeps it)
        if all(isinstance(x, str) and LIST_DELIMITER not in x for v in values for x in v):
            return "list"
        return "array"
    if not values or all(isinstance(v, str) for v in values):
        return "string"
    raise TypeError(f"cannot describe column {series.name!r} of dtype {dtype}")


def _title(name: str) -> str:
    words = name.split("_")
    lang = {"en": "English", "zh": "Chinese"}.get(words[-1]) if len(words) > 1 else None
    if lang:
        words = words[:-1]
    text = " ".join(words).replace("n figures", "number of figures")
    text = text[:1].upper() + text[1:]
    return f"{text} ({lang})" if lang else text


def _field(res: Resource, name: str, series, props: dict[str, tuple[dict, bool]]) -> dict[str, Any]:
    import pandas as pd

    kind = _kind(series)
    extra = res.extra.get(name)
    prop, schema_required = props.get(name, ({}, False))
    description = meaning(res, name, props)
    if not description:
        raise ValueError(f"{res.name}.{name}: no description in lawgov.dataset.schema or lawgov.frames.columns")
    desc: dict[str, Any] = {"name": name, "title": (extra and extra.title) or _title(name), "type": kind,
                            "description": description}
    if kind == "list":
        desc |= {"delimiter": LIST_DELIMITER, "itemType": "string"}
    if kind == "date":
        desc["format"] = "%Y-%m-%d"
    if extra and extra.unit:
        desc["unit"] = extra.unit
    constraints: dict[str, Any] = {}
    required = extra.required if extra and extra.required is not None else schema_required
    nulls = bool(series.isna().any()) if kind not in ("list", "array", "object") else any(v is None for v in series)
    if required and not nulls:
        constraints["required"] = True
    if name in res.unique or res.primary_key == [name]:
        constraints["unique"] = True
    if isinstance(series.dtype, pd.CategoricalDtype):
        # Table Schema v2 "categories": the values lawgov treats as categorical, in its order
        desc["categories"] = [str(c) for c in series.cat.categories]
    enum = res.enums.get(name) or prop.get("enum")
    if enum:
        constraints["enum"] = list(enum)
    if kind == "string":
        if "pattern" in prop:
            constraints["pattern"] = prop["pattern"]
        if "minLength" in prop:
            constraints["minLength"] = prop["minLength"]
        # An empty string is a value here (unit_zh of a unitless figure, the preamble's
        # marker), not a missing one: such a column cannot also hold nulls.
        if (series.astype("string") == "").any():
            if nulls:
                raise ValueError(f"{res.name}.{name}: both empty strings and nulls; CSV cannot tell them apart")
            desc["missingValues"] = []
    if kind in ("integer", "number"):
        for key in ("minimum", "maximum"):
            if key in prop:
                constraints[key] = prop[key]
    if constraints:
        desc["constraints"] = constraints
    return desc


def schema_of(res: Resource, df) -> dict[str, Any]:
    """The Table Schema of a resource's frame: fields, primary key, foreign keys."""
    props = properties(res)
    schema: dict[str, Any] = {"fields": [_field(res, c, df[c], props) for c in df.columns],
                              "primaryKey": list(res.primary_key)}
    if res.foreign_keys:
        schema["foreignKeys"] = res.foreign_keys
    return schema


def describe(data_dir: PathLike = None) -> list[dict[str, Any]]:
    """The tables of the package, without writing anything: name, title, description, rows, schema."""
    from lawgov.dataset.location import resolve_data_dir

    root = resolve_data_dir(data_dir)
    out = []
    for res in resources():
        df = res.build(root)
        out.append({"name": res.name, "title": res.title, "description": res.description, "rows": len(df),
                    "schema": schema_of(res, df)})
    return out
