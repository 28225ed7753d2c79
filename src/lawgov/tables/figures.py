"""Publication-quality tables (great-tables) of the outline and the figures.

Cells that carry markup (links, two-language labels) are built here from escaped text,
so a quote or label holding HTML is shown as text, never run.
"""

from __future__ import annotations

import html

import great_tables as gt
import pandas as pd

from lawgov.analysis import display
from lawgov.tables.style import quote, style, two_lines


def figures_table(
    figs: pd.DataFrame, *, title: str | None = None, source: str | None = None, page_prefix: str = ""
) -> gt.GT:
    """One row per figure: indicator (linked to its row in "The report in numbers"), value, period, qualifier, quote.

    Every caveat (``note_en``) becomes a footnote on the value it qualifies, its mark always after
    the value: placed before it (great-tables' "auto" does so for some values) "20 100%" reads as 20,100%.
    """
    figs = figs.reset_index(drop=True)
    rows = pd.DataFrame(
        {
            "section": figs["section"],
            "indicator": [
                two_lines(
                    f["indicator_en"],
                    f["indicator_zh"],
                    f"{page_prefix}{display.NUMBERS_PAGE}.html#{display.anchor(f['id'])}",
                )
                for f in figs.to_dict("records")
            ],
            "value": [two_lines(display.value_en(f), display.value_zh(f)) for f in figs.to_dict("records")],
            "period": [display.period_stated_en(r) for r in figs.to_dict("records")],
            "qualifier": figs["qualifier"].map(display.QUALIFIER_LABEL),
            "quote": [quote(q) for q in figs["quote"]],
        }
    )
    table = (
        gt.GT(rows)
        .fmt(lambda x: x, columns=["indicator", "value", "quote"])  # pre-escaped HTML
        .cols_label(
            section="§",
            indicator="Indicator · 指标",
            value="Value · 数值",
            period="Period",
            qualifier="Qualifier",
            quote="Quote · 原文",
        )
        .cols_align("right", columns="value")
        .cols_align("left", columns=["section", "period"])
        .cols_width(
            {"section": "6%", "indicator": "30%", "value": "16%", "period": "12%", "qualifier": "10%", "quote": "26%"}
        )
    )
    # Marks always after the value: great-tables' "auto" puts one before a cell it reads as a
    # number, and the mark 20 before 100% reads as "20 100%".
    for i, note in enumerate(figs["note_en"]):
        if isinstance(note, str) and note:
            table = table.tab_footnote(note, locations=gt.loc.body(columns="value", rows=[i]), placement="right")
    if title:
        table = table.tab_header(title=title)
    if source:
        table = table.tab_source_note(source)
    return style(table)


def outline_table(outline: pd.DataFrame, *, title: str | None = None) -> gt.GT:
    """Headings of one part (or the whole report): P.S.M number, Chinese heading, English title, figures in it."""
    outline = outline.reset_index(drop=True)
    indent = outline["level"].map({0: "", 1: "", 2: "\u2003"})
    rows = pd.DataFrame(
        {
            "section": outline["section"],
            "heading_zh": [
                f'{ind}<span lang="zh">{html.escape(m)}{html.escape(h)}</span>'
                for ind, m, h in zip(indent, outline["marker"], outline["heading_zh"])
            ],
            "title_en": [f"{ind}{html.escape(t)}" for ind, t in zip(indent, outline["title_en"])],
            "n_figures": outline["n_figures"].astype(int),
        }
    )
    table = (
        gt.GT(rows)
        .fmt(lambda x: x, columns=["heading_zh", "title_en"])
        .cols_label(section="§ P.S.M", heading_zh="Heading · 标题", title_en="English title", n_figures="Figures")
        .cols_width({"section": "10%", "heading_zh": "38%", "title_en": "42%", "n_figures": "10%"})
        .tab_style(gt.style.text(weight="bold"), locations=gt.loc.body(rows=list(outline.index[outline["level"] < 2])))
    )
    if title:
        table = table.tab_header(title=title)
    return style(table)


def numbers_table(figs: pd.DataFrame, topics: pd.DataFrame | None = None) -> gt.GT:
    """Every figure, grouped by part, each row carrying the stable anchor ``#fig-<id>``.

    The anchor sits on the row's section number: a reader sees the section and the indicator,
    not the figure's id (a name for the code and the data files; a link to the row carries it).
    """
    figs = figs.sort_values(["part", "offset"]).reset_index(drop=True)
    part_names = {0: "Preamble", 6: "Closing", **{p: f"Part {p}" for p in range(1, 6)}}
    rows = pd.DataFrame(
        {
            "group": figs["part"].map(part_names),
            "section": [
                f'<span class="fig-anchor" id="{html.escape(display.anchor(i))}">{html.escape(s)}</span>'
                for i, s in zip(figs["id"], figs["section"])
            ],
            "indicator": [two_lines(a, b) for a, b in zip(figs["indicator_en"], figs["indicator_zh"])],
            "value": [two_lines(display.value_en(f), display.value_zh(f)) for f in figs.to_dict("records")],
            "period": [display.period_stated_en(r) for r in figs.to_dict("records")],
            "topic": figs["topic_en"] if "topic_en" in figs else figs["topic"],
            "quote": [quote(q) for q in figs["quote"]],
        }
    )
    table = (
        gt.GT(rows, groupname_col="group")
        .fmt(lambda x: x, columns=["section", "indicator", "value", "quote"])
        .cols_label(
            section="§",
            indicator="Indicator · 指标",
            value="Value · 数值",
            period="Period",
            topic="Topic",
            quote="Quote · 原文",
        )
    )
    for i, note in enumerate(figs["note_en"]):
        if isinstance(note, str) and note:
            table = table.tab_footnote(note, locations=gt.loc.body(columns="value", rows=[i]), placement="right")
    return style(table)


def glossary_table(glossary: pd.DataFrame, part_pages: dict[int, str]) -> gt.GT:
    """The bilingual glossary: Chinese, pinyin, English, meaning, and first use linked to its chapter."""
    g = glossary.sort_values("pinyin", key=lambda s: s.str.normalize("NFKD")).reset_index(drop=True)
    first = [
        f'<a href="{html.escape(part_pages[int(str(s).split(".")[0])])}.html">§{html.escape(str(s))}</a>'
        for s in g["first_use"]
    ]
    rows = pd.DataFrame(
        {
            "zh": [f'<span lang="zh" class="term-zh">{html.escape(t)}</span>' for t in g["zh"]],
            "pinyin": g["pinyin"],
            "en": [
                html.escape(e) + (f'<br><span class="also">also: {html.escape("; ".join(a))}</span>' if len(a) else "")
                for e, a in zip(g["en"], g["also_en"])
            ],
            "meaning": g["explanation_en"],
            "first_use": first,
        }
    )
    return style(
        gt.GT(rows)
        .fmt(lambda x: x, columns=["zh", "en", "first_use"])
        .cols_label(zh="中文", pinyin="Pinyin", en="English", meaning="Meaning", first_use="First use")
        .cols_width({"zh": "14%", "pinyin": "16%", "en": "20%", "meaning": "40%", "first_use": "10%"})
    )


def reference_table(df: pd.DataFrame, *, title: str | None = None) -> gt.GT:
    """A plain, escaped table for reference material (schemas, rules, counts)."""
    table = gt.GT(df.reset_index(drop=True))
    if title:
        table = table.tab_header(title=title)
    return style(table)
