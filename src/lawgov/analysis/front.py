"""The summaries of the book's front and reference pages: the landing page, "The report in
numbers", "Data and methods", "Data and downloads", the glossary and "How to cite".

Each ``*_summary(report)`` returns every number and computed phrase its page's prose shows,
keyed for glue (``book.glue_page``); the frames the pages' tables print are here too.
"""
from __future__ import annotations

import math

import pandas as pd

import lawgov
from lawgov.analysis import display as fmt
from lawgov.analysis.furniture import page_date
from lawgov.analysis.wording import majority_word
from lawgov.dataset.rules import RULES
from lawgov.frames import loaders as _api

# The landing page's cards, chosen for range rather than importance: small counts and large,
# rates and money, an exact zero and a "more than".
KEY_FIGURES = [
    "model_units_designated", "penalty_powers_devolved", "approval_speedup_2012", "online_approval_rate",
    "executive_meeting_topics", "suggestions_satisfaction_rate", "normative_documents_abolished",
    "audit_revenue_savings", "litigation_cases_lost", "hotline_calls", "mediation_success_rate",
    "venture_projects_shortlisted",
]
# The figure "How to cite" uses as its example, and the percent that shows values are stored as printed;
# its sentence of the report is the page's example of a sentence citation.
CITE_EXAMPLE = "mediation_success_rate"
NEAR_FULL = 95  # a rate at or above this many percent sits "at or near the top" of its scale


def _report(report: str | None) -> pd.Series:
    reps = _api.reports().set_index("id")
    return reps.loc[report] if report else reps.iloc[0]


def _spread(figs: pd.DataFrame) -> dict[str, str]:
    """How the figures spread on the overview's two axes: rates near 100%, counts over orders of magnitude."""
    rates = figs[figs["kind"] == "rate"]
    counts = figs[(figs["kind"] != "rate") & (figs["value"] > 0)].sort_values("value")
    lo, hi = counts.iloc[0], counts.iloc[-1]
    near = int((rates["value"] >= NEAR_FULL).sum())
    return {
        "rates_near_top": majority_word(near, len(rates)).capitalize(),
        "rates_near_top_count": f"{near} of {len(rates)}",
        "magnitudes": str(round(math.log10(float(hi["value"]) / float(lo["value"])))),
        "count_min": f"{fmt.value_en(lo)} ({lo['indicator_en']})",
        "count_max": f"{fmt.value_en(hi)} ({hi['indicator_en']})",
        "n_zeros": str(int((figs["value"] == 0).sum())),
        "zeros_zh": "、".join(dict.fromkeys(figs.loc[figs["value"] == 0, "quote"])),
    }


def intro_summary(report: str | None = None) -> dict[str, str]:
    """The landing page: what the report is, how it is built, what the book adds."""
    rep = _report(report)
    figs, outline = _api.figures(report), _api.outline(report)
    out = {
        "title_zh": rep["title_zh"], "title_en": rep["title_en"], "issuer_en": rep["issuer_en"],
        "issuer_zh": rep["issuer_zh"], "jurisdiction": rep["jurisdiction_en"], "year": str(rep["year"]),
        "site_en": rep["capture_site_en"], "site_zh": rep["capture_site_zh"],
        "section_zh": rep["capture_section_zh"], "page_date": page_date(report),
        "chars": f"{len(_api.body(report)):,}", "n_figures": str(len(figs)),
        "n_relations": str(len(_api.relations(report))), "n_measures": str(int((outline["level"] == 2).sum())),
        "n_subsections": str(int((outline["level"] == 1).sum())), "n_terms": str(len(_api.glossary())),
        "n_cards": str(len(KEY_FIGURES)), "version": lawgov.__version__, **_spread(figs),
        **{f"n_part_{p}": str(int((figs["part"] == p).sum())) for p in sorted(outline["part"].unique())},
    }
    return {f"intro.{k}": v for k, v in out.items()}


