"""The part chapters' summaries (lawgov.analysis.parts) and the chapters that paste them.

Each number a chapter states is checked against the figures it is computed from, each
comparative word against the counts beside it, and each key the chapter's prose pastes
against the summary (a missing key would be an empty space in the book).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import lawgov
from lawgov.analysis import parts as P
from lawgov.analysis.wording import number_word
from lawgov.book import pages
from lawgov.book.glue import PART_PAGES

REPORT = "kunshan-2012"
BOOK = Path(__file__).resolve().parents[1] / "book"
ROLE = re.compile(r"\{glue:(text|md)\}`([^`]+)`")


@pytest.fixture(scope="module")
def by_id(figs):
    return figs.set_index("id")["value"]


@pytest.fixture(scope="module")
def outline():
    return lawgov.outline(REPORT)


@pytest.fixture(scope="module")
def summaries():
    return {p: P.summary(REPORT, p) for p in range(7)}


def _word_agrees(word: str, part: int, whole: int) -> bool:
    """What majority_word's words claim about part / whole."""
    return {"all": part == whole, "most": whole > part > whole / 2, "half": 2 * part == whole,
            "fewer than half": 2 * part < whole}[word]


def test_every_part_page_is_registered_and_prefixed(summaries):
    for p, s in summaries.items():
        assert f"p{p}" in pages.SUMMARIES
        assert pages.page_summary(REPORT, f"p{p}") == s
        assert s and all(k.startswith(f"p{p}.") for k in s), p
        assert all(isinstance(v, str) and v for v in s.values()), p


@pytest.mark.parametrize("part", range(1, 6))
def test_part_counts_are_the_outlines(summaries, figs, outline, part):
    s = summaries[part]
    mine = outline[outline["part"] == part]
    assert s[f"p{part}.n_subsections"] == str((mine["level"] == 1).sum())
    assert s[f"p{part}.n_measures"] == str((mine["level"] == 2).sum())
    assert s[f"p{part}.n_figures"] == str((figs["part"] == part).sum())
    subs = mine[mine["level"] == 1]["section"]
    assert sum(int(s[f"p{part}.{sec}.n_figures"]) for sec in subs) == (figs["part"] == part).sum()


@pytest.mark.parametrize("part", range(1, 6))
def test_share_words_agree_with_the_counts(summaries, outline, part):
    s = summaries[part]
    total = int(s[f"p{part}.n_figures"])
    for sec in outline[(outline["part"] == part) & (outline["level"] == 1)]["section"]:
        assert _word_agrees(s[f"p{part}.{sec}.share"], int(s[f"p{part}.{sec}.n_figures"]), total), sec
    assert _word_agrees(s[f"p{part}.measures_without_word"], int(s[f"p{part}.n_measures_without_figures"]),
                        int(s[f"p{part}.n_measures"]))


def test_part_4_holds_half_its_figures_in_its_first_subsection(summaries, figs):
    # the chapter once said "most of them"; 9 of 18 is half
    in_41 = figs["section"].str.startswith("4.1.").sum()
    assert 2 * in_41 == (figs["part"] == 4).sum()
    assert summaries[4]["p4.4.1.share"] == "half"


def test_differences_are_the_figures_arithmetic(summaries, by_id):
    assert summaries[4]["p4.filings_not_accepted"] == f"{by_id['filings_reviewed'] - by_id['filings_accepted']:,.0f}"
    assert summaries[5]["p5.not_valid"] == f"{by_id['hotline_calls'] - by_id['hotline_valid_orders']:,.0f}"
    assert summaries[5]["p5.mediation_failed"] == f"{by_id['mediation_cases'] - by_id['mediation_successes']:,.0f}"
    assert summaries[1]["p1.upper_rungs"] == f"{by_id['suzhou_model_units_selected'] + by_id['provincial_model_candidates_selected']:.0f}"


