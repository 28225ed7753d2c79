"""Every number and computed phrase of the part chapters (p0 preamble ... p6 closing), keyed for glue.

``summary(report, part)`` returns ``{"p4.n_figures": "18", "p4.4.1.share": "half", ...}``:
the counts every part chapter states (subsections, measures, figures, per subsection),
computed once here, plus each chapter's own readings (shares, differences, dates, verdicts).
Comparative words ("most", "half", "more than twice") come from ``lawgov.analysis.wording``,
so a word cannot disagree with the numbers beside it.
"""
from __future__ import annotations

import pandas as pd

from lawgov.analysis import verdicts
from lawgov.analysis import crosswalk, readings, writing
from lawgov.analysis import display as fmt
from lawgov.analysis.wording import (
    listing, majority_word, number_word, ordinal_word, rank_word, share_word, times_word,
)
from lawgov.frames import loaders as _api

BODY_PARTS = range(1, 6)  # the numbered parts 一、 .. 五、 (0 is the preamble, 6 the closing)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """'no figures', 'one figure', 'two figures', '14 figures'."""
    return f"{number_word(n)} {noun if n == 1 else (plural or noun + 's')}"


def _either(values) -> str:
    """{3} -> 'three'; {3, 4} -> 'three or four'; {2, 3, 4} -> 'two to four'."""
    v = sorted(set(int(x) for x in values))
    if len(v) == 1:
        return number_word(v[0])
    return f"{number_word(v[0])} {'or' if len(v) == 2 else 'to'} {number_word(v[-1])}"


def _part_name(part: int) -> str:
    return {0: "the preamble", 6: "the closing"}.get(int(part), f"part {int(part)}")


def _rank(values: pd.Series, key) -> int:
    """1 + how many entries are strictly larger than ``values[key]`` (ties share a rank)."""
    return 1 + int((values > values[key]).sum())


def _pct(x: float, decimals: int = 1) -> str:
    return f"{x:.{decimals}f}%"


# ---- what every part chapter counts ----------------------------------------------------------

def _common(part: int, figs: pd.DataFrame, outline: pd.DataFrame) -> dict[str, str]:
    counts = readings.part_counts(outline, figs)
    c = counts.loc[part]
    k = f"p{part}"
    out = {
        f"{k}.n_subsections": str(c["subsections"]), f"{k}.n_measures": str(c["measures"]),
        f"{k}.n_figures": str(c["figures"]),
        f"{k}.n_measures_with_figures": str(c["measures_with_figures"]),
        f"{k}.n_measures_without_figures": str(c["measures_without_figures"]),
        f"{k}.n_measures_without_figures_word": number_word(c["measures_without_figures"]),
        f"{k}.n_subsections_word": number_word(c["subsections"]),
        f"{k}.n_subsections_without_figures": str(c["subsections_without_figures"]),
        f"{k}.figures_rank": rank_word(_rank(counts["figures"], part)),
    }
    if c["measures"]:
        out[f"{k}.measures_without_word"] = majority_word(c["measures_without_figures"], c["measures"])
    profile = readings.subsection_profile(outline, figs, part)
    if len(profile):
        wide = profile.pivot(index="section", columns="what", values="n")
        out[f"{k}.measures_per_subsection"] = _either(wide[readings.PROFILE_WHAT[0]])
        for sec, row in wide.iterrows():
            n_figs, n_meas = int(row[readings.PROFILE_WHAT[1]]), int(row[readings.PROFILE_WHAT[0]])
            out[f"{k}.{sec}.n_figures"] = str(n_figs)
            out[f"{k}.{sec}.figures"] = _count(n_figs, "figure")
            out[f"{k}.{sec}.measures"] = number_word(n_meas)
            if c["figures"]:
                out[f"{k}.{sec}.share"] = majority_word(n_figs, c["figures"])
    measures = outline[(outline["part"] == part) & (outline["level"] == 2)]
    for m in measures.to_dict("records"):
        out[f"{k}.{m['section']}.figures"] = _count(int(m["n_figures"]), "figure")
    for sec in (profile["section"].unique() if len(profile) else []):
        in_sub = measures[measures["section"].str.startswith(sec + ".")]
        if len(in_sub):
            out[f"{k}.{sec}.measures_without_word"] = majority_word(int((in_sub["n_figures"] == 0).sum()), len(in_sub))
    return out


