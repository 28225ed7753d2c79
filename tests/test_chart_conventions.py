"""Charts as one system (book/CONVENTIONS.md, "Charts as one system"), checked on every chart
of the built book, as the reader gets it (the specs the pages embed).

Part colours only for parts; outcomes, periods and verdicts each in their one palette; every
rate axis from 0 to 100 unless it says it is cut; no bar on a log axis; no vega-embed menu.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from lawgov.analysis import vocabulary
from lawgov.publish import chart_files

PART_COLOURS = {c.lower(): p for p, c in vocabulary.PART_COLOURS.items()}


def _charts(built) -> list[chart_files.Chart]:
    out = []
    for page in sorted(built.glob("*.html")):
        out += chart_files.charts_in(page.read_text(encoding="utf-8"), page.stem)
    return out


@pytest.fixture(scope="module")
def every_chart(built_book) -> list[chart_files.Chart]:
    found = _charts(built_book)
    assert len(found) >= 20
    return found


def _views(node, data=None) -> Iterator[tuple[dict, str | None]]:
    """(view, its dataset's name) for every single view of a spec (layers, concats, facets)."""
    if isinstance(node, dict):
        data = (node.get("data") or {}).get("name", data) if isinstance(node.get("data"), dict) else data
        if "mark" in node:
            yield node, data
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _views(child, data)
        if isinstance(node.get("spec"), dict):
            yield from _views(node["spec"], data)


def _mark(view: dict) -> str:
    m = view["mark"]
    return m if isinstance(m, str) else m.get("type", "")


def _colours(view: dict) -> list[tuple[str, list, list]]:
    """(field, domain, range) of a view's colour scales with explicit ranges."""
    enc = view.get("encoding", {})
    out = []
    for ch in ("color", "fill", "stroke"):
        c = enc.get(ch)
        if isinstance(c, dict) and "condition" in c and isinstance(c["condition"], dict) and "field" in c["condition"]:
            c = c["condition"]
        if isinstance(c, dict) and isinstance((c.get("scale") or {}).get("range"), list):
            out.append((c.get("field", ""), c["scale"].get("domain") or [], c["scale"]["range"]))
    return out


def _fixed_colours(view: dict) -> list[str]:
    enc = view.get("encoding", {})
    found = [view["mark"].get("color")] if isinstance(view["mark"], dict) else []
    for ch in ("color", "fill"):
        c = enc.get(ch)
        if isinstance(c, dict) and "value" in c:
            found.append(c["value"])
    return [f.lower() for f in found if isinstance(f, str)]


def _names_part(label: str, part: int) -> bool:
    return vocabulary.PART_LABELS[part].lower() in str(label).lower()


def test_part_colours_stand_only_for_parts(every_chart):
    wrong = []
    for chart in every_chart:
        datasets = chart.spec.get("datasets", {})
        for view, data in _views(chart.spec):
            for field, domain, rng in _colours(view):
                for label, colour in zip(domain, rng):
                    part = PART_COLOURS.get(str(colour).lower())
                    if part is not None and not _names_part(label, part):
                        wrong.append(
                            f"{chart.fig_id}: {field}={label!r} drawn in {vocabulary.PART_LABELS[part]}'s colour"
                        )
            for colour in _fixed_colours(view):
                part = PART_COLOURS.get(colour)
                rows = datasets.get(data, [])
                if part is not None and not all(_names_part(r.get("part", ""), part) for r in rows):
                    wrong.append(
                        f"{chart.fig_id}: a mark in {vocabulary.PART_LABELS[part]}'s colour draws rows of other parts"
                    )
    assert not wrong, "\n".join(wrong)


def test_outcomes_periods_and_verdicts_have_one_palette_each(every_chart):
    wrong, seen = [], set()
    palettes = {
        "basis_en": {vocabulary.PERIOD_BASIS_LABELS[b]: c for b, c in vocabulary.PERIOD_BASIS_COLOURS.items()},
        "label_en": {vocabulary.PERIOD_BASIS_LABELS[b]: c for b, c in vocabulary.PERIOD_BASIS_COLOURS.items()},
        "verdict": vocabulary.VERDICT_COLOURS,
    }
    for chart in every_chart:
        for view, _ in _views(chart.spec):
            for field, domain, rng in _colours(view):
                if field in palettes:
                    seen.add(field)
                    for label, colour in zip(domain, rng):
                        if palettes[field].get(label, "").lower() != str(colour).lower():
                            wrong.append(
                                f"{chart.fig_id}: {field} {label!r} in {colour}, not {palettes[field].get(label)}"
                            )
    by_id = {c.fig_id: c for c in every_chart}
    for fig_id in ("fig-p4-cleanup", "fig-p4-filings"):
        if fig_id in by_id:
            seen.add(fig_id)
            ranges = [r for v, _ in _views(by_id[fig_id].spec) for f, d, r in _colours(v) if f == "segment"]
            outcome = set(vocabulary.OUTCOME_RAMP) | {vocabulary.NOT_STATED}
            if not any(set(r) <= outcome and len(r) > 1 for r in ranges):
                wrong.append(f"{fig_id}: outcomes not in the outcome palette: {ranges}")
    assert not wrong, "\n".join(wrong)
    assert {"basis_en", "verdict"} <= seen, f"no chart coloured by { ({'basis_en', 'verdict'} - seen) }"


def test_rate_axes_run_from_0_to_100_or_say_they_are_cut(every_chart):
    wrong, n = [], 0
    for chart in every_chart:
        for view, _ in _views(chart.spec):
            for ch in ("x", "y"):
                enc = view.get("encoding", {}).get(ch)
                if not isinstance(enc, dict) or not str(enc.get("title", "")).lower().startswith("percent"):
                    continue
                n += 1
                domain = (enc.get("scale") or {}).get("domain")
                if domain != [0, 100] and not (domain and domain[1] == 100 and "axis cut" in enc["title"]):
                    wrong.append(f"{chart.fig_id}: percent axis {domain} titled {enc['title']!r}")
    assert n, "no percent axis found"
    assert not wrong, "\n".join(wrong)


def test_no_bar_on_a_log_axis(every_chart):
    wrong = []
    for chart in every_chart:
        for view, _ in _views(chart.spec):
            if _mark(view) != "bar":
                continue
            for ch in ("x", "y"):
                enc = view.get("encoding", {}).get(ch)
                if isinstance(enc, dict) and (enc.get("scale") or {}).get("type") == "log":
                    wrong.append(f"{chart.fig_id}: bars on a log {ch} axis")
    assert not wrong, "\n".join(wrong)


def test_no_vega_embed_menu(every_chart):
    assert all(c.embed_options.get("actions") is False for c in every_chart)


def test_the_palettes_are_apart_from_the_part_colours():
    assert not {c.lower() for c in vocabulary.NON_PART_COLOURS} & set(PART_COLOURS)
    assert vocabulary.outcome_colours(3, remainder=True)[-1] == vocabulary.NOT_STATED
    with pytest.raises(ValueError):
        vocabulary.outcome_colours(len(vocabulary.OUTCOME_RAMP) + 1)
    assert json.dumps(vocabulary.PERIOD_BASIS_COLOUR_NAMES) and set(vocabulary.PERIOD_BASIS_COLOUR_NAMES) == set(
        vocabulary.PERIOD_BASIS_COLOURS
    )


def _grey(colour: str) -> bool:
    c = str(colour).lstrip("#").lower()
    return len(c) == 6 and c[0:2] == c[2:4] == c[4:6]


def test_no_categories_told_apart_by_shades_of_grey_alone(every_chart):
    """Three categories or more in greys only must differ in shape too, somewhere in the chart (the
    readings of one sentence: their points); a grey colour scheme (Vega's "greys") counts as greys."""
    wrong = []
    for chart in every_chart:
        # a field drawn in shapes anywhere in the chart (the points on a layer's lines)
        shaped = {(v.get("encoding", {}).get("shape") or {}).get("field") for v, _ in _views(chart.spec)} - {None}
        for view, _ in _views(chart.spec):
            enc = view.get("encoding", {})
            for ch in ("color", "fill"):
                c = enc.get(ch)
                if isinstance(c, dict) and isinstance(c.get("condition"), dict) and "field" in c["condition"]:
                    c = c["condition"]
                scale = (c or {}).get("scale") if isinstance(c, dict) else None
                if not isinstance(scale, dict):
                    continue
                if scale.get("scheme") in ("greys", "grays"):
                    wrong.append(f"{chart.fig_id}: {c.get('field')} on a grey scheme")
                rng = scale.get("range")
                if (
                    isinstance(rng, list)
                    and len(rng) >= 3
                    and all(_grey(r) for r in rng)
                    and c.get("field") not in shaped
                ):
                    wrong.append(f"{chart.fig_id}: {c.get('field')} told apart by {len(rng)} greys alone")
    assert not wrong, "\n".join(wrong)
