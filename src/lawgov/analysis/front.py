"""The summaries of the book's front and reference pages: the landing page, "The report in
numbers", "Data and methods", "Data and downloads", the glossary and "How to cite".

Each ``*_summary(report)`` returns every value and single data-dependent word its page's prose
shows, keyed for glue (``book.glue_page``), never a sentence (as ``lawgov.analysis.parts``);
the frames the pages' tables print are here too.
"""

from __future__ import annotations

import pandas as pd

import lawgov
from lawgov.analysis import display, periods, verdicts, writing
from lawgov.analysis.furniture import page_date, question_marks
from lawgov.analysis.vocabulary import (
    BOUND,
    COMPARED,
    IMPLIED,
    PART_LABELS,
    PERIOD_BASES,
    PERIOD_BASIS_LABELS,
    UNCHECKABLE,
)
from lawgov.analysis.wording import listing, majority_word, number_word, percent
from lawgov.dataset.rules import RULES
from lawgov.frames import loaders

# The figure "How to cite" uses as its example, and the percent that shows values are stored as printed;
# its sentence of the report is the page's example of a sentence citation.
CITE_EXAMPLE = "mediation_success_rate"
NEAR_FULL = 95  # a rate at or above this many percent sits "at or near the top" of its scale


def _report(report: str | None) -> pd.Series:
    reps = loaders.reports().set_index("id")
    return reps.loc[report] if report else reps.iloc[0]


def _spread(figs: pd.DataFrame) -> dict[str, str]:
    """How the figures spread: rates near 100%, counts over orders of magnitude."""
    rates = verdicts.shares(figs)  # a speed-up has no top of its scale
    counts = figs[(figs["kind"] != "rate") & (figs["value"] > 0)].sort_values("value")
    lo, hi = counts.iloc[0], counts.iloc[-1]
    near = int((rates["value"] >= NEAR_FULL).sum())
    return {
        "rates_near_top": majority_word(near, len(rates)).capitalize(),
        "rates_near_full": number_word(near),
        "n_rates": number_word(len(rates)),
        "count_min": display.value_en(lo),
        "count_min_indicator": lo["indicator_en"],
        "count_max": display.value_en(hi),
        "count_max_indicator": hi["indicator_en"],
        "n_zeros": number_word(int((figs["value"] == 0).sum())),
        "zeros_zh": "、".join(dict.fromkeys(figs.loc[figs["value"] == 0, "quote"])),
    }


def _findings(report: str | None) -> dict[str, str]:
    """The numbers of the landing page's findings and caveats (each from the analysis its chapter uses)."""
    figs = loaders.figures(report)
    rates = verdicts.shares(figs)  # shares only: the two speed-ups are changes, with no top of a scale
    a = loaders.audit(report)
    verdict = a["verdict"].astype(str)
    audit_text = verdicts.summary(report)
    unbased = verdicts.unbased_rates(report)
    october = figs[figs["period_basis"].astype(str) == "to_date"]
    october_parts = sorted(int(p) for p in october["part"].unique())
    readings = verdicts.speedup_readings_table(report)
    supported = readings[readings["supported"]]
    added = readings[readings["formula"] == "additive"]
    dens = writing.figures_density(report, by="subsection")
    none = dens[dens["figures"] == 0]
    lengths = writing.part_lengths(report).set_index("part")
    by_part = figs.groupby("part").size()
    top2 = sorted(by_part.sort_values(ascending=False, kind="stable").index[:2])
    n_compared = int(verdict.isin(COMPARED).sum())
    # Counts up to ten are written as words ("six figures"), larger ones as numerals; the page
    # types the words that state facts ("Only", "none contradicts it", "all in"), checked in tests/test_landing.py.
    return {
        # thresholds the book chose, not computed shares: whole numbers, as they are
        "near_full": percent(NEAR_FULL, 100, decimals=0),
        "full": percent(1, decimals=0),
        "n_rates": number_word(len(rates)),
        "rates_near_full": number_word(int((rates["value"] >= NEAR_FULL).sum())),
        "rates_full": number_word(int((rates["value"] == 100).sum())),
        "n_unbased": number_word(len(unbased)),
        "n_relations_compared": number_word(n_compared),
        # the audit page's words for the same checks: real tests, derivations, nothing follows
        "n_relations_derived": number_word(int(verdict.isin([BOUND, IMPLIED]).sum())),
        "n_relations_uncheckable": number_word(int((verdict == UNCHECKABLE).sum())),
        "n_october": number_word(len(october)),
        "october_share": percent(len(october), len(figs)),
        "october_part": PART_LABELS[october_parts[0]],
        "top_part_a": str(top2[0]),
        "top_part_b": str(top2[1]),
        "top_parts_figures": percent(by_part.loc[top2].sum(), by_part.sum()),
        "top_parts_text": percent(float(lengths.loc[top2, "share"].sum())),
        "n_no_figure": number_word(len(none)),
        "no_figure_sections": listing([f"§{s}" for s in none["section"]]),
        "n_readings": number_word(len(readings)),
        "reading_low": f"{readings['time_index_end'].min():.1f}",
        "reading_high": f"{readings['time_index_end'].max():.1f}",
        "reading_supported": f"{float(supported['time_index_end'].iloc[0]):.1f}" if len(supported) else "none",
        "reading_added": f"{float(added['time_index_end'].iloc[0]):.1f}" if len(added) else "none",
        "base_year": audit_text["audit.base_year"],
        "n_qmarks": number_word(len(question_marks(report))),
        # whitespace excluded, as "How the report is written" counts
        "chars_no_space": f"{int(lengths['chars'].sum()):,}",
    }


