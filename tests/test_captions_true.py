"""A chart's caption and its text description say only what the chart draws.

Every figure of the book is rebuilt here as its page builds it (the chapter's code cells,
run in order), and what its caption (the ``mystnb.figure.caption`` of the page) and its
description (the spec's ``description``, the SVG's aria-label) say about the chart itself is
checked against the Vega-Lite spec: the colours they name are colours the chart uses, an axis
said to run "from 0 to 100" does, an axis said to be cut is, a log scale said is drawn, an
order said ("fewest first") is the order of the bars, and an item said to be the largest is.
The kind of mark they name (bars, dots, lines, ticks, circles) is a mark the chart draws, and
so is the one named by the page's prose about the figure (a paragraph that refers to it alone).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import jupytext
import pytest

from lawgov.analysis import vocabulary

BOOK = Path(__file__).resolve().parents[1] / "book"

# Every colour name the book's captions or descriptions may use, and the colour it names.
COLOUR_NAMES = {
    **{name: vocabulary.PART_COLOURS[p] for p, name in vocabulary.PART_COLOUR_NAMES.items()},
    **{name: vocabulary.PERIOD_BASIS_COLOURS[b] for b, name in vocabulary.PERIOD_BASIS_COLOUR_NAMES.items()},
}
# Longest first, so "sky blue" is read before "blue" and "reddish purple" before "purple".
_COLOUR_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, COLOUR_NAMES), key=len, reverse=True)) + r")\b", re.IGNORECASE
)


@cache
def _page_figures(name: str) -> tuple[tuple[str, str, dict], ...]:
    """(figure name, caption, spec) for every figure cell of one chapter, the chapter's code run in order."""
    nb = jupytext.read(BOOK / name)
    ns: dict = {"__name__": f"page_{name}"}
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        tree = ast.parse(src)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None:
            exec(compile(ast.Module(body=tree.body[:-1], type_ignores=[]), name, "exec"), ns)
            value = eval(compile(ast.Expression(last.value), name, "eval"), ns)
        else:
            exec(compile(tree, name, "exec"), ns)
            value = None
        fig = (cell.metadata.get("mystnb") or {}).get("figure")
        if fig and hasattr(value, "to_dict"):
            out.append((fig["name"], " ".join(str(fig.get("caption", "")).split()), value.to_dict()))
    return tuple(out)


def _chapters_with_figures() -> list[str]:
    # the chapters (the notebooks jupytext reads), not the guides written in the same folder
    chapters = [p for p in BOOK.glob("*.md") if p.read_text(encoding="utf-8").startswith("---\njupytext:")]
    # a figure cell's metadata (mystnb: figure:), not the word in a sentence ("shows a figure: the link")
    return sorted(p.name for p in chapters if re.search(r"^\s+figure:\s*$", p.read_text(encoding="utf-8"), re.M))


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _colours(spec: dict) -> set[str]:
    # the theme's config lists whole palettes: only the colours the marks are given count
    text = repr({k: v for k, v in spec.items() if k != "config"})
    return {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}", text)}


def _scales(spec: dict) -> list[dict]:
    return [n["scale"] for n in _walk(spec) if isinstance(n.get("scale"), dict)]


def _bar_orders(spec: dict) -> list[list[float]]:
    """For each dataset with a 'measures' or 'value' column drawn in a stated order (an
    'order' field), the values in that order."""
    out = []
    for data in (spec.get("datasets") or {}).values():
        if data and "order" in data[0]:
            for field in ("measures", "figures", "value"):
                if field in data[0]:
                    rows = sorted(data, key=lambda r: r["order"])
                    out.append([r[field] for r in rows])
                    break
    return out


def claims_false(caption: str, spec: dict) -> list[str]:
    """What ``caption`` (or a description) says about the chart that its spec does not show."""
    wrong = []
    used = _colours(spec)
    for m in _COLOUR_RE.finditer(caption):
        name = m.group(1).lower()
        if COLOUR_NAMES[name].lower() not in used:
            wrong.append(f"names {name!r} ({COLOUR_NAMES[name]}), a colour the chart does not use")
    scales = _scales(spec)
    domains = [
        s["domain"]
        for s in scales
        if isinstance(s.get("domain"), list)
        and len(s["domain"]) == 2
        and all(isinstance(x, (int, float)) for x in s["domain"])
    ]
    # an axis said to be cut ("on one axis cut below ...", "percent axis, cut: from 90% ..."),
    # not a time "cut by 14.4%" or a text "cut by the markers"
    if re.search(r"axis[^.;]{0,20}\bcut\b|\bcut: from", caption) and not any(d[0] > 0 for d in domains):
        wrong.append(f"says an axis is cut, but every numeric domain starts at 0 or is not fixed: {domains}")
    m = re.search(r"from 0 to 100", caption)
    if m and not any(list(d) == [0, 100] for d in domains):
        wrong.append(f"says an axis runs from 0 to 100, but the domains are {domains}")
    if re.search(r"\blog (scale|axis)\b", caption) and not any(s.get("type") == "log" for s in scales):
        wrong.append("says a log scale, but no scale of the chart is logarithmic")
    orders = _bar_orders(spec)
    if re.search(r"fewest first|smallest first", caption) and not any(o == sorted(o) for o in orders):
        wrong.append(f"says fewest first, but the drawn order is {orders}")
    if (
        re.search(r"\b(most|largest)\b(\s\w+)?\sfirst", caption)
        and orders
        and not any(o == sorted(o, reverse=True) for o in orders)
    ):
        wrong.append(f"says largest first, but the drawn order is {orders}")
    wrong += _largest_claims_false(caption, spec)
    wrong += marks_false(caption, spec)
    wrong += period_bars_false(caption, spec)
    return wrong


