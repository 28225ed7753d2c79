"""Fill the data's notes from their templates (``lawgov.dataset.templates``) with the report's own numbers.

The frames hold the filled text, so every reader of a note (tables, cards, the data package)
sees the same numbers as the figures and the audit. Validation has already checked every
placeholder; the report's values and audit are only worked out when a text has one.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from lawgov.dataset import arithmetic
from lawgov.dataset.load import ReportData
from lawgov.dataset.numerals import find_value
from lawgov.dataset.templates import BRACED, NUMERIC_ATTRS, placeholders
from lawgov.frames.values import number, value_en, value_zh


class Numbers:
    """What the placeholders of one report's texts can name: its figures and its audit."""

    def __init__(self, rd: ReportData):
        self.rd = rd

    @cached_property
    def figures(self) -> dict[str, dict[str, Any]]:
        out = {}
        for e in self.rd.figures:
            f = e.model
            printed = find_value(f.value, f.quote)
            out[f.id] = {
                "value": f.value,
                "unit_zh": f.unit_zh,
                "unit_en": f.unit_en,
                "qualifier": f.qualifier,
                "value_text": printed.text if printed else None,
                "decimals": printed.decimals if printed else None,
            }
        return out

    @cached_property
    def results(self) -> dict[str, arithmetic.Result]:
        figs = {e.model.id: e.model for e in self.rd.figures}
        return {e.model.id: arithmetic.evaluate(e.model, figs) for e in self.rd.relations}

    def text(self, name: str, attr: str, spec: str) -> str:
        if name in self.figures:
            f = self.figures[name]
            return {"": value_en, "zh": value_zh}[attr](f) if attr != "number" else number(f["value"], f["decimals"])
        r = self.results[name]
        value = getattr(r, attr)
        if attr not in NUMERIC_ATTRS:
            return str(value)
        if value is None:
            return "not computed"
        return format(value, spec) if spec else number(round(value, 4))


def fill(text: Any, numbers: Numbers) -> Any:
    """``text`` with every placeholder replaced (other values, and texts without one, unchanged)."""
    if not isinstance(text, str) or not BRACED.search(text):
        return text
    for p in placeholders(text):
        text = text.replace(p.written, numbers.text(p.name, p.attr, p.spec), 1)
    return text