def intro_summary(report: str | None = None) -> dict[str, str]:
    """The landing page: what the report is, why it matters, what the book finds and what to
    mind before quoting a number."""
    rep = _report(report)
    figs, outline = loaders.figures(report), loaders.outline(report)
    out = {
        "title_zh": rep["title_zh"],
        "title_en": rep["title_en"],
        "issuer_en": rep["issuer_en"],
        "jurisdiction": rep["jurisdiction_en"],
        "year": str(rep["year"]),
        "site_en": rep["capture_site_en"],
        "site_zh": rep["capture_site_zh"],
        "section_zh": rep["capture_section_zh"],
        "page_date": page_date(report),
        "chars": f"{len(loaders.body(report)):,}",
        "n_figures": str(len(figs)),
        "n_relations": str(len(loaders.relations(report))),
        "n_measures": str(int((outline["level"] == 2).sum())),
        "n_subsections": str(int((outline["level"] == 1).sum())),
        "n_terms": str(len(loaders.glossary())),
        "version": lawgov.__version__,
        "rates_near_top": _spread(figs)["rates_near_top"],
        **{f"n_part_{p}": number_word(int((figs["part"] == p).sum())) for p in sorted(outline["part"].unique())},
        **_findings(report),
    }
    out |= {k.removeprefix("intro."): v for k, v in periods.glue(figs, "intro", ("whole_year", "not_stated")).items()}
    return {f"intro.{k}": v for k, v in out.items()}


def numbers_summary(report: str | None = None) -> dict[str, str]:
    """ "The report in numbers": how many figures, and how they spread."""
    figs = loaders.figures(report)
    out = {f"numbers.{k}": v for k, v in {"n_figures": number_word(len(figs)), **_spread(figs)}.items()}
    return out | periods.glue(figs, "numbers", _PERIOD_KEYS)


# The period counts a page of reference states (the numbers table, the data page).
_PERIOD_KEYS = ("whole_year", "year_to_date", "to_date", "other", "reading", "not_stated")


def qualifier_counts(report: str | None = None) -> pd.DataFrame:
    """Figures per qualifier (exact, more_than ...), most common first."""
    counts = loaders.figures(report)["qualifier"].astype(str).value_counts()
    return pd.DataFrame({"qualifier": counts.index, "figures": counts.values})


