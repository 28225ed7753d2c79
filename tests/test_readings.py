"""lawgov.analysis.readings against the real report: every reading is arithmetic on the printed figures."""

from __future__ import annotations

import pandas as pd
import pytest

import lawgov
from lawgov.analysis import readings

REPORT = "kunshan-2012"


@pytest.fixture(scope="module")
def outline():
    return lawgov.outline(REPORT)


@pytest.fixture(scope="module")
def audit():
    return lawgov.audit(REPORT).set_index("id")


def test_structure_counts_every_unit_once(figs, outline):
    wide = readings.structure(outline, figs).pivot(index="part", columns="what", values="n")
    assert list(wide.index) == sorted(outline.loc[outline["level"] == 0, "part"])
    subs, measures, figures = (wide[w] for w in readings.STRUCTURE_WHAT)
    assert figures.sum() == len(figs)
    assert measures.sum() == (outline["level"] == 2).sum()
    assert subs.sum() == (outline["level"] == 1).sum()
    for part, n in subs.items():
        assert n == ((outline["part"] == part) & (outline["level"] == 1)).sum()


def test_part_counts_split_measures_by_whether_they_carry_a_figure(figs, outline):
    counts = readings.part_counts(outline, figs)
    assert (counts["measures_with_figures"] + counts["measures_without_figures"] == counts["measures"]).all()
    measures = outline[outline["level"] == 2]
    for part, row in counts.iterrows():
        mine = measures[measures["part"] == part]
        assert row["measures_with_figures"] == (mine["n_figures"] > 0).sum()
        assert row["figures"] == (figs["part"] == part).sum()


@pytest.mark.parametrize("part", range(1, 6))
def test_subsection_profile_adds_up_to_the_part(figs, outline, part):
    wide = readings.subsection_profile(outline, figs, part).pivot(index="section", columns="what", values="n")
    assert wide[readings.PROFILE_WHAT[1]].sum() == (figs["part"] == part).sum()
    assert wide[readings.PROFILE_WHAT[0]].sum() == ((outline["part"] == part) & (outline["level"] == 2)).sum()
    for section, n in wide[readings.PROFILE_WHAT[1]].items():
        assert n == outline.set_index("section").loc[section, "n_figures"]


def test_under_does_not_confuse_sibling_sections():
    s = pd.Series(["4.1", "4.1.4", "4.10", "4.11.1", "5.1"])
    assert list(readings.under(s, "4.1")) == [True, True, False, False, False]


def test_pooled_base_is_the_sum_of_its_counts(figs, by_id):
    ids = ["deputies_suggestions_handled", "cppcc_proposals_handled"]
    pool = readings.pooled_base(figs, ids)
    assert pool["total"] == by_id.loc[ids, "value"].sum()
    assert pool["text"] == " + ".join(f"{int(v):,}" for v in by_id.loc[ids, "value"])


@pytest.mark.parametrize("rate", ["suggestions_satisfaction_rate", "suggestions_completion_rate"])
def test_implied_counts_are_exactly_the_counts_consistent_with_the_printed_rate(figs, by_id, rate):
    base = readings.pooled_base(figs, ["deputies_suggestions_handled", "cppcc_proposals_handled"])["total"]
    r = by_id.loc[rate]
    d = int(r["decimals"])
    ic = readings.implied_counts(figs, [rate], base).iloc[0]

    def ok(k):
        share = round(100 * k / base, d)
        return share >= r["value"] if r["qualifier"] == "at_least" else share == r["value"]

    assert [k for k in range(base + 1) if ok(k)] == list(range(int(ic["min_count"]), int(ic["max_count"]) + 1))
    assert ic["max_shortfall"] == base - ic["min_count"]


def test_funnel_counts_multiply_each_rate_by_the_stage_before(figs, by_id, audit):
    stages = ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"]
    f = readings.funnel_counts(figs, stages)
    assert list(f["implied"]) == [by_id.loc[s, "unit_en"] == "percent" for s in stages]
    for prev, cur in zip(f.to_dict("records"), f.to_dict("records")[1:]):
        expected = prev["count"] * cur["value"] / 100 if cur["implied"] else cur["value"]
        assert cur["count"] == pytest.approx(expected)
    # the audit's funnel reaches the same implied counts
    details = {d["figure"]: d["count"] for d in audit.loc["hotline_funnel", "details"]}
    assert list(f["count"]) == pytest.approx([details[s] for s in stages])
    assert f["share_of_first"].iloc[-1] == pytest.approx(f["count"].iloc[-1] / by_id.loc["hotline_calls", "value"])


def test_remainder_is_the_whole_less_its_parts(figs, by_id, audit):
    assert readings.remainder(figs, "filings_reviewed", ["filings_accepted"]) == (
        by_id.loc["filings_reviewed", "value"] - by_id.loc["filings_accepted", "value"]
    )
    parts = ["normative_documents_abolished", "normative_documents_amended", "normative_documents_retained"]
    assert readings.remainder(figs, "normative_documents_cleaned_up", parts) == 0
    assert str(audit.loc["normative_cleanup_adds_up", "verdict"]) == "exact"  # the audit agrees the parts add up


def test_ratios_are_numerator_over_denominator(figs, by_id, audit):
    specs = lawgov.relations(REPORT).set_index("id")["spec"]
    rel = [i for i in audit.index if str(audit.loc[i, "kind"]) == "ratio"]
    t = readings.ratios(figs, audit.reset_index(), rel)
    assert list(t["relation"]) == rel
    for r in t.to_dict("records"):
        spec = specs[r["relation"]]
        assert (r["numerator"], r["denominator"]) == (spec["numerator"], spec["denominator"])
        num, den = by_id.loc[r["numerator"], "value"], by_id.loc[r["denominator"], "value"]
        assert (r["numerator_value"], r["denominator_value"]) == (num, den)
        # a bounded ratio is a share, in percent; an unbounded one is an average per unit
        assert r["per_unit"] == pytest.approx(100 * num / den if spec["bounded"] else num / den)


def test_periods_cover_every_figure_once(figs):
    p = readings.periods(figs)
    assert p["n"].sum() == len(figs)
    at = p["start"].fillna(p["end"])  # a period with no stated start is placed by its end
    assert list(at) == sorted(at)
    for row in p.to_dict("records"):
        ids = row["ids"].split(", ")
        sub = figs.set_index("id").loc[ids]
        for col, key in (("period_start", "start"), ("period_end", "end")):
            if pd.isna(row[key]):  # an end the text does not state stays missing, never filled in
                assert sub[col].isna().all()
            else:
                assert (pd.to_datetime(sub[col]) == row[key]).all()
    words = dict(zip(p["period"], p["n"]))
    assert "to 31 Oct 2012, start not stated" in words and "from 1 Jan 2012, end not stated" in words
