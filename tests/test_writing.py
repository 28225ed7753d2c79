"""lawgov.analysis.writing against the real report: segmentation, lengths, density, positions, words, kinds."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import jieba
import pytest

import lawgov
from lawgov.analysis import writing
from lawgov.analysis.wording import number_word


@pytest.fixture(scope="module")
def body() -> str:
    return lawgov.body()


def test_segmenter_keeps_report_terms_whole():
    words = writing.segment("全年受理行政复议案件40件,坚持依法行政,对359件市政府规范性文件进行清理")
    for term in ("行政复议", "依法行政", "规范性文件"):
        assert term in words


def test_every_glossary_term_jieba_can_hold_is_one_token_in_the_body(body):
    terms = writing.dictionary_terms()
    tokens = set(writing.segment(body))
    # every dictionary term that occurs in the body, standing alone, comes out whole
    whole = [t for t in terms if t in body and writing.segment(t) == [t]]
    assert len(whole) == len([t for t in terms if t in body])
    assert "依法行政" in tokens and "行政复议" in tokens


def test_private_tokenizer_does_not_touch_jiebas_global_dictionary():
    writing.tokenizer()  # builds and caches the report's tokenizer
    assert writing.tokenizer() is writing.tokenizer()
    assert writing.tokenizer() is not jieba.dt
    # the global tokenizer has no entry for a report-only term
    jieba.dt.check_initialized()
    assert "市政府常务会议" not in jieba.dt.FREQ or jieba.dt.FREQ.get("市政府常务会议") == 0


def test_part_lengths_add_up_to_the_body_without_whitespace(body):
    lengths = writing.part_lengths()
    assert list(lengths["part"]) == list(range(7))
    assert lengths["chars"].sum() == len("".join(body.split()))
    assert lengths["share"].sum() == pytest.approx(1.0)
    assert (lengths["han"] <= lengths["chars"]).all()


def test_measures_per_subsection_matches_the_markers_in_the_text(body):
    meas = writing.measures_per_subsection()
    out = lawgov.outline().set_index("section")
    for s in meas.to_dict("records"):
        span = body[int(out.loc[s["section"], "start"]) : int(out.loc[s["section"], "end"])]
        counted = sum(span.count(m) for m in ("一是", "二是", "三是", "四是", "五是"))
        assert s["measures"] == counted, s["section"]
    assert meas["measures"].sum() == (lawgov.outline()["level"] == 2).sum()


def test_density_equals_count_over_length_times_1000(body):
    figs = lawgov.figures()
    out = lawgov.outline().set_index("section")
    dens = writing.figures_density(by="subsection").set_index("section")
    for section, row in dens.iterrows():
        start, end = int(out.loc[section, "start"]), int(out.loc[section, "end"])
        chars = sum(1 for ch in body[start:end] if not ch.isspace())
        n = sum(1 for o in figs["offset"] if start <= o < end)
        assert row["figures"] == n
        assert row["per_1000"] == pytest.approx(n / chars * 1000)
    by_part = writing.figures_density(by="part")
    assert by_part["figures"].sum() == len(figs)


def test_figure_positions_are_monotone_and_inside_their_part():
    pos = writing.figure_positions()
    bounds = writing.part_boundaries().set_index("part")
    assert pos["char_offset"].is_monotonic_increasing
    for p in pos.to_dict("records"):
        assert bounds.loc[p["part"], "start"] <= p["char_offset"] < bounds.loc[p["part"], "end"]
    assert pos["position"].between(0, 1).all()


def test_top_words_are_content_words_counted_in_their_part():
    top = writing.top_words(n=5)
    words = writing.words()
    assert not top["word"].isin(writing.ALL_STOP_WORDS).any()
    assert top["word"].str.fullmatch(r"[\u4e00-\u9fff]{2,}").all()
    for r in top.to_dict("records"):
        assert r["count"] == ((words["part"] == r["part"]) & (words["word"] == r["word"])).sum()
    # ranks are by count within each part
    for _, g in top.groupby("part"):
        assert list(g["count"]) == sorted(g["count"], reverse=True)


def test_figure_kinds_shares_sum_to_one():
    kinds = writing.figure_kinds()
    figs = lawgov.figures()
    assert kinds["figures"].sum() == len(figs)
    assert kinds["share"].sum() == pytest.approx(1.0)
    rate = kinds.set_index("kind").loc["rate", "figures"]
    assert rate == (figs["unit_en"] == "percent").sum()
    by_part = writing.figure_kinds(by_part=True)
    assert by_part.groupby("part")["share"].sum().round(9).eq(1).all()


def test_summary_names_the_most_and_least_quantified_subsections():
    s = writing.summary()
    dens = writing.figures_density(by="subsection")
    top = dens.sort_values(["per_1000", "section"], ascending=[False, True]).iloc[0]
    assert s["writing.top1"].startswith(f"§{top['section']} ") and s["writing.top1_density"] == f"{top['per_1000']:.1f}"
    assert s["writing.chars"] == f"{writing.part_lengths()['chars'].sum():,}"
    assert all(isinstance(v, str) and v and "nan" not in v.lower() for v in s.values())


def _tooltip_has_chinese(chart) -> bool:
    """Some tooltip field of some layer holds Chinese text in the chart's data."""
    import re

    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    rows = [r for d in datasets.values() for r in d]
    fields = set()

    def walk(node):
        if isinstance(node, dict):
            tt = node.get("tooltip")
            if isinstance(tt, list):
                fields.update(t["field"] for t in tt if isinstance(t, dict) and "field" in t)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return any(re.search(r"[\u4e00-\u9fff]", str(r.get(f, ""))) for r in rows for f in fields)


def test_every_text_chart_is_described_and_bilingual():
    from lawgov import charts

    figs = lawgov.figures()
    built = [
        charts.writing.part_lengths(writing.part_lengths(), description="d"),
        charts.writing.density(writing.figures_density(), description="d"),
        charts.writing.density(writing.figures_density(by="subsection"), by="subsection", description="d"),
        charts.writing.strip(writing.figure_positions(), writing.part_boundaries(), figs, description="d"),
        charts.writing.kinds(writing.figure_kinds(by_part=True), description="d"),
        charts.writing.effort(writing.effort_words(), description="d"),
    ]
    for c in built:
        assert c.to_dict()["description"] == "d"
        assert _tooltip_has_chinese(c)


def test_the_words_the_chapter_types_are_the_datas():
    """ "The closing and preamble use them most: the framing passages" and "the only sum of money"
    are typed on the page; the data must say the same."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "book" / "writing.md").read_text(encoding="utf-8")
    s = writing.summary()
    assert "{glue:text}`writing.effort_top_b` use them most: the framing\npassages" in page
    assert {s["writing.effort_top_a"], s["writing.effort_top_b"]} == {"preamble", "closing"}
    assert "{glue:text}`writing.kind_money_share`) is money" in page and "the only sum of money" in page
    assert (lawgov.figures()["kind"] == "money").sum() == 1 and s["writing.kind_money"] == "one"
    assert "No number at all is stated in {glue:text}`writing.zero_count` subsections" in page
    dens = writing.figures_density(by="subsection")
    assert s["writing.zero_count"] == number_word(int((dens["figures"] == 0).sum()))
