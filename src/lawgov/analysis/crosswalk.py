"""The crosswalk as numbers: which framework areas the report's measures and figures answer to.

The unit of coverage is the *measure* (一是, 二是 ... inside a subsection). The preamble and
the closing have no measures: they are mapped as units of their own, and counted apart
(``framing``), never as measures, so "measures" means the report's measures everywhere. A
unit answers to a framework area when the crosswalk (``data/frameworks.yaml``) maps the unit
itself, its subsection or its part to that area: the same rule ``lawgov.figures()`` uses for
a figure's ``framework`` column, so measures and figures are counted alike.

Every row carries the area's confidence mark (confirmed / likely / unverified, from
``shared/reference/frameworks.md``) and its framework's relation to the report (cited /
not_cited / later_lens), so no chart or table can show an area without them.
"""

from __future__ import annotations

import pandas as pd

from lawgov.analysis.vocabulary import CONFIDENCE_ORDER, PART_LABELS
from lawgov.analysis.wording import listing, number_word, share_word
from lawgov.dataset.sections import ancestors
from lawgov.frames import loaders

# A framework whose Chinese area headings are this project's renderings (data/frameworks.yaml,
# title_zh_source: rendered; the 2015 Outline, confirmed from the government's English summary
# only) has them marked so beside the area's own confidence mark.
ZH_RENDERED_EN = "Chinese heading: not checked against the published text"

RELATION_EN = {
    "cited": "cited by the report",
    "not_cited": "not cited by the report",
    "later_lens": "later lens (issued 2015, after the report)",
}


