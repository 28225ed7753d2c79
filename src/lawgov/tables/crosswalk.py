"""Tables of the crosswalk to the national frameworks."""
from __future__ import annotations

import great_tables as gt
import pandas as pd

from lawgov.analysis import crosswalk
from lawgov.analysis.vocabulary import CONFIDENCE_LABEL, PART_LABELS
from lawgov.frames import loaders
from lawgov.tables.style import style


def _esc(x) -> str:
    import html

    return html.escape("" if x is None or (isinstance(x, float) and pd.isna(x)) else str(x))


def _gt(rows: pd.DataFrame, html_cols: list[str], labels: dict[str, str], widths: dict[str, str] | None = None,
        group: str | None = None, source: str | None = None):
    table = gt.GT(rows, groupname_col=group) if group else gt.GT(rows)
    table = table.fmt(lambda x: x, columns=html_cols).cols_label(**labels)
    if widths:
        table = table.cols_width(widths)
    if source:
        table = table.tab_source_note(source)
    return style(table)


def frameworks_table(data_dir=None):
    """The national frameworks: number, relation to the report, areas by confidence, and what is confirmed."""
    fs = crosswalk.frameworks_summary(data_dir)
    rows = pd.DataFrame({
        "doc": [f'<span lang="zh">{_esc(z)}</span><br>{_esc(e)}<br><span lang="zh">{_esc(n)}</span>'
                for z, e, n in zip(fs["title_zh"], fs["title_en"], fs["document_no"])],
        "issued": fs["issued"],
        "relation": fs["relation_en"],
        "areas": [(f"{a} ({c} ✓, {k} ~, {u} ?)" + ("; Chinese headings: this project's renderings" if zh else "")) if a else "none listed"
                  for a, c, k, u, zh in zip(fs["areas"], fs["confirmed"], fs["likely"], fs["unverified"], fs["title_zh_rendered"])],
        "note": fs["confidence_note_en"].map(_esc),
    })
    return _gt(rows, ["doc", "note"], {"doc": "Document · 文件", "issued": "Issued", "relation": "Relation to the report",
                                       "areas": "Parts (✓ confirmed, ~ likely, ? unverified)", "note": "What is confirmed"},
               {"doc": "24%", "issued": "9%", "relation": "14%", "areas": "13%", "note": "40%"})


# Marks beside an area of a framework the report does not cite, or that post-dates it.
_RELATION_MARK = {"not_cited": " <em>(not cited by the report)</em>", "later_lens": " <em>(later lens)</em>"}


def _zh_title(area: pd.Series) -> str:
    """An area's Chinese heading, marked where it is this project's rendering, not the document's."""
    zh = f'<span lang="zh">{_esc(area["title_zh"])}</span>'
    return f"{zh} <em>({_esc(crosswalk.ZH_RENDERED_EN)})</em>" if area["title_zh_rendered"] else zh


def crosswalk_table(report: str | None = None, data_dir=None):
    """Every mapping: report section (with its heading) to framework area (with its confidence mark) and the reason."""
    cw = loaders.crosswalk(report, data_dir=data_dir)
    ar = crosswalk.areas(data_dir).set_index("code")
    out = loaders.outline(report, data_dir=data_dir).set_index("section")
    cw = cw.assign(order=[[int(x) for x in s.split(".")] for s in cw["section"]]).sort_values("order", kind="stable")
    rows = pd.DataFrame({
        "group": cw["part"].map(lambda p: PART_LABELS[int(p)]),
        "section": cw["section"],
        "heading": [f'{_esc(out.loc[s, "title_en"])}<br><span lang="zh">{_esc(out.loc[s, "marker"])}{_esc(out.loc[s, "heading_zh"])}</span>'
                    for s in cw["section"]],
        "area": [f'<code>{_esc(a)}</code> {_esc(ar.loc[a, "title_en"])}<br>{_zh_title(ar.loc[a])}'
                 + _RELATION_MARK.get(ar.loc[a, "relation"], "") for a in cw["area"]],
        "confidence": [CONFIDENCE_LABEL[ar.loc[a, "confidence"]] for a in cw["area"]],
        "reason": cw["reason_en"].map(_esc),
    })
    return _gt(rows, ["heading", "area", "reason"],
               {"section": "§", "heading": "Report section", "area": "Framework part", "confidence": "Heading",
                "reason": "Why"}, {"section": "6%", "heading": "22%", "area": "30%", "confidence": "10%", "reason": "32%"},
               group="group")


def gaps_table(report: str | None = None, data_dir=None):
    """Parts of the frameworks in force in 2012 (cited or not) that no measure answers to, and whether
    the preamble or the closing does."""
    none = crosswalk.areas_without_measure(report, data_dir)
    rows = pd.DataFrame({
        "area": [f'<code>{_esc(r["code"])}</code> {_esc(r["title_en"])}<br>{_zh_title(r)}' for _, r in none.iterrows()],
        "framework": none["framework"], "relation": none["relation_en"],
        "confidence": none["confidence"].map(CONFIDENCE_LABEL),
        "framing": [f.capitalize() if f else "Nothing in the report" for f in none["framing"]],
    })
    return _gt(rows, ["area"], {"area": "Framework part", "framework": "Framework", "relation": "Relation to the report",
                                "confidence": "Heading", "framing": "Answered (no measure) by"})


def not_named_table(report: str | None = None, data_dir=None):
    """What the report covers that the frameworks' headings do not name."""
    nn = crosswalk.not_named(report, data_dir)
    rows = pd.DataFrame({
        "section": nn["section"],
        "heading": [f'{_esc(t)}<br><span lang="zh">{_esc(z)}</span>' for t, z in zip(nn["title_en"], nn["heading_zh"])],
        "theme": nn["theme_en"].map(_esc), "figures": nn["figures"],
    })
    return _gt(rows, ["heading", "theme"], {"section": "§", "heading": "Report section", "theme": "Theme not named",
                                            "figures": "Figures"},
               {"section": "7%", "heading": "28%", "theme": "55%", "figures": "10%"})
