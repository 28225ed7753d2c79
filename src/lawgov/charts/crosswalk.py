"""The crosswalk heatmap: report parts (or subsections) against framework areas.

Each cell shows the number of measures answering to the area and, after a slash, the
number of figures; colour follows the measures. Every area's label carries its
confidence mark (✓ confirmed, ~ likely, ? unverified) and each framework gets its own
panel titled with its relation to the report, so the 2015 Outline reads as a later lens.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lawgov.analysis.vocabulary import CONFIDENCE_SYMBOL, PART_LABELS, sequential_colours
from lawgov.analysis.wording import plural
from lawgov.charts.figures import describe, label_lines, wrap
from lawgov.charts.theme import text_on

FRAMEWORK_SHORT = {
    "outline-2004": "2004 Outline (国发〔2004〕10号), cited by the report",
    "decision-2008": (
        "2008 Decision (国发〔2008〕17号), addressed to city and county governments; not cited by the report"
    ),
    "opinion-2010": "2010 Opinion (国发〔2010〕33号), cited by the report",
    "outline-2015": "2015–2020 Outline: a later lens, issued after the report",
}


# What a cell draws, and what it looks up from its area (once per area, not once per cell).
CELL_FIELDS = [
    "row_label",
    "row_short",
    "x_rank",
    "area",
    "cell",
    "measures",
    "figures",
    "measures_in_row",
    "label_colour",
]
# On a phone, where no wrapping fits the area titles beside seven columns of cells: each row
# labelled by its mark and number, each column by its section number, the cells narrower
# (book/_ext/static/lawgov-charts.js reads usermeta.lawgov).
PHONE = {"short_labels": {"y_label": "y_short", "row_label": "row_short"}, "short_step": 34, "short_row": 26}
# In print (the PDF edition), where the whole heatmap must fit a page with its text at 7 pt: the
# phone's form, its four panels in two columns, their titles in lines of TITLE_CHARS
# (lawgov.publish.chart_files.print_spec reads usermeta.lawgov.print).
PRINT = {"columns": 2, "title_chars": 44}
AREA_FIELDS = ["area", "area_order", "y_label", "y_short", "area_title_en", "area_title_zh", "confidence"]


def _panel(
    cells: pd.DataFrame, areas: pd.DataFrame, title: str, x_field: str, colours: dict[int, str]
) -> alt.LayerChart:
    base = (
        alt.Chart(cells, title=alt.Title(title, fontSize=13, anchor="start"))
        .transform_lookup(
            lookup="area",
            from_=alt.LookupData(areas, key="area", fields=AREA_FIELDS[1:]),
        )
        .encode(
            x=alt.X(
                f"{x_field}:N",
                sort=alt.EncodingSortField(field="x_rank", op="min"),
                title=None,
                axis=alt.Axis(orient="top", labelAngle=0),
            ),
            y=alt.Y(
                "y_label:N",
                sort=alt.EncodingSortField(field="area_order", op="min"),
                title=None,
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("row_label:N", title="Report"),
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("area_title_en:N", title="Area title"),
                alt.Tooltip("area_title_zh:N", title="标题"),
                alt.Tooltip("confidence:N", title="Heading confidence"),
                alt.Tooltip("measures:Q", title="Measures answering to it"),
                alt.Tooltip("figures:Q", title="Figures answering to it"),
                alt.Tooltip("measures_in_row:Q", title="Measures in this part"),
            ],
        )
    )
    # each count its colour of the sequential ramp (a legend entry per count drawn), the empty cells pale grey
    rect = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.condition(
            "datum.measures > 0",
            alt.Color(
                "measures:O",
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                legend=alt.Legend(
                    title="measures", orient="bottom", direction="horizontal", columns=len(colours), symbolType="square"
                ),
            ),
            alt.value("#f4f4f4"),
        )
    )
    text = base.mark_text(fontSize=11).encode(text="cell:N", color=alt.Color("label_colour:N", scale=None))
    return rect + text


def _heatmap_text(data: pd.DataFrame) -> str:
    top = data.loc[data["measures"].idxmax()]
    empty = int((data["measures"] == 0).sum())
    rows = plural(data["row_label"].nunique(), "part" if "part" in data else "subsection")
    return (
        f"Heatmap of the report's {rows} against the parts of {plural(data['framework'].nunique(), 'framework')} "
        f"({'; '.join(FRAMEWORK_SHORT.get(f, f) for f in dict.fromkeys(data['framework']))}); each cell counts the "
        f"measures and figures answering to a framework part. The fullest cell is {top['row_label']} against "
        f"{top['area']} ({top['area_title_en']}), with {plural(int(top['measures']), 'measure')}; "
        f"{empty} of {len(data)} cells are empty."
    )


def heatmap(mat: pd.DataFrame, *, description: str | None = None, cell_width: int = 50) -> alt.VConcatChart:
    """One panel per framework; cells read "measures / figures" (blank when no measure answers)."""
    data = mat.copy()
    x_field = "row_label"
    if "part" in data:
        x_order = [PART_LABELS[p] for p in sorted(data["part"].unique())]
    else:
        x_order = list(dict.fromkeys(data["row_label"]))
    data["x_rank"] = data["row_label"].map({label: i for i, label in enumerate(x_order)})
    data["row_short"] = [f"§{int(p)}" for p in data["part"]] if "part" in data else data["row_label"]
    data["cell"] = [f"{m} / {f}" if m else "" for m, f in zip(data["measures"], data["figures"])]
    data["area_order"] = data["area"].str.split(".").str[1].astype(int)
    # the mark and the number ("~ 2004.4"), then the whole title, wrapped: a label is never cut
    # (book/CONVENTIONS.md); on a phone the mark and the number alone
    data["y_short"] = [f"{CONFIDENCE_SYMBOL[c]} {a.split('-')[1]}" for c, a in zip(data["confidence"], data["area"])]
    data["y_label"] = [wrap(f"{short} {t}", 56) for short, t in zip(data["y_short"], data["area_title_en"])]
    counts = sorted(int(m) for m in data["measures"].unique() if m > 0)
    colours = dict(zip(counts, sequential_colours(len(counts))))
    data["label_colour"] = [text_on(colours[m]) if m else text_on("#f4f4f4") for m in data["measures"]]
    description = description or _heatmap_text(data)
    # Only what the panels draw or show in the tooltip goes into the page, and each area's
    # titles once (one table of areas that every panel looks up), not once per cell.
    areas = data[AREA_FIELDS].drop_duplicates("area").reset_index(drop=True)
    panels = []
    frameworks = list(dict.fromkeys(data["framework"]))
    for fw in frameworks:
        sub = data[data["framework"] == fw]
        step = max(22, 14 * max(label_lines(s) for s in sub["y_label"]) + 4)  # room for the longest label
        panels.append(
            _panel(sub[CELL_FIELDS], areas, FRAMEWORK_SHORT.get(fw, fw), x_field, colours).properties(
                width=alt.Step(cell_width), height=alt.Step(step)
            )
        )
    chart = alt.vconcat(*panels, spacing=18, usermeta={"lawgov": {**PHONE, "print": PRINT}}).resolve_scale(
        color="shared"
    )
    return describe(chart, description)