def units(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """The leaf sections of the outline: every measure, plus parts with no subsections (the
    preamble and the closing, ``is_measure`` False)."""

    out = loaders.outline(report, data_dir=data_dir)
    sections = list(out["section"])
    leaves = out[[not any(t.startswith(s + ".") for t in sections) for s in sections]]
    rows = leaves[["section", "part", "level", "heading_zh", "title_en"]].copy()
    rows["subsection"] = [
        ".".join(s.split(".")[:2]) if lvl >= 1 else None for s, lvl in zip(rows["section"], rows["level"])
    ]
    rows["part"] = rows["part"].astype(int)
    rows["is_measure"] = rows["level"] > 0
    return rows.reset_index(drop=True)


OFFICIAL_EN = "official English title"


def areas(data_dir=None) -> pd.DataFrame:
    """Every framework area with its framework, confidence mark and relation to the report."""

    fw = loaders.frameworks(data_dir=data_dir)
    out = fw[
        [
            "framework",
            "framework_title_zh",
            "framework_document_no",
            "framework_relation_to_report",
            "code",
            "title_zh",
            "title_en",
            "confidence",
            "framework_title_zh_source",
            "framework_title_en_source",
        ]
    ].rename(columns={"framework_relation_to_report": "relation"})
    # an official English title is quoted as a title, marked so: it may leave out words of the
    # Chinese (the 2015 Outline's "Strict, impartial and civil" has no 规范, standardised)
    official = out.pop("framework_title_en_source") == "official"
    out["title_en"] = [f"“{t}” ({OFFICIAL_EN})" if o else t for t, o in zip(out["title_en"], official)]
    out["title_en_official"] = official.to_numpy()
    out["part_no"] = out["code"].str.split(".").str[1].astype(int)
    out["relation_en"] = out["relation"].map(RELATION_EN)
    out["label"] = [f"{c} {t}" for c, t in zip(out["code"], out["title_en"])]
    out["title_zh_rendered"] = out.pop("framework_title_zh_source") == "rendered"
    return out.reset_index(drop=True)


def unit_areas(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """One row per (measure, area) pair the crosswalk implies, with the level the mapping was made at."""

    cw = loaders.crosswalk(report, data_dir=data_dir)
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
                    rows.append(
                        {
                            "section": u["section"],
                            "part": u["part"],
                            "subsection": u["subsection"],
                            "area": a,
                            "mapped_at": anc,
                            "is_measure": bool(u["is_measure"]),
                        }
                    )
    return pd.DataFrame(rows, columns=["section", "part", "subsection", "area", "mapped_at", "is_measure"])


def _figure_areas(report: str | None, data_dir) -> pd.DataFrame:

    figs = loaders.figures(report, data_dir=data_dir)
    rows = [
        {
            "id": f["id"],
            "section": f["section"],
            "part": int(f["part"]),
            "subsection": ".".join(f["section"].split(".")[:2]) if "." in f["section"] else None,
            "area": a,
        }
        for f in figs.to_dict("records")
        for a in f["framework"]
    ]
    return pd.DataFrame(rows, columns=["id", "section", "part", "subsection", "area"])


def matrix(
    report: str | None = None, data_dir=None, *, by: str = "part", frameworks: list[str] | None = None
) -> pd.DataFrame:
    """Report parts (or subsections) × framework areas: number of measures and of figures.

    Long format, every combination present (zeros included), each row with the area's
    confidence and its framework's relation to the report. ``frameworks`` limits the areas
    (for example ``["outline-2004", "opinion-2010"]``). The preamble's and the closing's rows
    count the part itself as its one unit (1 where it answers to the area): they have no
    measures.
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
            out.append(
                {
                    key: row,
                    "row_label": label,
                    "area": a["code"],
                    "framework": a["framework"],
                    "area_title_en": a["title_en"],
                    "area_title_zh": a["title_zh"],
                    "area_label": a["label"],
                    "confidence": a["confidence"],
                    "relation": a["relation"],
                    "measures": int(n_meas.get((row, a["code"]), 0)),
                    "figures": int(n_figs.get((row, a["code"]), 0)),
                    "measures_in_row": int(total_meas.get(row, 0)),
                }
            )
    return pd.DataFrame(out)


def _framing_name(section: str) -> str:
    return {"0": "the preamble", "6": "the closing"}.get(section, f"§{section}")


def area_summary(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Per framework area: direct mappings, measures and figures answering to it, and where.

    ``measures`` counts the report's measures only; ``framing`` names the preamble and the
    closing where they answer to the area ("" when neither does), ``framing_units`` counts them.
    """

    cw = loaders.crosswalk(report, data_dir=data_dir)
    ua = unit_areas(report, data_dir)
    fa = _figure_areas(report, data_dir)
    rows = []
    for a in areas(data_dir).to_dict("records"):
        code = a["code"]
        mapped = cw[cw["area"] == code]
        here = ua[ua["area"] == code]
        framing = [_framing_name(s) for s in here.loc[~here["is_measure"], "section"]]
        rows.append(
            a
            | {
                "mappings": len(mapped),
                "sections": ", ".join(sorted(set(mapped["section"]), key=lambda s: [int(x) for x in s.split(".")])),
                "measures": int(here["is_measure"].sum()),
                "framing": listing(framing) if framing else "",
                "framing_units": len(framing),
                "figures": int((fa["area"] == code).sum()),
            }
        )
    return pd.DataFrame(rows)


def areas_without_measure(
    report: str | None = None, data_dir=None, *, include_later_lens: bool = False
) -> pd.DataFrame:
    """Framework areas no measure of the report answers to (what the report does not cover);
    ``framing`` says where the preamble or the closing answers to one of them."""
    s = area_summary(report, data_dir)
    s = s[s["measures"] == 0]
    if not include_later_lens:
        s = s[s["relation"] != "later_lens"]
    return s.reset_index(drop=True)


def framework_short(framework: str) -> str:
    """'opinion-2010' -> 'the 2010 Opinion', as the book names the frameworks in prose."""
    kind, _, year = framework.partition("-")
    return f"the {year} {kind.capitalize()}"


def area_names(codes: list[str], *, with_titles: bool = False) -> str:
    """Area codes as a reader reads them: ['outline-2004.10', 'outline-2004.11', 'opinion-2010.2'] ->
    'parts 10 and 11 of the 2004 Outline and part 2 of the 2010 Opinion' (in the order given).
    ``with_titles`` adds each part's English title in brackets (for one or two areas)."""
    if not codes:
        return "none"
    titles = dict(zip(areas()["code"], areas()["title_en"])) if with_titles else {}
    by_framework: dict[str, list[str]] = {}
    for c in codes:
        fw, _, n = c.rpartition(".")
        title = titles.get(c, "")
        by_framework.setdefault(fw, []).append(f"{n} ({title[:1].lower()}{title[1:]})" if title else n)
    return listing(
        [f"part{'s' if len(ns) > 1 else ''} {listing(ns)} of {framework_short(fw)}" for fw, ns in by_framework.items()]
    )


def not_named(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Themes of the report that the frameworks' headings do not name (``not_named_by_frameworks``),
    with the section's heading and how many figures it holds."""

    ds = loaders.dataset(data_dir)
    out = loaders.outline(report, data_dir=data_dir).set_index("section")
    reports = {report} if report else set(ds.reports)
    rows = []
    for e in ds.outside_frameworks:
        m = e.model
        if m.report not in reports:
            continue
        h = out.loc[m.section]
        rows.append(
            {
                "report": m.report,
                "section": m.section,
                "part": int(h["part"]),
                "heading_zh": h["marker"] + h["heading_zh"],
                "title_en": h["title_en"],
                "theme_en": m.theme_en,
                "figures": int(h["n_figures"]),
            }
        )
    return pd.DataFrame(rows, columns=["report", "section", "part", "heading_zh", "title_en", "theme_en", "figures"])


def frameworks_summary(data_dir=None) -> pd.DataFrame:
    """One row per framework: its number, relation to the report, areas and how many are confirmed."""

    rows = []
    for e in loaders.dataset(data_dir).frameworks:
        f = e.model
        conf = [a.confidence for a in f.areas]
        rows.append(
            {
                "framework": f.id,
                "title_zh": f.title_zh,
                "title_en": f.title_en,
                "document_no": f.document_no,
                "issued": f.issued,
                "relation": f.relation_to_report,
                "relation_en": RELATION_EN[f.relation_to_report],
                "areas": len(f.areas),
                **{c: conf.count(c) for c in CONFIDENCE_ORDER},
                "title_zh_rendered": f.title_zh_source == "rendered",
                "confidence_note_en": f.confidence_note_en,
            }
        )
    return pd.DataFrame(rows)


def _compact(un: pd.DataFrame, sections: set[str]) -> str:
    """Measures as section references, a whole subsection as one ('§2.2' for all of 2.2.1-2.2.3)."""
    out = []
    for sub, g in un.groupby(un["subsection"].fillna(un["section"]), sort=False):
        inside = [s for s in g["section"] if s in sections]
        if inside and len(inside) == len(g) and sub != inside[0]:
            out.append(f"§{sub}")
        else:
            out += [f"§{s}" for s in inside]
    return listing(out) if out else "none"


def _issued(value: str) -> str:
    """'2015-12-27' -> '27 December 2015'; a bare year stays as it is."""
    if len(value) == 10:
        ts = pd.Timestamp(value)
        return f"{ts.day} {ts:%B %Y}"
    return value


def summary(report: str | None = None, data_dir=None) -> dict[str, str]:
    """Every number the "Against the national framework" chapter states, as text keyed for glue.

    Counts of framework parts are over the documents in force in 2012 (those the report
    cites and the 2008 Decision it does not), never the later lens, unless a key says so.
    """
    cw = loaders.crosswalk(report, data_dir=data_dir)
    summ = area_summary(report, data_dir)
    fs = frameworks_summary(data_dir).set_index("framework")
    nn = not_named(report, data_dir)
    un = units(report, data_dir)
    in_force = summ[summ["relation"] != "later_lens"]
    none = in_force[in_force["measures"] == 0]
    mapped_units = set(unit_areas(report, data_dir)["section"])
    measures = un[un["is_measure"]]
    unmapped_measures = [s for s in measures["section"] if s not in mapped_units]
    most = in_force["measures"].max()
    with_figures = nn[nn["figures"] > 0]
    # Values only: the chapter writes the sentences (and types the part numbers and titles it
    # names, checked in tests/test_crosswalk.py); counts up to ten are words, "none" for zero.
    out = {
        "frameworks.mappings": str(len(cw)),
        "frameworks.measures": _count(len(measures)),
        "frameworks.measures_mapped_word": share_word(len(measures) - len(unmapped_measures), len(measures)),
        "frameworks.measures_unmapped_sections": listing([f"§{s}" for s in unmapped_measures])
        if unmapped_measures
        else "none",
        "frameworks.areas_in_force": _count(len(in_force)),
        "frameworks.docs_in_force": _count(int(in_force["framework"].nunique())),
        "frameworks.areas_none": _count(len(none)),
        "frameworks.areas_none_framing": _count(int((none["framing_units"] > 0).sum())),
        "frameworks.not_named": _count(len(nn)),
        "frameworks.not_named_figures": _count(int(nn["figures"].sum())),
        "frameworks.not_named_with_figures_word": (
            share_word(len(with_figures), len(nn)) if len(nn) else "none"
        ).capitalize(),
        "frameworks.not_named_with_figures_sections": listing([f"§{s}" for s in with_figures["section"]])
        if len(with_figures)
        else "none",
        "frameworks.top_area_measures": _count(int(most)),
        "frameworks.later_lens_areas": _count(int(fs.loc["outline-2015", "areas"]))
        if "outline-2015" in fs.index
        else "none",
    }
    ua, fa = unit_areas(report, data_dir), _figure_areas(report, data_dir)
    lens = summ[summ["relation"] == "later_lens"]
    out |= {
        "frameworks.later_lens_touched_word": share_word(int((lens["measures"] > 0).sum()), len(lens))
        if len(lens)
        else "none",
    }
    for fid, g in summ.groupby("framework", sort=False):
        answered = g[g["measures"] > 0]
        out[f"frameworks.{fid}.answered"] = _count(len(answered))
        out[f"frameworks.{fid}.answered_word"] = share_word(len(answered), len(g)) if len(g) else "none"
        out[f"frameworks.{fid}.unmapped_sections"] = _compact(
            un, set(un["section"]) - set(ua.loc[ua["area"].isin(g["code"]), "section"])
        )
    for r in summ.to_dict("records"):
        secs = sorted(set(fa.loc[fa["area"] == r["code"], "section"]), key=lambda x: [int(n) for n in x.split(".")])
        out[f"frameworks.area.{r['code']}.figure_sections"] = ", ".join(f"§{x}" for x in secs) or "none"
        out[f"frameworks.area.{r['code']}.measures"] = _count(int(r["measures"]))
        out[f"frameworks.area.{r['code']}.figures"] = _count(int(r["figures"]))
        out[f"frameworks.area.{r['code']}.sections"] = (
            ", ".join(f"§{x}" for x in r["sections"].split(", ")) if r["sections"] else "none"
        )
    for fid, f in fs.iterrows():
        out[f"frameworks.{fid}.areas"] = _count(int(f["areas"]))
        out[f"frameworks.{fid}.issued"] = _issued(f["issued"])
        out[f"frameworks.{fid}.confirmed_word"] = (
            share_word(int(f["confirmed"]), int(f["areas"])) if f["areas"] else "none"
        )
        for c in CONFIDENCE_ORDER:
            out[f"frameworks.{fid}.{c}"] = _count(int(f[c]))
    return out


def _count(n: int) -> str:
    """A count standing on its own in the chapter: 'none', 'three', '11'."""
    return "none" if n == 0 else number_word(n)


# ---- tables for the chapter -------------------------------------------------------------------
