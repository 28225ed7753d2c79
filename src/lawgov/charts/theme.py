"""The book's one Altair theme, registered and enabled on import of ``lawgov.charts``.

Okabe-Ito colours (safe for the common forms of colour blindness), a CJK-capable font
stack, and a white card background so a chart reads the same in the book's light and
dark modes. Charts render as SVG (crisp in print and the PDF edition) without the
vega-embed action menu.
"""

from __future__ import annotations

import json

import altair as alt

from lawgov.analysis.vocabulary import INK, MUTED, OKABE_ITO

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'


@alt.theme.register("lawgov", enable=True)
def lawgov_theme() -> alt.theme.ThemeConfig:
    label = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelColor": INK,
        "titleColor": INK,
        "labelFontSize": 12,
        "titleFontSize": 12,
    }
    return {
        "background": "#ffffff",
        "padding": 8,
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 520, "continuousHeight": 300},
            # labelSeparation: tick labels closer than 4 px are thinned (Vega's overlap rule), not
            # run together ("101001,000") when a phone's column narrows the plot
            "axis": {
                **label,
                "gridColor": "#e6e6e6",
                "domainColor": MUTED,
                "tickColor": MUTED,
                "labelLimit": 400,
                "labelSeparation": 4,
            },
            "legend": {**label, "labelLimit": 320, "orient": "bottom", "direction": "horizontal", "columns": 3},
            "header": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "titleFontSize": 13,
                "labelColor": INK,
            },
            "title": {
                "font": FONT,
                "fontSize": 14,
                "color": INK,
                "anchor": "start",
                "subtitleFont": FONT,
                "subtitleColor": MUTED,
            },
            "text": {"font": FONT, "fontSize": 12, "color": INK},
            "range": {"category": OKABE_ITO},
            "bar": {"color": OKABE_ITO[0]},
            "point": {"color": OKABE_ITO[0], "filled": True, "size": 80},
        },
    }


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over_white(colour: str, opacity: float) -> str:
    """The colour a fill of ``opacity`` shows on the charts' white card."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c * opacity + 255 * (1 - opacity)):02x}" for c in channels)


def text_on(fill: str, opacity: float = 1.0) -> str:
    """The colour of a label drawn on a mark of ``fill``: the book's ink, else white, else black,
    the first that reads at WCAG AA (4.5:1) on it (on the Okabe-Ito vermilion only black does)."""
    shown = over_white(fill, opacity)
    for colour in (INK, "#ffffff", "#000000"):
        if contrast(colour, shown) >= 4.5:
            return colour
    return max((INK, "#ffffff", "#000000"), key=lambda c: contrast(c, shown))


alt.renderers.set_embed_options(renderer="svg", actions=False)


class _InertJSON(json.JSONEncoder):
    """JSON that cannot end the <script> it sits in.

    Altair writes each chart's spec, with its data, into a <script> block; a label holding
    ``</script><script>...`` would close that block and run as the page's own code. In JSON,
    ``<``, ``>`` and ``&`` occur only inside strings, where ``\\u003c`` is the same character
    to the JavaScript that reads it: the chart shows exactly the same text.
    """

    def encode(self, o):  # type: ignore[no-untyped-def]
        return super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


alt.renderers.options["json_kwds"] = {"cls": _InertJSON}
