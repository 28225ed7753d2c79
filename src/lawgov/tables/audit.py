"""Tables of the arithmetic audit ("Checking the arithmetic")."""

from __future__ import annotations

import html

import great_tables as gt
import pandas as pd

from lawgov.analysis import display, verdicts
from lawgov.analysis.vocabulary import PART_LABELS
from lawgov.analysis.wording import percent
from lawgov.tables.style import style


def audit_table(report: str | None = None, data_dir=None, *, page_prefix: str = ""):
    """Every relation as a great-tables table: inputs linked to their anchors, computed vs stated, verdict, reason."""
    rows = verdicts.audit_rows(report, data_dir, page_prefix=page_prefix)
    rows["group"] = rows["part"].map(PART_LABELS)
    # what the relation says, in words (its id is a name for the data files, not for a reader)
    rows["what"] = [html.escape(d) for d in rows["description_en"]]
    rows["reason"] = [html.escape(r).replace("_", "_<wbr>") for r in rows["reason"]]  # ids in the reasons, too
    rows["verdict"] = [
        f'<span class="verdict verdict-{html.escape(v.split()[0])}">{html.escape(v)}</span>' for v in rows["verdict"]
    ]
    table = (
        gt.GT(
            rows[["group", "section", "kind", "what", "inputs_html", "computed", "stated", "verdict", "reason"]],
            groupname_col="group",
            id="lawgov-audit-table",
        )
        .fmt(lambda x: x, columns=["what", "inputs_html", "verdict", "reason"])
        .cols_label(
            section="§",
            kind="Kind",
            what="Relation",
            inputs_html="Inputs (linked to their quotes)",
            computed="Computed",
            stated="Stated",
            verdict="Verdict",
            reason="Reason",
        )
        .cols_align("right", columns=["computed", "stated"])
        .cols_width(
            {
                "section": "5%",
                "kind": "8%",
                "what": "20%",
                "inputs_html": "18%",
                "computed": "9%",
                "stated": "7%",
                "verdict": "13%",
                "reason": "20%",
            }
        )
        # eight columns in a 688 px column at 1280 px: 4 px either side of a cell, not 5, so that no word breaks
        .opt_css(
            "#lawgov-audit-table .verdict { overflow-wrap: normal; word-break: keep-all; }"
            " #lawgov-audit-table :is(.gt_row, .gt_col_heading) { padding-left: 4px; padding-right: 4px; }"
        )
    )
    return style(table)


def unbased_table(report: str | None = None, data_dir=None, *, page_prefix: str = ""):
    """Rates printed with no base, each linked to its row in "The report in numbers"."""
    u = verdicts.unbased_rates(report, data_dir)
    rows = pd.DataFrame(
        {
            "section": u["section"],
            "rate": _rate_cells(u, page_prefix),
            "value": _printed_cells(u),
            "what": u["description_en"].map(html.escape),
        }
    )
    table = (
        gt.GT(rows)
        .fmt(lambda x: x, columns=["rate", "value", "what"])
        .cols_label(section="§", rate="Rate · 比率", value="Printed", what="What is missing")
        .cols_width({"section": "6%", "rate": "32%", "value": "16%", "what": "46%"})
    )
    return style(table)


def _rate_cells(frame: pd.DataFrame, page_prefix: str) -> list[str]:
    """Each rate's English indicator, linked to its row in "The report in numbers", over its Chinese."""
    return [
        f'{display.link(f, i, page_prefix=page_prefix)}<br><span lang="zh">{html.escape(z)}</span>'
        for f, i, z in zip(frame["figure"], frame["indicator_en"], frame["indicator_zh"])
    ]


def _printed_cells(frame: pd.DataFrame) -> list[str]:
    return [
        f'{html.escape(e)}<br><span lang="zh">{html.escape(z)}</span>'
        for e, z in zip(frame["value_en"], frame["value_zh"])
    ]


def intervals_table(report: str | None = None, data_dir=None, *, page_prefix: str = ""):
    """Every printed rate with a base: the shares its printing stands for, and the counts (and the rest) that allows."""
    iv = verdicts.rate_intervals(report, data_dir)
    rows = pd.DataFrame(
        {
            "section": iv["section"],
            "rate": _rate_cells(iv, page_prefix),
            "value": _printed_cells(iv),
            "base": iv["base_en"],
            "share": iv["share_en"],
            "count": iv["count_en"],
            "rest": iv["rest_en"],
            "printed": iv["printed_count_en"],
            "verdict": [
                f'<span class="verdict verdict-{html.escape(v.split()[0])}">{html.escape(v)}</span>'
                for v in iv["verdict"]
            ],
        }
    )
    table = (
        gt.GT(rows, id="lawgov-audit-intervals")
        .fmt(lambda x: x, columns=["rate", "value", "verdict"])
        .cols_label(
            section="§",
            rate="Rate · 比率",
            value="Printed",
            base="Base",
            share="Shares the printed rate stands for",
            count="Counts meeting it",
            rest="The rest",
            printed="Count printed",
            verdict="Verdict",
        )
        .cols_align("right", columns=["base", "count", "rest"])
        .cols_width(
            {
                "section": "5%",
                "rate": "22%",
                "value": "10%",
                "base": "12%",
                "share": "13%",
                "count": "11%",
                "rest": "7%",
                "printed": "9%",
                "verdict": "11%",
            }
        )
        .opt_css("#lawgov-audit-intervals .verdict { overflow-wrap: normal; word-break: keep-all; }")
    )
    return style(table)


def _time_cut_cell(r: dict) -> str:
    """A reading's cut in processing time; a reading of throughput keeps its own change in brackets."""
    cut = percent(r["time_cut"], 100)
    return f"{cut} (throughput up {percent(r['combined_change'], 100)})" if r["formula"] == "compound_speed" else cut


def readings_table(report: str | None = None, data_dir=None):
    """The readings of the compound speed-up, all on the scale of processing time: the cut each implies,
    last year's time index, and how far the text bears each out."""
    t = verdicts.speedup_readings_table(report, data_dir)
    base = int(verdicts.speedup_series(report, data_dir)["year"].min())
    end = int(verdicts.speedup_series(report, data_dir)["year"].max())
    rows = pd.DataFrame(
        {
            "reading": t["label_en"].map(html.escape),
            "change": [_time_cut_cell(r) for r in t.to_dict("records")],
            "index": [f"{v:.1f}" for v in t["time_index_end"]],
            "supported": t["supported_en"],
            "why": t["reason_en"].map(html.escape),
        }
    )
    table = (
        gt.GT(rows)
        .fmt(lambda x: x, columns=["reading", "why"])
        .cols_label(
            reading="Reading",
            change=f"Cut in processing time {base}–{end}",
            index=f"Processing time {end} ({base} = 100)",
            supported="Fits the wording",
            why="Why",
        )
        .cols_align("right", columns=["change", "index"])
        .cols_width({"reading": "28%", "change": "12%", "index": "12%", "supported": "10%", "why": "38%"})
    )
    return style(table)
