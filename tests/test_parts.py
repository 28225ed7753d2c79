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
from lawgov.analysis import parts
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
    return {p: parts.summary(REPORT, p) for p in range(7)}


def _word_agrees(word: str, part: int, whole: int) -> bool:
    """What majority_word's words claim about part / whole."""
    return {
        "all": part == whole,
        "most": whole > part > whole / 2,
        "half": 2 * part == whole,
        "fewer than half": 2 * part < whole,
    }[word]


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
    assert s[f"p{part}.n_measures"] == number_word((mine["level"] == 2).sum())
    assert s[f"p{part}.n_figures"] == number_word((figs["part"] == part).sum())


def _count(text: str) -> int:
    """Back from the one rule for counts: 'six' -> 6, '18' -> 18."""
    return (
        next((n for n in range(11) if number_word(n) == text), None) if text.isalpha() else int(text.replace(",", ""))
    )


def test_counts_are_spelled_out_up_to_ten_and_numerals_above(summaries):
    assert summaries[1]["p1.n_figures"] == "six" and summaries[4]["p4.n_figures"] == "18"
    assert summaries[0]["p0.n_figures"] == "70" and summaries[6]["p6.leadership_measures"] == "ten"
    assert not any(
        k.endswith("_word") and v.isalpha() and v in {number_word(n) for n in range(11)}
        for s in summaries.values()
        for k, v in s.items()
    )  # no key spells a number another gives as a numeral


@pytest.mark.parametrize("part, sec", [(1, "1.2"), (2, "2.2"), (4, "4.1"), (5, "5.3")])
def test_share_words_agree_with_the_counts(summaries, figs, part, sec):
    s = summaries[part]
    n = figs["section"].str.startswith(sec + ".").sum()
    assert _count(s[f"p{part}.{sec}.n_figures"]) == n
    assert _word_agrees(s[f"p{part}.{sec}.share"], n, (figs["part"] == part).sum()), sec


def test_part_1_measures_without_figures(summaries, outline):
    measures = outline[(outline["level"] == 2) & (outline["part"] == 1)]
    without = int((measures["n_figures"] == 0).sum())
    s = summaries[1]
    assert _count(s["p1.n_measures_without_figures"]) == without
    assert _word_agrees(s["p1.measures_without_word"], without, len(measures))


def test_part_4_holds_half_its_figures_in_its_first_subsection(summaries, figs):
    # the chapter once said "most of them"; 9 of 18 is half
    in_41 = figs["section"].str.startswith("4.1.").sum()
    assert 2 * in_41 == (figs["part"] == 4).sum()
    assert summaries[4]["p4.4.1.share"] == "half"


def test_differences_are_the_figures_arithmetic(summaries, by_id):
    assert _count(summaries[4]["p4.filings_not_accepted"]) == by_id["filings_reviewed"] - by_id["filings_accepted"]
    assert summaries[5]["p5.not_valid"] == f"{by_id['hotline_calls'] - by_id['hotline_valid_orders']:,.0f}"
    assert _count(summaries[5]["p5.mediation_failed"]) == by_id["mediation_cases"] - by_id["mediation_successes"]
    assert (
        _count(summaries[1]["p1.upper_rungs"])
        == by_id["suzhou_model_units_selected"] + by_id["provincial_model_candidates_selected"]
    )


def test_part_1_is_least_quantified_on_both_measures_it_names(summaries, figs, outline):
    """ "the least quantified ... by number of figures and by figures per thousand characters":
    both ranks recomputed from the figures and the text (whitespace excluded)."""
    body, heads = lawgov.body(REPORT), outline[outline["level"] == 0].set_index("part")
    n = {p: int((figs["part"] == p).sum()) for p in range(1, 6)}
    chars = {p: sum(not ch.isspace() for ch in body[int(heads.loc[p, "start"]) : int(heads.loc[p, "end"])]) for p in n}
    per_1000 = {p: 1000 * n[p] / chars[p] for p in n}
    assert summaries[1]["p1.per_1000"] == f"{per_1000[1]:.1f}"
    assert n[1] == min(n.values()) and per_1000[1] == min(per_1000.values())  # as the page types it


def test_the_speed_up_readings_are_compared_on_one_scale(summaries, by_id):
    """p2 compares the readings on the processing-time index (2010 = 100), not as percentages of
    different things (a cut in time, a rise in speed)."""
    a, b = by_id["approval_speedup_2011"] / 100, by_id["approval_speedup_2012"] / 100
    index = {"compound": 100 * (1 - a) * (1 - b), "added": 100 * (1 - a - b), "speed": 100 / ((1 + a) * (1 + b))}
    s = summaries[2]
    assert s["p2.added_index"] == f"{index['added']:.1f}" and s["p2.speed_index"] == f"{index['speed']:.1f}"
    assert s["p2.index_low"] == f"{min(index.values()):.1f}" and s["p2.index_high"] == f"{max(index.values()):.1f}"
    assert s["p2.readings_spread"] == f"{max(index.values()) - min(index.values()):.1f}"


def test_pooled_floor_and_its_shortfall(summaries, by_id):
    s = summaries[3]
    base = by_id["deputies_suggestions_handled"] + by_id["cppcc_proposals_handled"]
    lo, short = int(s["p3.implied_min"].replace(",", "")), _count(s["p3.implied_shortfall"])
    assert s["p3.pooled_total"] == f"{base:,.0f}" and lo + short == base
    floor = by_id["suggestions_satisfaction_rate"]
    assert round(100 * lo / base, 1) >= floor > round(100 * (lo - 1) / base, 1)


