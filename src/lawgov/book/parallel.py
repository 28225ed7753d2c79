"""The whole report in parallel text: each sentence in Chinese beside this project's English.

Every row is anchored by its sentence id (``#s-4.1.4-2``), so a sentence is citable like a
figure; figures are highlighted where they stand and link to their rows in "The report in
numbers". Headings (一、, (一), 一是 ...) are the first sentences of their sections and are
set apart. All text is escaped: the HTML is built here, never in a notebook.
"""

from __future__ import annotations

import html

import pandas as pd

from lawgov.analysis import display

PAGE = "report"  # book/report.md


def sentence_href(sentence_id: str, *, page_prefix: str = "") -> str:
    return f"{page_prefix}{PAGE}.html#{sentence_id}"


def _marked(zh: str, start: int, figs: pd.DataFrame) -> str:
    """The sentence with each figure's quote in a <mark>; overlapping quotes share one mark."""
    spans: list[list] = []  # [start, end, [(id, indicator)]] in sentence offsets
    for f in figs.sort_values("offset").itertuples():
        a, b = int(f.offset) - start, int(f.offset) - start + len(f.quote)
        if spans and a < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
            spans[-1][2].append((f.id, f.indicator_en))
        else:
            spans.append([a, b, [(f.id, f.indicator_en)]])
    out, at = [], 0
    for a, b, ids in spans:
        out.append(html.escape(zh[at:a]))
        text = html.escape(zh[a:b])
        if len(ids) == 1:
            fid, label = ids[0]
            out.append(
                f'<a class="pt-fig" href="{display.NUMBERS_PAGE}.html#{display.anchor(fid)}" '
                f'title="{html.escape(label)}"><mark>{text}</mark></a>'
            )
        else:
            refs = ",".join(
                f'<a href="{display.NUMBERS_PAGE}.html#{display.anchor(fid)}" title="{html.escape(label)}">{k}</a>'
                for k, (fid, label) in enumerate(ids, start=1)
            )
            out.append(f'<mark class="pt-fig">{text}</mark><sup class="pt-refs">{refs}</sup>')
        at = b
    out.append(html.escape(zh[at:]))
    return "".join(out)


def parallel_text(sentences: pd.DataFrame, figures: pd.DataFrame, outline: pd.DataFrame, part: int):
    """One part of the report as rows of (anchor, Chinese, English)."""
    from IPython.display import HTML

    heads = {s: (int(lv), m) for s, lv, m in zip(outline["section"], outline["level"], outline["marker"])}
    rows = []
    for s in sentences[sentences["part"] == part].itertuples():
        level, marker = heads.get(s.section, (3, ""))
        is_heading = s.id.endswith("-1") and bool(marker) and s.zh.startswith(marker)
        cls = f"pt-row pt-h{level}" if is_heading else "pt-row"
        mine = figures[figures["id"].isin(s.figures)]
        rows.append(
            f'<div class="{cls}" id="{html.escape(s.id)}">'
            f'<a class="pt-id" href="#{html.escape(s.id)}" title="Link to this sentence">{html.escape(s.id)}</a>'
            f'<div class="pt-zh" lang="zh-Hans">{_marked(s.zh, int(s.start), mine)}</div>'
            f'<div class="pt-en" lang="en">{html.escape(s.en or "")}</div></div>'
        )
    return HTML(f'<div class="parallel-text">{"".join(rows)}</div>')


def summary(report: str | None = None) -> dict[str, str]:
    """The numbers the parallel-text page states."""
    import lawgov

    sentences = lawgov.sentences(report)
    return {
        "report.sentences": f"{len(sentences):,}",
        "report.figures": f"{sum(len(f) for f in sentences['figures']):,}",
        "report.translated": f"{int(sentences['en'].notna().sum()):,}",
    }
