"""The book's one vocabulary: labels of parts, periods, verdicts and confidence, and their colours.

Charts, tables, prose and exports take their words and colours from here, so that "Part 4"
or the colour of "to the end of October" cannot differ between two pages. Colours are
Okabe & Ito's (2008) palette, safe for the common forms of colour blindness.
"""

from __future__ import annotations

import typing

from lawgov.dataset.arithmetic import (  # noqa: F401 (VERDICTS re-exported)
    BOUND,
    EXACT,
    IMPLIED,
    INCONSISTENT,
    ROUNDED,
    TRUNCATED,
    UNCHECKABLE,
    VERDICTS,
)
from lawgov.dataset.schema import PeriodBasis

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
# Four palettes, each with one meaning in every chart (book/CONVENTIONS.md, "Charts as one
# system"): parts, outcomes, periods, and neutral greys for any other split. A part colour
# never stands for anything but its part, so a reader who has learnt "orange is Part 2" is
# never misled.

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
GREY = "#8a8a8a"
INK = "#1f1f1f"
MUTED = "#5a5a5a"
# Parts: Okabe & Ito's colours (safe for the common colour blindnesses), the preamble grey.
PART_COLOURS = {0: GREY, **{p: OKABE_ITO[p - 1] for p in range(1, 7)}}
# How a caption or a sentence names each part's colour (Okabe & Ito's own names).
PART_COLOUR_NAMES = {
    0: "grey",
    1: "blue",
    2: "orange",
    3: "bluish green",
    4: "reddish purple",
    5: "vermilion",
    6: "sky blue",
}

# Outcomes (what happened to what the report counts): one violet ramp, darkest for the
# outcome the report names first, and a pale grey for what the text leaves unstated.
OUTCOME_RAMP = ("#3c2a73", "#7b68b5", "#b3a8dc")
NOT_STATED = "#d3d3d3"


def outcome_colours(n: int, *, remainder: bool = False) -> list[str]:
    """Colours of n outcomes in the order the report gives them (then the unstated rest, if any)."""
    if n > len(OUTCOME_RAMP):
        raise ValueError(f"{n} outcomes: the outcome palette has {len(OUTCOME_RAMP)}")
    return list(OUTCOME_RAMP[:n]) + ([NOT_STATED] if remainder else [])


# Neutral greys, darkest first: splits that are neither parts, outcomes nor periods (the two
# groups of a pooled count, the readings of one sentence, the kinds of figure).
NEUTRAL_RAMP = ("#262626", "#5e5e5e", "#969696", "#c4c4c4", "#e4e4e4")
# A sequential scale (counts in a heatmap), pale to dark: ColorBrewer's YlGnBu, whose hue turns
# (yellow, green, blue) as it darkens, so neighbouring counts differ in more than grey to every
# kind of colour vision; each cell also prints its count, in ink or white (theme.text_on).
SEQUENTIAL_RAMP = ("#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58")


def sequential_colours(n: int) -> list[str]:
    """The colours of the counts 1..n, spread over the whole ramp (the palest for 1)."""
    if n <= 1:
        return list(SEQUENTIAL_RAMP[:1])
    last = len(SEQUENTIAL_RAMP) - 1
    return [SEQUENTIAL_RAMP[round(i * last / (n - 1))] for i in range(n)]


# --- how a figure's period is known (period_basis, data/figures) ----------------------------
# The pages count and colour periods by what the text states, never by the ISO period alone:
# a figure without period words carries the report's year as an assumption, not a statement.