def test_part_1_is_least_quantified_on_both_measures_it_names(summaries, figs, outline):
    """"the least quantified ... by number of figures and by figures per thousand characters":
    both ranks recomputed from the figures and the text (whitespace excluded)."""
    body, parts = lawgov.body(REPORT), outline[outline["level"] == 0].set_index("part")
    n = {p: int((figs["part"] == p).sum()) for p in range(1, 6)}
    chars = {p: sum(not ch.isspace() for ch in body[int(parts.loc[p, "start"]):int(parts.loc[p, "end"])]) for p in n}
    per_1000 = {p: 1000 * n[p] / chars[p] for p in n}
    s = summaries[1]
    assert s["p1.per_1000"] == f"{per_1000[1]:.1f}"
    if s["p1.quantified"] == "the least quantified" and s["p1.quantified_by"].startswith("by number of figures and"):
        assert n[1] == min(n.values()) and per_1000[1] == min(per_1000.values())
    measures = outline[outline["level"] == 2]
    without = {p: ((measures["part"] == p) & (measures["n_figures"] == 0)).sum() / (measures["part"] == p).sum() for p in n}
    same = [p for p in n if p != 1 and without[p] == without[1]]
    assert ("the same share as in" in s["p1.share_compared"]) == bool(same)
    assert all(f"part {p}" in s["p1.share_compared"] for p in same)


def test_the_speed_up_readings_are_compared_on_one_scale(summaries, by_id):
    """p2 compares the readings on the processing-time index (2010 = 100), not as percentages of
    different things (a cut in time, a rise in speed)."""
    a, b = by_id["approval_speedup_2011"] / 100, by_id["approval_speedup_2012"] / 100
    index = {"compound": 100 * (1 - a) * (1 - b), "added": 100 * (1 - a - b), "speed": 100 / ((1 + a) * (1 + b))}
    s = summaries[2]
    assert s["p2.added_index"] == f"{index['added']:.1f}" and s["p2.speed_index"] == f"{index['speed']:.1f}"
    assert s["p2.index_low"] == f"{min(index.values()):.1f}" and s["p2.index_high"] == f"{max(index.values()):.1f}"
    assert s["p2.readings_spread"] == f"{max(index.values()) - min(index.values()):.1f} points"


def test_pooled_floor_and_its_shortfall(summaries, by_id):
    s = summaries[3]
    base = by_id["deputies_suggestions_handled"] + by_id["cppcc_proposals_handled"]
    lo, short = int(s["p3.implied_min"].replace(",", "")), int(s["p3.implied_shortfall"])
    assert s["p3.pooled_total"] == f"{base:,.0f}" and lo + short == base
    floor = by_id["suggestions_satisfaction_rate"]
    assert round(100 * lo / base, 1) >= floor > round(100 * (lo - 1) / base, 1)


def test_the_mediation_rate_is_truncated_not_rounded(summaries, by_id):
    rate = 100 * by_id["mediation_successes"] / by_id["mediation_cases"]
    assert summaries[5]["p5.mediation_rounded"] == f"{round(rate, 2):.2f}%"
    assert int(rate * 100) / 100 == by_id["mediation_success_rate"] != round(rate, 2)


def test_dates_come_from_the_text(summaries, figs):
    # 从10月1日起 (2.1.1) leaves October to December; 12月1日起 (2.1.3) leaves December
    assert summaries[2]["p2.new_powers_months"] == "the last three months"
    assert summaries[2]["p2.enforcement_months"] == "the last month"
    october = figs[figs["period_class"].astype(str) == "January to October"]
    assert summaries[5]["p5.october_months"] == summaries[6]["p6.october_months"] == "ten months"
    assert october["period_end"].dt.month.max() == 10


def test_the_closing_areas_and_their_coverage(summaries):
    s = summaries[6]
    areas = P.closing_areas(REPORT)
    cw = lawgov.crosswalk(REPORT)
    assert set(areas) == set(cw[(cw["section"] == "6") & (cw["framework"] == "opinion-2010")]["area"])
    # named as a reader reads them (part 9 of the 2010 Opinion), every one of them, never by code
    names = s["p6.closing_areas"]
    assert all(re.search(rf"\b{a.rsplit('.', 1)[1]}\b", names) for a in areas) and "2010 Opinion" in names
    assert not any(a in names for a in areas)
    assert s["p6.least_code"] in areas  # the least covered area is one the closing maps to


