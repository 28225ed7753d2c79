"""The crosswalk as numbers: which framework areas the report's measures and figures answer to.

The unit of coverage is the *measure* (一是, 二是 ... inside a subsection); the preamble and
the closing have no measures and count as one unit each. A measure answers to a framework
area when the crosswalk (``data/frameworks.yaml``) maps the measure itself, its subsection
or its part to that area: the same rule ``lawgov.figures()`` uses for a figure's
``framework`` column, so measures and figures are counted alike.

Every row carries the area's confidence mark (confirmed / likely / unverified, from
``shared/reference/frameworks.md``) and its framework's relation to the report (cited /
not_cited / later_lens), so no chart or table can show an area without them.
"""
from __future__ import annotations

import pandas as pd

from lawgov.frames import loaders as _api

from lawgov.dataset.sections import ancestors

PART_LABELS = {0: "Preamble", 6: "Closing", **{p: f"Part {p}" for p in range(1, 6)}}
CONFIDENCE_ORDER = ("confirmed", "likely", "unverified")
RELATION_EN = {"cited": "cited by the report", "not_cited": "not cited by the report",
               "later_lens": "later lens (issued 2015, after the report)"}


def units(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """The leaf sections of the outline: every measure, plus parts with no subsections."""

    out = _api.outline(report, data_dir=data_dir)
    sections = list(out["section"])
    leaves = out[[not any(t.startswith(s + ".") for t in sections) for s in sections]]
    rows = leaves[["section", "part", "level", "heading_zh", "title_en"]].copy()
    rows["subsection"] = [".".join(s.split(".")[:2]) if lvl >= 1 else None for s, lvl in zip(rows["section"], rows["level"])]
    rows["part"] = rows["part"].astype(int)
    return rows.reset_index(drop=True)


def areas(data_dir=None) -> pd.DataFrame:
    """Every framework area with its framework, confidence mark and relation to the report."""

    fw = _api.frameworks(data_dir=data_dir)
    out = fw[["framework", "framework_title_zh", "framework_document_no", "framework_relation_to_report", "code",
              "title_zh", "title_en", "confidence"]].rename(columns={"framework_relation_to_report": "relation"})
    out["part_no"] = out["code"].str.split(".").str[1].astype(int)
    out["relation_en"] = out["relation"].map(RELATION_EN)
    out["label"] = [f"{c} {t}" for c, t in zip(out["code"], out["title_en"])]
    return out.reset_index(drop=True)


def unit_areas(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """One row per (measure, area) pair the crosswalk implies, with the level the mapping was made at."""

    cw = _api.crosswalk(report, data_dir=data_dir)
    direct: dict[str, list[str]] = {}
    for s, a in zip(cw["section"], cw["area"]):
        direct.setdefault(s, []).append(a)
    rows = []
    for u in units(report, data_dir).to_dict("records"):
        seen: set[str] = set()
        for anc in ancestors(u["section"]):
            for a in direct.get(anc, []):
                if a not in seen:
                    seen.add(a)
                    rows.append({"section": u["section"], "part": u["part"], "subsection": u["subsection"], "area": a,
                                 "mapped_at": anc})
    return pd.DataFrame(rows, columns=["section", "part", "subsection", "area", "mapped_at"])


def _figure_areas(report: str | None, data_dir) -> pd.DataFrame:

    figs = _api.figures(report, data_dir=data_dir)
    rows = [{"id": f["id"], "section": f["section"], "part": int(f["part"]),
             "subsection": ".".join(f["section"].split(".")[:2]) if "." in f["section"] else None, "area": a}
            for f in figs.to_dict("records") for a in f["framework"]]
    return pd.DataFrame(rows, columns=["id", "section", "part", "subsection", "area"])


def matrix(report: str | None = None, data_dir=None, *, by: str = "part", frameworks: list[str] | None = None) -> pd.DataFrame:
    """Report parts (or subsections) × framework areas: number of measures and of figures.

    Long format, every combination present (zeros included), each row with the area's
    confidence and its framework's relation to the report. ``frameworks`` limits the areas
    (for example ``["outline-2004", "opinion-2010"]``).
    """
    if by not in ("part", "subsection"):
        raise ValueError(f"by must be 'part' or 'subsection', not {by!r}")
    ar = areas(data_dir)
    if frameworks is not None:
        ar = ar[ar["framework"].isin(frameworks)]
    ua = unit_areas(report, data_dir)
    fa = _figure_areas(report, data_dir)
    un = units(report, data_dir)
    if by == "part":
        rows_idx = [(p, PART_LABELS[p]) for p in sorted(un["part"].unique())]
        key = "part"
    else:
        subs = [s for s in dict.fromkeys(un["subsection"]) if s is not None]
        rows_idx = [(s, f"§{s}") for s in subs]
        key = "subsection"
    n_meas = ua.groupby([key, "area"]).size().to_dict()
    n_figs = fa.groupby([key, "area"]).size().to_dict()
    total_meas = un.groupby(key).size().to_dict()
    out = []
    for row, label in rows_idx:
        for a in ar.to_dict("records"):
            out.append({
                key: row, "row_label": label, "area": a["code"], "framework": a["framework"],
                "area_title_en": a["title_en"], "area_title_zh": a["title_zh"], "area_label": a["label"],
                "confidence": a["confidence"], "relation": a["relation"],
                "measures": int(n_meas.get((row, a["code"]), 0)), "figures": int(n_figs.get((row, a["code"]), 0)),
                "measures_in_row": int(total_meas.get(row, 0)),
            })
    return pd.DataFrame(out)


def area_summary(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Per framework area: direct mappings, measures and figures answering to it, and where."""

    cw = _api.crosswalk(report, data_dir=data_dir)
    ua = unit_areas(report, data_dir)
    fa = _figure_areas(report, data_dir)
    rows = []
    for a in areas(data_dir).to_dict("records"):
        code = a["code"]
        mapped = cw[cw["area"] == code]
        rows.append(a | {
            "mappings": len(mapped),
            "sections": ", ".join(sorted(set(mapped["section"]), key=lambda s: [int(x) for x in s.split(".")])),
            "measures": int((ua["area"] == code).sum()),
            "figures": int((fa["area"] == code).sum()),
        })
    return pd.DataFrame(rows)


def areas_without_measure(report: str | None = None, data_dir=None, *, include_later_lens: bool = True) -> pd.DataFrame:
    """Framework areas no measure of the report answers to (what the report does not cover)."""
    s = area_summary(report, data_dir)
    s = s[s["measures"] == 0]
    if not include_later_lens:
        s = s[s["relation"] != "later_lens"]
    return s.reset_index(drop=True)


def not_named(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Themes of the report that the frameworks' headings do not name (``not_named_by_frameworks``),
    with the section's heading and how many figures it holds."""


    ds = _api.dataset(data_dir)
    out = _api.outline(report, data_dir=data_dir).set_index("section")
    reports = {report} if report else set(ds.reports)
    rows = []
    for e in ds.outside_frameworks:
        m = e.model
        if m.report not in reports:
            continue
        h = out.loc[m.section]
        rows.append({"report": m.report, "section": m.section, "part": int(h["part"]), "heading_zh": h["marker"] + h["heading_zh"],
                     "title_en": h["title_en"], "theme_en": m.theme_en, "figures": int(h["n_figures"])})
    return pd.DataFrame(rows, columns=["report", "section", "part", "heading_zh", "title_en", "theme_en", "figures"])


def frameworks_summary(data_dir=None) -> pd.DataFrame:
    """One row per framework: its number, relation to the report, areas and how many are confirmed."""


    rows = []
    for e in _api.dataset(data_dir).frameworks:
        f = e.model
        conf = [a.confidence for a in f.areas]
        rows.append({"framework": f.id, "title_zh": f.title_zh, "title_en": f.title_en, "document_no": f.document_no,
                     "issued": f.issued, "relation": f.relation_to_report, "relation_en": RELATION_EN[f.relation_to_report],
                     "areas": len(f.areas), **{c: conf.count(c) for c in CONFIDENCE_ORDER},
                     "confidence_note_en": f.confidence_note_en})
    return pd.DataFrame(rows)


def _issued(value: str) -> str:
    """'2015-12-27' -> '27 December 2015'; a bare year stays as it is."""
    if len(value) == 10:
        ts = pd.Timestamp(value)
        return f"{ts.day} {ts:%B %Y}"
    return value


def summary(report: str | None = None, data_dir=None) -> dict[str, str]:
    """Every number the "Against the national framework" chapter states, as text keyed for glue."""
    cw = _api.crosswalk(report, data_dir=data_dir)
    summ = area_summary(report, data_dir)
    fs = frameworks_summary(data_dir).set_index("framework")
    none = areas_without_measure(report, data_dir)
    nn = not_named(report, data_dir)
    un = units(report, data_dir)
    cited = summ[summ["relation"] == "cited"]
    unmapped_units = set(un["section"]) - set(unit_areas(report, data_dir)["section"])
    top = cited.sort_values(["measures", "figures"], ascending=False).iloc[0]
    out = {
        "frameworks.mappings": str(len(cw)),
        "frameworks.units": str(len(un)),
        "frameworks.units_unmapped": str(len(unmapped_units)),
        "frameworks.areas_cited": str(len(cited)),
        "frameworks.areas_none": str(len(none)),
        "frameworks.areas_none_list": "; ".join(f"{r['code']} {r['title_en']} ({r['title_zh']})" for r in none.to_dict("records")),
        "frameworks.not_named": str(len(nn)),
        "frameworks.not_named_figures": str(int(nn["figures"].sum())),
        "frameworks.top_area": f"{top['code']} {top['title_en']}",
        "frameworks.top_area_measures": str(int(top["measures"])),
        "frameworks.later_lens_areas": str(int(fs.loc["outline-2015", "areas"])) if "outline-2015" in fs.index else "0",
    }
    for r in summ.to_dict("records"):
        out[f"frameworks.area.{r['code']}.measures"] = str(int(r["measures"]))
        out[f"frameworks.area.{r['code']}.figures"] = str(int(r["figures"]))
        out[f"frameworks.area.{r['code']}.sections"] = ", ".join(f"§{x}" for x in r["sections"].split(", ")) if r["sections"] else "none"
    for fid, f in fs.iterrows():
        out[f"frameworks.{fid}.areas"] = str(int(f["areas"]))
        out[f"frameworks.{fid}.issued"] = _issued(f["issued"])
        for c in CONFIDENCE_ORDER:
            out[f"frameworks.{fid}.{c}"] = str(int(f[c]))
    return out


# ---- tables for the chapter -------------------------------------------------------------------

CONFIDENCE_MARK = {"confirmed": "✓ confirmed", "likely": "~ likely", "unverified": "? unverified"}


def _esc(x) -> str:
    import html

    return html.escape("" if x is None or (isinstance(x, float) and pd.isna(x)) else str(x))


def _gt(rows: pd.DataFrame, html_cols: list[str], labels: dict[str, str], widths: dict[str, str] | None = None,
        group: str | None = None, source: str | None = None):
    import great_tables as gt

    from lawgov.tables.figures import _style

    table = gt.GT(rows, groupname_col=group) if group else gt.GT(rows)
    table = table.fmt(lambda x: x, columns=html_cols).cols_label(**labels)
    if widths:
        table = table.cols_width(widths)
    if source:
        table = table.tab_source_note(source)
    return _style(table)


def frameworks_table(data_dir=None):
    """The national frameworks: number, relation to the report, areas by confidence, and what is confirmed."""
    fs = frameworks_summary(data_dir)
    rows = pd.DataFrame({
        "doc": [f'<span lang="zh">{_esc(z)}</span><br>{_esc(e)}<br><span lang="zh">{_esc(n)}</span>'
                for z, e, n in zip(fs["title_zh"], fs["title_en"], fs["document_no"])],
        "issued": fs["issued"],
        "relation": fs["relation_en"],
        "areas": [f"{a} ({c} ✓, {l} ~, {u} ?)" if a else "none listed" for a, c, l, u in
                  zip(fs["areas"], fs["confirmed"], fs["likely"], fs["unverified"])],
        "note": fs["confidence_note_en"].map(_esc),
    })
    return _gt(rows, ["doc", "note"], {"doc": "Document · 文件", "issued": "Issued", "relation": "Relation to the report",
                                       "areas": "Parts (✓ confirmed, ~ likely, ? unverified)", "note": "What is confirmed"},
               {"doc": "24%", "issued": "9%", "relation": "14%", "areas": "13%", "note": "40%"})


def crosswalk_table(report: str | None = None, data_dir=None):
    """Every mapping: report section (with its heading) to framework area (with its confidence mark) and the reason."""
    cw = _api.crosswalk(report, data_dir=data_dir)
    ar = areas(data_dir).set_index("code")
    out = _api.outline(report, data_dir=data_dir).set_index("section")
    cw = cw.assign(order=[[int(x) for x in s.split(".")] for s in cw["section"]]).sort_values("order", kind="stable")
    rows = pd.DataFrame({
        "group": cw["part"].map(lambda p: PART_LABELS[int(p)]),
        "section": cw["section"],
        "heading": [f'{_esc(out.loc[s, "title_en"])}<br><span lang="zh">{_esc(out.loc[s, "marker"])}{_esc(out.loc[s, "heading_zh"])}</span>'
                    for s in cw["section"]],
        "area": [f'<code>{_esc(a)}</code> {_esc(ar.loc[a, "title_en"])}<br><span lang="zh">{_esc(ar.loc[a, "title_zh"])}</span>'
                 + (" <em>(later lens)</em>" if ar.loc[a, "relation"] == "later_lens" else "") for a in cw["area"]],
        "confidence": [CONFIDENCE_MARK[ar.loc[a, "confidence"]] for a in cw["area"]],
        "reason": cw["reason_en"].map(_esc),
    })
    return _gt(rows, ["heading", "area", "reason"],
               {"section": "§", "heading": "Report section", "area": "Framework part", "confidence": "Heading",
                "reason": "Why"}, {"section": "6%", "heading": "22%", "area": "30%", "confidence": "10%", "reason": "32%"},
               group="group")


def gaps_table(report: str | None = None, data_dir=None):
    """Framework areas no measure answers to."""
    none = areas_without_measure(report, data_dir)
    rows = pd.DataFrame({
        "area": [f'<code>{_esc(c)}</code> {_esc(t)}<br><span lang="zh">{_esc(z)}</span>'
                 for c, t, z in zip(none["code"], none["title_en"], none["title_zh"])],
        "framework": none["framework"], "relation": none["relation_en"],
        "confidence": none["confidence"].map(CONFIDENCE_MARK),
    })
    return _gt(rows, ["area"], {"area": "Framework part", "framework": "Framework", "relation": "Relation to the report",
                                "confidence": "Heading"})


def not_named_table(report: str | None = None, data_dir=None):
    """What the report covers that the frameworks' headings do not name."""
    nn = not_named(report, data_dir)
    rows = pd.DataFrame({
        "section": nn["section"],
        "heading": [f'{_esc(t)}<br><span lang="zh">{_esc(z)}</span>' for t, z in zip(nn["title_en"], nn["heading_zh"])],
        "theme": nn["theme_en"].map(_esc), "figures": nn["figures"],
    })
    return _gt(rows, ["heading", "theme"], {"section": "§", "heading": "Report section", "theme": "Theme not named",
                                            "figures": "Figures"},
               {"section": "7%", "heading": "28%", "theme": "55%", "figures": "10%"})