def numbers_summary(report: str | None = None) -> dict[str, str]:
    """"The report in numbers": how many figures, and how they spread."""
    figs = _api.figures(report)
    return {f"numbers.{k}": v for k, v in {"n_figures": str(len(figs)), **_spread(figs)}.items()}


def qualifier_counts(report: str | None = None) -> pd.DataFrame:
    """Figures per qualifier (exact, more_than ...), most common first."""
    counts = _api.figures(report)["qualifier"].astype(str).value_counts()
    return pd.DataFrame({"qualifier": counts.index, "figures": counts.values})


def period_counts(report: str | None = None) -> pd.DataFrame:
    """Figures per period (ISO 8601 interval), most common first."""
    counts = _api.figures(report).groupby("period").size().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"period": counts.index, "figures": counts.values})


def _stored_percent(report: str | None) -> str:
    return fmt.number(float(_api.figures(report).set_index("id").loc[CITE_EXAMPLE, "value"]))


def methods_summary(report: str | None = None) -> dict[str, str]:
    """"Data and methods": what was extracted and what validation runs."""
    figs = _api.figures(report)
    full = figs["full_year"].astype(bool)
    out = {
        "n_figures": str(len(figs)), "n_relations": str(len(_api.relations(report))),
        "n_sections": str(len(_api.outline(report))), "n_terms": str(len(_api.glossary())),
        "n_rules": str(len(RULES)), "n_full_year": str(int(full.sum())), "n_other_period": str(int((~full).sum())),
        "n_excluded": str(len(_api.excluded(report))), "sha256": _report(report)["sha256"],
        "stored_percent": _stored_percent(report),
    }
    return {f"methods.{k}": v for k, v in out.items()}


def data_summary(report: str | None = None) -> dict[str, str]:
    """"Data and downloads": the numbers its prose uses as examples."""
    return {"data.n_figures": str(len(_api.figures(report))), "data.stored_percent": _stored_percent(report)}


def glossary_summary(report: str | None = None) -> dict[str, str]:
    """The glossary: how many terms, how many with other renderings in use."""
    g = _api.glossary()
    return {"glossary.n_terms": str(len(g)), "glossary.n_also": str(int(g["also_en"].map(len).gt(0).sum()))}


def report_citation(report: str | None = None) -> str:
    """The report itself, cited as the government's document with the capture it was read from."""
    r = _report(report)
    # n.d.: the capture gives the year reported on, not the date of issue (probably late 2012 or early 2013)
    return (f"{r['issuer_zh']} ({r['issuer_en']}). n.d. [report on {int(r['year'])}]. {r['title_zh']} [{r['title_en']}]. "
            f"Captured from {r['capture_site_zh']} ({r['capture_site_en']}), {r['capture_section_zh']}, "
            f"page dated {pd.Timestamp(r['capture_page_date']).date().isoformat()}; original address (原文地址) "
            + (f"{r['capture_original_url']}." if r["capture_original_url"] else "not given."))


def cite_sentence_example(report: str | None = None) -> str:
    """The id of the sentence that holds the example figure (the page's example of a sentence citation)."""
    sentences = _api.sentences(report)
    return str(sentences.loc[sentences["figures"].map(lambda ids: CITE_EXAMPLE in ids), "id"].iloc[0])


def cite_summary(report: str | None = None) -> dict[str, str]:
    """"How to cite": the version, the example figure's id, section and anchor, and the example sentence's."""
    section = _api.figures(report).set_index("id").loc[CITE_EXAMPLE, "section"]
    sentence = _api.sentences(report).set_index("id").loc[cite_sentence_example(report)]
    return {"cite.version": lawgov.__version__, "cite.example_id": CITE_EXAMPLE,
            "cite.example_anchor": fmt.anchor(CITE_EXAMPLE), "cite.example_section": section,
            "cite.report": report_citation(report),
            "cite.sentence_id": cite_sentence_example(report), "cite.sentence_section": sentence["section"],
            "cite.sentence_zh": sentence["zh"]}
