"""Altair charts of the report's figures. Importing this package registers the theme.

Every builder takes tidy frames from ``lawgov`` (never raw YAML), keeps only the columns
a chart draws or shows in its tooltip, and gives every mark a tooltip with the English
label, the Chinese label, the value with unit and qualifier, and the figure id.
"""

# Importing any chart module runs this file first, so the theme and the renderer (Vega from the
# book or the Jupyter server, never a CDN) are registered once here, for every chart. The chart
# modules are the package's namespaces: charts.parts.ladder, charts.pages.cards, ...
from lawgov.charts import audit, crosswalk, notebook, pages, parts, theme, writing
from lawgov.charts.figures import bars, composition, funnel, rates, speedup_readings, timeline

__all__ = [
    "bars",
    "composition",
    "funnel",
    "rates",
    "timeline",
    "speedup_readings",
    "audit",
    "crosswalk",
    "notebook",
    "pages",
    "parts",
    "theme",
    "writing",
]