def test_the_mediation_rate_is_truncated_not_rounded(summaries, by_id):
    rate = 100 * by_id["mediation_successes"] / by_id["mediation_cases"]
    assert summaries[5]["p5.mediation_rounded"] == f"{round(rate, 2):.2f}%"
    assert int(rate * 100) / 100 == by_id["mediation_success_rate"] != round(rate, 2)


def test_dates_come_from_the_text(summaries, figs):
    october = figs[figs["period_basis"].astype(str) == "to_date"]
    assert october["period_end"].dt.month.max() == 10
    # 截止10月底 states no start: no page counts the months it covers
    for s in (summaries[5], summaries[6]):
        assert not [k for k in s if "months" in k]
    congress = figs.set_index("id").loc["leaders_receiving_per_day", "period_start"]
    assert summaries[5]["p5.cutoff_to_congress"] == number_word((congress - october["period_end"].max()).days)


def test_the_closing_areas_and_their_coverage(summaries):
    s = summaries[6]
    areas = parts.closing_areas(REPORT)
    cw = lawgov.crosswalk(REPORT)
    assert set(areas) == set(cw[(cw["section"] == "6") & (cw["framework"] == "opinion-2010")]["area"])
    summ = lawgov.analysis.crosswalk.area_summary(REPORT).set_index("code")
    for a in areas:  # the measures of each area the closing maps to, in the order the page names them
        assert s[f"p6.measures_{a.rsplit('.', 1)[1]}"] == str(summ.loc[a, "measures"])


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
        code = cell[len(options) :]
        assert not re.search(r"description=(?!None)", code), code
        assert not re.search(r"\]\s*[=!<>]=|\.query\(|\.loc\[|\.sum\(\)|\bf\"", code), code
        for caption in re.findall(r'caption: "(.*)"', options):
            # allowed: section numbers (§4.1, (3.1)), part numbers, years, the measure markers
            bare = re.sub(r"§[\d.–, §]+|\([0-6](\.[1-4]){1,2}\)|part \d|\b(19|20)\d\d\b|一是, 二是", "", caption)
            assert not re.search(r"\d", bare), caption


# ---- the numbers a reader checks by hand: lengths, shares and counts the prose states ----------


def test_preamble_length_with_and_without_the_title_line(summaries):
    body, o = lawgov.body(REPORT), lawgov.outline(REPORT).set_index("section")
    title, paragraph = body[int(o.loc["0", "start"]) : int(o.loc["0", "end"])].strip().split("\n", 1)
    chars = lambda s: sum(not c.isspace() for c in s)  # noqa: E731
    s = summaries[0]
    assert s["p0.preamble_paragraph_chars"] == f"{chars(paragraph):,}"
    assert int(s["p0.preamble_chars"].replace(",", "")) == chars(title) + chars(paragraph)
    assert title.endswith("工作报告")  # the line left out is the report's title, not part of the paragraph


def test_periods_are_counted_by_how_the_text_states_them(summaries, figs):
    # part 4: ten 全年, six with no period words, two 连续3年 (not "16 of 18 cover calendar 2012")
    part4 = figs[figs["part"] == 4]["period_basis"].astype(str).value_counts()
    s4 = summaries[4]
    assert (s4["p4.basis_whole_year"], s4["p4.basis_not_stated"], s4["p4.basis_other"]) == tuple(
        number_word(int(part4.get(b, 0))) for b in ("whole_year", "not_stated", "other")
    )
    assert int(part4.get("whole_year", 0)) < len(figs[figs["part"] == 4]) - 2
    s0 = summaries[0]
    total = sum(
        int(figs["period_basis"].astype(str).eq(b).sum())
        for b in ("whole_year", "year_to_date", "to_date", "other", "reading", "not_stated")
    )
    assert total == len(figs) and s0["p0.basis_whole_year"] == number_word(
        int(figs["period_basis"].astype(str).eq("whole_year").sum())
    )


def test_the_pooled_floor_is_the_rate_of_the_implied_count(summaries, by_id):
    s = summaries[3]
    lo, base = int(s["p3.implied_min"].replace(",", "")), int(s["p3.pooled_total"].replace(",", ""))
    assert s["p3.implied_min_rate"] == f"{100 * lo / base:.1f}%"  # a computed share: one decimal
    assert float(s["p3.implied_min_rate"].rstrip("%")) >= by_id["suggestions_satisfaction_rate"]


def test_rates_printed_with_their_counts_are_those_the_audit_recomputes(summaries):
    audit = lawgov.audit(REPORT)
    rates = audit[(audit["part"] == 5) & (audit["kind"].astype(str) == "rate")]
    n = int(rates["computed"].notna().sum())  # the mediation rate: an implied count is not a check
    assert summaries[5]["p5.n_checkable_rates"] == number_word(n)
    assert 0 < n < len(rates)


def test_the_closing_oversight_problem_is_counted_in_section_4_1(summaries, figs, outline):
    s = summaries[6]
    in_41 = figs["section"].str.startswith("4.1.")
    assert s["p6.s41_figures"] == number_word(int(in_41.sum()))
    assert s["p6.s41_documents"] == number_word(int((figs["section"] == "4.1.4").sum()))


@pytest.mark.parametrize("part", range(7))
def test_every_key_is_pasted(summaries, part):
    """A key no page pastes is Python no reader meets: it goes."""
    pasted = {key for role, key in ROLE.findall(_chapter(part)) if role == "text"}
    assert set(summaries[part]) - pasted == set(), PART_PAGES[part]