# What a chart of periods (one row per period and basis) must say of each kind of bar it draws:
# a stated period is "stated", a reading "read" (a reading), an assumed year "assumed". A bar "has both
# ends in the text" only where the text states them.
_BAR_KIND_WORD = {"whole_year": "stat", "other": "stat", "reading": "read", "not_stated": "assum"}


def period_bars_false(caption: str, spec: dict) -> list[str]:
    """For a chart of periods, each kind of bar it draws (a closed period, by basis) must be named in
    the caption by its colour, in a clause that says what kind of period it is; a caption that says
    every bar has both ends in the text is false where any bar is read or assumed."""
    rows = [r for d in spec.get("datasets", {}).values() for r in d if isinstance(r, dict) and "open_side" in r]
    bars = {r["period_basis"] for r in rows if r["open_side"] == "closed"}
    if not bars:
        return []
    wrong = []
    clauses = re.split(r"[;.]", caption)
    for basis in sorted(bars):
        name = vocabulary.PERIOD_BASIS_COLOUR_NAMES[basis]
        said = [c for c in clauses if re.search(rf"\b{re.escape(name)}\b", c, re.IGNORECASE)]
        if not any(_BAR_KIND_WORD[basis] in c.lower() for c in said):
            wrong.append(
                f"draws {basis} periods as {name} bars, but no clause naming {name} says '{_BAR_KIND_WORD[basis]}'"
            )
    if re.search(r"\b(a|every|each) bar has both ends in the text", caption, re.IGNORECASE) and bars & {
        "reading",
        "not_stated",
    }:
        wrong.append("says a bar has both ends in the text, but some bars are read or assumed")
    return wrong


# The words a text uses for a chart's marks, and the Vega-Lite marks each may name. "Line" only
# where it names a drawn line ("a line to 100%", "the solid line", "one line per reading", "line
# chart"), not a service line; "rules" is never read (laws, regulations and rules).
MARK_WORDS = {
    re.compile(r"\bbars?\b", re.IGNORECASE): ("bar", {"bar", "rect"}),
    re.compile(r"\b(?:dots?|(?<!percentage )points?)\b", re.IGNORECASE): ("dot", {"point", "circle"}),
    re.compile(r"\bcircles?\b", re.IGNORECASE): ("circle", {"circle", "point"}),
    re.compile(r"\bticks?\b", re.IGNORECASE): ("tick", {"tick"}),
    re.compile(
        r"\b(?:(?:solid|dashed|dotted|one|a|each)\s+lines?|lines?\s+(?:to|per|chart)\b)|\bline chart", re.IGNORECASE
    ): ("line", {"line", "rule"}),
}


def spec_marks(spec: dict) -> set[str]:
    """The mark types a Vega-Lite spec draws (in every layer and facet)."""
    out = set()
    for node in _walk(spec):
        mark = node.get("mark")
        if isinstance(mark, str):
            out.add(mark)
        elif isinstance(mark, dict) and isinstance(mark.get("type"), str):
            out.add(mark["type"])
    return out


def marks_false(text: str, spec: dict) -> list[str]:
    """A kind of mark that ``text`` names and the chart does not draw ("bars" over dots)."""
    drawn = spec_marks(spec)
    return [
        f"says {word}s, but the chart draws {sorted(drawn)}"
        for pattern, (word, marks) in MARK_WORDS.items()
        if pattern.search(text) and not marks & drawn
    ]


# "the largest is X", "X is the largest", "largest: X": the named item must be the one with the
# largest value among the rows of a dataset that names it.
_LARGEST = re.compile(
    r"(?:the (?:largest|highest|biggest)(?: \w+)?(?: is|:) (?P<after>[^.;,()]+))"
    r"|(?:(?P<before>[^.;,()]+?) (?:is|has) the (?:largest|highest|biggest)\b)"
)


def _largest_claims_false(caption: str, spec: dict) -> list[str]:
    wrong = []
    for m in _LARGEST.finditer(caption):
        name = (m.group("after") or m.group("before")).strip().lower()
        found = False
        for rows in (spec.get("datasets") or {}).values():
            numeric = [
                k
                for k in (rows[0] if rows else {})
                if all(isinstance(r.get(k), (int, float)) and not isinstance(r.get(k), bool) for r in rows)
            ]
            texts = [
                r
                for r in rows
                if any(
                    isinstance(v, str) and name in v.lower() or isinstance(v, str) and v.lower() in name
                    for v in r.values()
                    if isinstance(v, str) and len(v) > 2
                )
            ]
            if not texts or not numeric:
                continue
            found = True
            for k in numeric:
                if k in ("order",):
                    continue
                top = max(rows, key=lambda r: r[k])
                if top in texts:
                    break
            else:
                wrong.append(f"says {name!r} is the largest, but it is not the largest on any measure of its data")
        if not found:
            wrong.append(f"says {name!r} is the largest, but no row of the chart's data names it")
    return wrong


