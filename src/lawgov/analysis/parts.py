"""Every number of the part chapters (p0 preamble ... p6 closing), keyed for glue.

``summary(report, part)`` returns ``{"p4.n_figures": "18", "p4.4.1.share": "half", ...}``:
values (counts, shares, averages, dates, titles) and single data-dependent words ("half",
"most", "more than twice"), never a sentence or a phrase: the sentences are written on the
chapter's page, so a reader of the source sees them. Where a page types a word that states
a fact about the data ("three subsections", "the least quantified"), ``tests/test_typed_numbers.py``
checks it against the data.

One rule for counts: a count in prose is spelled out up to ten and written as a numeral
above (``number_word``); a computed share is written by ``percent`` (one decimal).
Comparative words come from ``lawgov.analysis.wording``, so a word cannot disagree with the
numbers beside it.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP
from fractions import Fraction

import pandas as pd

from lawgov.analysis import crosswalk, display, periods, readings, verdicts, writing
from lawgov.analysis.wording import at_decimals, majority_word, number_word, percent, share_word, times_word
from lawgov.frames import loaders

BODY_PARTS = range(1, 6)  # the numbered parts 一、 .. 五、 (0 is the preamble, 6 the closing)


# ---- what every numbered part's chapter counts -----------------------------------------------


def _common(part: int, figs: pd.DataFrame, outline: pd.DataFrame) -> dict[str, str]:
    """The counts every numbered part's opening paragraph states; a chapter's own subsection
    counts are added by its function (``_subsection``), so no key goes unused."""
    c = readings.part_counts(outline, figs).loc[part]
    k = f"p{part}"
    return {
        f"{k}.n_measures": number_word(c["measures"]),
        f"{k}.n_figures": number_word(c["figures"]),
    }


def _subsection(part: int, sec: str, figs: pd.DataFrame, *what: str) -> dict[str, str]:
    """A subsection's figures (``n_figures``) and the share of the part's figures they are (``share``)."""
    n, total = int(readings.under(figs["section"], sec).sum()), int((figs["part"] == part).sum())
    values = {"n_figures": number_word(n), "share": majority_word(n, total)}
    return {f"p{part}.{sec}.{w}": values[w] for w in what}


# ---- the preamble (p0) -----------------------------------------------------------------------


def _p0(report, data_dir, figs, outline) -> dict[str, str]:
    counts = readings.part_counts(outline, figs)
    body = counts.loc[list(BODY_PARTS)]
    lengths = writing.part_lengths(report, data_dir).set_index("part")
    body_chars = lengths.loc[list(BODY_PARTS), "chars"]
    density = writing.figures_density(report, data_dir).set_index("part").loc[list(BODY_PARTS), "per_1000"]
    docs = crosswalk.frameworks_summary(data_dir).set_index("framework")
    preamble = outline.set_index("section").loc["0"]
    _title, _, paragraph = (
        loaders.body(report, data_dir=data_dir)[int(preamble["start"]) : int(preamble["end"])].strip().partition("\n")
    )
    out = {
        "p0.n_subsections": number_word(int(body["subsections"].sum())),
        "p0.n_measures": number_word(int(body["measures"].sum())),
        "p0.n_figures": number_word(len(figs)),
        "p0.preamble_share_of_figures": share_word(int(counts.loc[0, "figures"]), len(figs)),
        "p0.preamble_chars": f"{int(lengths.loc[0, 'chars']):,}",
        "p0.preamble_share": percent(lengths.loc[0, "share"]),
        # the section's count includes the report's title line, printed above the paragraph
        "p0.preamble_paragraph_chars": f"{sum(not ch.isspace() for ch in paragraph):,}",
        "p0.body_chars_min": f"{int(body_chars.min()):,}",
        "p0.body_chars_max": f"{int(body_chars.max()):,}",
        "p0.density_min": f"{density.min():.1f}",
        "p0.density_max": f"{density.max():.1f}",
    }
    out |= periods.glue(figs, "p0", ("whole_year", "year_to_date", "to_date", "other", "reading", "not_stated"))
    out |= {f"p0.part{p}_figures": number_word(int(n)) for p, n in body["figures"].items()}
    for key, fid in (("outline", "outline-2004"), ("opinion", "opinion-2010"), ("decision", "decision-2008")):
        d = docs.loc[fid]
        out |= {f"p0.{key}_no": d["document_no"], f"p0.{key}_en": d["title_en"]}
        if key != "decision":  # the preamble cites these two by title; the Decision it does not cite
            out |= {f"p0.{key}_zh": d["title_zh"], f"p0.{key}_year": str(d["issued"])}
    return out


# ---- part 1: foundations ---------------------------------------------------------------------


def _p1(report, data_dir, figs, outline) -> dict[str, str]:
    audit = loaders.audit(report, data_dir=data_dir).set_index("id")
    c = readings.part_counts(outline, figs).loc[1]
    density = writing.figures_density(report, data_dir).set_index("part").loc[1, "per_1000"]
    upper = readings.pooled_base(figs, ["suzhou_model_units_selected", "provincial_model_candidates_selected"])
    part = figs[figs["part"] == 1]
    return {
        "p1.n_measures_with_figures": number_word(c["measures_with_figures"]),
        "p1.n_measures_without_figures": number_word(c["measures_without_figures"]),
        "p1.measures_without_word": majority_word(c["measures_without_figures"], c["measures"]),
        "p1.units_per_category": f"{audit.loc['model_units_per_category', 'computed']:.1f}",
        "p1.upper_rungs": number_word(upper["total"]),
        "p1.per_1000": f"{density:.1f}",
        "p1.n_ordinal": number_word(int((part["qualifier"] == "ordinal").sum())),
        "p1.n_designation": number_word(int((part["section"] == "1.2.1").sum())),
    } | _subsection(1, "1.2", figs, "share", "n_figures")


# ---- part 2: functions -------------------------------------------------------------------------


def _p2(report, data_dir, figs, outline) -> dict[str, str]:
    audit = loaders.audit(report, data_dir=data_dir)
    f = figs.set_index("id")["value"]
    per = readings.ratios(figs, audit, ["penalty_powers_per_department", "approval_items_per_department"]).set_index(
        "relation"
    )["per_unit"]
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
        "p2.vs_p1": times_word(n2, n1),
        "p2.p1_figures": number_word(n1),
        "p2.n_counts": number_word(int(kinds.get("count", 0))),
        "p2.n_rates": number_word(int(kinds.get("rate", 0))),
        "p2.speedup_quote": writing.text_between(report, "approval_speedup_2011", "approval_speedup_2012", data_dir),
        "p2.n_readings": number_word(len(table)),
        "p2.base_year": str(int(series["year"].min())),
        "p2.supported_label": supported["label_en"],  # the reading's name in the audit's data
        "p2.supported_change": percent(supported["combined_change"], 100),
        "p2.supported_index": f"{supported['time_index_end']:.1f}",
        "p2.added_change": percent(by_formula.loc["additive", "combined_change"], 100),
        "p2.added_index": f"{by_formula.loc['additive', 'time_index_end']:.1f}",
        "p2.speed_change": percent(by_formula.loc["compound_speed", "combined_change"], 100),
        "p2.speed_index": f"{by_formula.loc['compound_speed', 'time_index_end']:.1f}",
        # on one scale, the time index (a cut in time and a rise in speed are not comparable percentages)
        "p2.index_low": f"{index.min():.1f}",
        "p2.index_high": f"{index.max():.1f}",
        "p2.readings_spread": f"{index.max() - index.min():.1f}",
        "p2.minor_per_major": f"{a.loc['disclosure_minor_per_major', 'computed']:.1f}",
    } | _subsection(2, "2.2", figs, "share", "n_figures")


# ---- part 3: decisions -----------------------------------------------------------------------

P3_COUNTS = ["deputies_suggestions_handled", "cppcc_proposals_handled"]
P3_RATES = ["suggestions_completion_rate", "suggestions_meeting_rate", "suggestions_satisfaction_rate"]


def _p3(report, data_dir, figs, outline) -> dict[str, str]:
    pool = readings.pooled_base(figs, P3_COUNTS)
    implied = readings.implied_counts(figs, ["suggestions_satisfaction_rate"], pool["total"]).iloc[0]
    in_333 = int((figs["section"] == "3.3.3").sum())
    c = readings.part_counts(outline, figs).loc[3]
    in_32 = outline[(outline["level"] == 2) & readings.under(outline["section"], "3.2")]
    return {
        "p3.n_measures_with_figures": number_word(c["measures_with_figures"]),
        "p3.share_in_333": number_word(in_333),
        "p3.share_in_333_word": majority_word(in_333, int((figs["part"] == 3).sum())),
        "p3.3.2.measures_without_word": majority_word(int((in_32["n_figures"] == 0).sum()), len(in_32)),
        "p3.pooled_total": f"{pool['total']:,}",
        "p3.pooled_sum": pool["text"],
        "p3.implied_min": f"{int(implied['min_count']):,}",
        "p3.implied_shortfall": number_word(int(implied["max_shortfall"])),
        "p3.implied_min_rate": percent(int(implied["min_count"]), pool["total"]),
    }


# ---- part 4: oversight -----------------------------------------------------------------------

P4_CLEANUP = ("normative_documents_abolished", "normative_documents_amended", "normative_documents_retained")


def _p4(report, data_dir, figs, outline) -> dict[str, str]:
    audit = loaders.audit(report, data_dir=data_dir).set_index("id")
    f = figs.set_index("id")
    cleanup, filings = audit.loc["normative_cleanup_adds_up"], audit.loc["filings_acceptance_share"]
    part = figs[figs["part"] == 4]
    s43 = part[readings.under(part["section"], "4.3")]
    perfect = int(((s43["kind"].astype(str) == "rate") & (s43["value"] == 100)).sum() + (s43["value"] == 0).sum())
    s43_counts = int((s43["kind"].astype(str) == "count").sum() - (s43["value"] == 0).sum())
    rates = s43[s43["kind"].astype(str) == "rate"]
    out = {
        "p4.cleanup_verdict": str(cleanup["verdict"]),
        "p4.filings_share": percent(filings["computed"], 100),
        "p4.filings_not_accepted": number_word(
            int(f.loc["filings_reviewed", "value"] - f.loc["filings_accepted", "value"])
        ),
        "p4.abolished_word": share_word(f.loc["normative_documents_abolished", "value"], cleanup["stated"]),
        "p4.4.1.4.n_figures": number_word(int((part["section"] == "4.1.4").sum())),
        "p4.4.3.n_figures": number_word(len(s43)),
        "p4.s43_perfect": number_word(perfect),
        "p4.s43_perfect_word": majority_word(perfect, len(s43)),
        "p4.s43_counts": number_word(s43_counts),
        "p4.s43_counts_noun": "count" if s43_counts == 1 else "counts",
        # one value for every rate of §4.3 (the page says "every rate ... is"; a test checks they agree)
        "p4.s43_rate": display.value_en(rates.iloc[0]),
    }
    out |= periods.glue(part, "p4", ("whole_year", "other", "not_stated"))
    for i in P4_CLEANUP:
        out[f"p4.share_{i}"] = percent(f.loc[i, "value"], cleanup["stated"])
    for i in (*P4_CLEANUP, "normative_documents_cleaned_up"):  # bare numbers, for the sum written out
        out[f"p4.{i}"] = display.number(f.loc[i, "value"])
    return out | _subsection(4, "4.1", figs, "share", "n_figures")


# ---- part 5: governance ----------------------------------------------------------------------


def _p5(report, data_dir, figs, outline) -> dict[str, str]:
    audit = loaders.audit(report, data_dir=data_dir).set_index("id")
    f = figs.set_index("id")
    part = figs[figs["part"] == 5]
    october = part[part["period_basis"].astype(str) == "to_date"]
    rates = part[part["kind"].astype(str) == "rate"]
    # a rate "printed with its counts" is one the audit can recompute (an implied count is not that)
    checked = audit[(audit["part"] == 5) & (audit["kind"].astype(str) == "rate") & audit["computed"].notna()]
    funnel = readings.funnel_counts(figs, ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"]).set_index(
        "id"
    )
    mediation = audit.loc["mediation_success_rate_check"]
    # the exact quotient of the two counts, to set beside the printed rate at its decimals
    mediation_share = 100 * Fraction(int(f.loc["mediation_successes", "value"]), int(f.loc["mediation_cases", "value"]))
    mediation_decimals = int(f.loc["mediation_success_rate", "decimals"])
    congress = f.loc["leaders_receiving_per_day"]
    cutoff = october["period_end"].max()
    rest = rates.drop(index=rates["value"].idxmin())
    s51 = part[readings.under(part["section"], "5.1")]
    hotline = int((s51["section"] == "5.1.1").sum())
    days = (pd.Timestamp(congress["period_start"]) - pd.Timestamp(cutoff)).days
    c = readings.part_counts(outline, figs).loc[5]
    return (
        {
            "p5.n_measures_without_figures": number_word(c["measures_without_figures"]),
            "p5.n_october": number_word(len(october)),
            "p5.n_rates": number_word(len(rates)),
            "p5.n_checkable_rates": number_word(len(checked)),
            "p5.hotline_share": majority_word(hotline, len(s51)),
            "p5.hotline_n": number_word(hotline),
            "p5.5.1.n_figures": number_word(len(s51)),
            "p5.valid_share": percent(funnel.loc["hotline_valid_orders", "share_of_first"]),
            "p5.not_valid": display.number(f.loc["hotline_calls", "value"] - f.loc["hotline_valid_orders", "value"]),
            "p5.on_time_implied": display.number(funnel.loc["hotline_on_time_rate", "count"], 0),
            # the audit's detail: the exact quotient and its rounding, to show the printed rate is cut, not rounded
            "p5.mediation_computed": at_decimals(mediation_share, mediation_decimals + 2, ROUND_DOWN),
            "p5.mediation_rounded": at_decimals(mediation_share, mediation_decimals, ROUND_HALF_UP),
            "p5.mediation_verdict": str(mediation["verdict"]),
            "p5.mediation_decimals": number_word(mediation_decimals),
            "p5.mediation_failed": number_word(
                int(f.loc["mediation_cases", "value"] - f.loc["mediation_successes", "value"])
            ),
            "p5.per_group": f"{audit.loc['petitioners_per_group', 'computed']:.1f}",
            "p5.cases_per_leader": f"{audit.loc['difficult_cases_per_leader', 'computed']:.1f}",
            "p5.enquiries_per_case": f"{f.loc['legal_aid_enquiries', 'value'] / f.loc['legal_aid_cases', 'value']:.1f}",
            "p5.congress_period": display.period_en(congress["period_start"], congress["period_end"]),
            "p5.cutoff_to_congress": number_word(days),
            "p5.mediation_vs_aid": f"{f.loc['mediation_cases', 'value'] / f.loc['legal_aid_cases', 'value']:.0f}",
            "p5.mediation_vs_visits": (
                f"{f.loc['mediation_cases', 'value'] / f.loc['leader_receptions_visitors', 'value']:.0f}"
            ),
            "p5.suzhou_share": percent(audit.loc["venture_projects_to_suzhou", "computed"], 100),
            "p5.rest_within": f"{100 - rest['value'].min():g}",
        }
        | periods.glue(part, "p5", ("n", "whole_year", "not_stated"))
        | _subsection(5, "5.3", figs, "share", "n_figures")
    )


# ---- the closing (p6) ------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """A section's paragraphs (the capture separates them by lines holding only a no-break space)."""
    return [p.strip() for p in text.split("\n") if p.strip().replace("\xa0", "")]