# ---- the preamble (p0) -----------------------------------------------------------------------

def _p0(report, data_dir, figs, outline) -> dict[str, str]:
    counts = readings.part_counts(outline, figs)
    body = counts.loc[list(BODY_PARTS)]
    lengths = writing.part_lengths(report, data_dir).set_index("part")
    density = writing.figures_density(report, data_dir).set_index("part").loc[list(BODY_PARTS), "per_1000"]
    docs = crosswalk.frameworks_summary(data_dir).set_index("framework")
    periods = figs["period_class"].astype(str).value_counts()
    by_figs = body["figures"].sort_values(ascending=False, kind="stable")
    others = figs[figs["period_class"].astype(str) == "other"]
    preamble = outline.set_index("section").loc["0"]
    _title, _, paragraph = _api.body(report, data_dir=data_dir)[int(preamble["start"]):int(preamble["end"])].strip().partition("\n")
    subs = outline[outline["level"] == 1]
    per_sub = [int((outline["section"].str.startswith(s + ".") & (outline["level"] == 2)).sum()) for s in subs["section"]]
    out = {
        "p0.n_parts_body": str(len(body)), "p0.n_parts_body_word": number_word(len(body)),
        "p0.n_subsections": str(int(body["subsections"].sum())), "p0.n_measures": str(int(body["measures"].sum())),
        "p0.n_figures": str(len(figs)),
        "p0.preamble_figures": _count(int(counts.loc[0, "figures"]), "figure"),
        "p0.preamble_figures_word": share_word(int(counts.loc[0, "figures"]), len(figs)),
        "p0.preamble_chars": f"{int(lengths.loc[0, 'chars']):,}",
        "p0.preamble_share": f"{100 * lengths.loc[0, 'share']:.0f}%",
        # the section's count includes the report's title line, printed above the paragraph
        "p0.preamble_paragraph_chars": f"{sum(not ch.isspace() for ch in paragraph):,}",
        "p0.subsections_per_part": _either(body["subsections"]),
        "p0.measures_per_subsection": _either(per_sub),
        "p0.most_figured": listing([f"{_part_name(p)} ({n} figures)" if i == 0 else f"{_part_name(p)} ({n})"
                                    for i, (p, n) in enumerate(by_figs.iloc[:2].items())]),
        "p0.least_figured": listing([f"{_part_name(p)} ({n})" for p, n in by_figs.iloc[::-1].iloc[:2].items()]),
        "p0.body_chars_range": f"{int(lengths.loc[list(BODY_PARTS), 'chars'].min()):,} to "
                               f"{int(lengths.loc[list(BODY_PARTS), 'chars'].max()):,}",
        "p0.density_range": f"{density.min():.1f} to {density.max():.1f}",
        "p0.n_cited": number_word(int((docs["relation"] == "cited").sum())),
        "p0.n_full_year": str(int(periods.get("full year", 0))),
        "p0.n_october": str(int(periods.get("January to October", 0))),
        "p0.n_other": str(int(periods.get("other", 0))),
        "p0.n_other_periods": number_word(len(set(zip(others["period_start"], others["period_end"])))),
    }
    for key, fid in (("outline", "outline-2004"), ("opinion", "opinion-2010"), ("decision", "decision-2008")):
        d = docs.loc[fid]
        out |= {f"p0.{key}_no": d["document_no"], f"p0.{key}_zh": d["title_zh"], f"p0.{key}_en": d["title_en"],
                f"p0.{key}_year": str(d["issued"])}
    return out


# ---- part 1: foundations ---------------------------------------------------------------------

