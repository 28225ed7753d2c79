"""The book's one vocabulary: labels of parts, periods, verdicts and confidence, and their colours.

Charts, tables, prose and exports take their words and colours from here, so that "Part 4"
or the colour of "January to October" cannot differ between two pages. Colours are
Okabe & Ito's (2008) palette, safe for the common forms of colour blindness.
"""
from __future__ import annotations

# --- parts of the report (P of P.S.M: 0 preamble, 1-5 the numbered parts, 6 closing) ----------

PARTS = range(0, 7)
# In reading order (charts sort their axes by it).
PART_LABELS = {p: {0: "Preamble", 6: "Closing"}.get(p, f"Part {p}") for p in PARTS}
# The preamble and closing have no heading in the report: these two labels are the book's.
PART_FRAME_ZH = {0: "序言", 6: "结语"}


def part_label(part: int) -> str:
    """Preamble, Part 1 ... Part 5, Closing."""
    return PART_LABELS[int(part)]


def part_zh(part: int, marker: str = "", heading_zh: str = "") -> str:
    """The part's Chinese heading with its marker (一、统筹推进 ...), or 序言 / 结语."""
    return PART_FRAME_ZH.get(int(part)) or f"{marker}{heading_zh}"


# --- colours ------------------------------------------------------------------------------

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
GREY = "#8a8a8a"
INK = "#1f1f1f"
MUTED = "#5a5a5a"
PART_COLOURS = {0: GREY, **{p: OKABE_ITO[p - 1] for p in range(1, 7)}}

# --- periods a figure covers ----------------------------------------------------------------

from lawgov.frames.tidy import FULL_YEAR, JAN_TO_OCT, OTHER_PERIOD  # noqa: E402 (the classes figures() computes)

PERIOD_CLASSES = (FULL_YEAR, JAN_TO_OCT, OTHER_PERIOD)
PERIOD_CLASS_ZH = {FULL_YEAR: "全年", JAN_TO_OCT: "1月至10月底", OTHER_PERIOD: "其他时期"}
PERIOD_COLOURS = {FULL_YEAR: OKABE_ITO[0], JAN_TO_OCT: OKABE_ITO[1], OTHER_PERIOD: GREY}

# --- confidence in a framework's headings (data/frameworks.yaml) ----------------------------

CONFIDENCE_ORDER = ("confirmed", "likely", "unverified")
CONFIDENCE_SYMBOL = {"confirmed": "✓", "likely": "~", "unverified": "?"}
CONFIDENCE_LABEL = {c: f"{CONFIDENCE_SYMBOL[c]} {c}" for c in CONFIDENCE_ORDER}

# Short Chinese names of the parts, for chart axes and legends (the headings are long).
PART_SHORT_ZH = {p: {0: "序言", 6: "结语"}.get(p) or f"第{'一二三四五'[p - 1]}部分" for p in PARTS}

# --- audit verdicts (lawgov.dataset.arithmetic) ----------------------------------------------

from lawgov.dataset.arithmetic import (  # noqa: E402,F401 (VERDICTS re-exported)
    BOUND, EXACT, IMPLIED, INCONSISTENT, ROUNDED, TRUNCATED, UNCHECKABLE, VERDICTS,
)

# Verdicts that compare a computed value with a printed one (the rest derive or cannot).
COMPARED = (EXACT, ROUNDED, TRUNCATED, INCONSISTENT)
VERDICT_ZH = {EXACT: "完全一致", ROUNDED: "四舍五入后一致", TRUNCATED: "截断后一致", BOUND: "界限成立",
              IMPLIED: "可推算", INCONSISTENT: "不一致", UNCHECKABLE: "无法核对"}
# agreement in greens and blues, derivations in purple and sky, inconsistent in vermillion, grey for nothing
VERDICT_COLOURS = {EXACT: OKABE_ITO[2], ROUNDED: OKABE_ITO[5], TRUNCATED: OKABE_ITO[1], BOUND: OKABE_ITO[0],
                   IMPLIED: OKABE_ITO[3], INCONSISTENT: OKABE_ITO[4], UNCHECKABLE: GREY}