def period_counts(report: str | None = None) -> pd.DataFrame:
    """Figures per period (ISO 8601 interval) and per basis (how the text states it), the
    periods the text states first; an assumed report year is its own row, never merged with
    a stated one."""
    figs = loaders.figures(report)
    order = {b: i for i, b in enumerate(PERIOD_BASES)}
    counts = (
        figs.groupby(["period", figs["period_basis"].astype(str)], observed=True).size().reset_index(name="figures")
    )
    counts["rank"] = counts["period_basis"].map(order)
    counts = counts.sort_values(["rank", "figures"], ascending=[True, False], kind="stable")
    return pd.DataFrame(
        {
            "period": counts["period"].values,
            "basis": [PERIOD_BASIS_LABELS[b] for b in counts["period_basis"]],
            "figures": counts["figures"].values,
        }
    )


def _stored_percent(report: str | None) -> str:
    return display.number(float(loaders.figures(report).set_index("id").loc[CITE_EXAMPLE, "value"]))


def methods_summary(report: str | None = None) -> dict[str, str]:
    """ "Data and methods": what was extracted and what validation runs."""
    figs = loaders.figures(report)
    out = {
        "n_figures": number_word(len(figs)),
        "n_relations": number_word(len(loaders.relations(report))),
        "n_sections": number_word(len(loaders.outline(report))),
        "n_rules": number_word(len(RULES)),
        "n_excluded": number_word(len(loaders.excluded(report))),
        "sha256": _report(report)["sha256"],
        "stored_percent": _stored_percent(report),
    }
    return {f"methods.{k}": v for k, v in out.items()} | periods.glue(
        figs, "methods", ("whole_year", "year_to_date", "to_date", "other", "reading", "not_stated")
    )


def data_summary(report: str | None = None) -> dict[str, str]:
    """ "Data and downloads": the numbers its prose uses as examples."""
    figs = loaders.figures(report)
    out = {"data.n_figures": str(len(figs)), "data.stored_percent": _stored_percent(report)}
    return out | periods.glue(figs, "data", _PERIOD_KEYS)


def glossary_summary(report: str | None = None) -> dict[str, str]:
    """The glossary: how many terms, how many with other renderings in use."""
    g = loaders.glossary()
    return {"glossary.n_terms": str(len(g)), "glossary.n_also": str(int(g["also_en"].map(len).gt(0).sum()))}


def report_citation(report: str | None = None) -> str:
    """The report itself, cited as the government's document with the capture it was read from."""
    r = _report(report)
    # n.d.: the capture gives the year reported on, not the date of issue (probably late 2012 or early 2013)
    return (
        f"{r['issuer_zh']} ({r['issuer_en']}). n.d. [report on {int(r['year'])}]. {r['title_zh']} [{r['title_en']}]. "
        f"Captured from {r['capture_site_zh']} ({r['capture_site_en']}), {r['capture_section_zh']}, "
        f"page dated {pd.Timestamp(r['capture_page_date']).date().isoformat()}; original address (原文地址) "
        + (f"{r['capture_original_url']}." if r["capture_original_url"] else "not given.")
    )


def source_line(report: pd.Series, sections) -> str:
    """The source line under a table or chart: the report as "How to cite" dates it (n.d., the year
    reported on in brackets), then the sections."""
    secs = ", ".join(f"§{s}" for s in sections)
    return f"Source: {report['title_zh']} ({report['issuer_en']}, n.d. [report on {int(report['year'])}]), {secs}."


def cite_sentence_example(report: str | None = None) -> str:
    """The id of the sentence that holds the example figure (the page's example of a sentence citation)."""
    sentences = loaders.sentences(report)
    return str(sentences.loc[sentences["figures"].map(lambda ids: CITE_EXAMPLE in ids), "id"].iloc[0])


def cite_summary(report: str | None = None) -> dict[str, str]:
    """ "How to cite": the version, the example figure's id, section and anchor, and the example sentence's."""
    section = loaders.figures(report).set_index("id").loc[CITE_EXAMPLE, "section"]
    sentence = loaders.sentences(report).set_index("id").loc[cite_sentence_example(report)]
    return {
        "cite.version": lawgov.__version__,
        "cite.example_id": CITE_EXAMPLE,
        "cite.example_anchor": display.anchor(CITE_EXAMPLE),
        "cite.example_section": section,
        "cite.report": report_citation(report),
        "cite.sentence_id": cite_sentence_example(report),
        "cite.sentence_section": sentence["section"],
        "cite.sentence_zh": sentence["zh"],
    }