def _p1(report, data_dir, figs, outline) -> dict[str, str]:
    audit = _api.audit(report, data_dir=data_dir).set_index("id")
    wide = readings.part_counts(outline, figs).loc[list(BODY_PARTS)]
    counts = wide["figures"]
    rank = 1 + int((counts < counts[1]).sum())  # by fewest figures
    density = writing.figures_density(report, data_dir).set_index("part").loc[list(BODY_PARTS), "per_1000"]
    by_density = 1 + int((density < density[1]).sum())
    share = wide["measures_without_figures"] / wide["measures"]
    same = [p for p in share.index if p != 1 and share[p] == share[1]]  # measures without a figure, as a share
    larger = [p for p in share.index if share[p] > share[1]]
    part = figs[figs["part"] == 1]
    upper = readings.pooled_base(figs, ["suzhou_model_units_selected", "provincial_model_candidates_selected"])
    return {
        "p1.units_per_category": f"{audit.loc['model_units_per_category', 'computed']:.1f}",
        "p1.upper_rungs": str(upper["total"]),
        "p1.quantified": "the least quantified" if rank == 1 else f"the {ordinal_word(rank)} least quantified",
        "p1.n_parts_body_word": number_word(len(counts)), "p1.per_1000": f"{density[1]:.1f}",
        "p1.quantified_by": ("by number of figures and by figures per thousand characters" if by_density == rank else
                             f"by number of figures (by figures per thousand characters, the {ordinal_word(by_density)} least)"),
        "p1.share_compared": (f"the same share as in {listing([_part_name(p) for p in same])}" if same else
                              f"a smaller share than in {listing([_part_name(p) for p in larger])}" if larger else
                              "a larger share than in any other part"),
        "p1.n_ordinal": number_word(int((part["qualifier"] == "ordinal").sum())),
        "p1.n_designation": number_word(int((part["section"] == "1.2.1").sum())),
    }


# ---- part 2: functions -------------------------------------------------------------------------

def _months_left(report, data_dir, section: str) -> str:
    """From the date a section's text says something starts (…月…日起), the months of the report year left."""
    start = writing.start_date(report, section, data_dir)
    n = readings.months(start, pd.Timestamp(start.year, 12, 31))
    return "the last month" if n == 1 else f"the last {number_word(n)} months"


def _p2(report, data_dir, figs, outline) -> dict[str, str]:
    audit = _api.audit(report, data_dir=data_dir)
    f = figs.set_index("id")["value"]
    per = readings.ratios(figs, audit, ["penalty_powers_per_department", "approval_items_per_department"]).set_index("relation")["per_unit"]
    table = verdicts.speedup_readings_table(report, data_dir)
    supported = table[table["supported"]].iloc[0]  # the reading the wording fits best
    by_formula = table.set_index("formula")  # readings by their arithmetic, whatever the relation calls them
    index = table["time_index_end"]
    series = verdicts.speedup_series(report, data_dir)
    part = figs[figs["part"] == 2]
    kinds = part["kind"].astype(str).value_counts()
    n1, n2 = int((figs["part"] == 1).sum()), len(part)
    a = audit.set_index("id")
    return {
        "p2.penalty_per_dept": f"{per['penalty_powers_per_department']:.1f}",
        "p2.approval_per_dept": f"{per['approval_items_per_department']:.1f}",
        "p2.per_dept_ratio": f"{per['penalty_powers_per_department'] / per['approval_items_per_department']:.1f}",
        "p2.powers_vs_items": times_word(f["penalty_powers_devolved"], f["approval_items_devolved"]),
        "p2.vs_p1": times_word(n2, n1), "p2.p1_figures": str(n1),
        "p2.n_counts": str(int(kinds.get("count", 0))), "p2.n_rates": str(int(kinds.get("rate", 0))),
        "p2.speedup_quote": writing.text_between(report, "approval_speedup_2011", "approval_speedup_2012", data_dir),
        "p2.n_readings": str(len(table)), "p2.base_year": str(int(series["year"].min())),
        "p2.supported_label": supported["label_en"],
        "p2.supported_change": _pct(supported["combined_change"]),
        "p2.supported_index": f"{supported['time_index_end']:.1f}",
        "p2.added_change": _pct(by_formula.loc["additive", "combined_change"]),
        "p2.added_index": f"{by_formula.loc['additive', 'time_index_end']:.1f}",
        "p2.speed_change": _pct(by_formula.loc["compound_speed", "combined_change"]),
        "p2.speed_index": f"{by_formula.loc['compound_speed', 'time_index_end']:.1f}",
        # on one scale, the time index (a cut in time and a rise in speed are not comparable percentages)
        "p2.index_low": f"{index.min():.1f}", "p2.index_high": f"{index.max():.1f}",
        "p2.readings_spread": f"{index.max() - index.min():.1f} points",
        "p2.minor_per_major": f"{a.loc['disclosure_minor_per_major', 'computed']:.1f}",
        "p2.new_powers_months": _months_left(report, data_dir, "2.1.1"),
        "p2.enforcement_months": _months_left(report, data_dir, "2.1.3"),
    }


# ---- part 3: decisions -----------------------------------------------------------------------