@pytest.mark.parametrize("page", _chapters_with_figures())
def test_every_caption_and_description_is_true_of_its_chart(page):
    figures = _page_figures(page)
    assert figures, f"{page}: no figure cell built a chart"
    wrong = []
    for name, caption, spec in figures:
        for text, what in ((caption, "caption"), (spec.get("description", ""), "description")):
            wrong += [f"{name} {what}: {w}" for w in claims_false(text, spec)]
    assert not wrong, "\n".join(wrong)


_NUMREF = re.compile(r"\{numref\}`(fig-[\w-]+)`")


def prose_about_figures(page: str) -> list[tuple[str, str]]:
    """(figure name, paragraph) for every paragraph of a chapter's prose that refers to one figure."""
    text = re.sub(r"```.*?```", "", (BOOK / page).read_text(encoding="utf-8"), flags=re.DOTALL)
    out = []
    for para in re.split(r"\n\s*\n", text):
        names = set(_NUMREF.findall(para))
        if len(names) == 1:
            out.append((names.pop(), " ".join(para.split())))
    return out


@pytest.mark.parametrize("page", _chapters_with_figures())
def test_the_prose_names_the_marks_its_figure_draws(page):
    specs = {name: spec for name, _, spec in _page_figures(page)}
    wrong = [
        f"{name} prose: {w}: {para[:120]}"
        for name, para in prose_about_figures(page)
        if name in specs
        for w in marks_false(para, specs[name])
    ]
    assert not wrong, "\n".join(wrong)


# The check itself must be able to fail: the two captions that were wrong (a vermilion said
# over sky-blue bars, an axis said to be cut over one from 0 to 100) against specs like theirs.


def test_the_check_catches_a_caption_that_says_every_bar_of_periods_is_stated():
    """The source page's chart of periods once said "A bar has both ends in the text" over a pale-grey
    bar of the report's year, assumed, and a bar of this book's reading of 十八大期间."""
    spec = next(s for n, _, s in _page_figures("source.md") if n == "fig-source-periods")
    old = "A bar has both ends in the text; a tick with an arrowhead has only the end it marks."
    assert len(period_bars_false(old, spec)) >= 3
    caption = next(c for n, c, _ in _page_figures("source.md") if n == "fig-source-periods")
    assert period_bars_false(caption, spec) == []


def test_the_check_catches_a_colour_the_chart_does_not_use():
    spec = {"encoding": {"color": {"scale": {"range": [vocabulary.PART_COLOURS[6], vocabulary.NEUTRAL_RAMP[2]]}}}}
    assert claims_false("in vermilion, the areas the closing maps to", spec)
    assert not claims_false("in sky blue, the areas the closing maps to", spec)


def test_the_check_catches_an_axis_said_to_be_cut():
    spec = {"encoding": {"x": {"scale": {"domain": [0.0, 100]}}}}
    assert claims_false("Every rate, on one axis cut below the lowest rate.", spec)
    assert not claims_false("Every rate, on a percent axis from 0 to 100%.", spec)
    assert claims_false(
        "Every rate, on a percent axis from 0 to 100%.", {"encoding": {"x": {"scale": {"domain": [90, 100]}}}}
    )


def test_the_check_catches_an_item_wrongly_said_to_be_the_largest():
    spec = {"datasets": {"d": [{"label": "Mediation", "value": 17993}, {"label": "Legal aid", "value": 1833}]}}
    assert not claims_false("Disputes by channel; the largest is mediation.", spec)
    assert not claims_false("Mediation is the largest channel.", spec)
    assert claims_false("Disputes by channel; the largest is legal aid.", spec)
    assert claims_false("Disputes by channel; the largest is petitions.", spec)  # not in the chart at all


def test_the_check_catches_an_order_and_a_log_scale_not_drawn():
    spec = {"datasets": {"d": [{"order": 0, "measures": 5}, {"order": 1, "measures": 2}]}}
    assert claims_false("by measures, fewest first", spec)
    assert claims_false("dots on a log scale", spec)


def test_the_check_catches_a_mark_the_chart_does_not_draw():
    dots = {"layer": [{"mark": {"type": "point", "filled": True}}, {"mark": {"type": "text"}}]}
    assert marks_false("The log scale is needed to show all the bars.", dots)
    assert not marks_false("The log scale is needed to show all the dots.", dots)
    assert claims_false("Horizontal bar chart of 2 figures.", {"mark": "point"}) == [
        "says bars, but the chart draws ['point']"
    ]
    assert not claims_false("The figures of the service line, one bar each.", {"mark": "bar"})
    assert claims_false("the rate is drawn as a line to 100%", {"mark": "bar"})
    assert not claims_false("a change of 3 percentage points", {"mark": "bar"})
