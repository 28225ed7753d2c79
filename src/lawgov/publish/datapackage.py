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

The tables and their fields come from the column dictionary (:mod:`lawgov.frames.columns`,
described by :mod:`lawgov.frames.tableschema`); the bytes of each format from
:mod:`lawgov.frames.writers`. Validation errors abort before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import yaml

from lawgov.book.citation import cite_dataset
from lawgov.book.identity import AUTHOR, LICENSE, PACKAGE_NAME, PACKAGE_TITLE, version
from lawgov.book.links import chapter_csv_name
from lawgov.book.paths import ROOT
from lawgov.frames import writers
from lawgov.frames.columns import resources
from lawgov.frames.tableschema import schema_of
from lawgov.publish.files import replace_folder

PathLike = str | os.PathLike[str] | None


def _packaged(name: str) -> Path | None:
    """A file that travels with the data: in the package of an installed wheel (pyproject.toml's
    force-include), else at the root of the checkout."""
    for path in (Path(__file__).resolve().parents[1] / name, ROOT / name):
        if path.is_file():
            return path
    return None


def created(data_dir: Path) -> str | None:
    """When this version of the data was released: $SOURCE_DATE_EPOCH if set, else CITATION.cff's
    ``date-released`` (the release the data belongs to; whoever releases sets it).

    Never the wall clock or a git history (an installed wheel has none), so every export of the
    same release, from a checkout or from the wheel, is byte-identical. None when neither is there.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    cff = _packaged("CITATION.cff")
    if cff is None:
        return None
    released = yaml.safe_load(cff.read_text(encoding="utf-8")).get("date-released")
    return f"{released}T00:00:00Z" if released else None


def _readme(descriptor: dict[str, Any]) -> str:
    lines = [
        f"# {descriptor['title']}",
        "",
        f"Version {descriptor['version']}"
        + (f", created {descriptor['created']}" if descriptor.get("created") else "")
        + ".",
        "",
        descriptor["description"],
        "",
        "## Files",
        "",
        "| resource | rows | fields | CSV | JSON | Parquet |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for r in descriptor["resources"]:
        if r.get("format") != "csv":
            continue
        lines.append(
            f"| {r['name']} | {r['rows']} | {len(r['schema']['fields'])} | `{r['path']}` | "
            f"`json/{r['name']}.json` | `parquet/{r['name']}.parquet` |"
        )
    lines += [
        "",
        "`datapackage.json` describes every field (Frictionless Data Package); validate with",
        "`frictionless validate datapackage.json`. `sources/` holds the verbatim page capture that",
        "every quote and character offset refers to. `chapters/` holds the figures of each part of",
        "the report, as the book's chapters offer them.",
        "",
        "## Opening the CSV files",
        "",
        "UTF-8 with a byte-order mark, comma-separated. Excel opens them with the Chinese intact on",
        "a double click. If Chinese still looks garbled (an old Excel, or an import that picked the",
        "encoding), use Data > From Text/CSV and choose File origin `65001: Unicode (UTF-8)`.",
        "pandas: `pd.read_csv(path)`; R: `readr::read_csv(path)`; Python's csv module:",
        '`open(path, encoding="utf-8-sig")`. Lists (tags, framework, inputs) are joined with `;`;',
        "the JSON and Parquet files hold them as arrays.",
        "",
        "## Licence",
        "",
        "The data and text: Creative Commons Attribution 4.0 International (CC BY 4.0),",
        f"{AUTHOR}. The report itself is an official document of the "
        f"{descriptor['sources'][0]['title'].split(': ')[0]},",
        "quoted verbatim for research; see LICENSE-DATA.md.",
        "",
        "## Cite",
        "",
        cite_dataset()["text"],
        "",
    ]
    return "\n".join(lines)


def _sources(data_dir: Path) -> list[dict[str, Any]]:
    from lawgov.frames.loaders import dataset

    out = []
    for rd in dataset(data_dir).reports.values():
        r = rd.report.model
        out.append(
            {
                "title": f"{r.issuer_en}: {r.title_en} ({r.title_zh}), {r.year}",
                "path": f"sources/{rd.id}.txt",
                "description": (
                    f"Web capture from {r.capture_site_zh}, {r.capture_site_en}, section {r.capture_section_zh}, "
                    f"page dated {r.capture_page_date}; 原文地址 (original URL) empty on the page"
                    + (f": {r.capture_original_url}" if r.capture_original_url else "")
                    + "."
                ),
            }
        )
    return out


def _table(res, df, files: dict[str, bytes]) -> dict[str, Any]:
    """Write one table in every format into files; return its resource descriptor."""
    schema = schema_of(res, df)
    fields = schema["fields"]
    files[f"csv/{res.name}.csv"] = writers.csv_bytes(df, fields)
    files[f"json/{res.name}.json"] = writers.json_bytes(df, fields)
    files[f"parquet/{res.name}.parquet"] = writers.parquet_bytes(df, fields)
    return {
        "name": res.name,
        "title": res.title,
        "description": res.description,
        "path": f"csv/{res.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "rows": len(df),
        "schema": schema,
        "alternates": [
            {"path": f"json/{res.name}.json", "format": "json", "mediatype": "application/json"},
            {"path": f"parquet/{res.name}.parquet", "format": "parquet", "mediatype": "application/vnd.apache.parquet"},
        ],
    }


def build_package(data_dir: PathLike = None) -> dict[str, bytes]:
    """Every file of the package as {relative path: bytes}. Raises DataError on invalid data."""
    from lawgov.dataset.location import resolve_data_dir
    from lawgov.frames.loaders import dataset

    root = resolve_data_dir(data_dir)
    ds = dataset(root)  # raises DataError listing every problem, before anything is built
    files: dict[str, bytes] = {}
    tables: list[dict[str, Any]] = []
    frames = {}
    for res in resources():
        frames[res.name] = df = res.build(root).reset_index(drop=True)
        tables.append(_table(res, df, files))
    for rd in ds.reports.values():
        files[f"sources/{rd.id}.txt"] = (root / rd.report.model.source).read_bytes()
        tables.append(
            {
                "name": f"source-{rd.id}",
                "title": f"Verbatim capture of {rd.id}",
                "description": "The page capture every quote and character offset refers to, byte for byte (UTF-8).",
                "path": f"sources/{rd.id}.txt",
                "format": "txt",
                "mediatype": "text/plain",
                "encoding": "utf-8",
                "hash": f"sha256:{rd.report.model.sha256}",
            }
        )
    figs = frames["figures"]
    fig_fields = next(t for t in tables if t["name"] == "figures")["schema"]["fields"]
    for part in sorted(int(p) for p in frames["outline"]["part"].dropna().unique()):
        files[chapter_csv_name(part)] = writers.csv_bytes(figs[figs["part"] == part], fig_fields)

    descriptor: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "Every quantitative claim in the Kunshan Municipal People's Government's 2012 report on "
            "law-based administration (依法行政), tied to the verbatim sentence it comes from, with units, "
            "periods and qualifiers in English and Chinese; the report's outline; the arithmetic the report "
            "implies with an audit verdict for each; a bilingual glossary; and a crosswalk to national frameworks. "
            "Each figure's period is the one the text states (period_basis, period_words), or the report's year "
            "as an assumption where it states none; an end the text does not state is left empty (ISO 8601-2 "
            "unknown end: 'this year' counts have no stated end, counts to the end of October no stated start). "
            "The report was compiled before its year ended: every count, even one stated for the whole year "
            "(全年), was compiled before 31 December, and none is a calendar-year total."
        ),
        "version": version(),
        "licenses": [LICENSE],
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "sources": _sources(root),
        "keywords": [
            "China",
            "Kunshan",
            "law-based administration",
            "依法行政",
            "rule of law",
            "local government",
            "government reports",
        ],
        "resources": tables,
    }
    stamp = created(root)
    if stamp:
        descriptor["created"] = stamp
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["README.md"] = _readme(descriptor).encode("utf-8")
    licence = _packaged("LICENSE-DATA.md")
    if licence is not None:
        files["LICENSE-DATA.md"] = licence.read_bytes()
    return dict(sorted(files.items()))


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
    replace_folder(out, files)
    return {rel: len(data) for rel, data in files.items()}


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
    print(
        f"ok: {n_res} resources, {len(sizes)} files, {total / 1024:.0f} KB in {out_dir} "
        f"({time.perf_counter() - t0:.2f} s)"
    )
    return 0
