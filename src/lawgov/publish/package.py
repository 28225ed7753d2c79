"""``lawgov export DIR``: the dataset as a Frictionless data package (CSV, JSON, Parquet).

Layout of DIR (every file deterministic: two runs over the same data give the same bytes)::

    datapackage.json            Frictionless descriptor: every resource and field described
    README.md                   what the package is, its licence, how to open the CSV files
    LICENSE-DATA.md             CC BY 4.0 and the status of the source document
    csv/<resource>.csv          UTF-8 with BOM, comma-separated, "\\n" line ends, lists ';'-joined
    json/<resource>.json        an array of records; lists and objects as JSON arrays/objects
    parquet/<resource>.parquet  pyarrow, zstd, no index; lists as list<string>
    sources/<report>.txt        the verbatim page capture every quote and offset refers to
    chapters/figures-part-<N>.csv   the figures of one part of the report (the book's chapters)

The CSV files carry a UTF-8 byte-order mark: Excel (Windows and macOS) then opens them with
the Chinese intact on a double click, while pandas, R (readr, data.table), LibreOffice and
the frictionless tool all skip the mark. Only Python's ``csv`` module needs
``encoding="utf-8-sig"``.

Field descriptions come from the pydantic models in :mod:`lawgov.dataset.schema` (the one
definition of the data format); only columns that ``lawgov`` derives (offsets, parts,
audit results) are described here. Validation errors abort before anything is written.

Also here: the citations the book offers (:func:`cite_book`, :func:`cite_dataset`,
:func:`cite_figure`) and the per-chapter download paths (:func:`chapter_downloads`).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lawgov.dataset.errors import DataError

PathLike = str | os.PathLike[str] | None

from lawgov.publish.paths import ROOT
PACKAGE_NAME = "kunshan-2012-lawgov"
PACKAGE_TITLE = "Kunshan 2012 report on law-based administration: figures, outline, audit and crosswalk"
BOOK_TITLE = "Kunshan 2012: a report on law-based administration, in numbers"
AUTHOR = "Lawgov book contributors"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# Where the build puts the package inside the HTML book (URL paths relative to the book root).
DOWNLOADS = "downloads"
PACKAGE_DIR = f"{DOWNLOADS}/data"
LIST_DELIMITER = ";"
CSV_BOM = "\ufeff"


# --- version and date -------------------------------------------------------------------


def version() -> str:
    """The package version (pyproject.toml), as installed; read from pyproject.toml if not installed."""
    try:
        from importlib.metadata import version as _v

        return _v("lawgov")
    except Exception:  # pragma: no cover - not installed
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        m = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        return m.group(1) if m else "0+unknown"


def created(data_dir: Path) -> str | None:
    """A deterministic creation time: $SOURCE_DATE_EPOCH, else the last git commit touching data/.

    Never the wall clock, so two exports of the same data are byte-identical. None when
    neither is available (the descriptor then has no ``created``).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    else:
        try:
            out = subprocess.run(
                ["git", "log", "-1", "--format=%ct", "--", "."], cwd=data_dir,
                capture_output=True, text=True, timeout=30, check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if not out.isdigit():
            return None
        stamp = dt.datetime.fromtimestamp(int(out), dt.timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- resources --------------------------------------------------------------------------


@dataclass
class Col:
    """What the schema cannot say about a column: derived columns and missing descriptions."""

    description: str
    required: bool | None = None
    unit: str | None = None
    title: str | None = None


@dataclass
class Resource:
    name: str
    title: str
    description: str
    build: Callable[[Path], Any]  # data_dir -> DataFrame
    models: list[tuple[type, dict[str, str]]]  # pydantic model, {column: model field} (identity if absent)
    extra: dict[str, Col]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    unique: list[str] = field(default_factory=list)
    enums: dict[str, list[str]] = field(default_factory=dict)


def _fk(fields: list[str], resource: str, ref: list[str]) -> dict[str, Any]:
    return {"fields": fields, "reference": {"resource": resource, "fields": ref}}


_REPORT = Col("report id (see the reports resource), e.g. kunshan-2012", required=True)
_PART = Col("part of the report: 0 preamble, 1-5 the five numbered parts 一、..五、, 6 closing (problems and plans); the first number of the section", required=True)
_OFFSET = "characters (Unicode code points) from the start of the report body"


def _frame_relations(data_dir: Path):
    import lawgov

    rel = lawgov.relations(data_dir=data_dir)
    aud = lawgov.audit(data_dir=data_dir)
    cols = ["computed", "stated", "verdict", "reason", "details"]
    out = rel.merge(aud[["report", "id", *cols]], on=["report", "id"], how="left", validate="one_to_one")
    return out


def _frame_relation_inputs(data_dir: Path):
    import pandas as pd

    from lawgov.frames.loaders import dataset

    ds = dataset(data_dir)
    rows = []
    for rd in ds.reports.values():
        for e in rd.relations:
            for order, (fname, item, fid) in enumerate(e.model.input_refs(), start=1):
                rows.append({"report": rd.id, "relation": e.model.id, "order": order, "role": fname,
                             "item": item, "figure": fid})
    df = pd.DataFrame(rows, columns=["report", "relation", "order", "role", "item", "figure"])
    return df.astype({"report": "category", "relation": "string", "order": "Int64", "role": "category",
                      "item": "Int64", "figure": "string"})


def _api(name: str) -> Callable[[Path], Any]:
    def build(data_dir: Path):
        import lawgov

        return getattr(lawgov, name)(data_dir=data_dir)

    return build


def _relation_kinds() -> list[str]:
    from lawgov.dataset import schema

    union = typing.get_args(schema.Relation)[0]
    return [typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in typing.get_args(union)]


def _resources() -> list[Resource]:
    from lawgov.dataset import arithmetic
    from lawgov.dataset import schema

    return [
        Resource(
            "reports", "Reports", "One row per report: titles, issuer, and the facts of the web capture the text comes from.",
            _api("reports"), [(schema.Report, {})],
            {"issuer_zh": Col("issuing government, in Chinese"), "issuer_en": Col("issuing government, in English"),
             "capture_site_zh": Col("web site the text was captured from, in Chinese"),
             "capture_site_en": Col("web site the text was captured from, in English"),
             "sha256": Col("SHA-256 of the verbatim capture (sources/<report>.txt)"),
             "source": Col("path of the verbatim capture inside the package, relative to sources/ in the repository's data/")},
            ["id"],
        ),
        Resource(
            "outline", "Outline", "Every heading of the report, parsed from its markers (一、 / (一) / 一是), with an English title and topic tags.",
            _api("outline"), [(schema.OutlineEntry, {})],
            {"report": _REPORT, "part": _PART,
             "level": Col("depth of the heading: 0 part, 1 subsection (一), 2 measure 一是", required=True),
             "marker": Col("the marker as printed (一、, (一), 一是); empty for the preamble", required=True),
             "heading_zh": Col("the heading's words as printed; empty for the preamble", required=True),
             "start": Col("where the section starts in the body", required=True, unit=_OFFSET),
             "end": Col("where the section ends in the body (exclusive)", required=True, unit=_OFFSET),
             "n_figures": Col("figures in this section and the sections below it", required=True, unit="figures"),
             "tags": Col("topic ids (see the topics resource); ';'-separated in CSV")},
            ["report", "section"], [_fk(["report"], "reports", ["id"])],
        ),
        Resource(
            "figures", "Figures", "Every quantitative claim in the report body, one row each, tied to the verbatim quote it comes from.",
            _api("figures"), [(schema.Figure, {})],
            {"report": _REPORT, "part": _PART,
             "global_id": Col("<report>/<id>: unique across reports", required=True),
             "unit_en": Col("unit in English (documents, percent, 100 million yuan)"),
             "indicator_zh": Col("short Chinese label for tables and charts"),
             "value_text": Col("the number as printed in the quote (Arabic or Chinese numerals)", required=True),
             "decimals": Col("decimal places as printed", required=True),
             "period_start": Col("first day of the period", required=True),
             "period_end": Col("last day of the period", required=True),
             "full_year": Col("true if the figure covers the whole report year", required=True),
             "period_class": Col("full year (the report year), January to October (to the end of October of the report year), or other", required=True),
             "topic_en": Col("English name of the topic", required=True),
             "offset": Col("where the quote starts in the body", required=True, unit=_OFFSET),
             "framework": Col("framework area codes (see framework_areas) the figure's section and its parents answer to; ';'-separated in CSV")},
            ["report", "id"],
            [_fk(["report"], "reports", ["id"]), _fk(["report", "section"], "outline", ["report", "section"]),
             _fk(["topic"], "topics", ["id"])],
            unique=["global_id"],
        ),
        Resource(
            "relations", "Relations and audit", "The arithmetic the report implies (sums, rates, ratios, funnels, compound changes), each with the audit's verdict.",
            _frame_relations, [(schema.SumRelation, {})],
            {"report": _REPORT, "part": _PART,
             "kind": Col("sum, rate, ratio, funnel or compound", required=True),
             "note_en": Col("caveat on the relation, in English"),
             "inputs": Col("figure ids the relation names, in reading order (see relation_inputs for each role); ';'-separated in CSV", required=True),
             "spec": Col("the relation as stated in the data: its figure ids by role, plus interpretations (compound) or bounded (ratio); JSON object", required=True),
             "computed": Col("value the audit derives from the inputs (unit of the stated figure; empty when nothing can be derived)"),
             "stated": Col("the value the report prints for the checked figure, when there is one"),
             "verdict": Col("audit verdict", required=True),
             "reason": Col("the audit's arithmetic or why it cannot check", required=True),
             "details": Col("per-stage or per-interpretation numbers of the audit; JSON array", required=True)},
            ["report", "id"],
            [_fk(["report"], "reports", ["id"]), _fk(["report", "section"], "outline", ["report", "section"])],
            enums={"kind": _relation_kinds(), "verdict": list(arithmetic.VERDICTS)},
        ),
        Resource(
            "relation_inputs", "Relation inputs", "One row per figure a relation names, with its role: the link from relations to figures as a table.",
            _frame_relation_inputs, [],
            {"report": _REPORT,
             "relation": Col("relation id (see relations)", required=True),
             "order": Col("position among the relation's inputs, from 1", required=True),
             "role": Col("field of the relation naming the figure: parts, whole, stated, numerator, denominator, stages, changes", required=True),
             "item": Col("index within a list-valued role (parts, stages, changes), from 0; empty for single-valued roles"),
             "figure": Col("figure id (see figures)", required=True)},
            ["report", "relation", "order"],
            [_fk(["report", "relation"], "relations", ["report", "id"]), _fk(["report", "figure"], "figures", ["report", "id"])],
        ),
        Resource(
            "glossary", "Glossary", "Bilingual terms of the report, each verbatim in the body, with pinyin and the section of first use.",
            _api("glossary"), [(schema.Term, {})],
            {"pinyin": Col("pinyin of zh, with tone marks", required=True),
             "first_use": Col("section where the term first appears in the body"),
             "first_offset": Col("where the term first appears in the body", unit=_OFFSET),
             "also_en": Col("other renderings a reader may meet; ';'-separated in CSV")},
            ["id"],
        ),
        Resource(
            "topics", "Topics", "The controlled vocabulary of topics used by figures and outline tags.",
            _api("topics"), [(schema.Topic, {})],
            {"id": Col("topic id", required=True), "en": Col("English name", required=True), "zh": Col("Chinese name", required=True)},
            ["id"],
        ),
        Resource(
            "framework_areas", "Framework areas", "Areas of four national frameworks for law-based government, one row per area with its framework's fields.",
            _api("frameworks"),
            [(schema.FrameworkArea, {}),
             (schema.Framework, {"framework": "id", **{f"framework_{k}": k for k in
                                 ("title_zh", "title_en", "document_no", "issued", "relation_to_report", "confidence_note_en")}})],
            {"framework": Col("framework id, e.g. outline-2004", required=True),
             "framework_title_zh": Col("the framework's title, in Chinese", required=True),
             "framework_title_en": Col("the framework's title, in English", required=True),
             "framework_relation_to_report": Col("cited: the report names it; not_cited: in force in 2012 but not named; later_lens: issued after 2012, used as a lens", required=True),
             "framework_confidence_note_en": Col("how far the framework's text and structure were verified", required=True),
             "title_zh": Col("the area's title, in Chinese", required=True),
             "title_en": Col("the area's title, in English", required=True),
             "confidence": Col("whether the area's title and numbering are confirmed, likely or unverified", required=True)},
            ["code"],
            enums={"confidence": ["confirmed", "likely", "unverified"],
                   "framework_relation_to_report": ["cited", "not_cited", "later_lens"]},
        ),
        Resource(
            "crosswalk", "Crosswalk", "Which section of the report answers to which area of a national framework, and why.",
            _api("crosswalk"), [(schema.Mapping, {})],
            {"report": _REPORT, "part": _PART,
             "framework": Col("framework id of the area", required=True),
             "area_title_en": Col("English title of the area", required=True)},
            ["report", "section", "area"],
            [_fk(["report"], "reports", ["id"]), _fk(["report", "section"], "outline", ["report", "section"]),
             _fk(["area"], "framework_areas", ["code"])],
        ),
    ]


# --- field descriptors ------------------------------------------------------------------


def _is_list(series) -> bool:
    return any(isinstance(v, (list, tuple)) for v in series if v is not None)


def _kind(series) -> str:
    """The Table Schema type of a column, from its pandas dtype and contents."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dtype) and dtype != object:
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
    description = prop.get("description") or (extra.description if extra else "")
    if not description:
        raise ValueError(f"{res.name}.{name}: no description in lawgov.dataset.schema or lawgov.publish.package")
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


def _model_props(res: Resource) -> dict[str, tuple[dict, bool]]:
    out: dict[str, tuple[dict, bool]] = {}
    for model, mapping in res.models:
        js = model.model_json_schema()
        required = set(js.get("required", []))
        inverse = {v: k for k, v in mapping.items()}
        for fname, prop in js["properties"].items():
            col = inverse.get(fname, fname)
            if mapping and fname not in inverse and col in out:
                continue
            if "anyOf" in prop:  # Optional[...]: take the non-null branch, keep the description
                branch = next((b for b in prop["anyOf"] if b.get("type") != "null"), {})
                prop = {**branch, **{k: v for k, v in prop.items() if k != "anyOf"}}
            # json-schema drops a pattern that sits beside a BeforeValidator (Section): take it from the field.
            if "pattern" not in prop:
                pattern = next((getattr(m, "pattern", None) for m in model.model_fields[fname].metadata
                                if getattr(m, "pattern", None)), None)
                if pattern:
                    prop = {**prop, "pattern": pattern}
            out.setdefault(col, (prop, fname in required))
    return out


def schema_of(res: Resource, df) -> dict[str, Any]:
    props = _model_props(res)
    schema: dict[str, Any] = {"fields": [_field(res, c, df[c], props) for c in df.columns],
                              "primaryKey": list(res.primary_key)}
    if res.foreign_keys:
        schema["foreignKeys"] = res.foreign_keys
    return schema


# --- writers ----------------------------------------------------------------------------


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
    records = [{n: _json_value(v, k) for n, v, k in zip(names, row, kinds)} for row in df.itertuples(index=False, name=None)]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def parquet_bytes(df, fields: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string()), "object": pa.string(), "array": pa.string()}
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
    pq.write_table(table, path, compression="zstd", compression_level=9, use_dictionary=True,
                   write_statistics=True, version="2.6", store_schema=False)


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


# --- the package ------------------------------------------------------------------------


def _readme(descriptor: dict[str, Any]) -> str:
    lines = [
        f"# {descriptor['title']}", "",
        f"Version {descriptor['version']}" + (f", created {descriptor['created']}" if descriptor.get("created") else "") + ".", "",
        descriptor["description"], "",
        "## Files", "",
        "| resource | rows | fields | CSV | JSON | Parquet |", "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for r in descriptor["resources"]:
        if r.get("format") != "csv":
            continue
        lines.append(f"| {r['name']} | {r['rows']} | {len(r['schema']['fields'])} | `{r['path']}` | "
                     f"`json/{r['name']}.json` | `parquet/{r['name']}.parquet` |")
    lines += [
        "", "`datapackage.json` describes every field (Frictionless Data Package); validate with",
        "`frictionless validate datapackage.json`. `sources/` holds the verbatim page capture that",
        "every quote and character offset refers to. `chapters/` holds the figures of each part of",
        "the report, as the book's chapters offer them.", "",
        "## Opening the CSV files", "",
        "UTF-8 with a byte-order mark, comma-separated. Excel opens them with the Chinese intact on",
        "a double click. If Chinese still looks garbled (an old Excel, or an import that picked the",
        "encoding), use Data > From Text/CSV and choose File origin `65001: Unicode (UTF-8)`.",
        "pandas: `pd.read_csv(path)`; R: `readr::read_csv(path)`; Python's csv module:",
        "`open(path, encoding=\"utf-8-sig\")`. Lists (tags, framework, inputs) are joined with `;`;",
        "the JSON and Parquet files hold them as arrays.", "",
        "## Licence", "",
        "The data and text: Creative Commons Attribution 4.0 International (CC BY 4.0),",
        f"{AUTHOR}. The report itself is an official document of the {descriptor['sources'][0]['title'].split(': ')[0]},",
        "quoted verbatim for research; see LICENSE-DATA.md.", "",
        "## Cite", "", cite_dataset()["text"], "",
    ]
    return "\n".join(lines)


def _sources(data_dir: Path) -> list[dict[str, Any]]:
    from lawgov.frames.loaders import dataset

    out = []
    for rd in dataset(data_dir).reports.values():
        r = rd.report.model
        out.append({
            "title": f"{r.issuer_en}: {r.title_en} ({r.title_zh}), {r.year}",
            "path": f"sources/{rd.id}.txt",
            "description": (
                f"Web capture from {r.capture_site_zh}, {r.capture_site_en}, section {r.capture_section_zh}, "
                f"page dated {r.capture_page_date}; 原文地址 (original URL) empty on the page"
                + (f": {r.capture_original_url}" if r.capture_original_url else "") + "."
            ),
        })
    return out


def build_package(data_dir: PathLike = None) -> dict[str, bytes]:
    """Every file of the package as {relative path: bytes}. Raises DataError on invalid data."""
    from lawgov.frames.loaders import dataset
    from lawgov.dataset.load import resolve_data_dir

    root = resolve_data_dir(data_dir)
    ds = dataset(root)  # raises DataError listing every problem, before anything is built
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    frames = {}
    for res in _resources():
        df = res.build(root).reset_index(drop=True)
        frames[res.name] = df
        schema = schema_of(res, df)
        fields = schema["fields"]
        files[f"csv/{res.name}.csv"] = csv_bytes(df, fields)
        files[f"json/{res.name}.json"] = json_bytes(df, fields)
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "t.parquet"
            parquet_bytes(df, fields, p)
            files[f"parquet/{res.name}.parquet"] = p.read_bytes()
        resources.append({
            "name": res.name, "title": res.title, "description": res.description,
            "path": f"csv/{res.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "rows": len(df), "schema": schema,
            "alternates": [
                {"path": f"json/{res.name}.json", "format": "json", "mediatype": "application/json"},
                {"path": f"parquet/{res.name}.parquet", "format": "parquet", "mediatype": "application/vnd.apache.parquet"},
            ],
        })
    for rd in ds.reports.values():
        text = (root / rd.report.model.source).read_bytes()
        files[f"sources/{rd.id}.txt"] = text
        resources.append({
            "name": f"source-{rd.id}", "title": f"Verbatim capture of {rd.id}",
            "description": "The page capture every quote and character offset refers to, byte for byte (UTF-8).",
            "path": f"sources/{rd.id}.txt", "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
            "hash": f"sha256:{rd.report.model.sha256}",
        })
    figs = frames["figures"]
    fig_fields = resources[[r["name"] for r in resources].index("figures")]["schema"]["fields"]
    for part in sorted(int(p) for p in frames["outline"]["part"].dropna().unique()):
        files[chapter_csv_name(part)] = csv_bytes(figs[figs["part"] == part], fig_fields)

    descriptor: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "Every quantitative claim in the Kunshan Municipal People's Government's 2012 report on "
            "law-based administration (依法行政), tied to the verbatim sentence it comes from, with units, "
            "periods and qualifiers in English and Chinese; the report's outline; the arithmetic the report "
            "implies with an audit verdict for each; a bilingual glossary; and a crosswalk to national frameworks."
        ),
        "version": version(),
        "licenses": [LICENSE],
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "sources": _sources(root),
        "keywords": ["China", "Kunshan", "law-based administration", "依法行政", "rule of law", "local government", "government reports"],
        "resources": resources,
    }
    stamp = created(root)
    if stamp:
        descriptor["created"] = stamp
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["README.md"] = _readme(descriptor).encode("utf-8")
    lic = ROOT / "LICENSE-DATA.md"
    if lic.exists():
        files["LICENSE-DATA.md"] = lic.read_bytes()
    return dict(sorted(files.items()))


def describe(data_dir: PathLike = None) -> list[dict[str, Any]]:
    """The tables of the package, without writing anything: name, title, description, rows, schema."""
    from lawgov.dataset.load import resolve_data_dir

    root = resolve_data_dir(data_dir)
    out = []
    for res in _resources():
        df = res.build(root)
        out.append({"name": res.name, "title": res.title, "description": res.description, "rows": len(df),
                    "schema": schema_of(res, df)})
    return out


def resources_table(data_dir: PathLike = None, *, page_prefix: str = ""):
    """One row per table of the package, with download links (for the "Data and downloads" page)."""
    import pandas as pd

    rows = []
    for r in describe(data_dir):
        links = " · ".join(f'<a href="{page_prefix}{PACKAGE_DIR}/{ext}/{r["name"]}.{ext}">{ext.upper()}</a>'
                           for ext in ("csv", "json", "parquet"))
        rows.append({"table": r["name"], "what it holds": r["description"], "rows": r["rows"],
                     "fields": len(r["schema"]["fields"]), "key": ", ".join(r["schema"]["primaryKey"]),
                     "download": links})
    return pd.DataFrame(rows)


def fields_table(name: str, data_dir: PathLike = None):
    """The fields of one table of the package: name, type, constraints, description."""
    import pandas as pd

    res = next(r for r in describe(data_dir) if r["name"] == name)
    rows = []
    for f in res["schema"]["fields"]:
        c = f.get("constraints", {})
        notes = [k for k in ("required", "unique") if c.get(k)]
        if "enum" in c:
            notes.append("one of " + ", ".join(c["enum"]))
        if "pattern" in c:
            notes.append(f"pattern {c['pattern']}")
        rows.append({"field": f["name"], "type": f["type"] + (f" ({f['delimiter']}-separated)" if "delimiter" in f else ""),
                     "unit": f.get("unit", ""), "constraints": "; ".join(notes), "description": f["description"]})
    return pd.DataFrame(rows)


def chapter_csv_name(part: int) -> str:
    return f"chapters/figures-part-{part}.csv"


def export(out_dir: PathLike, data_dir: PathLike = None) -> dict[str, int]:
    """Write the package into out_dir atomically; return {relative path: size in bytes}.

    Everything is built in memory and written to a temporary sibling directory, which then
    replaces out_dir: a failure leaves out_dir as it was. An existing out_dir is replaced
    only if it is empty or holds a previous export (a datapackage.json).
    """
    out = Path(out_dir).resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "datapackage.json").exists())):
        raise FileExistsError(f"{out} exists and is not a previous export (no datapackage.json); not replacing it")
    files = build_package(data_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for p in [tmp, *tmp.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {rel: len(data) for rel, data in files.items()}


def meta_created(pkg_dir: PathLike) -> str:
    meta = json.loads((Path(pkg_dir) / "datapackage.json").read_text(encoding="utf-8"))
    return meta.get("created", "1980-01-01T00:00:00Z")


def zip_files(files: list[Path], zip_path: PathLike, prefix: str, stamp: str, base: Path | None = None) -> Path:
    """A deterministic zip: sorted entries under prefix/, fixed times and modes, written atomically."""
    dest = Path(zip_path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6]
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for p in sorted(files):
            name = p.relative_to(base).as_posix() if base else p.name
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, p.read_bytes(), compresslevel=9)
    tmp.replace(dest)
    return dest


def write_zip(pkg_dir: PathLike, zip_path: PathLike) -> Path:
    """A deterministic zip of an exported package (the folder kunshan-2012-lawgov-<version>/)."""
    pkg = Path(pkg_dir)
    meta = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    files = [q for q in pkg.rglob("*") if q.is_file()]
    return zip_files(files, zip_path, f"{PACKAGE_NAME}-{meta['version']}", meta_created(pkg), base=pkg)


def zip_name() -> str:
    return f"{PACKAGE_NAME}-data-{version()}.zip"


# --- what the book links to -------------------------------------------------------------


def chapter_downloads(out_dir: PathLike = None, data_dir: PathLike = None) -> dict[int, str]:
    """{part: path of that part's figures CSV}, relative to the book's root (e.g. ``downloads/data/chapters/figures-part-4.csv``).

    With out_dir (an exported package), the paths are relative to it instead and only
    files that exist are listed. A chapter page links to ``{prefix}{path}``.
    """
    import lawgov

    parts = sorted(int(p) for p in lawgov.outline(data_dir=data_dir)["part"].dropna().unique())
    if out_dir is not None:
        base = Path(out_dir)
        return {p: chapter_csv_name(p) for p in parts if (base / chapter_csv_name(p)).exists()}
    return {p: f"{PACKAGE_DIR}/{chapter_csv_name(p)}" for p in parts}


def chapter_download_link(part: int, *, page_prefix: str = "") -> str:
    """An HTML link to a part's figures CSV, for a chapter notebook (``IPython.display.HTML``)."""
    href = f"{page_prefix}{PACKAGE_DIR}/{chapter_csv_name(part)}"
    return (f'<a class="lawgov-download reference download" href="{href}" download>'
            f"Download this part's figures (CSV)</a>")


def downloads() -> dict[str, str]:
    """The book-root-relative paths of the whole-package downloads."""
    return {
        "package_dir": f"{PACKAGE_DIR}/",
        "datapackage": f"{PACKAGE_DIR}/datapackage.json",
        "zip": f"{DOWNLOADS}/{zip_name()}",
        "pdf": f"{DOWNLOADS}/{PDF_NAME}",
        "notebooks_zip": f"{DOWNLOADS}/{NOTEBOOKS_ZIP}",
        **{f"{r}.{ext}": f"{PACKAGE_DIR}/{ext}/{r}.{ext}"
           for r in ("figures", "outline", "relations", "relation_inputs", "glossary", "topics", "framework_areas", "crosswalk", "reports")
           for ext in ("csv", "json", "parquet")},
    }


PDF_NAME = "kunshan-2012-lawgov.pdf"
NOTEBOOKS_ZIP = f"{PACKAGE_NAME}-notebooks.zip"


# --- citations --------------------------------------------------------------------------


def _citation_meta() -> dict[str, Any]:
    """Title, authors, version and release date, from CITATION.cff (the one place they are kept)."""
    meta = {"title": BOOK_TITLE, "authors": AUTHOR, "version": version(), "date": None, "url": ""}
    cff = ROOT / "CITATION.cff"
    if cff.exists():
        import yaml

        doc = yaml.safe_load(cff.read_text(encoding="utf-8"))
        meta["title"] = doc.get("title", meta["title"])
        meta["version"] = str(doc.get("version", meta["version"]))
        meta["date"] = str(doc.get("date-released") or "") or None
        meta["url"] = doc.get("url", "") or ""
        authors = doc.get("authors") or []
        meta["authors"] = " and ".join(a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip()
                                       for a in authors) or AUTHOR
    meta["year"] = (meta["date"] or "")[:4] or str(dt.date.today().year)
    return meta


def _bib(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{kind}{{{key},\n{body}\n}}"


def _url(meta: dict[str, Any], path: str = "") -> str:
    return f"{meta['url'].rstrip('/')}/{path}" if meta["url"] else ""


def cite_book() -> dict[str, str]:
    """The suggested citation of the book: {'text': plain text, 'bibtex': BibTeX}."""
    m = _citation_meta()
    url = _url(m)
    text = f"{m['authors']} ({m['year']}). {m['title']}. Version {m['version']}." + (f" {url}" if url else "")
    bib = _bib("book", f"lawgov_kunshan2012_{m['year']}", {
        "author": f"{{{m['authors']}}}", "title": m["title"], "year": m["year"], "edition": f"Version {m['version']}",
        "url": url, "note": "Jupyter Book with dataset",
    })
    return {"text": text, "bibtex": bib}


def cite_dataset() -> dict[str, str]:
    """The suggested citation of the data package."""
    m = _citation_meta()
    url = _url(m, f"{PACKAGE_DIR}/datapackage.json")
    text = (f"{m['authors']} ({m['year']}). {PACKAGE_TITLE} [Data set, Frictionless Data Package]. "
            f"Version {m['version']}. CC BY 4.0." + (f" {url}" if url else ""))
    bib = _bib("misc", f"lawgov_kunshan2012_data_{m['year']}", {
        "author": f"{{{m['authors']}}}", "title": PACKAGE_TITLE, "year": m["year"], "version": m["version"],
        "howpublished": "Data set (Frictionless Data Package: CSV, JSON, Parquet)", "url": url,
        "note": "Licence CC BY 4.0",
    })
    return {"text": text, "bibtex": bib}


def cite_figure(figure_id: str, report: str | None = None, data_dir: PathLike = None) -> dict[str, str]:
    """The suggested citation of one figure, from its id, section and anchor.

    Returns {'text', 'bibtex', 'anchor', 'href'}; href is relative to the book's root
    (``numbers.html#fig-<id>``), prefixed by the base URL when CITATION.cff has one.
    """
    import lawgov

    from lawgov.analysis.display import NUMBERS_PAGE, anchor, value_en

    df = lawgov.figures(report, data_dir=data_dir)
    rows = df[df["id"] == figure_id]
    if rows.empty:
        raise KeyError(f"unknown figure {figure_id!r}")
    f = rows.iloc[0].to_dict()
    m = _citation_meta()
    href = f"{NUMBERS_PAGE}.html#{anchor(figure_id)}"
    url = _url(m, href)
    where = url or f'"The report in numbers", {href}'
    text = (f"{m['authors']} ({m['year']}). \u201c{f['indicator_en']}\u201d ({f['indicator_zh']}): {value_en(f)}, "
            f"figure {f['global_id']}, section {f['section']} of the report, quoting \u201c{f['quote']}\u201d. "
            f"In {m['title']}, version {m['version']}, {where}.")
    bib = _bib("misc", f"lawgov_{f['report'].replace('-', '')}_{figure_id}", {
        "author": f"{{{m['authors']}}}", "title": f"{f['indicator_en']} ({f['indicator_zh']})",
        "year": m["year"], "howpublished": f"In: {m['title']}, version {m['version']}",
        "note": f"Figure {f['global_id']}, section {f['section']}, anchor \\#{anchor(figure_id)}; quote: {f['quote']}",
        "url": url,
    })
    return {"text": text, "bibtex": bib, "anchor": anchor(figure_id), "href": href}


def notebook_sources(book_dir: Path) -> list[tuple[str, Path]]:
    """(docname, source) of every MyST-markdown notebook listed in the book's _toc.yml."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    out = []
    for docname in parse_toc_yaml(book_dir / "_toc.yml"):
        src = book_dir / f"{docname}.md"
        if src.exists():
            head = src.read_text(encoding="utf-8")[:2000]
            if head.startswith("---") and "kernelspec:" in head and "format_name: myst" in head:
                out.append((docname, src))
    return out


def write_notebooks(book_dir: Path, out_dir: Path, html_dir: Path | None = None) -> list[Path]:
    """Each chapter notebook as .ipynb (unexecuted, via jupytext), for readers without jupytext.

    The .md source itself is offered by the theme's download button (``_sources/<doc>.md``).
    """
    import jupytext

    from lawgov.publish import reader_notebook

    written = []
    for docname, src in notebook_sources(book_dir):
        nb = jupytext.read(src)
        # Prose as the page reads (glued values, figure numbers, captions): lawgov.publish.reader_notebook.
        executed = reader_notebook.executed_notebook(nb, book_dir / "_build" / ".jupyter_cache")
        page = html_dir / f"{docname}.html" if html_dir else None
        nb = reader_notebook.for_reader(nb, executed, page.read_text(encoding="utf-8") if page and page.exists() else None)
        dest = out_dir / f"{docname}.ipynb"
        dest.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(nb, dest, fmt="ipynb")
        written.append(dest)
    readme = out_dir / "README.md"  # how to run them: pip install "lawgov[notebook]", jupyter lab
    readme.write_text(reader_notebook.readme(BOOK_TITLE), encoding="utf-8")
    return [*written, readme]


def publish_into_book(html_dir: Path, data_dir: PathLike = None, book_dir: Path | None = None) -> str:
    """The ``exports`` step of ``make book``: the package, its zip and the notebooks into the HTML book.

    Writes ``<html>/downloads/data/`` (the package, atomically), ``<html>/downloads/<zip>``
    and ``<html>/downloads/notebooks/<doc>.ipynb``; returns a one-line summary.
    """
    html_dir = Path(html_dir)
    pkg = html_dir / PACKAGE_DIR
    sizes = export(pkg, data_dir)
    z = write_zip(pkg, html_dir / DOWNLOADS / zip_name())
    notebooks = write_notebooks(book_dir, html_dir / DOWNLOADS / "notebooks", html_dir) if book_dir else []
    if book_dir:
        zip_files(notebooks, html_dir / DOWNLOADS / NOTEBOOKS_ZIP, f"{PACKAGE_NAME}-notebooks-{version()}", meta_created(pkg))
    meta = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in meta["resources"] if "schema" in r]
    n_fields = sum(len(r["schema"]["fields"]) for r in tables)
    return (f"{len(tables)} tables, {n_fields} fields, {len(sizes)} files, {sum(sizes.values()) / 1024:.0f} KB; "
            f"zip {z.stat().st_size / 1024:.0f} KB; {sum(p.suffix == '.ipynb' for p in notebooks)} notebooks as .ipynb")


def main_export(out_dir: str, data_dir: PathLike = None) -> int:
    """The ``lawgov export`` command: DataError -> one line per problem on stderr, exit 1."""
    import sys
    import time

    t0 = time.perf_counter()
    try:
        sizes = export(out_dir, data_dir)
    except FileExistsError as exc:
        print(f"lawgov: {exc}", file=sys.stderr)
        return 2
    n_res = sum(1 for k in sizes if k.startswith("csv/"))
    total = sum(sizes.values())
    print(f"ok: {n_res} resources, {len(sizes)} files, {total / 1024:.0f} KB in {out_dir} ({time.perf_counter() - t0:.2f} s)")
    return 0


__all__ = [
    "export", "build_package", "write_zip", "read_csv", "chapter_downloads", "chapter_download_link", "downloads",
    "cite_book", "cite_dataset", "cite_figure", "version", "created", "DataError",
]
