"""Tables of the arithmetic audit ("Checking the arithmetic")."""
from __future__ import annotations

import html

import great_tables as gt
import pandas as pd

from lawgov.analysis import audit as derive
from lawgov.analysis import display as fmt
from lawgov.analysis.vocabulary import PART_LABELS
from lawgov.tables.style import style


def audit_table(report: str | None = None, data_dir=None, *, page_prefix: str = ""):
    """Every relation as a great-tables table: inputs linked to their anchors, computed vs stated, verdict, reason."""
    rows = derive.audit_rows(report, data_dir, page_prefix=page_prefix)
    rows["group"] = rows["part"].map(PART_LABELS)
    rows["what"] = [f"<code>{html.escape(i)}</code><br>{html.escape(d)}" for i, d in zip(rows["id"], rows["description_en"])]
    rows["reason"] = rows["reason"].map(html.escape)
    rows["verdict"] = [f'<span class="verdict verdict-{html.escape(v.split()[0])}">{html.escape(v)}</span>' for v in rows["verdict"]]
    table = (
        gt.GT(rows[["group", "section", "kind", "what", "inputs_html", "computed", "stated", "verdict", "reason"]],
              groupname_col="group", id="lawgov-audit-table")
        .fmt(lambda x: x, columns=["what", "inputs_html", "verdict", "reason"])
        .cols_label(section="§", kind="Kind", what="Relation", inputs_html="Inputs (linked to their quotes)",
                    computed="Computed", stated="Stated", verdict="Verdict", reason="Reason")
        .cols_align("right", columns=["computed", "stated"])
        .cols_width({"section": "5%", "kind": "8%", "what": "20%", "inputs_html": "18%", "computed": "9%",
                     "stated": "7%", "verdict": "13%", "reason": "20%"})
        # long ids and expressions (mediation_successes, 17985 / 17993) may wrap anywhere
        .opt_css("#lawgov-audit-table td { overflow-wrap: anywhere; }"
                 " #lawgov-audit-table .verdict { overflow-wrap: normal; word-break: keep-all; }")
    )
    return style(table)


def unbased_table(report: str | None = None, data_dir=None, *, page_prefix: str = ""):
    """Rates printed with no base, each linked to its row in "The report in numbers"."""
    u = derive.unbased_rates(report, data_dir)
    rows = pd.DataFrame({
        "section": u["section"],
        "rate": [f'{fmt.link(f, i, page_prefix=page_prefix)}<br><span lang="zh">{html.escape(z)}</span>'
                 for f, i, z in zip(u["figure"], u["indicator_en"], u["indicator_zh"])],
        "value": [f'{html.escape(e)}<br><span lang="zh">{html.escape(z)}</span>' for e, z in zip(u["value_en"], u["value_zh"])],
        "missing": u["missing"],
        "what": u["description_en"].map(html.escape),
    })
    table = (gt.GT(rows).fmt(lambda x: x, columns=["rate", "value", "what"])
             .cols_label(section="§", rate="Rate · 比率", value="Printed", missing="Not printed", what="What is missing")
             .cols_width({"section": "6%", "rate": "28%", "value": "14%", "missing": "16%", "what": "36%"}))
    return style(table)


def readings_table(report: str | None = None, data_dir=None):
    """The readings of the compound speed-up: combined change, last year's time index, and whether the text supports it."""
    t = derive.speedup_readings_table(report, data_dir)
    base = int(derive.speedup_series(report, data_dir)["year"].min())
    end = int(derive.speedup_series(report, data_dir)["year"].max())
    rows = pd.DataFrame({
        "reading": t["label_en"].map(html.escape),
        "change": [f"{v:.2f}%" for v in t["combined_change"]],
        "index": [f"{v:.1f}" for v in t["time_index_end"]],
        "supported": ["yes" if s else "no" for s in t["supported"]],
        "why": t["reason_en"].map(html.escape),
    })
    table = (gt.GT(rows).fmt(lambda x: x, columns=["reading", "why"])
             .cols_label(reading="Reading", change=f"Combined change {base}–{end}",
                         index=f"Processing time {end} ({base} = 100)", supported="Supported by the text", why="Why")
             .cols_align("right", columns=["change", "index"])
             .cols_width({"reading": "28%", "change": "12%", "index": "12%", "supported": "10%", "why": "38%"}))
    return style(table)