def closing_paragraphs(report: str | None, data_dir=None) -> list[str]:
    """The closing's (§6) paragraphs, verbatim: the problems, then the plans."""
    row = loaders.outline(report, data_dir=data_dir).set_index("section").loc["6"]
    return _paragraphs(loaders.body(report, data_dir=data_dir)[int(row["start"]) : int(row["end"])])


def closing_areas(report: str | None, framework: str = "opinion-2010", data_dir=None) -> list[str]:
    """The areas of ``framework`` the book's crosswalk maps the closing (§6) to, in code order."""
    cw = loaders.crosswalk(report, data_dir=data_dir)
    return sorted(set(cw.loc[(cw["section"] == "6") & (cw["framework"] == framework), "area"]))


def _p6(report, data_dir, figs, outline) -> dict[str, str]:
    lengths = writing.part_lengths(report, data_dir).set_index("part")
    summ = crosswalk.area_summary(report, data_dir)
    opinion = summ[summ["framework"] == "opinion-2010"].sort_values(["measures", "figures"], kind="stable")
    by_code = opinion.set_index("code")
    lead, least = by_code.loc["opinion-2010.9"], opinion.iloc[0]
    docs = crosswalk.frameworks_summary(data_dir).set_index("framework").loc["opinion-2010"]
    out = {
        "p6.chars": f"{int(lengths.loc[6, 'chars']):,}",
        "p6.share": percent(lengths.loc[6, "share"]),
        "p6.opinion_no": docs["document_no"],
        "p6.opinion_areas": number_word(len(opinion)),
        "p6.leadership_measures": number_word(int(lead["measures"])),
        "p6.leadership_figures": number_word(int(lead["figures"])),
        "p6.s41_figures": number_word(int(readings.under(figs["section"], "4.1").sum())),
        "p6.s41_documents": number_word(int((figs["section"] == "4.1.4").sum())),
        "p6.least_en": f"{least['title_en'][:1].lower()}{least['title_en'][1:]}",
        "p6.least_zh": least["title_zh"],
        "p6.least_measures": number_word(int(least["measures"])),
        "p6.n_figures": number_word(len(figs)),
        "p6.congress_period": display.period_en(
            *figs.set_index("id").loc["leaders_receiving_per_day", ["period_start", "period_end"]]
        ),
    } | periods.glue(
        figs,
        "p6",
        (
            "whole_year",
            "whole_year_share",
            "year_to_date",
            "to_date",
            "other",
            "reading",
            "not_stated",
            "not_stated_share",
        ),
    )
    for i, r in enumerate(opinion.iloc[1:3].to_dict("records"), start=1):  # the next least covered, after the least
        out |= {
            f"p6.next_least_{i}": r["title_en"].lower(),
            f"p6.next_least_{i}_measures": number_word(int(r["measures"])),
        }
    for area in closing_areas(report, "opinion-2010", data_dir):
        # a list of counts side by side reads as numerals ("0, 6, 6 and 10 measures")
        out[f"p6.measures_{area.rsplit('.', 1)[1]}"] = str(int(by_code.loc[area, "measures"]))
    return out


_PAGES = {0: _p0, 1: _p1, 2: _p2, 3: _p3, 4: _p4, 5: _p5, 6: _p6}


def summary(report: str | None, part: int, data_dir=None) -> dict[str, str]:
    """Every number and data-dependent word the chapter of ``part`` (0 preamble ... 6 closing) states."""
    figs = loaders.figures(report, data_dir=data_dir)
    outline = loaders.outline(report, data_dir=data_dir)
    report = report or str(figs["report"].iloc[0])
    out = _common(part, figs, outline) if part in BODY_PARTS else {}
    return out | _PAGES[part](report, data_dir, figs, outline)