P3_COUNTS = ["deputies_suggestions_handled", "cppcc_proposals_handled"]
P3_RATES = ["suggestions_completion_rate", "suggestions_meeting_rate", "suggestions_satisfaction_rate"]


def _p3(report, data_dir, figs, outline) -> dict[str, str]:
    pool = readings.pooled_base(figs, P3_COUNTS)
    implied = readings.implied_counts(figs, ["suggestions_satisfaction_rate"], pool["total"]).iloc[0]
    in_333 = int((figs["section"] == "3.3.3").sum())
    return {
        "p3.share_in_333": str(in_333),
        "p3.share_in_333_word": majority_word(in_333, int((figs["part"] == 3).sum())),
        "p3.pooled_total": f"{pool['total']:,}", "p3.pooled_sum": pool["text"],
        "p3.n_pooled_rates": number_word(len(P3_RATES)),
        "p3.implied_min": f"{int(implied['min_count']):,}",
        "p3.implied_shortfall": str(int(implied["max_shortfall"])),
        "p3.implied_min_rate": f"{100 * int(implied['min_count']) / pool['total']:.2f}%",
    }


# ---- part 4: oversight -----------------------------------------------------------------------

P4_CLEANUP = ("normative_documents_abolished", "normative_documents_amended", "normative_documents_retained")


def _p4(report, data_dir, figs, outline) -> dict[str, str]:
    audit = _api.audit(report, data_dir=data_dir).set_index("id")
    f = figs.set_index("id")
    cleanup, filings = audit.loc["normative_cleanup_adds_up"], audit.loc["filings_acceptance_share"]
    part = figs[figs["part"] == 4]
    s43 = part[readings.under(part["section"], "4.3")]
    s43_rates = s43[s43["kind"].astype(str) == "rate"]
    perfect = int(((s43["kind"].astype(str) == "rate") & (s43["value"] == 100)).sum() + (s43["value"] == 0).sum())
    per_measure = outline[outline["level"] == 2].set_index("section")["n_figures"]
    densest = per_measure.idxmax()
    other = part[part["period_class"].astype(str) != "full year"]
    out = {
        "p4.cleanup_verdict": str(cleanup["verdict"]), "p4.cleanup_reason": cleanup["reason"],
        "p4.filings_share": _pct(filings["computed"]),
        "p4.filings_not_accepted": fmt.number(f.loc["filings_reviewed", "value"] - f.loc["filings_accepted", "value"]),
        "p4.abolished_word": share_word(f.loc["normative_documents_abolished", "value"], cleanup["stated"]),
        "p4.s43_perfect": f"{perfect} of its {len(s43)}",
        "p4.s43_perfect_word": majority_word(perfect, len(s43)),
        "p4.s43_counts": number_word(int((s43["kind"].astype(str) == "count").sum() - (s43["value"] == 0).sum())),
        "p4.s43_rates": (f"every rate in the subsection is {fmt.value_en(s43_rates.iloc[0])}"
                         if s43_rates["value"].nunique() == 1 else
                         f"the rates in the subsection run from {s43_rates['value'].min():g}% to {s43_rates['value'].max():g}%"),
        "p4.densest": ("the most figures of any measure in the report"
                       if densest == "4.1.4" and (per_measure == per_measure.max()).sum() == 1 else
                       f"{rank_word(_rank(per_measure, '4.1.4'))} number of figures of any measure"),
        "p4.densest_n": str(int(per_measure["4.1.4"])),
        "p4.n_full_year": str(len(part) - len(other)), "p4.n_other_period": number_word(len(other)),
    }
    for i in P4_CLEANUP:
        out[f"p4.share_{i}"] = _pct(100 * f.loc[i, "value"] / cleanup["stated"])
    return out


# ---- part 5: governance ----------------------------------------------------------------------