def _chapter(part: int) -> str:
    return (BOOK / f"{PART_PAGES[part]}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("part", range(7))
def test_every_pasted_key_exists(summaries, figs, part):
    ids = set(figs["id"])
    for role, key in ROLE.findall(_chapter(part)):
        if role == "text":
            assert key in summaries[part], f"{PART_PAGES[part]}: no summary key {key}"
        else:
            assert key in ids or (key.endswith(".zh") and key[:-3] in ids), f"{PART_PAGES[part]}: no figure {key}"


def _cells(text: str):
    return re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)


@pytest.mark.parametrize("part", range(7))
def test_chapters_narrate(part):
    """No typed chart description, no arithmetic or filtering in a cell; captions type no figure."""
    text = _chapter(part)
    for cell in _cells(text):
        options = re.match(r"(---\n.*?\n---\n|(?::[^\n]*\n)*)", cell, re.S).group(0)
        code = cell[len(options):]
        assert not re.search(r"description=(?!None)", code), code
        assert not re.search(r"\]\s*[=!<>]=|\.query\(|\.loc\[|\.sum\(\)|\bf\"", code), code
        for caption in re.findall(r'caption: "(.*)"', options):
            # allowed: section numbers (§4.1, (3.1)), part numbers, years, the measure markers
            bare = re.sub(r"§[\d.–, §]+|\([0-6](\.[1-4]){1,2}\)|part \d|\b(19|20)\d\d\b|一是, 二是", "", caption)
            assert not re.search(r"\d", bare), caption


# ---- the numbers a reader checks by hand: lengths, shares and counts the prose states ----------

def test_preamble_length_with_and_without_the_title_line(summaries):
    body, o = lawgov.body(REPORT), lawgov.outline(REPORT).set_index("section")
    title, paragraph = body[int(o.loc["0", "start"]):int(o.loc["0", "end"])].strip().split("\n", 1)
    chars = lambda s: sum(not c.isspace() for c in s)  # noqa: E731
    s = summaries[0]
    assert s["p0.preamble_paragraph_chars"] == f"{chars(paragraph):,}"
    assert int(s["p0.preamble_chars"].replace(",", "")) == chars(title) + chars(paragraph)
    assert title.endswith("工作报告")  # the line left out is the report's title, not part of the paragraph


def test_other_periods_are_counted_as_periods_not_figures(summaries, figs):
    other = figs[figs["period_class"].astype(str) == "other"]
    spans = set(zip(other["period_start"], other["period_end"]))
    assert summaries[0]["p0.n_other"] == str(len(other))
    assert summaries[0]["p0.n_other_periods"] == number_word(len(spans))
    assert len(spans) < len(other)  # two figures share 2010-2012: "four periods" was wrong


def test_the_pooled_floor_is_the_rate_of_the_implied_count(summaries, by_id):
    s = summaries[3]
    lo, base = int(s["p3.implied_min"].replace(",", "")), int(s["p3.pooled_total"].replace(",", ""))
    assert s["p3.implied_min_rate"] == f"{100 * lo / base:.2f}%"
    assert float(s["p3.implied_min_rate"].rstrip("%")) >= by_id["suggestions_satisfaction_rate"]


def test_rates_printed_with_their_counts_are_those_the_audit_recomputes(summaries):
    audit = lawgov.audit(REPORT)
    rates = audit[(audit["part"] == 5) & (audit["kind"].astype(str) == "rate")]
    n = int(rates["computed"].notna().sum())  # the mediation rate: an implied count is not a check
    words = summaries[5]["p5.checkable_rates"]
    assert number_word(n) in words.split() and (" is " in words) == (n == 1)
    assert 0 < n < len(rates)


def test_the_closing_oversight_problem_is_counted_in_section_4_1(summaries, figs, outline):
    s = summaries[6]
    in_41 = figs["section"].str.startswith("4.1.")
    assert s["p6.s41_figures"] == str(int(in_41.sum()))
    assert s["p6.s41_documents"] == str(int((figs["section"] == "4.1.4").sum()))
    assert s["p6.s41_measures"] == number_word(int(((outline["level"] == 2) & outline["section"].str.startswith("4.1.")).sum()))
    assert "2010 Opinion" in s["p6.leadership_rank"]  # compared within the Opinion, not across frameworks
