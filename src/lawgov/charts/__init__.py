"""Altair charts of the report's figures. Importing this package registers the theme.

Every builder takes tidy frames from ``lawgov`` (never raw YAML), keeps only the columns
a chart draws or shows in its tooltip, and gives every mark a tooltip with the English
label, the Chinese label, the value with unit and qualifier, and the figure id.
"""
from lawgov.charts import notebook as _notebook  # noqa: F401  (the renderer: Vega from the book or the Jupyter server, never a CDN)
from lawgov.charts import theme as _theme  # noqa: F401  (registers and enables the theme)
from lawgov.charts.figures import bars, composition, funnel, overview, rates, speedup_readings, timeline

__all__ = ["bars", "composition", "funnel", "rates", "timeline", "overview", "speedup_readings"]
from lawgov.charts import (  # noqa: E402,F401  (charts.audit.*, charts.crosswalk.*, charts.writing.*)
    audit,
    crosswalk,
    pages,  # noqa: E402,F401  (front pages and closing: charts.pages.cards, .capture_layout, .area_coverage)
    parts,  # noqa: E402,F401  (chapter charts: charts.parts.devolution, .pooled, .ladder, .report_structure)
    writing,
)