PERIOD_BASES = typing.get_args(PeriodBasis)
# Short enough for a legend; the Chinese is the words the text uses.
PERIOD_BASIS_LABELS = {
    "whole_year": "stated: the whole year (全年)",
    "year_to_date": "stated: this year so far, no end stated (今年, 今年以来, 年初以来)",
    "to_date": "stated: to the end of October, no start stated (截止10月底)",
    "other": "stated: another period (去年, 2012?2013年度)",
    "reading": "no dates in the text, read by this book (十八大期间, 连续3年)",
    "not_stated": "not stated: the report's year assumed",
}
# For an axis label beside the period itself ("2012 · 全年").
PERIOD_BASIS_SHORT = {
    "whole_year": "全年",
    "year_to_date": "今年, 今年以来, 年初以来",
    "to_date": "截止10月底",
    "other": "stated otherwise",
    "reading": "this book's reading",
    "not_stated": "assumed",
}
PERIOD_BASIS_ZH = {
    "whole_year": "全年",
    "year_to_date": "今年、今年以来、年初以来",
    "to_date": "截止10月底",
    "other": "其他表述",
    "reading": "本书推定",
    "not_stated": "未写明（按报告年度推定）",
}
# Dark to pale as the statement weakens: the whole year darkest, an assumed year palest;
# amber for the October cut-off (the caveat a reader must see).
PERIOD_BASIS_COLOURS = {
    "whole_year": "#34495e",
    "year_to_date": "#7f93a8",
    "to_date": "#b07d00",
    "other": "#969696",
    "reading": "#c9a86a",
    "not_stated": "#cfcfcf",
}
# How a caption or a sentence names each colour (glue these, never type them).
PERIOD_BASIS_COLOUR_NAMES = {
    "whole_year": "dark slate",
    "year_to_date": "grey-blue",
    "to_date": "amber",
    "other": "mid grey",
    "reading": "sand",
    "not_stated": "pale grey",
}
if set(PERIOD_BASES) != set(PERIOD_BASIS_LABELS):
    raise RuntimeError("every period_basis of the schema needs its label and colour here")

# --- confidence in a framework's headings (data/frameworks.yaml) ----------------------------

CONFIDENCE_ORDER = ("confirmed", "likely", "unverified")
CONFIDENCE_SYMBOL = {"confirmed": "✓", "likely": "~", "unverified": "?"}
CONFIDENCE_LABEL = {c: f"{CONFIDENCE_SYMBOL[c]} {c}" for c in CONFIDENCE_ORDER}

# Short Chinese names of the parts, for chart axes and legends (the headings are long).
PART_SHORT_ZH = {p: {0: "序言", 6: "结语"}.get(p) or f"第{'一二三四五'[p - 1]}部分" for p in PARTS}

# --- audit verdicts (lawgov.dataset.arithmetic) ----------------------------------------------

# Verdicts that compare a computed value with a printed one (the rest derive or cannot).
COMPARED = (EXACT, ROUNDED, TRUNCATED, INCONSISTENT)
VERDICT_ZH = {
    EXACT: "完全一致",
    ROUNDED: "四舍五入后一致",
    TRUNCATED: "截断后一致",
    BOUND: "界限成立",
    IMPLIED: "可推算",
    INCONSISTENT: "不一致",
    UNCHECKABLE: "无法核对",
}
# Verdicts are the outcomes of this book's check: agreement in the outcome violets (darker
# = closer), derivations in taupe, an inconsistency in black, nothing checkable unstated-grey.
VERDICT_COLOURS = {
    EXACT: OUTCOME_RAMP[0],
    ROUNDED: OUTCOME_RAMP[1],
    TRUNCATED: OUTCOME_RAMP[2],
    BOUND: "#6b5b4b",
    IMPLIED: "#a8998a",
    INCONSISTENT: "#000000",
    UNCHECKABLE: NOT_STATED,
}

# Every colour of a palette other than the parts' (tests check no chart uses a part colour
# for anything but a part).
NON_PART_COLOURS = frozenset(
    [
        *OUTCOME_RAMP,
        NOT_STATED,
        *NEUTRAL_RAMP,
        *SEQUENTIAL_RAMP,
        *PERIOD_BASIS_COLOURS.values(),
        *VERDICT_COLOURS.values(),
    ]
)
