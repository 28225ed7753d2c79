"""The summaries of the front and reference pages (lawgov.analysis.front, .furniture): each
number is the data's, worked out here independently."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov.analysis import display, front, furniture
from lawgov.analysis.wording import number_word
from lawgov.book.pages import SUMMARIES, page_summary

REPORT = "kunshan-2012"
BOOK = Path(__file__).resolve().parents[1] / "book"


@pytest.mark.parametrize(
    "page", ["intro", "numbers", "source", "methods", "data", "glossary", "cite", "audit", "writing", "frameworks"]
)
def test_every_page_has_a_summary_keyed_by_its_name(page):
    assert page in SUMMARIES
    values = page_summary(REPORT, page)
    assert values and all(k.startswith(page + ".") for k in values), [k for k in values if not k.startswith(page + ".")]
    assert all(isinstance(v, str) and v for v in values.values())


def test_intro_counts(figs):
    s = page_summary(REPORT, "intro")
    outline = lawgov.outline(REPORT)
    assert s["intro.n_figures"] == str(len(figs))
    assert s["intro.n_measures"] == str((outline["level"] == 2).sum())
    assert [s[f"intro.n_part_{p}"] for p in range(7)] == [number_word((figs["part"] == p).sum()) for p in range(7)]


def test_numbers_spread(figs):
    s = page_summary(REPORT, "numbers")
    # shares only: the percent figures that a compound relation combines are changes (speed-ups)
    rel = lawgov.relations(REPORT)
    changes = {i for r in rel[rel["kind"] == "compound"].itertuples() for i in r.inputs}
    assert changes == {"approval_speedup_2011", "approval_speedup_2012"}
    rates = figs[(figs["kind"] == "rate") & ~figs["id"].isin(changes)]["value"]
    near = int((rates >= front.NEAR_FULL).sum())
    assert (s["numbers.rates_near_full"], s["numbers.n_rates"]) == (number_word(near), number_word(len(rates)))
    n = len(rates)
    expected = "All" if near == n else "Most" if 2 * near > n else "Half" if 2 * near == n else "Fewer than half"
    assert s["numbers.rates_near_top"] == expected
    assert s["numbers.n_zeros"] == number_word(int((figs["value"] == 0).sum()))
    counts = figs[(figs["kind"] != "rate") & (figs["value"] > 0)].sort_values("value")
    assert s["numbers.count_max"] == display.value_en(counts.iloc[-1])
    assert s["numbers.count_max_indicator"] == counts.iloc[-1]["indicator_en"]


def test_source_periods_off_the_year(figs):
    s = page_summary(REPORT, "source")
    end = pd.to_datetime(figs["period_end"])
    october = figs[(end.dt.month == 10) & (end.dt.day == 31)]
    assert s["source.n_october"] == str(len(october))
    assert s["source.n_earlier"].startswith(str(int((end.dt.year < 2012).sum())) + " figure")
    start = pd.to_datetime(figs["period_start"])
    assert s["source.n_into_next"] == f"{int(((start.dt.year == 2012) & (end.dt.year > 2012)).sum())} figures"
    assert s["source.into_next_period"] == "2012–2013"
    body, source = lawgov.body(REPORT), lawgov.source_text(REPORT)
    assert s["source.body_chars"] == f"{len(body):,}" and s["source.n_qmarks"] == str(body.count("?"))
    assert s["source.title_count"] == str(source.count(lawgov.reports().iloc[0]["body_starts_with"]))


@pytest.mark.parametrize(
    ("key", "verb"), [("n_earlier", "is"), ("n_multi", "reach"), ("n_into_next", "run"), ("n_within", "is")]
)
def test_the_source_pages_typed_verbs_agree_with_its_counts(key, verb):
    """ "1 figure is", "2 figures reach": the page types the verb after a glued count, so the
    count must be one where the verb is singular, and more where it is plural."""
    page = " ".join((BOOK / "source.md").read_text(encoding="utf-8").split())
    assert f"{{glue:text}}`source.{key}` {verb} " in page
    n = int(page_summary(REPORT, "source")[f"source.{key}"].split()[0].replace(",", ""))
    assert (n == 1) == (verb == "is"), f"source.{key} is {n}: the page's '{verb}' no longer agrees"


def test_methods_and_data_use_the_stored_value(figs):
    value = figs.set_index("id").loc[front.CITE_EXAMPLE, "value"]
    assert page_summary(REPORT, "methods")["methods.stored_percent"] == display.number(value)
    assert page_summary(REPORT, "data")["data.stored_percent"] == display.number(value)
    assert page_summary(REPORT, "methods")["methods.basis_not_stated"] == number_word(
        int((figs["period_basis"].astype(str) == "not_stated").sum())
    )


def test_report_citation_names_the_capture():
    rep = lawgov.reports().set_index("id").loc[REPORT]
    text = front.report_citation(REPORT)
    assert rep["title_zh"] in text and rep["capture_site_zh"] in text and str(rep["capture_page_date"])[:10] in text
    assert "not given" in text  # the capture's original address is empty


def test_qualifier_and_period_counts_add_up(figs):
    assert front.qualifier_counts(REPORT)["figures"].sum() == len(figs)
    assert front.period_counts(REPORT)["figures"].sum() == len(figs)


def test_furniture_periods_off_the_year_account_for_every_other_period(figs):
    off = furniture.periods_off_year(REPORT)
    basis = figs["period_basis"].astype(str)
    assert set(off["october"]["id"]) == set(figs.loc[basis == "to_date", "id"])
    # "About the source" accounts for every figure whose period is neither the report year nor
    # open at one end: earlier, multi-year, into the next year, or within the year by a reading
    closed = figs["period_start"].notna() & figs["period_end"].notna()
    other = set(figs.loc[closed & (figs["period"] != "2012-01-01/2012-12-31"), "id"])
    groups = [set(off[k]["id"]) for k in ("earlier", "multi_year", "into_next", "within_year")]
    assert set().union(*groups) == other and sum(map(len, groups)) == len(other)
    assert set(off["within_year"]["period_basis"].astype(str)) == {"reading"}


def test_source_counts_the_semicolons_where_they_are():
    body, s = lawgov.body(REPORT), furniture.summary(REPORT)
    assert s["source.ascii_semicolons"].split()[0] == str(body.count(";"))
    assert s["source.wide_semicolons"] == number_word(body.count("；"))
    outline = lawgov.outline(REPORT)
    for i in (k for k, ch in enumerate(body) if ch == ";"):
        leaf = outline[(outline["start"] <= i) & (outline["end"] > i)].sort_values("level").iloc[-1]
        assert f"§{leaf['section']}" in s["source.semicolon_sections"]


def test_part_labels_are_in_reading_order():
    # charts sort their part axes by this order (a dict built preamble-and-closing-first put Closing second)
    from lawgov.analysis.vocabulary import PART_LABELS, PART_SHORT_ZH

    assert list(PART_LABELS) == sorted(PART_LABELS) == list(PART_SHORT_ZH)
    assert list(PART_LABELS.values())[0] == "Preamble" and list(PART_LABELS.values())[-1] == "Closing"


def test_table_source_lines_date_the_report_as_its_citation_does():
    """The source line under every table and chart gives the report no date of issue, as "How to cite" does."""
    import re

    from lawgov.book.glue import source_note

    rep = lawgov.reports().set_index("id").loc[REPORT]
    dated = re.search(r"n\.d\. \[report on \d{4}\]", front.report_citation(REPORT)).group()
    for line, end in ((front.source_line(rep, ["1.2"]), "§1.2."), (source_note(rep, ["1.2", "1.3"]), "§1.2, §1.3.")):
        assert f"({rep['issuer_en']}, {dated})" in line and line.endswith(end), line
        assert f"{rep['issuer_en']}, {rep['year']})" not in line
