"""The data package: valid Frictionless, deterministic, lossless, atomic."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import typing
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

import lawgov
from lawgov import cli
from lawgov.book import links
from lawgov.book.identity import PACKAGE_NAME
from lawgov.dataset import schema
from lawgov.frames import package_tables, writers
from lawgov.frames.columns import resources
from lawgov.publish import datapackage, files

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Resources whose frame is exactly what a public lawgov function returns.
SAME_AS_API = {
    "reports": "reports",
    "outline": "outline",
    "figures": "figures",
    "glossary": "glossary",
    "topics": "topics",
    "framework_areas": "frameworks",
    "crosswalk": "crosswalk",
}


def _tree(d: Path) -> dict[str, str]:
    return {
        p.relative_to(d).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(d.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def pkg(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "pkg"
    assert cli.main(["export", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def descriptor(pkg) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _resource(descriptor, name) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def test_package_validates_with_frictionless(pkg):
    from frictionless import validate

    report = validate(pkg / "datapackage.json")
    errors = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:20])
    assert errors == []
    assert report.stats["tasks"] == len(json.loads((pkg / "datapackage.json").read_text())["resources"])


def test_frictionless_catches_a_broken_foreign_key(pkg, tmp_path):
    """The foreign keys are really checked: a relation input naming no figure fails."""
    from frictionless import validate

    bad = tmp_path / "bad"
    import shutil

    shutil.copytree(pkg, bad)
    path = bad / "csv" / "relation_inputs.csv"
    text = path.read_text(encoding="utf-8-sig")
    first_figure = lawgov.relations()["inputs"].iloc[0][0]
    path.write_text("\ufeff" + text.replace(f",{first_figure}\n", ",no_such_figure\n", 1), encoding="utf-8")
    report = validate(bad / "datapackage.json")
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"foreign-key"}


def test_descriptor_metadata(descriptor):
    assert descriptor["version"] == lawgov.__version__
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    source = descriptor["sources"][0]
    assert "中国法治网" in source["description"] and "2014-05-15" in source["description"]
    assert "empty" in source["description"]
    assert descriptor["created"].endswith("Z")
    names = [r["name"] for r in descriptor["resources"]]
    assert {
        "figures",
        "outline",
        "relations",
        "relation_inputs",
        "glossary",
        "crosswalk",
        "framework_areas",
        "topics",
        "reports",
        "sentences",
        "source-kunshan-2012",
    } == set(names)


def test_every_field_is_described(descriptor):
    for r in descriptor["resources"]:
        if "schema" not in r:
            continue
        assert r["schema"]["primaryKey"], r["name"]
        for f in r["schema"]["fields"]:
            assert f["title"] and f["type"] and f["description"].strip(), (r["name"], f["name"])


def test_field_metadata_comes_from_the_schema_models(descriptor):
    fields = {f["name"]: f for f in _resource(descriptor, "figures")["schema"]["fields"]}
    for name in ("quote", "value", "unit_zh", "period", "description_en", "kind"):
        assert fields[name]["description"] == schema.Figure.model_fields[name].description
    assert fields["qualifier"]["constraints"]["enum"] == list(typing.get_args(schema.Qualifier))
    assert fields["kind"]["constraints"]["enum"] == list(typing.get_args(schema.Kind))
    assert fields["section"]["constraints"]["pattern"] == r"^[0-6](\.[1-9](\.[1-9])?)?$"
    assert fields["id"]["constraints"] == {"required": True, "pattern": "^[a-z][a-z0-9_]*$"}
    assert fields["global_id"]["constraints"]["unique"] is True
    assert fields["unit_zh"]["missingValues"] == []  # an empty unit is a value, not a gap
    assert fields["offset"]["unit"].startswith("characters")
    assert {"type": "list", "delimiter": ";"}.items() <= fields["framework"].items()
    assert fields["qualifier"]["categories"] == list(lawgov.figures()["qualifier"].cat.categories)
    notes = {f["name"]: f for f in _resource(descriptor, "reports")["schema"]["fields"]}["notes_en"]
    assert notes["type"] == "array", "items holding ';' must not be ';'-joined"
    rel = {f["name"]: f for f in _resource(descriptor, "relations")["schema"]["fields"]}
    assert rel["verdict"]["constraints"]["enum"] == list(lawgov.audit()["verdict"].cat.categories)
    assert set(rel["kind"]["constraints"]["enum"]) == {"sum", "rate", "ratio", "funnel", "compound"}


def test_foreign_keys(descriptor):
    def fks(name):
        return {
            (tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in _resource(descriptor, name)["schema"].get("foreignKeys", [])
        }

    assert (("report", "section"), "outline", ("report", "section")) in fks("figures")
    assert (("topic",), "topics", ("id",)) in fks("figures")
    assert (("report", "figure"), "figures", ("report", "id")) in fks("relation_inputs")
    assert (("report", "section"), "outline", ("report", "section")) in fks("crosswalk")
    assert (("area",), "framework_areas", ("code",)) in fks("crosswalk")


def test_two_exports_are_byte_identical(pkg, tmp_path):
    again = tmp_path / "again"
    assert cli.main(["export", str(again)]) == 0
    assert _tree(again) == _tree(pkg)
    z1, z2 = files.write_zip(pkg, tmp_path / "a.zip"), files.write_zip(again, tmp_path / "b.zip")
    assert z1.read_bytes() == z2.read_bytes()
    with zipfile.ZipFile(z1) as zf:
        assert f"{PACKAGE_NAME}-{lawgov.__version__}/datapackage.json" in zf.namelist()


def test_created_is_not_the_wall_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert datapackage.created(DATA) == "2023-11-14T22:13:20Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    # otherwise the release the data belongs to, as CITATION.cff dates it (a wheel carries it too)
    released = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["date-released"]
    assert datapackage.created(DATA) == f"{released}T00:00:00Z"


@pytest.mark.parametrize(
    "name",
    [
        "reports",
        "outline",
        "figures",
        "relations",
        "relation_inputs",
        "glossary",
        "topics",
        "framework_areas",
        "crosswalk",
    ],
)
def test_csv_round_trips_to_the_lawgov_frame(pkg, descriptor, name):
    res = _resource(descriptor, name)
    raw = (pkg / res["path"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV files carry a UTF-8 BOM (Excel)"
    back = writers.read_csv(pkg / res["path"], res["schema"]["fields"])
    if name in SAME_AS_API:
        expected = getattr(lawgov, SAME_AS_API[name])()
    elif name == "relations":
        expected = lawgov.relations().merge(
            lawgov.audit()[["report", "id", "computed", "stated", "verdict", "reason", "details"]], on=["report", "id"]
        )
    else:
        expected = package_tables.relation_inputs(DATA)
    assert list(back.columns) == list(expected.columns)
    assert len(back) == res["rows"] == len(expected)
    # dtype-aware: the same dtype column by column, categories and their order included
    for col in expected.columns:
        assert back[col].dtype == expected[col].dtype, f"{name}.{col}: {back[col].dtype} != {expected[col].dtype}"
    pd.testing.assert_frame_equal(back, expected.reset_index(drop=True), check_dtype=True, check_categorical=True)
    if name == "figures":  # Chinese survives the trip
        assert back["indicator_zh"].str.contains(r"[\u4e00-\u9fff]").all()


@pytest.mark.parametrize("name", ["figures", "relations", "glossary", "outline"])
def test_json_and_parquet_hold_the_same_rows(pkg, descriptor, name):
    res = _resource(descriptor, name)
    back = writers.read_csv(pkg / res["path"], res["schema"]["fields"])
    records = json.loads((pkg / "json" / f"{name}.json").read_text(encoding="utf-8"))
    table = pq.read_table(pkg / "parquet" / f"{name}.parquet")
    assert table.num_rows == len(records) == len(back)
    assert table.schema.names == [f["name"] for f in res["schema"]["fields"]]
    assert table.schema.pandas_metadata is None  # no pandas index or metadata
    pyl = table.to_pylist()
    for f in res["schema"]["fields"]:
        col = f["name"]
        for i, value in enumerate(back[col]):
            j, p = records[i][col], pyl[i][col]
            if f["type"] in ("list",):
                assert j == p == list(value)
            elif f["type"] in ("object", "array"):
                assert j == value and json.loads(p) == value
            elif pd.isna(value) if not isinstance(value, (list, dict)) else False:
                assert j is None and p is None
            elif f["type"] == "date":
                assert j == value.strftime("%Y-%m-%d") == p.isoformat()
            else:
                assert j == p == (value.item() if hasattr(value, "item") else value), (col, i)


def test_chapter_csvs_partition_the_figures(pkg, descriptor):
    fields = _resource(descriptor, "figures")["schema"]["fields"]
    figures = writers.read_csv(pkg / "csv" / "figures.csv", fields)
    chapters = links.chapter_downloads(pkg)
    assert sorted(chapters) == sorted(lawgov.outline()["part"].unique()) == list(range(7))
    parts = [writers.read_csv(pkg / rel, fields) for _, rel in sorted(chapters.items())]
    assert sum(len(p) for p in parts) == len(figures)
    for part, frame in zip(sorted(chapters), parts):
        assert (frame["part"] == part).all()
        assert list(frame["id"]) == list(figures.loc[figures["part"] == part, "id"])
    book_links = links.chapter_downloads()
    assert book_links[4] == "downloads/data/chapters/figures-part-4.csv"
    assert 'href="../downloads/data/chapters/figures-part-4.csv"' in links.chapter_download_link(4, page_prefix="../")


def test_invalid_data_aborts_before_writing(tmp_path, capsys):
    import shutil

    bad = tmp_path / "data"
    shutil.copytree(DATA, bad)
    path = bad / "figures" / "kunshan-2012.yaml"
    text = path.read_text(encoding="utf-8")
    first_quote = lawgov.figures()["quote"].iloc[0]
    path.write_text(text.replace(f"quote: {first_quote}\n", "quote: 这句话不在报告里\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["export", str(out), "--data", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any("quote not found" in line and "kunshan-2012.yaml:" in line for line in err)
    assert err[-1].endswith("found") and "Traceback" not in "\n".join(err)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")], "temporary files left behind"


def test_failed_export_leaves_previous_export_intact(pkg, tmp_path, monkeypatch):
    import shutil

    out = tmp_path / "pkg"
    shutil.copytree(pkg, out)
    before = _tree(out)

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writers, "parquet_bytes", boom)
    with pytest.raises(RuntimeError):
        datapackage.export(out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_refuses_to_replace_a_directory_that_is_not_an_export(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("keep me")
    assert cli.main(["export", str(tmp_path)]) == 2
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert "not a previous export" in capsys.readouterr().err


def test_console_script(tmp_path):
    exe = Path(sys.executable).with_name("lawgov")
    out = tmp_path / "pkg"
    proc = subprocess.run(
        [str(exe), "export", str(out)], capture_output=True, text=True, env=os.environ | {"NO_COLOR": "1"}
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"ok: {len(resources())} resources")
    assert (out / "datapackage.json").exists()


def test_figures_say_how_each_period_is_known(pkg, descriptor):
    """The period basis and its words reach every format, with the closed vocabulary in the schema."""
    fields = {f["name"]: f for f in _resource(descriptor, "figures")["schema"]["fields"]}
    bases = list(typing.get_args(schema.PeriodBasis))
    assert fields["period_basis"]["constraints"]["enum"] == bases == fields["period_basis"]["categories"]
    assert "the report's year as an assumption" in fields["period"]["description"]
    assert "not_stated" in fields["period_words"]["description"]
    frame = lawgov.figures()
    back = writers.read_csv(pkg / "csv" / "figures.csv", list(fields.values()))
    records = json.loads((pkg / "json" / "figures.json").read_text(encoding="utf-8"))
    table = pq.read_table(
        pkg / "parquet" / "figures.parquet", columns=["id", "period_basis", "period_words"]
    ).to_pylist()
    expected = list(zip(frame["id"], frame["period_basis"].astype(str), frame["period_words"]))
    assert list(zip(back["id"], back["period_basis"].astype(str), back["period_words"])) == expected
    assert [(r["id"], r["period_basis"], r["period_words"]) for r in records] == expected
    assert [(r["id"], r["period_basis"], r["period_words"]) for r in table] == expected
    # not stated is an empty string, not a missing value, in every format
    assert ("hotline_calls", "to_date", "截止10月底") in expected and any(
        w == "" for _, b, w in expected if b == "not_stated"
    )


def test_an_end_the_text_does_not_state_stays_empty_in_every_format(pkg, descriptor):
    """A count 'this year' (今年以来) has no end and one to the end of October (截止10月底) no start:
    each format leaves that end missing, the schema lets it be missing, and the package says why."""
    fields = {f["name"]: f for f in _resource(descriptor, "figures")["schema"]["fields"]}
    for name in ("period_start", "period_end"):
        assert fields[name]["type"] == "date" and not fields[name].get("constraints", {}).get("required")
    assert "ISO 8601-2" in fields["period"]["description"]
    assert "compiled before its year ended" in descriptor["description"]
    assert "none is a calendar-year total" in descriptor["description"]
    frame = lawgov.figures().set_index("id")
    open_end = {"executive_meeting_topics": "period_end", "hotline_calls": "period_start"}
    back = writers.read_csv(pkg / "csv" / "figures.csv", list(fields.values())).set_index("id")
    records = {r["id"]: r for r in json.loads((pkg / "json" / "figures.json").read_text(encoding="utf-8"))}
    parquet = {r["id"]: r for r in pq.read_table(pkg / "parquet" / "figures.parquet").to_pylist()}
    for fid, missing in open_end.items():
        assert pd.isna(frame.loc[fid, missing]) and pd.isna(back.loc[fid, missing])
        assert records[fid][missing] is None and parquet[fid][missing] is None
        other = "period_start" if missing == "period_end" else "period_end"
        assert back.loc[fid, other] == frame.loc[fid, other] and records[fid][other]
    assert records["executive_meeting_topics"]["period"] == "2012-01-01/"
    assert records["hotline_calls"]["period"] == "/2012-10-31"
