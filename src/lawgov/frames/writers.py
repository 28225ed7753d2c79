"""The bytes of each file of the data package, and reading an exported CSV back.

The same value always gives the same text: two exports of the same data are byte-identical.

- CSV: UTF-8 with a byte-order mark (Excel then opens the Chinese intact on a double click;
  pandas, R, LibreOffice and the frictionless tool skip the mark; Python's ``csv`` module
  needs ``encoding="utf-8-sig"``), comma-separated, "\\n" line ends, lists ';'-joined,
  objects and arrays as JSON text;
- JSON: an array of records, lists and objects as JSON arrays and objects;
- Parquet: pyarrow, zstd, no index, lists as list<string>, the field descriptions as metadata.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
from typing import Any

from lawgov.frames.tableschema import LIST_DELIMITER

PathLike = str | os.PathLike[str] | None
CSV_BOM = "\ufeff"


def _isna(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return not isinstance(v, (list, tuple, dict)) and bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _num(v: float) -> str:
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


def _cell(v: Any, kind: str) -> str:
    """One CSV cell: the same text for the same value, always."""
    if _isna(v):
        return ""
    if kind == "list":
        return LIST_DELIMITER.join(v)
    if kind in ("object", "array"):
        return json.dumps(v, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    if kind == "boolean":
        return "true" if v else "false"
    if kind == "number":
        return _num(v)
    if kind == "integer":
        return str(int(v))
    if kind == "date":
        return v.strftime("%Y-%m-%d")
    return str(v)


def _json_value(v: Any, kind: str) -> Any:
    if kind in ("list", "array", "object"):
        return None if v is None else (list(v) if kind != "object" else v)
    if _isna(v):
        return None
    if kind == "integer":
        return int(v)
    if kind == "number":
        return float(v)
    if kind == "boolean":
        return bool(v)
    if kind == "date":
        return v.strftime("%Y-%m-%d")
    return str(v)


def csv_bytes(df, fields: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([f["name"] for f in fields])
    kinds = [f["type"] for f in fields]
    for row in df.itertuples(index=False, name=None):
        w.writerow([_cell(v, k) for v, k in zip(row, kinds)])
    return (CSV_BOM + buf.getvalue()).encode("utf-8")


def json_bytes(df, fields: list[dict[str, Any]]) -> bytes:
    names = [f["name"] for f in fields]
    kinds = [f["type"] for f in fields]
    records = [
        {n: _json_value(v, k) for n, v, k in zip(names, row, kinds)} for row in df.itertuples(index=False, name=None)
    ]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def parquet_bytes(df, fields: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
        "object": pa.string(),
        "array": pa.string(),
    }
    arrays, schema_fields = [], []
    for f in fields:
        kind = f["type"]
        values = [_json_value(v, kind) for v in df[f["name"]]]
        if kind in ("object", "array"):  # nested, irregular: JSON text, as in the CSV
            values = [None if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values]
        elif kind == "date":
            values = [None if v is None else dt.date.fromisoformat(v) for v in values]
        meta = {"description": f["description"]} | ({"unit": f["unit"]} if "unit" in f else {})
        schema_fields.append(pa.field(f["name"], types[kind], nullable=True, metadata=meta))
        arrays.append(pa.array(values, type=types[kind]))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(schema_fields))
    sink = pa.BufferOutputStream()
    pq.write_table(
        table,
        sink,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        version="2.6",
        store_schema=False,
    )
    return sink.getvalue().to_pybytes()


# --- reading back -----------------------------------------------------------------------


def read_csv(path: PathLike, fields: list[dict[str, Any]]):
    """Read an exported CSV into a DataFrame with the dtypes ``lawgov`` uses.

    Strings -> ``string``, integers -> ``Int64``, numbers -> ``Float64``, booleans -> ``boolean``,
    dates -> datetime, ';'-lists -> lists, JSON objects/arrays -> Python objects, and fields
    with ``categories`` -> ``category`` with those categories in that order.
    """
    import pandas as pd

    kinds = {f["name"]: f for f in fields}
    df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, na_filter=False)
    out = {}
    for name, f in kinds.items():
        col = df[name]
        empty_is_value = f.get("missingValues") == []
        kind = f["type"]
        if kind == "string":
            s = col.astype("string")
            if not empty_is_value:
                s = s.mask(s == "", pd.NA)
            if "categories" in f:
                s = s.astype(object).astype(pd.CategoricalDtype(f["categories"]))
            out[name] = s
        elif kind == "integer":
            out[name] = pd.array([None if v == "" else int(v) for v in col], dtype="Int64")
        elif kind == "number":
            out[name] = pd.array([None if v == "" else float(v) for v in col], dtype="Float64")
        elif kind == "boolean":
            out[name] = pd.array([None if v == "" else v == "true" for v in col], dtype="boolean")
        elif kind == "date":
            out[name] = pd.to_datetime(col.mask(col == "", None), format="%Y-%m-%d")
        elif kind == "list":
            out[name] = pd.Series([[] if v == "" else v.split(LIST_DELIMITER) for v in col], dtype=object)
        else:
            out[name] = pd.Series([None if v == "" else json.loads(v) for v in col], dtype=object)
    return pd.DataFrame(out)
