"""Loaders: the source capture, YAML with lines, problems, numerals and the public frames."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import lawgov
from conftest import REAL_DATA, SOURCE_SHA256, real_body, real_headings, replace_in
from lawgov.dataset.errors import DataError, Problem
from lawgov.dataset.headings import section_of
from lawgov.dataset.numerals import find_value, format_number
from lawgov.dataset.yamlio import load_yaml

# -- the source -----------------------------------------------------------------------------


def test_source_is_the_seeded_capture_byte_for_byte() -> None:
    raw = (REAL_DATA / "sources" / "kunshan-2012.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SOURCE_SHA256
    reports = yaml.safe_load((REAL_DATA / "reports.yaml").read_text(encoding="utf-8"))
    assert next(r for r in reports if r["id"] == "kunshan-2012")["sha256"] == SOURCE_SHA256


# -- errors and YAML ------------------------------------------------------------------------


def test_problem_format_omits_unknown_parts() -> None:
    full = Problem("data/figures/kunshan-2012.yaml", 212, "x", "quote", "quote not found in section 4.1.4")
    assert str(full) == "data/figures/kunshan-2012.yaml:212: entry 'x': field 'quote': quote not found in section 4.1.4"
    assert (
        str(Problem("data/glossary.yaml", 3, None, None, "YAML syntax error: x"))
        == "data/glossary.yaml:3: YAML syntax error: x"
    )
    assert (
        str(Problem("data/figures/a.yaml", None, None, None, "file not found")) == "data/figures/a.yaml: file not found"
    )
    err = DataError([full, full])
    assert err.problems == [full, full] and str(err).count("\n") == 1


def test_yaml_records_lines_of_mappings_keys_and_items(tmp_path: Path) -> None:
    p = tmp_path / "x.yaml"
    p.write_text("# c\nitems:\n  - id: a\n    tags: [x, y]\n  -\n    id: b\n", encoding="utf-8")
    data, problems = load_yaml(p, "x.yaml")
    assert problems == []
    assert data.line == 2 and data.key_lines == {"items": 2}
    assert data["items"].item_lines == [3, 6]  # an item's line is where its content starts
    assert data["items"][0].key_lines == {"id": 3, "tags": 4}
    assert data["items"][1].line == 6 and data["items"][1].key_lines == {"id": 6}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "x.yaml:1: file is empty"),
        (b"a: 1\nb: [\n", "x.yaml:3: YAML syntax error: "),
        (b"a: 1\n\xc3\x28\n", "x.yaml:2: not valid UTF-8 (byte 0xc3 at offset 5)"),
        (b"a: 1\nb: 2\na: 3\n", "x.yaml:3: duplicate key 'a' (first at line 1)"),
        (b"a: !!python/name:os.system\n", "x.yaml:1: YAML syntax error: "),
    ],
)
def test_yaml_problems_not_tracebacks(tmp_path: Path, raw: bytes, expected: str) -> None:
    p = tmp_path / "x.yaml"
    p.write_bytes(raw)
    _, problems = load_yaml(p, "x.yaml")
    assert len(problems) == 1 and str(problems[0]).startswith(expected)


# -- numerals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quote", "text"),
    [
        (95, "废止95件", "95"),
        (99.95, "调解成功率99.95%", "99.95"),
        (3.7, "促进增收节支3.7亿元", "3.7"),
        (94129, "共接群众来电94129个", "94129"),
        (100.0, "办结率100%", "100"),
        (4, "四个工作组", "四"),
        (3, "三级电子评价体系", "三"),
        (10, "十大行动", "十"),
        (1, "一名市领导", "一"),
        (0, "无一败诉", "无一"),
        (18, "十八大期间", "十八"),
    ],
)
def test_value_is_read_from_the_quote(value: float, quote: str, text: str) -> None:
    printed = find_value(value, quote)
    assert printed is not None and printed.text == text
    assert quote[printed.offset :].startswith(text)


@pytest.mark.parametrize(("value", "quote"), [(96, "废止95件"), (99.9, "99.95%"), (5, "四个工作组"), (1, "无一败诉")])
def test_value_absent_from_the_quote(value: float, quote: str) -> None:
    assert find_value(value, quote) is None


def test_format_number_prints_as_a_person_would() -> None:
    assert [format_number(v) for v in (96.0, 99.95, 0.0, 3.70)] == ["96", "99.95", "0", "3.7"]


# -- frames -----------------------------------------------------------------------------------


def test_figures_frame(shared_data: Path) -> None:
    df = lawgov.figures(data_dir=shared_data)
    body = real_body()
    headings = real_headings()
    assert list(df.columns) == [
        "report",
        "id",
        "global_id",
        "section",
        "part",
        "quote",
        "value",
        "value_text",
        "decimals",
        "unit_zh",
        "unit_en",
        "qualifier",
        "period",
        "period_start",
        "period_end",
        "full_year",
        "period_basis",
        "period_words",
        "indicator_en",
        "indicator_zh",
        "description_en",
        "topic",
        "topic_en",
        "kind",
        "note_en",
        "offset",
        "framework",
    ]
    assert df["id"].is_unique and (df["global_id"] == "kunshan-2012/" + df["id"]).all()
    assert df["value"].dtype == "Float64" and df["offset"].dtype == "Int64" and df["full_year"].dtype == "boolean"
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    for row in df.itertuples():
        assert body[row.offset : row.offset + len(row.quote)] == row.quote
        assert section_of(headings, row.offset).startswith(row.section)
        assert row.part == int(row.section.split(".")[0])
        assert row.value_text in row.quote
    by = df.set_index("id")
    assert (
        by.loc["mediation_success_rate", "value_text"] == "99.95" and by.loc["mediation_success_rate", "decimals"] == 2
    )
    assert by.loc["town_reform_working_groups", "value_text"] == "四"
    # full_year is the text's 全年 (period_basis whole_year); no column classes a figure as a "full year"
    assert df["full_year"].astype(bool).equals(df["period_basis"].astype(str) == "whole_year")
    assert (df.loc[df["full_year"].astype(bool), "period"] == "2012-01-01/2012-12-31").all()
    # an end the text does not state is missing: 截止10月底 gives no start, 今年以来 no end
    october = df["period_basis"].astype(str) == "to_date"
    assert october.any() and (df.loc[october, "period"] == "/2012-10-31").all()
    assert df.loc[october, "period_start"].isna().all()
    ytd = df["period_basis"].astype(str) == "year_to_date"
    assert ytd.any() and (df.loc[ytd, "period"] == "2012-01-01/").all() and df.loc[ytd, "period_end"].isna().all()
    assert df.loc[~october & ~ytd, ["period_start", "period_end"]].notna().all().all()
    hotline = by.loc["hotline_calls"]
    assert not hotline["full_year"] and hotline["period_end"] == pd.Timestamp("2012-10-31")
    assert pd.isna(hotline["period_start"])
    assert by.loc["audit_savings", "full_year"]
    # crosswalk of 4.1.4 (opinion-2010.4) and of its ancestor 4 (opinion-2010.8)
    assert by.loc["normative_documents_abolished", "framework"] == ["opinion-2010.4", "opinion-2010.8"]
    assert by.loc["audit_savings", "framework"] == ["opinion-2010.8"]
    assert by.loc["mediation_cases", "framework"] == []


def test_outline_frame(shared_data: Path) -> None:
    df = lawgov.outline(data_dir=shared_data)
    assert len(df) == len(real_headings())
    assert set(df["level"]) == {0, 1, 2}
    row = df.set_index("section").loc["4.1.4"]
    assert row["heading_zh"] == "规范文件管理" and row["title_en"] == "Section 4.1.4" and row["part"] == 4
    figures = lawgov.figures(data_dir=shared_data)
    n = df.set_index("section")["n_figures"]
    assert n["4.1.4"] == (figures["section"] == "4.1.4").sum() == 4
    assert n["4"] == figures["section"].str.startswith("4").sum()
    assert n["0"] + sum(n[str(p)] for p in range(1, 7)) == len(figures)


def test_glossary_frame(shared_data: Path) -> None:
    df = lawgov.glossary(data_dir=shared_data).set_index("id")
    body, headings = real_body(), real_headings()
    assert df.loc["law_based_administration", "pinyin"] == "yīfǎ xíngzhèng"
    assert df.loc["administrative_reconsideration", "pinyin"] == "xíngzhèng fùyì"
    for term in df.itertuples():
        assert term.first_offset == body.index(term.zh)
        assert term.first_use == section_of(headings, term.first_offset)
    assert df.loc["administrative_reconsideration", "first_use"] == "4.3.1"


def test_optional_files_may_be_absent(data_dir: Path) -> None:
    (data_dir / "glossary.yaml").unlink()
    (data_dir / "frameworks.yaml").unlink()
    (data_dir / "relations" / "kunshan-2012.yaml").unlink()
    assert lawgov.validate(data_dir) == []
    assert lawgov.glossary(data_dir=data_dir).empty and lawgov.crosswalk(data_dir=data_dir).empty
    assert lawgov.audit(data_dir=data_dir).empty
    assert (lawgov.figures(data_dir=data_dir)["framework"].map(len) == 0).all()


def test_small_frames(shared_data: Path) -> None:
    assert lawgov.reports(data_dir=shared_data)["id"].tolist() == ["kunshan-2012"]
    assert "normative_documents" in set(lawgov.topics(data_dir=shared_data)["id"])
    fw = lawgov.frameworks(data_dir=shared_data)
    assert set(fw["code"]) == {"opinion-2010.4", "opinion-2010.8"} and set(fw["framework"]) == {"opinion-2010"}
    cw = lawgov.crosswalk("kunshan-2012", data_dir=shared_data)
    assert set(zip(cw["section"], cw["area"])) == {("4.1.4", "opinion-2010.4"), ("4", "opinion-2010.8")}
    rel = lawgov.relations(data_dir=shared_data).set_index("id")
    assert rel.loc["hotline_funnel", "inputs"] == ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"]
    assert lawgov.body(data_dir=shared_data) == real_body()
    assert lawgov.source_text("kunshan-2012", data_dir=shared_data).startswith("当前所在的位置")


def test_report_filter(shared_data: Path) -> None:
    assert len(lawgov.figures("kunshan-2012", data_dir=shared_data)) == len(lawgov.figures(data_dir=shared_data))
    with pytest.raises(KeyError, match="unknown report"):
        lawgov.figures("wuxi-2012", data_dir=shared_data)


def test_invalid_data_raises_data_error_with_every_problem(data_dir: Path) -> None:
    replace_in(data_dir / "figures" / "kunshan-2012.yaml", "    value: 95\n", "    value: 96\n")
    replace_in(data_dir / "glossary.yaml", "    zh: 行政复议\n", "    zh: 依法治国\n")
    with pytest.raises(DataError) as info:
        lawgov.figures(data_dir=data_dir)
    assert len(info.value.problems) == 2
    assert len(lawgov.validate(data_dir)) == 2


def test_cache_follows_file_changes(data_dir: Path) -> None:
    first = lawgov.figures(data_dir=data_dir)
    first.loc[0, "quote"] = "changed by the caller"
    assert lawgov.figures(data_dir=data_dir).loc[0, "quote"] != "changed by the caller"  # callers get copies
    replace_in(data_dir / "figures" / "kunshan-2012.yaml", "    value: 95\n", "    value: 96\n")
    assert lawgov.validate(data_dir) != []
    replace_in(data_dir / "figures" / "kunshan-2012.yaml", "    value: 96\n", "    value: 95\n")
    assert lawgov.validate(data_dir) == []


def test_data_dir_from_environment(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_DATA", str(shared_data))
    assert len(lawgov.figures()) == len(lawgov.figures(data_dir=shared_data))
    monkeypatch.setenv("LAWGOV_DATA", str(shared_data / "missing"))
    with pytest.raises(FileNotFoundError):
        lawgov.figures()


def test_problem_paths_are_shown_from_the_data_dirs_parent(tmp_path: Path, shared_data: Path) -> None:
    mine = tmp_path / "my-extraction"
    shutil.copytree(shared_data, mine)
    (mine / "glossary.yaml").write_text("", encoding="utf-8")
    assert [str(p) for p in lawgov.validate(mine)] == ["my-extraction/glossary.yaml:1: file is empty"]


def test_import_is_cheap() -> None:
    code = "import sys, lawgov; print(sorted(m for m in ('pandas', 'pydantic', 'jieba', 'cn2an') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_names_are_functions_beside_the_stage_packages() -> None:
    code = (
        "import lawgov, lawgov.dataset.headings, lawgov.dataset.rules; "
        "print(callable(lawgov.outline), callable(lawgov.validate), callable(lawgov.figures))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "True"]


# -- the real data ------------------------------------------------------------------------------


def test_real_data_is_valid() -> None:
    """Every quote verbatim, every value in its quote, every section and relation resolved."""
    problems = lawgov.validate(REAL_DATA)
    assert problems == [], "\n".join(map(str, problems))


def test_real_audit_finds_the_truncated_mediation_rate() -> None:
    if not (REAL_DATA / "relations" / "kunshan-2012.yaml").exists():
        pytest.skip("relations not written yet")
    df = lawgov.audit(data_dir=REAL_DATA)
    rate = df[df["inputs"].map(lambda ids: "mediation_success_rate" in ids) & (df["kind"] == "rate")]
    assert len(rate) == 1 and rate["verdict"].iloc[0] == "consistent (truncated)"
    assert df["verdict"].notna().all()


def test_pinyin_of_polyphonic_words_follows_their_meaning_here() -> None:
    from lawgov.dataset.romanize import pinyin

    g = lawgov.glossary().set_index("zh")["pinyin"]
    assert g["出庭应诉"] == "chūtíng yìngsù"  # 应诉: respond to a suit
    assert g["电子监察"].startswith("diànzǐ ")
    assert pinyin("行政复议") == "xíngzhèng fùyì" and pinyin("率先") == "shuàixiān"


def test_proper_nouns_are_capitalised_in_pinyin_and_nothing_else_is() -> None:
    """GB/T 16159 writes a name with each word capitalised (the second review's #40): the terms
    marked proper_noun in data/glossary.yaml, and only those."""
    import yaml

    terms = yaml.safe_load((REAL_DATA / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    marked = {t["id"] for t in terms if t.get("proper_noun")}
    assert marked, "no term is marked proper_noun"
    g = lawgov.glossary().set_index("id")["pinyin"]
    for tid, text in g.items():
        words = [w for w in text.replace(",", " ").split() if w[:1].isalpha()]
        if tid in marked:
            assert all(w[:1].isupper() for w in words), f"{tid}: {text!r} is a name, each word capitalised"
        else:
            assert not any(w[:1].isupper() for w in words), f"{tid}: {text!r} is not a name"
    assert g["taihu_basin_regulation"] == "Tàihú Liúyù Guǎnlǐ Tiáolì"