def _p5(report, data_dir, figs, outline) -> dict[str, str]:
    audit = _api.audit(report, data_dir=data_dir).set_index("id")
    f = figs.set_index("id")
    part = figs[figs["part"] == 5]
    october = part[part["period_class"].astype(str) == "January to October"]
    rates = part[part["kind"].astype(str) == "rate"]
    # a rate "printed with its counts" is one the audit can recompute (an implied count is not that)
    checked = audit[(audit["part"] == 5) & (audit["kind"].astype(str) == "rate") & audit["computed"].notna()]
    funnel = readings.funnel_counts(figs, ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"]).set_index("id")
    mediation = audit.loc["mediation_success_rate_check"]
    congress = f.loc["leaders_receiving_per_day"]
    cutoff = october["period_end"].max()
    lowest = rates["value"].idxmin()
    rest = rates.drop(index=lowest)
    s51 = part[readings.under(part["section"], "5.1")]
    hotline = int((s51["section"] == "5.1.1").sum())
    days = (pd.Timestamp(congress["period_start"]) - pd.Timestamp(cutoff)).days
    return {
        "p5.n_october": str(len(october)), "p5.n_rates": str(len(rates)),
        "p5.checkable_rates": (f"only {number_word(len(checked))} is printed with both its counts" if len(checked) == 1 else
                               f"{'only ' if len(checked) < len(rates) else ''}{number_word(len(checked))} are printed with both their counts"),
        "p5.october_months": f"{number_word(readings.months(october['period_start'].min(), cutoff))} months",
        "p5.hotline_share": majority_word(hotline, len(s51)), "p5.hotline_n": f"{hotline} of {len(s51)}",
        "p5.valid_share": _pct(funnel.loc["hotline_valid_orders", "share_of_first"] * 100),
        "p5.not_valid": fmt.number(f.loc["hotline_calls", "value"] - f.loc["hotline_valid_orders", "value"]),
        "p5.on_time_implied": fmt.number(funnel.loc["hotline_on_time_rate", "count"], 0),
        "p5.mediation_computed": f"{mediation['computed']:.4f}%",
        "p5.mediation_rounded": f"{round(mediation['computed'], 2):.2f}%",
        "p5.mediation_verdict": str(mediation["verdict"]),
        "p5.mediation_decimals": number_word(int(f.loc["mediation_success_rate", "decimals"])),
        "p5.mediation_failed": fmt.number(f.loc["mediation_cases", "value"] - f.loc["mediation_successes", "value"]),
        "p5.per_group": f"{audit.loc['petitioners_per_group', 'computed']:.1f}",
        "p5.cases_per_leader": f"{audit.loc['difficult_cases_per_leader', 'computed']:.1f}",
        "p5.enquiries_per_case": f"{f.loc['legal_aid_enquiries', 'value'] / f.loc['legal_aid_cases', 'value']:.1f}",
        "p5.congress_period": fmt.period_en(congress["period_start"], congress["period_end"]),
        "p5.cutoff_to_congress": _count(days, "day"),
        "p5.mediation_vs_aid": f"{f.loc['mediation_cases', 'value'] / f.loc['legal_aid_cases', 'value']:.0f}",
        "p5.mediation_vs_visits": f"{f.loc['mediation_cases', 'value'] / f.loc['leader_receptions_visitors', 'value']:.0f}",
        "p5.suzhou_share": f"{audit.loc['venture_projects_to_suzhou', 'computed']:.0f}%",
        "p5.rest_within": f"{100 - rest['value'].min():g}",
    }


# ---- the closing (p6) ------------------------------------------------------------------------

def _paragraphs(text: str) -> list[str]:
    """A section's paragraphs (the capture separates them by lines holding only a no-break space)."""
    return [p.strip() for p in text.split("\n") if p.strip().replace("\xa0", "")]


def closing_areas(report: str | None, framework: str = "opinion-2010", data_dir=None) -> list[str]:
    """The areas of ``framework`` the book's crosswalk maps the closing (§6) to, in code order."""
    cw = _api.crosswalk(report, data_dir=data_dir)
    return sorted(set(cw.loc[(cw["section"] == "6") & (cw["framework"] == framework), "area"]))


def _p6(report, data_dir, figs, outline) -> dict[str, str]:
    lengths = writing.part_lengths(report, data_dir).set_index("part")
    summ = crosswalk.area_summary(report, data_dir)
    opinion = summ[summ["framework"] == "opinion-2010"].sort_values(["measures", "figures"], kind="stable")
    by_code = opinion.set_index("code")
    closing = closing_areas(report, "opinion-2010", data_dir)
    lead, least = by_code.loc["opinion-2010.9"], opinion.iloc[0]
    m = by_code["measures"]
    top = m.max()
    # compared within the 2010 Opinion only: another framework's area may have more measures
    lead_rank = ("more than any other part of the 2010 Opinion" if lead["measures"] == top and (m == top).sum() == 1 else
                 "as many as any other part of the 2010 Opinion" if lead["measures"] == top else
                 f"{rank_word(_rank(m, 'opinion-2010.9'))} number of the 2010 Opinion's parts")
    most_often = ("most often" if lead["measures"] == top and (m == top).sum() == 1 else
                  f"{'as often as any' if lead['measures'] == top else ordinal_word(_rank(m, 'opinion-2010.9')) + ' most often'}")
    periods = figs["period_class"].astype(str).value_counts()
    body = _api.body(report, data_dir=data_dir)
    row = outline.set_index("section").loc["6"]
    text = body[int(row["start"]):int(row["end"])]
    paragraphs = _paragraphs(text)
    problems, plans = (max(1, p.count("。")) for p in paragraphs[:2])  # sentences end in 。
    october = figs[figs["period_class"].astype(str) == "January to October"]
    docs = crosswalk.frameworks_summary(data_dir).set_index("framework").loc["opinion-2010"]

    def parts_of(sections: str) -> str:
        return listing([_part_name(p) for p in sorted({int(s.split(".")[0]) for s in sections.split(", ")})])

    return {
        "p6.chars": f"{int(lengths.loc[6, 'chars']):,}", "p6.share": f"{100 * lengths.loc[6, 'share']:.1f}%",
        "p6.figures": _count(int((figs["part"] == 6).sum()), "figure"),
        "p6.n_parts_body_word": number_word(len(BODY_PARTS)), "p6.n_paragraphs": number_word(len(paragraphs)),
        "p6.problem_sentences": _count(problems, "sentence"), "p6.plan_sentences": _count(plans, "sentence"),
        "p6.n_problems": number_word(text.count("有待进一步")),
        "p6.opinion_no": docs["document_no"], "p6.opinion_en": docs["title_en"],
        "p6.opinion_areas": str(len(opinion)),
        "p6.leadership_measures": str(int(lead["measures"])), "p6.leadership_rank": lead_rank,
        "p6.leadership_most_often": most_often,
        "p6.leadership_figures": str(int(lead["figures"])),
        "p6.leadership_figures_rank": rank_word(_rank(by_code["figures"], "opinion-2010.9")),
        # the fourth problem, oversight of administrative law enforcement, is the subject of §4.1
        "p6.s41_measures": number_word(int(((outline["level"] == 2) & readings.under(outline["section"], "4.1")).sum())),
        "p6.s41_figures": str(int(readings.under(figs["section"], "4.1").sum())),
        "p6.s41_documents": str(int((figs["section"] == "4.1.4").sum())),
        "p6.least": f"{least['title_en'][:1].lower()}{least['title_en'][1:]} ({least['title_zh']})", "p6.least_code": least["code"],
        "p6.least_measures": str(int(least["measures"])), "p6.least_parts": parts_of(least["sections"]),
        "p6.next_least": listing([f"{r['title_en'].lower()} ({r['measures']} measures)" for r in opinion.iloc[1:3].to_dict("records")]),
        "p6.closing_areas": crosswalk.area_names(closing),  # as a reader reads them, not as codes
        "p6.closing_measures": listing([str(int(by_code.loc[c, "measures"])) for c in closing]),
        "p6.full_year": f"{int(periods.get('full year', 0))} of {len(figs)} ({100 * periods.get('full year', 0) / len(figs):.0f}%)",
        "p6.october": str(int(periods.get("January to October", 0))), "p6.other": str(int(periods.get("other", 0))),
        "p6.congress_period": fmt.period_en(*figs.set_index("id").loc["leaders_receiving_per_day", ["period_start", "period_end"]]),
        "p6.october_months": f"{number_word(readings.months(october['period_start'].min(), october['period_end'].max()))} months",
    }


_PAGES = {0: _p0, 1: _p1, 2: _p2, 3: _p3, 4: _p4, 5: _p5, 6: _p6}


def summary(report: str | None, part: int, data_dir=None) -> dict[str, str]:
    """Every number and computed phrase the chapter of ``part`` (0 preamble ... 6 closing) states."""
    figs = _api.figures(report, data_dir=data_dir)
    outline = _api.outline(report, data_dir=data_dir)
    report = report or str(figs["report"].iloc[0])
    out = _common(part, figs, outline) if part in BODY_PARTS else {}
    return out | _PAGES[part](report, data_dir, figs, outline)
